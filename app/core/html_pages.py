"""Headers of the pages the API serves as HTML (the public notice, the printable report).

Both are self-contained: inline CSS, no script, nothing from elsewhere. The policy says so
to the browser, so that user data written into a page could not run even if escaping ever
slipped (nosniff comes with every answer, from the request context).
"""

from __future__ import annotations

PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"


def page_headers(language: str) -> dict[str, str]:
    """`Content-Language` and the page's `Content-Security-Policy`."""
    return {"Content-Language": language, "Content-Security-Policy": PAGE_POLICY}

"""Headers of the pages the API serves as HTML (the public notice, the printable report).

Both are self-contained: inline CSS, no script, nothing from elsewhere. The policy says so
to the browser, so that user data written into a page could not run even if escaping ever
slipped (nosniff comes with every answer, from the request context).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"


def page_headers(language: str) -> dict[str, str]:
    """`Content-Language` and the page's `Content-Security-Policy`."""
    return {"Content-Language": language, "Content-Security-Policy": PAGE_POLICY}


@dataclass(frozen=True)
class Notice:
    """A public notice (公告) as printed: a title, the legal basis, the facts of this copy
    (date, counts, filters), a table whose rows the caller renders (escaped), and notes."""

    title: str
    as_of: str
    basis: str
    facts: Sequence[tuple[str, str]]
    columns: Sequence[str]
    rows_html: str
    when_empty: str
    notes: Sequence[str]
    css: str


def notice_page(notice: Notice) -> str:
    """The notice as one self-contained HTML page (inline CSS, no script, nothing external)."""
    details = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in notice.facts)
    head = "".join(f"<th>{escape(c)}</th>" for c in notice.columns)
    rows = notice.rows_html or (
        f'<tr><td colspan="{len(notice.columns)}">{escape(notice.when_empty)}</td></tr>'
    )
    notes = "".join(f'<p class="note">{escape(n)}</p>\n' for n in notice.notes)
    title = escape(notice.title)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title} — {escape(notice.as_of)}</title>\n<style>{notice.css}</style>\n"
        f"</head>\n<body>\n<h1>{title}</h1>\n"
        f'<p class="basis">{escape(notice.basis)}</p>\n<dl>{details}</dl>\n'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>\n"
        f"{notes}</body>\n</html>\n"
    )

"""A headless Chromium for the page tests: the machine's own browser, never a downloaded one.

The tests are skipped, with the reason, only when the browser or the playwright package is
missing; anything else that goes wrong (a crash, a page that does not render) fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Debian's `chromium` package; another build can be named with ANXIN_TEST_CHROMIUM.
CHROMIUM = Path(os.environ.get("ANXIN_TEST_CHROMIUM", "/usr/bin/chromium"))
# Root in a container with a closed network: no sandbox (it needs user namespaces), no GPU,
# and nothing that would try to reach the internet on its own (updates, sync, QUIC probes).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Package scope, not session: Playwright's sync API runs an event loop in the main thread
# while it is open, and the suite's later tests call asyncio.run(), which refuses to start
# inside a running loop.
@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the playwright package is not installed (pip install -e '.[dev]')",
    )
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()

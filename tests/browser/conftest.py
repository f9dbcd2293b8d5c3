"""A headless Chromium for the page tests: the machine's own browser, never a downloaded one.

They never skip: `make test` installs Chromium and a CJK font where it can
(scripts/test_machine.py), and where the browser or the playwright package is still missing the
tests fail naming the missing piece, so that a machine without them cannot pass by not looking.
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
    try:
        from playwright import sync_api
    except ImportError:
        pytest.fail("the playwright package is not installed (pip install -e '.[dev]')")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no Chromium at {CHROMIUM}: run scripts/test_machine.py as root")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()

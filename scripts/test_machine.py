"""Provide what the test suite needs from the machine beyond Python packages, or name what is
missing: Debian's Chromium and a CJK font, for the printable pages in a real browser
(tests/browser, docs/browser-tests.md).

Usage: ``python scripts/test_machine.py`` (``make test`` runs it before the lanes).

As root on a machine with apt-get, missing packages are installed (``apt-get install
--no-install-recommends chromium fonts-noto-cjk``, after an ``apt-get update`` when the package
lists do not know them yet). Otherwise each missing piece is named with the command that
provides it, and the exit status is 1: the suite would fail on it, and a failing setup step
says why sooner and more plainly than a failing test. ``ANXIN_TEST_CHROMIUM`` names another
Chromium build, which is then only checked, never installed.

Exit status: 0 when everything is there (or was installed), 1 otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ENV = "ANXIN_TEST_CHROMIUM"
APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


@dataclass(frozen=True)
class Need:
    what: str
    package: str  # the Debian package that provides it
    present: Callable[[], bool]
    # A build named by hand (ANXIN_TEST_CHROMIUM) is the user's to provide, not apt's.
    installable: bool = True


def cjk_fonts() -> list[str]:
    """Fonts that fontconfig (which Chromium uses on Linux) says cover Chinese."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    result = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return [line for line in result.stdout.splitlines() if line.strip()]


def needs() -> list[Need]:
    chromium = Path(os.environ.get(CHROMIUM_ENV) or DEBIAN_CHROMIUM)
    return [
        Need(
            f"Chromium at {chromium}",
            "chromium",
            lambda: os.access(chromium, os.X_OK),
            installable=chromium == DEBIAN_CHROMIUM,
        ),
        # fontconfig comes with chromium; a CJK font is what the glyph checks need.
        Need(
            "a font with Chinese glyphs (fc-list :lang=zh)",
            "fonts-noto-cjk",
            lambda: bool(cjk_fonts()),
        ),
    ]


def can_install(missing: list[Need]) -> bool:
    if not all(need.installable for need in missing):
        return False
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def apt_install(packages: list[str]) -> bool:
    install = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    known = subprocess.run(
        ["apt-cache", "policy", *packages], capture_output=True, text=True, check=False
    )
    if known.returncode != 0 or "Candidate: (none)" in known.stdout or not known.stdout.strip():
        subprocess.run(["apt-get", "update", "-q"], env=APT_ENV, check=False)
    return subprocess.run(install, env=APT_ENV, check=False).returncode == 0


def main() -> int:
    missing = [need for need in needs() if not need.present()]
    if not missing:
        return 0
    packages = sorted({need.package for need in missing})
    if can_install(missing):
        print(f"test_machine: installing {' '.join(packages)} for tests/browser", flush=True)
        apt_install(packages)
        missing = [need for need in missing if not need.present()]
        if not missing:
            return 0
    print("test_machine: the test suite needs, and this machine lacks:", file=sys.stderr)
    for need in missing:
        print(f"  - {need.what}: apt-get install {need.package}", file=sys.stderr)
    print(
        "The browser tests (tests/browser, docs/browser-tests.md) would fail without them.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())

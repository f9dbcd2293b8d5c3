"""scripts/test_machine.py: what the suite needs from the machine is provided or named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "test_machine.py"


def run_script(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_a_missing_browser_it_cannot_install_is_named_and_fails(tmp_path: Path) -> None:
    # A build named by hand is never installed by apt: the script can only name it.
    result = run_script(ANXIN_TEST_CHROMIUM=str(tmp_path / "chrome"))
    assert result.returncode == 1
    assert f"Chromium at {tmp_path / 'chrome'}" in result.stderr
    assert "apt-get install chromium" in result.stderr


def test_this_machine_has_what_the_browser_tests_need() -> None:
    # make test ran the script before the lanes; on this machine it must have succeeded.
    result = run_script()
    assert result.returncode == 0, result.stderr

"""Fault tests: real processes killed, a database server stopped, a disk filled.

They take minutes, not seconds, so they are not part of the normal run: collected with the
rest of tests/ but deselected unless tests/faults (or a file in it) is named on the command
line, as `make faults` does. See docs/faults.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FAULTS_DIR = Path(__file__).resolve().parent


def _named_on_command_line(config: pytest.Config) -> bool:
    invoked_in = config.invocation_params.dir
    for argument in config.args:
        target = (invoked_in / argument.split("::", 1)[0]).resolve()
        if target == FAULTS_DIR or FAULTS_DIR in target.parents:
            return True
    return False


def _is_fault_test(item: pytest.Item) -> bool:
    return FAULTS_DIR in item.path.parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _named_on_command_line(config):
        return
    left_out = [item for item in items if _is_fault_test(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not _is_fault_test(item)]
        config.stash[_LEFT_OUT] = len(left_out)


_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    left_out = terminalreporter.config.stash.get(_LEFT_OUT, 0)
    if left_out:
        terminalreporter.write_line(
            f"{left_out} fault tests in tests/faults deselected: run them with `make faults`"
        )

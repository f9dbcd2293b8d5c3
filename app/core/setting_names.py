"""`ANXIN_*` variables that are no setting: named at start, with the closest setting.

pydantic-settings ignores a variable no field reads, so a typo is silent: a mistyped
`ANXIN_DATA_DIR` left the data in ./var. The service and the CLI therefore warn about every
`ANXIN_*` variable (from the environment or `.env`) that is neither a setting nor one of the
few names read elsewhere on purpose (`NOT_SETTINGS`, `NOT_SETTING_PREFIXES`).
"""

from __future__ import annotations

import difflib
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

from app.core.config import Settings

PREFIX = "ANXIN_"
# Read by one CLI command each, not settings of the service (app/cli/main.py), and by the
# benchmarks' load generator (bench/blacklist_lookup.py hands them to bench/lua/lookups.lua).
NOT_SETTINGS = frozenset(
    {"ANXIN_BOOTSTRAP_PASSWORD", "ANXIN_DEMO_PASSWORD", "ANXIN_TOKEN", "ANXIN_CODES"}
)
# Knobs of the test suite (lanes, fuzzing, as-of properties) and of the soak benchmark's
# memory probe: set around the service, never read by it.
NOT_SETTING_PREFIXES = ("ANXIN_TEST_", "ANXIN_FUZZ_", "ANXIN_ASOF_", "ANXIN_SOAK_")

logger = logging.getLogger("anxin.config")


def setting_names() -> list[str]:
    """Every setting's variable name, as docs/deploy.md lists them."""
    return [PREFIX + name.upper() for name in Settings.model_fields]


def closest_setting(name: str) -> str | None:
    """The setting `name` was most likely meant to be, if any is close enough."""
    # Compared without the prefix every name shares, which would make anything look close.
    suffixes = [setting.removeprefix(PREFIX) for setting in setting_names()]
    close = difflib.get_close_matches(name.upper().removeprefix(PREFIX), suffixes, n=1)
    return PREFIX + close[0] if close else None


def unknown_variables(names: list[str]) -> list[str]:
    """The `ANXIN_*` names among `names` that nothing reads, sorted, each once. Names are
    compared in capitals, as pydantic-settings matches them regardless of case."""
    known = set(setting_names()) | NOT_SETTINGS
    unknown = {
        name
        for name in names
        if name.upper().startswith(PREFIX)
        and name.upper() not in known
        and not name.upper().startswith(NOT_SETTING_PREFIXES)
    }
    return sorted(unknown)


def unknown_variable_warnings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> list[str]:
    """One sentence per unknown variable of the environment and of `.env` (where the
    settings read it: the working directory)."""
    names = list(os.environ if environ is None else environ)
    sources = dict.fromkeys(names, "the environment")
    if env_file is not None and env_file.is_file():
        for name in dotenv_values(env_file):
            sources.setdefault(name, str(env_file))
            names.append(name)
    warnings = []
    for name in unknown_variables(names):
        closest = closest_setting(name)
        advice = f"did you mean {closest}?" if closest else "the settings are in docs/deploy.md"
        warnings.append(f"{name} (in {sources[name]}) is not a setting and is ignored; {advice}")
    return warnings


def log_unknown_variables() -> None:
    """Warn through the service's logging (for `serve`, the worker, anything logging)."""
    for warning in unknown_variable_warnings():
        logger.warning(warning)


def print_unknown_variables() -> None:
    """Warn on stderr, for CLI commands that configure no logging."""
    for warning in unknown_variable_warnings():
        print(f"anxin: warning: {warning}", file=sys.stderr)

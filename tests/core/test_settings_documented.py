"""Every setting is in the operators' table of docs/deploy.md: a setting nobody can find
is one nobody sets, and one documented but gone misleads."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.config import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


def test_every_setting_is_documented_and_every_documented_one_exists() -> None:
    documented = set(re.findall(r"`ANXIN_([A-Z0-9_]+)`", DEPLOY.read_text(encoding="utf-8")))
    settings = {name.upper() for name in Settings.model_fields}
    assert settings - documented == set(), "add these to docs/deploy.md"
    assert documented - settings == set(), "docs/deploy.md names settings that do not exist"

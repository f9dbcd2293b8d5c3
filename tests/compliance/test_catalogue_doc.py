"""docs/rules.md lists every rule the engine applies."""

from __future__ import annotations

from pathlib import Path

from app.compliance.packs import PACKS

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_every_rule_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for pack in PACKS.values():
        assert f"`{pack.id}`" in text
        for rule in pack.rules:
            assert f"| {rule.id} | {rule.article} | {rule.title.zh}" in text, rule.id

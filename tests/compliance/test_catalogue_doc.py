"""docs/rules.md is what the packs render: the page lists exactly the rules the engine applies."""

from __future__ import annotations

from pathlib import Path

from app.compliance import rules_doc
from app.compliance.packs import PACKS

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_the_committed_page_is_the_rendered_catalogue() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_doc.render(), "run `anxin rules-doc`"


def test_every_rule_appears_with_its_article_and_title() -> None:
    text = rules_doc.render()
    for pack in PACKS.values():
        for rule in pack.rules:
            assert f"| {rule.id} | {rule.article} | {rule.title.zh}" in text, rule.id

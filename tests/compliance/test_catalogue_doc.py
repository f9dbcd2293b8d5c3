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


def test_every_quoted_article_is_shown_beside_its_rule() -> None:
    text = rules_doc.render()
    for pack in PACKS.values():
        for rule in pack.rules:
            if rule.article_text is not None:
                beside = text.split(f"**{rule.id}** — ", 1)[1]
                assert beside.startswith(rule.title.en), rule.id
                first_paragraph = rule.article_text.zh.split("\n")[0]
                assert f"> {first_paragraph}" in beside.split("**", 1)[0], rule.id


def test_every_rule_of_every_pack_quotes_its_article() -> None:
    unquoted = [r.id for pack in PACKS.values() for r in pack.rules if r.article_text is None]
    assert unquoted == []


def test_the_district_pack_quotes_the_seed_word_for_word() -> None:
    """Every passage between the elisions is in the seed as published (docs/sources)."""
    seed = (DOC.parent / "sources" / "huiji-2014-53.txt").read_text(encoding="utf-8")
    published = seed.replace("\n", "")
    for rule in PACKS["huiji-2014"].rules:
        assert rule.article_text is not None
        assert rule.article_text.zh.startswith(f"{rule.article}. "), rule.id
        for passage in rule.article_text.zh.split("……"):
            assert passage.strip() in published, (rule.id, passage[:40])

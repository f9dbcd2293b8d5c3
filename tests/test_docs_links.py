"""The documentation stands on its own in a clone: every relative link in README.md and docs/
reaches a file of the repository, every #anchor a heading of its page (GitHub's slugs), and
no page points outside the repository at the notes the project began with (../shared)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"(`+).*?\1")
# [text](target) and ![alt](target); the target may be followed by a "title".
_INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]"  # the text, which may hold one level of brackets
    r"\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)"  # (target "title")
)
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _prose_lines(text: str) -> list[str]:
    """The page's lines outside fenced code blocks, inline code blanked out."""
    lines, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(_INLINE_CODE.sub("", line))
    return lines


def links_of(text: str) -> list[str]:
    lines = _prose_lines(text)
    # A link's text may wrap onto the next line, as it does in the pages.
    targets: list[str] = _INLINE_LINK.findall("\n".join(lines))
    for line in lines:
        reference = _REFERENCE.match(line)
        if reference:
            targets.append(reference.group(1))
    return targets


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text as shown, lower-cased, every character but
    letters, marks, digits, connector punctuation (`_`), spaces and hyphens dropped, spaces
    made hyphens."""
    shown = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "")
    kept = "".join(
        c
        for c in shown.lower()
        if c in " -" or unicodedata.category(c)[0] in "LMN" or unicodedata.category(c) == "Pc"
    )
    return kept.replace(" ", "-")


def anchors_of(text: str) -> set[str]:
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for line in _prose_lines_keeping_code(text):
        heading = _HEADING.match(line)
        if heading is None:
            continue
        base = slug(heading.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchors.add(base if count == 0 else f"{base}-{count}")
    return anchors


def _prose_lines_keeping_code(text: str) -> list[str]:
    """Lines outside fenced code blocks, inline code kept (headings show it as text)."""
    lines, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def broken_links(text: str, directory: Path) -> list[str]:
    """What is wrong with each relative link of a page in `directory` holding `text`."""
    problems: list[str] = []
    for target in links_of(text):
        if not target or _SCHEME.match(target) or target.startswith("//"):
            continue
        path_part, _, anchor = target.partition("#")
        if not path_part:
            if unquote(anchor) not in anchors_of(text):
                problems.append(f"{target}: no such heading on this page")
            continue
        destination = (directory / unquote(path_part)).resolve()
        if not destination.is_relative_to(ROOT):
            problems.append(f"{target}: outside the repository")
        elif not destination.exists():
            problems.append(f"{target}: no such file")
        elif (
            anchor
            and destination.suffix == ".md"
            and unquote(anchor) not in anchors_of(destination.read_text(encoding="utf-8"))
        ):
            problems.append(f"{target}: no heading #{anchor} in {destination.name}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_inside_the_repository(page: Path) -> None:
    assert broken_links(page.read_text(encoding="utf-8"), page.parent) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_points_at_the_notes_outside_the_repository(page: Path) -> None:
    assert "../shared" not in page.read_text(encoding="utf-8")


def test_the_pages_are_found_and_have_links() -> None:
    # Guards the checks above against passing on nothing.
    assert ROOT / "README.md" in PAGES
    assert ROOT / "docs" / "architecture.md" in PAGES
    assert len(links_of((ROOT / "README.md").read_text(encoding="utf-8"))) >= 10


def test_slugs_follow_githubs_rules() -> None:
    assert slug("A request's life") == "a-requests-life"
    assert slug("`huiji-2014` (version 2014.1)") == "huiji-2014-version-20141"
    assert slug('"DESIGN §N" in older texts') == "design-n-in-older-texts"
    assert slug("API1:2023 Broken Object Level Authorization") == (
        "api12023-broken-object-level-authorization"
    )
    assert slug("The seed document: 惠政文〔2014〕53号") == "the-seed-document-惠政文201453号"
    assert slug("as_of and [links](x.md)") == "as_of-and-links"


def test_a_link_wrapped_over_two_lines_is_checked() -> None:
    text = "See [the parts and who\nimports whom](architecture.md#no-such-part).\n"
    assert links_of(text) == ["architecture.md#no-such-part"]


def test_a_broken_link_and_a_missing_heading_are_caught() -> None:
    text = (
        "# Here\n[ok](architecture.md#a-requests-life) [gone](nowhere.md) "
        "[bad](api.md#no-such) [self](#here) [lost](#there)\n\n```sh\n[in code](ignored.md)\n```\n"
    )
    assert broken_links(text, ROOT / "docs") == [
        "nowhere.md: no such file",
        "api.md#no-such: no heading #no-such in api.md",
        "#there: no such heading on this page",
    ]


def test_a_link_leaving_the_repository_is_caught() -> None:
    text = "[notes](../../shared/DESIGN.md) [up](../README.md)\n"
    assert broken_links(text, ROOT / "docs") == ["../../shared/DESIGN.md: outside the repository"]

"""docs/rules.md rendered from the packs, so the page can never disagree with the engine.

Regenerate with `anxin rules-doc`; a test fails when the committed page differs.
"""

from __future__ import annotations

from app.compliance.model import Pack
from app.compliance.packs import PACKS

_INTRO = """# Rules

The rule packs the compliance engine applies, as in `GET /v1/compliance/packs/{pack}/rules`.
This page is generated from the code (`anxin rules-doc`); a test fails when it drifts.
"""

_OUTRO = """
Statuses: `pass`, `fail`, `not_applicable`, `unknown` (the data to decide is missing; the
finding says what to record). A finding carries evidence (record ids, or what is lacking) and a
due date where one applies.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _pack_section(pack: Pack) -> str:
    lines = [
        f"## `{pack.id}` (version {pack.version})",
        "",
        f"{pack.title.zh} — {pack.title.en}. Jurisdiction: region {pack.jurisdiction} and "
        f"below; effective from {pack.effective_from}.",
        "",
        "| rule | article | title | applies to | severity | remediation |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.id} | {r.article} | {_cell(r.title.zh)} / {_cell(r.title.en)} | "
        f"{_cell(r.applicability.en)} | {r.severity.value} | {_cell(r.remediation.en)} |"
        for r in pack.rules
    ]
    return "\n".join(lines) + "\n"


def render() -> str:
    return "\n".join([_INTRO, *(_pack_section(p) for p in PACKS.values())]) + _OUTRO

"""docs/rules.md rendered from the packs, so the page can never disagree with the engine.

Regenerate with `anxin rules-doc`; a test fails when the committed page differs.
"""

from __future__ import annotations

from typing import Any

from app.compliance.packs import PACKS
from app.compliance.rules import Pack
from app.compliance.trace import plain
from app.law.parameters import Parameter

_INTRO = """# Rules

The rule packs the compliance engine applies, as in `GET /v1/compliance/packs/{pack}/rules`.
This page is generated from the code (`anxin rules-doc`); a test fails when it drifts.
"""

_OUTRO = """
Statuses: `pass`, `fail`, `not_applicable`, `unknown` (the data to decide is missing; the
finding says what to record). Severities: `critical`, `major`, `minor`, and `advisory` (reported,
never making a standing fail); a rule may give a severity per branch (the catalogue shows the
strictest), and its findings then carry the branch's. A finding carries evidence (record ids,
or what is lacking), a due date where one applies, and a trace: the branch taken, every legal
value read (with its dates and source) and the records used (with their dates).
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
    lines += _article_texts(pack)
    lines += ["", "### Legal values", ""]
    lines += [
        "Each value applies from its date until the next; *provisional* values are not yet "
        "confirmed from a primary text, and findings that used one say so.",
        "",
        "| parameter | value | unit | from | source | rules |",
        "|---|---|---|---|---|---|",
    ]
    users: dict[str, list[str]] = {}
    parameters: dict[str, Parameter[Any]] = {}
    for rule in pack.rules:
        for parameter in rule.parameters:
            users.setdefault(parameter.key, []).append(rule.id)
            parameters[parameter.key] = parameter
    for key in sorted(parameters):
        parameter = parameters[key]
        for dated in parameter.values:
            mark = f" *provisional: {dated.note}*" if dated.provisional else ""
            if dated.note and not dated.provisional:
                mark = f" ({dated.note})"
            lines.append(
                f"| `{key}` | {_cell(_shown(dated.value))} | {parameter.unit} | "
                f"{dated.effective_from} | {_cell(dated.source.cite())}{_cell(mark)} | "
                f"{', '.join(users[key])} |"
            )
    return "\n".join(lines) + "\n"


def _article_texts(pack: Pack) -> list[str]:
    """The law beside the rule: each rule's duty and the article text it implements, quoted
    from the primary text, with its English rendering."""
    lines: list[str] = []
    for rule in pack.rules:
        if (text := rule.article_text) is None:
            continue
        lines += ["", f"**{rule.id}** — {rule.title.en} (duty `{rule.duty.key}`)", ""]
        for paragraph in text.zh.split("\n"):
            lines += [f"> {paragraph}", ">"]
        lines.append(f"> *{text.en}*")
    return ["", "### The law beside each rule", *lines] if lines else []


def _shown(value: Any) -> str:
    shown = plain(value)
    if isinstance(shown, list):
        return ", ".join(str(v) for v in shown)
    if isinstance(shown, dict):
        return ", ".join(f"{k}→{v}" for k, v in shown.items())
    return str(shown)


def render() -> str:
    return "\n".join([_INTRO, *(_pack_section(p) for p in PACKS.values())]) + _OUTRO

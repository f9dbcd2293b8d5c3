"""Adding a pack is adding one package (issue 20 item 6): a throwaway pack in a temporary
package is found, evaluated, catalogued and documented, and no code outside
app/compliance/packs names a pack or a rule."""

from __future__ import annotations

import ast
import re
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.compliance import rules_doc
from app.compliance.engine import judge
from app.compliance.packs import PACKS, discover
from app.compliance.rules import Pack, Status
from app.compliance.stack import stack_for
from tests.compliance.facts_builder import FactsBuilder
from tests.support.world import World

APP = Path(__file__).resolve().parents[2] / "app"
PACKS_DIR = APP / "compliance" / "packs"

THROWAWAY = '''
"""A throwaway pack for Zhengzhou (410100): one rule on the yearly commitment."""
from datetime import date

from app.compliance.packs.common_duties import SAFETY_COMMITMENT
from app.compliance.packs.verdicts import failed, passed
from app.compliance.rules import Pack, Rule, Severity, Text


def committed(facts):
    if facts.commitments:
        return passed("有承诺书。", "A commitment is on file.", (facts.commitments[0].id,))
    return failed("无承诺书。", "No commitment is on file.")


PACK = Pack(
    id="zz-test-2026",
    version="2026.1",
    title=Text("郑州测试规则包", "Zhengzhou test pack"),
    jurisdiction="410100",
    effective_from=date(2026, 1, 1),
    document="郑州测试文件",
    rules=(
        Rule(
            "ZZ2026-1.1",
            "1",
            Text("承诺书", "Commitment"),
            Text("所有企业", "All enterprises"),
            Text("签订承诺书。", "Sign a commitment."),
            Severity.MINOR,
            committed,
            duty=SAFETY_COMMITMENT,
            article_text=Text("企业应当签订安全承诺书。", "Enterprises sign a commitment."),
        ),
    ),
)
'''


@pytest.fixture
def throwaway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pack]:
    package = tmp_path / "zz_test_2026"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent(THROWAWAY), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = discover([str(tmp_path)], prefix="")
    assert list(found) == ["zz-test-2026"]
    pack = found["zz-test-2026"]
    monkeypatch.setitem(PACKS, pack.id, pack)
    yield pack
    sys.modules.pop("zz_test_2026", None)


def test_a_new_package_is_evaluated_in_its_jurisdiction(throwaway: Pack) -> None:
    day = date(2026, 6, 1)
    stack = stack_for("410108001", day)
    assert [p.id for p in stack.packs] == ["prc-2021", "henan-2019", "zz-test-2026", "huiji-2014"]
    assert "zz-test-2026" not in [p.id for p in stack_for("410300", day).packs]  # 洛阳
    evaluation = judge(stack, FactsBuilder().facts(day))
    commitment = next(v for v in evaluation.duties() if v.duty.key == "safety_commitment")
    assert [r.id for _, r, _ in commitment.findings] == ["ZZ2026-1.1", "HJ2014-21.1"]
    assert commitment.status is Status.FAIL


def test_a_new_package_is_catalogued_and_documented(throwaway: Pack, world: World) -> None:
    listed = world.client.get("/v1/compliance/packs", headers=world["a_viewer"].headers).json()
    entry = next(p for p in listed["data"] if p["id"] == "zz-test-2026")
    assert (entry["jurisdiction"], entry["duties"]) == ("410100", ["safety_commitment"])
    rules = world.client.get(
        "/v1/compliance/packs/zz-test-2026/rules", headers=world["a_viewer"].headers
    ).json()["data"]
    assert [r["id"] for r in rules] == ["ZZ2026-1.1"]
    page = rules_doc.render()
    assert "ZZ2026-1.1" in page
    assert "企业应当签订安全承诺书。" in page


_RULE_ID = re.compile(r"\b[A-Z]{2,}\d{4}-[A-Z]*\d")


def _code_strings(path: Path) -> list[str]:
    """The string literals of a module, less its docstrings (prose may give examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_code_outside_the_packs_names_a_pack_or_a_rule() -> None:
    pack_ids = set(PACKS)
    named = []
    for path in APP.rglob("*.py"):
        if PACKS_DIR in path.parents:
            continue
        for text in _code_strings(path):
            if _RULE_ID.search(text) or any(pack in text for pack in pack_ids):
                named.append(f"{path.relative_to(APP)}: {text[:60]!r}")
    assert named == []

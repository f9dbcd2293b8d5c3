"""docs/api.md's "Who may do what" is what the role tables grant: generated, never hand-kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.identity import roles_doc
from app.identity.roles import (
    ROLE_CAPABILITIES,
    Capability,
    OrganizationKind,
    Role,
    capabilities_of,
)

PAGE = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_the_page_holds_the_rendered_tables() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert roles_doc.section_of(page) == roles_doc.render(), "run `anxin roles-doc`"


def test_every_capability_is_explained() -> None:
    assert set(roles_doc.MEANING) == set(Capability)
    for capability in Capability:
        assert f"| `{capability.value}` | {roles_doc.MEANING[capability]} |" in roles_doc.render()


def test_each_row_lists_exactly_the_roles_capabilities() -> None:
    rows = roles_doc.render().splitlines()
    for kind, roles in ROLE_CAPABILITIES.items():
        for role, granted in roles.items():
            name = kind.value.replace("_", " ")
            (row,) = [r for r in rows if r.startswith(f"| {name} | `{role.value}` |")]
            listed = {c.strip(" `") for c in row.split("|")[3].split(",")}
            assert listed == {c.value for c in granted}


def test_a_regulators_admin_is_shown_unable_to_approve() -> None:
    # The misreading this page must prevent: roles read as cumulative ranks.
    admin = capabilities_of(OrganizationKind.REGULATOR, Role.ADMIN)
    assert Capability.BLACKLIST_APPROVE not in admin
    rows = roles_doc.render().splitlines()
    (row,) = [r for r in rows if r.startswith("| regulator | `admin` |")]
    assert "`blacklist:approve`" not in row
    (row,) = [r for r in rows if r.startswith("| regulator | `approver` |")]
    assert "`blacklist:approve`" in row


def test_the_command_rewrites_only_the_generated_block(tmp_path: Path) -> None:
    page = tmp_path / "api.md"
    original = PAGE.read_text(encoding="utf-8")
    stale = original.replace(roles_doc.render(), f"{roles_doc.START}\nold table\n{roles_doc.END}")
    page.write_text(stale, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "roles-doc", "--page", str(page)],
        env={**os.environ, "PYTHONPATH": str(PAGE.parents[1])},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert page.read_text(encoding="utf-8") == original

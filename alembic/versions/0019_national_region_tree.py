"""the national region tree: China, its provinces, prefectures and counties (GB/T 2260, 2024)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 22:30:00

The codes and names are the Ministry of Civil Affairs' 《中华人民共和国县以上行政区划代码》 as
of 2024-12-31, copied byte for byte from the dataset yescallop/areacodes (CC0 1.0),
data/2024.txt at commit eed219a0678d36bacaa717f62443b10e869f0291, into
alembic/data/gbt2260-2024.txt (sha256 4bfd0a05…0313; docs/regions.md, decision 102). The file
belongs to this migration and is never edited: a later edition is a new file and a new
migration. Above the provinces, `100000` 中华人民共和国 (decision 103).

Huiji District (410108) and its towns, seeded by 0003, keep their codes and names; the
district gets its parent (郑州市, 410100) and every row its level in the deeper tree
(0 China, 1 province, 2 prefecture, 3 county, 4 town, 5 village). Rows already present are
left alone, so the load is idempotent. The tree's structure is worked out here, not imported
from app/regions/containment.py: a migration must not change when app code does.
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EDITION = Path(__file__).resolve().parents[1] / "data" / "gbt2260-2024.txt"
NATIONAL_ROOT = ("100000", "中华人民共和国")
MUNICIPALITIES = {"11", "12", "31", "50"}
HUIJI = "410108"

regions = sa.table(
    "regions",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("parent_code", sa.String),
    sa.column("level", sa.Integer),
)


def _level(code: str) -> int:
    if code == NATIONAL_ROOT[0]:
        return 0
    if code.endswith("0000"):
        return 1
    if code.endswith("00") and code[:2] not in MUNICIPALITIES and code[2:4] != "90":
        return 2
    return 3


def _parent(code: str, known: set[str]) -> str | None:
    """The nearest enclosing division present: the prefecture, else the province, else China
    (municipalities' districts and a province's own `xx90xx` units have no prefecture)."""
    level = _level(code)
    if level == 0:
        return None
    candidates = [code[:4] + "00"] if level == 3 else []
    candidates += [code[:2] + "0000"] if level >= 2 else []
    return next((c for c in candidates if c in known), NATIONAL_ROOT[0])


def _edition() -> list[tuple[str, str]]:
    lines = EDITION.read_text(encoding="utf-8").splitlines()
    return [NATIONAL_ROOT] + [(line[:6], line[7:]) for line in lines if line]


def upgrade() -> None:
    connection = op.get_bind()
    present = set(connection.scalars(sa.select(regions.c.code)))
    divisions = _edition()
    known = {code for code, _ in divisions}
    rows = [
        {"code": code, "name": name, "parent_code": _parent(code, known), "level": _level(code)}
        for code, name in divisions
    ]
    # Parents before children: the foreign key is checked row by row.
    rows.sort(key=lambda row: (row["level"], row["code"]))
    op.bulk_insert(regions, [row for row in rows if row["code"] not in present])
    huiji = next(row for row in rows if row["code"] == HUIJI)
    op.execute(
        regions.update()
        .where(regions.c.code == HUIJI)
        .values(parent_code=huiji["parent_code"], level=huiji["level"])
    )
    length = sa.func.length(regions.c.code)
    op.execute(regions.update().where(length == 9).values(level=4))
    op.execute(regions.update().where(length == 12).values(level=5))


def downgrade() -> None:
    length = sa.func.length(regions.c.code)
    op.execute(regions.update().where(regions.c.code == HUIJI).values(parent_code=None, level=1))
    op.execute(regions.update().where(length == 9).values(level=2))
    op.execute(regions.update().where(length == 12).values(level=3))
    loaded = [code for code, _ in _edition() if code != HUIJI]
    op.execute(regions.delete().where(regions.c.code.in_(loaded)))

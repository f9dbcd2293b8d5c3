"""Migration 0013 keeps listings made before it: their new columns are empty, the rest as it
was, both ways."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table, create_engine, select, types

from app.core import migrations
from tests.support.databases import scratch_database

NEW_ENTRY_COLUMNS = (
    "penalty_decision_number",
    "penalty_decided_on",
    "penalty_authority",
    "repair_conditions",
)


def _filler(column: Any) -> Any:
    """A value for a required column the test does not care about."""
    kind = column.type
    if isinstance(kind, types.Boolean):
        return False
    if isinstance(kind, types.Integer):
        return 1
    if isinstance(kind, types.DateTime):
        return datetime(2022, 5, 1, 8, 0)
    if isinstance(kind, types.Date):
        return date(2022, 5, 1)
    length = getattr(kind, "length", None) or 20
    return "x" * min(length, 8)


def _row(table: Table, **known: Any) -> dict[str, Any]:
    values = {
        c.name: _filler(c)
        for c in table.columns
        if not c.nullable and c.server_default is None and c.name not in known
    }
    return {**values, **known}


def test_listings_made_before_order_11_rules_migrate(database_url: str, tmp_path: Path) -> None:
    with scratch_database(database_url, tmp_path) as url:
        migrations.upgrade(url, "0012")
        engine = create_engine(url)
        try:
            old = MetaData()
            organizations = Table("organizations", old, autoload_with=engine)
            entries = Table("blacklist_entries", old, autoload_with=engine)
            assert "penalty_decision_number" not in entries.columns
            with engine.begin() as connection:
                # Regions come with the migrations (Huiji's divisions).
                connection.execute(
                    organizations.insert().values(
                        _row(
                            organizations,
                            id="org_old",
                            kind="regulator",
                            status="active",
                            region_code="410108001",
                        )
                    )
                )
                connection.execute(
                    entries.insert().values(
                        _row(
                            entries,
                            id="bl_old",
                            region_code="410108001",
                            regulator_id="org_old",
                            reason="larger_or_above_accident",
                            legal_basis="national_2017",
                            effective_from=date(2022, 5, 1),
                            expires_on=date(2023, 4, 30),
                            status="removed",
                            removal_reason="credit_repair",
                        )
                    )
                )
        finally:
            engine.dispose()

        migrations.upgrade(url)
        engine = create_engine(url)
        try:
            entries = Table("blacklist_entries", MetaData(), autoload_with=engine)
            proposals = Table("blacklist_proposals", MetaData(), autoload_with=engine)
            assert {"repair_conditions", "deceit"} <= set(proposals.columns.keys())
            with engine.connect() as connection:
                row = connection.execute(select(entries)).mappings().one()
            assert row["id"] == "bl_old"
            assert row["reason"] == "larger_or_above_accident"
            assert row["expires_on"] == date(2023, 4, 30)
            assert all(row[name] is None for name in NEW_ENTRY_COLUMNS)
        finally:
            engine.dispose()

        migrations.downgrade(url, "0012")
        engine = create_engine(url)
        try:
            entries = Table("blacklist_entries", MetaData(), autoload_with=engine)
            assert "penalty_decision_number" not in entries.columns
            with engine.connect() as connection:
                assert connection.execute(select(entries.c.id)).scalars().all() == ["bl_old"]
        finally:
            engine.dispose()

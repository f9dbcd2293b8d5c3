"""hidden-danger inspections, and accident signs with their early warnings

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-08 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

def _record_columns() -> list[sa.Column[object]]:
    """The columns every registry record has (app/registry/base.py)."""
    return [
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("enterprise_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=40), nullable=True),
        sa.Column("updated_by", sa.String(length=40), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _record_constraints(table: str) -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["organizations.id"],
            name=op.f(f"fk_{table}_enterprise_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("enterprise_id", "id", name=op.f(f"uq_{table}_enterprise_id_id")),
    ]


def _person(table: str, column: str) -> sa.ForeignKeyConstraint:
    """A person of the record's own enterprise (app/registry/people/models.py)."""
    return sa.ForeignKeyConstraint(
        ["enterprise_id", column],
        ["people.enterprise_id", "people.id"],
        name=op.f(f"fk_{table}_enterprise_id_{column}_people"),
    )


def upgrade() -> None:
    op.create_table(
        "hidden_danger_inspections",
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("leader_person_id", sa.String(length=40), nullable=True),
        sa.Column("dangers_found", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_record_columns(),
        *_record_constraints("hidden_danger_inspections"),
        _person("hidden_danger_inspections", "leader_person_id"),
    )
    with op.batch_alter_table("hidden_danger_inspections", schema=None) as batch_op:
        for column in ("enterprise_id", "inspected_on", "kind"):
            batch_op.create_index(
                batch_op.f(f"ix_hidden_danger_inspections_{column}"), [column], unique=False
            )

    op.create_table(
        "accident_signs",
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("warning_issued_on", sa.Date(), nullable=True),
        sa.Column("warning_measures", sa.Text(), nullable=True),
        sa.Column("issued_by_person_id", sa.String(length=40), nullable=True),
        *_record_columns(),
        *_record_constraints("accident_signs"),
        _person("accident_signs", "issued_by_person_id"),
    )
    with op.batch_alter_table("accident_signs", schema=None) as batch_op:
        for column in ("enterprise_id", "observed_on"):
            batch_op.create_index(batch_op.f(f"ix_accident_signs_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("accident_signs", schema=None) as batch_op:
        for column in ("observed_on", "enterprise_id"):
            batch_op.drop_index(batch_op.f(f"ix_accident_signs_{column}"))
    op.drop_table("accident_signs")

    with op.batch_alter_table("hidden_danger_inspections", schema=None) as batch_op:
        for column in ("kind", "inspected_on", "enterprise_id"):
            batch_op.drop_index(batch_op.f(f"ix_hidden_danger_inspections_{column}"))
    op.drop_table("hidden_danger_inspections")

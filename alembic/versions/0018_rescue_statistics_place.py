"""rescue arrangements, monthly hidden-danger statistics, and training sessions' place

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVING = sa.text("deleted_at IS NULL")


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


def upgrade() -> None:
    op.create_table(
        "rescue_arrangements",
        sa.Column("form", sa.String(length=30), nullable=False),
        sa.Column("team_name", sa.String(length=200), nullable=True),
        sa.Column("agreement_number", sa.String(length=100), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("rescuer_count", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_record_columns(),
        *_record_constraints("rescue_arrangements"),
    )
    with op.batch_alter_table("rescue_arrangements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rescue_arrangements_enterprise_id"), ["enterprise_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_rescue_arrangements_starts_on"), ["starts_on"], unique=False
        )

    op.create_table(
        "hidden_danger_statistics",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("analysed_on", sa.Date(), nullable=False),
        sa.Column("found_count", sa.Integer(), nullable=False),
        sa.Column("fixed_count", sa.Integer(), nullable=False),
        sa.Column("overdue_count", sa.Integer(), nullable=False),
        sa.Column("reported_to_regulator_on", sa.Date(), nullable=True),
        sa.Column("told_to_staff_on", sa.Date(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_record_columns(),
        *_record_constraints("hidden_danger_statistics"),
    )
    with op.batch_alter_table("hidden_danger_statistics", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hidden_danger_statistics_enterprise_id"), ["enterprise_id"], unique=False
        )
        batch_op.create_index(
            "uq_hidden_danger_statistics_month",
            ["enterprise_id", "month"],
            unique=True,
            sqlite_where=LIVING,
            postgresql_where=LIVING,
        )

    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("place", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_column("place")

    with op.batch_alter_table("hidden_danger_statistics", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_hidden_danger_statistics_month", sqlite_where=LIVING, postgresql_where=LIVING
        )
        batch_op.drop_index(batch_op.f("ix_hidden_danger_statistics_enterprise_id"))
    op.drop_table("hidden_danger_statistics")

    with op.batch_alter_table("rescue_arrangements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rescue_arrangements_starts_on"))
        batch_op.drop_index(batch_op.f("ix_rescue_arrangements_enterprise_id"))
    op.drop_table("rescue_arrangements")

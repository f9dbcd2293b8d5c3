"""workplace hazard tests and protective equipment issued

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-08 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
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


def upgrade() -> None:
    op.create_table(
        "workplace_hazard_tests",
        sa.Column("tested_on", sa.Date(), nullable=False),
        sa.Column("test_type", sa.String(length=30), nullable=False),
        sa.Column("factors", sa.String(length=600), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("exceeded_limits", sa.Boolean(), nullable=True),
        sa.Column("report_number", sa.String(length=60), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_record_columns(),
        *_record_constraints("workplace_hazard_tests"),
    )
    with op.batch_alter_table("workplace_hazard_tests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workplace_hazard_tests_enterprise_id"), ["enterprise_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_workplace_hazard_tests_tested_on"), ["tested_on"], unique=False
        )

    op.create_table(
        "protective_equipment_issues",
        sa.Column("person_id", sa.String(length=40), nullable=False),
        sa.Column("factors", sa.String(length=600), nullable=False),
        sa.Column("item", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("replacement_months", sa.Integer(), nullable=False),
        sa.Column("free_of_charge", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_record_columns(),
        *_record_constraints("protective_equipment_issues"),
        # A person of the same enterprise, never another tenant's (person_reference()).
        sa.ForeignKeyConstraint(
            ["enterprise_id", "person_id"],
            ["people.enterprise_id", "people.id"],
            name=op.f("fk_protective_equipment_issues_enterprise_id_person_id_people"),
        ),
    )
    with op.batch_alter_table("protective_equipment_issues", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_protective_equipment_issues_enterprise_id"),
            ["enterprise_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_protective_equipment_issues_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_protective_equipment_issues_issued_on"), ["issued_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("protective_equipment_issues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_protective_equipment_issues_issued_on"))
        batch_op.drop_index(batch_op.f("ix_protective_equipment_issues_person_id"))
        batch_op.drop_index(batch_op.f("ix_protective_equipment_issues_enterprise_id"))
    op.drop_table("protective_equipment_issues")

    with op.batch_alter_table("workplace_hazard_tests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workplace_hazard_tests_tested_on"))
        batch_op.drop_index(batch_op.f("ix_workplace_hazard_tests_enterprise_id"))
    op.drop_table("workplace_hazard_tests")

"""teams (班组) and the team an officer appointment serves

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-08 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=True),
        sa.Column("established_on", sa.Date(), nullable=False),
        sa.Column("dissolved_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("enterprise_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=40), nullable=True),
        sa.Column("updated_by", sa.String(length=40), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"], ["organizations.id"], name=op.f("fk_teams_enterprise_id_organizations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("enterprise_id", "id", name=op.f("uq_teams_enterprise_id_id")),
    )
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_teams_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_teams_established_on"), ["established_on"], unique=False
        )

    # Nullable: the appointments already recorded serve no team that anyone has named.
    with op.batch_alter_table("officer_appointments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.String(length=40), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_officer_appointments_team_id"), ["team_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_officer_appointments_enterprise_id_team_id_teams"),
            "teams",
            ["enterprise_id", "team_id"],
            ["enterprise_id", "id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("officer_appointments", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_officer_appointments_enterprise_id_team_id_teams"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_officer_appointments_team_id"))
        batch_op.drop_column("team_id")

    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teams_established_on"))
        batch_op.drop_index(batch_op.f("ix_teams_enterprise_id"))
    op.drop_table("teams")

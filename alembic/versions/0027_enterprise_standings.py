"""stored compliance standings: one row per enterprise and its failing or unknown items

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-08 02:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Empty at first: `anxin standings refresh` fills it; nothing reads it yet (decision 147).
    op.create_table(
        "enterprise_standings",
        sa.Column("enterprise_id", sa.String(length=40), nullable=False),
        sa.Column("region_code", sa.String(length=20), nullable=True),
        sa.Column("industry_section", sa.String(length=1), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("n_pass", sa.Integer(), nullable=False),
        sa.Column("n_fail", sa.Integer(), nullable=False),
        sa.Column("n_unknown", sa.Integer(), nullable=False),
        sa.Column("n_na", sa.Integer(), nullable=False),
        sa.Column("fail_critical", sa.Integer(), nullable=False),
        sa.Column("fail_major", sa.Integer(), nullable=False),
        sa.Column("fail_minor", sa.Integer(), nullable=False),
        sa.Column("failing_rules", sa.Text(), nullable=False),
        sa.Column("packs", sa.Text(), nullable=False),
        sa.Column("evaluation_id", sa.String(length=40), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("stable_until", sa.Date(), nullable=True),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["organizations.id"],
            name=op.f("fk_enterprise_standings_enterprise_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("enterprise_id", name=op.f("pk_enterprise_standings")),
    )
    op.create_index(
        "ix_enterprise_standings_region", "enterprise_standings", ["region_code", "status"]
    )
    op.create_index(
        "ix_enterprise_standings_industry", "enterprise_standings", ["industry_section"]
    )
    op.create_index(
        "ix_enterprise_standings_stable_until", "enterprise_standings", ["stable_until"]
    )
    op.create_table(
        "standing_items",
        sa.Column("enterprise_id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("pack_id", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("severity", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["organizations.id"],
            name=op.f("fk_standing_items_enterprise_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("enterprise_id", "kind", "key", name=op.f("pk_standing_items")),
    )
    op.create_index(
        "ix_standing_items_key", "standing_items", ["kind", "key", "status", "enterprise_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_standing_items_key", table_name="standing_items")
    op.drop_table("standing_items")
    op.drop_index("ix_enterprise_standings_stable_until", table_name="enterprise_standings")
    op.drop_index("ix_enterprise_standings_industry", table_name="enterprise_standings")
    op.drop_index("ix_enterprise_standings_region", table_name="enterprise_standings")
    op.drop_table("enterprise_standings")

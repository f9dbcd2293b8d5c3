"""emergency plans record their publication to society (应急条例 art. 7)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-08 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: the plans already recorded have said nothing of it (decision 143).
    with op.batch_alter_table("emergency_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_to_public_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("emergency_plans", schema=None) as batch_op:
        batch_op.drop_column("published_to_public_on")

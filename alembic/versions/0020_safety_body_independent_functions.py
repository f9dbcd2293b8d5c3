"""safety bodies record whether their functions are relatively independent (Henan art. 14)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 22:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: for the bodies already recorded nobody has said (decision 109).
    with op.batch_alter_table("safety_bodies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("independent_functions", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("safety_bodies", schema=None) as batch_op:
        batch_op.drop_column("independent_functions")

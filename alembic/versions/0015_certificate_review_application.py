"""special-operation certificates record the date the review was applied for

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-07 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("special_operation_certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_applied_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("special_operation_certificates", schema=None) as batch_op:
        batch_op.drop_column("review_applied_on")

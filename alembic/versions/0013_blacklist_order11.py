"""blacklist against MEM order 11: penalty decisions, credit-repair conditions, restorations

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: listings made before these rules have none of it; the rules apply to writes.
    with op.batch_alter_table('blacklist_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('penalty_decision_number', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('penalty_decided_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('penalty_authority', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('repair_conditions', sa.Text(), nullable=True))
    with op.batch_alter_table('blacklist_proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('repair_conditions', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('deceit', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('blacklist_proposals', schema=None) as batch_op:
        batch_op.drop_column('deceit')
        batch_op.drop_column('repair_conditions')
    with op.batch_alter_table('blacklist_entries', schema=None) as batch_op:
        batch_op.drop_column('repair_conditions')
        batch_op.drop_column('penalty_authority')
        batch_op.drop_column('penalty_decided_on')
        batch_op.drop_column('penalty_decision_number')

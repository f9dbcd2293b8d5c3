"""compliance snapshots name every pack of the stack they applied

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("compliance_snapshots", schema=None) as batch_op:
        batch_op.alter_column("pack", type_=sa.String(200), existing_type=sa.String(40))
        batch_op.alter_column("pack_version", type_=sa.String(100), existing_type=sa.String(20))


def downgrade() -> None:
    with op.batch_alter_table("compliance_snapshots", schema=None) as batch_op:
        batch_op.alter_column("pack_version", type_=sa.String(20), existing_type=sa.String(100))
        batch_op.alter_column("pack", type_=sa.String(40), existing_type=sa.String(200))

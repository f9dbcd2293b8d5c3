"""leaders' on-site shifts (带班记录)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-08 01:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "on_site_shifts"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("person_id", sa.String(length=40), nullable=False),
        sa.Column("shift_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        # The columns every registry record has (app/registry/base.py).
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("enterprise_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=40), nullable=True),
        sa.Column("updated_by", sa.String(length=40), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        # A shift points at a person of its own enterprise, never across tenants.
        sa.ForeignKeyConstraint(
            ["enterprise_id", "person_id"],
            ["people.enterprise_id", "people.id"],
            name=op.f(f"fk_{TABLE}_enterprise_id_person_id_people"),
        ),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["organizations.id"],
            name=op.f(f"fk_{TABLE}_enterprise_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{TABLE}")),
        sa.UniqueConstraint("enterprise_id", "id", name=op.f(f"uq_{TABLE}_enterprise_id_id")),
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{TABLE}_enterprise_id"), ["enterprise_id"])
        batch_op.create_index(batch_op.f(f"ix_{TABLE}_person_id"), ["person_id"])
        batch_op.create_index(batch_op.f(f"ix_{TABLE}_shift_on"), ["shift_on"])


def downgrade() -> None:
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f(f"ix_{TABLE}_shift_on"))
        batch_op.drop_index(batch_op.f(f"ix_{TABLE}_person_id"))
        batch_op.drop_index(batch_op.f(f"ix_{TABLE}_enterprise_id"))
    op.drop_table(TABLE)

"""watchlists

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 00:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('watchlists',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('organization_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=True),
    sa.Column('member_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.String(length=40), nullable=True),
    sa.Column('updated_by', sa.String(length=40), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_watchlists_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_watchlists')),
    sa.UniqueConstraint('organization_id', 'id', name=op.f('uq_watchlists_organization_id_id'))
    )
    with op.batch_alter_table('watchlists', schema=None) as batch_op:
        batch_op.create_index('uq_watchlists_organization_name', ['organization_id', 'name'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('watchlist_members',
    sa.Column('watchlist_id', sa.String(length=40), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=False),
    sa.Column('organization_id', sa.String(length=40), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id', 'watchlist_id'], ['watchlists.organization_id', 'watchlists.id'], name=op.f('fk_watchlist_members_organization_id_watchlist_id_watchlists')),
    sa.PrimaryKeyConstraint('watchlist_id', 'credit_code', name=op.f('pk_watchlist_members'))
    )
    with op.batch_alter_table('watchlist_members', schema=None) as batch_op:
        batch_op.create_index('ix_watchlist_members_credit_code', ['credit_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('watchlist_members', schema=None) as batch_op:
        batch_op.drop_index('ix_watchlist_members_credit_code')

    op.drop_table('watchlist_members')
    with op.batch_alter_table('watchlists', schema=None) as batch_op:
        batch_op.drop_index('uq_watchlists_organization_name', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.drop_table('watchlists')

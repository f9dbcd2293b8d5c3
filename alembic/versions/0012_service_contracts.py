"""service contracts between safety service firms and enterprises, and their history

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('service_contracts',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('firm_id', sa.String(length=40), nullable=False),
    sa.Column('enterprise_id', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('scope_kinds', sa.Text(), nullable=False),
    sa.Column('entrusted_safety_manager', sa.Boolean(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('engineer_name', sa.String(length=100), nullable=True),
    sa.Column('engineer_registration_number', sa.String(length=40), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=40), nullable=True),
    sa.Column('updated_by', sa.String(length=40), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['organizations.id'], name=op.f('fk_service_contracts_enterprise_id_organizations')),
    sa.ForeignKeyConstraint(['firm_id'], ['organizations.id'], name=op.f('fk_service_contracts_firm_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_contracts'))
    )
    op.create_index('ix_service_contracts_enterprise', 'service_contracts', ['enterprise_id', 'status'], unique=False)
    op.create_index('ix_service_contracts_firm', 'service_contracts', ['firm_id', 'status', 'enterprise_id'], unique=False)
    op.create_table('service_contract_events',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('contract_id', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('actor_id', sa.String(length=40), nullable=False),
    sa.Column('actor_organization_id', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('request_id', sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(['contract_id'], ['service_contracts.id'], name=op.f('fk_service_contract_events_contract_id_service_contracts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_contract_events'))
    )
    op.create_index('ix_service_contract_events_contract', 'service_contract_events', ['contract_id', 'at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_service_contract_events_contract', table_name='service_contract_events')
    op.drop_table('service_contract_events')
    op.drop_index('ix_service_contracts_firm', table_name='service_contracts')
    op.drop_index('ix_service_contracts_enterprise', table_name='service_contracts')
    op.drop_table('service_contracts')

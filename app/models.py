"""Every domain's models imported in one place, so that metadata (and Alembic) sees them all."""

from app.core.audit import AuditChainHead, AuditEvent
from app.core.db import Base
from app.core.idempotency import IdempotencyRecord
from app.enterprises.models import Enterprise
from app.identity.models import Client, Invitation, Organization, RefreshToken, Throttle, User
from app.regions.models import Region
from app.registry.base import RecordVersion
from app.registry.people.models import Person, PersonExposure, PersonJobChange

metadata = Base.metadata

__all__ = [
    "AuditChainHead",
    "AuditEvent",
    "Client",
    "Enterprise",
    "IdempotencyRecord",
    "Invitation",
    "Organization",
    "Person",
    "PersonExposure",
    "PersonJobChange",
    "RecordVersion",
    "RefreshToken",
    "Region",
    "Throttle",
    "User",
    "metadata",
]

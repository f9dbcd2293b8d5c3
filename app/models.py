"""Every domain's models imported in one place, so that metadata (and Alembic) sees them all."""

from app.core.db import Base
from app.core.idempotency import IdempotencyRecord

metadata = Base.metadata

__all__ = ["IdempotencyRecord", "metadata"]

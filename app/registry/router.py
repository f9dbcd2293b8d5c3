"""Every record kind's routes, under /v1/enterprises/{enterprise_id}/…"""

from __future__ import annotations

from app.core.routing import api_router
from app.registry.commitments.router import router as commitments_router
from app.registry.dangers.router import router as dangers_router
from app.registry.imports.router import router as imports_router
from app.registry.record_kinds import RECORD_KINDS
from app.registry.routes import register

__all__ = ["RECORD_KINDS", "router"]

router = api_router()
for _kind in RECORD_KINDS:
    register(router, _kind)
router.include_router(dangers_router)
router.include_router(commitments_router)
router.include_router(imports_router)

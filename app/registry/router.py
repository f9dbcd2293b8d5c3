"""Every record kind's routes, under /v1/enterprises/{enterprise_id}/…"""

from __future__ import annotations

from app.core.routing import api_router
from app.registry.dangers.kind import HIDDEN_DANGERS
from app.registry.dangers.router import router as dangers_router
from app.registry.people.kind import PEOPLE
from app.registry.routes import register

RECORD_KINDS = (PEOPLE, HIDDEN_DANGERS)

router = api_router()
for _kind in RECORD_KINDS:
    register(router, _kind)
router.include_router(dangers_router)

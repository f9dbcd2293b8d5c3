"""Every record kind's routes, under /v1/enterprises/{enterprise_id}/…"""

from __future__ import annotations

from app.core.routing import api_router
from app.registry.people.kind import PEOPLE
from app.registry.routes import register

RECORD_KINDS = (PEOPLE,)

router = api_router()
for _kind in RECORD_KINDS:
    register(router, _kind)

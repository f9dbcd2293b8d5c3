"""The publish action of safety commitments: POST …/safety-commitments/{id}/publish."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request, Response

from app.core.errors import problem_responses
from app.core.etags import IfMatch, check_if_match, etag_for
from app.core.ids import id_pattern
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.identity.auth import EnterpriseAccess, enterprise_access
from app.identity.errors import MISSING_CAPABILITY, OUTSIDE_CONTRACT_SCOPE
from app.identity.roles import Capability
from app.registry import errors, service
from app.registry.commitments.commitment import SAFETY_COMMITMENTS, publish, to_out
from app.registry.commitments.schemas import SafetyCommitmentOut
from app.registry.kinds import ReadContext, WriteContext

# The kind is part of the access check: a service firm's contract covers some kinds.
CommitmentWrite = Annotated[
    EnterpriseAccess, Depends(enterprise_access(Capability.RECORDS_WRITE, SAFETY_COMMITMENTS.path))
]

router = api_router(tags=["safety-commitments"])

CommitmentId = Annotated[
    str, Path(pattern=id_pattern(SAFETY_COMMITMENTS.id_prefix), description="Record id.")
]


@router.post(
    "/v1/enterprises/{enterprise_id}/safety-commitments/{record_id}/publish",
    summary="Publish a safety commitment",
    description="Makes the signed commitment public today (article 21: commitments are signed "
    "by the principal person and published). Refused with 409 `not_signed` before signing and "
    "`already_published` the second time. Recorded in the history and the audit trail as "
    "`publish`. `If-Match` is optional.",
    responses=problem_responses(
        401,
        MISSING_CAPABILITY,
        OUTSIDE_CONTRACT_SCOPE,
        404,
        errors.NOT_SIGNED,
        errors.ALREADY_PUBLISHED,
        412,
        422,
    ),
)
def publish_commitment(
    record_id: CommitmentId,
    access: CommitmentWrite,
    request: Request,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> SafetyCommitmentOut:
    ctx = WriteContext(
        session=session,
        principal=access.principal,
        enterprise=access.enterprise,
        cipher=request.app.state.cipher,
        request_id=request_id_of(request),
    )
    commitment = service.get(session, SAFETY_COMMITMENTS, access.enterprise.id, record_id)
    # Optional: the action states its own precondition (signed, not yet published).
    check_if_match(
        if_match,
        etag_for(commitment.id, commitment.version),
        required=False,
    )
    published = publish(ctx, commitment)
    response.headers["ETag"] = etag_for(published.id, published.version)
    return to_out(published, ReadContext(session, ctx.principal, ctx.enterprise.id, ctx.cipher))

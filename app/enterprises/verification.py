"""The verification lifecycle of an enterprise: which decision may follow which state.

    unverified ──verify──▶ verified ──reject──▶ rejected ──verify──▶ verified
    unverified ──reject──▶ rejected

A verification can be withdrawn (a claim found false, or the losing side of two claims to
one credit code) and a rejection reconsidered (a corrected licence); taking the same
decision twice is refused, so a second "verify" cannot move the verification's date.
"""

from __future__ import annotations

from enum import StrEnum

from app.core.errors import INVALID_TRANSITION
from app.enterprises.catalog import VerificationStatus


class Decision(StrEnum):
    VERIFY = "verify"
    REJECT = "reject"


_UNVERIFIED, _VERIFIED, _REJECTED = (
    VerificationStatus.UNVERIFIED,
    VerificationStatus.VERIFIED,
    VerificationStatus.REJECTED,
)
TRANSITIONS: dict[tuple[VerificationStatus, Decision], VerificationStatus] = {
    (_UNVERIFIED, Decision.VERIFY): _VERIFIED,
    (_UNVERIFIED, Decision.REJECT): _REJECTED,
    (_VERIFIED, Decision.REJECT): _REJECTED,
    (_REJECTED, Decision.VERIFY): _VERIFIED,
}


def next_status(current: VerificationStatus, decision: Decision) -> VerificationStatus:
    """The state `decision` leads to from `current`; 409 `invalid_transition` if none."""
    target = TRANSITIONS.get((current, decision))
    if target is None:
        allowed = sorted(d.value for (state, d) in TRANSITIONS if state is current)
        raise INVALID_TRANSITION.problem(
            f"The enterprise is {current.value}: '{decision.value}' is not a possible step "
            f"from there (possible: {', '.join(allowed) or 'none'})."
        )
    return target

"""What the public (and every institution) may see of an entry: the notice's fields.

Names of the people held responsible are public, their ID numbers never are; who proposed
and approved inside the regulator, and pending proposals, are not public either.
"""

from __future__ import annotations

import json
from typing import Any

from app.blacklist.models import BlacklistEntry


def responsible_names(entry: BlacklistEntry) -> list[dict[str, str]]:
    return [
        {"role": person["role"], "name": person["name"]}
        for person in json.loads(entry.responsible_people)
    ]


def public_fields(entry: BlacklistEntry) -> dict[str, Any]:
    """The entry as the public notice shows it, with plain JSON values (dates as text)."""
    return {
        "id": entry.id,
        "version": entry.public_version,
        "status": entry.status,
        "credit_code": entry.credit_code,
        "subject_name": entry.subject_name,
        "legal_representative": entry.legal_representative,
        "responsible_people": responsible_names(entry),
        "region_code": entry.region_code,
        "reason": entry.reason,
        "legal_basis": entry.legal_basis,
        "facts": entry.facts,
        "deciding_authority": entry.deciding_authority,
        "decision_number": entry.decision_number,
        "effective_from": entry.effective_from.isoformat(),
        "expires_on": entry.expires_on.isoformat(),
        "removed_on": entry.removed_on.isoformat() if entry.removed_on else None,
        "removal_reason": entry.removal_reason,
    }

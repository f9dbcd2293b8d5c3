"""Signed receipts: a compact JWS per answer, so an institution can prove later what it was
told. Signed with the receipt key set (DESIGN §9: receipts outlive token keys); anyone can
verify one with `/.well-known/jwks.json` and a standard JOSE library."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.blacklist.query_log import QueryLog
from app.core import clock
from app.core.ids import new_id
from app.core.signing import KeySet
from app.identity.principal import Principal

RECEIPT_TYPE = "anxin-receipt+jwt"


@dataclass(frozen=True)
class Receipting:
    """What issuing a receipt needs: the key set, the issuer name and the query log."""

    keys: KeySet
    issuer: str
    log: QueryLog

    def issue(
        self,
        principal: Principal,
        *,
        kind: str,
        query: dict[str, Any],
        answer: dict[str, Any],
        as_of: date,
        dataset_version: int,
    ) -> tuple[str, str]:
        """Sign the answer and queue it for the query log; returns (receipt id, receipt)."""
        receipt_id = new_id("rcp")
        now = clock.now()
        claims = {
            "iss": self.issuer,
            "sub": principal.id,
            "aud": principal.organization_id,
            "jti": receipt_id,
            "iat": int(now.timestamp()),
            "kind": kind,
            "query": query,
            "answer": answer,
            "as_of": as_of.isoformat(),
            "dataset_version": dataset_version,
        }
        receipt = self.keys.sign(claims, headers={"typ": RECEIPT_TYPE})
        self.log.append(
            {
                "id": receipt_id,
                "organization_id": principal.organization_id,
                "principal_id": principal.id,
                "kind": kind,
                "query": json.dumps(query, ensure_ascii=False, sort_keys=True),
                "answer": json.dumps(answer, ensure_ascii=False, sort_keys=True),
                "as_of": as_of,
                "dataset_version": dataset_version,
                "receipt": receipt,
                "created_at": now,
            }
        )
        return receipt_id, receipt

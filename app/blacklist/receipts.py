"""Signed receipts: a compact JWS per answer, so an institution can prove later what it was
told. Signed with the receipt key set (DESIGN §9: receipts outlive token keys); anyone can
verify one with `/.well-known/jwks.json` and a standard JOSE library."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from app.blacklist.query_log import QueryLog
from app.core import clock
from app.core.ids import new_id
from app.core.signing import KeySet
from app.identity.principal import Principal

RECEIPT_TYPE = "anxin-receipt+jwt"
_HEADERS = {"typ": RECEIPT_TYPE}


# Built once: json.dumps with any option makes a new encoder on every call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_json(value: Any) -> str:
    """The query log's JSON of a query or an answer: sorted keys, compact, UTF-8 text."""
    return _CANONICAL.encode(value)


@dataclass(frozen=True)
class Receipting:
    """What issuing a receipt needs: the key set, the issuer name and the query log."""

    keys: KeySet
    issuer: str
    log: QueryLog

    @cached_property
    def _issuer_json(self) -> str:
        return json.dumps(self.issuer, ensure_ascii=False)

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
        """Sign the answer and queue it for the query log; returns (receipt id, receipt).

        The claims are iss, sub, aud (the principal's organization), jti (the receipt id),
        iat, kind, query, answer, as_of and dataset_version. The query and the answer are
        serialized once, for the payload and for the log alike (a screening's are large)."""
        return self.issue_serialized(
            principal,
            kind=kind,
            query_json=canonical_json(query),
            answer_json=canonical_json(answer),
            as_of=as_of,
            dataset_version=dataset_version,
        )

    def issue_serialized(
        self,
        principal: Principal,
        *,
        kind: str,
        query_json: str,
        answer_json: str,
        as_of: date,
        dataset_version: int,
    ) -> tuple[str, str]:
        """`issue` for a query and an answer already in canonical JSON (`canonical_json`)."""
        receipt_id = new_id("rcp")
        now = clock.now()
        payload = "".join(
            (
                '{"iss":',
                self._issuer_json,
                ',"sub":',
                json.dumps(principal.id),
                ',"aud":',
                json.dumps(principal.organization_id),
                ',"jti":"',
                receipt_id,
                '","iat":',
                str(int(now.timestamp())),
                ',"kind":',
                json.dumps(kind),
                ',"query":',
                query_json,
                ',"answer":',
                answer_json,
                ',"as_of":"',
                as_of.isoformat(),
                '","dataset_version":',
                str(int(dataset_version)),
                "}",
            )
        )
        receipt = self.keys.sign_json(payload.encode(), headers=_HEADERS)
        self.log.append(
            {
                "id": receipt_id,
                "organization_id": principal.organization_id,
                "principal_id": principal.id,
                "kind": kind,
                "query": query_json,
                "answer": answer_json,
                "as_of": as_of,
                "dataset_version": dataset_version,
                "receipt": receipt,
                "created_at": now,
            }
        )
        return receipt_id, receipt

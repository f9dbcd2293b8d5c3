"""Taking and reading compliance snapshots."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.compliance.engine import Evaluation
from app.compliance.models import ComplianceSnapshot
from app.compliance.packs import PACKS
from app.compliance.report import finding_out
from app.core import clock
from app.core.ids import new_id
from app.identity.auditing import audit
from app.identity.principal import Principal

_NO_TRACE: dict[str, Any] = {"branch": None, "values": [], "records": []}
PACK_SEPARATOR = "+"


def take(
    session: Session,
    evaluation: Evaluation,
    enterprise_id: str,
    principal: Principal,
    request_id: str | None,
) -> ComplianceSnapshot:
    # Texts in both languages, so a snapshot reads in either later.
    shown = {
        language: [finding_out(p, r, f, language) for p, r, f in evaluation.by_pack()]
        for language in ("zh", "en")
    }
    findings = [
        {
            **zh.model_dump(mode="json", exclude={"title", "message", "remediation", "citation"}),
            **{
                text: {"zh": getattr(zh, text), "en": getattr(en, text)}
                for text in ("title", "message", "remediation", "citation")
            },
        }
        for zh, en in zip(shown["zh"], shown["en"], strict=True)
    ]
    summary = {
        "by_status": evaluation.counts(),
        "failing_by_severity": evaluation.failing_by_severity(),
    }
    snapshot = ComplianceSnapshot(
        id=new_id("csn"),
        enterprise_id=enterprise_id,
        pack=PACK_SEPARATOR.join(p.id for p in evaluation.packs),
        pack_version=PACK_SEPARATOR.join(p.version for p in evaluation.packs),
        as_of=evaluation.as_of,
        taken_at=clock.now(),
        taken_by=principal.id,
        # The evaluation's id rides with the summary (older snapshots have none).
        summary=json.dumps({**summary, "evaluation_id": evaluation.id}),
        findings=json.dumps(findings, ensure_ascii=False),
    )
    session.add(snapshot)
    session.flush()
    audit(
        session,
        actor=principal,
        action="compliance.snapshot",
        resource_type="compliance_snapshot",
        resource_id=snapshot.id,
        subject_organization_id=enterprise_id,
        request_id=request_id,
        changes={"as_of": evaluation.as_of, "packs": [p.id for p in evaluation.packs], **summary},
    )
    return snapshot


def statement(enterprise_id: str) -> Select[ComplianceSnapshot]:
    return select(ComplianceSnapshot).where(ComplianceSnapshot.enterprise_id == enterprise_id)


def summary(snapshot: ComplianceSnapshot) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(snapshot.summary)
    value.pop("evaluation_id", None)
    return value


def evaluation_id(snapshot: ComplianceSnapshot) -> str | None:
    value: str | None = json.loads(snapshot.summary).get("evaluation_id")
    return value


def _cite(pack_id: str, article: str, language: str) -> str:
    pack = PACKS.get(pack_id)
    return pack.cite(article, language) if pack is not None else f"{pack_id} {article}"


def packs(snapshot: ComplianceSnapshot) -> list[dict[str, str]]:
    """The packs the snapshot applied, national first, with their versions."""
    return [
        {"id": pack, "version": version}
        for pack, version in zip(
            snapshot.pack.split(PACK_SEPARATOR),
            snapshot.pack_version.split(PACK_SEPARATOR),
            strict=True,
        )
    ]


def findings(snapshot: ComplianceSnapshot, language: str) -> list[dict[str, Any]]:
    """The stored findings, with texts in `language`. Snapshots taken before stacks have one
    pack, no duty and no citation: those are filled from the snapshot's pack."""
    (only, *_) = packs(snapshot)
    shown = []
    for item in json.loads(snapshot.findings):
        texts = ("title", "message", "remediation", "citation")
        shown.append(
            {
                "pack": only["id"],
                "duty": "",
                **{k: v for k, v in item.items() if k not in texts},
                "title": item["title"][language],
                "message": item["message"][language],
                "remediation": item["remediation"][language],
                "citation": item.get("citation", {}).get(
                    language, f"{only['id']} {item['article']}"
                ),
                # Snapshots taken before findings carried traces.
                "provisional": item.get("provisional", False),
                "trace": item.get("trace", _NO_TRACE),
            }
        )
    return shown

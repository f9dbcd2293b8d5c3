"""Records that name a person: a person they depend on cannot be deleted from under them."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from app.registry import errors
from app.registry.certificates.models import OperationAssignment, SpecialOperationCertificate
from app.registry.commitments.models import SafetyCommitment
from app.registry.dangers.models import HiddenDanger
from app.registry.equipment.models import EquipmentOperatorCertificate
from app.registry.health.models import HealthExam, ProtectiveEquipmentIssue
from app.registry.kinds import WriteContext
from app.registry.people.models import Person
from app.registry.shifts.models import OnSiteShift
from app.registry.staffing.models import (
    AssessmentCertificate,
    LeaderAppointment,
    OfficerAppointment,
    RegisteredEngineer,
)
from app.registry.training.models import TrainingAttendance

_BY_PERSON_ID = (
    OfficerAppointment,
    LeaderAppointment,
    AssessmentCertificate,
    RegisteredEngineer,
    SpecialOperationCertificate,
    OperationAssignment,
    TrainingAttendance,
    HealthExam,
    EquipmentOperatorCertificate,
    OnSiteShift,
    ProtectiveEquipmentIssue,
)


def refuse_delete_with_dependents(ctx: WriteContext, person: Person) -> None:
    """A person with living records (certificates, training, exams, appointments …) is not
    deleted: their history would point at nobody. Someone who left gets a leave date."""
    counts = [
        ctx.session.scalar(
            select(func.count()).where(
                model.enterprise_id == person.enterprise_id,
                model.person_id == person.id,
                model.deleted_at.is_(None),
            )
        )
        for model in _BY_PERSON_ID
    ]
    counts.append(
        ctx.session.scalar(
            select(func.count()).where(
                HiddenDanger.enterprise_id == person.enterprise_id,
                HiddenDanger.deleted_at.is_(None),
                or_(
                    HiddenDanger.responsible_person_id == person.id,
                    HiddenDanger.verifier_person_id == person.id,
                ),
            )
        )
    )
    counts.append(
        ctx.session.scalar(
            select(func.count()).where(
                SafetyCommitment.enterprise_id == person.enterprise_id,
                SafetyCommitment.deleted_at.is_(None),
                SafetyCommitment.signed_by_person_id == person.id,
            )
        )
    )
    total = sum(count or 0 for count in counts)
    if total:
        raise errors.PERSON_HAS_RECORDS.problem(
            f"Person {person.id} is named by {total} other record(s) (certificates, training, "
            "exams, appointments …). Record a leave date instead, or delete those first."
        )

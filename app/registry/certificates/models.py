"""Tables of special-operation certificates and assignments, and standardization certificates."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key, unique_among_living
from app.registry.people.models import person_reference


class SpecialOperationCertificate(RegistryRecord, Base):
    """A special-operation certificate (特种作业操作证): 6 years, reviewed every 3 (dated law:
    app/law/special_operations.py)."""

    __tablename__ = "special_operation_certificates"
    __table_args__ = (
        tenant_key(),
        person_reference(),
        unique_among_living(
            "uq_special_operation_certificates_number", "category", "certificate_number"
        ),
    )

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    category: Mapped[str] = mapped_column(String(10), index=True)
    certificate_number: Mapped[str] = mapped_column(String(60), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    last_review_on: Mapped[date | None] = mapped_column(Date)
    # The latest application for review (复审申请); pending while later than last_review_on.
    review_applied_on: Mapped[date | None] = mapped_column(Date)
    # The authority's consent to review every 6 years (10 years' clean work in the category).
    six_year_review: Mapped[bool] = mapped_column(Boolean, default=False)


class OperationAssignment(RegistryRecord, Base):
    """Who performs which special operation, from when (the need for a certificate)."""

    __tablename__ = "operation_assignments"
    __table_args__ = (tenant_key(), person_reference())

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    category: Mapped[str] = mapped_column(String(10))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class StandardizationCertificate(RegistryRecord, Base):
    """A work-safety standardization grade certificate (安全生产标准化), grade 1–3."""

    __tablename__ = "standardization_certificates"
    __table_args__ = (
        tenant_key(),
        unique_among_living("uq_standardization_certificates_number", "certificate_number"),
    )

    grade: Mapped[int] = mapped_column(Integer)
    certificate_number: Mapped[str] = mapped_column(String(60), index=True)
    issuing_authority: Mapped[str | None] = mapped_column(String(100))
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)

"""Tables of special equipment items and equipment operators' certificates."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key, unique_among_living
from app.registry.people.models import person_reference


class SpecialEquipment(RegistryRecord, Base):
    """An item of special equipment (特种设备) in use: registered for use within 30 days of
    being put into use (art. 33), periodic inspection requested a month before the current
    one runs out (art. 40)."""

    __tablename__ = "special_equipment"
    __table_args__ = (
        tenant_key(),
        unique_among_living("uq_special_equipment_registration", "registration_number"),
    )

    category: Mapped[str] = mapped_column(String(30), index=True)
    name: Mapped[str] = mapped_column(String(200))
    model: Mapped[str | None] = mapped_column(String(100))
    serial_number: Mapped[str] = mapped_column(String(100))
    # 使用登记证编号 and the day of registration: both or neither.
    registration_number: Mapped[str | None] = mapped_column(String(60))
    put_into_use_on: Mapped[date] = mapped_column(Date)
    registered_on: Mapped[date | None] = mapped_column(Date)
    last_inspected_on: Mapped[date | None] = mapped_column(Date)
    next_inspection_due: Mapped[date | None] = mapped_column(Date, index=True)
    # The latest request for periodic inspection (定期检验要求) made to the inspection body.
    inspection_requested_on: Mapped[date | None] = mapped_column(Date)
    retired_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class EquipmentOperatorCertificate(RegistryRecord, Base):
    """A special-equipment operator's certificate (特种设备作业人员证) held by a person of the
    enterprise (art. 14), for one category of equipment."""

    __tablename__ = "equipment_operator_certificates"
    __table_args__ = (
        tenant_key(),
        person_reference(),
        unique_among_living(
            "uq_equipment_operator_certificates_number", "category", "certificate_number"
        ),
    )

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    category: Mapped[str] = mapped_column(String(30))
    certificate_number: Mapped[str] = mapped_column(String(60))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date, index=True)
    notes: Mapped[str | None] = mapped_column(Text)

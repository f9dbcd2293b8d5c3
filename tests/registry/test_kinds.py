"""What a record kind's declaration derives (decision 75), checked without a request."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from pydantic import BaseModel

from app.core.validators import mask_resident_id
from app.registry.filings.kind import MAJOR_HAZARD_SOURCES
from app.registry.filings.models import MajorHazardSource
from app.registry.filings.schemas import MajorHazardSourceFilters, MajorHazardSourceIn
from app.registry.kinds import RecordKind
from app.registry.router import RECORD_KINDS
from app.registry.staffing.assessments import ASSESSMENT_CERTIFICATES
from app.registry.training.sessions import TRAINING_SESSIONS

HOLDER = "11010519491231002X"  # a valid resident ID number, as certificate numbers embed them


def test_fields_and_required_come_from_the_create_schema() -> None:
    assert MAJOR_HAZARD_SOURCES.fields == tuple(MajorHazardSourceIn.model_fields)
    # Those a create cannot leave empty; location, filing day, number and authority it can.
    assert MAJOR_HAZARD_SOURCES.required == ("name", "grade", "identified_on")
    # Declared where a create's null means "fill it in": the end day is the start day.
    assert "ended_on" in (TRAINING_SESSIONS.required or ())


def test_every_kind_requires_only_its_fields() -> None:
    for kind in RECORD_KINDS:
        assert set(kind.required or ()) <= set(kind.fields), kind.path
        assert kind.fields, kind.path


def test_history_masks_personal_fields_and_says_deleted() -> None:
    number = f"T{HOLDER}"
    record = SimpleNamespace(
        person_id="per_1",
        assessed_role="principal",
        certificate_number=number,
        issuing_authority=None,
        passed_on=date(2025, 1, 2),
        expires_on=None,
        deleted_at=None,
    )
    state = ASSESSMENT_CERTIFICATES.snapshot(record)
    assert state["certificate_number"] == f"T{mask_resident_id(HOLDER)}"
    assert state["deleted"] is False
    assert ASSESSMENT_CERTIFICATES.has_personal_data, "declaring a personal field makes it so"


def test_a_shown_field_neither_column_nor_computed_fails_at_import() -> None:
    class Out(BaseModel):
        id: str
        filed: bool  # output-only, but not declared as computed

    with pytest.raises(TypeError, match="filed"):
        RecordKind(
            path="major-hazard-sources",
            resource_type="major_hazard_source",
            title="major hazard source",
            model=MajorHazardSource,
            id_prefix="mhs",
            create_schema=MajorHazardSourceIn,
            patch_schema=MajorHazardSourceIn,
            out_schema=Out,
            filters_schema=MajorHazardSourceFilters,
        )

"""The set-wise loader fills every list of `Facts`, for one enterprise or many."""

from __future__ import annotations

from dataclasses import fields

from app.compliance import facts


def test_every_record_list_of_facts_has_a_loader() -> None:
    indexes = {
        "as_of",
        "enterprise",
        "people",
        "sessions",
        "exposures",
        "job_changes",
        "memo",
        "reads",
        "next_event_on",
    }
    # Service contracts are not registry records: `_load` reads them by a line of their own.
    lists = {f.name for f in fields(facts.Facts)} - indexes - {"contracts"}
    assert lists == set(facts.RECORD_KINDS)

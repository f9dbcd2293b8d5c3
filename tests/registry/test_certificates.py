"""Special-operation certificates and assignments, standardization certificates: life cycle,
validation, duplicates, filters and who may write."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.core import clock
from app.core.validators import resident_id_check_character
from app.registry.certificates.periods import add_years, earliest_reaching, review_due
from tests.support.world import World

SOC = "special-operation-certificates"
OPA = "operation-assignments"
STC = "standardization-certificates"


def _url(world: World, path: str, enterprise: str = "a") -> str:
    return f"/v1/enterprises/{world.ids[f'enterprise_{enterprise}']}/{path}"


def _person(world: World, body17: str, enterprise: str = "a", **overrides: Any) -> str:
    body = {
        "name": "王建国",
        "id_number": body17 + resident_id_check_character(body17),
        "hire_date": "2021-03-01",
        **overrides,
    }
    actor = world[f"{enterprise}_editor"]
    created = world.client.post(_url(world, "people", enterprise), json=body, headers=actor.headers)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _wang(world: World, enterprise: str = "a") -> str:
    return _person(world, "41010819900307451", enterprise)


def certificate(person_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "category": "1.2",
        "certificate_number": "T4101082022041800123",
        "issued_on": "2022-04-18",
        "expires_on": "2028-04-17",
        **overrides,
    }


def assignment(person_id: str, **overrides: Any) -> dict[str, Any]:
    return {"person_id": person_id, "category": "1.2", "started_on": "2022-05-01", **overrides}


def grade_certificate(**overrides: Any) -> dict[str, Any]:
    return {
        "grade": 3,
        "certificate_number": "豫AQBJXIII202400123",
        "issuing_authority": "郑州市应急管理局",
        "issued_on": "2024-09-20",
        "expires_on": "2027-09-19",
        **overrides,
    }


def _post(world: World, path: str, body: dict[str, Any]) -> Any:
    return world.client.post(_url(world, path), json=body, headers=world["a_editor"].headers)


def _rejected(response: Any, field: str, code: str | None = None) -> None:
    assert response.status_code == 422, (field, response.text)
    error = response.json()["errors"][0]
    assert error["field"] == field, response.text
    if code is not None:
        assert error["code"] == code, response.text


def _life_cycle(world: World, path: str, body: dict[str, Any], change: dict[str, Any]) -> None:
    """Create, read, list, update with If-Match, delete and history of one kind."""
    headers = world["a_editor"].headers
    created = world.client.post(_url(world, path), json=body, headers=headers)
    assert created.status_code == 201, created.text
    location, etag = created.headers["location"], created.headers["etag"]
    assert location == f"{_url(world, path)}/{created.json()['id']}"
    fetched = world.client.get(location, headers=world["a_viewer"].headers)
    assert fetched.status_code == 200
    assert fetched.json() == created.json()
    assert fetched.headers["etag"] == etag
    listed = world.client.get(_url(world, path), headers=world["a_viewer"].headers).json()
    assert [r["id"] for r in listed["data"]] == [created.json()["id"]]

    assert world.client.patch(location, json=change, headers=headers).status_code == 428
    changed = world.client.patch(location, json=change, headers={**headers, "If-Match": etag})
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == 2
    for name, value in change.items():
        assert changed.json()[name] == value
    stale = world.client.patch(location, json=change, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412

    deleted = world.client.delete(
        location, headers={**headers, "If-Match": changed.headers["etag"]}
    )
    assert deleted.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404
    assert world.client.get(_url(world, path), headers=headers).json()["data"] == []
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [entry["action"] for entry in history] == ["create", "update", "delete"]
    first_field = next(iter(change))
    assert history[1]["data"][first_field] == change[first_field]
    assert history[2]["data"]["deleted"] is True
    resource_type = path.rstrip("s").replace("-", "_")
    events = world.client.get(
        "/v1/audit-events",
        params={"resource_id": created.json()["id"]},
        headers=world["a_admin"].headers,
    ).json()["data"]
    assert [e["action"] for e in events] == [
        f"{resource_type}.create",
        f"{resource_type}.update",
        f"{resource_type}.delete",
    ]


# Special-operation certificates ---------------------------------------------------------------


def test_certificate_life_cycle(world: World) -> None:
    _life_cycle(world, SOC, certificate(_wang(world)), {"last_review_on": "2025-04-10"})


def test_certificate_output_and_next_review(world: World) -> None:
    person = _wang(world)
    body = _post(world, SOC, certificate(person, certificate_number=" t4101082022041800123 "))
    assert body.status_code == 201, body.text
    shown = body.json()
    assert shown["certificate_number"] == "T4101082022041800123", "stripped and upper-cased"
    assert shown["category_name"] == "低压电工作业"
    assert shown["six_year_review"] is False
    assert shown["last_review_on"] is None
    assert shown["next_review_due"] == "2025-04-18", "3 years after issue"

    reviewed = _post(
        world, SOC, certificate(person, category="2.1", last_review_on="2025-04-10")
    ).json()
    assert reviewed["next_review_due"] == "2028-04-10"
    six = _post(world, SOC, certificate(person, category="3.1", six_year_review=True)).json()
    assert six["next_review_due"] == "2028-04-17", "6 years after issue, capped at expiry"


def test_certificate_validation_names_the_field(world: World) -> None:
    person = _wang(world)
    today = clock.today()
    cases = [
        (certificate(person, category="12"), "body.category", None),
        (certificate(person, category="1"), "body.category", None),
        (certificate(person, certificate_number=" "), "body.certificate_number", None),
        (certificate(person, expires_on="2022-04-18"), "body.expires_on", "date_order"),
        (certificate(person, expires_on="2028-04-19"), "body.expires_on", "validity_too_long"),
        (
            certificate(
                person,
                issued_on=str(today + timedelta(days=1)),
                expires_on=str(today + timedelta(days=700)),
            ),
            "body.issued_on",
            "in_future",
        ),
        (certificate(person, last_review_on="2022-04-18"), "body.last_review_on", "date_order"),
        (certificate(person, last_review_on="2021-01-01"), "body.last_review_on", "date_order"),
        (
            certificate(
                person,
                issued_on=str(today - timedelta(days=365)),
                expires_on=str(today + timedelta(days=1000)),
                last_review_on=str(today + timedelta(days=30)),
            ),
            "body.last_review_on",
            "in_future",
        ),
        (
            certificate(
                person,
                issued_on="2019-01-10",
                expires_on="2025-01-09",
                last_review_on="2025-02-01",
            ),
            "body.last_review_on",
            "date_order",
        ),
        (certificate("per_00000000000000000000000000"), "body.person_id", "unknown_person"),
        (certificate(_wang(world, "b")), "body.person_id", "unknown_person"),
    ]
    for body, field, code in cases:
        _rejected(_post(world, SOC, body), field, code)
    assert (
        world.client.get(_url(world, SOC), headers=world["a_editor"].headers).json()["data"] == []
    ), "nothing was written"
    assert _post(world, SOC, certificate(person, expires_on="2028-04-18")).status_code == 201, (
        "the sixth anniversary itself is allowed"
    )


def test_certificate_patch_is_checked_as_a_whole(world: World) -> None:
    headers = world["a_editor"].headers
    created = _post(world, SOC, certificate(_wang(world)))
    location = created.headers["location"]
    with_etag = {**headers, "If-Match": created.headers["etag"]}
    # A new issue date that leaves the stored expiry more than 6 years away names issue date.
    _rejected(
        world.client.patch(location, json={"issued_on": "2022-04-01"}, headers=with_etag),
        "body.issued_on",
        "validity_too_long",
    )
    _rejected(
        world.client.patch(location, json={"certificate_number": None}, headers=with_etag),
        "body.certificate_number",
        "missing",
    )
    _rejected(
        world.client.patch(location, json={"person_id": _wang(world, "b")}, headers=with_etag),
        "body.person_id",
        "unknown_person",
    )
    assert world.client.get(location, headers=headers).json()["version"] == 1


def test_duplicate_certificates_are_409(world: World) -> None:
    headers = world["a_editor"].headers
    person = _wang(world)
    first = _post(world, SOC, certificate(person))
    assert first.status_code == 201
    again = _post(world, SOC, certificate(person, certificate_number="t4101082022041800123"))
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate_certificate"
    other_category = _post(world, SOC, certificate(person, category="2.1"))
    assert other_category.status_code == 201, "one number may carry several categories"
    moved = world.client.patch(
        other_category.headers["location"],
        json={"category": "1.2"},
        headers={**headers, "If-Match": other_category.headers["etag"]},
    )
    assert moved.status_code == 409
    in_b = world.client.post(
        _url(world, SOC, "b"),
        json=certificate(_wang(world, "b")),
        headers=world["b_editor"].headers,
    )
    assert in_b.status_code == 201, "another enterprise's records do not count"

    world.client.delete(
        first.headers["location"], headers={**headers, "If-Match": first.headers["etag"]}
    )
    assert _post(world, SOC, certificate(person)).status_code == 201, "deleted ones do not count"


def test_certificate_filters(world: World) -> None:
    headers = world["a_editor"].headers
    wang = _wang(world)
    li = _person(world, "41010819851112002", name="李秀英")
    ids = {
        "wang_electric": _post(world, SOC, certificate(wang)).json()["id"],
        "wang_welding": _post(
            world,
            SOC,
            certificate(
                wang,
                category="2.1",
                issued_on="2020-06-01",
                expires_on="2026-05-31",
                last_review_on="2023-05-20",
            ),
        ).json()["id"],
        "li_height": _post(
            world,
            SOC,
            certificate(
                li,
                category="3.1",
                certificate_number="T999",
                issued_on="2023-01-10",
                expires_on="2029-01-09",
                six_year_review=True,
            ),
        ).json()["id"],
    }

    def found(**params: str) -> set[str]:
        response = world.client.get(_url(world, SOC), params=params, headers=headers)
        assert response.status_code == 200, response.text
        names = {v: k for k, v in ids.items()}
        return {names[r["id"]] for r in response.json()["data"]}

    assert found(person_id=wang) == {"wang_electric", "wang_welding"}
    assert found(category="3.1") == {"li_height"}
    assert found(expires_before="2028-04-17") == {"wang_welding"}
    assert found(expires_before="2028-04-18") == {"wang_welding", "wang_electric"}
    assert found(expires_after="2028-04-17") == {"li_height"}
    # Due: wang_electric 2025-04-18, wang_welding 2026-05-20, li_height 2029-01-09 (expiry).
    assert found(review_due_before="2025-04-18") == set()
    assert found(review_due_before="2025-04-19") == {"wang_electric"}
    assert found(review_due_before="2026-05-21") == {"wang_electric", "wang_welding"}
    assert found(review_due_before="2029-01-10") == set(ids)
    rejected = world.client.get(_url(world, SOC), params={"category": "99"}, headers=headers)
    _rejected(rejected, "query.category")


def test_review_due_filter_agrees_with_the_computed_field(world: World) -> None:
    """The SQL rewrite of `review_due_before` against the Python computation, leap days
    included, on the lane's database."""
    headers = world["a_editor"].headers
    person = _wang(world)
    variants = [
        ("2020-02-29", "2026-02-28", None, False),
        ("2020-02-29", "2026-02-28", None, True),
        ("2021-03-01", "2027-02-28", "2024-02-29", False),
        ("2021-02-28", "2027-02-27", None, False),
        ("2022-12-31", "2028-12-30", "2025-12-31", True),
    ]
    for number, (issued, expires, review, six) in enumerate(variants):
        body = certificate(
            person,
            certificate_number=f"N{number}",
            issued_on=issued,
            expires_on=expires,
            last_review_on=review,
            six_year_review=six,
        )
        assert _post(world, SOC, body).status_code == 201
    shown = world.client.get(_url(world, SOC), headers=headers).json()["data"]
    for cutoff in ("2023-02-28", "2023-03-01", "2024-02-29", "2024-03-01", "2027-02-28"):
        expected = {c["id"] for c in shown if c["next_review_due"] < cutoff}
        listed = world.client.get(
            _url(world, SOC), params={"review_due_before": cutoff}, headers=headers
        ).json()["data"]
        assert {c["id"] for c in listed} == expected, cutoff


CALENDAR = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(CALENDAR, CALENDAR, st.sampled_from([3, 6]))
@example(date(2021, 2, 28), date(2024, 2, 29), 3)  # leap-day cut-off, common start year
@example(date(2020, 2, 29), date(2023, 3, 1), 3)  # leap-day start
@example(date(2020, 2, 29), date(2026, 2, 28), 6)
def test_earliest_reaching_is_the_exact_threshold(start: date, day: date, years: int) -> None:
    assert (add_years(start, years) < day) == (start < earliest_reaching(day, years))


def test_review_due_rules() -> None:
    assert add_years(date(2020, 2, 29), 3) == date(2023, 2, 28)
    assert review_due(date(2020, 2, 29), None, date(2026, 2, 28), False) == date(2023, 2, 28)
    assert review_due(date(2020, 1, 1), date(2024, 6, 1), date(2025, 12, 31), False) == date(
        2025, 12, 31
    ), "never after expiry"


# Operation assignments -----------------------------------------------------------------------


def test_assignment_life_cycle(world: World) -> None:
    _life_cycle(world, OPA, assignment(_wang(world)), {"ended_on": "2024-12-31"})


def test_assignment_validation(world: World) -> None:
    wang = _wang(world)
    left = _person(world, "41010819851112002", name="李秀英", leave_date="2024-06-30")
    cases = [
        (assignment(wang, category="0"), "body.category", None),
        (assignment(wang, ended_on="2022-04-30"), "body.ended_on", "date_order"),
        (assignment(wang, started_on="2021-02-28"), "body.started_on", "not_in_service"),
        (assignment(left, started_on="2024-07-01"), "body.started_on", "not_in_service"),
        (assignment(left, ended_on="2024-07-01"), "body.ended_on", "not_in_service"),
        (assignment("per_00000000000000000000000000"), "body.person_id", "unknown_person"),
        (assignment(_wang(world, "b")), "body.person_id", "unknown_person"),
    ]
    for body, field, code in cases:
        _rejected(_post(world, OPA, body), field, code)
    assert _post(world, OPA, assignment(left, ended_on="2024-06-30")).status_code == 201


def test_overlapping_assignments_are_409(world: World) -> None:
    wang = _wang(world)
    assert _post(world, OPA, assignment(wang, ended_on="2023-12-31")).status_code == 201
    overlapping = _post(world, OPA, assignment(wang, started_on="2023-12-31"))
    assert overlapping.status_code == 409
    assert overlapping.json()["code"] == "overlapping_assignment"
    assert _post(world, OPA, assignment(wang, started_on="2024-01-01")).status_code == 201
    assert _post(world, OPA, assignment(wang, category="2.1")).status_code == 201
    earlier_open_ended = _post(world, OPA, assignment(wang, started_on="2021-06-01"))
    assert earlier_open_ended.status_code == 409


def test_assignment_filters(world: World) -> None:
    headers = world["a_editor"].headers
    wang = _wang(world)
    li = _person(world, "41010819851112002", name="李秀英")
    _post(world, OPA, assignment(wang, ended_on="2023-12-31"))
    _post(world, OPA, assignment(wang, category="2.1", started_on="2024-01-01"))
    _post(world, OPA, assignment(li, category="2.1"))

    def found(**params: str) -> list[tuple[str, str]]:
        data = world.client.get(_url(world, OPA), params=params, headers=headers).json()["data"]
        return sorted((r["person_id"], r["category"]) for r in data)

    assert found(person_id=li) == [(li, "2.1")]
    assert found(category="2.1") == sorted([(wang, "2.1"), (li, "2.1")])
    assert found(active_on="2023-12-31") == sorted([(wang, "1.2"), (li, "2.1")])
    assert found(active_on="2024-01-01") == sorted([(wang, "2.1"), (li, "2.1")])


# Standardization certificates ----------------------------------------------------------------


def test_standardization_life_cycle(world: World) -> None:
    _life_cycle(world, STC, grade_certificate(), {"grade": 2})


def test_standardization_validation(world: World) -> None:
    today = clock.today()
    cases = [
        (grade_certificate(grade=0), "body.grade", None),
        (grade_certificate(grade=4), "body.grade", None),
        (grade_certificate(expires_on="2024-09-20"), "body.expires_on", "date_order"),
        (grade_certificate(expires_on="2027-09-21"), "body.expires_on", "validity_too_long"),
        (
            grade_certificate(
                issued_on=str(today + timedelta(days=1)),
                expires_on=str(today + timedelta(days=30)),
            ),
            "body.issued_on",
            "in_future",
        ),
    ]
    for body, field, code in cases:
        _rejected(_post(world, STC, body), field, code)
    assert _post(world, STC, grade_certificate(expires_on="2027-09-20")).status_code == 201, (
        "the third anniversary itself is allowed"
    )
    duplicate = _post(world, STC, grade_certificate(grade=2, issued_on="2024-10-01"))
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "duplicate_certificate"


def test_standardization_filters(world: World) -> None:
    headers = world["a_editor"].headers
    _post(world, STC, grade_certificate())
    _post(
        world,
        STC,
        grade_certificate(
            grade=2,
            certificate_number="豫AQBJXII2021",
            issued_on="2021-05-01",
            expires_on="2024-04-30",
        ),
    )

    def grades(**params: str) -> list[int]:
        data = world.client.get(_url(world, STC), params=params, headers=headers).json()["data"]
        return sorted(r["grade"] for r in data)

    assert grades(grade="2") == [2]
    assert grades(expires_before="2027-09-19") == [2]
    assert grades(expires_after="2024-04-30") == [3]
    assert grades(valid_on="2024-04-30") == [2]
    assert grades(valid_on="2024-06-01") == []
    assert grades(valid_on="2024-09-20") == [3]
    _rejected(
        world.client.get(_url(world, STC), params={"grade": "5"}, headers=headers), "query.grade"
    )


# Who may write -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SOC, OPA, STC])
def test_viewers_cannot_write(world: World, path: str) -> None:
    person = _wang(world)
    body = {
        SOC: certificate(person),
        OPA: assignment(person),
        STC: grade_certificate(),
    }[path]
    viewer = world["a_viewer"].headers
    assert world.client.post(_url(world, path), json=body, headers=viewer).status_code == 403
    created = _post(world, path, body)
    location = created.headers["location"]
    with_etag = {**viewer, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={}, headers=with_etag).status_code == 403
    assert world.client.delete(location, headers=with_etag).status_code == 403
    assert world.client.get(location, headers=viewer).json()["version"] == 1

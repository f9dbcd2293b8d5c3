"""Safety commitments (art. 21) with their publication, and monthly risk analyses (art. 23)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.core import clock
from app.core.validators import resident_id_check_character
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World


def this_year() -> int:
    return clock.today().year


def _url(world: World, path: str) -> str:
    return f"/v1/enterprises/{world.ids['enterprise_a']}/{path}"


def _person(world: World, enterprise: str = "enterprise_a", admin: str = "a_admin") -> str:
    body17 = "41010819700307451"
    response = world.client.post(
        f"/v1/enterprises/{world.ids[enterprise]}/people",
        json={
            "name": "赵总",
            "id_number": body17 + resident_id_check_character(body17),
            "hire_date": "2010-03-01",
        },
        headers=world[admin].headers,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


# Safety commitments -----------------------------------------------------------------------


def commitment(signer: str | None, **overrides: Any) -> dict[str, Any]:
    signed = {"signed_by_person_id": signer, "signed_on": f"{this_year()}-01-01"} if signer else {}
    return {
        "year": this_year(),
        "items": ["落实全员安全生产责任制", "隐患整改五到位"],
        **signed,
        **overrides,
    }


def test_commitment_life_cycle_and_publication(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "safety-commitments")
    principal = _person(world)
    created = world.client.post(base, json=commitment(None), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("scm_")
    assert body["items"] == ["落实全员安全生产责任制", "隐患整改五到位"]
    assert body["signed_on"] is None
    location = created.headers["location"]
    assert world.client.get(location, headers=world["a_viewer"].headers).json() == body

    unsigned = world.client.post(f"{location}/publish", headers=headers)
    assert unsigned.status_code == 409
    assert unsigned.json()["code"] == "not_signed"

    signed = world.client.patch(
        location,
        json={
            "signed_by_person_id": principal,
            "signed_on": f"{this_year()}-01-01",
            "items": ["守法"],
        },
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert signed.status_code == 200, signed.text
    assert signed.json()["items"] == ["守法"]
    assert signed.json()["signed_by_person_id"] == principal

    stale = world.client.post(
        f"{location}/publish", headers={**headers, "If-Match": created.headers["etag"]}
    )
    assert stale.status_code == 412
    viewer = world.client.post(f"{location}/publish", headers=world["a_viewer"].headers)
    assert viewer.status_code == 403
    published = world.client.post(f"{location}/publish", headers=headers)
    assert published.status_code == 200, published.text
    assert published.json()["published_on"] == clock.today().isoformat()
    assert published.json()["version"] == 3
    assert published.headers["etag"] != signed.headers["etag"]
    again = world.client.post(f"{location}/publish", headers=headers)
    assert again.status_code == 409
    assert again.json()["code"] == "already_published"

    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "publish"]
    assert history[2]["data"]["published_on"] == clock.today().isoformat()
    events = world.client.get(
        "/v1/audit-events",
        params={"action": "safety_commitment.publish"},
        headers=world["a_admin"].headers,
    ).json()["data"]
    assert len(events) == 1
    assert events[0]["resource_id"] == body["id"]
    assert events[0]["actor_id"] == world["a_editor"].user_id
    assert events[0]["changes"]["published_on"]["after"] == clock.today().isoformat()

    deleted = world.client.delete(
        location, headers={**headers, "If-Match": published.headers["etag"]}
    )
    assert deleted.status_code == 204
    assert world.client.post(f"{location}/publish", headers=headers).status_code == 404
    # The year is free again once its commitment is deleted.
    assert world.client.post(base, json=commitment(None), headers=headers).status_code == 201


def test_one_commitment_per_year(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "safety-commitments")
    first = world.client.post(base, json=commitment(None), headers=headers)
    assert first.status_code == 201
    duplicate = world.client.post(base, json=commitment(None), headers=headers)
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "year_taken"
    earlier = world.client.post(base, json=commitment(None, year=this_year() - 1), headers=headers)
    assert earlier.status_code == 201
    moved = world.client.patch(
        earlier.headers["location"],
        json={"year": this_year()},
        headers={**headers, "If-Match": earlier.headers["etag"]},
    )
    assert moved.status_code == 409
    assert moved.json()["code"] == "year_taken"


def test_commitment_filters(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "safety-commitments")
    principal = _person(world)
    world.client.post(base, json=commitment(principal), headers=headers)
    world.client.post(base, json=commitment(None, year=this_year() - 1), headers=headers)
    world.client.post(
        base,
        json=commitment(
            principal,
            year=this_year() - 2,
            signed_on=f"{this_year() - 2}-01-05",
            published_on=f"{this_year() - 2}-01-06",
        ),
        headers=headers,
    )

    def years(**params: str) -> list[int]:
        response = world.client.get(base, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(c["year"] for c in response.json()["data"])

    assert years() == [this_year() - 2, this_year() - 1, this_year()]
    assert years(year=str(this_year() - 1)) == [this_year() - 1]
    assert years(signed="true") == [this_year() - 2, this_year()]
    assert years(signed="false") == [this_year() - 1]
    assert years(published="true") == [this_year() - 2]
    assert years(published="false") == [this_year() - 1, this_year()]


def test_commitment_validation(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "safety-commitments")
    principal = _person(world)
    b_person = _person(world, "enterprise_b", "b_admin")
    cases = [
        (commitment(None, year=2013), "body.year", "greater_than_equal"),
        (commitment(None, year=this_year() + 2), "body.year", "out_of_range"),
        (commitment(None, items=[]), "body.items", "too_short"),
        (commitment(None, items=["  "]), "body.items.0", "string_too_short"),
        (commitment(None, items=["承诺"] * 51), "body.items", "too_long"),
        (
            commitment("per_00000000000000000000000000"),
            "body.signed_by_person_id",
            "unknown_person",
        ),
        (commitment(b_person), "body.signed_by_person_id", "unknown_person"),
        (commitment(None, signed_on=f"{this_year()}-01-01"), "body.signed_by_person_id", "missing"),
        (commitment(None, signed_by_person_id=principal), "body.signed_on", "missing"),
        (
            commitment(principal, signed_on=f"{this_year() - 1}-09-30"),
            "body.signed_on",
            "out_of_range",
        ),
        (commitment(principal, signed_on=f"{this_year() + 1}-01-01"), "body.signed_on", None),
        (commitment(None, published_on=f"{this_year()}-01-02"), "body.published_on", "not_signed"),
        (
            commitment(principal, published_on=f"{this_year() - 1}-12-31"),
            "body.published_on",
            "date_order",
        ),
        (commitment(principal, published_on=day(1)), "body.published_on", "in_future"),
    ]
    for body, field, code in cases:
        response = world.client.post(base, json=body, headers=headers)
        assert response.status_code == 422, (field, response.text)
        assert response.json()["errors"][0]["field"] == field, response.text
        if code is not None:
            assert response.json()["errors"][0]["code"] == code
    assert world.client.get(base, headers=headers).json()["data"] == []

    # The window opens three months before the year and closes at its end.
    early = commitment(principal, year=this_year(), signed_on=f"{this_year() - 1}-10-01")
    created = world.client.post(base, json=early, headers=headers)
    assert created.status_code == 201, created.text
    # Moving the year leaves the stored signing day outside: the year is named.
    moved = world.client.patch(
        created.headers["location"],
        json={"year": this_year() - 2},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert moved.status_code == 422
    assert moved.json()["errors"][0]["field"] == "body.year"
    next_year = world.client.post(
        base, json=commitment(None, year=this_year() + 1), headers=headers
    )
    assert next_year.status_code == 201, "next year's commitment may be prepared"


def test_viewers_cannot_write_commitments(world: World) -> None:
    response = world.client.post(
        _url(world, "safety-commitments"), json=commitment(None), headers=world["a_viewer"].headers
    )
    assert response.status_code == 403


# Monthly risk analyses --------------------------------------------------------------------


def _month(offset: int) -> str:
    """The month `offset` months from the current one, as YYYY-MM."""
    index = clock.today().year * 12 + clock.today().month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def analysis(**overrides: Any) -> dict[str, Any]:
    return {
        "month": _month(-1),
        "conducted_on": clock.today().isoformat(),
        "risks_identified": 3,
        "summary": "辨识较大风险3项，均已落实管控措施。",
        **overrides,
    }


def test_analysis_life_cycle(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "risk-analyses")
    created = world.client.post(base, json=analysis(), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("rka_")
    assert body["month"] == _month(-1)
    location = created.headers["location"]
    assert world.client.get(location, headers=world["a_viewer"].headers).json() == body

    changed = world.client.patch(
        location,
        json={"risks_identified": 0, "summary": "未发现较大风险。"},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["risks_identified"] == 0
    duplicate = world.client.post(base, json=analysis(), headers=headers)
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "month_taken"

    deleted = world.client.delete(
        location, headers={**headers, "If-Match": changed.headers["etag"]}
    )
    assert deleted.status_code == 204
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert history[0]["data"]["risks_identified"] == 3
    assert world.client.post(base, json=analysis(), headers=headers).status_code == 201


def test_analysis_filters(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "risk-analyses")
    for offset in (-13, -2, -1):
        first = date.fromisoformat(f"{_month(offset)}-01")
        body = analysis(month=_month(offset), conducted_on=first.isoformat())
        assert world.client.post(base, json=body, headers=headers).status_code == 201

    def months(**params: str) -> list[str]:
        response = world.client.get(base, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(a["month"] for a in response.json()["data"])

    assert months() == [_month(-13), _month(-2), _month(-1)]
    assert months(month_from=_month(-2)) == [_month(-2), _month(-1)]
    assert months(month_to=_month(-2)) == [_month(-13), _month(-2)]
    assert (
        world.client.get(base, params={"month_from": "2026-13"}, headers=headers).status_code == 422
    )


def test_analysis_validation(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "risk-analyses")
    month_before_last_begins = f"{_month(-2)}-01"
    cases = [
        (analysis(month="2026-13"), "body.month", "string_pattern_mismatch"),
        (analysis(month="2026-1"), "body.month", "string_pattern_mismatch"),
        (analysis(conducted_on=day(1)), "body.conducted_on", "in_future"),
        (analysis(conducted_on=month_before_last_begins), "body.conducted_on", "out_of_range"),
        (analysis(month=_month(-3)), "body.conducted_on", "out_of_range"),
        (analysis(risks_identified=-1), "body.risks_identified", "greater_than_equal"),
        (analysis(summary=" "), "body.summary", "string_too_short"),
    ]
    for body, field, code in cases:
        response = world.client.post(base, json=body, headers=headers)
        assert response.status_code == 422, (field, response.text)
        assert response.json()["errors"][0]["field"] == field, response.text
        assert response.json()["errors"][0]["code"] == code
    assert world.client.get(base, headers=headers).json()["data"] == []

    # Conducted in the month itself is as good as in the month after.
    this_month = world.client.post(base, json=analysis(month=_month(0)), headers=headers)
    assert this_month.status_code == 201, this_month.text
    moved = world.client.patch(
        this_month.headers["location"],
        json={"month": _month(-4)},
        headers={**headers, "If-Match": this_month.headers["etag"]},
    )
    assert moved.status_code == 422
    assert moved.json()["errors"][0]["field"] == "body.month"


def test_viewers_cannot_write_analyses(world: World) -> None:
    response = world.client.post(
        _url(world, "risk-analyses"), json=analysis(), headers=world["a_viewer"].headers
    )
    assert response.status_code == 403

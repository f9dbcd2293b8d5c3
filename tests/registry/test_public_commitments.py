"""The public list of published safety commitments (article 21): what it shows, what it never
shows, which commitments, its pages and its printable page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.core import clock
from app.core.pagination import encode_cursor
from app.core.validators import resident_id_check_character
from app.registry.commitments import public
from tests.support.still_clock import still_clock  # noqa: F401 (autouse)
from tests.support.world import World

LIST = "/v1/public/safety-commitments"
PAGE = "/v1/public/safety-commitments/notice.html"
SIGNER = "赵总"
SIGNER_ID_BODY = "41010819700307451"
SIGNER_ID = SIGNER_ID_BODY + resident_id_check_character(SIGNER_ID_BODY)


def signer(world: World, enterprise: str) -> str:
    key = enterprise[-1]
    response = world.client.post(
        f"/v1/enterprises/{world.ids[enterprise]}/people",
        json={"name": SIGNER, "id_number": SIGNER_ID, "hire_date": "2010-03-01"},
        headers=world[f"{key}_admin"].headers,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def commitment(
    world: World, enterprise: str, signer: str, year: int, *, publish: bool = True
) -> dict[str, Any]:
    headers = world[f"{enterprise[-1]}_editor"].headers
    created = world.client.post(
        f"/v1/enterprises/{world.ids[enterprise]}/safety-commitments",
        json={
            "year": year,
            "items": [f"{year}年落实全员安全生产责任制", "隐患整改五到位"],
            "signed_by_person_id": signer,
            "signed_on": f"{year}-01-02",
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    if not publish:
        return dict(created.json())
    published = world.client.post(f"{created.headers['location']}/publish", headers=headers)
    assert published.status_code == 200, published.text
    return dict(published.json())


def verify_enterprise(world: World, enterprise: str) -> None:
    verified = world.client.post(
        f"/v1/enterprises/{world.ids[enterprise]}/verify",
        headers=world["district_admin"].headers,
    )
    assert verified.status_code == 200, verified.text


def _public(world: World, **params: Any) -> dict[str, Any]:
    response = world.client.get(LIST, params=params)  # no token: the list is public
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_published_commitments_of_verified_enterprises_without_personal_data(
    world: World,
) -> None:
    year = clock.today().year
    verify_enterprise(world, "enterprise_a")
    signer_a, signer_b = signer(world, "enterprise_a"), signer(world, "enterprise_b")
    shown = commitment(world, "enterprise_a", signer_a, year)
    commitment(world, "enterprise_a", signer_a, year - 1, publish=False)  # signed only
    withdrawn = commitment(world, "enterprise_a", signer_a, year - 2)
    url = f"/v1/enterprises/{world.ids['enterprise_a']}/safety-commitments/{withdrawn['id']}"
    etag = world.client.get(url, headers=world["a_editor"].headers).headers["etag"]
    deleted = world.client.delete(url, headers={**world["a_editor"].headers, "If-Match": etag})
    assert deleted.status_code == 204
    # B's sign-up is a claim nobody has checked: its commitment waits for verification.
    from_b = commitment(world, "enterprise_b", signer_b, year)

    listed = _public(world)
    assert listed["as_of"] == clock.today().isoformat()
    assert listed["next_cursor"] is None
    assert [c["id"] for c in listed["data"]] == [shown["id"]]
    item = listed["data"][0]
    assert set(item) == set(public.PUBLIC_FIELDS)
    assert item["enterprise_name"] == "郑州甲机械有限公司"
    assert item["region_code"] == "410108001"
    assert item["region_name"]
    assert item["year"] == year
    assert item["items"] == [f"{year}年落实全员安全生产责任制", "隐患整改五到位"]
    assert item["signed_on"] == f"{year}-01-02"
    assert item["published_on"] == clock.today().isoformat()
    credit_code = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}", headers=world["a_admin"].headers
    ).json()["credit_code"]
    assert item["credit_code"] == credit_code

    page = world.client.get(PAGE)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["x-total-count"] == "1"
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "惠政文〔2014〕53号第二十一条" in page.text
    assert "郑州甲机械有限公司" in page.text
    assert credit_code in page.text
    assert "郑州乙化工有限公司" not in page.text
    for response_text in (world.client.get(LIST).text, page.text):
        for personal in (SIGNER, SIGNER_ID, signer_a, "signed_by"):
            assert personal not in response_text

    verify_enterprise(world, "enterprise_b")
    assert {c["id"] for c in _public(world)["data"]} == {shown["id"], from_b["id"]}


def test_filters_pages_and_as_of(world: World) -> None:
    year = clock.today().year
    verify_enterprise(world, "enterprise_a")
    verify_enterprise(world, "enterprise_b")
    signer_a, signer_b = signer(world, "enterprise_a"), signer(world, "enterprise_b")
    a_ids = [commitment(world, "enterprise_a", signer_a, y)["id"] for y in (year - 2, year)]
    b_id = commitment(world, "enterprise_b", signer_b, year - 1)["id"]

    # Region code first (A in 410108001, B in 410108100), then the year.
    everything = [*a_ids, b_id]
    seen: list[str] = []
    cursor = None
    for _ in everything:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = _public(world, **params)
        seen += [c["id"] for c in page["data"]]
        cursor = page["next_cursor"]
    assert seen == everything
    assert cursor is None

    assert [c["id"] for c in _public(world, year=year)["data"]] == [a_ids[1]]
    assert [c["id"] for c in _public(world, region="410108100")["data"]] == [b_id]
    assert [c["id"] for c in _public(world, region="410108")["data"]] == everything
    assert _public(world, region="410122")["data"] == []
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    before = _public(world, as_of=yesterday)
    assert before == {"data": [], "next_cursor": None, "as_of": yesterday}
    town_page = world.client.get(PAGE, params={"region": "410108100", "year": year - 1})
    assert town_page.headers["x-total-count"] == "1"
    assert "郑州乙化工有限公司" in town_page.text
    assert "郑州甲机械有限公司" not in town_page.text


BAD_INPUT = [
    ({"year": "next"}, "query.year"),
    ({"year": 2013}, "query.year"),
    ({"region": "41x"}, "query.region"),
    ({"as_of": "2026-02-30"}, "query.as_of"),
    ({"as_of": "9999-01-01"}, "query.as_of"),
    ({"limit": 0}, "query.limit"),
    ({"cursor": "not a cursor"}, "query.cursor"),
    ({"cursor": "eyJvIjoieCJ9"}, "query.cursor"),
    ({"cursor": encode_cursor(public.ORDERING, [1, 2, "x", 3])}, "query.cursor"),
]


def test_bad_input_is_a_problem(world: World) -> None:
    for params, field in BAD_INPUT:
        paged = "limit" in params or "cursor" in params  # the printable page has no pages
        for path in (LIST,) if paged else (LIST, PAGE):
            response = world.client.get(path, params=params)
            assert response.status_code == 422, (path, params, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["errors"][0]["field"] == field, (path, params)

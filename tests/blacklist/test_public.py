"""The public notice (article 21): anyone, without a token, sees the entries in force today,
public fields only, as JSON pages and as a printable page."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from fastapi import FastAPI

from app.blacklist import public_notice
from app.blacklist.catalog import ReasonCategory, ResponsibleRole
from app.blacklist.labels import REASON_LABELS, ROLE_LABELS
from app.blacklist.snapshot import Snapshot
from app.core import clock
from app.core.pagination import encode_cursor
from app.core.validators import mask_resident_id
from tests.blacklist.support import act, id_number, propose, published
from tests.blacklist.test_lookup import refreshed
from tests.support.world import World, password_token

NOTICE = "/v1/public/blacklist"
HTML = "/v1/public/blacklist/notice.html"
# Columns of the entries table that only the keepers see.
INTERNAL = ("proposed_by", "published_by", "regulator_id", "id_number", "pending_proposals")


def day(offset: int) -> str:
    """A date relative to the business calendar's today, so the tests never age."""
    return (clock.today() + timedelta(days=offset)).isoformat()


def notice(world: World, **params: Any) -> dict[str, Any]:
    response = world.client.get(NOTICE, params=params)  # no Authorization header
    assert response.status_code == 200, response.text
    return dict(response.json())


def ids(world: World, **params: Any) -> list[str]:
    return [e["id"] for e in notice(world, **params)["data"]]


def removed(world: World, **overrides: Any) -> dict[str, Any]:
    entry = published(world, **overrides)
    proposal = act(
        world,
        "district_admin",
        f"{entry['id']}/removals",
        {"reason": "court_ruling", "basis": "（2026）豫0108行初1号"},
    ).json()
    done = act(world, "district_approver", f"{entry['id']}/proposals/{proposal['id']}/approve")
    assert done.json()["status"] == "removed", done.text
    return entry


def test_only_entries_in_force_today_are_public(world: World, app: FastAPI) -> None:
    current = published(world, seed=301, effective_from=day(-30))
    propose(world, seed=302, effective_from=day(-30))
    withdrawn = propose(world, seed=303, effective_from=day(-30))
    act(world, "district_admin", f"{withdrawn['id']}/withdraw")
    removed(world, seed=304, effective_from=day(-30))  # removed as of today
    # Twelve months under the 2017 measures, over a month ago: expired by its dates alone.
    published(world, seed=305, legal_basis="national_2017", effective_from=day(-400))
    published(world, seed=306, effective_from=day(10))  # not in force yet
    version = refreshed(app)
    body = notice(world)
    assert [e["id"] for e in body["data"]] == [current["id"]]
    assert body["next_cursor"] is None
    assert body["as_of"] == day(0)
    assert body["dataset_version"] == version
    (entry,) = body["data"]
    assert entry["subject_name"] == current["subject_name"]
    assert entry["responsible_people"] == [{"role": "principal", "name": "李四"}]
    assert entry["expires_on"] == current["expires_on"]
    html = world.client.get(HTML).text
    assert current["decision_number"] in html
    for seed in (302, 303, 304, 305, 306):
        assert f"〔2026〕{seed}号" not in html


def test_nothing_internal_or_personal_is_public(world: World, app: FastAPI) -> None:
    published(world, effective_from=day(-1))
    refreshed(app)
    secrets = [id_number(7), mask_resident_id(id_number(7))]
    secrets += [a.user_id for a in world.actors.values() if a.user_id]
    json_text = world.client.get(NOTICE).text
    html_text = world.client.get(HTML).text
    for text in (json_text, html_text):
        for secret in secrets:
            assert secret not in text
        for field in INTERNAL:
            assert field not in text
    assert "id_number_masked" not in json_text


def test_filters(world: World, app: FastAPI) -> None:
    town = published(world, seed=401, region_code="410108100", effective_from=day(-100))
    street = published(
        world,
        seed=402,
        region_code="410108001",
        reason="illegal_operation",  # the seed's reason: listed under the seed's rule
        legal_basis="huiji_2014",
        listing_months=24,
        subject_name="郑州市 惠济区某某建材（有限公司）",
        effective_from=day(-10),
    )
    refreshed(app)
    assert ids(world) == [street["id"], town["id"]]  # newest listing first
    assert ids(world, region="410108") == [street["id"], town["id"]]
    assert ids(world, region="410108100") == [town["id"]]
    assert ids(world, region="410109") == []
    # A province, a prefecture or China covers its whole subtree (decision 104).
    for covering in ("410000", "410100", "100000", "4101"):
        assert ids(world, region=covering) == [street["id"], town["id"]]
    assert ids(world, region="440000") == []
    assert ids(world, reason="illegal_operation") == [street["id"]]
    assert ids(world, listed_from=day(-50)) == [street["id"]]
    assert ids(world, listed_to=day(-50)) == [town["id"]]
    assert ids(world, listed_from=day(-100), listed_to=day(-100)) == [town["id"]]
    # Names match however typed: width, spaces, brackets and suffixes make no difference.
    assert ids(world, q="惠济区 某某建材") == [street["id"]]
    assert ids(world, q="ｈｕｉ") == []
    assert ids(world, q="郑州") == [street["id"], town["id"]]
    html = world.client.get(HTML, params={"region": "410108100"})
    assert town["decision_number"] in html.text
    assert street["decision_number"] not in html.text
    assert html.headers["x-total-count"] == "1"
    assert "区域 410108100" in html.text


@pytest.mark.parametrize(
    "params",
    [
        {"region": "41x108"},
        {"region": "4"},
        {"reason": "bad_manners"},
        {"listed_from": "2026-13-01"},
        {"listed_from": "2026-06-02", "listed_to": "2026-06-01"},
        {"q": ""},
        {"q": "（ ）"},
        {"limit": 0},
        {"limit": 501},
        {"cursor": "not-a-cursor"},
        {"cursor": encode_cursor("public-blacklist:effective_from-desc,id-desc", [1, 2])},
    ],
)
def test_bad_filters_are_422(world: World, params: dict[str, Any]) -> None:
    for path in (NOTICE, HTML):
        if path == HTML and ("limit" in params or "cursor" in params):
            continue  # the page is not paged
        response = world.client.get(path, params=params)
        assert response.status_code == 422, (path, params, response.text)
        assert response.headers["content-type"] == "application/problem+json"


def test_pages_follow_the_cursor_and_stay_stable(world: World, app: FastAPI) -> None:
    entries = [published(world, seed=500 + n, effective_from=day(-n)) for n in range(1, 6)]
    # Two on the same day: the id breaks the tie.
    twin = published(world, seed=599, effective_from=day(-3))
    refreshed(app)
    newest_first = sorted(
        [*entries, twin], key=lambda e: (e["effective_from"], e["id"]), reverse=True
    )
    expected = [e["id"] for e in newest_first]
    first = notice(world, limit=2)
    assert [e["id"] for e in first["data"]] == expected[:2]
    # A listing published meanwhile, newer than everything, does not shift the pages.
    published(world, seed=598, effective_from=day(0))
    refreshed(app)
    seen = [e["id"] for e in first["data"]]
    cursor = first["next_cursor"]
    while cursor:
        page = notice(world, limit=2, cursor=cursor)
        seen += [e["id"] for e in page["data"]]
        cursor = page["next_cursor"]
    assert seen == expected
    assert len(ids(world, limit=500)) == 7


def test_the_printable_page(world: World, app: FastAPI) -> None:
    entry = published(
        world,
        subject_name="<script>alert(1)</script>化工有限公司",
        facts='储罐区"隐患"<b>未整改</b>',
        effective_from=day(-5),
    )
    published(world, seed=702, legal_basis="national_2017", effective_from=day(-6))
    refreshed(app)
    response = world.client.get(HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src" not in response.headers["content-security-policy"]
    page = response.text
    assert "安全生产严重失信主体名单公告" in page
    assert "惠政文〔2014〕53号第二十一条" in page
    for label in ("名称", "统一社会信用代码", "法定代表人", "失信行为", "认定部门", "决定文书号"):
        assert f"<th>{label}</th>" in page
    assert REASON_LABELS[ReasonCategory.MAJOR_HIDDEN_DANGER_UNREMEDIED] in page
    assert "安全生产严重失信主体名单管理办法（应急管理部令第11号）" in page
    assert "对安全生产领域失信行为开展联合惩戒的实施办法（2017）" in page
    assert f"{ROLE_LABELS[ResponsibleRole.PRINCIPAL]}：李四" in page
    assert entry["credit_code"] in page
    assert date.fromisoformat(entry["expires_on"]).isoformat() in page
    # Escaped, and self-contained: no script, no link, nothing fetched from elsewhere.
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;化工有限公司" in page
    assert "<b>" not in page
    for needle in ("<script", "<link", "src=", "href=", "http://", "https://"):
        assert needle not in page


def test_the_printable_page_is_capped(
    world: World, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        published(world, seed=800 + n, effective_from=day(-n))
    refreshed(app)
    real = public_notice.notice_html
    monkeypatch.setattr(
        public_notice, "notice_html", lambda current, only: real(current, only, cap=2)
    )
    page = world.client.get(HTML)
    assert page.headers["x-total-count"] == "3"
    assert "共 3 个主体，本页列出前 2 个" in page.text
    assert "〔2026〕800号" in page.text
    assert "〔2026〕802号" not in page.text


def test_an_empty_notice_says_so(world: World) -> None:
    body = notice(world)
    assert body["data"] == []
    assert body["next_cursor"] is None
    assert "当前无在列主体" in world.client.get(HTML).text


def test_every_reason_has_a_chinese_label() -> None:
    assert set(REASON_LABELS) == set(ReasonCategory)


def _as(world: World, actor: str) -> dict[str, str]:
    """A token issued under whatever clock stands (tokens are short-lived)."""
    return {"Authorization": f"Bearer {password_token(world.client, str(world[actor].email))}"}


def _noon(on: date) -> clock.FixedClock:
    return clock.FixedClock(datetime.combine(on, time(12), tzinfo=clock.BUSINESS_TZ))


def test_as_of_shows_the_notice_as_it_stood_that_day(world: World, app: FastAPI) -> None:
    """`as_of` is honoured, not ignored: the entries in force on that day, each as the feed
    had published it by the end of that day — a later removal does not reach back, and an
    entry published later is not on an earlier notice."""
    kept = published(world, seed=311, effective_from=day(-30))
    gone = published(world, seed=312, effective_from=day(-30))
    today = clock.today()
    removal_day = today + timedelta(days=5)
    with clock.use_clock(_noon(removal_day)):
        entries = "/v1/blacklist/entries"
        proposal = world.client.post(
            f"{entries}/{gone['id']}/removals",
            json={"reason": "court_ruling", "basis": "（2026）豫0108行初2号"},
            headers=_as(world, "district_admin"),
        )
        assert proposal.status_code == 201, proposal.text
        approved = world.client.post(
            f"{entries}/{gone['id']}/proposals/{proposal.json()['id']}/approve",
            headers=_as(world, "district_approver"),
        )
        assert approved.json()["removed_on"] == removal_day.isoformat(), approved.text
    refreshed(app)
    with clock.use_clock(_noon(removal_day + timedelta(days=5))):
        assert ids(world, as_of=(today - timedelta(days=1)).isoformat()) == []
        then = notice(world, as_of=today.isoformat())
        assert {e["id"] for e in then["data"]} == {kept["id"], gone["id"]}
        assert then["as_of"] == today.isoformat()
        eve = ids(world, as_of=(removal_day - timedelta(days=1)).isoformat())
        assert set(eve) == {kept["id"], gone["id"]}
        assert ids(world, as_of=removal_day.isoformat()) == [kept["id"]]
        assert ids(world) == [kept["id"]]
        page = world.client.get(HTML, params={"as_of": today.isoformat()}).text
        assert gone["decision_number"] in page
        assert gone["decision_number"] not in world.client.get(HTML).text
        tomorrow = removal_day + timedelta(days=6)
        future = world.client.get(NOTICE, params={"as_of": tomorrow.isoformat()})
        assert future.status_code == 422
        assert future.json()["code"] == "as_of_in_future"


def test_the_past_notices_kept_are_capped() -> None:
    """`as_of` is anyone's to vary: the cache keeps a bounded number of days."""
    cache, snapshot, first_day = public_notice.CurrentCache(), Snapshot(), date(2026, 1, 1)
    first = cache.get(snapshot, first_day, as_then=True)
    assert cache.get(snapshot, first_day, as_then=True) is first
    for offset in range(1, 3 * cache.DAYS):
        cache.get(snapshot, first_day + timedelta(days=offset), as_then=True)
    assert len(cache._slot[1]) == cache.DAYS
    assert cache.get(snapshot, first_day, as_then=True) is not first  # evicted: computed again

"""The pages meant for paper, opened in a real Chromium from the real server: the public
blacklist notice and the published safety commitments (article 21), and an enterprise's
compliance report. A reader must see the Chinese text drawn with real glyphs, and the A4 PDF
the browser prints must still carry the names and the article citations, whole."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from fastapi import FastAPI

from app.core import clock
from tests.blacklist.support import id_number, published
from tests.blacklist.test_lookup import refreshed
from tests.browser.rendering import Visit, is_a4, print_pdf, unrenderable_characters, visit
from tests.registry.test_public_commitments import SIGNER, SIGNER_ID, signer, verify_enterprise
from tests.registry.test_public_commitments import commitment as published_commitment
from tests.support.live_server import serve_in_thread
from tests.support.world import World

if TYPE_CHECKING:
    from playwright.sync_api import Browser

NOTICE = "/v1/public/blacklist/notice.html"
ARTICLE_21 = "惠政文〔2014〕53号第二十一条"
REPORT_DAY = "2026-06-01"


def _renders_cleanly(seen: Visit, base_url: str, language: str) -> None:
    """Shared by both pages: declared language and charset, every Chinese character drawn
    with a glyph, nothing fetched but the page itself, no error in the console."""
    page = seen.page
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.characterSet") == "UTF-8"
    glyphs = unrenderable_characters(page)
    assert glyphs.checked > 0, "the page should have Chinese text to draw"
    assert glyphs.missing == [], f"{glyphs} (install fonts-noto-cjk)"
    assert all(url.startswith(base_url) for url in seen.requests), seen.requests
    assert seen.console_errors == []


def test_public_notice_renders_and_prints_in_chinese(
    chromium: Browser, app: FastAPI, world: World
) -> None:
    # Proposed by the district's admin, published by its approver: the four-eyes rule.
    entry = published(
        world,
        seed=901,
        subject_name="郑州丙建材有限公司",
        legal_basis="huiji_2014",
        listing_months=24,
        effective_from=(clock.today() - timedelta(days=30)).isoformat(),
    )
    with serve_in_thread(app) as base_url:
        refreshed(app)  # the notice is served from the snapshot: let it see the entry now
        with visit(chromium, base_url + NOTICE) as seen:  # no token: the page is public
            _renders_cleanly(seen, base_url, "zh-CN")
            text = seen.text()
            printed = print_pdf(seen.page)

    expected = (
        "安全生产严重失信主体名单公告",
        "郑州丙建材有限公司",
        "惠济区应急管理局",
        entry["decision_number"],
        entry["credit_code"],
        ARTICLE_21,
    )
    for value in expected:
        assert value in text
        assert value in printed.flowing()
    # Cited twice: in the preamble and as the entry's own legal basis.
    assert text.count(ARTICLE_21) == 2
    assert printed.flowing().count(ARTICLE_21) == 2
    # The ID number the proposal carried is never public, on screen or on paper.
    assert id_number(7) not in text
    assert id_number(7) not in printed.flowing()
    # The page's own @page rule turns the sheet: eleven columns need the width.
    assert all(is_a4(size, landscape=True) for size in printed.page_sizes), printed.page_sizes


def test_public_commitments_render_and_print_in_chinese(
    chromium: Browser, app: FastAPI, world: World
) -> None:
    verify_enterprise(world, "enterprise_a")
    year = clock.today().year
    shown = published_commitment(world, "enterprise_a", signer(world, "enterprise_a"), year)
    credit_code = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}", headers=world["a_admin"].headers
    ).json()["credit_code"]
    with serve_in_thread(app) as base_url:
        page = f"{base_url}/v1/public/safety-commitments/notice.html?year={year}"
        with visit(chromium, page) as seen:  # no token: the page is public
            _renders_cleanly(seen, base_url, "zh-CN")
            text = seen.text()
            printed = print_pdf(seen.page)

    title, name = "企业安全生产承诺公告", "郑州甲机械有限公司"
    for value in (title, name, credit_code, ARTICLE_21, *shown["items"]):
        assert value in text
        assert value in printed.flowing()
    for personal in (SIGNER, SIGNER_ID):
        assert personal not in text
        assert personal not in printed.flowing()
    assert all(is_a4(size, landscape=False) for size in printed.page_sizes), printed.page_sizes


def _add_records(world: World) -> None:
    """Records that make the report show every kind of result: a safety body and officer,
    a principal with an assessment certificate, and a hidden danger past its deadline."""
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    headers = world["a_admin"].headers

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = world.client.post(f"{enterprise}/{path}", json=body, headers=headers)
        assert response.status_code == 201, response.text
        return dict(response.json())

    principal = post(
        "people", {"name": "王建国", "id_number": id_number(11), "hire_date": "2018-01-01"}
    )["id"]
    officer = post(
        "people", {"name": "赵安全", "id_number": id_number(12), "hire_date": "2018-01-01"}
    )["id"]
    post("safety-bodies", {"form": "designated", "name": "安全科", "established_on": "2019-01-01"})
    post(
        "officer-appointments",
        {
            "person_id": officer,
            "duty": "safety_officer",
            "employment": "part_time",
            "appointed_on": "2019-01-01",
        },
    )
    post(
        "leader-appointments",
        {"person_id": principal, "position": "principal", "took_office_on": "2020-03-01"},
    )
    post(
        "assessment-certificates",
        {
            "person_id": principal,
            "assessed_role": "principal",
            "certificate_number": "KH-2020-001",
            "passed_on": "2020-02-15",
            "expires_on": "2023-02-14",
        },
    )
    post(
        "hidden-dangers",
        {
            "found_on": "2026-01-10",
            "description": "消防通道堵塞",
            "level": "general",
            "deadline": "2026-02-01",
        },
    )


@pytest.mark.parametrize(
    ("locale", "language", "words", "citation"),
    [
        # A browser set to Chinese, as a safety officer's would be…
        ("zh-CN", "zh-CN", ("安全生产合规报告", "不符合", "符合"), "惠政文〔2014〕53号第{}条"),
        # …and one set to English: labels change, the name and the document number do not.
        (
            "en-US",
            "en",
            ("Work-safety compliance report", "Fail", "Pass"),
            "惠政文〔2014〕53号, art. {}",
        ),
    ],
    ids=["zh-CN", "en-US"],
)
def test_compliance_report_renders_and_prints_its_citations(
    chromium: Browser,
    app: FastAPI,
    world: World,
    locale: str,
    language: str,
    words: tuple[str, ...],
    citation: str,
) -> None:
    _add_records(world)
    enterprise = world.ids["enterprise_a"]
    viewer = world["a_viewer"].headers
    report = world.client.get(
        f"/v1/enterprises/{enterprise}/compliance",
        params={"as_of": REPORT_DAY},
        headers={**viewer, "Accept-Language": locale},
    ).json()
    assert {"pass", "fail"} <= {f["status"] for f in report["findings"]}
    url = f"/v1/enterprises/{enterprise}/compliance/report.html?as_of={REPORT_DAY}"

    # The locale sets the browser's Accept-Language; the token rides as a header.
    with (
        serve_in_thread(app) as base_url,
        visit(chromium, base_url + url, locale=locale, headers=viewer) as seen,
    ):
        _renders_cleanly(seen, base_url, language)
        text = seen.text()
        printed = print_pdf(seen.page)

    flowing = printed.flowing()
    for value in (*words, "郑州甲机械有限公司", REPORT_DAY):
        assert value in text
        assert _squeezed(value) in flowing
    # Every citation, whole, as often on paper as findings and duties cite it; the
    # district's in the form the language gives.
    cited_by = Counter(f["citation"] for f in report["findings"])
    cited_by.update(c for d in report["duties"] for c in d["citations"])
    district = {
        citation.format(f["article"]) for f in report["findings"] if f["pack"] == "huiji-2014"
    }
    assert district <= set(cited_by)
    for cited, times in cited_by.items():
        assert _occurrences(text, cited) == times, cited
        assert _occurrences(flowing, _squeezed(cited)) == times, f"{cited} cut in the PDF"
    for finding in report["findings"]:
        assert _squeezed(finding["title"]) in flowing
    assert len(printed.page_sizes) > 1  # a long table: the header row must repeat, rows whole
    assert all(is_a4(size, landscape=False) for size in printed.page_sizes), printed.page_sizes


def _occurrences(text: str, citation: str) -> int:
    """How often `citation` occurs, not counting it as the start of a longer article number
    ("art. 2" inside "art. 20")."""
    return len(re.findall(re.escape(citation) + r"(?!\d)", text))


def _squeezed(value: str) -> str:
    """As Printout.flowing() reads the PDF: without spaces and line breaks."""
    return re.sub(r"\s+", "", value)

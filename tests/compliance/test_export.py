"""The compliance report as CSV and as a printable HTML page: content, language, escaping,
and the same access as the JSON report."""

from __future__ import annotations

import csv
import io
from datetime import date

from app.compliance import export
from app.compliance.packs import PACKS
from app.compliance.schemas import AppliedPack, FindingOut, ReportOut, Summary, TraceOut
from tests.compliance.test_report import _report, _url
from tests.support.world import World

CATALOGUE = [rule.id for rule in PACKS["huiji-2014"].rules]


def _rename(world: World, name: str) -> None:
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    etag = world.client.get(enterprise, headers=world["a_admin"].headers).headers["etag"]
    renamed = world.client.patch(
        enterprise, json={"name": name}, headers={**world["a_admin"].headers, "If-Match": etag}
    )
    assert renamed.status_code == 200, renamed.text


def test_csv_has_a_bom_a_header_and_every_rule(world: World) -> None:
    response = world.client.get(
        _url(world, "compliance/report.csv"),
        params={"as_of": "2026-06-01", "pack": "huiji-2014"},
        headers=world["a_viewer"].headers,
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=")
    assert f"compliance-{world.ids['enterprise_a']}-2026-06-01.csv" in disposition
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, findings = rows[0], rows[1:]
    assert header[:5] == ["条款", "义务", "规则编号", "要求", "结论"]
    assert [row[2] for row in findings] == CATALOGUE
    by_rule = {row[2]: row for row in findings}
    assert by_rule["HJ2014-17.1"][:4] == [
        "惠政文〔2014〕53号第17条",
        "staffing",
        "HJ2014-17.1",
        "安全生产管理机构和人员",
    ]
    assert {row[header.index("规则包")] for row in findings} == {"huiji-2014"}
    # The same findings as the JSON report on the same date.
    statuses = {"pass": "符合", "fail": "不符合", "not_applicable": "不适用", "unknown": "无法判断"}
    json_report = _report(world, as_of="2026-06-01", pack="huiji-2014")
    for finding in json_report["findings"]:
        row = by_rule[finding["rule_id"]]
        assert row[header.index("结论")] == statuses[finding["status"]]
        assert row[header.index("到期日")] == (finding["due"] or "")
    assert {row[header.index("企业名称")] for row in findings} == {"郑州甲机械有限公司"}
    assert {row[header.index("评估日期")] for row in findings} == {"2026-06-01"}


def test_csv_follows_accept_language(world: World) -> None:
    response = world.client.get(
        _url(world, "compliance/report.csv"),
        headers={**world["a_viewer"].headers, "Accept-Language": "en"},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Article", "Duty", "Rule", "Requirement", "Status"]
    assert "惠政文〔2014〕53号, art. 5" in {row[0] for row in rows[1:]}


def test_csv_cells_cannot_become_formulas() -> None:
    report = ReportOut(
        enterprise_id="ent_1",
        evaluation_id="evl_1",
        packs=[
            AppliedPack(
                id="huiji-2014", version="2014.1", title="t", jurisdiction="410108", document="d"
            )
        ],
        layers=[],
        as_of=date(2026, 6, 1),
        stable_until=None,
        language="zh",
        summary=Summary(by_status={}, failing_by_severity={}),
        duties=[],
        findings=[
            FindingOut(
                rule_id="HJ2014-17.1",
                pack="huiji-2014",
                duty="staffing",
                article="17",
                citation="d第17条",
                title="t",
                severity="critical",
                status="fail",
                message="m",
                evidence=[],
                due=None,
                remediation="r",
                provisional=False,
                trace=TraceOut(branch=None, values=[], records=[]),
            )
        ],
    )
    text = export.report_csv(report, export.Subject('=HYPERLINK("http://x")', "91X"))
    row = list(csv.reader(io.StringIO(text.removeprefix(export.BOM))))[1]
    assert '\'=HYPERLINK("http://x")' in row


def test_html_is_a_printable_page_with_citations(world: World) -> None:
    response = world.client.get(
        _url(world, "compliance/report.html"),
        params={"as_of": "2026-06-01", "pack": "huiji-2014"},
        headers=world["a_viewer"].headers,
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page
    assert "@page" in page
    assert "A4" in page
    assert "<script" not in page  # no JS
    assert "http" not in page  # no external resources
    assert "郑州甲机械有限公司" in page
    assert "2026-06-01" in page
    assert "2014.1" in page
    for article in ("5", "17", "19", "20", "23"):
        assert f"惠政文〔2014〕53号第{article}条" in page
    assert "安全生产管理机构和人员" in page
    assert "安全生产标准化达标" in page
    # One row per finding and per duty, plus the header rows of the three tables and the
    # summary row.
    duties = {rule.duty.key for rule in PACKS["huiji-2014"].rules}
    assert page.count("<tr>") == len(CATALOGUE) + len(duties) + 4


def test_html_escapes_user_data(world: World) -> None:
    _rename(world, "<script>alert('x')</script>郑州甲")
    page = world.client.get(
        _url(world, "compliance/report.html"), headers=world["a_viewer"].headers
    ).text
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;郑州甲" in page


def test_html_in_english(world: World) -> None:
    response = world.client.get(
        _url(world, "compliance/report.html"),
        headers={**world["a_viewer"].headers, "Accept-Language": "en-US,en;q=0.9"},
    )
    page = response.text
    assert response.headers["content-language"] == "en"
    assert '<html lang="en">' in page
    assert "Work-safety compliance report" in page
    assert "Safety body and staff" in page
    assert "惠政文〔2014〕53号, art. 17" in page


def test_outsiders_and_unknown_packs_get_problems(world: World) -> None:
    for path in ("compliance/report.csv", "compliance/report.html"):
        outsider = world.client.get(_url(world, path), headers=world["b_admin"].headers)
        assert outsider.status_code == 404
        assert outsider.headers["content-type"] == "application/problem+json"
        regulator = world.client.get(_url(world, path), headers=world["district_admin"].headers)
        assert regulator.status_code == 200
        unknown = world.client.get(
            _url(world, path), params={"pack": "nope"}, headers=world["a_viewer"].headers
        )
        assert unknown.status_code == 404
        assert unknown.json()["code"] == "unknown_pack"


def test_html_is_served_with_the_printable_pages_policy(world: World) -> None:
    """Like the public notice: a page user data is written into runs no script, loads
    nothing from elsewhere and cannot be rebased, even if escaping ever slipped."""
    for language, expected in (("zh-CN", "zh-CN"), ("en", "en")):
        response = world.client.get(
            _url(world, "compliance/report.html"),
            headers={**world["a_viewer"].headers, "Accept-Language": language},
        )
        assert response.status_code == 200, response.text
        policy = response.headers["content-security-policy"]
        assert policy == "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"
        assert response.headers["content-language"] == expected

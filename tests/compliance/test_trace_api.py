"""The trace behind findings through the API: the report, a snapshot, the CSV and the
catalogue each answer "which value, from which date and article, applied to which records"."""

from __future__ import annotations

import csv
import io

from tests.compliance.test_report import _finding, _person, _post, _report, _url
from tests.support.world import World


def test_a_report_traces_values_and_records_and_names_its_evaluation(world: World) -> None:
    person = _person(world, 11)
    body = _post(
        world,
        "safety-bodies",
        {"form": "designated", "name": "安全科", "established_on": "2019-01-01"},
    )
    _post(
        world,
        "officer-appointments",
        {
            "person_id": person,
            "duty": "safety_officer",
            "employment": "part_time",
            "appointed_on": "2019-01-01",
        },
    )
    report = _report(world, as_of="2026-06-01")
    assert report["evaluation_id"].startswith("evl_")
    assert report["stable_until"] is None or report["stable_until"] >= "2026-06-01"
    staffing = _finding(report, "HJ2014-17.1")
    threshold = next(
        v for v in staffing["trace"]["values"] if v["parameter"] == "huiji-2014.staffing.threshold"
    )
    assert threshold["value"] == 300
    assert threshold["effective_from"] == "2014-06-17"
    assert threshold["source"] == {"document": "惠政文〔2014〕53号", "article": "第十七条"}
    assert threshold["provisional"] is False
    records = {r["id"]: r for r in staffing["trace"]["records"]}
    assert records[body["id"]]["dates"] == {"established_on": "2019-01-01"}
    # 120 employees, not high-risk: the second branch, which is major.
    assert (staffing["status"], staffing["trace"]["branch"], staffing["severity"]) == (
        "pass",
        "second",
        "major",
    )
    commitment = _finding(report, "HJ2014-21.1")
    assert commitment["severity"] == "advisory"


def test_a_snapshot_keeps_the_trace(world: World) -> None:
    base = _url(world, "compliance/snapshots")
    taken = world.client.post(base, json={"as_of": "2026-06-01"}, headers=world["a_editor"].headers)
    assert taken.status_code == 201, taken.text
    one = world.client.get(taken.headers["location"], headers=world["a_viewer"].headers).json()
    assert one["evaluation_id"].startswith("evl_")
    staffing = next(f for f in one["findings"] if f["rule_id"] == "HJ2014-17.1")
    assert any(
        v["parameter"] == "huiji-2014.staffing.threshold" for v in staffing["trace"]["values"]
    )


def test_the_csv_has_the_trace_as_columns(world: World) -> None:
    response = world.client.get(
        _url(world, "compliance/report.csv"),
        params={"as_of": "2026-06-01"},
        headers={**world["a_viewer"].headers, "Accept-Language": "en"},
    )
    assert response.status_code == 200, response.text
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    staffing = next(r for r in rows if r["Rule"] == "HJ2014-17.1")
    assert (
        "300 employees (2014-06-17, 惠政文〔2014〕53号 第十七条)"
        in staffing["Legal values used (in force from, source)"]
    )
    training = next(r for r in rows if r["Rule"] == "HJ2014-24.1")
    assert training["Provisional"] in ("yes", "no")
    assert rows[0]["Evaluation"].startswith("evl_")


def test_the_catalogue_lists_each_rules_values_with_dates_and_sources(world: World) -> None:
    response = world.client.get(
        "/v1/compliance/packs/huiji-2014/rules", headers=world["a_viewer"].headers
    )
    assert response.status_code == 200
    rules = {r["id"]: r for r in response.json()["data"]}
    engineer = {p["key"]: p for p in rules["HJ2014-17.2"]["parameters"]}
    required = engineer["huiji-2014.staffing.engineer_required"]["values"]
    assert [(v["value"], v["effective_from"], v["effective_to"]) for v in required] == [
        (False, "2014-06-17", "2015-12-31"),
        (True, "2016-01-01", None),
    ]
    exams = {p["key"]: p for p in rules["HJ2014-22.3"]["parameters"]}["gbz188.edition"]["values"]
    assert [(v["value"], v["provisional"]) for v in exams] == [
        ("GBZ 188-2007", True),
        ("GBZ 188-2014", False),
        ("GBZ 188-2025", True),
    ]

"""Every record kind's export, in its import's columns, imports back (decision 88).

Round trip, for each kind of the registry of kinds (a new kind is covered without a line
here, except its sample): records are created through the API, exported with
`layout=import`, one cell is edited, the records are deleted and the file is imported into
the same enterprise. The imported records equal the deleted ones field by field (ids and
times aside), except the edited cell.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from app.registry.imports.catalog import IMPORT_SPECS
from app.registry.record_kinds import RECORD_KINDS
from tests.registry.test_imports import id_number
from tests.support.world import World, password_token

FIRST, SECOND = id_number(11), id_number(12)
PEOPLE = [
    {"name": "张伟", "id_number": FIRST, "department": "一车间", "position": "电工",
     "hire_date": "2020-03-01", "exposures": [
         {"factor": "noise", "level": "85 dB(A)", "started_on": "2020-03-01"},
         {"factor": "dust", "level": "85 dB(A)", "started_on": "2020-03-01"}]},
    {"name": "李娜", "id_number": SECOND, "department": "安全部", "hire_date": "2019-05-06"},
]  # fmt: skip

# One valid create body per kind ("P1" names the first person, "S1" the training session,
# "E1" the emergency plan, "T1" the team),
# and the edit: the column's field, the cell's new text, the value the record then shows.
SAMPLES: dict[str, tuple[dict[str, Any], tuple[str, str, Any]]] = {
    "people": ({}, ("department", "二车间", "二车间")),  # the people are PEOPLE
    "hidden-dangers": (
        {"found_on": "2024-05-06", "description": "配电箱未上锁", "location": "一车间",
         "level": "general", "measures": "配电箱加锁", "responsible_person_id": "P1",
         "funds": "500.00", "deadline": "2024-06-01", "contingency_plan": "设置警戒区域"},
        ("description", "配电箱未上锁，电缆老化", "配电箱未上锁，电缆老化"),
    ),
    "special-operation-certificates": (
        {"person_id": "P1", "category": "1.1", "certificate_number": f"T{FIRST}",
         "issued_on": "2022-03-01", "expires_on": "2028-02-28", "last_review_on": "2025-02-20"},
        ("last_review_on", "2025-02-21", "2025-02-21"),
    ),
    "operation-assignments": (
        {"person_id": "P1", "category": "1.1", "started_on": "2022-04-01"},
        ("ended_on", "2024-12-31", "2024-12-31"),
    ),
    "standardization-certificates": (
        {"grade": 3, "certificate_number": "豫AQBJXIII202300017",
         "issuing_authority": "郑州市应急管理局", "issued_on": "2023-01-10",
         "expires_on": "2026-01-09"},
        ("issuing_authority", "惠济区应急管理局", "惠济区应急管理局"),
    ),
    "training-sessions": (
        {"kind": "annual", "title": "2024年度再培训", "provider": "郑州市安全生产培训中心",
         "place": "培训中心二楼教室", "started_on": "2024-03-01", "ended_on": "2024-03-02",
         "hours": "16"},
        ("title", "2024年度全员再培训", "2024年度全员再培训"),
    ),
    "training-attendances": (
        {"session_id": "S1", "person_id": "P1", "hours": "8", "passed": True},
        ("passed", "否", False),
    ),
    "hazard-declarations": (
        {"declared_on": "2024-02-01", "factors": ["noise", "dust"], "exposed_headcount": 30,
         "authority": "惠济区卫生健康委员会", "receipt_number": "HJ2024001"},
        ("exposed_headcount", "31", 31),
    ),
    "health-exams": (
        {"person_id": "P1", "kind": "periodic", "examined_on": "2024-04-01",
         "factors": ["noise"], "institution": "郑州市职业病防治院", "report_number": "R2024001",
         "conclusion": "normal"},
        ("factors", "noise、dust", ["noise", "dust"]),
    ),
    "workplace-hazard-tests": (
        {"tested_on": "2024-04-20", "test_type": "detection", "factors": ["noise", "dust"],
         "organisation": "河南省职业病防治研究院", "exceeded_limits": False,
         "report_number": "ZJC-2024-0418", "notes": "定期检测"},
        ("exceeded_limits", "是", True),
    ),
    "protective-equipment-issues": (
        {"person_id": "P1", "factors": ["noise"], "item": "耳塞", "issued_on": "2024-05-06",
         "replacement_months": 3, "free_of_charge": True, "notes": "按配备标准发放"},
        ("replacement_months", "6", 6),
    ),
    "safety-commitments": (
        {"year": 2024,
         "items": ["严格遵守安全生产法律法规，落实全员安全生产责任制", "及时排查治理事故隐患"],
         "signed_by_person_id": "P1", "signed_on": "2024-01-05"},
        ("items", "严格遵守安全生产法律法规，落实全员安全生产责任制\n持证上岗",
         ["严格遵守安全生产法律法规，落实全员安全生产责任制", "持证上岗"]),
    ),
    "risk-analyses": (
        {"month": "2024-05", "conducted_on": "2024-05-28", "risks_identified": 3,
         "summary": "总体可控"},
        ("risks_identified", "4", 4),
    ),
    "major-hazard-sources": (
        {"name": "甲醇储罐区", "grade": 3, "location": "东厂区", "identified_on": "2023-06-01",
         "filed_on": "2023-07-01", "filing_number": "BA2023001", "authority": "郑州市应急管理局"},
        ("name", "液氨储罐区", "液氨储罐区"),
    ),
    "safety-bodies": (
        {"form": "established", "name": "安全生产管理部", "document_number": "郑甲〔2020〕1号",
         "established_on": "2020-04-01", "independent_functions": True},
        ("independent_functions", "否", False),
    ),
    "teams": (
        {"name": "一车间甲班", "department": "一车间", "established_on": "2020-06-01",
         "notes": "三班两倒"},
        ("name", "一车间乙班", "一车间乙班"),
    ),
    "officer-appointments": (
        {"person_id": "P1", "duty": "safety_officer", "employment": "full_time",
         "department": "一车间", "team_id": "T1", "appointed_on": "2021-01-01"},
        ("employment", "part_time", "part_time"),
    ),
    "leader-appointments": (
        {"person_id": "P1", "position": "principal", "took_office_on": "2021-01-01"},
        ("took_office_on", "2021-02-01", "2021-02-01"),
    ),
    "assessment-certificates": (
        {"person_id": "P1", "assessed_role": "safety_officer", "certificate_number": "A2023001",
         "issuing_authority": "郑州市应急管理局", "passed_on": "2023-05-01",
         "expires_on": "2026-04-30"},
        ("issuing_authority", "河南省应急管理厅", "河南省应急管理厅"),
    ),
    "registered-engineers": (
        {"person_id": "P1", "registration_number": "ZAQ2023001", "level": "intermediate",
         "specialty": "chemical", "valid_from": "2023-01-01", "valid_to": "2027-12-31"},
        ("specialty", "other", "other"),
    ),
    "hidden-danger-statistics": (
        {"month": "2024-05", "analysed_on": "2024-06-03", "found_count": 7, "fixed_count": 6,
         "overdue_count": 1, "reported_to_regulator_on": "2024-06-05",
         "told_to_staff_on": "2024-06-06", "summary": "5月排查隐患7项，整改6项。"},
        ("overdue_count", "0", 0),
    ),
    "rescue-arrangements": (
        {"form": "designated_rescuers", "team_name": "兼职应急救援小组", "starts_on": "2023-01-01",
         "rescuer_count": 5, "notes": "各班组各一人"},
        ("rescuer_count", "6", 6),
    ),
    "safety-licences": (
        {"licence_number": "（豫）WH安许证字〔2023〕000017", "scope": "hazardous_chemicals",
         "issuing_authority": "河南省应急管理厅", "issued_on": "2023-03-18",
         "valid_to": "2026-03-17", "renewal_applied_on": "2025-12-01"},
        ("valid_to", "2029-03-17", "2029-03-17"),
    ),
    "special-equipment": (
        {"category": "lifting_machinery", "name": "桥式起重机", "model": "QD10t",
         "serial_number": "2023-QZ-0417", "registration_number": "起17豫A01234(23)",
         "put_into_use_on": "2023-05-08", "registered_on": "2023-05-26",
         "last_inspected_on": "2025-05-10", "next_inspection_due": "2027-05-09"},
        ("inspection_requested_on", "2026-04-01", "2026-04-01"),
    ),
    "equipment-operator-certificates": (
        {"person_id": "P1", "category": "in_plant_vehicle", "certificate_number": FIRST,
         "issued_on": "2022-07-01", "valid_to": "2026-06-30", "notes": "N1 叉车司机"},
        ("category", "lifting_machinery", "lifting_machinery"),
    ),
    "insurance-policies": (
        {"policy_type": "safety_liability", "insurer": "中国人民财产保险股份有限公司郑州市分公司",
         "policy_number": "PZBJ202441010800000123", "valid_from": "2024-01-01",
         "valid_to": "2024-12-31", "insured_headcount": 86, "cover_per_person_yuan": 400000,
         "covers_temporary_and_dispatched": True, "cancelled_on": "2024-10-01",
         "notes": "含劳务派遣人员12人"},
        ("insured_headcount", "90", 90),
    ),
    "emergency-plans": (
        {"plan_type": "special", "title": "危险化学品泄漏专项应急预案", "issued_on": "2024-03-01",
         "filed_on": "2024-03-20", "published_on": "2024-03-05",
         "published_to_public_on": "2024-03-22"},
        ("title", "液氨泄漏专项应急预案", "液氨泄漏专项应急预案"),
    ),
    "emergency-drills": (
        {"plan_id": "E1", "drill_type": "special", "held_on": "2024-06-16", "participants": 30,
         "evaluation": "达到预期目标", "reported_to_regulator_on": "2024-06-20"},
        ("participants", "32", 32),
    ),
    "on-site-shifts": (
        {"person_id": "P1", "shift_on": "2024-03-12", "ends_on": "2024-03-13",
         "place": "一号生产车间", "notes": "夜班带班"},
        ("place", "危化品库房", "危化品库房"),
    ),
    "hidden-danger-inspections": (
        {"inspected_on": "2024-05-14", "kind": "comprehensive", "scope": "全厂各车间、仓库",
         "leader_person_id": "P1", "dangers_found": 3, "notes": "发现一般隐患3项"},
        ("kind", "seasonal", "seasonal"),
    ),
    "accident-signs": (
        {"observed_on": "2024-07-02", "description": "罐区可燃气体报警仪低限报警",
         "location": "二号罐区", "warning_issued_on": "2024-07-02",
         "warning_measures": "停止动火作业，撤离无关人员", "issued_by_person_id": "P1"},
        ("location", "一号罐区", "一号罐区"),
    ),
}  # fmt: skip


def test_every_kind_has_a_sample_and_is_importable() -> None:
    paths = [kind.path for kind in RECORD_KINDS]
    assert sorted(SAMPLES) == sorted(paths), "a new kind needs a sample here"
    assert sorted(IMPORT_SPECS) == sorted(paths)


def _url(world: World, path: str) -> str:
    return f"/v1/enterprises/{world.ids['enterprise_a']}/{path}"


def _reader(world: World) -> dict[str, str]:
    """The enterprise's editor, granted pii:read (the export names people by ID number) and
    health:read (it shows health exams' conclusions)."""
    user_url = f"/v1/organizations/{world.ids['enterprise_a']}/users/{world['a_editor'].user_id}"
    admin = world["a_admin"].headers
    etag = world.client.get(user_url, headers=admin).headers["etag"]
    granted = world.client.patch(
        user_url, json={"grants": ["pii:read", "health:read"]}, headers={**admin, "If-Match": etag}
    )
    assert granted.status_code == 200, granted.text
    token = password_token(world.client, "a_editor@example.com")
    return {"Authorization": f"Bearer {token}"}


def _create(world: World, headers: dict[str, str], path: str, body: dict[str, Any]) -> str:
    response = world.client.post(_url(world, path), json=body, headers=headers)
    assert response.status_code == 201, (path, response.text)
    return str(response.json()["id"])


def _records(world: World, headers: dict[str, str], path: str) -> list[dict[str, Any]]:
    listed = world.client.get(
        _url(world, path), params={"reveal": "personal_data"}, headers=headers
    )
    assert listed.status_code == 200, listed.text
    return list(listed.json()["data"])


def _table(body: bytes, table_format: str) -> list[list[str]]:
    if table_format == "csv":
        return [list(row) for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))]
    sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=lambda kind: kind.path)
def test_an_export_edited_imports_back(world: World, kind: Any) -> None:
    headers = _reader(world)
    people = [_create(world, headers, "people", body) for body in PEOPLE]
    sample, (field, cell, shown) = SAMPLES[kind.path]
    if kind.path != "people":
        references = {"P1": people[0]}
        if "session_id" in sample:
            references["S1"] = _create(
                world, headers, "training-sessions", SAMPLES["training-sessions"][0]
            )
        if "plan_id" in sample:
            references["E1"] = _create(
                world, headers, "emergency-plans", SAMPLES["emergency-plans"][0]
            )
        if "team_id" in sample:
            references["T1"] = _create(world, headers, "teams", SAMPLES["teams"][0])
        body = {name: references.get(value, value) if isinstance(value, str) else value
                for name, value in sample.items()}  # fmt: skip
        _create(world, headers, kind.path, body)
    before = _records(world, headers, kind.path)

    exported = world.client.get(
        _url(world, f"{kind.path}/export"),
        params={"layout": "import", "reveal": "personal_data"},
        headers=headers,
    )
    assert exported.status_code == 200, exported.text
    assert exported.headers["anxin-reimportable"] == "true"
    table = _table(exported.content, "csv")
    spec = IMPORT_SPECS[kind.path]
    header = [c.aliases[0] if c.aliases else c.field for c in spec.columns]
    assert table[0] == header, "Chinese headers, the import's columns in its order"
    table[1][[c.field for c in spec.columns].index(field)] = cell

    for record in before:
        item = _url(world, f"{kind.path}/{record['id']}")
        etag = world.client.get(item, headers=headers).headers["etag"]
        deleted = world.client.delete(item, headers={**headers, "If-Match": etag})
        assert deleted.status_code == 204, deleted.text
    uploaded = world.client.post(
        _url(world, "imports"),
        files={"file": (f"{kind.path}.csv", _csv(table))},
        data={"kind": kind.path},
        headers=headers,
    )
    assert uploaded.status_code == 202, uploaded.text
    result = world.client.get(uploaded.headers["location"], headers=headers).json()
    assert result["status"] == "succeeded", result["errors"]

    after = _records(world, headers, kind.path)
    assert len(after) == len(before)
    compared = [name for name in kind.fields if name in kind.out_schema.model_fields]
    compared += ["exposures"] if kind.path == "people" else []
    # Ids made within one millisecond need not sort in the order they were made.
    edited = before[0]["id"]

    def unedited(record: dict[str, Any]) -> str:
        return repr([record[name] for name in compared if name != field])

    before.sort(key=unedited)
    after.sort(key=unedited)
    for old, new in zip(before, after, strict=True):
        expected = {name: old[name] for name in compared}
        if old["id"] == edited:
            expected[field] = shown
        assert {name: new[name] for name in compared} == expected
        assert new["id"] != old["id"]


def _export(world: World, auth: dict[str, str], path: str, **params: str) -> Any:
    response = world.client.get(
        _url(world, f"{path}/export"), params={"layout": "import", **params}, headers=auth
    )
    assert response.status_code == 200, response.text
    return response


def test_without_the_reveal_people_are_named_by_id_and_masked_files_say_so(world: World) -> None:
    editor = world["a_editor"].headers
    person = _create(world, editor, "people", PEOPLE[0])
    session = _create(world, editor, "training-sessions", SAMPLES["training-sessions"][0])
    _create(world, editor, "training-attendances",
            {"session_id": session, "person_id": person, "hours": "8", "passed": True})  # fmt: skip

    people = _export(world, editor, "people")
    assert people.headers["anxin-reimportable"] == "false"
    assert FIRST not in people.text, "the ID number stays masked"
    attendances = _export(world, editor, "training-attendances", headers="en")
    assert attendances.headers["anxin-reimportable"] == "true"
    header, row = _table(attendances.content, "csv")
    assert header == ["session_id", "id_number", "person_id", "hours", "passed"]
    assert row == [session, "", person, "8.0", "true"]
    # The default export is unchanged: the JSON representation's columns.
    plain = world.client.get(_url(world, "people/export"), headers=editor)
    assert _table(plain.content, "csv")[0][:2] == ["id", "name"]


def test_an_xlsx_export_imports_into_another_enterprise(world: World) -> None:
    """Kinds that name no other record import into any enterprise: sessions from A into B."""
    editor = world["a_editor"].headers
    _create(world, editor, "training-sessions", SAMPLES["training-sessions"][0])
    exported = _export(world, editor, "training-sessions", format="xlsx")
    b_editor = world["b_editor"].headers
    uploaded = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_b']}/imports",
        files={"file": ("sessions.xlsx", exported.content)},
        data={"kind": "training-sessions"},
        headers=b_editor,
    )
    assert uploaded.status_code == 202, uploaded.text
    result = world.client.get(uploaded.headers["location"], headers=b_editor).json()
    assert result["status"] == "succeeded", result["errors"]
    listed = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_b']}/training-sessions", headers=b_editor
    ).json()["data"]
    assert [s["title"] for s in listed] == ["2024年度再培训"]


def test_people_bring_their_exposures(world: World) -> None:
    content = (
        "姓名,身份证号,入职日期,接触危害因素,接触水平\n"
        f"张伟,{FIRST},2020-03-01,noise、dust,85 dB(A)\n"
        f"李娜,{SECOND},2019-05-06,,\n"
        f"王芳,{id_number(13)},2019-05-06,radium,\n"
    ).encode()
    editor = world["a_editor"].headers

    def upload(body: bytes) -> dict[str, Any]:
        uploaded = world.client.post(
            _url(world, "imports"),
            files={"file": ("people.csv", body)},
            data={"kind": "people"},
            headers=editor,
        )
        assert uploaded.status_code == 202, uploaded.text
        return dict(world.client.get(uploaded.headers["location"], headers=editor).json())

    refused = upload(content)
    assert refused["status"] == "invalid"
    assert [(e["row"], e["column"]) for e in refused["errors"]] == [(4, "exposure_factors")]
    result = upload(content.rsplit(b"\n", 2)[0] + b"\n")
    assert result["status"] == "succeeded", result["errors"]
    listed = world.client.get(_url(world, "people"), headers=editor).json()["data"]
    people = sorted(listed, key=lambda person: person["hire_date"], reverse=True)
    assert [[e["factor"] for e in p["exposures"]] for p in people] == [["noise", "dust"], []]
    assert people[0]["exposures"][0] == {
        "factor": "noise",
        "level": "85 dB(A)",
        "started_on": "2020-03-01",
        "ended_on": None,
    }
    history = world.client.get(
        _url(world, f"people/{people[0]['id']}/history"), headers=editor
    ).json()["data"]
    assert [e["factor"] for e in history[0]["data"]["exposures"]] == ["noise", "dust"]


def test_every_kind_has_a_template(world: World) -> None:
    for kind in RECORD_KINDS:
        response = world.client.get(
            f"/v1/import-templates/{kind.path}", headers=world["a_editor"].headers
        )
        assert response.status_code == 200, kind.path
        first = response.content.decode("utf-8-sig").splitlines()[0].split(",")
        assert len(first) == len(IMPORT_SPECS[kind.path].columns), kind.path


def test_a_kinds_unique_key_twice_in_one_file(world: World) -> None:
    """Two analyses of one month in a file: each passes the kind's check, which sees the
    database only; the file is refused by row, before anything is written."""
    content = (
        "月份,研判日期,风险数量,研判结论\n"
        "2024-05,2024-05-28,3,总体可控\n"
        "2024-05,2024-05-29,4,总体可控\n"
    ).encode()
    editor = world["a_editor"].headers
    uploaded = world.client.post(
        _url(world, "imports"),
        files={"file": ("analyses.csv", content)},
        data={"kind": "risk-analyses"},
        headers=editor,
    )
    result = world.client.get(uploaded.headers["location"], headers=editor).json()
    assert result["status"] == "invalid"
    assert [(e["row"], e["code"]) for e in result["errors"]] == [(3, "duplicate_in_file")]

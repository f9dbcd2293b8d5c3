"""Bulk import: every row checked first, then all written or none; CSV, GB18030 and XLSX."""

from __future__ import annotations

import io
import os
import socket
from datetime import date, timedelta
from typing import Any

from openpyxl import Workbook
from sqlalchemy import Engine, func, select

from app.core.clock import now
from app.core.database import session_factory
from app.core.validators import resident_id_check_character
from app.registry.imports.models import RecordImport
from app.registry.imports.service import fail_orphaned
from app.registry.people.models import Person
from app.registry.training.models import TrainingAttendance
from tests.support.world import World


def id_number(index: int) -> str:
    """A distinct valid ID number per index (birth dates from 1970 on, one per day)."""
    born = date(1970, 1, 1) + timedelta(days=index)
    body = f"410108{born:%Y%m%d}{index % 1000:03d}"
    return body + resident_id_check_character(body)


def people_csv(count: int, *, header: str = "姓名,身份证号,部门,入职日期") -> str:
    lines = [header]
    lines += [f"员工{i},{id_number(i)},一车间,2020-03-01" for i in range(1, count + 1)]
    return "\n".join(lines) + "\n"


def _upload(world: World, content: bytes, filename: str, kind: str = "people", **form: Any) -> Any:
    response = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": (filename, content)},
        data={"kind": kind, **form},
        headers=world["a_editor"].headers,
    )
    assert response.status_code == 202, response.text
    # The import runs after the response; the test client waits for it.
    return world.client.get(response.headers["location"], headers=world["a_editor"].headers).json()


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def test_people_from_utf8_csv(world: World, engine: Engine) -> None:
    result = _upload(world, people_csv(30).encode("utf-8-sig"), "people.csv")
    assert result["status"] == "succeeded", result
    assert (result["total_rows"], result["imported_rows"], result["error_count"]) == (30, 30, 0)
    assert _count(engine, Person) == 30
    listed = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}/people",
        params={"id_number": id_number(7)},
        headers=world["a_editor"].headers,
    ).json()["data"]
    assert [p["name"] for p in listed] == ["员工7"]
    history = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}/people/{listed[0]['id']}/history",
        headers=world["a_editor"].headers,
    ).json()["data"]
    assert [h["action"] for h in history] == ["import"]
    assert history[0]["data"]["id_number"] == listed[0]["id_number"], "masked, as the kind shows it"
    assert history[0]["data"]["exposures"] == []
    assert history[0]["data"]["deleted"] is False


def test_gb18030_csv_with_english_headers(world: World, engine: Engine) -> None:
    text = people_csv(3, header="name,id_number,department,hire_date")
    result = _upload(world, text.encode("gb18030"), "people.csv")
    assert result["status"] == "succeeded", result
    assert _count(engine, Person) == 3


def test_xlsx(world: World, engine: Engine) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名 name", "身份证号 id_number", "入职日期 hire_date"])
    for i in range(1, 6):
        sheet.append([f"员工{i}", id_number(i), "2021-05-01"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = _upload(world, buffer.getvalue(), "people.xlsx")
    assert result["status"] == "succeeded", result
    assert _count(engine, Person) == 5


def test_one_bad_row_among_thousands_writes_nothing(world: World, engine: Engine) -> None:
    lines = people_csv(2000).splitlines()
    lines[1500] = lines[1500].replace("2020-03-01", "2020-13-01")
    lines[1700] = lines[1700].split(",")[0] + ",410108199001011234,一车间,2020-03-01"
    result = _upload(world, ("\n".join(lines) + "\n").encode(), "people.csv")
    assert result["status"] == "invalid"
    assert result["error_count"] == 2
    assert [(e["row"], e["column"]) for e in result["errors"]] == [
        (1501, "hire_date"),
        (1701, "id_number"),
    ]
    assert _count(engine, Person) == 0


def test_dry_run_validates_without_writing(world: World, engine: Engine) -> None:
    result = _upload(world, people_csv(10).encode(), "people.csv", dry_run="true")
    assert result["status"] == "validated"
    assert result["total_rows"] == 10
    assert _count(engine, Person) == 0


def test_duplicates_in_the_file_and_in_the_database(world: World) -> None:
    assert _upload(world, people_csv(3).encode(), "people.csv")["status"] == "succeeded"
    result = _upload(world, people_csv(4).encode(), "people.csv")
    assert result["status"] == "invalid"
    assert {e["code"] for e in result["errors"]} == {"id_number_taken"}
    doubled = people_csv(2) + f"又一人,{id_number(1)},一车间,2020-03-01\n"
    result = _upload(world, doubled.encode().replace(b"\n", b"\n", 1), "again.csv")
    assert result["status"] == "invalid"


def test_file_problems(world: World) -> None:
    unknown = _upload(world, b"name,favourite_colour\n", "people.csv")
    assert unknown["status"] == "invalid"
    assert "favourite_colour" in unknown["errors"][0]["message"]
    missing = _upload(world, b"name\n", "people.csv")
    assert "id_number" in missing["errors"][0]["message"]
    refused = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": ("people.txt", b"x")},
        data={"kind": "people"},
        headers=world["a_editor"].headers,
    )
    assert refused.status_code == 422


def test_attendances_by_id_number(world: World, engine: Engine) -> None:
    assert _upload(world, people_csv(20).encode(), "people.csv")["status"] == "succeeded"
    session = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/training-sessions",
        json={
            "kind": "annual",
            "title": "年度安全培训",
            "started_on": "2026-03-02",
            "ended_on": "2026-03-02",
            "hours": "8",
        },
        headers=world["a_editor"].headers,
    )
    assert session.status_code == 201, session.text
    session_id = session.json()["id"]
    rows = ["培训编号,身份证号,学时,是否合格"]
    rows += [f"{session_id},{id_number(i)},8,{'是' if i % 5 else '否'}" for i in range(1, 21)]
    result = _upload(
        world, ("\n".join(rows) + "\n").encode(), "att.csv", kind="training-attendances"
    )
    assert result["status"] == "succeeded", result
    assert _count(engine, TrainingAttendance) == 20
    attendances = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}/training-attendances",
        params={"session_id": session_id, "limit": 1},
        headers=world["a_editor"].headers,
    ).json()["data"]
    history = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}/training-attendances/"
        f"{attendances[0]['id']}/history",
        headers=world["a_editor"].headers,
    ).json()["data"]
    # The kind's own history: hours a number, as an attendance written through the API has.
    assert history[0]["data"]["hours"] == 8.0
    again = _upload(
        world, ("\n".join(rows[:3]) + "\n").encode(), "att.csv", kind="training-attendances"
    )
    assert {e["code"] for e in again["errors"]} == {"duplicate"}


def test_template_download(world: World) -> None:
    response = world.client.get("/v1/import-templates/people", headers=world["a_viewer"].headers)
    assert response.status_code == 200
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("姓名 name,身份证号 id_number")


def test_health_exams_through_the_kinds_own_rules(world: World, engine: Engine) -> None:
    assert _upload(world, people_csv(3).encode(), "people.csv")["status"] == "succeeded"
    rows = [
        "身份证号,检查类别,检查日期,危害因素,检查结论",
        f"{id_number(1)},periodic,2025-06-01,noise、dust,normal",
        f"{id_number(2)},pre_job,2020-02-20,noise,recheck",
    ]
    result = _upload(world, ("\n".join(rows) + "\n").encode(), "exams.csv", kind="health-exams")
    assert result["status"] == "succeeded", result
    exams = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}/health-exams",
        headers=world["a_editor"].headers,
    ).json()["data"]
    assert sorted(e["factors"] for e in exams) == [["noise"], ["noise", "dust"]]
    assert all(e["conclusion"] is None for e in exams), "conclusions stay hidden"

    bad = [
        *rows[:1],
        f"{id_number(99)},periodic,2025-06-01,noise,normal",
        f"{id_number(1)},periodic,2999-01-01,noise,normal",
        f"{id_number(1)},annual,2025-06-01,noise,normal",
    ]
    result = _upload(world, ("\n".join(bad) + "\n").encode(), "exams.csv", kind="health-exams")
    assert result["status"] == "invalid"
    assert [(e["row"], e["column"]) for e in result["errors"]] == [
        (2, "id_number"),
        (3, "examined_on"),
        (4, "kind"),
    ]


def test_special_operation_certificates_and_duplicates_in_the_file(world: World) -> None:
    assert _upload(world, people_csv(2).encode(), "people.csv")["status"] == "succeeded"
    header = "身份证号,作业类别,证号,初领日期,有效期至"
    first = f"{id_number(1)},2.1,T{id_number(1)},2022-04-01,2028-04-01"
    second = f"{id_number(2)},1.2,T{id_number(2)},2023-01-10,2029-01-10"
    doubled = "\n".join([header, first, second, first]) + "\n"
    result = _upload(world, doubled.encode(), "certs.csv", kind="special-operation-certificates")
    assert result["status"] == "invalid"
    assert result["errors"][0]["row"] == 4
    assert result["errors"][0]["code"] == "duplicate_in_file"
    good = "\n".join([header, first, second]) + "\n"
    result = _upload(world, good.encode(), "certs.csv", kind="special-operation-certificates")
    assert result["status"] == "succeeded", result
    certificates = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}/special-operation-certificates",
        headers=world["a_editor"].headers,
    ).json()["data"]
    assert len(certificates) == 2
    assert all("*" in c["certificate_number"] for c in certificates)


def test_imports_of_a_dead_process_are_failed_at_startup(world: World, engine: Engine) -> None:
    host = socket.gethostname()
    with session_factory(engine, write=True)() as session:
        for record_id, runner in (
            ("imp_dead", f"{host}:999999999"),  # no such process
            ("imp_live", f"{host}:{os.getpid()}"),  # this very process: still running
            ("imp_away", "another-host:1"),  # not ours to judge
        ):
            session.add(_import_row(world, record_id, "validating", runner, now()))
        session.commit()
    assert fail_orphaned(world.client.app.state.database) == 1  # type: ignore[attr-defined]
    with engine.connect() as connection:
        statuses = dict(connection.execute(select(RecordImport.id, RecordImport.status)).all())
    assert statuses == {"imp_dead": "failed", "imp_live": "validating", "imp_away": "validating"}


def _import_row(
    world: World, record_id: str, status: str, runner: str, created_at: Any
) -> RecordImport:
    """An import of enterprise A's people, as a runner left it."""
    return RecordImport(
        id=record_id,
        enterprise_id=world.ids["enterprise_a"],
        kind="people",
        filename="p.csv",
        dry_run=False,
        status=status,
        total_rows=0,
        imported_rows=0,
        error_count=0,
        errors="[]",
        created_by="usr_x",
        runner=runner,
        created_at=created_at,
    )


def _unfinished(world: World, engine: Engine, record_id: str, created_at: Any) -> None:
    with session_factory(engine, write=True)() as session:
        runner = f"{socket.gethostname()}:{os.getpid()}"
        session.add(_import_row(world, record_id, "queued", runner, created_at))
        session.commit()


def test_an_unverified_sign_up_imports_one_file_at_a_time(world: World, engine: Engine) -> None:
    enterprise = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}", headers=world["a_editor"].headers
    ).json()
    assert enterprise["verification_status"] != "verified"  # decision 51: imports from day one
    assert _upload(world, people_csv(2).encode(), "people.csv")["status"] == "succeeded"

    _unfinished(world, engine, "imp_running", now())
    refused = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": ("people.csv", people_csv(3).encode())},
        data={"kind": "people"},
        headers=world["a_editor"].headers,
    )
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "import_in_progress"
    assert "imp_running" in refused.json()["detail"]
    listed = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports", headers=world["a_editor"].headers
    ).json()["data"]
    assert len(listed) == 2  # nothing recorded for the refused upload


def test_an_abandoned_import_does_not_block_the_next(world: World, engine: Engine) -> None:
    _unfinished(world, engine, "imp_abandoned", now() - timedelta(hours=2))
    assert _upload(world, people_csv(2).encode(), "people.csv")["status"] == "succeeded"


def test_a_cell_no_database_can_store_is_a_row_error(world: World, engine: Engine) -> None:
    """A NUL in a CSV cell (the file's bytes are valid UTF-8) never reaches the database:
    the import is invalid with the cell named, on both databases, and writes nothing."""
    lines = people_csv(3).splitlines()
    lines[2] = lines[2].replace("一车间", "一\x00车间")
    lines[3] = "员工\x00," + lines[3].split(",", 1)[1]
    result = _upload(world, ("\n".join(lines) + "\n").encode(), "people.csv")
    assert result["status"] == "invalid"
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (3, "department", "invalid_character"),
        (4, "name", "invalid_character"),
    ]
    assert _count(engine, Person) == 0

    # Through a kind's own validation too (health exams): the institution is free text.
    assert _upload(world, people_csv(1).encode(), "people.csv")["status"] == "succeeded"
    exams = [
        "身份证号,检查类别,检查日期,检查机构,检查结论",
        f"{id_number(1)},periodic,2025-06-01,市职防\x00院,normal",
    ]
    result = _upload(world, ("\n".join(exams) + "\n").encode(), "exams.csv", kind="health-exams")
    assert result["status"] == "invalid"
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "institution", "invalid_character")
    ]

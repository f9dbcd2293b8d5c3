"""Text no database can store (NUL, unpaired surrogates) is a 422 naming its field, for
every kind of input, before anything reads or writes the database — on both databases."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select

from app.identity.models import Organization
from app.registry.imports.models import RecordImport
from app.registry.people.models import Person
from tests.support.world import PASSWORD, World, credit_code

LONE_SURROGATE = "\ud800"


def raw_json(body: dict[str, Any]) -> bytes:
    """JSON as a client may send it: `ensure_ascii` writes a lone surrogate as the escape
    `\\ud800` (a client library encoding to UTF-8 could not send it at all)."""
    return json.dumps(body, ensure_ascii=True).encode("ascii")


def refused(response: Any, *fields: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [
        (field, "invalid_character") for field in fields
    ]


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def signup_body(name: str) -> dict[str, Any]:
    return {
        "credit_code": credit_code(41),
        "name": name,
        "region_code": "410108001",
        "legal_representative": "张伟",
        "industry_code": "C3311",
        "employee_count": 10,
        "admin": {"email": "nul@example.com", "display_name": "管理员", "password": PASSWORD},
    }


def test_signup_name_with_nul_or_lone_surrogate(client: TestClient, engine: Engine) -> None:
    before = _count(engine, Organization)
    refused(client.post("/v1/enterprises/signup", json=signup_body("郑州\x00公司")), "body.name")
    response = client.post(
        "/v1/enterprises/signup",
        content=raw_json(signup_body(f"郑州{LONE_SURROGATE}公司")),
        headers={"Content-Type": "application/json"},
    )
    refused(response, "body.name")
    assert "U+D800" in response.json()["errors"][0]["message"]
    assert _count(engine, Organization) == before


def test_raw_utf8_surrogate_bytes_in_a_body(client: TestClient) -> None:
    # CESU-style bytes ED A0 80: Python's JSON decoder lets them through as a lone surrogate.
    body = raw_json(signup_body("X")).replace(b'"X"', b'"\xed\xa0\x80"')
    response = client.post(
        "/v1/enterprises/signup", content=body, headers={"Content-Type": "application/json"}
    )
    refused(response, "body.name")


def _people(world: World) -> str:
    return f"/v1/enterprises/{world.ids['enterprise_a']}/people"


PERSON = {
    "name": "王建国",
    "id_number": "110101199003074514",
    "hire_date": "2021-03-01",
    "exposures": [{"factor": "noise", "level": "87 dB(A)", "started_on": "2021-03-01"}],
}


def test_person_fields_nested_and_keys(world: World, engine: Engine) -> None:
    headers = world["a_editor"].headers
    refused(
        world.client.post(_people(world), json={**PERSON, "name": "王\x00"}, headers=headers),
        "body.name",
    )
    nested = {**PERSON, "exposures": [{**PERSON["exposures"][0], "level": "8\x007"}]}  # type: ignore[dict-item]
    refused(
        world.client.post(_people(world), json=nested, headers=headers),
        "body.exposures.0.level",
    )
    # A key is text too (an extra key may be ignored, or land in a free-form field).
    refused(
        world.client.post(_people(world), json={**PERSON, "a\x00": 1}, headers=headers),
        "body.a\\u0000",
    )
    both = {**PERSON, "name": "\x00", "department": LONE_SURROGATE}
    response = world.client.post(
        _people(world),
        content=raw_json(both),
        headers={**headers, "Content-Type": "application/json"},
    )
    refused(response, "body.name", "body.department")
    assert _count(engine, Person) == 0


def test_filter_values_cursor_and_path(world: World) -> None:
    headers = world["a_viewer"].headers
    refused(
        world.client.get(_people(world), params={"department": "车\x00间"}, headers=headers),
        "query.department",
    )
    refused(world.client.get(_people(world) + "?cursor=%00", headers=headers), "query.cursor")
    refused(
        world.client.get(f"/v1/enterprises/{world.ids['enterprise_a']}%00", headers=headers),
        "path.enterprise_id",
    )


def test_header_values(world: World) -> None:
    headers = {**world["a_viewer"].headers, "X-Note": "a\x00b"}
    refused(world.client.get(_people(world), headers=headers), "header.x-note")


def test_form_fields(client: TestClient) -> None:
    response = client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": "a\x00@example.com", "password": "x"},
    )
    refused(response, "body.username")


def test_basic_credentials_decoded_to_nul(client: TestClient) -> None:
    credentials = base64.b64encode(b"cli_\x00:secret").decode()
    response = client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {credentials}"},
    )
    refused(response, "header.authorization")


def test_cursor_that_decodes_to_unstorable_text(client: TestClient) -> None:
    """A well-formed cursor whose key holds a lone surrogate or a NUL: 422 invalid_cursor."""
    for key in (LONE_SURROGATE, "\x00"):
        payload = json.dumps({"o": "Note.id", "k": [key]}).encode()
        cursor = base64.urlsafe_b64encode(payload).decode().rstrip("=")
        response = client.get("/v1/test-notes", params={"cursor": cursor})
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "invalid_cursor"
        assert response.json()["errors"][0]["field"] == "query.cursor"


def test_screening_name_and_lookup_code(world: World) -> None:
    headers = world["bank_client"].headers
    refused(
        world.client.post(
            "/v1/blacklist/screenings",
            json={"items": [{"name": "郑州\x00公司", "reference": "r"}]},
            headers=headers,
        ),
        "body.items.0.name",
    )
    # The lookup skips FastAPI's dependencies (HotRoute): its own code check refuses it.
    response = world.client.get("/v1/blacklist/lookup/9141%00", headers=headers)
    assert response.status_code == 422, response.text


def test_ordinary_text_passes(world: World) -> None:
    """Everything else is text as sent: controls, non-characters, astral characters."""
    headers = world["a_editor"].headers
    name = "王\x01\ufffe\U0001f600\U00020000"
    created = world.client.post(_people(world), json={**PERSON, "name": name}, headers=headers)
    assert created.status_code == 201, created.text
    assert world.client.get(created.headers["location"], headers=headers).json()["name"] == name
    # XML (so XLSX) cannot hold U+0001 or U+FFFE: the export writes them as Office does.
    exported = world.client.get(
        f"{_people(world)}/export", params={"format": "xlsx"}, headers=headers
    )
    assert exported.status_code == 200, exported.text
    sheet = load_workbook(io.BytesIO(exported.content), read_only=True).worksheets[0]
    header, row = list(sheet.iter_rows(values_only=True))
    assert row[header.index("name")] == "王_x0001__xFFFE_\U0001f600\U00020000"


def test_an_uploaded_file_name(world: World, engine: Engine) -> None:
    # Built by hand: HTTP libraries percent-escape a NUL in a file name, a raw client may not.
    body = (
        b"--b\r\n"
        b'Content-Disposition: form-data; name="kind"\r\n\r\npeople\r\n'
        b"--b\r\n"
        b'Content-Disposition: form-data; name="file"; filename="a\x00.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n" + "姓名\n".encode() + b"\r\n--b--\r\n"
    )
    response = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        content=body,
        headers={**world["a_editor"].headers, "Content-Type": "multipart/form-data; boundary=b"},
    )
    refused(response, "body.file")
    assert _count(engine, RecordImport) == 0

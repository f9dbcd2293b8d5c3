"""Special-operation certificate numbers embed the holder's ID number: never shown plainly."""

from __future__ import annotations

from app.core.validators import resident_id_check_character
from tests.support.world import World

BODY = "41010819850101001"
NUMBER = BODY + resident_id_check_character(BODY)


def test_embedded_id_numbers_are_masked_in_output_and_history(world: World) -> None:
    base = f"/v1/enterprises/{world.ids['enterprise_a']}"
    headers = world["a_editor"].headers
    person = world.client.post(
        f"{base}/people",
        json={"name": "焊工甲", "id_number": NUMBER, "hire_date": "2015-01-01"},
        headers=headers,
    )
    assert person.status_code == 201, person.text
    created = world.client.post(
        f"{base}/special-operation-certificates",
        json={
            "person_id": person.json()["id"],
            "category": "2.1",
            "certificate_number": f"T{NUMBER}",
            "issued_on": "2022-04-01",
            "expires_on": "2028-04-01",
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    assert created.json()["certificate_number"] == f"T{NUMBER[:6]}********{NUMBER[-4:]}"
    history = world.client.get(f"{created.headers['location']}/history", headers=headers).json()
    assert NUMBER not in str(history)
    refused = world.client.get(
        created.headers["location"], params={"reveal": "personal_data"}, headers=headers
    )
    assert refused.status_code == 403

"""Encryption of personal data: round trip, binding to its column, rotation, keyed hashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import keys
from app.core.crypto import DecryptionError, PersonalDataCipher

NUMBER = "41010819900307451X"


def test_seal_and_open(tmp_path: Path) -> None:
    keys.ensure_keys(tmp_path)
    cipher = PersonalDataCipher.load(tmp_path)
    sealed = cipher.seal(NUMBER, context="people.id_number")
    assert NUMBER not in sealed
    assert sealed != cipher.seal(NUMBER, context="people.id_number"), "a fresh nonce each time"
    assert cipher.open(sealed, context="people.id_number") == NUMBER


def test_a_ciphertext_does_not_open_in_another_column_or_when_altered(tmp_path: Path) -> None:
    keys.ensure_keys(tmp_path)
    cipher = PersonalDataCipher.load(tmp_path)
    sealed = cipher.seal(NUMBER, context="people.id_number")
    with pytest.raises(DecryptionError):
        cipher.open(sealed, context="other.column")
    key_id, payload = sealed.split(":")
    tampered = f"{key_id}:{payload[:-4]}AAAA"
    with pytest.raises(DecryptionError):
        cipher.open(tampered, context="people.id_number")
    with pytest.raises(DecryptionError):
        cipher.open("unknownkey:AAAA", context="people.id_number")


def test_rotation_keeps_old_data_readable_and_hashes_stable(tmp_path: Path) -> None:
    keys.ensure_keys(tmp_path)
    before = PersonalDataCipher.load(tmp_path)
    old = before.seal(NUMBER, context="c")
    index = before.blind_index(NUMBER, scope="ent_x")
    assert keys.rotate_data_key(tmp_path) == "data-encryption.key.1"
    after = PersonalDataCipher.load(tmp_path)
    new = after.seal(NUMBER, context="c")
    assert new.split(":")[0] != old.split(":")[0]
    assert after.open(old, context="c") == after.open(new, context="c") == NUMBER
    assert after.blind_index(NUMBER, scope="ent_x") == index
    assert after.blind_index(NUMBER, scope="ent_y") != index
    assert keys.rotate_data_key(tmp_path) == "data-encryption.key.2"
    again = PersonalDataCipher.load(tmp_path)
    assert again.open(old, context="c") == again.open(new, context="c") == NUMBER
    assert again.blind_index(NUMBER, scope="ent_x") == index, "the hash key never rotates"

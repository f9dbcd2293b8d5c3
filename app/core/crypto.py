"""Encryption of personal data at rest (AES-256-GCM) and keyed hashes for matching it.

A ciphertext is `<key id>:<base64 nonce+ciphertext+tag>`: the key id says which data key
sealed it, so keys can rotate (new writes use the newest key, old rows still open). A keyed
hash (HMAC-SHA256 under a key derived from the data key) lets the database find equal values,
for uniqueness checks, without storing them in the clear.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.core.keys import DATA_KEY_FILE, MissingKeys

_NONCE_BYTES = 12


class DecryptionError(ValueError):
    pass


@dataclass(frozen=True)
class DataKey:
    key_id: str
    secret: bytes

    @classmethod
    def from_secret(cls, secret: bytes) -> DataKey:
        if len(secret) != 32:
            raise ValueError("a data key is 32 bytes")
        return cls(hashlib.sha256(b"anxin-key-id" + secret).hexdigest()[:12], secret)


class PersonalDataCipher:
    """Seals and opens personal data; the first key seals, every key opens."""

    def __init__(self, keys: list[DataKey]) -> None:
        if not keys:
            raise MissingKeys("no data encryption key")
        self._sealing = keys[0]
        self._by_id = {key.key_id: AESGCM(key.secret) for key in keys}
        # The hash key never changes with rotation, or matching old rows would break: it is
        # derived from the oldest key, which therefore stays in the key set for good.
        self._hash_key = hmac.new(keys[-1].secret, b"anxin-blind-index", hashlib.sha256).digest()

    @classmethod
    def load(cls, keys_dir: Path) -> PersonalDataCipher:
        """Keys from `data-encryption.key` (and `data-encryption.key.N` older ones)."""
        files = sorted(
            (
                p
                for p in keys_dir.glob(f"{DATA_KEY_FILE}*")
                if p.name == DATA_KEY_FILE or p.name.removeprefix(f"{DATA_KEY_FILE}.").isdigit()
            ),
            key=_rotation_order,
        )
        keys = [DataKey.from_secret(base64.b64decode(path.read_bytes().strip())) for path in files]
        return cls(keys)

    def seal(self, plaintext: str, *, context: str) -> str:
        """Encrypt; `context` (e.g. the table and column) is bound in, so a ciphertext copied
        to another column does not open."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(self._sealing.secret).encrypt(nonce, plaintext.encode(), context.encode())
        return f"{self._sealing.key_id}:{base64.b64encode(nonce + sealed).decode()}"

    def open(self, ciphertext: str, *, context: str) -> str:
        key_id, _, payload = ciphertext.partition(":")
        cipher = self._by_id.get(key_id)
        if cipher is None:
            raise DecryptionError(f"unknown data key {key_id}")
        try:
            raw = base64.b64decode(payload, validate=True)
            plain = cipher.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode())
        except (InvalidTag, binascii.Error, ValueError) as exc:
            raise DecryptionError("ciphertext does not open") from exc
        return plain.decode()

    def blind_index(self, value: str, *, scope: str) -> str:
        """A keyed hash of `value` within `scope` (e.g. an enterprise id)."""
        message = f"{scope}\x00{value}".encode()
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()


def _rotation_order(path: Path) -> tuple[int, int]:
    # data-encryption.key is the current key; .N are the earlier ones, .1 the very first:
    # current first, then newest to oldest, so the list ends with the original key.
    suffix = path.name.removeprefix(DATA_KEY_FILE).lstrip(".")
    return (1, -int(suffix)) if suffix.isdigit() else (0, 0)

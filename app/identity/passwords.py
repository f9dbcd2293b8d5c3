"""Password and secret hashing with Argon2id (RFC 9106 parameters via argon2-cffi)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_LENGTH = 12
# The schema caps length so that a megabyte "password" cannot be used to burn CPU.
MAX_PASSWORD_LENGTH = 256

_hasher = PasswordHasher()  # RFC 9106's second recommended profile: t=3, 64 MiB
# Verifying against this when the account does not exist keeps the timing of "no such user"
# and "wrong password" alike.
_dummy_hash = _hasher.hash(secrets.token_urlsafe(16))


def configure(*, time_cost: int, memory_kib: int) -> None:
    """Set the Argon2id cost for new hashes (existing hashes keep their own parameters)."""
    global _hasher, _dummy_hash
    if (time_cost, memory_kib) != (_hasher.time_cost, _hasher.memory_cost):
        _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        matched = _hasher.verify(password_hash or _dummy_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return matched and password_hash is not None


def new_secret(prefix: str) -> str:
    """A high-entropy secret shown once (client secrets, invitation and refresh tokens)."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def secret_digest(secret: str) -> str:
    """Lookup key for a high-entropy secret: a plain SHA-256 suffices, it is not a password."""
    return hashlib.sha256(secret.encode()).hexdigest()

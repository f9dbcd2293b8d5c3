"""Password and secret hashing with Argon2id (RFC 9106 parameters via argon2-cffi)."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_LENGTH = 12
# The schema caps length so that a megabyte "password" cannot be used to burn CPU.
MAX_PASSWORD_LENGTH = 256

_hasher = PasswordHasher()  # RFC 9106's second recommended profile: t=3, 64 MiB
# Verifying against this when the account does not exist keeps the timing of "no such user"
# and "wrong password" alike.
_dummy_hash = _hasher.hash(secrets.token_urlsafe(16))


def _usable_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# Each hash holds its memory cost (64 MiB) while it runs, and the request thread pool runs
# up to 40 at once: a burst of sign-ins would take gigabytes for no gain, since the work is
# bound by the CPUs anyway. The slots bound it; a caller beyond them waits its turn.
_slot_count = _usable_cpus()
_slots = threading.BoundedSemaphore(_slot_count)


def configure(*, time_cost: int, memory_kib: int, concurrency: int | None = None) -> None:
    """Set the Argon2id cost for new hashes (existing hashes keep their own parameters) and
    how many hashes may run at once (None: one per usable CPU)."""
    global _hasher, _dummy_hash, _slots, _slot_count
    if (time_cost, memory_kib) != (_hasher.time_cost, _hasher.memory_cost):
        _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
    slots = concurrency or _usable_cpus()
    if slots != _slot_count:
        _slots, _slot_count = threading.BoundedSemaphore(slots), slots


def hash_password(password: str) -> str:
    with _slots:
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        with _slots:
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

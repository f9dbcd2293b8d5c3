"""Argon2id hashing: how many hashes run at once is bounded (each holds its memory cost)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from argon2 import PasswordHasher

from app.identity import passwords

PASSWORD = "correct horse battery staple"


class ObservedHasher:
    """The real hasher, counting the calls inside it. Callers meet in pairs at a barrier, so
    a pair must be able to run at once (or the barrier times out and the test fails)."""

    def __init__(self, real: PasswordHasher) -> None:
        self.real, self.running, self.most = real, 0, 0
        self.lock, self.pair = threading.Lock(), threading.Barrier(2, timeout=30)

    def verify(self, password_hash: str, password: str) -> bool:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            self.pair.wait()
            return self.real.verify(password_hash, password)
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def two_slots(monkeypatch: pytest.MonkeyPatch) -> ObservedHasher:
    for name in ("_hasher", "_dummy_hash", "_slots", "_slot_count"):
        monkeypatch.setattr(passwords, name, getattr(passwords, name))  # restored afterwards
    passwords.configure(time_cost=1, memory_kib=8192, concurrency=2)
    observed = ObservedHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", observed)
    return observed


def test_hashes_beyond_the_slots_wait_their_turn(two_slots: ObservedHasher) -> None:
    stored = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: passwords.verify_password(stored, PASSWORD), range(8)))
    assert results == [True] * 8
    assert two_slots.most == 2, "two at once, never more"


def test_a_wrong_password_and_an_unknown_account_are_refused() -> None:
    stored = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
    assert passwords.verify_password(stored, PASSWORD) is True
    assert passwords.verify_password(stored, "not the password at all") is False
    assert passwords.verify_password(None, PASSWORD) is False
    assert passwords.verify_password("not a hash", PASSWORD) is False

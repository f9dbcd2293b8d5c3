"""Helpers for the benches that drive a real `anxin serve` process: synthetic credit codes and
published listings to look up, a server pinned to one core, and what /proc says about it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.blacklist import service  # noqa: E402
from app.blacklist.schemas import EntryIn, PenaltyDecisionIn  # noqa: E402
from app.core.crypto import PersonalDataCipher  # noqa: E402
from app.core.validators import organization_code_check_character, uscc_check_character  # noqa: E402
from app.identity.models import Organization, User  # noqa: E402
from app.identity.principal import Principal  # noqa: E402
from app.identity.tokens import user_principal  # noqa: E402

# The demo's district regulator proposes, its approver publishes (the four-eyes rule).
PROPOSER, APPROVER = "regulator@huiji.demo", "approver@huiji.demo"


def credit_code(index: int) -> str:
    """A valid credit code registered in Huiji District, distinct for each index below 10^8
    (the multiplier is coprime with 10^8), and unlike the demo's own codes."""
    body = f"{(index * 7_654_321) % 100_000_000:08d}"
    first17 = "91410108" + body + organization_code_check_character(body)
    return first17 + uscc_check_character(first17)


def listing_name(index: int) -> str:
    return f"郑州第{index}号化工有限公司"


def _principal(session: Session, email: str) -> Principal:
    user = session.scalars(select(User).where(User.email == email)).one()
    return user_principal(user, session.get_one(Organization, user.organization_id), None)


def publish_listings(session: Session, cipher: PersonalDataCipher, count: int) -> list[str]:
    """Publish `count` listings (indexes 0..count-1) through the blacklist's own lifecycle,
    as the demo's regulator and approver; returns their credit codes. Needs the demo."""
    proposer, approver = _principal(session, PROPOSER), _principal(session, APPROVER)
    codes = []
    for index in range(count):
        data = EntryIn(
            credit_code=credit_code(index),
            subject_name=listing_name(index),
            legal_representative="李四",
            region_code="410108101",
            reason="major_hidden_danger_unremedied",
            legal_basis="mem_2023",
            facts="重大事故隐患逾期未整改。",
            deciding_authority="惠济区应急管理局",
            decision_number=f"惠应急失信〔2026〕{index}号",
            penalty_decision=PenaltyDecisionIn(
                number=f"（惠）应急罚〔2025〕{index}号",
                decided_on=date(2025, 12, 1),
                authority="惠济区应急管理局",
            ),
            effective_from=date(2026, 1, 1),
        )
        entry = service.propose(session, proposer, data, cipher, None)
        service.publish(session, approver, entry.id, None)
        codes.append(entry.credit_code)
    return codes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_pinned(
    command: list[str],
    env: dict[str, str],
    ready_url: str,
    core: int | str,
    log: IO[bytes] | int = subprocess.DEVNULL,
    timeout: float = 30,
) -> subprocess.Popen[bytes]:
    """Start `command` on one CPU core (taskset execs it, so the pid is the command's own)
    and wait until `ready_url` answers below 500."""
    process = subprocess.Popen(
        ["taskset", "-c", str(core), *command], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"exited with {process.returncode} before ready: {command}")
        try:
            if httpx.get(ready_url, timeout=0.5).status_code < 500:
                return process
        except httpx.HTTPError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"not ready within {timeout:.0f} s: {command}")


def stop(process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """SIGTERM, then SIGKILL if it does not end in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_delay_seconds(pid: int) -> float:
    """Time the process's threads spent runnable but waiting for a CPU, so far (the second
    field of /proc/<pid>/task/<tid>/schedstat). On a shared machine this says how much of a
    latency figure is the neighbours' doing; on a quiet one it stays near zero. Threads that
    have ended are no longer counted, so read it as a rate between samples."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[1])
        except (OSError, IndexError):  # the thread ended while being read
            continue
    return total / 1e9


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS (resident now), VmHWM (resident at most so far) and RSS split into anonymous
    memory (the heap: Python objects, SQLite's page caches), file-backed and shared
    (SQLite's WAL index) pages, from /proc/<pid>/status."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"):
            values[key] = int(rest.split()[0])
    return values

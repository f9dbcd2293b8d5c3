"""The identity side of `anxin` as an operator runs it: bootstrap, demo, audit verify, keys."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.cli.main import DEMO_PASSWORD
from app.core.config import Settings
from app.core.signing import KeySet
from app.identity.passwords import verify_password
from app.main import create_app
from tests.support.databases import scratch_database

ANXIN = [sys.executable, "-m", "app.cli.main"]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
# Cheap hashes keep these runs fast; the demo runs with the defaults, as an operator's would.
CHEAP_HASHES = {"ANXIN_PASSWORD_HASH_TIME_COST": "1", "ANXIN_PASSWORD_HASH_MEMORY_KIB": "8192"}
DEMO_LOGINS = (
    "admin@anxin.demo",
    "regulator@huiji.demo",
    "inspector@huiji.demo",
    "approver@huiji.demo",
    "town@huiji.demo",
    "risk@bank.demo",
    "underwriting@insurer.demo",
    "engineer@firm.demo",
    *(f"admin{index:02d}@enterprise.demo" for index in range(1, 13)),
)


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`anxin …` with only the ANXIN_* settings given here (none from the caller's shell)."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("ANXIN_")}
    return subprocess.run(
        [*ANXIN, *args],
        env={**clean, "PYTHONPATH": str(PROJECT_ROOT), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


# --- bootstrap ----------------------------------------------------------------------------


def test_bootstrap_creates_the_platform_admin_once(
    database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    with scratch_database(database_url, tmp_path) as url:
        env = {"ANXIN_DATABASE_URL": url, "ANXIN_KEYS_DIR": str(keys_dir), **CHEAP_HASHES}
        with_password = {**env, "ANXIN_BOOTSTRAP_PASSWORD": PASSWORD}
        bootstrap = ["bootstrap", "--email", "x@example.com"]

        behind = _run(bootstrap, with_password, tmp_path)
        assert behind.returncode == 2
        assert "run `anxin db upgrade` first" in behind.stderr

        upgraded = _run(["db", "upgrade"], env, tmp_path)
        assert upgraded.returncode == 0, upgraded.stderr

        short = _run(bootstrap, {**env, "ANXIN_BOOTSTRAP_PASSWORD": "too short"}, tmp_path)
        assert short.returncode != 0
        assert "the password needs 12 to 256 characters" in short.stderr
        assert _rows(url, "SELECT email FROM users") == []

        created = _run(bootstrap, with_password, tmp_path)
        assert created.returncode == 0, created.stderr
        assert created.stdout.strip() == "platform admin x@example.com: created"

        again = _run(
            bootstrap, {**env, "ANXIN_BOOTSTRAP_PASSWORD": "a different passphrase"}, tmp_path
        )
        assert again.returncode == 0, again.stderr
        assert "already exists" in again.stdout
        assert "password unchanged" in again.stdout

        users = _rows(
            url,
            "SELECT u.email, u.role, o.kind, u.password_hash FROM users u "
            "JOIN organizations o ON o.id = u.organization_id",
        )
        assert [row[:3] for row in users] == [("x@example.com", "admin", "platform")]
        stored_hash = str(users[0][3])
        assert verify_password(stored_hash, PASSWORD)
        assert not verify_password(stored_hash, "a different passphrase")
        actions = _rows(url, "SELECT action FROM audit_events")
        assert actions == [("platform.bootstrap",)]


def test_bootstrap_refuses_an_email_of_another_organization(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {"ANXIN_VAR_DIR": str(var), **CHEAP_HASHES}
    loaded = _run(["demo"], {**env, "ANXIN_DEMO_PASSWORD": PASSWORD}, tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    refused = _run(
        ["bootstrap", "--email", "regulator@huiji.demo"],
        {**env, "ANXIN_BOOTSTRAP_PASSWORD": PASSWORD},
        tmp_path,
    )
    assert refused.returncode == 2
    assert "already belongs to another organization" in refused.stderr


def test_bootstrap_refuses_an_address_that_is_not_an_email(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {"ANXIN_VAR_DIR": str(var), "ANXIN_BOOTSTRAP_PASSWORD": PASSWORD, **CHEAP_HASHES}
    refused = _run(["bootstrap", "--email", "not an email"], env, tmp_path)
    assert refused.returncode != 0, refused.stdout
    assert "email" in refused.stderr
    database = var / "anxin.db"
    if database.exists():  # refused after the embedded database was prepared
        assert _rows(f"sqlite:///{database}", "SELECT email FROM users") == []


# --- demo ---------------------------------------------------------------------------------


def test_demo_loads_into_the_embedded_database_once(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {"ANXIN_VAR_DIR": str(var)}
    first = _run(["demo"], env, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    lines = first.stdout.splitlines()
    for login in DEMO_LOGINS:
        matching = [line for line in lines if login in line.split()]
        assert len(matching) == 1, login
        assert DEMO_PASSWORD in matching[0].split(), login
    clients = [line.split() for line in lines if "(machine client)" in line]
    assert len(clients) == 2
    assert (var / "anxin.db").is_file()
    assert (var / "keys" / "data-encryption.key").is_file()

    second = _run(["demo"], env, tmp_path)
    assert second.returncode == 2
    assert "already loaded" in second.stderr
    assert f"ANXIN_VAR_DIR={var}-demo anxin demo" in second.stderr
    assert "Demo loaded" not in second.stdout

    # The printed credentials work against the same embedded database.
    settings = Settings(
        database_url=None,
        var_dir=var,
        keys_dir=None,
        log_json=True,
        password_hash_time_cost=1,
        password_hash_memory_kib=8192,
    )
    with TestClient(create_app(settings)) as client:

        def sign_in(login: str) -> dict[str, str]:
            response = client.post(
                "/v1/auth/token",
                data={"grant_type": "password", "username": login, "password": DEMO_PASSWORD},
            )
            assert response.status_code == 200, (login, response.text)
            return {"Authorization": f"Bearer {response.json()['access_token']}"}

        def enterprises(headers: dict[str, str]) -> list[dict[str, object]]:
            response = client.get("/v1/enterprises", params={"limit": 100}, headers=headers)
            assert response.status_code == 200, response.text
            return list(response.json()["data"])

        district = enterprises(sign_in("regulator@huiji.demo"))
        assert len(district) == 12
        assert sum(e["verification_status"] == "verified" for e in district) == 10
        town = enterprises(sign_in("town@huiji.demo"))
        assert {e["region_code"] for e in town} == {"410108100"}
        assert len(town) == 2
        assert len(enterprises(sign_in("admin05@enterprise.demo"))) == 1
        assert enterprises(sign_in("risk@bank.demo")) == []
        for fields in clients:
            client_id = next(field for field in fields if field.startswith("cli_"))
            secret = next(field for field in fields if field.startswith("cs_"))
            token = client.post(
                "/v1/auth/token",
                data={"grant_type": "client_credentials"},
                auth=(client_id, secret),
            )
            assert token.status_code == 200, token.text
            assert token.json()["scope"] == "blacklist:read"


def test_demo_after_the_readme_tour_names_what_is_in_the_way(tmp_path: Path) -> None:
    """The tour creates 惠济区应急管理局 itself; the demo says so, and how to start afresh,
    and its advice works."""
    var = tmp_path / "var"
    env = {"ANXIN_VAR_DIR": str(var), **CHEAP_HASHES}
    bootstrap = ["bootstrap", "--email", "admin@example.com"]
    assert _run(bootstrap, {**env, "ANXIN_BOOTSTRAP_PASSWORD": PASSWORD}, tmp_path).returncode == 0
    settings = Settings(
        database_url=None,
        var_dir=var,
        keys_dir=None,
        password_hash_time_cost=1,
        password_hash_memory_kib=8192,
    )
    with TestClient(create_app(settings)) as client:
        token = client.post(
            "/v1/auth/token",
            data={"grant_type": "password", "username": "admin@example.com", "password": PASSWORD},
        ).json()["access_token"]
        regulator = client.post(
            "/v1/organizations",
            json={"kind": "regulator", "name": "惠济区应急管理局", "region_code": "410108"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert regulator.status_code == 201, regulator.text
    tours = regulator.json()["id"]

    refused = _run(["demo"], env, tmp_path)
    assert refused.returncode == 2, refused.stdout
    assert "Traceback" not in refused.stderr
    assert f"organization 惠济区应急管理局 ({tours}, regulator, region 410108)" in refused.stderr
    assert f"ANXIN_VAR_DIR={var}-demo anxin demo" in refused.stderr
    assert f"remove {var}" in refused.stderr
    assert "Demo loaded" not in refused.stdout
    users = _rows(f"sqlite:///{var / 'anxin.db'}", "SELECT email FROM users")
    assert users == [("admin@example.com",)]  # nothing of the demo was left behind

    fresh = _run(["demo"], {**env, "ANXIN_VAR_DIR": f"{var}-demo"}, tmp_path)
    assert fresh.returncode == 0, fresh.stderr
    assert "Demo loaded" in fresh.stdout


def test_demo_refuses_a_configured_database_unless_told(
    database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    with scratch_database(database_url, tmp_path) as url:
        env = {
            "ANXIN_DATABASE_URL": url,
            "ANXIN_KEYS_DIR": str(keys_dir),
            "ANXIN_VAR_DIR": str(tmp_path / "var"),
            **CHEAP_HASHES,
        }
        assert _run(["db", "upgrade"], env, tmp_path).returncode == 0
        refused = _run(["demo"], env, tmp_path)
        assert refused.returncode == 2
        assert "--allow-configured-database" in refused.stderr
        assert "Demo loaded" not in refused.stdout
        assert _rows(url, "SELECT id FROM organizations") == []
        assert not (tmp_path / "var" / "anxin.db").exists()

        forced = _run(["demo", "--allow-configured-database"], env, tmp_path)
        assert forced.returncode == 0, forced.stderr
        assert "regulator@huiji.demo" in forced.stdout
        assert _rows(url, "SELECT count(*) FROM enterprises") == [(12,)]
        verified = _run(["audit", "verify"], env, tmp_path)
        assert verified.returncode == 0, verified.stdout
        assert verified.stdout.strip() == "audit chains intact"


# --- audit verify -------------------------------------------------------------------------


def test_audit_verify_finds_an_edited_event(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {"ANXIN_VAR_DIR": str(var), **CHEAP_HASHES}
    loaded = _run(["demo"], env, tmp_path)
    assert loaded.returncode == 0, loaded.stderr

    intact = _run(["audit", "verify"], env, tmp_path)
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert intact.stdout.strip() == "audit chains intact"

    database = var / "anxin.db"
    with sqlite3.connect(database) as connection:
        chain_id, event_id, action = connection.execute(
            "SELECT chain_id, id, action FROM audit_events WHERE seq = 2 ORDER BY chain_id LIMIT 1"
        ).fetchone()
        connection.execute(
            "UPDATE audit_events SET action = 'x' WHERE chain_id = ? AND seq = 2", (chain_id,)
        )
    connection.close()

    broken = _run(["audit", "verify"], env, tmp_path)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    reported = broken.stdout.strip().splitlines()
    assert reported == [
        f"chain {chain_id}: first broken link at seq 2 (event {event_id}): hash_mismatch"
    ]

    # Putting the original back makes the chain verify again: the check is on content.
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE audit_events SET action = ? WHERE id = ?", (action, event_id))
    connection.close()
    restored = _run(["audit", "verify"], env, tmp_path)
    assert restored.returncode == 0
    assert restored.stdout.strip() == "audit chains intact"


def test_audit_verify_finds_a_deleted_event(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {"ANXIN_VAR_DIR": str(var), **CHEAP_HASHES}
    assert _run(["demo"], env, tmp_path).returncode == 0
    with sqlite3.connect(var / "anxin.db") as connection:
        chain_id, last_seq = connection.execute(
            "SELECT chain_id, max(seq) FROM audit_events GROUP BY chain_id "
            "HAVING max(seq) >= 2 ORDER BY chain_id LIMIT 1"
        ).fetchone()
        connection.execute("DELETE FROM audit_events WHERE chain_id = ? AND seq = 1", (chain_id,))
    connection.close()
    broken = _run(["audit", "verify"], env, tmp_path)
    assert broken.returncode == 1
    assert last_seq >= 2
    assert broken.stdout.startswith(f"chain {chain_id}: first broken link at seq 2 ")
    assert broken.stdout.strip().endswith("seq_gap")
    assert len(broken.stdout.strip().splitlines()) == 1


# --- keys ---------------------------------------------------------------------------------


def test_keys_rotate_adds_a_newer_signing_key(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    assert _run(["keys", "init", "--dir", str(directory)], {}, tmp_path).returncode == 0
    tokens_before = sorted((directory / "token-signing").glob("*.pem"))
    receipts_before = sorted((directory / "receipt-signing").glob("*.pem"))
    assert len(tokens_before) == len(receipts_before) == 1

    rotated = _run(["keys", "rotate", "--dir", str(directory)], {}, tmp_path)
    assert rotated.returncode == 0, rotated.stderr
    tokens = sorted((directory / "token-signing").glob("*.pem"))
    assert len(tokens) == 2
    new = next(path for path in tokens if path not in tokens_before)
    assert rotated.stdout.startswith(f"token-signing: new signing key {new.stem};")
    assert new.stat().st_mode & 0o777 == 0o600
    assert sorted((directory / "receipt-signing").glob("*.pem")) == receipts_before
    token_keys = KeySet.load(directory, "token-signing")
    assert token_keys.signing_key.kid == new.stem  # the new key signs
    assert set(token_keys.kids) == {tokens_before[0].stem, new.stem}  # the old still verifies

    receipts = _run(
        ["keys", "rotate", "--set", "receipt-signing", "--dir", str(directory)], {}, tmp_path
    )
    assert receipts.returncode == 0, receipts.stderr
    assert receipts.stdout.startswith("receipt-signing: new signing key ")
    assert len(list((directory / "receipt-signing").glob("*.pem"))) == 2
    assert len(list((directory / "token-signing").glob("*.pem"))) == 2
    assert KeySet.load(directory, "receipt-signing").signing_key.kid not in {
        path.stem for path in receipts_before
    }

    unknown = _run(["keys", "rotate", "--set", "nonsense", "--dir", str(directory)], {}, tmp_path)
    assert unknown.returncode == 2
    assert "invalid choice" in unknown.stderr

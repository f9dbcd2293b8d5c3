"""The soak test's data: a fresh database with the demo district (as `anxin demo` loads it),
extra published listings, and the fixture the locust users read (credentials, ids, codes)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from support import credit_code, listing_name, publish_listings

from app.cli.demo import load_demo
from app.cli.demo_blacklist import list_demo_entries
from app.compliance.packs import DEFAULT_PACK, PACKS
from app.core import keys, migrations
from app.core.config import Settings
from app.core.crypto import PersonalDataCipher
from app.core.database import Database
from app.core.startup import prepare
from app.identity import passwords
from app.identity.models import User

PASSWORD = "soak test password"
# The demo's regulators with a region each: the district's and a town's.
REGULATORS = (("regulator@huiji.demo", "410108"), ("town@huiji.demo", "410108100"))
UNLISTED_COMPANIES = ("郑州宏达建材有限公司", "惠济区顺通物流有限公司", "河南中原纺织股份有限公司")


def settings_for(var: Path, database_url: str | None) -> Settings:
    return Settings(var_dir=var, database_url=database_url, keys_dir=var / "keys")


def build(var: Path, database_url: str | None, listings: int, enterprises: int) -> dict[str, Any]:
    settings = settings_for(var, database_url)
    if database_url:  # `prepare` only checks a configured database; set it up as deploy does
        var.mkdir(parents=True, exist_ok=True)
        migrations.upgrade(database_url)
        keys.ensure_keys(settings.effective_keys_dir)
    prepare(settings)
    # Cheap hashes for the demo's users: building is faster and the few sign-ins of the run
    # (one per user, then every 10 minutes) do not stand out. The server verifies with the
    # parameters stored in each hash.
    passwords.configure(time_cost=1, memory_kib=8192)
    database = Database.from_settings(settings)
    cipher = PersonalDataCipher.load(settings.effective_keys_dir)
    try:
        with database.session(write=True) as session:
            credentials = load_demo(session, PASSWORD)
            list_demo_entries(session, cipher)
            listed = publish_listings(session, cipher, listings)
            session.commit()
        if enterprises:
            from app.cli.demo_district import generate_district

            generate_district(database, cipher, enterprises, progress=print)
        with database.session(write=False) as session:
            admins = [
                {"email": user.email, "enterprise_id": user.organization_id}
                for user in session.query(User)
                .filter(User.email.like("admin%@enterprise.demo"))
                .order_by(User.email)
            ]
    finally:
        database.dispose()
    # Half the codes looked up are listed, half are not (as bench/blacklist_lookup.py does).
    unlisted = [credit_code(listings + i) for i in range(max(listings, 100))]
    chosen = random.Random(9).sample(range(listings), min(listings, 50))
    return {
        "password": PASSWORD,
        "machine_clients": [
            {"id": c.login, "secret": c.secret} for c in credentials if "machine client" in c.who
        ],
        "enterprise_admins": admins,
        "regulators": [{"email": email, "region": region} for email, region in REGULATORS],
        "credit_codes": listed + unlisted[: len(listed) or 100],
        # Names as people type them: the listed ones without the suffix, others in full.
        "listed_names": [listing_name(i).removesuffix("有限公司") for i in chosen],
        "unlisted_names": list(UNLISTED_COMPANIES) * max(1, len(chosen) // 3),
        # Until a regulator's first overview shows the rules that fail.
        "any_rule": PACKS[DEFAULT_PACK].rules[0].id,
    }

"""`anxin`: serve the API, run the worker, manage the schema, keys and the OpenAPI document."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from app.cli.demo import DemoNotLoadable, load_demo
from app.cli.demo_blacklist import list_demo_entries
from app.core import keys, migrations
from app.core.audit_chain import verify_chains
from app.core.config import Settings, load_settings
from app.core.crypto import PersonalDataCipher
from app.core.database import Database, create_db_engine
from app.core.setting_names import log_unknown_variables, print_unknown_variables
from app.core.startup import NotReady, prepare
from app.identity import passwords
from app.identity.bootstrap import bootstrap_platform
from app.identity.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

DEFAULT_DISTRICT_SEED = 53  # as app.cli.demo_district.DEFAULT_SEED, without importing it

# Demo data only goes into the embedded database unless forced; its password is public.
DEMO_PASSWORD = "anxin-demo-2026"  # noqa: S105 (published demo credential)

# These build the app or the worker, which log unknown ANXIN_* variables once logging is set
# up; every other command prints them.
LOGGING_COMMANDS = frozenset({"serve", "worker", "openapi"})

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OPENAPI_PATH = PROJECT_ROOT / "openapi" / "openapi.json"
DEFAULT_RULES_DOC_PATH = PROJECT_ROOT / "docs" / "rules.md"
DEFAULT_ROLES_DOC_PATH = PROJECT_ROOT / "docs" / "api.md"
DEFAULT_API_DOC_PATH = PROJECT_ROOT / "docs" / "api.md"


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.cli.http_protocols import SERVER_PROTOCOL

    settings = load_settings()
    # Migrations and key generation happen here, once, before uvicorn forks any worker.
    try:
        prepare(settings)
    except NotReady as exc:
        print(f"anxin: not starting: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
        access_log=False,
        proxy_headers=False,
        # A request the HTTP parser refuses is answered as a problem, not plain text.
        http=SERVER_PROTOCOL,
    )
    return 0


def _worker(args: argparse.Namespace) -> int:
    import signal
    import threading

    from app.core.logging import configure_logging
    from app.worker.runner import Worker

    settings = load_settings()
    configure_logging(settings.log_level, json_lines=settings.log_json)
    log_unknown_variables()
    try:
        prepare(settings)
    except NotReady as exc:
        print(f"anxin: not starting: {exc}", file=sys.stderr)
        return 2
    engine = create_db_engine(settings)
    cipher = PersonalDataCipher.load(settings.effective_keys_dir)
    worker = Worker(engine, settings, cipher, schedule=not args.no_scheduler)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    worker.start()
    print(f"anxin worker {worker.name}: delivering (Ctrl-C to stop)", file=sys.stderr)
    stop.wait()
    worker.stop()
    engine.dispose()
    return 0


def _db(args: argparse.Namespace) -> int:
    settings = load_settings()
    url = settings.effective_database_url
    if settings.embedded:
        settings.var_dir.mkdir(parents=True, exist_ok=True)
    if args.action == "upgrade":
        migrations.upgrade(url, args.revision or "head")
    elif args.action == "downgrade":
        if not args.revision:
            print("anxin db downgrade needs a revision (e.g. -1 or base)", file=sys.stderr)
            return 2
        migrations.downgrade(url, args.revision)
    engine = create_db_engine(settings)
    try:
        current = migrations.current_revision(engine)
    finally:
        engine.dispose()
    head = migrations.head_revision()
    state = "at head" if current == head else f"head is {head}"
    print(f"current revision: {current or 'none'} ({state})")
    return 0


def openapi_document() -> str:
    from app.main import create_app

    document = create_app().openapi()
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _rules_doc(args: argparse.Namespace) -> int:
    from app.compliance import rules_doc

    Path(args.output).write_text(rules_doc.render(), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def _roles_doc(args: argparse.Namespace) -> int:
    from app.identity import roles_doc

    roles_doc.write(Path(args.page))
    print(f"wrote the role tables of {args.page}")
    return 0


def _errors_doc(args: argparse.Namespace) -> int:
    from app.cli import errors_doc

    page = Path(args.output)
    page.write_text(errors_doc.render(page.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the error catalogue into {page}")
    return 0


def _openapi(args: argparse.Namespace) -> int:
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(openapi_document(), encoding="utf-8")
    print(f"wrote {output}")
    return 0


def _keys(args: argparse.Namespace) -> int:
    settings = load_settings()
    keys_dir = Path(args.dir).resolve() if args.dir else settings.effective_keys_dir
    if args.action == "init":
        created = keys.ensure_keys(keys_dir)
        print(f"{keys_dir}: " + (f"created {', '.join(created)}" if created else "complete"))
    elif args.action == "rotate" and args.set == "data-encryption":
        kept = keys.rotate_data_key(keys_dir)
        print(
            f"data-encryption: new key; the previous one is kept as {kept}. Restart the API "
            "processes to encrypt with it."
        )
    elif args.action == "rotate":
        kid = keys.add_signing_key(keys_dir, args.set)
        print(
            f"{args.set}: new signing key {kid}; older keys keep verifying. Restart the API "
            "processes to sign with it."
        )
    return 0


@contextmanager
def _session() -> Iterator[Session]:
    """A write session on the configured database, after the same startup checks as serve."""
    settings = load_settings()
    prepare(settings)
    passwords.configure(
        time_cost=settings.password_hash_time_cost,
        memory_kib=settings.password_hash_memory_kib,
        concurrency=settings.password_hash_concurrency,
    )
    database = Database.from_settings(settings)
    session = database.session(write=True)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
        database.dispose()


def _read_new_password(variable: str) -> str:
    password = os.environ.get(variable)
    if password is None:
        password = getpass.getpass("Password (at least 12 characters): ")
        if getpass.getpass("Repeat it: ") != password:
            raise SystemExit("anxin: the passwords differ")
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise SystemExit(
            f"anxin: the password needs {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters"
        )
    return password


def _bootstrap(args: argparse.Namespace) -> int:
    password = _read_new_password("ANXIN_BOOTSTRAP_PASSWORD")
    try:
        with _session() as session:
            user, created = bootstrap_platform(session, args.email, password, args.display_name)
    except (NotReady, ValueError) as exc:
        print(f"anxin: {exc}", file=sys.stderr)
        return 2
    state = "created" if created else "already exists (password unchanged)"
    print(f"platform admin {user.email}: {state}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not settings.embedded and not args.allow_configured_database:
        print(
            "anxin: the demo uses a known password; it loads into the embedded database only "
            "(pass --allow-configured-database to override)",
            file=sys.stderr,
        )
        return 2
    password = os.environ.get("ANXIN_DEMO_PASSWORD", DEMO_PASSWORD)
    try:
        with _session() as session:
            credentials = load_demo(session, password)
            listed = list_demo_entries(
                session, PersonalDataCipher.load(settings.effective_keys_dir)
            )
    except DemoNotLoadable as exc:
        print(f"anxin: {exc}.\n{_fresh_demo_hint(settings)}", file=sys.stderr)
        return 2
    except (NotReady, ValueError) as exc:
        print(f"anxin: {exc}", file=sys.stderr)
        return 2
    print("Demo loaded. Sign in at POST /v1/auth/token with these credentials:\n")
    # Logins first: they are ASCII and align; the Chinese names would not.
    width = max(len(c.login) for c in credentials)
    for credential in credentials:
        print(f"  {credential.login.ljust(width)}  {credential.secret}  {credential.who}")
    print(
        f"\nBlacklist: {len(listed)} listings published; try GET /v1/blacklist/lookup/{listed[0]}"
    )
    if args.enterprises:
        _demo_district(args.enterprises, args.seed)
    return 0


def _fresh_demo_hint(settings: Settings) -> str:
    if not settings.embedded:
        return "Load the demo into an empty database of its own."
    var_dir = settings.var_dir
    return (
        f"To start afresh, give the demo a directory of its own, e.g. "
        f"`ANXIN_VAR_DIR={var_dir}-demo anxin demo` (and serve it with the same "
        f"ANXIN_VAR_DIR), or remove {var_dir} — its database and keys, everything in it — "
        f"and run `anxin demo` again."
    )


def _demo_district(count: int, seed: int) -> None:
    from app.cli.demo_district import generate_district

    settings = load_settings()
    database = Database.from_settings(settings)
    cipher = PersonalDataCipher.load(settings.effective_keys_dir)
    print(f"\nGenerating {count:,} enterprises (seed {seed}) …")
    try:
        result = generate_district(database, cipher, count, seed=seed, progress=print)
    finally:
        database.dispose()
    print(
        f"Generated {len(result.enterprise_ids):,} verified enterprises, "
        f"{sum(result.rows.values()):,} rows in {result.seconds:.1f} s:"
    )
    for table, rows in sorted(result.rows.items()):
        print(f"  {table:32} {rows:>10,}")


def _audit_verify(args: argparse.Namespace) -> int:
    with _session() as session:
        breaks = verify_chains(session)
    if not breaks:
        print("audit chains intact")
        return 0
    for chain_break in breaks:
        print(
            f"chain {chain_break.chain_id}: first broken link at seq {chain_break.seq} "
            f"(event {chain_break.event_id}): {chain_break.reason}"
        )
    return 1


def _standings(args: argparse.Namespace) -> int:
    from app.core import clock
    from app.standings.refresh import refresh_region
    from app.standings.verify import verify

    today = clock.today()
    scope = f"region {args.region}" if args.region else "all regions"
    try:
        with _session() as session:
            if args.action == "refresh":
                stored, removed = refresh_region(session, args.region, today)
            else:
                drift = verify(session, args.region, today)
    except NotReady as exc:
        print(f"anxin: {exc}", file=sys.stderr)
        return 2
    if args.action == "refresh":
        print(f"standings of {scope} as of {today}: {stored:,} stored, {removed:,} removed")
        return 0
    print(f"standings of {scope} as of {today}: {drift.checked:,} enterprises checked")
    if drift.clean:
        print("no drift")
        return 0
    for enterprise_id in drift.missing:
        print(f"{enterprise_id}: no stored standing")
    for enterprise_id in drift.extra:
        print(f"{enterprise_id}: stored, but not a verified enterprise of the scope")
    for difference in drift.differing:
        for name, (stored, live) in difference.changes.items():
            print(f"{difference.enterprise_id}: {name}: stored {stored!r}, now {live!r}")
    print(
        f"drift: {len(drift.missing)} missing, {len(drift.extra)} extra, "
        f"{len(drift.differing)} differing"
    )
    return 1


def _backup(args: argparse.Namespace) -> int:
    from app.operations import backup

    settings = load_settings()
    try:
        report = backup.backup(
            settings, Path(args.output), force=args.force, with_keys=args.with_keys
        )
    except backup.BackupError as exc:
        print(f"anxin: {exc}", file=sys.stderr)
        return 2
    print(f"backup: {report.path} ({report.size:,} bytes)")
    print(f"schema revision: {report.revision or 'none'}")
    for table, rows in report.row_counts.items():
        print(f"  {table:40} {rows:>10,}")
    if report.keys_archive is not None:
        print(
            f"WARNING: {report.keys_archive} holds the PRIVATE signing and data-encryption "
            "keys (mode 0600): store it apart from the database backup, on secret storage"
        )
    else:
        print(
            f"keys are not in the database: back up {settings.effective_keys_dir} separately "
            "(or pass --with-keys); see docs/deploy.md"
        )
    return 0


def _restore(args: argparse.Namespace) -> int:
    from app.operations import backup

    settings = load_settings()
    try:
        report = backup.restore(settings, Path(args.input), force=args.force)
    except backup.BackupError as exc:
        print(f"anxin: {exc}", file=sys.stderr)
        return 2
    print(f"restored {args.input} into {report.target} (revision {report.revision})")
    if report.revision != migrations.head_revision():
        print(f"the schema is behind head {migrations.head_revision()}: run `anxin db upgrade`")
    if not report.breaks:
        print("audit chains intact")
        return 0
    for chain_break in report.breaks:
        print(
            f"chain {chain_break.chain_id}: first broken link at seq {chain_break.seq} "
            f"(event {chain_break.event_id}): {chain_break.reason}"
        )
    print("anxin: the restored audit trail does not verify", file=sys.stderr)
    return 1


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="anxin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the API under uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(handler=_serve)

    worker = commands.add_parser(
        "worker", help="deliver webhooks and run scheduled jobs (any number side by side)"
    )
    worker.add_argument(
        "--no-scheduler",
        action="store_true",
        help="only dispatch and deliver; leave time-based jobs to other workers",
    )
    worker.set_defaults(handler=_worker)

    db = commands.add_parser("db", help="database schema migrations")
    db.add_argument("action", choices=["upgrade", "downgrade", "current"])
    db.add_argument("revision", nargs="?", help="target revision (upgrade: default head)")
    db.set_defaults(handler=_db)

    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default=str(DEFAULT_OPENAPI_PATH))
    openapi.set_defaults(handler=_openapi)

    rules = commands.add_parser("rules-doc", help="write the rule catalogue page")
    rules.add_argument("--output", default=str(DEFAULT_RULES_DOC_PATH))
    rules.set_defaults(handler=_rules_doc)

    roles = commands.add_parser("roles-doc", help="write the role tables of docs/api.md")
    roles.add_argument("--page", default=str(DEFAULT_ROLES_DOC_PATH))
    roles.set_defaults(handler=_roles_doc)
    errors = commands.add_parser("errors-doc", help="write the error catalogue into docs/api.md")
    errors.add_argument("--output", default=str(DEFAULT_API_DOC_PATH))
    errors.set_defaults(handler=_errors_doc)

    key_commands = commands.add_parser("keys", help="signing and encryption keys")
    key_commands.add_argument("action", choices=["init", "rotate"])
    key_commands.add_argument(
        "--set",
        choices=[*keys.SIGNING_KEY_SETS, "data-encryption"],
        default="token-signing",
        help="which key set to rotate (default token-signing)",
    )
    key_commands.add_argument("--dir", help="keys directory (default: ANXIN_KEYS_DIR)")
    key_commands.set_defaults(handler=_keys)

    bootstrap = commands.add_parser("bootstrap", help="create the platform and its first admin")
    bootstrap.add_argument("--email", required=True)
    bootstrap.add_argument("--display-name", default="Platform admin")
    bootstrap.set_defaults(handler=_bootstrap)

    demo = commands.add_parser("demo", help="load a demo district and print its credentials")
    demo.add_argument("--allow-configured-database", action="store_true")
    demo.add_argument(
        "--enterprises",
        type=_positive,
        default=0,
        metavar="N",
        help="also generate N verified enterprises with full records (a whole district)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_DISTRICT_SEED,
        help=f"seed of the generated enterprises (default {DEFAULT_DISTRICT_SEED})",
    )
    demo.set_defaults(handler=_demo)

    audit = commands.add_parser("audit", help="audit trail tools")
    audit.add_argument("action", choices=["verify"])
    audit.set_defaults(handler=_audit_verify)

    standings = commands.add_parser(
        "standings", help="stored compliance standings: recompute them, or check them"
    )
    standings.add_argument("action", choices=["refresh", "verify"])
    standings.add_argument("--region", help="only this region's subtree (default: all)")
    standings.set_defaults(handler=_standings)

    backup = commands.add_parser("backup", help="copy the database to a file (online)")
    backup.add_argument("--output", required=True, help="backup file to write")
    backup.add_argument("--force", action="store_true", help="overwrite an existing file")
    backup.add_argument(
        "--with-keys",
        action="store_true",
        help="also archive the keys directory (private keys!) into OUTPUT.keys.tar",
    )
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser("restore", help="put a backup in place, then verify it")
    restore.add_argument("--input", required=True, help="backup file written by anxin backup")
    restore.add_argument("--force", action="store_true", help="replace an existing database")
    restore.set_defaults(handler=_restore)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command not in LOGGING_COMMANDS:
        print_unknown_variables()
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())

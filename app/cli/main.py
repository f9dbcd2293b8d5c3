"""`anxin`: serve the API, manage the schema, keys and the generated OpenAPI document."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from app.core import keys, migrations
from app.core.config import load_settings
from app.core.db import create_db_engine
from app.core.startup import NotReady, prepare

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OPENAPI_PATH = PROJECT_ROOT / "openapi" / "openapi.json"


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

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
    )
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
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="anxin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the API under uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(handler=_serve)

    db = commands.add_parser("db", help="database schema migrations")
    db.add_argument("action", choices=["upgrade", "downgrade", "current"])
    db.add_argument("revision", nargs="?", help="target revision (upgrade: default head)")
    db.set_defaults(handler=_db)

    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default=str(DEFAULT_OPENAPI_PATH))
    openapi.set_defaults(handler=_openapi)

    key_commands = commands.add_parser("keys", help="signing and encryption keys")
    key_commands.add_argument("action", choices=["init"])
    key_commands.add_argument("--dir", help="keys directory (default: ANXIN_KEYS_DIR)")
    key_commands.set_defaults(handler=_keys)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())

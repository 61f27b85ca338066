"""`podium db upgrade|downgrade`: apply or revert migrations on PODIUM_DATABASE_URL (or --url)."""

from __future__ import annotations

import argparse

from sqlalchemy import make_url

from service.db import migrate
from service.db.engine import database_url


def _upgrade(args: argparse.Namespace) -> int:
    migrate.upgrade(args.url, args.revision)
    print(f"database at {args.revision}: {_shown(args.url)}")
    return 0


def _downgrade(args: argparse.Namespace) -> int:
    migrate.downgrade(args.url, args.revision)
    print(f"database at {args.revision}: {_shown(args.url)}")
    return 0


def _shown(url: str | None) -> str:
    return make_url(database_url(url)).render_as_string(hide_password=True)


def register(subparsers: argparse._SubParsersAction) -> None:
    db = subparsers.add_parser("db", help="database migrations")
    commands = db.add_subparsers(dest="db_command", required=True)
    up = commands.add_parser("upgrade", help="apply migrations (to the latest by default)")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(func=_upgrade)
    down = commands.add_parser("downgrade", help="revert migrations (one step by default; `base` for all)")
    down.add_argument("revision", nargs="?", default="-1")
    down.set_defaults(func=_downgrade)
    for parser in (up, down):
        parser.add_argument("--url", help="database URL (default: PODIUM_DATABASE_URL or sqlite:///var/podium.db)")

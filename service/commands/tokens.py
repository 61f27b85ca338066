"""`podium token create|revoke|list`: API tokens for the secretariat and the bureau (the public needs none)."""

from __future__ import annotations

import argparse

from service.db.engine import unit_of_work
from service.db.tokens import Role
from service.operations import tokens


def _create(args: argparse.Namespace) -> int:
    with unit_of_work(args.url) as db:
        row, token = tokens.create_token(db, Role[args.role], args.name)
        print(f"token {row.id} for {row.name} ({row.role}); shown once, keep it:\n{token}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    with unit_of_work(args.url) as db:
        found = tokens.revoke_token(db, args.id)
    print(f"token {args.id} revoked" if found else f"no token {args.id}")
    return 0 if found else 1


def _list(args: argparse.Namespace) -> int:
    with unit_of_work(args.url) as db:
        for row in tokens.list_tokens(db):
            state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "live"
            print(f"{row.id}\t{row.role}\t{row.name}\t{state}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    token = subparsers.add_parser("token", help="API tokens: create (printed once), revoke, list")
    commands = token.add_subparsers(dest="token_command", required=True)
    create = commands.add_parser("create", help="create a token and print it (only its SHA-256 is stored)")
    create.add_argument("--role", required=True, choices=[r.name for r in Role if r > Role.public])
    create.add_argument("--name", required=True, help="who holds it, e.g. 'Rapporteur (WEOG)'; signs comments and approvals")
    create.set_defaults(func=_create)
    revoke = commands.add_parser("revoke", help="revoke a token by its id (see `podium token list`)")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(func=_revoke)
    commands.add_parser("list", help="every token: id, role, name, live or revoked").set_defaults(func=_list)
    for parser in (create, revoke, commands.choices["list"]):
        parser.add_argument("--url", help="database URL (default: PODIUM_DATABASE_URL or sqlite:///var/podium.db)")

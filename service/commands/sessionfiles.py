"""`podium import FILE` and `podium export SESSION_ID`: session files in and out of the database."""

from __future__ import annotations

import argparse
import sys

from service.db.engine import unit_of_work
from service.errors import DomainError, SessionFileError
from service.operations import sessions
from service.sessionfile import dump_yaml, load


def _import(args: argparse.Namespace) -> int:
    try:
        loaded = load(args.file)
    except SessionFileError as e:
        for error in e.errors:
            print(f"{args.file}: {error.path}: {error.reason}", file=sys.stderr)
        return 1
    try:
        with unit_of_work(args.url) as db:
            row = sessions.import_session(db, loaded, copy=args.copy)
    except DomainError as e:
        for error in e.errors:
            print(f"{args.file}: {error.path}: {error.reason}", file=sys.stderr)
        return 1
    print(f"imported {args.file} as session {row.id}")
    return 0


def _export(args: argparse.Namespace) -> int:
    try:
        with unit_of_work(args.url) as db:
            data = sessions.session_file(db, sessions.session_row(db, args.session_id))
    except DomainError as e:
        for error in e.errors:
            where = "" if error.path == "path.session_id" else f"{error.path}: "
            print(f"session {args.session_id}: {where}{error.reason}", file=sys.stderr)
        return 1
    text = dump_yaml(data)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser("import", help="import a session file (YAML or JSON) in one transaction")
    imp.add_argument("file")
    imp.add_argument("--copy", action="store_true", help="import a second copy of a session that is stored already")
    imp.set_defaults(func=_import)
    exp = subparsers.add_parser("export", help="print a session as a session file (YAML)")
    exp.add_argument("session_id", type=int)
    exp.add_argument("-o", "--output", help="write to this file instead of standard output")
    exp.set_defaults(func=_export)
    for parser in (imp, exp):
        parser.add_argument("--url", help="database URL (default: PODIUM_DATABASE_URL or sqlite:///var/podium.db)")

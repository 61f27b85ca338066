"""The `podium` command line: one subcommand per job, each registered by the module that holds it."""

from __future__ import annotations

import argparse
import importlib
import sys

from sqlalchemy.exc import SQLAlchemyError

from service.db import migrate
from service.errors import DomainError

# Each module defines `register(subparsers)`, adding its subcommands with a `func(args) -> int`.
COMMAND_MODULES = [
    "service.commands.planning",
    "service.commands.db",
    "service.commands.sessionfiles",
    "service.commands.server",
    "service.commands.worker",
    "service.commands.tokens",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="podium", description="Plan and publish programmes of work.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


# Commands that set up or need no database of their own.
NO_DATABASE = {"db", "run", "openapi", "plan", "check"}


def main(argv: list[str] | None = None) -> int:
    """Run a command; a user's error (a bad file, an unknown id, an unreachable or unmigrated database) is one line and status 2."""
    args = build_parser().parse_args(argv)
    try:
        if args.command not in NO_DATABASE:
            migrate.ready(getattr(args, "url", None))
        return args.func(args)
    except (DomainError, migrate.NotMigrated, OSError) as e:
        return _refused(str(e))
    except SQLAlchemyError as e:
        # The connection refused, a file that is not a database, a schema changed under the command: the driver says why.
        reason = str(getattr(e, "orig", None) or e).splitlines()[0]
        return _refused(f"the database cannot be used: {reason}")


def _refused(reason: str) -> int:
    print(f"podium: {reason}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

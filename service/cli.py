"""The `podium` command line: one subcommand per job, each registered by the module that holds it."""

from __future__ import annotations

import argparse
import importlib
import sys

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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

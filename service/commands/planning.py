"""`podium plan`, `podium render` and `podium check`: draft, print or check a programme straight from a session file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from service.commands.progress_display import progress_display
from service.exports import FORMATS, render
from service.sessionfile import LoadedSession, SessionFileError, load
from solver import PlanOptions, Progress, check, plan
from solver.problem import LANGUAGES


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("plan", help="draft the programme of work of a session file")
    p.add_argument("file", type=Path)
    p.add_argument("--format", choices=list(FORMATS), default="text")
    p.add_argument("--lang", choices=LANGUAGES, default="en")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--time-limit", type=float, default=30.0, help="wall seconds: the plan is there by then (default 30)")
    p.add_argument("--out", type=Path, help="write to this file instead of standard output")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--same-answer", "--deterministic", dest="deterministic", action="store_true", default=True,
                      help="the same programme on every run, the search measured in deterministic work (the default)")
    mode.add_argument("--fast", dest="deterministic", action="store_false",
                      help="search by the clock alone on every core: ties may differ from run to run")
    p.add_argument("--replan", action="store_true", help="move least from the file's own `programme`")
    p.add_argument("--progress", action="store_true", help="print each improving solution to standard error (a terminal shows a progress bar anyway)")
    p.set_defaults(func=run_plan)

    r = subparsers.add_parser("render", help="print the session file's own `programme` as a document, without solving")
    r.add_argument("file", type=Path)
    r.add_argument("--format", choices=list(FORMATS), default="text")
    r.add_argument("--lang", choices=LANGUAGES, default="en")
    r.add_argument("--out", type=Path, help="write to this file instead of standard output")
    r.set_defaults(func=run_render)

    c = subparsers.add_parser("check", help="check the `programme` of a session file against its rules")
    c.add_argument("file", type=Path)
    c.set_defaults(func=run_check)


def _load(path: Path) -> LoadedSession | None:
    """The session file, or None after printing each error with the file and path."""
    try:
        return load(path)
    except SessionFileError as error:
        for e in error.errors:
            print(f"{error.file}: {e.path}: {e.reason}", file=sys.stderr)
        return None


def run_plan(args: argparse.Namespace) -> int:
    loaded = _load(args.file)
    if loaded is None:
        return 2
    if args.replan and loaded.programme is None:
        print(f"{args.file}: --replan needs a `programme` in the file", file=sys.stderr)
        return 2
    with progress_display(sys.stderr, args.time_limit, lines=args.progress) as show:
        options = PlanOptions(seed=args.seed, time_limit=args.time_limit, progress=show, deterministic=args.deterministic)
        result = plan(loaded.session, options, reference=loaded.programme if args.replan else None)
        if show and result.objective is not None:
            # The last word: the bound once proved optimal, or where the limit stopped the search.
            show(Progress(result.objective, result.bound, result.stats["wall_time"]))
    if result.programme is None:
        print(f"no programme: {result.status}", file=sys.stderr)
        for conflict in result.conflicts:
            print(f"- {conflict.message} [{', '.join(conflict.rules)}]", file=sys.stderr)
        return 1
    for change in result.changes:
        print(f"moved: {change.describe()}", file=sys.stderr)
    if args.deterministic and not result.deterministic:
        print("the time limit came before the search's work budget: another run may give another programme", file=sys.stderr)
    meta = {"status": result.status, "objective": result.objective, "bound": result.bound}
    return _emit(args, render(args.format, loaded.session, result.programme, args.lang, meta))


def _with_programme(path: Path, to: str) -> LoadedSession | None:
    """The file's session, when it carries a `programme` (else a line on standard error, and None)."""
    loaded = _load(path)
    if loaded is not None and loaded.programme is None:
        print(f"{path}: no `programme` to {to}", file=sys.stderr)
        return None
    return loaded


def run_render(args: argparse.Namespace) -> int:
    loaded = _with_programme(args.file, "render")
    if loaded is None:
        return 2
    return _emit(args, render(args.format, loaded.session, loaded.programme, args.lang))


def _emit(args: argparse.Namespace, output: str | bytes) -> int:
    """Write a rendering to --out, or text to standard output (binary formats need --out)."""
    if args.out:
        args.out.write_bytes(output if isinstance(output, bytes) else output.encode("utf-8"))
    elif isinstance(output, bytes):
        print("this format is binary: give --out PATH", file=sys.stderr)
        return 2
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0


def run_check(args: argparse.Namespace) -> int:
    loaded = _with_programme(args.file, "check")
    if loaded is None:
        return 2
    violations = check(loaded.session, loaded.programme)
    for v in violations:
        print(f"{v.rule}: {v.message}")
    if not violations:
        print(f"{args.file}: the programme keeps every rule")
    return 1 if violations else 0

"""How `podium plan` shows a solve as it goes: a rich bar on a terminal, a line per improving solution elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bar

from solver import Progress

Show = Callable[[Progress], None]


def describe(p: Progress) -> str:
    return f"objective {p.objective:.0f}  bound {p.bound:.0f}  gap {p.gap:.1%}"


@contextmanager
def progress_display(stream: TextIO, time_limit: float, lines: bool) -> Iterator[Show | None]:
    """The progress callback of a solve: a live bar (time against the limit, objective, bound, gap) when
    `stream` is a terminal; a plain line per improving solution when `lines` is asked elsewhere; else None."""
    if stream.isatty():
        with Bar(SpinnerColumn(), TextColumn("solving"), BarColumn(), TextColumn("{task.fields[best]}"), TimeElapsedColumn(),
                 console=Console(file=stream)) as bar:
            task = bar.add_task("solve", total=time_limit, best="looking for a first programme")
            yield lambda p: bar.update(task, completed=min(p.elapsed, time_limit), best=describe(p))
            bar.update(task, completed=time_limit)  # done: early when proved optimal
    elif lines:
        yield lambda p: print(f"  {p.elapsed:6.2f}s  {describe(p)}", file=stream, flush=True)
    else:
        yield None

"""`podium plan` shows its search: a rich bar with objective and bound on a terminal, plain lines with --progress elsewhere."""

import io

from service.cli import main
from service.commands.progress_display import progress_display
from solver import Progress
from tests.helpers import ROOT

EXAMPLES = ROOT / "examples"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_shows_a_bar_with_the_objective_and_the_bound():
    stream = Terminal()
    with progress_display(stream, time_limit=30, lines=False) as show:
        show(Progress(objective=1400, bound=1330, elapsed=2.0))
    assert "objective 1400  bound 1330  gap 5.0%" in stream.getvalue()


def test_elsewhere_progress_asks_for_a_line_per_improving_solution():
    stream = io.StringIO()
    with progress_display(stream, time_limit=30, lines=True) as show:
        show(Progress(objective=1400, bound=1330, elapsed=2.0))
    assert stream.getvalue() == "    2.00s  objective 1400  bound 1330  gap 5.0%\n"


def test_elsewhere_without_progress_nothing_is_shown():
    with progress_display(io.StringIO(), time_limit=30, lines=False) as show:
        assert show is None


def test_plan_with_progress_prints_the_solutions_it_finds(capsys):
    assert main(["plan", str(EXAMPLES / "cop10-2020.yaml"), "--progress"]) == 0
    assert "objective 1340  bound 1340  gap 0.0%" in capsys.readouterr().err

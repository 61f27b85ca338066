"""Re-planning one body at a time by dynamic programme: every rule kept, never worse, and far better than the hand-made table."""

import time

import pytest

from bench.recipe import SIZES, recipe_session
from solver import PlanOptions, check
from solver.extract import programme_from_values
from solver.greedy import greedy_fill
from solver.grid import build_grid
from solver.lns import complete
from solver.model import PlanModel
from solver.recut import recut
from solver.search import Budget


def _score(pm, table):
    return complete(pm, table, Budget(PlanOptions(time_limit=30, deterministic=False), time.monotonic()))


@pytest.mark.parametrize("weeks, bodies, items, seed", [(1, 4, 30, 0), (1, 6, 40, 1), (2, 6, 100, 1)])
def test_a_recut_table_keeps_every_rule_and_scores_no_worse(weeks, bodies, items, seed):
    session = recipe_session(weeks, bodies, items, seed)
    grid = build_grid(session)
    pm = PlanModel(grid)
    table = greedy_fill(grid, True) or greedy_fill(grid)
    cut = recut(pm, table)
    assert check(session, programme_from_values(grid, cut)) == []
    assert _score(pm, cut).objective <= _score(pm, table).objective


def test_recutting_the_hand_made_table_of_a_hard_session_saves_a_fifth():
    grid = build_grid(recipe_session(*SIZES["300"], seed=0))
    pm = PlanModel(grid)
    table = greedy_fill(grid, True)
    before, after = _score(pm, table).objective, _score(pm, recut(pm, table)).objective
    assert after <= 0.8 * before


def test_cutting_twice_changes_nothing_more_than_once():
    grid = build_grid(recipe_session(1, 6, 40, seed=1))
    pm = PlanModel(grid)
    once = recut(pm, greedy_fill(grid, True))
    assert _score(pm, recut(pm, once)).objective <= _score(pm, once).objective

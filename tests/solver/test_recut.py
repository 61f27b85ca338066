"""Re-planning one body at a time by dynamic programme: every rule kept, never worse, and far better than the hand-made table."""

import time

import pytest

from bench.recipe import SIZES, recipe_session
from solver import PlanOptions, check
from solver.extract import programme_from_values
from solver.greedy import greedy_fill
from solver.grid import build_grid
from solver.joints import score
from solver.lns import complete
from solver.model import PlanModel
from solver.recut import meetings_of, recut, recut_body
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


def _full_slots(grid, table, body):
    """Slots where the interpretation cap is reached by other bodies' meetings."""
    interpreted = {b.key for b in grid.session.bodies if b.interpreted}
    here = {}
    for t, s in table:
        if body not in grid.tasks[t].bodies:
            here.setdefault(s, []).append(grid.tasks[t])
    return {s for s, tasks in here.items() if meetings_of(tasks, interpreted) >= grid.session.rules.interpreted_at_once}


def _held(grid, table, body):
    return {s for (t, s) in table if body in grid.tasks[t].bodies}


def test_without_a_price_a_body_meets_only_where_the_interpretation_cap_leaves_it_a_seat():
    grid = build_grid(recipe_session(2, 6, 100, seed=1))
    pm = PlanModel(grid)
    table = recut(pm, greedy_fill(grid, True))
    for body in ("plenary", "b3"):
        cut = recut_body(pm, table, body)
        assert not (_held(grid, cut, body) - _held(grid, table, body)) & _full_slots(grid, table, body)


@pytest.mark.parametrize("body", ["plenary", "b1", "b3"])
def test_at_a_price_a_body_may_take_a_seat_another_holds_and_every_rule_is_kept(body):
    session = recipe_session(2, 6, 100, seed=1)
    grid = build_grid(session)
    pm = PlanModel(grid)
    table = recut(pm, greedy_fill(grid, True))
    cut = recut_body(pm, table, body, price=1)
    assert cut is not None
    assert check(session, programme_from_values(grid, cut)) == []


def test_at_a_price_a_body_takes_seats_others_held_where_that_lowers_the_score_and_they_make_way():
    session = recipe_session(2, 6, 100, seed=0)
    grid = build_grid(session)
    pm = PlanModel(grid)
    table = recut(pm, greedy_fill(grid, True))
    cut = recut_body(pm, table, "b3", price=50)
    bought = (_held(grid, cut, "b3") - _held(grid, table, "b3")) & _full_slots(grid, table, "b3")
    assert bought and score(pm, cut) < score(pm, table)
    assert check(session, programme_from_values(grid, cut)) == []

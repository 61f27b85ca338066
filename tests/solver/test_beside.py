"""The bound search beside the search for programmes: a bound that cuts off no optimum, raised above the outline's own, its answer followed, and a thread that ends with the solve."""

import threading
import time

import pytest
from ortools.sat.python import cp_model

from bench.recipe import recipe_session
from solver import PlanOptions, check, plan
from solver.beside import BoundSearch, bound_work
from solver.extract import programme_from_values
from solver.grid import build_grid
from solver.model import PlanModel
from solver.outline import sketch
from solver.search import Budget, minutes_taken


def _budget(seconds: float) -> Budget:
    return Budget(PlanOptions(time_limit=seconds), time.monotonic())


@pytest.mark.parametrize("bodies, items, seed", [(5, 15, 0), (5, 20, 2), (6, 24, 1)])
def test_the_bound_beside_is_no_higher_than_the_session_optimum(bodies, items, seed):
    pm = PlanModel(build_grid(recipe_session(1, bodies, items, seed)))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 2
    assert solver.solve(pm.model) == cp_model.OPTIMAL
    assert BoundSearch(pm, _budget(10)).result() <= solver.objective_value


def test_the_bound_beside_rises_above_the_outline_bound_of_a_short_search():
    # Two weeks, 100 items: the outline's default search for a tenth of 20 s leaves its bound
    # below the optimum, 4830, that the lower-bound search reaches.
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))
    outline = sketch(pm, _budget(20), 0.1)
    assert outline.bound < BoundSearch(pm, _budget(10)).result() == 4830


def test_the_bound_beside_ends_by_its_work_and_keeps_the_answer_deterministic():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))
    budget = Budget(PlanOptions(time_limit=30, work_limit=1.0), time.monotonic())
    search = BoundSearch(pm, budget)
    assert search.result() == BoundSearch(pm, Budget(budget.options, time.monotonic())).result()
    assert not budget.clock_cut


def test_the_bound_beside_raises_the_bound_of_a_draft():
    session = recipe_session(2, 6, 100, seed=2)
    result = plan(session, PlanOptions(time_limit=20))
    assert result.bound >= 4830


def test_a_solve_leaves_no_bound_search_running(cop10):
    # The whole model proves the case optimal at once; the search beside is stopped, not awaited.
    started = time.monotonic()
    result = plan(cop10.session, PlanOptions(time_limit=30))
    assert result.status == "optimal" and time.monotonic() - started < 5
    assert not any(t.name == "podium-bound" for t in threading.enumerate())


def test_a_cancelled_solve_does_not_wait_for_the_bound_search():
    # Its work budget would keep the search for about half a minute; cancelled, it ends at once.
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))
    budget = Budget(PlanOptions(time_limit=60, should_stop=lambda: True), time.monotonic())
    search = BoundSearch(pm, budget)
    time.sleep(1)
    search.result()
    assert time.monotonic() - budget.started < 3


def test_the_answer_of_the_bound_search_is_followed_into_a_programme_that_keeps_every_rule():
    session = recipe_session(2, 6, 100, seed=2)
    pm = PlanModel(build_grid(session))
    search = BoundSearch(pm, _budget(10))
    bound = search.result()
    assert search.followed is not None and search.followed.objective >= bound
    assert check(session, programme_from_values(pm.grid, minutes_taken(pm, search.followed.value))) == []


def test_the_programme_followed_beside_is_the_same_on_every_run():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))

    def followed() -> list[int]:
        search = BoundSearch(pm, Budget(PlanOptions(time_limit=30, work_limit=3.0), time.monotonic()))
        search.result()
        return search.followed.values

    assert followed() == followed()


def test_a_stopped_bound_search_follows_nothing():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))
    search = BoundSearch(pm, _budget(60))
    time.sleep(1)
    search.stop()
    assert search.followed is None


def test_a_budget_that_is_ended_has_nothing_left_to_spend():
    budget = _budget(60)
    budget.end()
    assert budget.exhausted()


def test_by_the_clock_the_bound_search_gives_its_best_answer_so_far_while_it_runs():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))
    search = BoundSearch(pm, Budget(PlanOptions(time_limit=20, deterministic=False), time.monotonic()))
    deadline = time.monotonic() + 15
    while search.answer_so_far() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    so_far = search.answer_so_far()
    search.stop()
    assert so_far is not None and set(so_far.slots) == set(pm.grid.sequence)


def test_a_deterministic_bound_search_gives_no_answer_before_it_ends():
    # What the planner does may not depend on how far the thread has come.
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))
    search = BoundSearch(pm, Budget(PlanOptions(time_limit=30, work_limit=3.0), time.monotonic()))
    time.sleep(2)
    assert search.answer_so_far() is None
    search.result()
    assert search.answer_so_far() is None


def test_the_bound_search_share_grows_from_half_as_much_again_to_three_and_a_half_times_by_a_minute_of_work():
    # Building and following take a few seconds whatever the budget: short limits leave less for the search.
    assert bound_work(0.3) == pytest.approx(0.3 * (1.5 + 2.0 / 60))
    assert bound_work(3.0) == pytest.approx(3.0 * (1.5 + 2.0 / 6))
    assert bound_work(18.0) == bound_work(36.0) / 2 == pytest.approx(63.0)

"""The outline by finishes: a bound that holds for every programme and rises above the outline's own."""

import time

import pytest
from ortools.sat.python import cp_model

from bench.recipe import recipe_session
from solver.finishes import finish_bound
from solver.grid import build_grid
from solver.model import PlanModel
from solver.outline import sketch
from solver.search import Budget, PlanOptions


def _budget(seconds: float) -> Budget:
    return Budget(PlanOptions(time_limit=seconds), time.monotonic())


@pytest.mark.parametrize("bodies, items, seed", [(5, 15, 0), (5, 20, 2), (6, 24, 1)])
def test_the_bound_by_finishes_is_no_higher_than_the_session_optimum(bodies, items, seed):
    pm = PlanModel(build_grid(recipe_session(1, bodies, items, seed)))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 2
    assert solver.solve(pm.model) == cp_model.OPTIMAL
    assert finish_bound(pm, _budget(10), 1.0, 0) <= solver.objective_value


def test_the_bound_by_finishes_rises_above_the_outline_bound_where_its_relaxation_mixes_finishes():
    # Two weeks, 100 items: the outline's relaxation leaves 4440; by finishes it is 4570.
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))
    budget = _budget(20)
    outline = sketch(pm, budget, 0.1)
    assert finish_bound(pm, budget, 0.5, outline.bound) > outline.bound


def test_the_bound_by_finishes_keeps_to_its_share_of_the_budget():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))
    budget = _budget(20)
    finish_bound(pm, budget, 0.25, 0)
    assert budget.work_spent <= 0.25 * budget.options.work + 0.05

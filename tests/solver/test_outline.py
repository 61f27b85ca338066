"""The outline: a relaxation by body and slot whose bound cuts off no optimum and proves what the whole model's relaxation cannot."""

import dataclasses
import time

import pytest
from ortools.sat.python import cp_model

from bench.outline import by_finish
from bench.recipe import recipe_session
from solver import PlanOptions, check, plan
from solver.extract import programme_from_values
from solver.greedy import hand_tables
from solver.grid import build_grid
from solver.model import PlanModel
from solver.outline import Outline, applies, follow, realise, sketch, span
from solver.search import Budget, minutes_taken


def _optimum(model: cp_model.CpModel, workers: int = 2, linearization: int = 1) -> float:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = workers
    solver.parameters.linearization_level = linearization
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver.objective_value


@pytest.mark.parametrize("bodies, items, seed", [(5, 15, 0), (5, 15, 3), (5, 20, 2), (6, 24, 1), (5, 50, 0)])
def test_the_outline_optimum_is_no_higher_than_the_session_optimum(bodies, items, seed):
    pm = PlanModel(build_grid(recipe_session(1, bodies, items, seed)))
    optimum = _optimum(pm.model)
    assert _optimum(Outline(pm).model) <= _optimum(Outline(pm, strong=True).model) <= optimum


def test_the_outline_sees_that_the_items_between_two_joint_items_need_the_meetings_between_them():
    # Each body of a pair shares joint items with the other: without the meetings between joint
    # items counted (Outline._segments) this outline's optimum is 2340, below the session's 2390.
    pm = PlanModel(build_grid(recipe_session(1, 5, 50, seed=0)))
    assert _optimum(Outline(pm).model) == 2390


def test_the_outline_sees_that_a_pair_shares_the_slots_of_its_joint_items():
    # The session's optimum is 1970 (the whole model proves it in about 100 s on one worker). With
    # each body's stretch between joint items counted alone the outline gave 1940: both bodies of a
    # pair held their items around a joint item in its slot, and a joint item in one slot was held
    # there by a unit of it (Outline._shared, Outline._tight).
    pm = PlanModel(build_grid(recipe_session(1, 5, 50, seed=4)))
    assert _optimum(Outline(pm).model) == 1970


def test_the_strong_outline_sees_that_a_pair_ends_a_stretch_in_the_next_joint_item_slot_together():
    # No programme of this session scores below 3300 (the whole model proves it in about 20 s
    # with its objective kept to 3290). With each body of a pair free to fill the next joint
    # item's first slot with its own items (Outline._tails), the outline gives 3280.
    pm = PlanModel(build_grid(recipe_session(2, 6, 80, seed=0)))
    # Proved in seconds on one worker with the fuller linear relaxation, as the bound search has them.
    assert _optimum(Outline(pm).model, workers=1, linearization=2) == 3280
    assert _optimum(Outline(pm, strong=True).model, workers=1, linearization=2) == 3300


def test_the_outline_split_by_its_finish_has_the_outline_optimum_as_its_least_case():
    # bench/outline.py --by-finish: every programme ends in one of the cases, so the least of
    # their optima is the outline's own.
    pm = PlanModel(build_grid(recipe_session(1, 5, 20, seed=2)))
    cases = by_finish(pm, 5, 9, work=5)
    assert [(case.lo, case.hi) for case in cases] == [(0, 4), (5, 5), (6, 6), (7, 7), (8, 8), (9, 9), (10, 15)]
    assert min(case.bound for case in cases) == min(case.answer for case in cases if case.answer is not None)
    assert min(case.bound for case in cases) == _optimum(Outline(pm).model)


def test_the_outline_proves_a_draft_optimal_that_the_whole_model_leaves_open():
    # The whole model's relaxation leaves this one at 1480 after its 10 s; the outline sees the
    # gaps that four interpreted bodies under a cap of three must leave.
    result = plan(recipe_session(1, 6, 30, seed=2), PlanOptions(time_limit=10))
    assert (result.status, result.objective, result.bound) == ("optimal", 1520, 1520)


def test_the_outline_of_a_two_week_session_is_proved_optimal_within_seconds_of_work():
    # With a body's span as a run of Booleans its relaxation sees the gaps: the bound search once
    # left this one at 4790 after 10 s; now its default search proves 4830 in about one second of work.
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=2)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.linearization_level = 2  # as every search of the outline has it
    solver.parameters.max_deterministic_time = 5
    assert solver.solve(Outline(pm).model) == cp_model.OPTIMAL
    assert solver.objective_value == 4830


@pytest.mark.parametrize("meets, least", [((0, 1, 0, 0, 1, 0), 4), ((1, 0, 0, 0, 0, 1), 6), ((0, 0, 1, 0, 0, 0), 1), ((0,) * 6, 0)])
def test_a_span_runs_from_the_first_meeting_to_the_last(meets, least):
    model = cp_model.CpModel()
    slots = [model.new_constant(m) for m in meets]
    model.minimize(span(model, slots, "body"))
    solver = cp_model.CpSolver()
    assert solver.solve(model) == cp_model.OPTIMAL
    assert solver.objective_value == least


def test_a_span_skips_the_slots_a_body_cannot_meet_in_but_counts_them_between_meetings():
    model = cp_model.CpModel()
    model.minimize(span(model, [model.new_constant(1), None, model.new_constant(1), None], "body"))
    solver = cp_model.CpSolver()
    assert solver.solve(model) == cp_model.OPTIMAL
    assert solver.objective_value == 3


def test_the_outline_holds_only_under_strict_agenda_order(cop10):
    pm = PlanModel(build_grid(cop10.session))
    assert applies(pm)
    relaxed = PlanModel(build_grid(cop10.session), relaxable=True)
    assert not applies(relaxed)


def test_the_outline_sketch_names_where_each_body_meets_and_a_bound_below_it():
    pm = PlanModel(build_grid(recipe_session(1, 6, 24, seed=1)))
    sketched = sketch(pm, Budget(PlanOptions(time_limit=10, deterministic=False), time.monotonic()), 1.0)
    assert set(sketched.slots) == {b.key for b in pm.grid.session.bodies}
    assert sketched.bound <= _optimum(pm.model)


def test_a_programme_that_follows_the_outline_keeps_every_rule():
    session = recipe_session(2, 6, 100, seed=1)
    pm = PlanModel(build_grid(session))
    budget = Budget(PlanOptions(time_limit=20, deterministic=False), time.monotonic())
    followed = follow(pm, sketch(pm, budget, 0.5), budget)
    assert check(session, programme_from_values(pm.grid, minutes_taken(pm, followed.value))) == []


def test_an_outline_followed_through_one_table_spends_less_work_and_gains_no_more_than_through_all():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=1)))
    outline = sketch(pm, Budget(PlanOptions(time_limit=20, deterministic=False), time.monotonic()), 0.5)

    def followed(tables: int | None) -> tuple[int, float]:
        budget = Budget(PlanOptions(time_limit=60), time.monotonic())
        return follow(pm, outline, budget, tables).objective, budget.work_spent

    (one, spent_one), (every, spent_every) = followed(1), followed(None)
    assert every <= one and spent_one < spent_every


def test_an_outline_kept_to_end_earlier_has_no_body_meet_after_that_slot():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=1)))
    budget = Budget(PlanOptions(time_limit=20, deterministic=False), time.monotonic())
    free = sketch(pm, budget, 0.2)
    finish = max(max(slots) for slots in free.slots.values()) + 1
    capped = sketch(pm, budget, 0.4, finish - 2)
    assert capped.slots is not None
    assert max(max(slots) for slots in capped.slots.values()) < finish - 2


def test_an_outline_search_that_finds_no_answer_starts_again_from_the_table_in_hand():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=1)))
    table = hand_tables(pm.grid)[0]

    def tight() -> Budget:  # too little work for the search on its own to find an answer
        return Budget(PlanOptions(time_limit=60, work_limit=0.15), time.monotonic())

    assert sketch(pm, tight(), 0.5).slots is None
    assert sketch(pm, tight(), 0.5, start=table).slots is not None


def test_a_table_that_ends_after_the_outline_finish_is_no_start():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=1)))
    table = hand_tables(pm.grid)[0]
    outline = Outline(pm)
    outline.end_within(0, max(s for _, s in table) - 1)
    assert not outline.hint(table, Budget(PlanOptions(time_limit=10), time.monotonic()))


def _answer(pm):
    return sketch(pm, Budget(PlanOptions(time_limit=20), time.monotonic()), 0.5)  # the same answer on every run


def test_an_outline_answer_realised_keeps_each_body_to_the_slots_it_gives_it():
    pm = PlanModel(build_grid(recipe_session(2, 6, 100, seed=1)))
    answer = _answer(pm)
    realised = realise(pm, answer.slots, Budget(PlanOptions(time_limit=20), time.monotonic()))
    for task, s in realised:
        for body in pm.grid.tasks[task].bodies:
            assert s in answer.slots[body]


def test_an_outline_answer_realised_keeps_every_rule():
    session = recipe_session(2, 6, 100, seed=2)
    pm = PlanModel(build_grid(session))
    realised = realise(pm, _answer(pm).slots, Budget(PlanOptions(time_limit=20), time.monotonic()))
    assert check(session, programme_from_values(pm.grid, realised)) == []


def test_an_outline_answer_is_not_realised_under_limits_that_the_cuts_do_not_check():
    session = recipe_session(2, 6, 100, seed=1)
    limited = dataclasses.replace(session, rules=dataclasses.replace(session.rules, interpreted_meetings_total=200))
    pm = PlanModel(build_grid(limited))
    assert realise(pm, _answer(pm).slots, Budget(PlanOptions(time_limit=20), time.monotonic())) is None

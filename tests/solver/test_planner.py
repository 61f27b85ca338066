"""The planner drafts programmes that keep every rule and match what secretariats published."""

import dataclasses
import datetime as dt

import pytest

from solver import PlanOptions, Weights, check, evaluate, plan
from solver.problem import AvoidParallel, ForbiddenSlot, InterpreterTeams, Room
from tests.helpers.sessions import session

CASES = ["cop10", "wg2_wg3"]


def _cells_without_headings(loaded, programme):
    headings = {i.ref for i in loaded.session.agenda if i.heading}
    return {
        key: tuple(c for c in codes if (key[2], c) not in headings)
        for key, codes in programme.cells().items()
    }


@pytest.mark.parametrize("case", CASES)
def test_draft_keeps_every_rule(case, request):
    loaded = request.getfixturevalue(case)
    result = plan(loaded.session)
    assert result.status == "optimal"
    assert check(loaded.session, result.programme) == []


@pytest.mark.parametrize("case", CASES)
def test_draft_scores_no_worse_than_the_published_programme(case, request):
    loaded = request.getfixturevalue(case)
    published = evaluate(loaded.session, loaded.programme)
    assert plan(loaded.session).objective <= published.objective


@pytest.mark.parametrize("case", CASES)
def test_draft_with_published_estimates_reproduces_the_published_table(case, request):
    loaded = request.getfixturevalue(case)
    draft = plan(loaded.session).programme
    # Secretariats print a heading with its first sub-item only sometimes; compare the items.
    assert _cells_without_headings(loaded, draft) == _cells_without_headings(loaded, loaded.programme)


def test_joint_opening_and_one_groups_own_item_share_one_meeting(wg2_wg3):
    monday = plan(wg2_wg3.session).programme.meetings[0]
    assert monday.bodies == ("wg3", "wg2")
    assert [(t.body, t.code, t.minutes) for t in monday.items if t.minutes] == [
        ("wg3", "1(a)", 15), ("wg3", "1(b)", 15), ("wg3", "2", 150), ("wg2", "1(a)", 15), ("wg2", "1(b)", 15),
    ]


def test_item_that_goes_on_from_an_earlier_meeting_is_marked_continued(cop10):
    meetings = plan(cop10.session).programme.meetings
    assert [(t.code, t.continued) for t in meetings[1].items] == [("1(f)", True)]


def test_heading_prints_before_its_first_sub_item(cop10):
    tuesday = plan(cop10.session).programme.meetings[2]
    assert [t.code for t in tuesday.items] == ["2", "2(a)", "2(b)", "2(c)"]


def test_same_seed_gives_the_same_programme(wg2_wg3):
    assert plan(wg2_wg3.session, PlanOptions(seed=7)).programme == plan(wg2_wg3.session, PlanOptions(seed=7)).programme


def test_result_reports_each_objective_term(cop10):
    result = plan(cop10.session)
    assert sum(term["cost"] for term in result.breakdown.values()) == result.objective
    assert result.breakdown["splits"]["value"] == 3  # 1(f) and the reserved plenary block split
    assert result.bound == result.objective


def test_progress_callback_sees_improving_solutions(wg2_wg3):
    seen = []
    plan(wg2_wg3.session, PlanOptions(progress=seen.append))
    assert seen and seen[-1].objective >= seen[-1].bound


def test_exclusive_item_has_no_parallel_meeting():
    loaded = session()
    programme = plan(loaded.session).programme
    opening = next(m for m in programme.meetings if "1" in [t.code for t in m.items])
    assert [m for m in programme.meetings if (m.date, m.slot) == (opening.date, opening.slot)] == [opening]


def test_parallel_meetings_stay_within_interpreted_at_once():
    loaded = session(rules={"interpreted_at_once": 1})
    programme = plan(loaded.session).programme
    slots = [(m.date, m.slot) for m in programme.meetings]
    assert len(slots) == len(set(slots))


def test_body_meets_only_inside_its_window():
    base = session()
    cow = dataclasses.replace(base.session.body("cow"), window_from=dt.date(2024, 3, 6))
    problem = dataclasses.replace(base.session, bodies=(base.session.body("plenary"), cow))
    programme = plan(problem).programme
    assert {m.date for m in programme.meetings if "cow" in m.bodies} == {dt.date(2024, 3, 6)}


def test_forbidden_slot_stays_empty():
    base = session()
    forbidden = ForbiddenSlot(dt.date(2024, 3, 4), dt.time(15, 0))
    problem = dataclasses.replace(base.session, rules=dataclasses.replace(base.session.rules, forbidden=(forbidden,)))
    programme = plan(problem).programme
    assert not [m for m in programme.meetings if (m.date, m.slot) == (dt.date(2024, 3, 4), dt.time(15, 0))]


def test_pairs_to_avoid_in_parallel_are_kept_apart_when_possible():
    base = session()
    rule = AvoidParallel("plenary:2", "cow", weight=50)
    problem = dataclasses.replace(base.session, rules=dataclasses.replace(base.session.rules, avoid_parallel=(rule,)))
    result = plan(problem)
    assert result.breakdown["parallel"]["value"] == 0
    debate = {(m.date, m.slot) for m in result.programme.meetings if "2" in [t.code for t in m.items]}
    assert not debate & {(m.date, m.slot) for m in result.programme.meetings if "cow" in m.bodies}


def test_interpreter_teams_cap_meetings_per_day():
    base = session(rules={"interpreted_at_once": 2})
    teams = InterpreterTeams(teams=1, per_day=2, per_week=7)
    problem = dataclasses.replace(base.session, rules=dataclasses.replace(base.session.rules, interpreter_teams=teams))
    programme = plan(problem).programme
    per_day = {}
    for m in programme.meetings:
        per_day[m.date] = per_day.get(m.date, 0) + 1
    assert max(per_day.values()) <= 2
    assert sum(per_day.values()) <= 7


def test_interpreted_meetings_get_rooms_with_booths():
    base = session()
    rooms = (Room("M3", "Boardroom M3", booths=False), Room("B", "Plenary hall B", booths=True), Room("C", "Room C", booths=True))
    problem = dataclasses.replace(base.session, rooms=rooms)
    programme = plan(problem).programme
    assert {m.room for m in programme.meetings} <= {"B", "C"}
    assert check(problem, programme) == []


def test_preferred_order_is_a_soft_goal_with_its_own_term(wg2_wg3):
    problem = dataclasses.replace(wg2_wg3.session, rules=dataclasses.replace(wg2_wg3.session.rules, agenda_order="preferred"))
    result = plan(problem)
    assert result.breakdown["order"]["value"] == 0
    assert check(problem, result.programme) == []


def test_weights_change_the_cost_of_a_term(cop10):
    result = plan(cop10.session, PlanOptions(weights=Weights(splits=7)))
    assert result.breakdown["splits"]["cost"] == 7 * result.breakdown["splits"]["value"]


def test_bodies_to_keep_apart_may_still_meet_jointly(wg2_wg3):
    rule = AvoidParallel("wg3", "wg2", weight=5)
    problem = dataclasses.replace(wg2_wg3.session, rules=dataclasses.replace(wg2_wg3.session.rules, avoid_parallel=(rule,)))
    result = plan(problem)
    assert result.breakdown["parallel"]["value"] == 0
    assert check(problem, result.programme) == []


def test_same_seed_gives_the_same_programme_even_when_the_limit_stops_the_search():
    from bench.recipe import recipe_session

    # Seed 0: the outline proves seed 1's draft optimal within this budget since 2026-12-06.
    problem = recipe_session(2, 6, 100, seed=0)
    # A work budget far within the wall limit, so that on a busy machine too the work ends the search.
    first, second = (plan(problem, PlanOptions(seed=3, time_limit=20, work_limit=0.3)) for _ in range(2))
    assert first.status == "feasible" and first.deterministic
    assert first.programme == second.programme and first.objective == second.objective

"""Re-planning after a change keeps what it can of the published programme and lists what moved."""

import dataclasses
import datetime as dt

from solver import check, plan
from solver.problem import ForbiddenSlot
from tests.helpers.sessions import session

WEDNESDAY = dt.date(2022, 5, 25)


def _with_estimate(problem, body, code, minutes):
    agenda = tuple(dataclasses.replace(i, minutes=minutes) if i.ref == (body, code) else i for i in problem.agenda)
    return dataclasses.replace(problem, agenda=agenda)


def _before(programme, day):
    return [m for m in programme.meetings if m.date < day]


def test_longer_estimate_moves_only_meetings_after_it(wg2_wg3):
    changed = _with_estimate(wg2_wg3.session, "wg2", "5", 90)
    result = plan(changed, reference=wg2_wg3.programme)
    assert result.status == "optimal"
    assert check(changed, result.programme) == []
    assert result.changes and all(c.date >= "2022-05-26" for c in result.changes)


def test_lost_half_day_shifts_the_rest_and_keeps_the_start(wg2_wg3):
    lost = ForbiddenSlot(WEDNESDAY, dt.time(15, 0))
    changed = dataclasses.replace(wg2_wg3.session, rules=dataclasses.replace(wg2_wg3.session.rules, forbidden=(lost,)))
    result = plan(changed, reference=wg2_wg3.programme)
    assert check(changed, result.programme) == []
    assert [m.items for m in _before(result.programme, WEDNESDAY)] == [m.items for m in _before(plan(wg2_wg3.session).programme, WEDNESDAY)]
    assert not [m for m in result.programme.meetings if (m.date, m.slot) == (WEDNESDAY, dt.time(15, 0))]
    assert {c.kind for c in result.changes} >= {"removed"}


def test_turning_hybrid_caps_meetings_and_lists_each_change():
    loaded = session()
    published = plan(loaded.session).programme
    hybrid = dataclasses.replace(loaded.session, format="hybrid")
    result = plan(hybrid, reference=published)
    assert check(hybrid, result.programme) == []
    assert all(sum(t.minutes for t in m.items if t.minutes) <= 120 for m in result.programme.meetings)
    assert result.changes and all(c.describe() for c in result.changes)


def test_unchanged_session_replans_to_the_same_programme(cop10):
    result = plan(cop10.session, reference=cop10.programme)
    assert result.changes == ()
    assert result.breakdown["moved"]["value"] == 0

"""For any small session: the planner never fails, its draft keeps every rule, and 'no' comes with a reason."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.sessionfile import SessionFileError, parse
from solver import PlanOptions, check, plan

MINUTES = st.sampled_from([15, 30, 60, 90, 120, 180, 240, 400])


@st.composite
def session_files(draw):
    n = draw(st.integers(1, 3))
    bodies = [{"key": f"b{i}", "name_en": f"Body {i}", "interpreted": draw(st.booleans())} for i in range(n)]
    if n > 1 and draw(st.booleans()):
        bodies[1]["window"] = {"from": "2024-03-05", "to": "2024-03-06"}
    agenda = []
    for b in bodies:
        for j in range(draw(st.integers(1, 4))):
            agenda.append({"code": str(j + 1), "body": b["key"], "minutes": draw(MINUTES), "title_en": "Item", "exclusive": draw(st.booleans()) and j == 0})
    if n > 1 and draw(st.booleans()):
        first, second = agenda[0], next(i for i in agenda if i["body"] == "b1")
        first["joint_with"] = {"b1": second["code"]}
        second["minutes"] = first["minutes"]
    rules = {
        "interpreted_at_once": draw(st.sampled_from([None, 1, 2])),
        "agenda_order": draw(st.sampled_from(["strict", "preferred"])),
        "interpreted_meetings_total": draw(st.sampled_from([None, 3, 8])),
    }
    if draw(st.booleans()):
        rules["interpreter_teams"] = {"teams": 1, "per_day": 2, "per_week": 5}
    if draw(st.booleans()):
        rules["pins"] = [{"body": agenda[-1]["body"], "code": agenda[-1]["code"], "date": "2024-03-05", "slot": "10:00"}]
    if draw(st.booleans()):
        rules["forbidden"] = [{"date": "2024-03-04", "slot": "15:00"}]
    if n > 1 and draw(st.booleans()):
        rules["avoid_parallel"] = [{"first": "b0", "second": "b1", "weight": 5}]
    data = {
        "session": {"name_en": "Generated", "timezone": "Europe/Vienna", "first_day": "2024-03-04", "last_day": "2024-03-06",
                    "format": draw(st.sampled_from(["in_person", "hybrid"]))},
        "slots": [{"start": "10:00", "end": "13:00"}, {"start": "15:00", "end": "18:00"}],
        "bodies": bodies,
        "agenda": agenda,
        "rules": rules,
    }
    if draw(st.booleans()):
        data["rooms"] = [{"key": "A", "booths": True}, {"key": "B", "booths": False}]
    return data


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(session_files())
def test_plan_answers_every_session_with_a_valid_draft_or_a_reason(data):
    try:
        loaded = parse(data)
    except SessionFileError:
        return
    result = plan(loaded.session, PlanOptions(time_limit=5))
    assert result.status in ("optimal", "feasible", "infeasible")
    if result.programme is not None:
        assert check(loaded.session, result.programme) == []
    else:
        assert result.conflicts and all(c.message for c in result.conflicts)

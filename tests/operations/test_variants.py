"""Variants: solved under their own parameters, edited by hand, every edit re-checked, re-planned from where they are."""

import datetime as dt

import pytest
from pydantic import TypeAdapter

from service.drafts import Edit, ParamsError, VariantParams, apply, assess, draft_of, edit, params_of, replan, solve

EDIT = TypeAdapter(Edit)
D = dt.date.fromisoformat


def _edit(data):
    return EDIT.validate_python(data)


def _cells(programme, body):
    return {(m.date.isoformat(), f"{m.slot:%H:%M}"): [t.code for t in m.items_of(body)] for m in programme.meetings if body in m.bodies}


@pytest.fixture(scope="module")
def wg_draft(wg2_wg3):
    return solve(wg2_wg3.session, VariantParams())


def test_solving_with_default_parameters_keeps_every_rule(wg2_wg3, wg_draft):
    assert wg_draft.status == "optimal"
    assert wg_draft.violations == ()
    assert set(wg_draft.breakdown) >= {"splits", "finish"}


def test_in_person_variant_of_the_hybrid_cop_may_hold_longer_meetings(cop10):
    params = params_of({"format": "in_person", "rules": {"max_meeting_minutes": None},
                        "slots": [{"start": "10:00", "end": "13:00"}, {"start": "15:00", "end": "18:00"}]})
    draft = solve(cop10.session, params)
    assert draft.status == "optimal"
    assert {f"{m.slot:%H:%M}" for m in draft.programme.meetings} <= {"10:00", "15:00"}
    assert max(sum(t.minutes for t in m.items) for m in draft.programme.meetings) > 120


def test_rule_overrides_keep_only_what_was_set_when_stored():
    assert VariantParams.model_validate({"rules": {"interpreted_at_once": None}}).dump()["rules"] == {"interpreted_at_once": None}


def test_weights_name_only_objective_terms():
    with pytest.raises(ParamsError) as e:
        params_of({"weights": {"speed": 3}})
    assert e.value.errors[0].path.startswith("weights")


def test_estimate_of_an_unknown_item_is_refused_naming_it(cop10):
    with pytest.raises(ParamsError) as e:
        apply(cop10.session, params_of({"estimates": [{"body": "plenary", "code": "99", "minutes": 30}]}))
    assert (e.value.errors[0].path, e.value.errors[0].reason) == ("estimates[0]", "plenary has no agenda item '99'")


def test_the_published_programme_assessed_as_a_variant_keeps_every_rule(wg2_wg3):
    draft = assess(wg2_wg3.session, VariantParams(), wg2_wg3.programme, status="copied")
    assert draft.violations == ()
    assert draft.objective is not None


def test_moving_an_item_out_of_agenda_order_is_kept_with_its_violation(wg2_wg3, wg_draft):
    moved = edit(wg2_wg3.session, wg_draft, _edit({
        "kind": "move_item", "body": "wg2", "code": "4", "from": {"date": "2022-05-26", "slot": "10:00"}, "to": {"date": "2022-05-26", "slot": "15:00"}}))
    assert moved.status == "edited"
    assert _cells(moved.programme, "wg2")[("2022-05-26", "15:00")][0] == "4"
    assert [v.rule for v in moved.violations] == ["order"]
    assert moved.objective is None


def test_moving_a_joint_item_moves_both_groups_and_its_heading(wg2_wg3, wg_draft):
    moved = edit(wg2_wg3.session, wg_draft, _edit({
        "kind": "move_item", "body": "wg2", "code": "1(a)", "from": {"date": "2022-05-23", "slot": "10:00"}, "to": {"date": "2022-05-23", "slot": "15:00"}}))
    afternoon = next(m for m in moved.programme.meetings if m.date == D("2022-05-23") and f"{m.slot:%H:%M}" == "15:00")
    assert afternoon.bodies == ("wg3", "wg2")
    assert {(t.body, t.code) for t in afternoon.items} >= {("wg3", "1"), ("wg3", "1(a)"), ("wg2", "1(a)")}


def test_moving_a_meeting_into_a_slot_its_body_already_holds_is_a_violation(cop10):
    draft = solve(cop10.session, VariantParams())
    moved = edit(cop10.session, draft, _edit({
        "kind": "move_meeting", "meeting": {"date": "2020-10-13", "slot": "16:00", "body": "plenary"}, "to": {"date": "2020-10-13", "slot": "12:00"}}))
    assert "body_once_per_slot" in {v.rule for v in moved.violations}


def test_moving_a_meeting_to_an_empty_slot_that_keeps_the_rules_is_scored(cop10):
    draft = assess(cop10.session, VariantParams(), cop10.programme)
    moved = edit(cop10.session, draft, _edit({
        "kind": "move_meeting", "meeting": {"date": "2020-10-12", "slot": "16:00", "body": "plenary"}, "to": {"date": "2020-10-12", "slot": "16:00"}}))
    assert moved.violations == () and moved.objective == draft.objective


def test_swapping_two_meetings_exchanges_their_slots(cop10):
    draft = assess(cop10.session, VariantParams(), cop10.programme)
    swapped = edit(cop10.session, draft, _edit({
        "kind": "swap_meetings", "first": {"date": "2020-10-15", "slot": "12:00", "body": "plenary"},
        "second": {"date": "2020-10-14", "slot": "16:00", "body": "plenary"}}))
    cells = _cells(swapped.programme, "plenary")
    assert cells[("2020-10-15", "12:00")] == ["4", "5"] and cells[("2020-10-14", "16:00")] == ["P"]
    assert "order" in {v.rule for v in swapped.violations}


def test_an_edit_naming_a_meeting_that_does_not_exist_is_refused(cop10):
    draft = assess(cop10.session, VariantParams(), cop10.programme)
    with pytest.raises(ParamsError) as e:
        edit(cop10.session, draft, _edit({
            "kind": "move_meeting", "meeting": {"date": "2020-10-17", "slot": "12:00", "body": "plenary"}, "to": {"date": "2020-10-16", "slot": "12:00"}}))
    assert e.value.errors[0].path == "meeting"


def test_a_pin_the_programme_does_not_keep_shows_as_a_violation(cop10):
    draft = assess(cop10.session, VariantParams(), cop10.programme)
    pinned = edit(cop10.session, draft, _edit({"kind": "pin", "body": "plenary", "code": "3", "date": "2020-10-15", "slot": "12:00"}))
    assert [v.rule for v in pinned.violations] == ["pin"]
    assert len(pinned.params.pins) == 1


def test_a_larger_estimate_that_no_longer_fits_shows_as_a_violation(cop10):
    draft = assess(cop10.session, VariantParams(), cop10.programme)
    longer = edit(cop10.session, draft, _edit({"kind": "estimate", "body": "plenary", "code": "5", "minutes": 240}))
    assert {v.rule for v in longer.violations} == {"meeting_length"}


def test_replanning_from_an_edited_draft_keeps_the_pin_and_moves_least(wg2_wg3):
    draft = assess(wg2_wg3.session, VariantParams(), wg2_wg3.programme)
    pinned = edit(wg2_wg3.session, draft, _edit({"kind": "pin", "body": "wg2", "code": "5", "date": "2022-05-26", "slot": "15:00"}))
    again = replan(wg2_wg3.session, pinned)
    assert again.status == "optimal" and again.violations == ()
    assert _cells(again.programme, "wg2")[("2022-05-26", "15:00")][0] == "5"
    assert len(again.changes) == 3


def test_replanning_when_a_pin_cannot_be_kept_names_the_conflict_and_keeps_the_programme(cop10):
    draft = assess(cop10.session, VariantParams(), cop10.programme)
    pinned = edit(cop10.session, draft, _edit({"kind": "pin", "body": "plenary", "code": "P", "date": "2020-10-15", "slot": "16:00"}))
    again = replan(cop10.session, pinned)
    assert again.status == "infeasible"
    assert again.conflicts and again.programme == pinned.programme


def test_replanning_the_joint_meetings_of_2022_leaves_the_published_programme_as_it_is(wg2_wg3):
    draft = assess(wg2_wg3.session, VariantParams(), wg2_wg3.programme)
    again = replan(wg2_wg3.session, draft)
    assert again.status == "optimal"
    assert again.changes == ()


def test_a_stored_draft_reads_back_as_it_was_written(cop10):
    draft = edit(cop10.session, assess(cop10.session, VariantParams(), cop10.programme),
                 _edit({"kind": "pin", "body": "plenary", "code": "3", "date": "2020-10-15"}))
    back = draft_of(draft.params.dump(), draft.programme, draft.result())
    assert back == draft

"""The JSON export of a programme: contents the CLI promises, and the committed JSON Schema."""

import datetime as dt
import json

import jsonschema
import pytest

from service.exports import render
from tests.helpers import ROOT

SCHEMA = json.loads((ROOT / "openapi" / "programme.schema.json").read_text())
META = {"status": "published", "objective": 12.5, "version": 3, "generated_at": dt.datetime(2022, 5, 1, 9, 0, tzinfo=dt.UTC)}


def _doc(case, lang="en", meta=META):
    return json.loads(render("json", case.session, case.programme, lang, meta))


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_both_cases_validate_against_the_committed_schema(cop10, wg2_wg3, lang):
    for case in (cop10, wg2_wg3):
        jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(_doc(case, lang))


def test_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_meetings_carry_local_start_and_end_with_the_session_offset(cop10):
    first = _doc(cop10)["meetings"][0]
    assert (first["date"], first["slot"]) == ("2020-10-12", "12:00")
    assert (first["start"], first["end"]) == ("2020-10-12T12:00:00+02:00", "2020-10-12T14:00:00+02:00")


def test_a_joint_meeting_is_one_meeting_of_both_bodies_with_a_stable_id(wg2_wg3):
    monday = _doc(wg2_wg3)["meetings"][0]
    assert monday["bodies"] == ["wg3", "wg2"]
    assert monday["id"] == "2022-05-23T1000-wg3+wg2"
    assert [(i["body"], i["code"]) for i in monday["items"]] == [
        ("wg3", "1(a)"), ("wg3", "1(b)"), ("wg3", "2"), ("wg2", "1(a)"), ("wg2", "1(b)"),
    ]


def test_items_say_whether_they_continue_and_how_many_minutes_they_take(wg2_wg3):
    afternoon = _doc(wg2_wg3)["meetings"][1]
    assert afternoon["items"] == [
        {"body": "wg3", "code": "2", "title": "Transfer of sentenced persons (article 17 of the Organized Crime Convention)",
         "reserved": False, "minutes": None, "continued": True}
    ]


def test_meta_is_carried_as_given(cop10):
    doc = _doc(cop10)
    assert (doc["status"], doc["objective"], doc["version"], doc["generated_at"]) == (
        "published", 12.5, 3, "2022-05-01T09:00:00+00:00",
    )


def test_gap_follows_from_the_objective_and_the_bound(cop10):
    doc = _doc(cop10, meta={"status": "feasible", "objective": 1500, "bound": 1200})
    assert (doc["objective"], doc["bound"], doc["gap"]) == (1500, 1200, 0.2)


def test_without_meta_status_and_objective_are_null_and_the_time_is_now(cop10):
    doc = _doc(cop10, meta=None)
    assert doc["status"] is None and doc["objective"] is None
    assert dt.datetime.fromisoformat(doc["generated_at"]) > dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)


def test_names_and_titles_are_in_the_requested_language(cop10):
    doc = _doc(cop10, "zh")
    assert doc["bodies"][0]["name"] == "全体会议"
    assert doc["meetings"][0]["items"][0]["title"] == "会议开幕"


def test_unknown_meta_keys_are_refused(cop10):
    with pytest.raises(ValueError, match="unknown meta keys: colour"):
        _doc(cop10, meta={"colour": "red"})

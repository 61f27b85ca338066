"""schedule.json and schedule.xml for conference apps: valid against the c3voc schemas, one event per meeting."""

import json

import jsonschema
import pytest
import xmlschema

from service.exports.frab import render_schedule_json, render_schedule_xml, schedule_dict
from tests.helpers import FIXTURES

FRAB = FIXTURES / "frab"
JSON_SCHEMA = json.loads((FRAB / "schedule.schema.json").read_text(encoding="utf-8"))
XSD = xmlschema.XMLSchema(FRAB / "schedule.xml.xsd")
BASE = "https://podium.example.org"


def _args(case, lang="en"):
    return (case.session, 7, case.programme, 3, lang, BASE)


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_schedule_json_is_valid_against_the_c3voc_schema(cop10, wg2_wg3, lang):
    for case in (cop10, wg2_wg3):
        jsonschema.Draft7Validator(JSON_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(json.loads(render_schedule_json(*_args(case, lang))))


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_schedule_xml_is_valid_against_the_c3voc_xsd(cop10, wg2_wg3, lang):
    for case in (cop10, wg2_wg3):
        XSD.validate(render_schedule_xml(*_args(case, lang)))


def test_each_meeting_is_one_event_on_its_day(wg2_wg3):
    days = schedule_dict(*_args(wg2_wg3))["schedule"]["conference"]["days"]
    assert sum(len(events) for d in days for events in d["rooms"].values()) == len(wg2_wg3.programme.meetings)


def test_an_event_starts_at_the_slot_in_local_time_and_lasts_the_slot(cop10):
    day = schedule_dict(*_args(cop10))["schedule"]["conference"]["days"][0]
    event = next(iter(day["rooms"].values()))[0]
    assert (event["date"], event["start"], event["duration"]) == ("2020-10-12T12:00:00+02:00", "12:00", "02:00")


def test_a_joint_meeting_is_one_event_titled_by_both_bodies_listing_a_joint_item_once(wg2_wg3):
    day = schedule_dict(*_args(wg2_wg3))["schedule"]["conference"]["days"][0]
    joint = next(iter(day["rooms"].values()))[0]
    assert joint["title"] == "Working Group on International Cooperation + Working Group of Government Experts on Technical Assistance"
    assert joint["description"].splitlines() == [
        "1(a) Opening of the meeting", "1(b) Adoption of the agenda and organization of work",
        "2 Transfer of sentenced persons (article 17 of the Organized Crime Convention)",
    ]


def test_the_same_meeting_keeps_its_guid_from_version_to_version(cop10):
    first = schedule_dict(*_args(cop10))["schedule"]["conference"]["days"][0]
    later = schedule_dict(cop10.session, 7, cop10.programme, 9, "fr", BASE)["schedule"]["conference"]["days"][0]
    assert [e["guid"] for r in first["rooms"].values() for e in r] == [e["guid"] for r in later["rooms"].values() for e in r]


def test_the_conference_is_named_by_its_first_symbol(cop10):
    assert schedule_dict(*_args(cop10))["schedule"]["conference"]["acronym"] == "ctoc_cop_2020_1"


def test_the_schemas_do_refuse_an_event_without_its_guid(cop10):
    doc = schedule_dict(*_args(cop10))
    del next(iter(doc["schedule"]["conference"]["days"][0]["rooms"].values()))[0]["guid"]
    with pytest.raises(jsonschema.ValidationError, match="'guid' is a required property"):
        jsonschema.Draft7Validator(JSON_SCHEMA).validate(doc)
    xml = render_schedule_xml(*_args(cop10))
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        XSD.validate(xml.replace(' guid="', ' gid="', 2))

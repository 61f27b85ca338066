"""Variants, versions and renderings over HTTP: solve, copy, edit (re-checked), re-plan, compare, publish, change log."""

import io
import xml.etree.ElementTree as ET

import docx
import pytest

from service.exports.changelog import ATOM
from tests.helpers.apiclient import errors, import_example
from tests.helpers.jobcases import run_jobs, solved_variant

MOVE_MEETING = {"kind": "move_meeting", "meeting": {"date": "2020-10-15", "slot": "12:00", "body": "plenary"}, "to": {"date": "2020-10-14", "slot": "16:00"}}
SWAP = {"kind": "swap_meetings", "first": {"date": "2020-10-15", "slot": "12:00", "body": "plenary"},
        "second": {"date": "2020-10-14", "slot": "16:00", "body": "plenary"}}


@pytest.fixture
def cop(client):
    return import_example(client, "cop10-2020.yaml")


def _variant(client, sid, **body):
    """A copy or a variant from a version (made at once, 201), or a solve (a job, run here)."""
    if "copy_of" not in body and "version" not in body:
        return solved_variant(client, sid, **body)
    response = client.post(f"/sessions/{sid}/variants", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_solve_is_queued_as_a_job_and_the_variant_waits_for_it(client, cop):
    response = client.post(f"/sessions/{cop}/variants", json={"name": "draft", "params": {"time_limit": 1}})
    assert response.status_code == 202 and response.headers["location"] == f"/jobs/{response.json()['id']}"
    assert response.json()["state"] == "queued"
    waiting = client.get(f"/sessions/{cop}/variants/{response.json()['variant_id']}").json()
    assert (waiting["status"], waiting["programme"]) == ("queued", None)


def test_a_solved_variant_is_stored_with_its_objective_by_term(client, cop):
    v = _variant(client, cop, name="draft")
    assert v["status"] == "optimal" and v["violations"] == []
    assert client.get(f"/sessions/{cop}/variants/{v['id']}").json()["breakdown"] == v["breakdown"]
    assert client.get(f"/sessions/{cop}/variants").json()["total"] == 1


def test_a_variant_from_the_published_version_is_checked_and_scored(client, cop):
    v = _variant(client, cop, name="as published", version=1)
    assert (v["status"], v["violations"]) == ("copied", [])
    assert len(v["programme"]) == 10


def test_a_copy_keeps_the_programme_and_parameters(client, cop):
    first = _variant(client, cop, name="in person", params={"format": "in_person", "rules": {"max_meeting_minutes": None}})
    copy = _variant(client, cop, name="copy", copy_of=first["id"])
    assert (copy["programme"], copy["params"]) == (first["programme"], first["params"])


def test_a_second_variant_of_the_same_name_is_a_conflict(client, cop):
    _variant(client, cop, name="draft")
    response = client.post(f"/sessions/{cop}/variants", json={"name": "draft"})
    assert response.status_code == 409 and errors(response) == [("name", "a variant named 'draft' exists")]


def test_parameters_naming_an_unknown_item_are_refused_with_their_path(client, cop):
    response = client.post(f"/sessions/{cop}/variants", json={"name": "x", "params": {"estimates": [{"body": "plenary", "code": "42", "minutes": 5}]}})
    assert response.status_code == 422 and errors(response) == [("params.estimates[0]", "plenary has no agenda item '42'")]


def test_unknown_variant_and_session_are_404(client, cop):
    assert client.get(f"/sessions/{cop}/variants/99").status_code == 404
    assert client.get("/sessions/99/variants").status_code == 404


def test_an_edit_that_breaks_rules_is_refused_naming_them_and_nothing_changes(client, cop):
    v = _variant(client, cop, name="as published", version=1)
    response = client.post(f"/sessions/{cop}/variants/{v['id']}/edits", json={"edit": SWAP})
    assert response.status_code == 409
    assert {path for path, _ in errors(response)} == {"violations[order]"}
    assert client.get(f"/sessions/{cop}/variants/{v['id']}").json()["programme"] == v["programme"]


def test_an_edit_that_breaks_rules_is_kept_with_its_violations_when_accepted(client, cop):
    v = _variant(client, cop, name="as published", version=1)
    response = client.post(f"/sessions/{cop}/variants/{v['id']}/edits", json={"edit": SWAP, "accept_violations": True})
    assert response.status_code == 200
    assert response.json()["status"] == "edited" and {x["rule"] for x in response.json()["violations"]} == {"order"}


def test_an_edit_naming_no_meeting_is_refused_with_the_field(client, cop):
    v = _variant(client, cop, name="as published", version=1)
    bad = {**MOVE_MEETING, "meeting": {"date": "2020-10-15", "slot": "09:00", "body": "plenary"}}
    response = client.post(f"/sessions/{cop}/variants/{v['id']}/edits", json={"edit": bad})
    assert response.status_code == 422 and errors(response)[0][0] == "edit.meeting"


def test_an_edit_of_unknown_kind_is_a_422(client, cop):
    v = _variant(client, cop, name="as published", version=1)
    response = client.post(f"/sessions/{cop}/variants/{v['id']}/edits", json={"edit": {"kind": "teleport"}})
    assert response.status_code == 422


def test_replan_from_an_edited_variant_restores_the_rules(client, cop):
    v = _variant(client, cop, name="as published", version=1)
    client.post(f"/sessions/{cop}/variants/{v['id']}/edits", json={"edit": SWAP, "accept_violations": True})
    response = client.post(f"/sessions/{cop}/variants/{v['id']}/replan")
    assert response.status_code == 202 and response.json()["replan"] is True
    run_jobs(client)
    replanned = client.get(f"/sessions/{cop}/variants/{v['id']}").json()
    assert replanned["violations"] == [] and replanned["changes"]


@pytest.mark.parametrize("fmt, media", [("text", "text/plain"), ("md", "text/markdown"), ("html", "text/html"), ("json", "application/json")])
def test_a_variant_renders_in_every_text_format(client, cop, fmt, media):
    v = _variant(client, cop, name="draft")
    response = client.get(f"/sessions/{cop}/variants/{v['id']}/programme", params={"format": fmt, "lang": "zh"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert "一般性讨论" in response.text


def test_a_version_renders_as_a_word_table(client, cop):
    response = client.get(f"/sessions/{cop}/versions/1/programme", params={"format": "docx"})
    table = docx.Document(io.BytesIO(response.content)).tables[0]
    assert "General discussion" in "".join(c.text for row in table.rows for c in row.cells)


def test_the_accept_header_chooses_the_format_without_a_query(client, cop):
    response = client.get(f"/sessions/{cop}/programme", headers={"accept": "text/html"})
    assert response.headers["content-type"].startswith("text/html")


def test_an_unknown_format_or_language_is_a_422(client, cop):
    assert client.get(f"/sessions/{cop}/programme", params={"format": "odt"}).status_code == 422
    assert client.get(f"/sessions/{cop}/programme", params={"lang": "de"}).status_code == 422


def test_comparison_marks_moved_items_and_gives_measures(client, cop):
    a = _variant(client, cop, name="as published", version=1)
    b = _variant(client, cop, name="swapped", copy_of=a["id"])
    client.post(f"/sessions/{cop}/variants/{b['id']}/edits", json={"edit": SWAP, "accept_violations": True})
    c = client.get(f"/sessions/{cop}/compare", params=[("variant", a["id"]), ("variant", b["id"])]).json()
    thursday = next(line for line in c["lines"] if (line["date"], line["slot"]) == ("2020-10-15", "12:00"))
    assert thursday["cells"][1]["marks"] == ["moved"]
    assert [m["order_deviations"] for m in c["measures"]] == [0, 1]
    assert c["measures"][0]["minutes_moved"] == 0


def test_comparing_one_variant_is_a_422(client, cop):
    a = _variant(client, cop, name="a", version=1)
    assert client.get(f"/sessions/{cop}/compare", params={"variant": a["id"]}).status_code == 422


def test_publishing_a_variant_makes_the_next_version_and_the_change_log_shows_it(client, cop):
    a = _variant(client, cop, name="room", version=1)
    client.post(f"/sessions/{cop}/variants/{a['id']}/edits", json={"edit": {**MOVE_MEETING, "meeting": {"date": "2020-10-12", "slot": "12:00", "body": "plenary"},
                                                                         "to": {"date": "2020-10-12", "slot": "12:00"}, "room": "M"}})
    response = client.post(f"/sessions/{cop}/versions", json={"variant_id": a["id"], "note": "Opening in room M"})
    assert response.status_code == 201 and response.json()["number"] == 2
    assert [v["note"] for v in client.get(f"/sessions/{cop}/versions").json()] == ["imported from the session file", "Opening in room M"]
    log = client.get(f"/sessions/{cop}/versions/1/changes/2").json()
    assert [(c["kinds"], c["after"]["room"]) for c in log["changes"]] == [(["room"], "M")]


def test_a_variant_that_breaks_the_session_rules_cannot_be_published(client, cop):
    a = _variant(client, cop, name="swapped", version=1)
    client.post(f"/sessions/{cop}/variants/{a['id']}/edits", json={"edit": SWAP, "accept_violations": True})
    response = client.post(f"/sessions/{cop}/versions", json={"variant_id": a["id"]})
    assert response.status_code == 409 and errors(response)[0][0] == "variant_id.violations[order]"
    assert len(client.get(f"/sessions/{cop}/versions").json()) == 1


def test_older_versions_stay_readable_at_their_own_urls(client, cop):
    a = _variant(client, cop, name="draft")
    client.post(f"/sessions/{cop}/versions", json={"variant_id": a["id"]})
    first, second = client.get(f"/sessions/{cop}/versions/1").json(), client.get(f"/sessions/{cop}/versions/2").json()
    assert all(t["minutes"] is None for m in first["programme"] for t in m["items"])
    assert any(t["minutes"] for m in second["programme"] for t in m["items"])
    assert client.get(f"/sessions/{cop}/versions/3").status_code == 404


def test_the_atom_feed_of_the_history_has_an_entry_per_version(client, cop):
    a = _variant(client, cop, name="draft")
    client.post(f"/sessions/{cop}/versions", json={"variant_id": a["id"], "note": "solved"})
    response = client.get(f"/sessions/{cop}/changes.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{{{ATOM}}}entry")
    assert [e.find(f"{{{ATOM}}}id").text.rsplit(":", 1)[1] for e in entries] == ["2", "1"]


def test_the_change_log_between_two_versions_is_also_atom(client, cop):
    a = _variant(client, cop, name="draft")
    client.post(f"/sessions/{cop}/versions", json={"variant_id": a["id"]})
    response = client.get(f"/sessions/{cop}/versions/1/changes/2", params={"format": "atom"})
    assert len(ET.fromstring(response.content).findall(f"{{{ATOM}}}entry")) == 1

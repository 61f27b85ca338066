"""The secretariat's workbench without a browser: a session set up through its forms, refusals in words."""

from __future__ import annotations

from tests.helpers import EXAMPLES
from tests.helpers.apiclient import import_example

NEW = {"name_en": "Commission on Narcotic Drugs, sixty-seventh session", "venue": "Vienna", "timezone": "Europe/Vienna",
       "first_day": "2024-03-14", "last_day": "2024-03-22", "format": "in_person", "symbols": "E/CN.7/2024/1",
       "working_days": ["monday", "tuesday", "wednesday", "thursday", "friday"]}


def _new(client) -> int:
    response = client.post("/ui/new", data=NEW, follow_redirects=False)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].split("/")[3])


def _setup(client, sid: int) -> None:
    for data in ({"start": "10:00", "end": "13:00"}, {"start": "15:00", "end": "18:00"}):
        assert client.post(f"/ui/sessions/{sid}/setup/parts/slots", data=data, follow_redirects=False).status_code == 303
    for key, name, kind in (("plenary", "Plenary", "plenary"), ("cow", "Committee of the Whole", "committee_of_the_whole")):
        data = {"full": "1", "key": key, "name_en": name, "kind": kind, "interpreted": "on"}
        assert client.post(f"/ui/sessions/{sid}/setup/parts/bodies", data=data, follow_redirects=False).status_code == 303


def test_a_new_session_is_created_from_the_form(client):
    sid = _new(client)
    page = client.get(f"/ui/sessions/{sid}/setup")
    assert page.status_code == 200 and "Commission on Narcotic Drugs" in page.text
    assert "no meeting slots yet" in page.text


def test_a_new_session_without_an_english_name_is_refused_in_words(client):
    response = client.post("/ui/new", data={**NEW, "name_en": ""})
    assert response.status_code == 422
    assert "English name" in response.text and "name_en" not in response.text.split("<main id=\"main\">")[1].split("<form")[0]


def test_the_timezone_is_chosen_from_the_iana_list(client):
    page = client.get("/ui/new").text
    assert 'list="zones"' in page and '<option value="Europe/Vienna">' in page


def test_a_pasted_agenda_is_shown_then_saved_and_another_language_fills_its_titles(client):
    sid = _new(client)
    _setup(client, sid)
    text = "1. Organizational matters:\n (a) Opening of the session;\n (b) Election of officers;\n2. Other matters."
    preview = client.post(f"/ui/sessions/{sid}/setup/paste", data={"body": "plenary", "lang": "en", "text": text, "minutes": "60"})
    assert preview.status_code == 200 and "Read 4 items" in preview.text
    saved = client.post(f"/ui/sessions/{sid}/setup/paste", data={"body": "plenary", "lang": "en", "text": text, "minutes": "60", "confirm": "1"},
                        follow_redirects=False)
    assert saved.status_code == 303
    zh = "1. 组织事项：\n (a) 会议开幕；\n (b) 选举主席团成员；\n2. 其他事项。"
    client.post(f"/ui/sessions/{sid}/setup/paste", data={"body": "plenary", "lang": "zh", "text": zh, "minutes": "60", "confirm": "1"})
    agenda = client.get(f"/sessions/{sid}/items").json()
    items = agenda["items"] if isinstance(agenda, dict) else agenda
    by_code = {i["code"]: i for i in items}
    assert by_code["1"]["heading"] and by_code["1(a)"]["title_zh"] == "会议开幕" and by_code["1(a)"]["title_en"] == "Opening of the session"
    assert by_code["2"]["minutes"] == 60


def test_the_feedback_says_when_a_body_has_not_enough_time(client):
    sid = _new(client)
    _setup(client, sid)
    client.post(f"/ui/sessions/{sid}/setup/parts/items", data={"full": "1", "body": "cow", "code": "1", "title_en": "Long", "hours": "80", "mins": "0"})
    page = client.get(f"/ui/sessions/{sid}/setup/agenda").text
    assert "Committee of the Whole needs 4800 minutes" in page


def test_an_item_without_time_is_refused_naming_the_field_in_words(client):
    sid = _new(client)
    _setup(client, sid)
    response = client.post(f"/ui/sessions/{sid}/setup/parts/items", data={"full": "1", "body": "cow", "code": "1", "title_en": "x"})
    assert response.status_code == 422 and "<strong>Estimated time</strong>" in response.text


def test_an_item_is_deleted_after_a_confirmation_page(client):
    sid = _new(client)
    _setup(client, sid)
    client.post(f"/ui/sessions/{sid}/setup/parts/items", data={"full": "1", "body": "cow", "code": "1", "title_en": "x", "mins": "30"})
    item = client.get(f"/sessions/{sid}/items").json()
    item_id = (item["items"] if isinstance(item, dict) else item)[0]["id"]
    confirm = client.get(f"/ui/sessions/{sid}/setup/parts/items/{item_id}/delete")
    assert confirm.status_code == 200 and "agenda item 1" in confirm.text
    assert client.post(f"/ui/sessions/{sid}/setup/parts/items/{item_id}/delete", follow_redirects=False).status_code == 303
    assert client.get(f"/ui/sessions/{sid}/setup/parts/items/{item_id}/delete").status_code == 404


def test_an_uploaded_file_is_previewed_and_a_stored_session_is_warned_of(client):
    import_example(client, "cop10-2020.yaml")
    raw = (EXAMPLES / "cop10-2020.yaml").read_bytes()
    preview = client.post("/ui/upload", files={"file": ("cop10.yaml", raw, "application/yaml")})
    assert preview.status_code == 200 and 'id="duplicate"' in preview.text and "It carries a programme" in preview.text


def test_a_broken_file_is_refused_in_words(client):
    response = client.post("/ui/upload", files={"file": ("x.yaml", b"session: [", "application/yaml")})
    assert response.status_code == 422 and "not valid YAML" in response.text


def test_the_session_file_downloads(client):
    sid = import_example(client, "cop10-2020.yaml")
    response = client.get(f"/ui/sessions/{sid}/setup/file")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"] and "agenda:" in response.text


def test_every_workbench_page_renders(client):
    sid = import_example(client, "cop10-2020.yaml")
    for tab in ("", "/slots", "/bodies", "/agenda", "/translations", "/rules"):
        assert client.get(f"/ui/sessions/{sid}/setup{tab}").status_code == 200, tab


def test_a_hybrid_session_shows_the_two_hour_cap_on_its_slots(client):
    response = client.post("/ui/new", data={**NEW, "format": "hybrid", "excluded_days": "2024-03-15"}, follow_redirects=False)
    sid = int(response.headers["location"].split("/")[3])
    client.post(f"/ui/sessions/{sid}/setup/parts/slots", data={"start": "10:00", "end": "13:00"})
    page = client.get(f"/ui/sessions/{sid}/setup/slots").text
    assert 'id="hybrid-cap"' in page and "a meeting here ends after 120" in page
    assert "Meeting days: 6" in page  # Friday 15 March is closed


def test_a_pin_outside_the_days_its_body_may_meet_is_said_in_words(client):
    sid = _new(client)
    _setup(client, sid)
    client.post(f"/ui/sessions/{sid}/setup/parts/items", data={"full": "1", "body": "cow", "code": "1", "title_en": "x", "hours": "1"})
    client.post(f"/ui/sessions/{sid}/setup/parts/pins", data={"item": "cow|1", "date": "2024-03-14", "mode": "starts"})
    bodies = client.get(f"/sessions/{sid}/bodies").json()
    cow = next(b for b in (bodies["items"] if isinstance(bodies, dict) else bodies) if b["key"] == "cow")
    client.post(f"/ui/sessions/{sid}/setup/parts/bodies/{cow['id']}", data={"window_from": "2024-03-18"})
    assert "pinned on Thursday 14 March, outside the days it may meet" in client.get(f"/ui/sessions/{sid}/setup/rules").text


def test_an_item_moves_up_among_its_bodys_items(client):
    sid = _new(client)
    _setup(client, sid)
    for code in ("A", "B"):
        client.post(f"/ui/sessions/{sid}/setup/parts/items", data={"full": "1", "body": "cow", "code": code, "title_en": code, "hours": "1"})
    listed = client.get(f"/sessions/{sid}/items").json()
    second = (listed["items"] if isinstance(listed, dict) else listed)[1]["id"]
    client.post(f"/ui/sessions/{sid}/setup/parts/items/{second}/move", data={"direction": "up"})
    listed = client.get(f"/sessions/{sid}/items").json()
    assert [i["code"] for i in sorted(listed["items"] if isinstance(listed, dict) else listed, key=lambda i: i["position"])] == ["B", "A"]


def test_an_infeasible_draft_shows_why_with_links_to_the_pages_and_can_be_deleted(client):
    from service.worker import WorkerConfig, work_once

    sid = _new(client)
    _setup(client, sid)
    client.post(f"/ui/sessions/{sid}/setup/parts/items", data={"full": "1", "body": "cow", "code": "1", "title_en": "Long", "hours": "80"})
    response = client.post(f"/ui/sessions/{sid}/setup/draft", data={"time_limit": "1"}, follow_redirects=False)
    assert response.status_code == 303
    work_once(client.app.state.sessionmaker, WorkerConfig(owner="test"))
    page = client.get(response.headers["location"]).text
    assert "Committee of the Whole needs 4800 minutes" in page and f"/ui/sessions/{sid}/setup/agenda" in page
    assert "Delete this variant" in page


def test_a_comparison_of_one_variant_is_a_page_in_words(client):
    sid = import_example(client, "cop10-2020.yaml")
    client.post(f"/ui/sessions/{sid}/variants", data={"name": "v", "source": "version:1"})
    response = client.get(f"/ui/sessions/{sid}/compare?variant=1")
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html") and "name two or more variants" in response.text


def test_a_body_keeps_its_names_in_the_six_languages(client):
    sid = _new(client)
    client.post(f"/ui/sessions/{sid}/setup/parts/bodies", data={"full": "1", "key": "cow", "name_en": "Committee of the Whole",
                                                               "name_fr": "Commission plénière", "kind": "committee_of_the_whole"})
    page = client.get(f"/ui/sessions/{sid}/setup/bodies").text
    assert 'value="Commission plénière"' in page and 'name="interpreted" checked' not in page.split('id="add-body"')[0]


def test_the_details_form_sets_how_many_approvals_publishing_needs(client):
    sid = _new(client)
    assert client.post(f"/ui/sessions/{sid}/setup", data={**NEW, "approvals_needed": "2"}, follow_redirects=False).status_code == 303
    assert client.get(f"/sessions/{sid}").json()["approvals_needed"] == 2
    assert 'name="approvals_needed"' in client.get(f"/ui/sessions/{sid}/setup").text

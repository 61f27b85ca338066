"""The pages without a browser: every form works without JavaScript, and bad input is shown, never a 500."""

import re

from tests.helpers.apiclient import csrf, import_example


def _session(client):
    return import_example(client, "cop10-2020.yaml")


def test_every_page_of_a_session_renders(client):
    sid = _session(client)
    for path in ("/ui", f"/ui/sessions/{sid}", f"/ui/sessions/{sid}/annex?lang=ru", f"/ui/sessions/{sid}/versions", f"/ui/sessions/{sid}/versions/1"):
        assert client.get(path).status_code == 200, path


def test_a_variant_made_from_a_form_redirects_to_its_page(client):
    sid = _session(client)
    response = client.post(f"/ui/sessions/{sid}/variants", data={**csrf(client), "name": "As published", "source": "version:1"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, f"/ui/sessions/{sid}/variants/1")


def test_a_variant_form_without_a_name_shows_the_field_at_fault(client):
    sid = _session(client)
    response = client.post(f"/ui/sessions/{sid}/variants", data={**csrf(client), "name": "", "source": "solve"})
    assert response.status_code == 422 and "<strong>Name</strong>" in response.text


def test_an_edit_form_with_a_bad_estimate_shows_the_field_at_fault(client):
    sid = _session(client)
    client.post(f"/ui/sessions/{sid}/variants", data={**csrf(client), "name": "v", "source": "version:1"})
    response = client.post(f"/ui/sessions/{sid}/variants/1/edit", data={**csrf(client), "kind": "estimate", "item": "plenary|3", "minutes": "many"})
    assert response.status_code == 422 and "<strong>Estimate, estimated time</strong>" in response.text


def test_an_edit_that_breaks_rules_offers_to_keep_it_with_the_same_fields(client):
    sid = _session(client)
    client.post(f"/ui/sessions/{sid}/variants", data={**csrf(client), "name": "v", "source": "version:1"})
    response = client.post(f"/ui/sessions/{sid}/variants/1/edit", data={**csrf(client),
        "kind": "swap_meetings", "first": "2020-10-15|12:00|plenary", "second": "2020-10-14|16:00|plenary"})
    assert response.status_code == 409
    assert 'id="keep-anyway"' in response.text and 'value="2020-10-15|12:00|plenary"' in response.text


def test_pages_of_unknown_sessions_and_versions_are_404(client):
    sid = _session(client)
    assert client.get("/ui/sessions/99").status_code == 404
    assert client.get(f"/ui/sessions/{sid}/versions/7").status_code == 404
    assert client.get(f"/ui/sessions/{sid}/compare", params={"variant": "x"}).status_code == 422


def test_a_refused_edit_shows_its_rules_in_words_and_no_green_box(client):
    sid = _session(client)
    client.post(f"/ui/sessions/{sid}/variants", data={"name": "v", "source": "version:1"})
    response = client.post(f"/ui/sessions/{sid}/variants/1/edit", data={
        "kind": "swap_meetings", "first": "2020-10-15|12:00|plenary", "second": "2020-10-14|16:00|plenary"})
    assert "violations[" not in response.text and "Rule “" in response.text
    assert "Keeps every rule" not in response.text


def test_a_variant_is_deleted_after_a_confirmation_page(client):
    sid = _session(client)
    client.post(f"/ui/sessions/{sid}/variants", data={"name": "v", "source": "version:1"})
    assert "Delete this variant" in client.get(f"/ui/sessions/{sid}/variants/1").text
    assert "the variant “v”" in client.get(f"/ui/sessions/{sid}/variants/1/delete").text
    assert client.post(f"/ui/sessions/{sid}/variants/1/delete", follow_redirects=False).status_code == 303
    assert client.get(f"/ui/sessions/{sid}/variants/1").status_code == 404


def test_a_comment_and_an_approval_from_the_forms_are_shown_on_the_variant_and_the_overview(client):
    sid = _session(client)
    client.post(f"/ui/sessions/{sid}/variants", data={"name": "v", "source": "version:1"})
    client.post(f"/ui/sessions/{sid}/variants/1/comments", data={"text": "Closing on Friday, please"})
    client.post(f"/ui/sessions/{sid}/variants/1/approvals")
    variant = client.get(f"/ui/sessions/{sid}/variants/1").text
    assert "Closing on Friday, please" in variant and "(current)" in variant
    assert "1 current approval(s) of 0 needed" in client.get(f"/ui/sessions/{sid}").text


def test_an_empty_comment_is_refused_in_words(client):
    sid = _session(client)
    client.post(f"/ui/sessions/{sid}/variants", data={"name": "v", "source": "version:1"})
    response = client.post(f"/ui/sessions/{sid}/variants/1/comments", data={"text": "  "})
    assert response.status_code == 422 and "write a comment" in response.text


def test_comparing_one_variant_answers_a_page_that_says_what_to_do(client):
    sid = _session(client)
    client.post(f"/ui/sessions/{sid}/variants", data={"name": "v", "source": "version:1"})
    response = client.get(f"/ui/sessions/{sid}/compare", params={"variant": "1"})
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert "Tick two or more variants" in response.text


def test_the_comparison_names_bodies_and_items_and_explains_its_measures(client):
    sid = _session(client)
    for name in ("a", "b"):
        client.post(f"/ui/sessions/{sid}/variants", data={"name": name, "source": "version:1"})
    page = client.get(f"/ui/sessions/{sid}/compare", params={"variant": ["1", "2"], "lang": "zh"}).text
    assert "<strong>全体会议</strong>" in page and "<strong>plenary</strong>" not in page
    assert "item_gaps" not in page and "body_gaps" not in page and "day_peak" not in page
    assert "同时举行的最多会议数" in page and "size: A4 landscape" in page


def test_a_personal_feed_is_made_from_the_form_and_revoked(client):
    sid = _session(client)
    made = client.post(f"/ui/sessions/{sid}/personal-feeds?lang=fr", data={"body": "plenary"})
    assert made.status_code == 201
    link = re.search(r'id="made-https" href="([^"]+)"', made.text).group(1)
    token = re.search(r"/feeds/([^/.?]+)\.ics", link).group(1)
    assert link.endswith("?lang=fr") and client.get(link).status_code == 200
    assert client.post(f"/ui/personal-feeds/{token}/revoke").status_code == 200
    assert client.get(link).status_code == 410


def test_a_personal_feed_of_nothing_is_refused_in_words(client):
    sid = _session(client)
    response = client.post(f"/ui/sessions/{sid}/personal-feeds", data={})
    assert response.status_code == 422 and "select at least one body or item" in response.text

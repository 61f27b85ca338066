"""The pages without a browser: every form works without JavaScript, and bad input is shown, never a 500."""

from tests.helpers.apiclient import csrf, import_example


def _session(client):  # noqa: F811
    return import_example(client, "cop10-2020.yaml")


def test_every_page_of_a_session_renders(client):  # noqa: F811
    sid = _session(client)
    for path in ("/ui", f"/ui/sessions/{sid}", f"/ui/sessions/{sid}/annex?lang=ru", f"/ui/sessions/{sid}/versions", f"/ui/sessions/{sid}/versions/1"):
        assert client.get(path).status_code == 200, path


def test_a_variant_made_from_a_form_redirects_to_its_page(client):  # noqa: F811
    sid = _session(client)
    response = client.post(f"/ui/sessions/{sid}/variants", data={**csrf(client), "name": "As published", "source": "version:1"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, f"/ui/sessions/{sid}/variants/1")


def test_a_variant_form_without_a_name_shows_the_field_at_fault(client):  # noqa: F811
    sid = _session(client)
    response = client.post(f"/ui/sessions/{sid}/variants", data={**csrf(client), "name": "", "source": "solve"})
    assert response.status_code == 422 and "<code>name</code>" in response.text


def test_an_edit_form_with_a_bad_estimate_shows_the_field_at_fault(client):  # noqa: F811
    sid = _session(client)
    client.post(f"/ui/sessions/{sid}/variants", data={**csrf(client), "name": "v", "source": "version:1"})
    response = client.post(f"/ui/sessions/{sid}/variants/1/edit", data={**csrf(client), "kind": "estimate", "item": "plenary|3", "minutes": "many"})
    assert response.status_code == 422 and "edit.estimate.minutes" in response.text


def test_an_edit_that_breaks_rules_offers_to_keep_it_with_the_same_fields(client):  # noqa: F811
    sid = _session(client)
    client.post(f"/ui/sessions/{sid}/variants", data={**csrf(client), "name": "v", "source": "version:1"})
    response = client.post(f"/ui/sessions/{sid}/variants/1/edit", data={**csrf(client),
        "kind": "swap_meetings", "first": "2020-10-15|12:00|plenary", "second": "2020-10-14|16:00|plenary"})
    assert response.status_code == 409
    assert 'id="keep-anyway"' in response.text and 'value="2020-10-15|12:00|plenary"' in response.text


def test_pages_of_unknown_sessions_and_versions_are_404(client):  # noqa: F811
    sid = _session(client)
    assert client.get("/ui/sessions/99").status_code == 404
    assert client.get(f"/ui/sessions/{sid}/versions/7").status_code == 404
    assert client.get(f"/ui/sessions/{sid}/compare", params={"variant": "x"}).status_code == 422

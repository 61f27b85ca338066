"""Refusals under /ui are pages in words, never JSON; the API answers the same refusal in JSON."""

from tests.helpers.apiclient import import_example


def test_an_unknown_session_page_is_an_html_page_saying_so(client):
    response = client.get("/ui/sessions/42")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no session 42" in response.text and "Not found" in response.text


def test_an_unknown_variant_page_is_an_html_page(client):
    sid = import_example(client, "cop10-2020.yaml")
    response = client.get(f"/ui/sessions/{sid}/variants/7")
    assert (response.status_code, response.headers["content-type"].split(";")[0]) == (404, "text/html")


def test_the_api_answers_the_same_refusal_in_json(client):
    response = client.get("/sessions/42")
    assert response.status_code == 404
    assert response.json() == {"detail": [{"path": "path.session_id", "reason": "no session 42"}]}


def test_a_bad_query_on_a_page_is_a_page_not_json(client):
    sid = import_example(client, "cop10-2020.yaml")
    response = client.get(f"/ui/sessions/{sid}/compare?variant=x")
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")

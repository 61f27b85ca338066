"""The Journal and the conference-app schedules over HTTP: public, for the latest published version."""


import pytest
from fastapi.testclient import TestClient

from tests.helpers.apiclient import import_example


@pytest.fixture
def wg(client):
    return import_example(client, "wg2-wg3-2022.yaml")


@pytest.fixture
def public(client):
    return TestClient(client.app)


def test_the_journal_of_a_day_is_public_text_or_html(public, wg):
    text = public.get(f"/sessions/{wg}/journal/2022-05-23", params={"format": "text", "lang": "zh"})
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert "2022年5月23日，星期一" in text.text
    html = public.get(f"/sessions/{wg}/journal/2022-05-23")
    assert html.headers["content-type"].startswith("text/html") and "Opening of the meeting" in html.text


def test_a_journal_outside_the_session_is_404(public, wg):
    assert public.get(f"/sessions/{wg}/journal/2022-06-30").status_code == 404


def test_schedule_json_and_xml_are_public(public, wg):
    data = public.get(f"/sessions/{wg}/schedule.json").json()
    assert data["schedule"]["version"] == "1" and data["schedule"]["conference"]["time_zone_name"] == "Europe/Vienna"
    xml = public.get(f"/sessions/{wg}/schedule.xml", params={"lang": "fr"})
    assert xml.headers["content-type"].startswith("application/xml") and xml.text.startswith("<?xml")


def test_schedule_urls_point_at_the_days_journal(public, wg):
    event = next(iter(public.get(f"/sessions/{wg}/schedule.json").json()["schedule"]["conference"]["days"][0]["rooms"].values()))[0]
    assert event["url"] == f"http://testserver/sessions/{wg}/journal/2022-05-23?lang=en"


def test_a_session_with_nothing_published_has_no_schedule(client):
    sid = client.post("/sessions", json={"name_en": "Empty", "timezone": "Europe/Vienna", "first_day": "2022-05-23", "last_day": "2022-05-27"}).json()["id"]
    assert client.get(f"/sessions/{sid}/schedule.json").status_code == 404


def test_the_programme_renders_as_a_pdf_attachment(public, wg):
    response = public.get(f"/sessions/{wg}/programme", params={"format": "pdf", "lang": "zh"})
    assert response.headers["content-type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    assert response.headers["content-disposition"] == 'attachment; filename="programme-v1.pdf"'


def test_the_journal_page_renders_in_every_language(public, wg):
    for lang in ("ar", "zh", "en", "fr", "ru", "es"):
        page = public.get(f"/ui/sessions/{wg}/journal/2022-05-24", params={"lang": lang})
        assert page.status_code == 200 and 'class="journal"' in page.text, lang

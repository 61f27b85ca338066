"""Absolute links come from the configured public base URL: a request's Host header changes none of them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from service.web.app import create_app
from tests.helpers.sessions import stored

BASE = "https://podium.example.org"
EVIL = {"Host": "evil.example"}
LINKED = [
    "/sessions/{sid}/feeds", "/sessions/{sid}/feed.ics", "/sessions/{sid}/bodies/wg2/feed.ics", "/sessions/{sid}/changes.atom",
    "/sessions/{sid}/versions/1/changes/1?format=atom", "/ui/sessions/{sid}/annex", "/ui/sessions/{sid}/versions",
    "/ui/sessions/{sid}/versions/1",
]


def _app(db_url: str, **settings) -> TestClient:
    return create_app(db_url, config=Settings(database_url=db_url, **settings))


def _session(app, wg2_wg3) -> int:
    return stored(app.state.sessionmaker, wg2_wg3)


@pytest.mark.parametrize("route", LINKED)
def test_with_a_public_base_url_every_link_uses_it_whatever_the_host(db_url, wg2_wg3, route):
    app = _app(db_url, public_base_url=BASE)
    sid = _session(app, wg2_wg3)
    with TestClient(app) as client:
        response = client.get(route.format(sid=sid), headers=EVIL)
    assert response.status_code == 200
    assert "evil.example" not in response.text
    assert BASE + "/" in response.text


def test_a_personal_feed_s_links_use_the_public_base_url(db_url, wg2_wg3):
    app = _app(db_url, public_base_url=BASE)
    sid = _session(app, wg2_wg3)
    with TestClient(app) as client:
        links = client.post(f"/sessions/{sid}/feeds/personal", json={"bodies": ["wg2"]}, headers=EVIL).json()["links"]
    assert links["https"].startswith(BASE + "/feeds/") and links["webcal"].startswith("webcal://podium.example.org/feeds/")


def test_with_trusted_hosts_another_host_is_refused(db_url, wg2_wg3):
    app = _app(db_url, public_base_url=BASE, trusted_hosts=["podium.example.org"])
    sid = _session(app, wg2_wg3)
    with TestClient(app, base_url=BASE) as client:
        assert client.get(f"/sessions/{sid}/feed.ics").status_code == 200
        assert client.get(f"/sessions/{sid}/feed.ics", headers=EVIL).status_code == 400

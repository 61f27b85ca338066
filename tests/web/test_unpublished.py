"""A session with no published version is invisible to the public: every public route answers 404, as for no session at all."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from fastapi.testclient import TestClient

from tests.helpers import EXAMPLES

MISSING = 987654
ROUTES = [
    "/sessions/{sid}/feed.ics", "/sessions/{sid}/bodies/wg2/feed.ics", "/sessions/{sid}/items/wg2/3/feed.ics",
    "/sessions/{sid}/feeds", "/sessions/{sid}/programme?format=html", "/sessions/{sid}/programme?format=json",
    "/sessions/{sid}/versions", "/sessions/{sid}/versions/1", "/sessions/{sid}/versions/1/programme?format=text",
    "/sessions/{sid}/versions/1/changes/1", "/sessions/{sid}/changes.atom",
    "/ui/sessions/{sid}/annex", "/ui/sessions/{sid}/versions", "/ui/sessions/{sid}/versions/1",
]


@pytest.fixture
def unpublished(client: TestClient) -> int:
    data = yaml.safe_load((EXAMPLES / "wg2-wg3-2022.yaml").read_text())
    del data["programme"]
    response = client.post("/sessions/import", content=json.dumps(data, default=str), headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _public(client: TestClient) -> TestClient:
    client.headers.pop("Authorization")
    return client


def _numbers_aside(text: str) -> str:
    return re.sub(r"\d+", "#", text)


@pytest.mark.parametrize("route", ROUTES)
def test_every_public_route_answers_404_and_says_no_more_than_for_no_session(client, unpublished, route):
    public = _public(client)
    response = public.get(route.format(sid=unpublished))
    nothing = public.get(route.format(sid=MISSING))
    assert response.status_code == nothing.status_code == 404
    assert _numbers_aside(response.text) == _numbers_aside(nothing.text)
    assert "Working Group" not in response.text


def test_no_personal_feed_can_be_made_on_it(client, unpublished):
    response = _public(client).post(f"/sessions/{unpublished}/feeds/personal", json={"bodies": ["wg2"]})
    assert response.status_code == 404
    assert "Working Group" not in response.text

"""Documents and annex pages of published versions: rendered once per version and language, with ETag, Last-Modified, 304 and HEAD."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

import pytest
from fastapi.testclient import TestClient

from service.web import renderings
from service.web.app import create_app
from tests.helpers.sessions import stored

PUBLIC = [
    "/sessions/{sid}/programme?format=html", "/sessions/{sid}/programme?format=docx", "/sessions/{sid}/programme?format=json",
    "/sessions/{sid}/programme?format=text&lang=fr", "/sessions/{sid}/versions/1/programme?format=md",
    "/ui/sessions/{sid}/annex", "/ui/sessions/{sid}/versions/1?lang=zh", "/sessions/{sid}/changes.atom",
    "/sessions/{sid}/versions", "/sessions/{sid}/versions/1", "/sessions/{sid}/versions/1/changes/1",
    "/sessions/{sid}/versions/1/changes/1?format=atom",
]


@pytest.fixture
def app(db_url):
    return create_app(db_url)


@pytest.fixture
def public(app):
    with TestClient(app) as client:
        yield client


@pytest.fixture
def sid(app, wg2_wg3) -> int:
    return stored(app.state.sessionmaker, wg2_wg3)


@pytest.mark.parametrize("route", PUBLIC)
def test_a_public_rendering_carries_validators_and_answers_304_to_them(public, sid, route):
    url = route.format(sid=sid)
    first = public.get(url)
    assert first.status_code == 200
    assert first.headers["etag"].startswith('"') and first.headers["last-modified"].endswith("GMT")
    assert first.headers["cache-control"] == "public, max-age=300"
    again = public.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")
    since = public.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304


@pytest.mark.parametrize("route", PUBLIC)
def test_head_gives_the_headers_of_get_without_a_body(public, sid, route):
    url = route.format(sid=sid)
    get, head = public.get(url), public.head(url)
    assert head.status_code == 200 and head.content == b""
    assert (head.headers["etag"], head.headers["content-type"]) == (get.headers["etag"], get.headers["content-type"])


def test_a_document_is_rendered_once_per_version_format_and_language(public, sid, monkeypatch):
    calls = []
    real = renderings.rendering
    monkeypatch.setattr(renderings, "rendering", lambda *a, **k: calls.append(a[2:4]) or real(*a, **k))
    for _ in range(3):
        public.get(f"/sessions/{sid}/programme?format=html")
        public.get(f"/sessions/{sid}/versions/1/programme?format=html")
    public.get(f"/sessions/{sid}/programme?format=html&lang=fr")
    assert calls == [("html", "en"), ("html", "fr")]


def test_an_older_last_modified_gets_the_document(public, sid):
    url = f"/sessions/{sid}/programme?format=html"
    published = public.get(f"/sessions/{sid}/versions").json()[0]["published_at"]
    before = dt.datetime.fromisoformat(published).replace(tzinfo=dt.UTC) - dt.timedelta(days=1)
    assert public.get(url, headers={"If-Modified-Since": format_datetime(before, usegmt=True)}).status_code == 200


@pytest.mark.parametrize("route", ["/ui/sessions/{sid}/annex", "/ui/sessions/{sid}/versions/1"])
def test_a_public_page_sets_no_cookie_so_shared_caches_may_keep_it(public, sid, route):
    response = public.get(route.format(sid=sid))
    assert response.status_code == 200 and "set-cookie" not in response.headers


def test_a_client_that_accepts_gzip_gets_the_rendering_compressed_with_its_own_validator(public, sid):
    url = f"/sessions/{sid}/programme?format=html"
    plain = public.get(url, headers={"Accept-Encoding": "identity"})
    zipped = public.get(url, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers and zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content and int(zipped.headers["content-length"]) < len(plain.content)
    assert zipped.headers["vary"] == plain.headers["vary"] == "Accept-Encoding"
    assert zipped.headers["etag"] != plain.headers["etag"]
    again = public.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["etag"]})
    assert again.status_code == 304


def test_gzip_refused_with_q_zero_gets_the_rendering_plain(public, sid):
    response = public.get(f"/sessions/{sid}/feed.ics", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert response.status_code == 200 and "content-encoding" not in response.headers

"""Web security: forms refused from other sites or without their token, sign-in and sign-out included; headers on every response; feed creation rate-limited."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.db.tokens import Role
from service.settings import Settings
from service.web.app import create_app
from tests.helpers.apiclient import csrf, errors, import_example, token


def test_a_cross_site_form_post_is_refused_and_creates_nothing(client):
    sid = import_example(client, "cop10-2020.yaml")
    form = {**csrf(client), "name": "evil", "source": "version:1"}
    response = client.post(f"/ui/sessions/{sid}/variants", data=form, headers={"origin": "https://evil.example"}, follow_redirects=False)
    assert response.status_code == 403 and "another site" in response.text
    assert client.get(f"/sessions/{sid}/variants").json()["total"] == 0


def test_a_form_post_without_its_token_is_refused_and_creates_nothing(client):
    sid = import_example(client, "cop10-2020.yaml")
    for sent in ({"csrf": ""}, {"csrf": "forged"}):
        response = client.post(f"/ui/sessions/{sid}/variants", data={**sent, "name": "evil", "source": "version:1"}, follow_redirects=False)
        assert response.status_code == 403 and "reload the page" in response.text
    assert client.get(f"/sessions/{sid}/variants").json()["total"] == 0


def test_a_same_origin_form_post_with_its_token_goes_through(client):
    sid = import_example(client, "cop10-2020.yaml")
    form = {**csrf(client), "name": "ok", "source": "version:1"}
    response = client.post(f"/ui/sessions/{sid}/variants", data=form, headers={"origin": "http://testserver"}, follow_redirects=False)
    assert response.status_code == 303


def test_login_and_logout_are_refused_from_another_site(db_url):
    app = create_app(db_url)
    with TestClient(app) as browser:
        secret = token(app, Role.secretariat)
        evil = {"origin": "https://evil.example"}
        login = browser.post("/ui/login", data={**csrf(browser), "token": secret}, headers=evil, follow_redirects=False)
        assert login.status_code == 403 and "podium_token" not in login.headers.get("set-cookie", "")
        assert browser.post("/ui/logout", data=csrf(browser), headers=evil, follow_redirects=False).status_code == 403
        signed = browser.post("/ui/login", data={**csrf(browser), "token": secret}, follow_redirects=False)
        assert signed.status_code == 303
        out = browser.post("/ui/logout", data=csrf(browser), follow_redirects=False)
        assert out.status_code == 303 and "samesite=strict" in out.headers["set-cookie"].lower()
    app.state.engine.dispose()


def test_every_response_carries_the_security_headers(client):
    sid = import_example(client, "cop10-2020.yaml")
    for path in ("/health", "/ui", f"/sessions/{sid}", f"/ui/sessions/{sid}/annex", "/nowhere"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "same-origin"
    # The annex is inline in its page: nothing frames the programme's HTML rendering either.
    assert "frame-ancestors 'none'" in client.get(f"/sessions/{sid}/programme", params={"format": "html"}).headers["content-security-policy"]


def test_the_pages_have_no_inline_script(client):
    sid = import_example(client, "cop10-2020.yaml")
    for path in ("/ui", "/ui/login", f"/ui/sessions/{sid}", f"/ui/sessions/{sid}/annex", f"/ui/sessions/{sid}/versions"):
        assert "<script" not in client.get(path).text, path


def test_anonymous_personal_feed_creation_is_rate_limited_with_retry_after(db_url):
    app = create_app(db_url, config=Settings(database_url=db_url, personal_feeds_per_minute=5))
    with TestClient(app) as anonymous:
        with TestClient(app, headers={"Authorization": f"Bearer {token(app, Role.secretariat)}"}) as secretariat:
            sid = import_example(secretariat, "cop10-2020.yaml")
        codes = [anonymous.post(f"/sessions/{sid}/feeds/personal", json={"bodies": ["plenary"]}).status_code for _ in range(6)]
        assert codes == [201] * 5 + [429]
        refused = anonymous.post(f"/sessions/{sid}/feeds/personal", json={"bodies": ["plenary"]})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert errors(refused) == [("(request)", "too many requests from this address; retry later")]
    app.state.engine.dispose()

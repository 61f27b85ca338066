"""Roles and tokens: every route with every role, drafts kept from the public, tokens hashed and revocable."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.cli import main
from service.commands.server import _first_token
from service.db.models import ApiTokenRow
from service.db.tokens import Role
from service.web.access import COOKIE, api_routes, minimum_role
from service.web.app import create_app
from tests.helpers.apiclient import bearer, csrf, import_example

MOVE_MEETING = {"kind": "move_meeting", "meeting": {"date": "2020-10-15", "slot": "12:00", "body": "plenary"}, "to": {"date": "2020-10-14", "slot": "16:00"}}

# --- every route with every role: nothing exists, so a caller who gets past the check meets 404, 415 or 422 ---

APP = create_app("sqlite://")  # only for its route table; the requests go to `routes_app`
ROUTES = [(method, route) for route in api_routes(APP) for method in sorted(route.methods)]
UNKNOWN = "999999"


@pytest.fixture(scope="module")
def routes_app(migrated_sqlite, tmp_path_factory) -> Iterator[tuple[TestClient, dict[Role, dict[str, str]]]]:
    path = tmp_path_factory.mktemp("routes") / "podium.db"
    shutil.copyfile(migrated_sqlite, path)
    app = create_app(f"sqlite:///{path}")
    with TestClient(app) as c:
        yield c, {Role.public: {}, Role.bureau: bearer(app, Role.bureau), Role.secretariat: bearer(app, Role.secretariat)}
    app.state.engine.dispose()


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name)
@pytest.mark.parametrize(("method", "route"), ROUTES, ids=[f"{m} {r.path}" for m, r in ROUTES])
def test_every_route_lets_in_exactly_the_roles_at_or_above_its_minimum(routes_app, method, route, role):
    client, headers = routes_app
    need = minimum_role(route)
    assert need is not None, f"{method} {route.path} has no access rule: make its router with `guarded`"
    url = re.sub(r"\{[^}]+\}", UNKNOWN, route.path)
    form = csrf(client) if url.startswith("/ui") and method == "POST" else None  # past the form check, to the access check
    response = client.request(method, url, headers=headers[role], data=form, follow_redirects=False)
    if role >= need:
        assert response.status_code not in (401, 403) and response.status_code < 500, response.text
    elif role is Role.public and url.startswith("/ui") and method == "GET":
        assert (response.status_code, response.headers["location"]) == (303, f"/ui/login?next={url}")
    elif role is Role.public:
        assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")
    else:
        assert response.status_code == 403, response.text


def test_the_openapi_document_names_each_operation_s_minimum_role():
    spec = APP.openapi()
    assert spec["paths"]["/sessions/{session_id}/variants"]["get"]["x-minimum-role"] == "bureau"
    assert spec["paths"]["/sessions/{session_id}/versions"]["post"]["x-minimum-role"] == "secretariat"
    assert spec["paths"]["/sessions/{session_id}/feed.ics"]["get"]["security"] == [{}, {"bearer": []}]


# --- the policy, behaviour by behaviour ---


@pytest.fixture
def cop(client) -> int:
    return import_example(client, "cop10-2020.yaml")


@pytest.fixture
def public(client) -> TestClient:
    """The same app without a token."""
    return TestClient(client.app)


@pytest.fixture
def bureau(client) -> TestClient:
    return TestClient(client.app, headers=bearer(client.app, Role.bureau, "Rapporteur"))


def test_the_public_reads_the_published_programme_and_its_feeds_without_a_token(public, cop):
    assert public.get(f"/sessions/{cop}/programme", params={"format": "text"}).status_code == 200
    assert public.get(f"/sessions/{cop}/versions/1").status_code == 200
    assert public.get(f"/sessions/{cop}/feed.ics").status_code == 200
    assert public.get(f"/ui/sessions/{cop}/annex").status_code == 200


def test_drafts_are_invisible_to_the_public_and_to_the_feeds(client, public, cop):
    before = public.get(f"/sessions/{cop}/feed.ics").text
    variant = client.post(f"/sessions/{cop}/variants", json={"name": "moved", "version": 1}).json()
    assert client.post(f"/sessions/{cop}/variants/{variant['id']}/edits", json={"edit": MOVE_MEETING, "accept_violations": True}).status_code == 200

    assert public.get(f"/sessions/{cop}/variants").status_code == 401
    assert public.get(f"/sessions/{cop}/variants/{variant['id']}/programme").status_code == 401
    assert public.get(f"/ui/sessions/{cop}/variants/{variant['id']}", follow_redirects=False).status_code == 303
    assert public.get(f"/sessions/{cop}/feed.ics").text == before


def test_the_bureau_reads_and_compares_drafts_but_may_not_edit_solve_or_publish(client, bureau, cop):
    first = client.post(f"/sessions/{cop}/variants", json={"name": "a", "version": 1}).json()["id"]
    second = client.post(f"/sessions/{cop}/variants", json={"name": "b", "version": 1}).json()["id"]

    assert bureau.get(f"/sessions/{cop}/variants/{first}").status_code == 200
    assert bureau.get(f"/sessions/{cop}/compare", params={"variant": [first, second]}).status_code == 200
    assert bureau.post(f"/sessions/{cop}/variants/{first}/edits", json={"edit": MOVE_MEETING}).status_code == 403
    assert bureau.post(f"/sessions/{cop}/variants", json={"name": "c"}).status_code == 403
    assert bureau.post(f"/sessions/{cop}/versions", json={"variant_id": first}).status_code == 403


def test_the_bureau_comments_and_approves_signed_with_the_token_s_name(client, bureau, cop):
    vid = client.post(f"/sessions/{cop}/variants", json={"name": "a", "version": 1}).json()["id"]

    comment = bureau.post(f"/sessions/{cop}/variants/{vid}/comments", json={"text": "Closing on Friday, please"})
    approval = bureau.post(f"/sessions/{cop}/variants/{vid}/approvals")

    assert comment.status_code == 201 and comment.json()["author"] == "Rapporteur"
    assert [c["text"] for c in bureau.get(f"/sessions/{cop}/variants/{vid}/comments").json()] == ["Closing on Friday, please"]
    assert approval.status_code == 201 and (approval.json()["approver"], approval.json()["current"]) == ("Rapporteur", True)


def test_an_approval_stops_being_current_once_the_variant_changes(client, bureau, cop):
    vid = client.post(f"/sessions/{cop}/variants", json={"name": "a", "version": 1}).json()["id"]
    bureau.post(f"/sessions/{cop}/variants/{vid}/approvals")

    client.post(f"/sessions/{cop}/variants/{vid}/edits", json={"edit": MOVE_MEETING, "accept_violations": True})

    assert [a["current"] for a in bureau.get(f"/sessions/{cop}/variants/{vid}/approvals").json()] == [False]


def test_publishing_waits_for_the_current_approvals_the_session_needs(client, bureau, cop):
    fields = {k: v for k, v in client.get(f"/sessions/{cop}").json().items() if k not in ("id", "version")}
    assert client.put(f"/sessions/{cop}", json={**fields, "approvals_needed": 1}).json()["approvals_needed"] == 1
    vid = client.post(f"/sessions/{cop}/variants", json={"name": "a", "version": 1}).json()["id"]

    refused = client.post(f"/sessions/{cop}/versions", json={"variant_id": vid})
    bureau.post(f"/sessions/{cop}/variants/{vid}/approvals")
    published = client.post(f"/sessions/{cop}/versions", json={"variant_id": vid})

    assert refused.status_code == 409 and refused.json()["detail"][0]["path"] == "variant_id.approvals"
    assert "needs 1 current approval" in refused.json()["detail"][0]["reason"]
    assert published.status_code == 201


def test_a_token_is_stored_only_as_its_sha256(client):
    token = bearer(client.app, Role.bureau, "Chair")["Authorization"].removeprefix("Bearer ")
    with client.app.state.sessionmaker() as db:
        row = db.scalars(select(ApiTokenRow).where(ApiTokenRow.name == "Chair")).one()
    assert row.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(v) for v in row.__dict__.values()}


@pytest.mark.parametrize("header", ["Bearer pod_nonsense", "Basic dXNlcjpwYXNz", "Bearer "])
def test_a_bad_authorization_header_gets_401_even_where_the_public_may_read(public, cop, header):
    response = public.get(f"/sessions/{cop}/versions", headers={"Authorization": header})
    assert response.status_code == 401 and response.json()["detail"][0]["path"] == "header.authorization"


def test_a_token_created_on_the_command_line_is_printed_once_and_works_until_revoked(db_url, capsys):
    main(["token", "create", "--role", "bureau", "--name", "Vice-President (GRULAC)", "--url", db_url])
    token = capsys.readouterr().out.split()[-1]
    app = create_app(db_url)
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        assert c.get("/sessions").status_code == 200
        main(["token", "list", "--url", db_url])
        token_id = capsys.readouterr().out.split()[0]
        assert main(["token", "revoke", token_id, "--url", db_url]) == 0
        assert c.get("/sessions").status_code == 401
    app.state.engine.dispose()


def test_podium_run_makes_a_secretariat_token_only_when_there_is_none(db_url, capsys):
    _first_token(db_url)
    _first_token(db_url)
    printed = capsys.readouterr().out
    assert printed.count("created secretariat token") == 1 and "pod_" in printed


def test_a_browser_signs_in_with_a_token_and_then_sees_the_drafts(client, public, cop):
    token = bearer(client.app, Role.bureau, "Chair")["Authorization"].removeprefix("Bearer ")
    signed = public.post("/ui/login", data={**csrf(public), "token": token, "next": f"/ui/sessions/{cop}"}, follow_redirects=False)
    assert (signed.status_code, signed.headers["location"]) == (303, f"/ui/sessions/{cop}")
    assert "httponly" in signed.headers["set-cookie"].lower() and "samesite=strict" in signed.headers["set-cookie"].lower()

    page = public.get(f"/ui/sessions/{cop}")
    assert page.status_code == 200 and "Chair (bureau)" in page.text and 'id="new-variant"' not in page.text


def test_signing_in_with_a_bad_token_is_refused_and_never_leaves_the_pages(public):
    assert public.post("/ui/login", data={**csrf(public), "token": "pod_wrong"}).status_code == 401
    elsewhere = public.get("/ui/login", params={"next": "//evil.example/ui"})
    assert 'value="/ui"' in elsewhere.text


def test_a_revoked_token_in_a_cookie_leaves_the_browser_public_not_locked_out(public, cop):
    public.cookies.set(COOKIE, "pod_revoked")
    assert public.get("/ui/login").status_code == 200
    assert public.get(f"/ui/sessions/{cop}/annex").status_code == 200

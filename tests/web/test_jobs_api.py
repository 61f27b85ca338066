"""Solve jobs over HTTP: queued with 202 at their Location, parameters checked at once, listed, cancelled."""

from fastapi.testclient import TestClient

from service.db import jobs
from service.db.engine import make_sessionmaker
from service.db.tokens import Role
from service.settings import Settings
from service.web.app import create_app
from tests.helpers.apiclient import bearer, errors, import_example
from tests.helpers.jobcases import cop_variant, queue_solve


def test_solving_a_variant_queues_a_job_found_at_its_location(client):
    sid, variant = cop_variant(client)
    response = client.post(f"/sessions/{sid}/variants/{variant['id']}/solve", json={})
    assert response.status_code == 202
    found = client.get(response.headers["location"]).json()
    assert found == response.json()
    assert (found["state"], found["params"], found["attempts"]) == ("queued", variant["params"], 0)
    assert found["progress"] == {"solutions": 0, "objective": None, "bound": None, "gap": None, "elapsed": None}


def test_a_job_with_new_parameters_solves_under_them(client):
    sid, variant = cop_variant(client)
    queued = queue_solve(client, sid, variant["id"], params={"seed": 7, "format": "in_person"})
    assert (queued["params"]["seed"], queued["params"]["format"]) == (7, "in_person")


def test_parameters_naming_what_the_session_lacks_are_refused_when_queued(client):
    sid, variant = cop_variant(client)
    response = client.post(f"/sessions/{sid}/variants/{variant['id']}/solve",
                           json={"params": {"estimates": [{"body": "plenary", "code": "42", "minutes": 5}]}})
    assert response.status_code == 422 and errors(response) == [("params.estimates[0]", "plenary has no agenda item '42'")]


def test_a_cancelled_job_is_taken_by_no_worker(client):
    sid, variant = cop_variant(client)
    queued = queue_solve(client, sid, variant["id"])
    response = client.post(f"/jobs/{queued['id']}/cancel")
    assert response.status_code == 200 and response.json()["state"] == "cancelled"
    with make_sessionmaker(client.app.state.engine)() as db:
        assert jobs.claim(db, "worker", lease=30) is None


def test_a_job_that_ended_cannot_be_cancelled(client):
    sid, variant = cop_variant(client)
    queued = queue_solve(client, sid, variant["id"])
    client.post(f"/jobs/{queued['id']}/cancel")
    response = client.post(f"/jobs/{queued['id']}/cancel")
    assert response.status_code == 409
    assert errors(response) == [("state", "the job already ended (cancelled); only a queued or running job can be cancelled")]


def test_a_session_lists_its_jobs_newest_first(client):
    sid, variant = cop_variant(client)
    first, second = (queue_solve(client, sid, variant["id"])["id"] for _ in range(2))
    page = client.get(f"/sessions/{sid}/jobs").json()
    assert ([j["id"] for j in page["items"]][:2], page["total"]) == ([second, first], 3)  # and the job that made the variant


def test_unknown_jobs_variants_and_sessions_are_404(client):
    sid, variant = cop_variant(client)
    assert client.get("/jobs/99").status_code == 404
    assert client.post("/jobs/99/cancel").status_code == 404
    assert client.post(f"/sessions/{sid}/variants/99/solve", json={}).status_code == 404
    assert client.post(f"/sessions/99/variants/{variant['id']}/solve", json={}).status_code == 404


def test_solves_beyond_the_per_session_bound_are_refused_with_429_and_retry_after(db_url):  # noqa: F811
    app = create_app(db_url, config=Settings(database_url=db_url, max_jobs_per_session=2))
    with TestClient(app, headers=bearer(app, Role.secretariat)) as c:
        sid = import_example(c, "cop10-2020.yaml")
        assert [c.post(f"/sessions/{sid}/variants", json={"name": f"v{n}"}).status_code for n in range(2)] == [202, 202]
        refused = c.post(f"/sessions/{sid}/variants", json={"name": "v2"})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "2 solve jobs queued or running" in errors(refused)[0][1]
        assert c.get(f"/sessions/{sid}/variants").json()["total"] == 2  # the refused variant was not stored
        assert c.post(f"/sessions/{sid}/variants/1/solve", json={}).status_code == 429
    app.state.engine.dispose()


def test_solves_beyond_the_bound_in_all_are_refused_with_429(db_url):  # noqa: F811
    app = create_app(db_url, config=Settings(database_url=db_url, max_jobs=1))
    with TestClient(app, headers=bearer(app, Role.secretariat)) as c:
        first, second = import_example(c, "cop10-2020.yaml"), import_example(c, "wg2-wg3-2022.yaml")
        assert c.post(f"/sessions/{first}/variants", json={"name": "a"}).status_code == 202
        assert c.post(f"/sessions/{second}/variants", json={"name": "b"}).status_code == 429
    app.state.engine.dispose()

"""The variant form queues a solve and follows it on a job page: progress refreshed without script, Cancel, then the variant."""

from service.db.engine import make_sessionmaker
from service.db.models import SolveJobRow
from tests.helpers.apiclient import csrf, import_example
from tests.helpers.jobcases import run_jobs


def _solve_from_the_form(client, **form):  # noqa: F811
    sid = import_example(client, "cop10-2020.yaml")
    response = client.post(f"/ui/sessions/{sid}/variants", data={**csrf(client), "name": "draft", "source": "solve", "time_limit": "1", **form},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/ui/jobs/")
    return sid, response.headers["location"]


def test_the_job_page_shows_progress_refreshing_itself_with_a_cancel_button(client):  # noqa: F811
    _, page = _solve_from_the_form(client)
    response = client.get(page)
    assert response.status_code == 200 and "Waiting for a worker" in response.text
    assert '<meta http-equiv="refresh" content="1">' in response.text and 'id="cancel-job"' in response.text
    assert "<script" not in response.text and "Gap" in response.text


def test_the_job_page_lands_on_the_variant_when_the_solve_succeeded(client):  # noqa: F811
    sid, page = _solve_from_the_form(client)
    run_jobs(client)
    response = client.get(page, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, f"/ui/sessions/{sid}/variants/1")


def test_a_cancelled_job_says_so_and_refreshes_no_more(client):  # noqa: F811
    sid, page = _solve_from_the_form(client)
    response = client.post(f"{page}/cancel", data=csrf(client))
    assert response.status_code == 200 and "Cancelled" in response.text and "refresh" not in response.text
    assert client.get(f"/sessions/{sid}/variants/1").json()["status"] == "cancelled"


def test_a_failed_solve_shows_the_reason_in_words(client):  # noqa: F811
    sid, page = _solve_from_the_form(client)
    with make_sessionmaker(client.app.state.engine)() as db:  # parameters that name what the session no longer has
        job = db.get(SolveJobRow, int(page.rsplit("/", 1)[1]))
        job.params = {**job.params, "estimates": [{"body": "plenary", "code": "42", "minutes": 5}]}
        db.commit()
    run_jobs(client)
    response = client.get(page)
    assert response.status_code == 200 and 'id="job-error"' in response.text and "plenary has no agenda item" in response.text
    assert client.get(f"/sessions/{sid}/variants/1").json()["status"] == "failed"

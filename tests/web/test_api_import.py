"""POST /sessions/import and GET /sessions/{id}/file: the examples go in and come back equal; bad files change nothing."""

from __future__ import annotations

import json

import pytest
import yaml

from service.sessionfile import export, load, parse
from tests.helpers.apiclient import EXAMPLES, errors, import_example
from tests.sessionfile.test_import import BAD_FILES, wg_case


@pytest.mark.parametrize("name", ["cop10-2020.yaml", "wg2-wg3-2022.yaml"])
def test_an_example_imported_through_the_api_reads_back_as_the_same_session_and_programme(client, name):
    session_id = import_example(client, name)

    back = parse(client.get(f"/sessions/{session_id}/file").json())

    expected = load(EXAMPLES / name)
    assert export(back.session, back.programme, back.notes) == export(expected.session, expected.programme, expected.notes)
    assert back.session == expected.session


def test_a_json_body_in_the_session_file_schema_imports(client):
    body = json.loads(json.dumps(wg_case(), default=str))

    response = client.post("/sessions/import", json=body)

    assert response.status_code == 201
    assert response.json()["symbols"] == ["CTOC/COP/WG.3/2022/1", "CTOC/COP/WG.2/2022/1"]


def test_an_uploaded_yaml_file_imports(client):
    files = {"file": ("cop10.yaml", (EXAMPLES / "cop10-2020.yaml").read_bytes(), "application/yaml")}

    response = client.post("/sessions/import", files=files)

    assert response.status_code == 201
    assert response.json()["timezone"] == "Europe/Vienna"


def test_the_export_as_yaml_is_a_session_file_that_imports_again(client):
    session_id = import_example(client, "wg2-wg3-2022.yaml")
    text = client.get(f"/sessions/{session_id}/file", params={"format": "yaml"}).text

    again = client.post("/sessions/import", params={"copy": "true"}, content=text.encode(), headers={"content-type": "application/yaml"}).json()["id"]

    assert client.get(f"/sessions/{again}/file").json() == client.get(f"/sessions/{session_id}/file").json()
    assert yaml.safe_load(text)["session"]["venue"] == "Vienna"


@pytest.mark.parametrize("what, breaks, path, reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_session_file_gets_422_with_its_path_and_changes_nothing(client, what, breaks, path, reason):
    data = wg_case()
    breaks(data)

    response = client.post("/sessions/import", content=yaml.safe_dump(data).encode(), headers={"content-type": "application/yaml"})

    assert response.status_code == 422
    assert any(p == path and reason in r for p, r in errors(response)), errors(response)
    assert client.get("/sessions").json()["total"] == 0


@pytest.mark.parametrize(
    "content, reason", [(b"session:\n  name_en: Caf\xe9\n", "not UTF-8 text"), (b"session: [unclosed\n", "not valid YAML")], ids=["not UTF-8", "not YAML"]
)
def test_an_upload_that_is_not_utf8_yaml_gets_422_and_changes_nothing(client, content, reason):
    response = client.post("/sessions/import", files={"file": ("bad.yaml", content, "application/yaml")})

    assert response.status_code == 422
    assert errors(response)[0][0] == "(file)" and reason in errors(response)[0][1]
    assert client.get("/sessions").json()["total"] == 0


def test_a_json_body_that_is_not_json_gets_422(client):
    response = client.post("/sessions/import", content=b"{", headers={"content-type": "application/json"})

    assert response.status_code == 422
    assert errors(response)[0][0] == "(body)"


def test_a_body_of_another_type_gets_415(client):
    response = client.post("/sessions/import", content=b"x", headers={"content-type": "text/plain"})

    assert response.status_code == 415


def test_a_session_without_agenda_has_no_file_yet(client):
    session = client.post("/sessions", json={"name_en": "Empty", "timezone": "Europe/Vienna", "first_day": "2022-05-23", "last_day": "2022-05-27"}).json()

    response = client.get(f"/sessions/{session['id']}/file")

    assert response.status_code == 409
    assert {p for p, _ in errors(response)} >= {"slots", "bodies", "agenda"}

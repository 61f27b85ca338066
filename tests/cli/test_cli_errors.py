"""The command line on bad input or an unready database: one line with the reason, status 2, never a traceback; SQLite set up as `podium run` does."""

from __future__ import annotations

import pytest

from service.cli import main
from service.db.engine import unit_of_work
from service.operations.sessions import list_sessions
from tests.helpers import EXAMPLES


def _sessions(url: str) -> int:
    with unit_of_work(url) as db:
        return list_sessions(db, 10, 0)[1]


def test_import_in_a_fresh_folder_creates_and_migrates_the_sqlite_database(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'var' / 'podium.db'}"
    assert main(["import", str(EXAMPLES / "cop10-2020.yaml"), "--url", url]) == 0
    assert "as session 1" in capsys.readouterr().out and _sessions(url) == 1


def test_import_into_a_sqlite_file_never_migrated_migrates_it_first(tmp_path):
    path = tmp_path / "podium.db"
    path.touch()
    assert main(["import", str(EXAMPLES / "cop10-2020.yaml"), "--url", f"sqlite:///{path}"]) == 0


@pytest.mark.postgres
def test_a_postgresql_database_never_migrated_is_refused_saying_to_upgrade(empty_db_url, capsys):
    if empty_db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL is migrated by its operator")
    assert main(["token", "list", "--url", empty_db_url]) == 2
    err = capsys.readouterr().err
    assert "was never migrated: run `podium db upgrade` first" in err and "Traceback" not in err and err.count("\n") == 1


def test_an_unreachable_database_is_one_line_and_status_2(capsys):
    assert main(["token", "list", "--url", "postgresql+psycopg://nobody@127.0.0.1:1/none"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("podium: the database cannot be used:") and "Traceback" not in err and err.count("\n") == 1


def test_a_deeply_nested_file_is_refused_with_its_reason(tmp_path, capsys):
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000)
    url = f"sqlite:///{tmp_path / 'podium.db'}"
    assert main(["import", str(path), "--url", url]) != 0
    err = capsys.readouterr().err
    assert "brackets nest deeper than 32 levels at line 1" in err and "Traceback" not in err
    assert main(["check", str(path)]) == 2
    assert _sessions(url) == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "big.yaml"
    path.write_bytes((EXAMPLES / "cop10-2020.yaml").read_bytes() + b"#" * (10 * 1024 * 1024))
    url = f"sqlite:///{tmp_path / 'podium.db'}"
    assert main(["import", str(path), "--url", url]) != 0
    assert "at most 2097152 (PODIUM_MAX_FILE_BYTES)" in capsys.readouterr().err
    assert _sessions(url) == 0


def test_importing_a_stored_session_again_is_refused_unless_copy(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'podium.db'}"
    example = str(EXAMPLES / "cop10-2020.yaml")
    assert main(["import", example, "--url", url]) == 0
    assert main(["import", example, "--url", url]) != 0
    assert "is stored already" in capsys.readouterr().err and _sessions(url) == 1
    assert main(["import", example, "--url", url, "--copy"]) == 0 and _sessions(url) == 2

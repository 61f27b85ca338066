"""`podium import` and `podium export`: every bad input is refused with file, path and reason, and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from service import published
from service.cli import main
from service.db.engine import make_engine, make_sessionmaker
from service.db.models import Base, SessionRow
from service.operations import sessions
from service.sessionfile import export, load
from tests.helpers import ROOT

EXAMPLES = ROOT / "examples"


def row_counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {name: connection.scalar(select(func.count()).select_from(t)) for name, t in Base.metadata.tables.items()}
    finally:
        engine.dispose()


def wg_case() -> dict:
    return yaml.safe_load((EXAMPLES / "wg2-wg3-2022.yaml").read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict | bytes) -> Path:
    path = tmp_path / "session.yaml"
    path.write_bytes(data if isinstance(data, bytes) else yaml.safe_dump(data, allow_unicode=True).encode())
    return path


def without(mapping: dict, key: str) -> dict:
    mapping.pop(key)
    return mapping


# (what is wrong, how to break the WG.2/WG.3 case, the path named, words of the reason)
BAD_FILES = [
    ("missing minutes", lambda d: without(d["agenda"][3], "minutes"), "agenda[3].minutes", "required for an item that is not a heading"),
    ("unknown body key", lambda d: d["agenda"][3].update(body="wg9"), "agenda[3].body", "unknown body 'wg9'"),
    ("joint_with pointing nowhere", lambda d: d["agenda"][4].update(joint_with={"wg2": "99"}), "agenda[4].joint_with.wg2", "body 'wg2' has no item '99'"),
    ("slot ending before it starts", lambda d: d["slots"][0].update(end="09:00"), "slots[0].end", "not after its start 10:00"),
    ("overlapping slots", lambda d: d["slots"][1].update(start="12:00"), "slots[1].start", "overlaps slot 10:00-13:00"),
    ("invalid timezone", lambda d: d["session"].update(timezone="Europe/Viena"), "session.timezone", "unknown IANA timezone 'Europe/Viena'"),
    ("first day after the last", lambda d: d["session"].update(first_day="2022-05-30"), "session.first_day", "is after the last day 2022-05-27"),
    ("first day on a weekend", lambda d: d["session"].update(first_day="2022-05-22"), "session.first_day", "2022-05-22 is a Sunday, not a working day"),
    ("pin outside the session", lambda d: d["rules"]["pins"][0].update(date="2022-06-01"), "rules.pins[0].date", "outside the session"),
    ("duplicate item code", lambda d: d["agenda"][4].update(code="2"), "agenda[4].code", "duplicate item code '2' in body 'wg3'"),
]


@pytest.mark.parametrize("what, breaks, path, reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_session_file_is_refused_naming_file_path_and_reason_and_changes_nothing(db_url, tmp_path, capsys, what, breaks, path, reason):
    main(["import", str(EXAMPLES / "cop10-2020.yaml"), "--url", db_url])
    before = row_counts(db_url)
    data = wg_case()
    breaks(data)
    file = write(tmp_path, data)
    capsys.readouterr()

    assert main(["import", str(file), "--url", db_url]) == 1

    err = capsys.readouterr().err
    assert f"{file}: {path}: " in err and reason in err, err
    assert row_counts(db_url) == before


@pytest.mark.parametrize(
    "content, reason",
    [(b"session:\n  name_en: Caf\xe9\n", "(file): not UTF-8 text (byte 23)"), (b"session: [unclosed\n", "(file): not valid YAML at line 2")],
    ids=["not UTF-8", "not YAML"],
)
def test_a_file_that_is_not_utf8_yaml_is_refused_and_changes_nothing(db_url, tmp_path, capsys, content, reason):
    file = write(tmp_path, content)
    before = row_counts(db_url)

    assert main(["import", str(file), "--url", db_url]) == 1

    assert f"{file}: {reason}" in capsys.readouterr().err
    assert row_counts(db_url) == before


def test_a_failure_while_storing_rolls_the_whole_import_back(db_url, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(published, "publish", fail)  # after the session and its parts are written
    before = row_counts(db_url)

    with pytest.raises(RuntimeError):
        main(["import", str(EXAMPLES / "wg2-wg3-2022.yaml"), "--url", db_url])

    assert row_counts(db_url) == before


@pytest.mark.parametrize("name", ["cop10-2020.yaml", "wg2-wg3-2022.yaml"])
def test_an_example_imports_and_exports_as_the_same_session_and_programme(db_url, name):
    loaded = load(EXAMPLES / name)
    assert main(["import", str(EXAMPLES / name), "--url", db_url]) == 0

    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as db:
        row = db.scalars(select(SessionRow)).one()
        assert sessions.session_file(db, row) == export(loaded.session, loaded.programme, loaded.notes)
    engine.dispose()


@pytest.mark.parametrize("name", ["cop10-2020.yaml", "wg2-wg3-2022.yaml"])
def test_an_exported_file_imports_again_without_loss(db_url, tmp_path, name):
    main(["import", str(EXAMPLES / name), "--url", db_url])
    first = tmp_path / "first.yaml"
    second = tmp_path / "second.yaml"
    main(["export", "1", "--url", db_url, "-o", str(first)])

    main(["import", str(first), "--url", db_url, "--copy"])
    main(["export", "2", "--url", db_url, "-o", str(second)])

    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert load(second).session == load(EXAMPLES / name).session


def test_the_approvals_a_session_needs_go_into_its_file_and_back(db_url, tmp_path):
    data = yaml.safe_load((EXAMPLES / "wg2-wg3-2022.yaml").read_text(encoding="utf-8"))
    data["session"]["approvals_needed"] = 2
    needing = tmp_path / "needing.yaml"
    needing.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    exported = tmp_path / "exported.yaml"

    main(["import", str(needing), "--url", db_url])
    main(["export", "1", "--url", db_url, "-o", str(exported)])

    assert yaml.safe_load(exported.read_text(encoding="utf-8"))["session"]["approvals_needed"] == 2


def test_exporting_an_unknown_session_says_so(db_url, capsys):
    assert main(["export", "42", "--url", db_url]) == 1
    assert "no session 42" in capsys.readouterr().err

"""`podium run` sets up a usable local service: examples imported, each with a drafted variant."""

from service import published
from service.commands.server import DRAFT_NAME, _import_examples
from service.db import migrate
from service.db.engine import unit_of_work
from service.db.variants import draft, named


def test_run_imports_each_example_once_with_a_drafted_variant(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'podium.db'}"
    migrate.upgrade(url)
    _import_examples(url, "http://127.0.0.1:8000")
    _import_examples(url, "http://127.0.0.1:8000")
    out = capsys.readouterr().out
    assert out.count("imported ") == 2 and out.count("has ") == 2
    assert "feed http://127.0.0.1:8000/sessions/1/feed.ics" in out
    with unit_of_work(url) as db:
        for session_id in (1, 2):
            assert published.latest(db, session_id) is not None
            assert draft(named(db, session_id, DRAFT_NAME)).status == "optimal"

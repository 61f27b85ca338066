"""A delegate's calendar: vdirsyncer subscribes to the service's feed, khal lists what it synced.

Three versions: the imported programme, a revision, and the revision again after the secretariat
edited the session (the afternoon slot ends earlier, WG.2 is renamed): the edit shows in no
calendar until version 3 publishes it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from service.db.tokens import Role
from service.exports.calendar import meeting_times, summary
from service.operations.sessions import import_session as store
from service.operations.sessions import session as current
from service.published import publish
from service.web.app import create_app
from tests.helpers.apiclient import bearer
from tests.helpers.feedcases import DROPPED, MOVED_FROM, MOVED_TO, revised
from tests.helpers.localserver import serving

pytestmark = pytest.mark.client

BIN = Path(sys.executable).parent
KHAL_FORMAT = "{start}|{end}|{status}|{title}"


def _configure(home: Path, url: str) -> dict[str, str]:
    """vdirsyncer (http -> filesystem) and khal configs under `home`; the environment that isolates them."""
    calendar = home / "calendar"
    calendar.mkdir(parents=True)
    (home / "vdirsyncer.conf").write_text(
        f'[general]\nstatus_path = "{home / "status"}/"\n\n'
        '[pair programme]\na = "programme_feed"\nb = "programme_local"\ncollections = null\nconflict_resolution = "a wins"\n\n'
        f'[storage programme_feed]\ntype = "http"\nurl = "{url}"\n\n'
        f'[storage programme_local]\ntype = "filesystem"\npath = "{calendar}/"\nfileext = ".ics"\n'
    )
    (home / "khal.conf").write_text(
        f"[calendars]\n[[programme]]\npath = {calendar}/\ntype = calendar\n\n"
        "[locale]\nlocal_timezone = Europe/Vienna\ndefault_timezone = Europe/Vienna\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n\n"
        f"[sqlite]\npath = {home / 'khal.db'}\n"
    )
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TZ": "UTC",  # the host's zone must not leak in: khal shows times in its configured zone
        "LANG": "C.UTF-8",
    }


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _sync_and_list(home: Path, env: dict[str, str]) -> list[str]:
    _run(env, str(BIN / "vdirsyncer"), "-c", str(home / "vdirsyncer.conf"), "sync")
    listing = _run(
        env, str(BIN / "khal"), "-c", str(home / "khal.conf"), "list",
        "--format", KHAL_FORMAT, "--day-format", "", "2022-05-23", "2022-05-28",
    )
    return [line for line in listing.splitlines() if line.strip()]


def _edit_the_session(base: str, app, session_id: int) -> None:
    """The afternoon slot ends at 17:30 and WG.2 gets a new English name, through the API."""
    with httpx.Client(base_url=base, headers=bearer(app, Role.secretariat)) as api:
        slot = next(s for s in api.get(f"/sessions/{session_id}/slots").json()["items"] if s["start"] == "15:00")
        done = api.put(f"/sessions/{session_id}/slots/{slot.pop('id')}", json={**slot, "end": "17:30", "label_en": "3-5.30 p.m."})
        assert done.status_code == 200, done.text
        body = next(b for b in api.get(f"/sessions/{session_id}/bodies").json()["items"] if b["key"] == "wg2")
        done = api.put(f"/sessions/{session_id}/bodies/{body.pop('id')}", json={**body, "name_en": "Technical Assistance Working Group"})
        assert done.status_code == 200, done.text


@pytest.fixture(scope="module")
def edited(listings):
    """The session as the secretariat edited it after version 2, which version 3 publishes."""
    return listings.pop("edited session")


@pytest.fixture(scope="module")
def listings(wg2_wg3, migrated_sqlite, tmp_path_factory) -> dict[int | str, list[str]]:
    """What khal lists after each step, each followed by a sync: version 1, version 2, the session edited, version 3."""
    home = tmp_path_factory.mktemp("delegate")
    shutil.copyfile(migrated_sqlite, home / "podium.db")
    app = create_app(f"sqlite:///{home / 'podium.db'}")
    with app.state.sessionmaker() as db:
        session = store(db, wg2_wg3)  # the published programme becomes version 1
        db.commit()
    out = {}
    with serving(app) as base:
        env = _configure(home, f"{base}/sessions/{session.id}/feed.ics")
        _run(env, str(BIN / "vdirsyncer"), "-c", str(home / "vdirsyncer.conf"), "discover")
        out[1] = _sync_and_list(home, env)
        with app.state.sessionmaker() as db:
            publish(db, session.id, wg2_wg3.session, revised(wg2_wg3.session, wg2_wg3.programme))
            db.commit()
        out[2] = _sync_and_list(home, env)
        _edit_the_session(base, app, session.id)
        out["edited"] = _sync_and_list(home, env)
        with app.state.sessionmaker() as db:
            edited = current(db, session.id)
            publish(db, session.id, edited, revised(edited, wg2_wg3.programme))
            db.commit()
        out[3] = _sync_and_list(home, env)
        out["edited session"] = edited  # type: ignore[assignment]
    app.state.engine.dispose()
    return out


def _line(session, meeting, status="CONFIRMED", prefix="") -> str:
    start, end = meeting_times(session, meeting)
    return f"{start:%Y-%m-%d %H:%M}|{end:%Y-%m-%d %H:%M}|{status} |{prefix}{summary(session, meeting, 'en')}"


def _starts(when) -> str:
    return f"{when[0]} {when[1]:%H:%M}|"


def _at(programme, when):
    return next(m for m in programme.meetings if (m.date, m.slot) == when)


def test_version_1_lists_every_meeting_once_at_its_local_time(wg2_wg3, listings):
    expected = [_line(wg2_wg3.session, m) for m in wg2_wg3.programme.sorted().meetings]
    assert listings[1] == expected


def test_version_2_lists_the_moved_meeting_once_at_its_new_time(wg2_wg3, listings):
    moved = _at(revised(wg2_wg3.session, wg2_wg3.programme), MOVED_TO)
    assert listings[2].count(_line(wg2_wg3.session, moved)) == 1
    assert not any(line.startswith(_starts(MOVED_FROM)) for line in listings[2])


def test_version_2_shows_the_dropped_meeting_cancelled_or_not_at_all(wg2_wg3, listings):
    dropped = _at(wg2_wg3.programme, DROPPED)
    at_dropped = [line for line in listings[2] if line.startswith(_starts(DROPPED))]
    assert at_dropped in ([], [_line(wg2_wg3.session, dropped, "CANCELLED", "Cancelled: ")])


def test_version_2_lists_every_other_meeting_as_before(wg2_wg3, listings):
    untouched = {MOVED_FROM, DROPPED}
    expected = [_line(wg2_wg3.session, m) for m in wg2_wg3.programme.sorted().meetings if (m.date, m.slot) not in untouched]
    changed = (_starts(MOVED_TO), _starts(DROPPED))
    assert [line for line in listings[2] if not line.startswith(changed)] == expected


def test_an_edit_after_publishing_changes_no_event(listings):
    assert listings["edited"] == listings[2]


def test_version_3_shows_the_edited_session_in_every_meeting_it_keeps(wg2_wg3, listings, edited):
    expected = [_line(edited, m) for m in revised(edited, wg2_wg3.programme).sorted().meetings]
    assert [line for line in listings[3] if not line.startswith(_starts(DROPPED))] == expected
    assert any("17:30|" in line and "Technical Assistance Working Group" in line for line in listings[3])

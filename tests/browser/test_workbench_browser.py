"""The secretariat's workbench in headless Chromium: a session from nothing to a published annex through the pages alone; a file uploaded twice."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.db.tokens import Role
from service.web.app import create_app
from service.worker import WorkerConfig, work_once
from tests.helpers import EXAMPLES, FIXTURES
from tests.helpers.apiclient import token
from tests.helpers.browser import serious_violations, tab
from tests.helpers.localserver import serving

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots13")
NARROW = 390


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Iterator[tuple[str, object, str]]:
    """The app on a fresh, empty SQLite copy, served by uvicorn; a secretariat token."""
    path = tmp_path_factory.mktemp("bench") / "podium.db"
    shutil.copyfile(migrated_sqlite, path)
    app = create_app(f"sqlite:///{path}")
    with serving(app) as base:
        yield base, app, token(app, Role.secretariat)
    app.state.engine.dispose()


@pytest.fixture
def page(browser, site):
    context = tab(browser, site[0], site[2])
    yield context.new_page()
    context.close()


def _inspect(page, name: str) -> None:
    """Screenshots at 1280 and 390 px; no serious or critical axe-core violation; no horizontal scroll when narrow."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"), full_page=True)
    bad = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in serious_violations(page)]
    assert not bad, f"{name}: {bad}"
    page.set_viewport_size({"width": NARROW, "height": 900})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
        assert width <= NARROW, f"{name} scrolls sideways at {NARROW} px: {width} px wide"
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def _submit(page, form: str) -> None:
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")


def test_a_session_is_set_up_drafted_and_published_through_the_pages(page, site):
    base, app, _ = site
    page.goto(f"{base}/ui")
    page.click("text=Set up a new session")
    _inspect(page, "01-new-session")
    page.fill("#name_en", "Commission on Narcotic Drugs, sixty-seventh session")
    page.fill("#name_zh", "麻醉药品委员会第六十七届会议")
    page.fill("#symbols", "E/CN.7/2024/1")
    page.fill("#venue", "Vienna")
    page.fill("#timezone", "Europe/Vienna")
    page.fill("#first_day", "2024-03-14")
    page.fill("#last_day", "2024-03-22")
    _submit(page, "#new-session")
    assert "/setup/slots" in page.url
    assert "no meeting slots yet" in page.text_content("#feedback")

    for start, end in (("10:00", "13:00"), ("15:00", "18:00")):
        page.fill("#slot-start", start)
        page.fill("#slot-end", end)
        _submit(page, "#add-slot")
    assert page.locator("#slot-table tbody tr").count() == 2
    assert "Meeting days: 7" in page.text_content("main")
    _inspect(page, "02-slots")

    page.click("nav.tabs >> text=Bodies and rooms")
    for key, name, kind in (("plenary", "Plenary", "plenary"), ("cow", "Committee of the Whole", "committee_of_the_whole")):
        page.fill("#body-key", key)
        page.fill("#body-name", name)
        page.select_option("#body-kind", kind)
        _submit(page, "#add-body")
    _inspect(page, "03-bodies")

    page.click("nav.tabs >> text=Agenda")
    page.select_option("#paste-body", "plenary")
    page.fill("#paste-text", (FIXTURES / "agendas" / "cnd67.en.txt").read_text(encoding="utf-8"))
    _submit(page, "#paste-form")
    assert "Read 12 items in English" in page.text_content("#paste-preview")
    _inspect(page, "04-paste-preview")
    _submit(page, "#paste-confirm")
    assert page.locator("table.agenda[data-body=plenary] tbody tr").count() == 12

    page.select_option("#paste-body", "plenary")
    page.select_option("#paste-lang", "zh")
    page.fill("#paste-text", (FIXTURES / "agendas" / "cnd67.zh.txt").read_text(encoding="utf-8"))
    _submit(page, "#paste-form")
    assert page.locator("#paste-preview td", has_text="title set on the existing item").count() == 12
    _submit(page, "#paste-confirm")

    page.select_option("#item-body", "cow")
    page.fill("#item-code", "CW")
    page.fill("#item-title", "Consideration of draft resolutions")
    page.fill("#item-hours", "6")
    _submit(page, "#add-item")
    assert page.locator("table.agenda[data-body=cow] tbody tr").count() == 1
    _inspect(page, "05-agenda")

    page.click("nav.tabs >> text=Translations")
    row = page.locator("#titles tbody tr").nth(11)  # plenary item 12
    assert row.locator("td[lang=en] input").input_value() == "Closing of the session"
    assert row.locator("td[lang=zh] input").input_value() == "会议闭幕"
    assert row.locator("td.missing").count() == 4  # ar, fr, ru, es
    _inspect(page, "06-translations")

    page.click("nav.tabs >> text=Rules")
    page.fill("#r-once", "2")
    page.fill("#r-teams", "2")
    _submit(page, "#rules")
    page.select_option("#pin-item", "plenary|12")
    page.select_option("#pin-date", "2024-03-22")
    page.select_option("#pin-slot", "15:00")
    _submit(page, "#add-pin")
    assert "plenary 12: Fri 22 Mar 15:00" in page.text_content("#pins + ul")
    assert "Nothing seen that a draft would break" in page.text_content("#feedback")
    _inspect(page, "07-rules")

    page.fill("#draft input[name=time_limit]", "2")
    _submit(page, "#draft")
    assert page.text_content("#status") == "queued"
    assert work_once(app.state.sessionmaker, WorkerConfig(owner="browser-test")) is not None
    page.reload()
    assert page.text_content("#status") in ("optimal", "feasible")
    assert page.text_content("#violations").startswith("Keeps every rule")

    page.fill("#publish input[name=note]", "First programme of work")
    _submit(page, "#publish")
    page.goto(f"{base}{page.url.split(base)[1].split('/versions')[0]}/annex?lang=zh")
    assert "会议闭幕" in page.text_content("#annex")
    _inspect(page, "08-annex")


def test_an_uploaded_session_file_is_previewed_and_a_second_upload_warned_as_a_duplicate(page, site):
    base = site[0]
    for attempt in (1, 2):
        page.goto(f"{base}/ui/upload")
        page.set_input_files("#file", str(EXAMPLES / "wg2-wg3-2022.yaml"))
        _submit(page, "#upload")
        preview = page.text_content("#upload-preview")
        assert "It carries a programme" in preview
        assert (page.locator("#duplicate").count() == 1) == (attempt == 2)
        if attempt == 2:
            _inspect(page, "09-upload-duplicate")
            break
        _submit(page, "#import")
        assert "/setup" in page.url
        _inspect(page, "10-imported-details")

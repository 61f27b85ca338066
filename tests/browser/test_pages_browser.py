"""The web pages in headless Chromium (Debian's, through Playwright): a variant made, compared, published, seen in the history and the feeds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from service.db.tokens import Role
from service.web.access import COOKIE
from service.web.app import create_app
from tests.helpers import ROOT
from tests.helpers.apiclient import token
from tests.helpers.localserver import serving

pytestmark = pytest.mark.browser

EXAMPLES = ROOT / "examples"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = Path("/tmp/podium-screenshots")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Iterator[tuple[str, int, str]]:
    """The app on a fresh SQLite copy, served by uvicorn, with the 2022 working group meetings imported; a secretariat token."""
    path = tmp_path_factory.mktemp("site") / "podium.db"
    shutil.copyfile(migrated_sqlite, path)
    app = create_app(f"sqlite:///{path}")
    secretariat = token(app, Role.secretariat)
    with serving(app) as base:
        response = httpx.post(f"{base}/sessions/import", content=(EXAMPLES / "wg2-wg3-2022.yaml").read_bytes(),
                              headers={"content-type": "application/yaml", "authorization": f"Bearer {secretariat}"})
        assert response.status_code == 201, response.text
        yield base, response.json()["id"], secretariat
    app.state.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    """A browser tab signed in as the secretariat."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": COOKIE, "value": site[2], "url": site[0]}])
    yield context.new_page()
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _new_variant(page, base: str, sid: int, name: str, source: str) -> None:
    page.goto(f"{base}/ui/sessions/{sid}")
    page.fill("#new-variant input[name=name]", name)
    page.select_option("#new-variant select[name=source]", source)
    page.click("#new-variant button[type=submit]")
    page.wait_for_url("**/variants/*")


def test_a_variant_is_made_compared_published_and_its_change_appears_in_history_and_feeds(page, site):
    base, sid, _ = site
    _new_variant(page, base, sid, "As published", "version:1")
    assert page.text_content("#violations").startswith("Keeps every rule")
    _new_variant(page, base, sid, "Closing on Friday afternoon", "version:1")

    page.select_option("#move-meeting select[name=meeting]", "2022-05-27|10:00|wg3")
    page.select_option("#move-meeting select[name=to]", "2022-05-27|15:00")
    page.click("#move-meeting button[type=submit]")
    page.wait_for_load_state()
    assert page.text_content("#status") == "edited"
    assert page.text_content("#violations").startswith("Keeps every rule")
    _shot(page, "1-variant-edited")

    page.select_option("#compare select[name=variant]", label="As published")
    page.click("#compare button[type=submit]")
    page.wait_for_url("**/compare?*")
    friday_afternoon = page.locator("table.comparison tbody tr", has_text="Fri 27 May").nth(1)
    assert friday_afternoon.locator("td").nth(1).locator(".mark-moved").count() == 2
    assert page.locator("table.comparison tbody tr", has_text="Fri 27 May").nth(0).locator("td").nth(1).locator(".gone").count() == 2
    _shot(page, "2-comparison")

    page.go_back()
    page.fill("#publish input[name=note]", "Closing meeting moved to Friday afternoon")
    page.click("#publish button[type=submit]")
    page.wait_for_url("**/versions*")
    latest = page.locator("#v2")
    assert "Closing meeting moved to Friday afternoon" in latest.text_content()
    assert "moved from Fri 27 May 2022 10:00 to Fri 27 May 2022 15:00" in latest.locator("ul.changes").text_content()
    _shot(page, "3-version-history")

    atom = page.request.get(f"{base}/sessions/{sid}/changes.atom").text()
    assert "Version 2: 1 change (against version 1)" in atom and "to Fri 27 May 2022 15:00" in atom
    calendar = page.request.get(page.get_attribute("table.feeds a[href^='http'][href$='/feed.ics']", "href")).text()
    assert "DTSTART;TZID=Europe/Vienna:20220527T150000" in calendar


def test_an_edit_that_breaks_rules_is_shown_and_kept_only_when_asked(page, site):
    base, sid, _ = site
    _new_variant(page, base, sid, "Swapped", "version:1")
    page.click("text=Swap two meetings")
    page.select_option("#swap select[name=first]", "2022-05-23|10:00|wg3")
    page.select_option("#swap select[name=second]", "2022-05-27|10:00|wg3")
    page.click("#swap button[type=submit]")
    page.wait_for_load_state()
    assert "This edit breaks rules of the session" in page.text_content("[role=alert]")
    assert page.text_content("#status") != "edited"
    _shot(page, "4-edit-refused")
    page.click("#keep-anyway button")
    page.wait_for_load_state()
    assert page.text_content("#status") == "edited"
    assert "Rules this programme breaks" in page.text_content("#violations")


def test_the_annex_switches_language(page, site):
    base, sid, _ = site
    page.goto(f"{base}/ui/sessions/{sid}/annex")
    page.click("nav.langs a[lang=zh]")
    page.wait_for_url("**lang=zh")
    frame = page.frame_locator("iframe.annex")
    assert "拟议工作安排" in frame.locator("h1").text_content()
    page.click("nav.langs a[lang=ar]")
    page.wait_for_url("**lang=ar")
    assert page.frame_locator("iframe.annex").locator("html").get_attribute("dir") == "rtl"
    _shot(page, "5-annex-arabic")

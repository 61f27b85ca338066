"""The web pages in headless Chromium (Debian's, through Playwright): a variant made, compared, published, seen in the history and the feeds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from service.db.tokens import Role
from service.web.app import create_app
from tests.helpers import ROOT
from tests.helpers.apiclient import token
from tests.helpers.browser import serious_violations, tab
from tests.helpers.localserver import serving

pytestmark = pytest.mark.browser

EXAMPLES = ROOT / "examples"
SHOTS = Path("/tmp/podium-screenshots")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Iterator[tuple[str, int, str, str]]:
    """The app on a fresh SQLite copy, served by uvicorn, with the 2022 working group meetings imported; a secretariat and a bureau token."""
    path = tmp_path_factory.mktemp("site") / "podium.db"
    shutil.copyfile(migrated_sqlite, path)
    app = create_app(f"sqlite:///{path}")
    secretariat = token(app, Role.secretariat)
    bureau = token(app, Role.bureau, "Vice-Chair")
    with serving(app) as base:
        response = httpx.post(f"{base}/sessions/import", content=(EXAMPLES / "wg2-wg3-2022.yaml").read_bytes(),
                              headers={"content-type": "application/yaml", "authorization": f"Bearer {secretariat}"})
        assert response.status_code == 201, response.text
        yield base, response.json()["id"], secretariat, bureau
    app.state.engine.dispose()


@pytest.fixture
def page(browser, site):
    """A browser tab signed in as the secretariat."""
    context = tab(browser, site[0], site[2])
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
    base, sid, *_ = site
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
    friday_afternoon = page.locator("table.comparison tbody tr", has=page.locator("time[datetime='2022-05-27']")).nth(1)
    assert friday_afternoon.locator("td").nth(1).locator(".mark").count() == 1  # one mark a cell
    assert friday_afternoon.locator("td").nth(1).locator(".mark-moved").count() == 1
    assert friday_afternoon.locator("td").nth(1).locator(".take-moved").count() == 2
    assert page.locator("table.comparison tbody tr", has=page.locator("time[datetime='2022-05-27']")).nth(0).locator("td").nth(1).locator(".gone").count() == 2
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
    base, sid, *_ = site
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
    base, sid, *_ = site
    page.goto(f"{base}/ui/sessions/{sid}/annex")
    page.click("nav.langs a[lang=zh]")
    page.wait_for_url("**lang=zh")
    assert "拟议工作安排" in page.text_content("#annex h1")
    page.click("nav.langs a[lang=ar]")
    page.wait_for_url("**lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    _shot(page, "5-annex-arabic")


# --- the bureau's review, a delegate's pages, accessibility and small screens ---

SHOTS14 = Path("/tmp/shots14")


def _api(base: str, key: str, method: str, path: str, headers: dict[str, str] | None = None, **kwargs) -> httpx.Response:
    return httpx.request(method, base + path, headers={"authorization": f"Bearer {key}", **(headers or {})}, **kwargs)


@pytest.fixture
def needs_approval(site) -> tuple[int, int]:
    """Another copy of the session that needs one current approval to publish, with a variant of its published programme."""
    base, _, secretariat, _ = site
    sid = _api(base, secretariat, "POST", "/sessions/import?copy=true", content=(EXAMPLES / "wg2-wg3-2022.yaml").read_bytes(),
               headers={"content-type": "application/yaml"}).json()["id"]
    fields = {k: v for k, v in _api(base, secretariat, "GET", f"/sessions/{sid}").json().items() if k not in ("id", "version")}
    assert _api(base, secretariat, "PUT", f"/sessions/{sid}", json={**fields, "approvals_needed": 1}).status_code == 200
    vid = _api(base, secretariat, "POST", f"/sessions/{sid}/variants", json={"name": "Bureau draft", "version": 1}).json()["id"]
    return sid, vid


def test_the_bureau_comments_and_approves_and_the_approval_goes_out_of_date_after_an_edit(browser, site, needs_approval):
    base, _, secretariat, _ = site
    sid, vid = needs_approval
    bureau = tab(browser, base, site[3])
    page = bureau.new_page()
    page.goto(f"{base}/ui/sessions/{sid}/variants/{vid}")
    page.fill("#comment textarea", "Keep the closing on Friday morning")
    page.click("#comment button")
    page.wait_for_url("**#review")
    assert "Keep the closing on Friday morning" in page.text_content("#comments")
    page.click("#approve button")
    page.wait_for_url("**#review")
    assert "(current)" in page.text_content("#approvals")
    page.goto(f"{base}/ui/sessions/{sid}")
    assert "1 current approval(s) of 1 needed" in page.text_content(f"#variant-{vid} .review")

    edit = {"kind": "move_meeting", "meeting": {"date": "2022-05-27", "slot": "10:00", "body": "wg3"}, "to": {"date": "2022-05-27", "slot": "15:00"}}
    assert _api(base, secretariat, "POST", f"/sessions/{sid}/variants/{vid}/edits", json={"edit": edit}).status_code == 200
    page.goto(f"{base}/ui/sessions/{sid}/variants/{vid}")
    assert "out of date" in page.text_content("#approvals")
    assert "0 current approval(s); publishing needs 1" in page.text_content("#approval-state")
    bureau.close()


def test_publishing_is_refused_while_the_approvals_the_session_needs_are_missing(page, site, needs_approval):
    base = site[0]
    sid, vid = needs_approval
    page.goto(f"{base}/ui/sessions/{sid}/variants/{vid}")
    assert "the bureau must approve this variant" in page.text_content("#publish-approvals")
    page.fill("#publish input[name=note]", "Not yet approved")
    page.click("#publish button[type=submit]")
    page.wait_for_load_state()
    assert "publishing needs 1 current approval(s) of the bureau" in page.text_content("[role=alert]")
    assert page.request.get(f"{base}/sessions/{sid}/versions").json()[-1]["number"] == 1


@pytest.mark.parametrize(("lang", "title", "subscribe"), [("zh", "拟议工作安排", "订阅"), ("fr", "organisation des travaux", "S’abonner"), ("ar", "تنظيم الأعمال", "اشترك")])
def test_a_delegate_reads_the_annex_and_subscribes_in_their_language(browser, site, lang, title, subscribe):
    base, sid, *_ = site
    context = tab(browser, base)
    page = context.new_page()
    page.goto(f"{base}/ui/sessions/{sid}/annex?lang={lang}")
    assert title in page.text_content("#annex h1")
    assert page.text_content("#subscribe") == subscribe
    links = page.eval_on_selector_all(f"table.feeds a[href$='.ics?lang={lang}']", "els => els.map(e => e.href)")
    assert links and any(x.startswith("webcal://") for x in links)
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    page.click("header a[href*='/versions']")  # the language goes with the delegate
    assert page.get_attribute("html", "lang") == lang
    context.close()


def test_a_delegate_makes_a_personal_feed_and_revokes_it(browser, site):
    base, sid, *_ = site
    context = tab(browser, base)
    page = context.new_page()
    page.goto(f"{base}/ui/sessions/{sid}/annex?lang=fr")
    page.check("#personal-feed input[name=body][value=wg2]")
    page.click("#personal-feed button")
    page.wait_for_load_state()
    https = page.get_attribute("#made-https", "href")
    assert page.get_attribute("#made-webcal", "href").startswith("webcal://") and https.endswith("?lang=fr")
    assert "BEGIN:VCALENDAR" in page.request.get(https).text()
    page.click("#revoke button")
    page.wait_for_load_state()
    assert page.text_content("#revoked") == "Flux révoqué"
    assert page.request.get(https).status == 410
    context.close()


def _pages(site, needs_approval) -> list[str]:
    base, sid, *_ = site
    other, vid = needs_approval
    return ["/ui", f"/ui/sessions/{sid}", f"/ui/sessions/{other}/variants/{vid}", f"/ui/sessions/{sid}/annex", f"/ui/sessions/{sid}/versions",
            f"/ui/sessions/{sid}/versions/1", f"/ui/sessions/{sid}/compare?variant=1&variant=2", f"/ui/sessions/{sid}/compare?variant=1",
            "/ui/login", f"/ui/sessions/{sid}/versions/99"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page_has_no_serious_accessibility_violation(page, site, needs_approval, lang):
    base = site[0]
    found = {}
    for path in _pages(site, needs_approval):
        page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
        bad = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in serious_violations(page)]
        if bad:
            found[path] = bad
    assert found == {}


@pytest.mark.parametrize("lang", ["zh", "ar"])
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_fit_the_screen_and_are_photographed(browser, site, needs_approval, lang, width):
    base, sid, secretariat, _ = site
    context = tab(browser, base, secretariat, width)
    page = context.new_page()
    SHOTS14.mkdir(exist_ok=True)
    other, vid = needs_approval
    wide = {}
    for name, path in [("annex", f"/ui/sessions/{sid}/annex"), ("overview", f"/ui/sessions/{sid}"), ("variant", f"/ui/sessions/{other}/variants/{vid}"),
                       ("compare", f"/ui/sessions/{sid}/compare?variant=1&variant=2")]:
        page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
        page.screenshot(path=str(SHOTS14 / f"{name}-{lang}-{width}.png"), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[name] = scroll
    context.close()
    assert wide == {}

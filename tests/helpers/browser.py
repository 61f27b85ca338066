"""For the browser tests: signed-in tabs, and axe-core's verdict on a page."""

from __future__ import annotations

from service.web.access import COOKIE


def tab(browser, base: str, key: str | None = None, width: int = 1280):
    """A browser context of `width` px, signed in with the token `key` (the public without one)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    if key:
        context.add_cookies([{"name": COOKIE, "value": key, "url": base}])
    return context


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    return [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]

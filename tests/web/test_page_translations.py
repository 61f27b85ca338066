"""The pages in the six languages: every message translated in the five catalogs, the language kept from page to page."""

import re

import pytest
from babel.messages.pofile import read_po

from service.web.pages.i18n import LOCALE, TRANSLATED, extracted
from tests.helpers.apiclient import import_example

PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_of_the_pages_is_translated(lang):
    catalog = _catalog(lang)
    missing = [m.id for m in extracted() if m.id and not (catalog.get(m.id) and catalog.get(m.id).string)]
    assert missing == [], f"untranslated in {lang}: run `python -m service.web.pages.i18n extract` and translate {missing}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_every_placeholder(lang):
    wrong = [m.id for m in _catalog(lang) if m.id and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))]
    assert wrong == []


def test_a_page_in_chinese_speaks_chinese_and_keeps_the_language_for_the_next_page(client):  # noqa: F811
    sid = import_example(client, "cop10-2020.yaml")
    annex = client.get(f"/ui/sessions/{sid}/annex?lang=zh").text
    history = client.get(f"/ui/sessions/{sid}/versions").text  # no ?lang=: the cookie carries it
    assert '<html lang="zh" dir="ltr">' in annex and "订阅" in annex and "附件" in annex
    assert '<html lang="zh"' in history and "版本历史" in history


def test_arabic_pages_run_right_to_left_with_subscribe_links_in_arabic(client):  # noqa: F811
    sid = import_example(client, "cop10-2020.yaml")
    page = client.get(f"/ui/sessions/{sid}/annex?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in page
    assert re.search(r'href="http://testserver/sessions/\d+/feed\.ics\?lang=ar"', page)
    assert re.search(r'href="webcal://testserver/sessions/\d+/feed\.ics\?lang=ar"', page)


def test_switching_the_language_of_a_comparison_keeps_its_variants(client):  # noqa: F811
    sid = import_example(client, "cop10-2020.yaml")
    for name in ("a", "b"):
        client.post(f"/ui/sessions/{sid}/variants", data={"name": name, "source": "version:1"})
    page = client.get(f"/ui/sessions/{sid}/compare", params={"variant": ["1", "2"]}).text
    assert f'href="/ui/sessions/{sid}/compare?variant=1&amp;variant=2&amp;lang=fr"' in page

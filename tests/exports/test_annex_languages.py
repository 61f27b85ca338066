"""Dates, weekdays, time ranges and "continued" in the six languages, each as a real UN document prints it."""

import datetime as dt

import pytest

from service.exports.annex.labels import SOURCES, WORDS, ar_month, day_label, slot_label, words

MONDAY = dt.date(2020, 10, 12)


def _printed(source):
    """What Podium prints for the example each source gives: a day, a slot or a continued title."""
    if source.kind == "day":
        return day_label(MONDAY, source.lang)
    if source.kind == "day_year":
        return day_label(dt.date(2022, 5, 23), source.lang, year=True)
    if source.kind == "slot":
        start, end = SLOTS[source.form]
        return slot_label(dt.time(start), dt.time(end), source.lang)
    return source.form.removesuffix(words(source.lang)["continued"]) + words(source.lang)["continued"]


# The hours of each slot form that SOURCES cites.
SLOTS = {
    "10 a.m.–1 p.m.": (10, 13), "3–6 p.m.": (15, 18), "12 noon–2 p.m.": (12, 14),
    "中午 12 时至下午 2 时": (12, 14), "上午 10 时至下午 1 时": (10, 13), "下午 3 时至 6 时": (15, 18),
    "12 heures-14 heures": (12, 14), "12.00 a 14.00 horas": (12, 14), "12 ч. 00 м. – 14 ч. 00 м.": (12, 14), "12:00-14:00": (12, 14),
}


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: f"{s.lang}-{s.kind}-{s.symbol}")
def test_each_form_is_printed_as_the_document_that_names_it_prints_it(source):
    assert _printed(source) == source.form


def test_every_language_has_a_source_for_its_day_its_slot_and_continued():
    for lang in WORDS:
        assert {"day", "slot", "continued"} <= {s.kind for s in SOURCES if s.lang == lang}, lang


def test_english_ranges_use_an_en_dash():
    assert slot_label(dt.time(10), dt.time(13), "en") == "10 a.m.\u20131 p.m."


def test_english_gives_the_period_once_when_both_ends_share_it():
    assert slot_label(dt.time(15), dt.time(18), "en") == "3\u20136 p.m."


def test_english_days_with_the_year():
    assert day_label(dt.date(2022, 5, 23), "en", year=True) == "Monday, 23 May 2022"


def test_chinese_days_with_and_without_the_year():
    assert day_label(dt.date(2022, 5, 23), "zh", year=True) == "2022年5月23日，星期一"
    assert day_label(dt.date(2022, 5, 23), "zh") == "5月23日，星期一"


def test_chinese_ranges_name_the_period_of_each_end_that_differs():
    assert slot_label(dt.time(10), dt.time(13), "zh") == "上午 10 时至下午 1 时"
    assert slot_label(dt.time(15), dt.time(18), "zh") == "下午 3 时至 6 时"


def test_arabic_months_carry_both_names_as_un_arabic_prints_them():
    assert [ar_month(m) for m in (6, 7, 9, 10)] == ["حزيران/يونيه", "تموز/يوليه", "أيلول/سبتمبر", "تشرين الأول/أكتوبر"]


def test_arabic_days_put_the_weekday_first_with_an_arabic_comma():
    assert day_label(dt.date(2022, 9, 6), "ar") == "الثلاثاء، 6 أيلول/سبتمبر"
    assert day_label(dt.date(2022, 9, 6), "ar", year=True) == "الثلاثاء، 6 أيلول/سبتمبر 2022"


def test_arabic_times_are_the_numeric_range():
    assert slot_label(dt.time(10), dt.time(13), "ar") == "10:00-13:00"


def test_french_days_and_times():
    assert day_label(dt.date(2022, 5, 23), "fr", year=True) == "Lundi 23 mai 2022"
    assert slot_label(dt.time(10, 30), dt.time(13), "fr") == "10 h 30-13 heures"


def test_spanish_days_and_times():
    assert day_label(dt.date(2022, 5, 23), "es", year=True) == "Lunes 23 de mayo de 2022"
    assert slot_label(dt.time(15), dt.time(18), "es") == "15.00 a 18.00 horas"


def test_russian_days_and_times():
    assert day_label(dt.date(2022, 5, 23), "ru", year=True) == "Понедельник, 23 мая 2022 года"
    assert slot_label(dt.time(15), dt.time(18), "ru") == "15 ч. 00 м. – 18 ч. 00 м."


@pytest.mark.parametrize("lang, mark", [("en", " (continued)"), ("zh", "（续）"), ("fr", " (suite)"), ("es", " (continuación)"),
                                        ("ru", " (продолжение)"), ("ar", " (تابع)")])
def test_continued_in_each_language(lang, mark):
    assert words(lang)["continued"] == mark

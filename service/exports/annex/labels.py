"""The printed words of the annex in the six official languages: headings, dates, times and "continued".

Dates and weekdays come from CLDR through Babel where CLDR prints what the UN prints; where UN
editorial practice differs (Arabic month names, the en dash of English time ranges, the Chinese
spacing of numerals) the difference is written out here. `SOURCES` names, for each form, a real
document that prints it; docs/annex-languages.md says which of them were checked against a copy.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from babel.dates import format_date, format_time, get_day_names, get_month_names

RTL_LANGUAGES = ("ar",)
# Scripts whose type has a true italic: UN Chinese and Arabic documents set column headings upright.
ITALIC_LANGUAGES = ("en", "fr", "es", "ru")
EN_DASH = "\u2013"

# The fixed words of the table as the UN prints them in each language. The three time headings
# are the choices of DocumentStyle.time_heading; "parallel" / "parallel_plural" of parallel_plural.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "annex": "Annex",
        "title": "Proposed organization of work",
        "date/time": "Date/time",
        "date and time": "Date and time",
        "time": "Time",
        "item": "Agenda item",
        "description": "Title or description",
        "parallel": "Parallel meeting",
        "parallel_plural": "Parallel meetings",
        "continued": " (continued)",
        "journal": "Programme of meetings",
        "room": "Room",
        "joint": "(joint meeting)",
        "closed": "No meetings are scheduled for this day.",
    },
    "zh": {
        "annex": "附件",
        "title": "拟议工作安排",
        "date/time": "日期/时间",
        "date and time": "日期和时间",
        "time": "时间",
        "item": "议程项目",
        "description": "标题或说明",
        "parallel": "平行会议",
        "parallel_plural": "平行会议",
        "continued": "（续）",
        "journal": "会议日程",
        "room": "会议室",
        "joint": "（联席会议）",
        "closed": "本日未安排会议。",
    },
    "fr": {
        "annex": "Annexe",
        "title": "Projet d'organisation des travaux",
        "date/time": "Date/heure",
        "date and time": "Date et heure",
        "time": "Heure",
        "item": "Point de l'ordre du jour",
        "description": "Titre ou description",
        "parallel": "Réunion parallèle",
        "parallel_plural": "Réunions parallèles",
        "continued": " (suite)",
        "journal": "Programme des séances",
        "room": "Salle",
        "joint": "(séance commune)",
        "closed": "Aucune séance n'est prévue ce jour.",
    },
    "es": {
        "annex": "Anexo",
        "title": "Organización de los trabajos propuesta",
        "date/time": "Fecha/hora",
        "date and time": "Fecha y hora",
        "time": "Hora",
        "item": "Tema del programa",
        "description": "Título o descripción",
        "parallel": "Sesión paralela",
        "parallel_plural": "Sesiones paralelas",
        "continued": " (continuación)",
        "journal": "Programa de sesiones",
        "room": "Sala",
        "joint": "(sesión conjunta)",
        "closed": "No hay sesiones previstas para este día.",
    },
    "ru": {
        "annex": "Приложение",
        "title": "Предлагаемая организация работы",
        "date/time": "Дата/время",
        "date and time": "Дата и время",
        "time": "Время",
        "item": "Пункт повестки дня",
        "description": "Название или описание",
        "parallel": "Параллельное заседание",
        "parallel_plural": "Параллельные заседания",
        "continued": " (продолжение)",
        "journal": "Программа заседаний",
        "room": "Зал",
        "joint": "(совместное заседание)",
        "closed": "На этот день заседания не запланированы.",
    },
    "ar": {
        "annex": "المرفق",
        "title": "تنظيم الأعمال المقترح",
        "date/time": "التاريخ/الوقت",
        "date and time": "التاريخ والوقت",
        "time": "الوقت",
        "item": "البند من جدول الأعمال",
        "description": "العنوان أو الوصف",
        "parallel": "الجلسة الموازية",
        "parallel_plural": "الجلسات الموازية",
        "continued": " (تابع)",
        "journal": "برنامج الجلسات",
        "room": "القاعة",
        "joint": "(جلسة مشتركة)",
        "closed": "لم تقرر أي جلسات في هذا اليوم.",
    },
}

# Day rows in the order the UN prints them: CLDR names (Babel), with and without the year.
DAY_PATTERNS = {
    "en": ("EEEE, d MMMM", "EEEE, d MMMM y"),
    "zh": ("M月d日，EEEE", "y年M月d日，EEEE"),
    "fr": ("EEEE d MMMM", "EEEE d MMMM y"),
    "es": ("EEEE d 'de' MMMM", "EEEE d 'de' MMMM 'de' y"),
    "ru": ("EEEE, d MMMM", "EEEE, d MMMM y 'года'"),
}

# UN Arabic prints each month by both of its names, the Syriac one first: "أيلول/سبتمبر". CLDR
# has the first in ar_SY and the second in ar, except that the UN writes June and July
# "يونيه", "يوليه" where CLDR (Egypt) writes "يونيو", "يوليو".
AR_WESTERN_MONTHS_UN = {6: "يونيه", 7: "يوليه"}


class Source(NamedTuple):
    """A printed form, and a document that prints it."""

    lang: str
    kind: str
    form: str
    symbol: str


SOURCES = (
    Source("en", "day", "Monday, 12 October", "CTOC/COP/2020/1"),
    Source("en", "slot", "10 a.m.–1 p.m.", "A/AC.291/11"),
    Source("en", "slot", "3–6 p.m.", "A/AC.291/11"),
    Source("en", "slot", "12 noon–2 p.m.", "CTOC/COP/2020/1"),
    Source("en", "continued", "General discussion (continued)", "CTOC/COP/2020/1"),
    Source("zh", "day", "10月12日，星期一", "CTOC/COP/2020/1"),
    Source("zh", "day_year", "2022年5月23日，星期一", "CTOC/COP/WG.3/2022/1"),
    Source("zh", "slot", "中午 12 时至下午 2 时", "CTOC/COP/2020/1"),
    Source("zh", "slot", "上午 10 时至下午 1 时", "CTOC/COP/WG.3/2022/1"),
    Source("zh", "slot", "下午 3 时至 6 时", "CTOC/COP/WG.3/2022/1"),
    Source("zh", "continued", "通过联合报告（续）", "CTOC/COP/WG.3/2022/1"),
    Source("fr", "day", "Lundi 12 octobre", "CTOC/COP/2020/1"),
    Source("fr", "slot", "12 heures-14 heures", "CTOC/COP/2020/1"),
    Source("fr", "continued", "Débat général (suite)", "CTOC/COP/2020/1"),
    Source("es", "day", "Lunes 12 de octubre", "CTOC/COP/2020/1"),
    Source("es", "slot", "12.00 a 14.00 horas", "CTOC/COP/2020/1"),
    Source("es", "continued", "Debate general (continuación)", "CTOC/COP/2020/1"),
    Source("ru", "day", "Понедельник, 12 октября", "CTOC/COP/2020/1"),
    Source("ru", "slot", "12 ч. 00 м. – 14 ч. 00 м.", "CTOC/COP/2020/1"),
    Source("ru", "continued", "Общие прения (продолжение)", "CTOC/COP/2020/1"),
    Source("ar", "day", "الاثنين، 12 تشرين الأول/أكتوبر", "CTOC/COP/2020/1"),
    Source("ar", "slot", "12:00-14:00", "CTOC/COP/2020/1"),
    Source("ar", "continued", "المناقشة العامة (تابع)", "CTOC/COP/2020/1"),
)


def words(lang: str) -> dict[str, str]:
    if lang not in WORDS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(WORDS)}")
    return WORDS[lang]


def direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def italic_headings(lang: str) -> bool:
    """Whether the header row is set in italic (never synthetic italic for Chinese or Arabic)."""
    return lang in ITALIC_LANGUAGES


def ar_month(month: int) -> str:
    """'أيلول/سبتمبر': the Syriac name (CLDR ar_SY), a slash, the Western one as the UN spells it."""
    western = AR_WESTERN_MONTHS_UN.get(month) or get_month_names("wide", locale="ar")[month]
    return f"{get_month_names('wide', locale='ar_SY')[month]}/{western}"


def day_label(day: dt.date, lang: str, year: bool = False) -> str:
    """'Monday, 12 October' / '10月12日，星期一'; with `year`, '2022年5月23日，星期一'. Capitalized as a row heading."""
    if lang == "ar":
        weekday = get_day_names("wide", locale="ar")[day.weekday()]
        return f"{weekday}، {day.day} {ar_month(day.month)}" + (f" {day.year}" if year else "")
    if lang not in DAY_PATTERNS:
        raise ValueError(f"unknown language {lang!r}")
    text = format_date(day, DAY_PATTERNS[lang][year], locale=lang)
    return text[:1].upper() + text[1:]


def _en_time(t: dt.time, with_period: bool) -> str:
    if t.hour == 12 and t.minute == 0:
        return "12 noon"
    hour = t.hour % 12 or 12
    text = f"{hour}.{t.minute:02d}" if t.minute else str(hour)
    return f"{text} {'a.m.' if t.hour < 12 else 'p.m.'}" if with_period else text


def _zh_time(t: dt.time, with_period: bool) -> str:
    # CLDR's flexible day periods (B) are exactly the UN's 上午 / 中午 / 下午; numerals stand
    # between spaces, so an end time without its period reads "至 6 时".
    pattern = "h 时 m 分" if t.minute else "h 时"
    return format_time(t, f"B {pattern}" if with_period else f" {pattern}", locale="zh")


def _same_half(start: dt.time, end: dt.time) -> bool:
    return (start.hour >= 12 and end.hour >= 12 and start != dt.time(12)) or (start.hour < 12 and end.hour < 12)


def _fr_time(t: dt.time) -> str:
    return format_time(t, "H 'h' mm", locale="fr") if t.minute else format_time(t, "H 'heures'", locale="fr")


def slot_label(start: dt.time, end: dt.time, lang: str) -> str:
    """A slot as the UN prints it: '10 a.m.–1 p.m.', '3–6 p.m.', '上午 10 时至下午 1 时', '10:00-13:00'."""
    if lang == "en":
        # UN English joins a range with an en dash and gives the period once when both share it.
        return f"{_en_time(start, not _same_half(start, end))}{EN_DASH}{_en_time(end, True)}"
    if lang == "zh":
        return f"{_zh_time(start, True)}至{_zh_time(end, not _same_half(start, end))}"
    if lang == "fr":
        return f"{_fr_time(start)}-{_fr_time(end)}"
    if lang == "es":
        return f"{format_time(start, 'HH.mm', locale='es')} a {format_time(end, 'HH.mm', locale='es')} horas"
    if lang == "ru":
        pattern = "H 'ч.' mm 'м.'"
        return f"{format_time(start, pattern, locale='ru')} – {format_time(end, pattern, locale='ru')}"
    if lang == "ar":
        # UN Arabic annexes print the bare 24-hour range in Western digits; in a right-to-left
        # line it still reads start first, the digits and the hyphen making one left-to-right run.
        return f"{start:%H:%M}-{end:%H:%M}"
    raise ValueError(f"unknown language {lang!r}")

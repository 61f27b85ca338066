"""The printed words of the annex in the six official languages: headings, dates and slot labels."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time

RTL_LANGUAGES = ("ar",)

# The fixed words of the table as the UN prints them in each language.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Proposed organization of work",
        "date_time": "Date and time",
        "item": "Agenda item",
        "description": "Title or description",
        "parallel": "Parallel meetings",
        "continued": " (continued)",
    },
    "zh": {
        "title": "拟议工作安排",
        "date_time": "日期和时间",
        "item": "议程项目",
        "description": "标题或说明",
        "parallel": "平行会议",
        "continued": "（续）",
    },
    "fr": {
        "title": "Projet d'organisation des travaux",
        "date_time": "Date et heure",
        "item": "Point de l'ordre du jour",
        "description": "Titre ou description",
        "parallel": "Réunions parallèles",
        "continued": " (suite)",
    },
    "es": {
        "title": "Organización de los trabajos propuesta",
        "date_time": "Fecha y hora",
        "item": "Tema del programa",
        "description": "Título o descripción",
        "parallel": "Sesiones paralelas",
        "continued": " (continuación)",
    },
    "ru": {
        "title": "Предлагаемая организация работы",
        "date_time": "Дата и время",
        "item": "Пункт повестки дня",
        "description": "Название или описание",
        "parallel": "Параллельные заседания",
        "continued": " (продолжение)",
    },
    "ar": {
        "title": "تنظيم الأعمال المقترح",
        "date_time": "التاريخ والوقت",
        "item": "البند من جدول الأعمال",
        "description": "العنوان أو الوصف",
        "parallel": "الجلسات الموازية",
        "continued": " (تابع)",
    },
}

# Day rows: CLDR month and weekday names (Babel) in the order the UN prints them.
DAY_PATTERNS = {
    "en": "EEEE, d MMMM",
    "zh": "M月d日，EEEE",
    "fr": "EEEE d MMMM",
    "es": "EEEE d 'de' MMMM",
    "ru": "EEEE, d MMMM",
    "ar": "EEEE، d MMMM",
}


def words(lang: str) -> dict[str, str]:
    if lang not in WORDS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(WORDS)}")
    return WORDS[lang]


def direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def day_label(day: dt.date, lang: str) -> str:
    """'Monday, 12 October' / '10月12日，星期一'; capitalized as a row heading."""
    text = format_date(day, DAY_PATTERNS[lang], locale=lang)
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
    return start.hour >= 12 and end.hour >= 12 and start != dt.time(12)


def slot_label(start: dt.time, end: dt.time, lang: str) -> str:
    """A slot as the UN prints it: '10 a.m.-1 p.m.', '3-6 p.m.', '上午 10 时至下午 1 时'."""
    if lang == "en":
        if _same_half(start, end) or (start.hour < 12 and end.hour < 12):
            return f"{_en_time(start, False)}-{_en_time(end, True)}"
        return f"{_en_time(start, True)}-{_en_time(end, True)}"
    if lang == "zh":
        same = _same_half(start, end) or (start.hour < 12 and end.hour < 12)
        return f"{_zh_time(start, True)}至{_zh_time(end, not same)}"
    if lang == "fr":
        return f"{_fr_time(start)}-{_fr_time(end)}"
    if lang == "es":
        return f"{format_time(start, 'HH.mm', locale='es')} a {format_time(end, 'HH.mm', locale='es')} horas"
    if lang == "ru":
        pattern = "H 'ч.' mm 'м.'"
        return f"{format_time(start, pattern, locale='ru')} – {format_time(end, pattern, locale='ru')}"
    if lang == "ar":
        return f"من الساعة {format_time(start, 'HH:mm', locale='ar')} إلى الساعة {format_time(end, 'HH:mm', locale='ar')}"
    raise ValueError(f"unknown language {lang!r}")


def _fr_time(t: dt.time) -> str:
    return format_time(t, "H 'h' mm", locale="fr") if t.minute else format_time(t, "H 'heures'", locale="fr")

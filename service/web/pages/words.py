"""Where a refusal points, in words: `agenda[3].minutes` as "Agenda item 4, estimated time", never an internal path."""

from __future__ import annotations

import re

from service.errors import FieldError

SECTIONS = {
    "agenda": "agenda item", "slots": "slot", "day_slots": "slots of a day", "bodies": "body", "rooms": "room",
    "pins": "pin", "forbidden": "forbidden slot", "avoid_parallel": "pair kept apart", "documents": "document",
    "programme": "programme row", "symbols": "symbol", "excluded_days": "closed day", "variant": "variant",
}
FIELDS = {
    "name_en": "English name", "name_fr": "French name", "name_es": "Spanish name", "name_ru": "Russian name",
    "name_zh": "Chinese name", "name_ar": "Arabic name", "title_en": "English title", "title_fr": "French title",
    "title_es": "Spanish title", "title_ru": "Russian title", "title_zh": "Chinese title", "title_ar": "Arabic title",
    "minutes": "estimated time", "first_day": "first day", "last_day": "last day", "working_days": "working weekdays",
    "joint_with": "joint with", "max_meeting_minutes": "longest meeting", "interpreted_meetings_total": "interpreted meetings in all",
    "interpreted_at_once": "interpreted meetings at once", "interpreter_teams": "interpreter teams", "per_day": "meetings a day",
    "per_week": "meetings a week", "agenda_order": "agenda order", "item_id": "item", "from": "from", "to": "to",
    "token": "token", "time_limit": "time limit", "format": "format", "timezone": "timezone", "code": "code",
    "parent": "heading above", "start": "start", "end": "end", "date": "day", "slot": "slot", "key": "key",
    "seats": "seats", "window": "dates it may meet", "weight": "weight", "first": "first", "second": "second",
}
RULES = {
    "order": "agenda order", "pin": "pin", "window": "dates a body may meet", "days": "days and slots",
    "interpreted_at_once": "interpreted meetings at once", "interpreter_teams": "interpreter teams",
    "interpreted_meetings_total": "interpreted meetings in all", "max_meeting_minutes": "longest meeting", "rooms": "rooms",
    "forbidden": "forbidden slot", "avoid_parallel": "pairs kept apart", "exclusive": "exclusive item", "reserved": "reserved block",
}
# What only says "the request as a whole", or which record the URL named: no label.
SILENT = {"(body)", "(file)", "(request)", "(variant)", "(session)", "session", "path", "query", "body", "header",
          "variant_id", "session_id", "id", "edit", "params", "rules", "conflicts"}
PART = re.compile(r"^([^\[]*)((?:\[[^\]]*\])*)$")


def _index(section: str, key: str) -> str:
    if section == "violations":
        family, _, which = key.partition(":")
        return f"rule “{RULES.get(family, family.replace('_', ' '))}”" + (f" {which}" if which else "")
    noun = SECTIONS.get(section, section.replace("_", " "))
    return f"{noun} {int(key) + 1}" if key.isdigit() else f"{noun} “{key}”"


def label(path: str) -> str:
    """The place a path names, in words; empty when it names the whole request."""
    words = []
    for segment in path.split("."):
        m = PART.match(segment)
        name, indexes = (m.group(1), re.findall(r"\[([^\]]*)\]", m.group(2))) if m else (segment, [])
        if indexes:
            for key in indexes:
                words.append(_index(name, key))
                name = ""
        elif name and name not in SILENT:
            words.append(FIELDS.get(name, name.replace("_", " ")))
    text = ", ".join(w for w in words if w)
    return text[:1].upper() + text[1:]


def in_words(errors: list[FieldError]) -> list[FieldError]:
    """The refusals with their paths as labels (shown before the reason, when there is one)."""
    return [FieldError(label(e.path), e.reason, e.conflict) for e in errors]

"""Bounds on one session file, so that one import cannot take the service's time or memory (set in `service.settings`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.errors import FieldError
from solver import problem as p

if TYPE_CHECKING:
    from service.sessionfile.models import SessionDraft
    from service.settings import Settings


@dataclass(frozen=True)
class Limits:
    """How much one session file may hold; the largest real session has about 150 items over 12 days."""

    items: int = 2000
    days: int = 120
    title_chars: int = 2000
    document_chars: int = 1000
    depth: int = 32
    file_bytes: int = 2 * 1024 * 1024

    @classmethod
    def of(cls, s: Settings) -> Limits:
        return cls(s.max_items, s.max_days, s.max_title_chars, s.max_document_chars, s.max_depth, s.max_file_bytes)


def too_deep(text: str, depth: int) -> int | None:
    """The line where brackets nest deeper than `depth`, else None: checked on the text, before a parser recurses into it.

    Brackets inside quoted strings count too: a title would need `depth` unclosed brackets in a row to be refused.
    """
    level, line = 0, 1
    for ch in text:
        if ch in "[{":
            level += 1
            if level > depth:
                return line
        elif ch in "]}":
            level = max(level - 1, 0)
        elif ch == "\n":
            line += 1
    return None


def _long(path: str, value: str | None, limit: int, setting: str) -> list[FieldError]:
    if value is not None and len(value) > limit:
        return [FieldError(path, f"{len(value)} characters; at most {limit} (PODIUM_{setting})")]
    return []


def over_limits(draft: SessionDraft, limits: Limits) -> list[FieldError]:
    """Every bound the file exceeds, by path."""
    errors: list[FieldError] = []
    if len(draft.agenda) > limits.items:
        errors.append(FieldError("agenda", f"{len(draft.agenda)} items; a session holds at most {limits.items} (PODIUM_MAX_ITEMS)"))
    s = draft.session
    days = (s.last_day - s.first_day).days + 1
    if days > limits.days:
        errors.append(FieldError("session.last_day", f"the session lasts {days} days; at most {limits.days} (PODIUM_MAX_DAYS)"))
    for lang in p.LANGUAGES:
        errors += _long(f"session.name_{lang}", getattr(s, f"name_{lang}"), limits.title_chars, "MAX_TITLE_CHARS")
        for i, b in enumerate(draft.bodies):
            errors += _long(f"bodies[{i}].name_{lang}", getattr(b, f"name_{lang}"), limits.title_chars, "MAX_TITLE_CHARS")
    for i, item in enumerate(draft.agenda[: limits.items]):
        for lang in p.LANGUAGES:
            errors += _long(f"agenda[{i}].title_{lang}", getattr(item, f"title_{lang}"), limits.title_chars, "MAX_TITLE_CHARS")
        for j, d in enumerate(item.documents):
            errors += _long(f"agenda[{i}].documents[{j}].title", d.title, limits.document_chars, "MAX_DOCUMENT_CHARS")
    for i, note in enumerate(draft.rules_stated_in_document):
        errors += _long(f"rules_stated_in_document[{i}]", note, limits.title_chars, "MAX_TITLE_CHARS")
    return errors

"""The planning problem: a session with its days, slots, bodies, rooms, agenda and rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

# The six official languages of the United Nations, in the order UN documents list them.
Language = Literal["ar", "zh", "en", "fr", "ru", "es"]
LANGUAGES: tuple[str, ...] = get_args(Language)
BODY_KINDS = ("plenary", "committee_of_the_whole", "working_group")
FORMATS = ("in_person", "hybrid")
HYBRID_MAX_MEETING_MINUTES = 120


@dataclass(frozen=True)
class Slot:
    """A daily meeting slot in local time, e.g. 10:00-13:00."""

    start: dt.time
    end: dt.time
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    @property
    def key(self) -> str:
        return self.start.strftime("%H:%M")


@dataclass(frozen=True)
class Body:
    """A body that meets: plenary, committee of the whole or working group."""

    key: str
    names: dict[str, str] = field(compare=False, hash=False)
    kind: str = "plenary"
    interpreted: bool = True
    window_from: dt.date | None = None
    window_to: dt.date | None = None

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or self.key

    @property
    def has_window(self) -> bool:
        """Whether the body meets only within a window of dates."""
        return self.window_from is not None or self.window_to is not None

    def may_meet_on(self, day: dt.date) -> bool:
        return (self.window_from is None or day >= self.window_from) and (
            self.window_to is None or day <= self.window_to
        )


@dataclass(frozen=True)
class Room:
    """A conference room; interpreted meetings need booths, hybrid ones hybrid equipment."""

    key: str
    name: str
    seats: int | None = None
    booths: bool = True
    hybrid: bool = True


@dataclass(frozen=True)
class Document:
    """A document before an item, by symbol (e.g. CTOC/COP/2020/5)."""

    symbol: str
    title: str = ""


@dataclass(frozen=True)
class AgendaItem:
    """One item of one body's agenda; headings carry no minutes of their own."""

    body: str
    code: str
    position: int
    titles: dict[str, str] = field(compare=False, hash=False)
    minutes: int | None = None
    heading: bool = False
    parent: str | None = None
    joint_with: tuple[tuple[str, str], ...] = ()
    reserved: bool = False
    exclusive: bool = False
    documents: tuple[Document, ...] = ()

    @property
    def ref(self) -> tuple[str, str]:
        return (self.body, self.code)

    def title(self, lang: str = "en") -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.code


@dataclass(frozen=True)
class Pin:
    """An item that starts (or is taken) on a date, optionally in one slot."""

    body: str
    code: str
    date: dt.date
    slot: dt.time | None = None
    mode: Literal["starts", "taken"] = "starts"


@dataclass(frozen=True)
class ForbiddenSlot:
    """A date (and optionally one slot) when a body, or every body, may not meet."""

    date: dt.date
    slot: dt.time | None = None
    body: str | None = None


@dataclass(frozen=True)
class AvoidParallel:
    """Two bodies, or two items (`body:code`), that should not run at the same time."""

    first: str
    second: str
    weight: int = 10


@dataclass(frozen=True)
class InterpreterTeams:
    """Interpreter teams: each works at most `per_day` meetings a day and `per_week` a week."""

    teams: int
    per_day: int = 2
    per_week: int = 7


@dataclass(frozen=True)
class Rules:
    """The machine-readable rules of a session."""

    interpreted_meetings_total: int | None = None
    interpreted_at_once: int | None = None
    max_meeting_minutes: int | None = None
    interpreter_teams: InterpreterTeams | None = None
    agenda_order: Literal["strict", "preferred"] = "strict"
    pins: tuple[Pin, ...] = ()
    forbidden: tuple[ForbiddenSlot, ...] = ()
    avoid_parallel: tuple[AvoidParallel, ...] = ()


HEADING_RULES = ("listed", "always", "never", "meeting_start")
TIME_HEADINGS = ("date/time", "date and time", "time")


@dataclass(frozen=True)
class DocumentStyle:
    """How the annex prints the programme (it never changes the plan): UN practice by default.

    `headings`: a heading row is printed where the programme lists it (`listed`), before its
    first sub-item wherever that starts (`always`), `never`, or only where its first sub-item
    opens a meeting (`meeting_start`). `year` prints the year in day rows; `time_heading` and
    `parallel_plural` choose the header row's words; `annex_label` prints "Annex" above the
    title; `subtitle` prints the session's name below it.
    """

    headings: Literal["listed", "always", "never", "meeting_start"] = "listed"
    year: bool = False
    time_heading: Literal["date/time", "date and time", "time"] = "date/time"
    parallel_plural: bool = False
    annex_label: bool = True
    subtitle: bool = True


@dataclass(frozen=True)
class Session:
    """A session of one or more bodies: the whole planning problem."""

    names: dict[str, str] = field(compare=False, hash=False)
    timezone: str
    first_day: dt.date
    last_day: dt.date
    slots: tuple[Slot, ...]
    bodies: tuple[Body, ...]
    agenda: tuple[AgendaItem, ...]
    rules: Rules = Rules()
    symbols: tuple[str, ...] = ()
    venue: str = ""
    format: Literal["in_person", "hybrid"] = "in_person"
    working_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    excluded_days: tuple[dt.date, ...] = ()
    slots_by_day: dict[dt.date, tuple[Slot, ...]] = field(default_factory=dict, compare=False, hash=False)
    rooms: tuple[Room, ...] = ()
    style: DocumentStyle = field(default_factory=DocumentStyle, compare=False, hash=False)
    approvals_needed: int = 0  # current approvals of the bureau a variant needs before it is published

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or ""

    def days(self) -> list[dt.date]:
        """Working days of the session in order."""
        out, day = [], self.first_day
        while day <= self.last_day:
            if day.weekday() in self.working_weekdays and day not in self.excluded_days:
                out.append(day)
            day += dt.timedelta(days=1)
        return out

    def slots_on(self, day: dt.date) -> tuple[Slot, ...]:
        return self.slots_by_day.get(day, self.slots)

    def body(self, key: str) -> Body:
        for body in self.bodies:
            if body.key == key:
                return body
        raise KeyError(key)

    def item(self, body: str, code: str) -> AgendaItem:
        for item in self.agenda:
            if item.body == body and item.code == code:
                return item
        raise KeyError((body, code))

    def items_of(self, body: str) -> list[AgendaItem]:
        return sorted((i for i in self.agenda if i.body == body), key=lambda i: i.position)

    @property
    def max_meeting_minutes(self) -> int | None:
        """The cap on a meeting's length: the rule, or 120 minutes for hybrid sessions."""
        caps = [self.rules.max_meeting_minutes]
        if self.format == "hybrid":
            caps.append(HYBRID_MAX_MEETING_MINUTES)
        caps = [c for c in caps if c is not None]
        return min(caps) if caps else None

"""The session file format (a superset of ../shared/cases): parse, validate, convert, export."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, ValidationError, field_validator

from solver import problem as p
from solver.programme import Programme, programme_from_rows

MAX_MINUTES = 100_000  # bounds keep numbers inside a database integer
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class FieldError:
    """One reason a session file or request was refused, at a path such as `agenda[3].minutes`."""

    path: str
    reason: str
    conflict: bool = False  # clashes with another record (a duplicate, a dangling reference), not a bad value

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


class SessionFileError(Exception):
    """A session file that cannot be read; names the file and every field at fault."""

    def __init__(self, errors: list[FieldError], file: str | None = None):
        self.errors = errors
        self.file = file
        where = f"{file}: " if file else ""
        super().__init__("; ".join(f"{where}{e.path}: {e.reason}" for e in errors))


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


def _no_nul(value: Any) -> Any:
    # PostgreSQL text cannot hold NUL characters; refuse them as bad input rather than fail on storing.
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    if isinstance(value, (list, tuple)):
        for x in value:
            _no_nul(x)
    if isinstance(value, dict):
        for k, v in value.items():
            _no_nul(k)
            _no_nul(v)
    return value


def _local(t: dt.time) -> dt.time:
    # Times of day are in the session's own timezone: an offset ("10:00Z") would not compare with the others.
    if t.tzinfo is not None:
        raise ValueError('a time of day has no UTC offset (the session\'s timezone applies): write "10:00"')
    return t


LocalTime = Annotated[dt.time, AfterValidator(_local)]
# Times of day as the session file writes them, "10:00".
Clock = Annotated[LocalTime, PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str, when_used="json")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    _text_has_no_nul = field_validator("*", mode="after")(_no_nul)


def _time(value: Any) -> Any:
    if isinstance(value, int):
        raise ValueError('times must be quoted strings such as "10:00" (YAML reads 10:00 as a number)')
    return value


class _Texts(_Model):
    """Texts in the six official languages as `<prefix>_en`, `<prefix>_zh`, ... fields."""

    def texts(self, prefix: str) -> dict[str, str]:
        return {lang: v for lang in p.LANGUAGES if (v := getattr(self, f"{prefix}_{lang}", None))}


class Names(_Texts):
    name_ar: str | None = None
    name_zh: str | None = None
    name_en: str | None = None
    name_fr: str | None = None
    name_ru: str | None = None
    name_es: str | None = None


class Titles(_Texts):
    title_ar: str | None = None
    title_zh: str | None = None
    title_en: str | None = None
    title_fr: str | None = None
    title_ru: str | None = None
    title_es: str | None = None


class Labels(_Texts):
    label_ar: str | None = None
    label_zh: str | None = None
    label_en: str | None = None
    label_fr: str | None = None
    label_ru: str | None = None
    label_es: str | None = None


class SlotIn(Labels):
    start: Clock
    end: Clock

    _check_start = field_validator("start", "end", mode="before")(_time)


class DaySlotsIn(_Model):
    date: dt.date
    slots: list[SlotIn]


class SessionIn(Names):
    symbol: str | None = Field(None, max_length=200)
    symbols: list[Annotated[str, Field(min_length=1, max_length=200)]] = []
    venue: str = Field("", max_length=200)
    timezone: str = Field(max_length=64)
    first_day: dt.date
    last_day: dt.date
    format: Literal["in_person", "hybrid"] = "in_person"
    working_days: list[Literal[WEEKDAYS]] = list(WEEKDAYS[:5])  # type: ignore[valid-type]
    excluded_days: list[dt.date] = []

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA timezone {value!r}") from None
        return value


class WindowIn(_Model):
    from_: dt.date | None = Field(None, alias="from")
    to: dt.date | None = None


class BodyIn(Names):
    key: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    kind: Literal["plenary", "committee_of_the_whole", "working_group"] | None = None
    interpreted: bool = True
    window: WindowIn | None = None


class RoomIn(_Model):
    key: str = Field(min_length=1, max_length=64)
    name: str = Field("", max_length=200)
    seats: int | None = Field(None, ge=0, le=100_000)
    booths: bool = True
    hybrid: bool = True


class DocumentIn(_Model):
    symbol: str = Field(min_length=1, max_length=200)
    title: str = ""


class ItemIn(Titles):
    code: str = Field(min_length=1, max_length=32)
    body: str
    minutes: int | None = Field(None, ge=1, le=MAX_MINUTES)
    heading: bool = False
    parent: str | None = None
    joint_with: dict[str, str] = {}
    reserved: bool = False
    exclusive: bool = False
    documents: list[DocumentIn] = []

    @field_validator("code", mode="before")
    @classmethod
    def _code_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class PinIn(_Model):
    body: str
    code: str
    date: dt.date
    slot: Clock | None = None
    mode: Literal["starts", "taken"] = "starts"

    _check_slot = field_validator("slot", mode="before")(_time)


class ForbiddenIn(_Model):
    date: dt.date
    slot: Clock | None = None
    body: str | None = None

    _check_slot = field_validator("slot", mode="before")(_time)


class AvoidIn(_Model):
    first: str
    second: str
    weight: int = Field(10, ge=0, le=1_000_000)


class TeamsIn(_Model):
    teams: int = Field(ge=1, le=1000)
    per_day: int = Field(2, ge=1, le=100)
    per_week: int = Field(7, ge=1, le=1000)


class RuleSettingsIn(_Model):
    """The scalar rules and interpreter teams (the API edits them apart from pins and pairs)."""

    interpreted_meetings_total: int | None = Field(None, ge=0, le=100_000)
    interpreted_at_once: int | None = Field(None, ge=0, le=1000)
    max_meeting_minutes: int | None = Field(None, ge=1, le=MAX_MINUTES)
    interpreter_teams: TeamsIn | None = None
    agenda_order: Literal["strict", "preferred"] = "strict"


class RulesIn(RuleSettingsIn):
    pins: list[PinIn] = []
    forbidden: list[ForbiddenIn] = []
    avoid_parallel: list[AvoidIn] = []


class RowIn(_Model):
    date: dt.date
    slot: Clock
    items: dict[str, list[str]]
    room: str | None = None

    _check_slot = field_validator("slot", mode="before")(_time)


def _note_text(value: Any) -> Any:
    # An unquoted YAML line "A: b" reads as a mapping; the case files have such notes.
    if isinstance(value, list):
        return [", ".join(f"{k}: {v}" for k, v in x.items()) if isinstance(x, dict) else x for x in value]
    return value


class StyleIn(_Model):
    """How the annex prints the programme (solver.problem.DocumentStyle); every key has the UN's default."""

    headings: Literal[p.HEADING_RULES] = "listed"  # type: ignore[valid-type]
    year: bool = False
    time_heading: Literal[p.TIME_HEADINGS] = "date/time"  # type: ignore[valid-type]
    parallel_plural: bool = False
    annex_label: bool = True
    subtitle: bool = True


class SessionDraft(_Model):
    """A session under construction (the API builds one piece by piece): no part is required yet."""

    session: SessionIn
    rules_stated_in_document: list[str] = []
    slots: list[SlotIn] = []
    day_slots: list[DaySlotsIn] = []
    bodies: list[BodyIn] = []
    rooms: list[RoomIn] = []
    agenda: list[ItemIn] = []
    rules: RulesIn = RulesIn()
    programme: list[RowIn] | None = None
    style: StyleIn = StyleIn()

    _notes = field_validator("rules_stated_in_document", mode="before")(_note_text)


class SessionFile(SessionDraft):
    """A whole session file: the case format of ../shared/cases, plus rooms and more rules."""

    slots: list[SlotIn] = Field(min_length=1)
    bodies: list[BodyIn] = Field(min_length=1)
    agenda: list[ItemIn] = Field(min_length=1)


def _items_code_parent(code: str, codes: set[str]) -> str | None:
    """The parent of `2(a)` is `2` when the body has an item `2`."""
    match = re.fullmatch(r"(.+?)\([^()]+\)", code)
    return match.group(1) if match and match.group(1) in codes else None


def _weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()].capitalize()


def check(f: SessionDraft) -> list[FieldError]:
    """Cross-field rules that pydantic cannot see one field at a time."""
    errors: list[FieldError] = []

    def err(path: str, reason: str, conflict: bool = False) -> None:
        errors.append(FieldError(path, reason, conflict))

    s = f.session
    if not s.name_en:
        err("session.name_en", "an English name is required")
    if s.first_day > s.last_day:
        err("session.first_day", f"first day {s.first_day} is after the last day {s.last_day}")
    workdays = {WEEKDAYS.index(d) for d in s.working_days}

    def check_day(path: str, day: dt.date) -> None:
        if not (s.first_day <= day <= s.last_day):
            err(path, f"{day} is outside the session ({s.first_day} to {s.last_day})")
        elif day.weekday() not in workdays:
            err(path, f"{day} is a {_weekday(day)}, not a working day of the session")

    for name in ("first_day", "last_day"):
        day = getattr(s, name)
        if day.weekday() not in workdays:
            err(f"session.{name}", f"{day} is a {_weekday(day)}, not a working day of the session")

    def check_slots(path: str, slots: list[SlotIn]) -> None:
        for i, slot in enumerate(slots):
            if slot.end <= slot.start:
                err(f"{path}[{i}].end", f"slot ends at {slot.end:%H:%M}, not after its start {slot.start:%H:%M}")
        ordered = sorted(range(len(slots)), key=lambda i: slots[i].start)
        for a, b in zip(ordered, ordered[1:]):
            if slots[b].start < slots[a].end:
                err(
                    f"{path}[{b}].start",
                    f"slot {slots[b].start:%H:%M} overlaps slot {slots[a].start:%H:%M}-{slots[a].end:%H:%M}",
                    conflict=True,
                )

    check_slots("slots", f.slots)
    slot_days: set[dt.date] = set()
    for i, ds in enumerate(f.day_slots):
        check_day(f"day_slots[{i}].date", ds.date)
        if ds.date in slot_days:
            err(f"day_slots[{i}].date", f"slots for {ds.date} are given twice", conflict=True)
        slot_days.add(ds.date)
        check_slots(f"day_slots[{i}].slots", ds.slots)

    bodies: dict[str, int] = {}
    for i, body in enumerate(f.bodies):
        if body.key in bodies:
            err(f"bodies[{i}].key", f"duplicate body key {body.key!r}", conflict=True)
        bodies[body.key] = i
        if body.window:
            for end in ("from_", "to"):
                day = getattr(body.window, end)
                if day is not None:
                    check_day(f"bodies[{i}].window.{end.rstrip('_')}", day)
            if body.window.from_ and body.window.to and body.window.from_ > body.window.to:
                err(f"bodies[{i}].window", "window starts after it ends")
    rooms = set()
    for i, room in enumerate(f.rooms):
        if room.key in rooms:
            err(f"rooms[{i}].key", f"duplicate room key {room.key!r}", conflict=True)
        rooms.add(room.key)

    codes: dict[tuple[str, str], int] = {}
    for i, item in enumerate(f.agenda):
        if item.body not in bodies:
            err(f"agenda[{i}].body", f"unknown body {item.body!r} (bodies: {', '.join(bodies) or 'none'})")
        if (item.body, item.code) in codes:
            err(f"agenda[{i}].code", f"duplicate item code {item.code!r} in body {item.body!r}", conflict=True)
        codes[(item.body, item.code)] = i
        if item.heading and item.minutes:
            err(f"agenda[{i}].minutes", "a heading has no minutes of its own: its time is in its sub-items")
        if not item.heading and item.minutes is None:
            err(f"agenda[{i}].minutes", "required for an item that is not a heading")
    for i, item in enumerate(f.agenda):
        for other_body, other_code in item.joint_with.items():
            if other_body not in bodies:
                err(f"agenda[{i}].joint_with.{other_body}", f"unknown body {other_body!r}")
            elif other_body == item.body:
                err(f"agenda[{i}].joint_with.{other_body}", "an item cannot be joint with its own body")
            elif (other_body, other_code) not in codes:
                err(f"agenda[{i}].joint_with.{other_body}", f"body {other_body!r} has no item {other_code!r}", conflict=True)
            else:
                other = f.agenda[codes[(other_body, other_code)]]
                if other.minutes != item.minutes and not item.heading:
                    err(
                        f"agenda[{i}].minutes",
                        f"joint item {item.code!r} has {item.minutes} minutes but {other_body} {other_code!r} has {other.minutes}",
                    )
        if item.parent is not None and (item.body, item.parent) not in codes:
            bodies_with = [b for (b, c) in codes if c == item.parent]
            reason = (
                f"parent {item.parent!r} is an item of body {bodies_with[0]!r}, not of {item.body!r}"
                if bodies_with
                else f"no item {item.parent!r} in body {item.body!r}"
            )
            err(f"agenda[{i}].parent", reason, conflict=True)
        elif item.parent == item.code:
            err(f"agenda[{i}].parent", "an item cannot be its own parent")

    day_slots = {ds.date: ds.slots for ds in f.day_slots}

    def check_slot(path: str, day: dt.date, slot: dt.time | None) -> None:
        if slot is not None and slot not in {x.start for x in day_slots.get(day, f.slots)}:
            err(path, f"no slot starts at {slot:%H:%M} on {day}")

    for i, pin in enumerate(f.rules.pins):
        if (pin.body, pin.code) not in codes:
            err(f"rules.pins[{i}]", f"no item {pin.code!r} in body {pin.body!r}", conflict=True)
        check_day(f"rules.pins[{i}].date", pin.date)
        check_slot(f"rules.pins[{i}].slot", pin.date, pin.slot)
    for i, fb in enumerate(f.rules.forbidden):
        if fb.body is not None and fb.body not in bodies:
            err(f"rules.forbidden[{i}].body", f"unknown body {fb.body!r}", conflict=True)
        check_day(f"rules.forbidden[{i}].date", fb.date)
        check_slot(f"rules.forbidden[{i}].slot", fb.date, fb.slot)
    for i, av in enumerate(f.rules.avoid_parallel):
        for end in ("first", "second"):
            ref = getattr(av, end)
            body, _, code = ref.partition(":")
            if body not in bodies or (code and (body, code) not in codes):
                err(f"rules.avoid_parallel[{i}].{end}", f"{ref!r} names no body or `body:code` item", conflict=True)
    for i, row in enumerate(f.programme or []):
        check_day(f"programme[{i}].date", row.date)
        check_slot(f"programme[{i}].slot", row.date, row.slot)
        if row.room is not None and row.room not in rooms:
            err(f"programme[{i}].room", f"unknown room {row.room!r}")
        for body, item_codes in row.items.items():
            if body not in bodies:
                err(f"programme[{i}].items.{body}", f"unknown body {body!r}")
                continue
            for j, code in enumerate(item_codes):
                if (body, code) not in codes:
                    err(f"programme[{i}].items.{body}[{j}]", f"no item {code!r} in body {body!r}")
    return errors


# From the file's models to the solver's domain types, one part at a time (the API reuses them).


def slot_of(s: SlotIn) -> p.Slot:
    return p.Slot(s.start, s.end, s.texts("label"))


def body_of(b: BodyIn) -> p.Body:
    return p.Body(
        key=b.key,
        names=b.texts("name"),
        kind=b.kind or ("plenary" if b.key == "plenary" else "working_group"),
        interpreted=b.interpreted,
        window_from=b.window.from_ if b.window else None,
        window_to=b.window.to if b.window else None,
    )


def room_of(r: RoomIn) -> p.Room:
    return p.Room(r.key, r.name or r.key, r.seats, r.booths, r.hybrid)


def item_of(item: ItemIn, position: int, body_codes: set[str]) -> p.AgendaItem:
    """An agenda item; without an explicit parent, `2(a)` belongs to `2` when the body has one."""
    return p.AgendaItem(
        body=item.body,
        code=item.code,
        position=position,
        titles=item.texts("title"),
        minutes=item.minutes,
        heading=item.heading,
        parent=item.parent or _items_code_parent(item.code, body_codes),
        joint_with=tuple(sorted(item.joint_with.items())),
        reserved=item.reserved,
        exclusive=item.exclusive,
        documents=tuple(p.Document(d.symbol, d.title) for d in item.documents),
    )


def teams_of(t: TeamsIn | None) -> p.InterpreterTeams | None:
    return p.InterpreterTeams(t.teams, t.per_day, t.per_week) if t else None


def pin_of(x: PinIn) -> p.Pin:
    return p.Pin(x.body, x.code, x.date, x.slot, x.mode)


def forbidden_of(x: ForbiddenIn) -> p.ForbiddenSlot:
    return p.ForbiddenSlot(x.date, x.slot, x.body)


def avoid_of(x: AvoidIn) -> p.AvoidParallel:
    return p.AvoidParallel(x.first, x.second, x.weight)


def rules_of(r: RulesIn) -> p.Rules:
    return p.Rules(
        interpreted_meetings_total=r.interpreted_meetings_total,
        interpreted_at_once=r.interpreted_at_once,
        max_meeting_minutes=r.max_meeting_minutes,
        interpreter_teams=teams_of(r.interpreter_teams),
        agenda_order=r.agenda_order,
        pins=tuple(pin_of(x) for x in r.pins),
        forbidden=tuple(forbidden_of(x) for x in r.forbidden),
        avoid_parallel=tuple(avoid_of(x) for x in r.avoid_parallel),
    )


def to_session(f: SessionDraft) -> p.Session:
    """The solver's problem for a validated session file."""
    s = f.session
    codes_by_body: dict[str, set[str]] = {}
    for item in f.agenda:
        codes_by_body.setdefault(item.body, set()).add(item.code)
    return p.Session(
        names=s.texts("name"),
        symbols=tuple(s.symbols or ([s.symbol] if s.symbol else [])),
        venue=s.venue,
        timezone=s.timezone,
        first_day=s.first_day,
        last_day=s.last_day,
        format=s.format,
        working_weekdays=tuple(sorted({WEEKDAYS.index(d) for d in s.working_days})),
        excluded_days=tuple(sorted(set(s.excluded_days))),
        slots=tuple(slot_of(x) for x in sorted(f.slots, key=lambda x: x.start)),
        slots_by_day={ds.date: tuple(slot_of(x) for x in sorted(ds.slots, key=lambda x: x.start)) for ds in f.day_slots},
        bodies=tuple(body_of(b) for b in f.bodies),
        rooms=tuple(room_of(x) for x in f.rooms),
        agenda=tuple(item_of(item, pos, codes_by_body[item.body]) for pos, item in enumerate(f.agenda)),
        rules=rules_of(f.rules),
        style=p.DocumentStyle(**f.style.model_dump()),
    )


@dataclass(frozen=True)
class LoadedSession:
    """A session read from a file, with the programme it carries (if any)."""

    file: SessionFile
    session: p.Session
    programme: Programme | None

    @property
    def notes(self) -> list[str]:
        return list(self.file.rules_stated_in_document)


def validate(data: Any, model: type[SessionDraft] = SessionFile, file: str | None = None) -> SessionDraft:
    """Decoded data (a dict) as a checked session file or draft; raises SessionFileError."""
    if not isinstance(data, dict):
        raise SessionFileError([FieldError("(file)", "expected a mapping with `session`, `slots`, `bodies`, `agenda`")], file)
    try:
        checked = model.model_validate(data)
    except ValidationError as e:
        raise SessionFileError(errors_of(e), file) from None
    errors = check(checked)
    if errors:
        raise SessionFileError(errors, file)
    return checked


def errors_of(e: ValidationError) -> list[FieldError]:
    return [FieldError(_path(tuple(x["loc"])), x["msg"].removeprefix("Value error, ")) for x in e.errors(include_url=False)]


def loaded(model: SessionFile) -> LoadedSession:
    """A checked session file with its session and programme."""
    session = to_session(model)
    programme = None
    if model.programme is not None:
        programme = programme_from_rows(session, [r.model_dump() for r in model.programme])
    return LoadedSession(model, session, programme)


def parse(data: Any, file: str | None = None) -> LoadedSession:
    """Validate already-decoded data (a dict) and convert it; raises SessionFileError."""
    return loaded(validate(data, SessionFile, file))  # type: ignore[arg-type]


def decode(raw: bytes, file: str | None = None) -> Any:
    """The data of a session file's bytes: UTF-8 text, YAML (or JSON, which YAML reads)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SessionFileError([FieldError("(file)", f"not UTF-8 text (byte {e.start})")], file) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SessionFileError([FieldError("(file)", f"not valid YAML{where}: {getattr(e, 'problem', e)}")], file) from None


def load(path: str | Path) -> LoadedSession:
    """Read a session file (YAML or JSON, UTF-8)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise SessionFileError([FieldError("(file)", e.strerror or str(e))], str(path)) from None
    return parse(decode(raw, str(path)), str(path))


# From the domain types back to the file's dicts, one part at a time.


def _texts(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{lang}": texts[lang] for lang in p.LANGUAGES if texts.get(lang)}


def _hhmm(t: dt.time | None) -> str | None:
    return t.strftime("%H:%M") if t else None


def slot_out(s: p.Slot) -> dict[str, Any]:
    return {"start": s.key, "end": s.end.strftime("%H:%M"), **_texts("label", s.labels)}


def session_out(session: p.Session) -> dict[str, Any]:
    return {
        **_texts("name", session.names),
        "symbols": list(session.symbols),
        "venue": session.venue,
        "timezone": session.timezone,
        "first_day": session.first_day,
        "last_day": session.last_day,
        "format": session.format,
        "working_days": [WEEKDAYS[d] for d in session.working_weekdays],
        "excluded_days": list(session.excluded_days),
    }


def body_out(b: p.Body) -> dict[str, Any]:
    return {
        "key": b.key,
        **_texts("name", b.names),
        "kind": b.kind,
        "interpreted": b.interpreted,
        **({"window": {"from": b.window_from, "to": b.window_to}} if b.window_from or b.window_to else {}),
    }


def room_out(r: p.Room) -> dict[str, Any]:
    return {"key": r.key, "name": r.name, "seats": r.seats, "booths": r.booths, "hybrid": r.hybrid}


def item_out(i: p.AgendaItem) -> dict[str, Any]:
    return {
        "code": i.code,
        "body": i.body,
        **_texts("title", i.titles),
        **({"minutes": i.minutes} if i.minutes is not None else {}),
        "heading": i.heading,
        "parent": i.parent,
        "joint_with": dict(i.joint_with),
        "reserved": i.reserved,
        "exclusive": i.exclusive,
        "documents": [{"symbol": d.symbol, "title": d.title} for d in i.documents],
    }


def teams_out(t: p.InterpreterTeams | None) -> dict[str, int] | None:
    return {"teams": t.teams, "per_day": t.per_day, "per_week": t.per_week} if t else None


def pin_out(x: p.Pin) -> dict[str, Any]:
    return {"body": x.body, "code": x.code, "date": x.date, "slot": _hhmm(x.slot), "mode": x.mode}


def forbidden_out(x: p.ForbiddenSlot) -> dict[str, Any]:
    return {"date": x.date, "slot": _hhmm(x.slot), "body": x.body}


def avoid_out(x: p.AvoidParallel) -> dict[str, Any]:
    return {"first": x.first, "second": x.second, "weight": x.weight}


def rules_out(r: p.Rules) -> dict[str, Any]:
    return {
        "interpreted_meetings_total": r.interpreted_meetings_total,
        "interpreted_at_once": r.interpreted_at_once,
        "max_meeting_minutes": r.max_meeting_minutes,
        "interpreter_teams": teams_out(r.interpreter_teams),
        "agenda_order": r.agenda_order,
        "pins": [pin_out(x) for x in r.pins],
        "forbidden": [forbidden_out(x) for x in r.forbidden],
        "avoid_parallel": [avoid_out(x) for x in r.avoid_parallel],
    }


def export(session: p.Session, programme: Programme | None = None, notes: list[str] | None = None) -> dict[str, Any]:
    """The session file for a session (and programme): parse(export(x)) gives x back."""
    out: dict[str, Any] = {
        "session": session_out(session),
        "rules_stated_in_document": list(notes or []),
        "slots": [slot_out(s) for s in session.slots],
        "day_slots": [{"date": d, "slots": [slot_out(s) for s in slots]} for d, slots in sorted(session.slots_by_day.items())],
        "bodies": [body_out(b) for b in session.bodies],
        "rooms": [room_out(r) for r in session.rooms],
        "agenda": [item_out(i) for i in sorted(session.agenda, key=lambda i: i.position)],
        "rules": rules_out(session.rules),
    }
    if session.style != p.DocumentStyle():
        out["style"] = asdict(session.style)
    if programme is not None:
        out["programme"] = [
            {
                "date": m.date,
                "slot": _hhmm(m.slot),
                "items": {b: [t.code for t in m.items_of(b)] for b in m.bodies},
                **({"room": m.room} if m.room else {}),
            }
            for m in programme.sorted().meetings
        ]
    return out


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)

"""The session file's models (pydantic): every section of a file, as the API reuses them for its bodies."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, field_validator

from solver import problem as p

MAX_MINUTES = 100_000  # bounds keep numbers inside a database integer
MAX_ID = 2**31 - 1  # a database integer
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Tab and newline are text; other control characters break documents (Word, XML feeds) and terminals.
_CONTROL = {c for c in range(0x20) if c not in (0x09, 0x0A)} | set(range(0x7F, 0xA0))
# Bidi embeddings, overrides and isolates can make a code or title read as something else (CVE-2021-42574).
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
_REFUSED = _CONTROL | _BIDI


def _refused_in(text: str) -> str | None:
    bad = next((ch for ch in text if ord(ch) in _REFUSED), None)
    if bad is None:
        return None
    kind = "bidirectional control" if ord(bad) in _BIDI else "control character"
    return f"{kind} U+{ord(bad):04X} is not allowed in text (only tab and newline are)"


def _plain_text(value: Any) -> Any:
    """Refuse control characters (NUL included: PostgreSQL text cannot hold it) and bidi controls, in every string."""
    if isinstance(value, str) and (reason := _refused_in(value)):
        raise ValueError(reason)
    if isinstance(value, (list, tuple)):
        for x in value:
            _plain_text(x)
    if isinstance(value, dict):
        for k, v in value.items():
            _plain_text(k)
            _plain_text(v)
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

    _text_is_plain = field_validator("*", mode="after")(_plain_text)


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
    name_en: str | None = Field(None, description="The name in English; each official language has its own field (name_ar … name_es), one at least",
                                examples=["Conference of the Parties to the United Nations Convention against Transnational Organized Crime, tenth session"])
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
    start: Clock = Field(description="When the slot starts, local time of the session (HH:MM)", examples=["10:00"])
    end: Clock = Field(description="When it ends (HH:MM)", examples=["13:00"])

    _check_start = field_validator("start", "end", mode="before")(_time)


class DaySlotsIn(_Model):
    date: dt.date
    slots: list[SlotIn]


class SessionIn(Names):
    symbol: str | None = Field(None, max_length=200, description="The document symbol of the session (or `symbols` for several)")
    symbols: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field([], examples=[["CTOC/COP/2020/1"]])
    venue: str = Field("", max_length=200, examples=["Vienna"])
    timezone: str = Field(max_length=64, description="The IANA timezone of the venue: the slots' times are local to it", examples=["Europe/Vienna"])
    first_day: dt.date = Field(description="The first day of the session", examples=["2020-10-12"])
    last_day: dt.date = Field(description="The last day (inclusive)", examples=["2020-10-16"])
    format: Literal["in_person", "hybrid"] = Field("in_person", description="In person, or hybrid (rooms need remote participation)")
    approvals_needed: int = Field(0, ge=0, le=100, description="Current approvals of the bureau a variant needs before it can be published (0: none)")
    working_days: list[Literal[WEEKDAYS]] = Field(list(WEEKDAYS[:5]), description="The weekdays the session meets")  # type: ignore[valid-type]
    excluded_days: list[dt.date] = Field([], description="Days within the dates without meetings (holidays)")

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
    key: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$", description="A short key the items and rules name the body by", examples=["plenary"])
    kind: Literal["plenary", "committee_of_the_whole", "working_group"] | None = None
    interpreted: bool = Field(True, description="Its meetings have interpretation (they count against the session's interpreted meetings)")
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
    code: str = Field(min_length=1, max_length=32, description="The item's number in the agenda of its body", examples=["2"])
    body: str = Field(description="The key of the body whose agenda it is on", examples=["plenary"])
    minutes: int | None = Field(None, ge=1, le=MAX_MINUTES, description="How long its consideration is estimated to take", examples=[180])
    heading: bool = Field(False, description="A heading over sub-items, not considered itself")
    parent: str | None = None
    joint_with: dict[str, str] = {}
    reserved: bool = False
    exclusive: bool = False
    documents: list[DocumentIn] = []

    @field_validator("code", mode="before")
    @classmethod
    def _code_text(cls, value: Any) -> Any:
        # A file may write code 2 unquoted; true is no code.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


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




# A part as the API creates it, one at a time: the file's model with what places it.


class SessionCreate(SessionIn):
    notes: list[str] = Field([], description="The rules stated in the document, in words (`rules_stated_in_document`)")


class SlotCreate(SlotIn):
    date: dt.date | None = Field(None, description="The one day this slot is for; empty for every day without slots of its own")


class ItemCreate(ItemIn):
    position: int | None = Field(None, ge=0, le=MAX_ID, description="Place in the session's agenda; the end when empty")


class DocumentCreate(DocumentIn):
    item_id: int = Field(ge=1, le=MAX_ID)

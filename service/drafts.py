"""Variants: draft programmes solved with their own parameters, edited by hand and re-checked every time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.errors import FieldError, Invalid
from service.sessionfile.convert import pin_of, slot_of
from service.sessionfile.files import errors_of
from service.sessionfile.models import LocalTime, PinIn, SlotIn
from solver import Change, PlanOptions, Progress, Violation, Weights, evaluate, plan
from solver.grid import build_grid
from solver.problem import Session
from solver.programme import Programme, programme_from_rows

MAX_TIME_LIMIT = 60.0


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class RuleOverrides(_Model):
    """Scalar rules a variant sets differently from its session; a rule left out keeps the session's value."""

    interpreted_meetings_total: int | None = Field(None, ge=0, le=100_000)
    interpreted_at_once: int | None = Field(None, ge=0, le=1000)
    max_meeting_minutes: int | None = Field(None, ge=1, le=24 * 60)
    agenda_order: Literal["strict", "preferred"] | None = None


class Estimate(_Model):
    """An item's minutes as this variant estimates them."""

    body: str
    code: str
    minutes: int = Field(ge=1, le=24 * 60 * 14)


WeightsIn = Annotated[dict[Literal[tuple(f.name for f in dataclasses.fields(Weights))], Annotated[int, Field(ge=0, le=1_000_000)]], Field(default_factory=dict)]  # type: ignore[misc]


class VariantParams(_Model):
    """What a variant changes of its session before solving: format, slots, rules, pins, estimates, weights."""

    format: Literal["in_person", "hybrid"] | None = None
    slots: list[SlotIn] | None = Field(None, min_length=1, description="The daily slots of every day; the session's when empty")
    rules: RuleOverrides = Field(default_factory=RuleOverrides)
    pins: list[PinIn] = []
    estimates: list[Estimate] = []
    weights: WeightsIn
    seed: int = Field(0, ge=0, le=2**31 - 1)
    time_limit: float = Field(10.0, gt=0, le=MAX_TIME_LIMIT, description="Wall seconds: the planner's answer is there by then")
    same_answer: bool = Field(True, description="Same answer on every run (the search counts deterministic work); off: a parallel search that may find better on large sessions")

    def dump(self) -> dict[str, Any]:
        """JSON for storage; rule overrides keep only what was set (a rule set to null lifts the limit)."""
        out = self.model_dump(mode="json", exclude={"rules"})
        out["rules"] = self.rules.model_dump(mode="json", exclude_unset=True)
        return out


class ParamsError(Invalid):
    """Parameters or an edit that name what the session does not have."""

    def prefixed(self, prefix: str) -> Invalid:
        """The same errors, with paths under `prefix` (the field that held the parameters or the edit)."""
        return Invalid([FieldError(f"{prefix}.{e.path}", e.reason) for e in self.errors])


def params_of(data: dict[str, Any]) -> VariantParams:
    try:
        return VariantParams.model_validate(data)
    except ValidationError as e:
        raise ParamsError(errors_of(e)) from None


def _known(session: Session, body: str, code: str, path: str) -> list[FieldError]:
    try:
        session.item(body, code)
    except KeyError:
        return [FieldError(path, f"{body} has no agenda item {code!r}")]
    return []


def apply(session: Session, params: VariantParams) -> Session:
    """The session as the variant sees it; raises ParamsError naming unknown items and slots."""
    errors: list[FieldError] = []
    for n, pin in enumerate(params.pins):
        errors += _known(session, pin.body, pin.code, f"pins[{n}]")
        if not session.first_day <= pin.date <= session.last_day:
            errors.append(FieldError(f"pins[{n}].date", f"{pin.date} is outside the session ({session.first_day} to {session.last_day})"))
    for n, e in enumerate(params.estimates):
        errors += _known(session, e.body, e.code, f"estimates[{n}]")
        if not errors and session.item(e.body, e.code).heading:
            errors.append(FieldError(f"estimates[{n}]", f"{e.body} {e.code} is a heading and has no minutes of its own"))
    if params.slots:
        starts = [s.start for s in params.slots]
        if len(set(starts)) != len(starts):
            errors.append(FieldError("slots", "two slots start at the same time"))
        errors += [FieldError(f"slots[{n}]", "ends before it starts") for n, s in enumerate(params.slots) if s.end <= s.start]
    if errors:
        raise ParamsError(errors)
    minutes = {(e.body, e.code): e.minutes for e in params.estimates}
    agenda = tuple(dataclasses.replace(i, minutes=minutes.get(i.ref, i.minutes)) for i in session.agenda)
    rules = dataclasses.replace(
        session.rules,
        **params.rules.model_dump(exclude_unset=True),
        pins=session.rules.pins + tuple(pin_of(p) for p in params.pins),
    )
    changes: dict[str, Any] = {"agenda": agenda, "rules": rules}
    if params.format:
        changes["format"] = params.format
    if params.slots:
        changes["slots"] = tuple(sorted((slot_of(s) for s in params.slots), key=lambda s: s.start))
        changes["slots_by_day"] = {}
    return dataclasses.replace(session, **changes)


@dataclasses.dataclass(frozen=True)
class Draft:
    """A variant's programme and what the planner and the checker say of it.

    `status` is the planner's (optimal, feasible, infeasible, unknown) or `edited` after a hand
    edit; `violations` are the rules the programme breaks, shown with it and never dropped.
    """

    params: VariantParams
    programme: Programme | None
    status: str
    objective: int | None = None
    breakdown: dict[str, dict[str, int]] = dataclasses.field(default_factory=dict)
    violations: tuple[Violation, ...] = ()
    conflicts: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    bound: float | None = None  # no programme costs less: with the objective, how far from the best it may be

    def result(self) -> dict[str, Any]:
        """The JSON stored with the variant (everything but params and programme)."""
        return {
            "status": self.status,
            "objective": self.objective,
            "bound": self.bound,
            "breakdown": self.breakdown,
            "violations": [violation_json(v) for v in self.violations],
            "conflicts": list(self.conflicts),
            "changes": [dataclasses.asdict(c) for c in self.changes],
        }


def violation_json(v: Violation) -> dict[str, Any]:
    return {"rule": v.rule, "message": v.message, "bodies": list(v.bodies), "items": list(v.items), "dates": [d.isoformat() for d in v.dates]}


def draft_of(params: dict[str, Any], programme: Programme | None, result: dict[str, Any] | None) -> Draft:
    """A stored variant back as a draft."""
    result = result or {"status": "unknown"}
    return Draft(
        params_of(params),
        programme,
        result["status"],
        result.get("objective"),
        result.get("breakdown", {}),
        tuple(
            Violation(v["rule"], v["message"], tuple(v["bodies"]), tuple(v["items"]), tuple(dt.date.fromisoformat(d) for d in v["dates"]))
            for v in result.get("violations", [])
        ),
        tuple(result.get("conflicts", [])),
        tuple(Change(c["kind"], c["date"], c["slot"], tuple(c["bodies"]), tuple(c["before"]), tuple(c["after"])) for c in result.get("changes", [])),
        result.get("bound"),
    )


def solve(session: Session, params: VariantParams, reference: Programme | None = None,
          progress: Callable[[Progress], None] | None = None, should_stop: Callable[[], bool] | None = None) -> Draft:
    """Plan the session under the variant's parameters; with a reference, move least from it.

    `progress` hears of each improving solution; `should_stop` may end the search there (see PlanOptions).
    """
    seen = apply(session, params)
    weights = dataclasses.replace(Weights(), **params.weights)
    options = PlanOptions(seed=params.seed, time_limit=params.time_limit, weights=weights, progress=progress, should_stop=should_stop,
                          deterministic=params.same_answer)
    result = plan(seen, options, reference=reference)
    if result.programme is None:
        return Draft(params, reference, result.status, conflicts=tuple(c.message for c in result.conflicts))
    return Draft(params, result.programme, result.status, result.objective, result.breakdown, changes=result.changes, bound=result.bound)


def replan(session: Session, draft: Draft) -> Draft:
    """"Re-plan from here": keep what is pinned and move least from the current programme."""
    return solve(session, draft.params, reference=draft.programme)


def assess(session: Session, params: VariantParams, programme: Programme, status: str = "edited") -> Draft:
    """Check a programme under the variant's rules; score it when it breaks none."""
    seen = apply(session, params)
    # Minutes are found anew: an edit or a new estimate makes the old split meaningless.
    bare = Programme(tuple(dataclasses.replace(m, items=tuple(dataclasses.replace(t, minutes=None) for t in m.items)) for m in programme.meetings))
    evaluation = evaluate(seen, bare, dataclasses.replace(Weights(), **params.weights), seed=params.seed)
    if evaluation.violations:
        return Draft(params, bare, status, violations=evaluation.violations)
    return Draft(params, _with_minutes(bare, evaluation.programme), status, evaluation.objective, evaluation.breakdown)


def _with_minutes(programme: Programme, scored: Programme) -> Programme:
    """The programme as it was (meetings, rooms, printed headings) with the minutes the checker found."""
    minutes = {(m.date, m.slot, t.body, t.code): t.minutes for m in scored.meetings for t in m.items}
    return Programme(tuple(
        dataclasses.replace(m, items=tuple(dataclasses.replace(t, minutes=minutes.get((m.date, m.slot, t.body, t.code), 0)) for t in m.items))
        for m in programme.meetings
    ))


# --- hand edits ------------------------------------------------------------------------------


class When(_Model):
    date: dt.date
    slot: LocalTime


class MeetingRef(When):
    """The meeting that `body` holds on `date` in the slot starting at `slot`."""

    body: str


class MoveItem(_Model):
    """Move an item from one of its body's meetings to another slot (joint partners and its heading come along)."""

    kind: Literal["move_item"]
    body: str
    code: str
    from_: When = Field(alias="from")
    to: When


class MoveMeeting(_Model):
    """Move a whole meeting to another slot, and to another room when `room` is given."""

    kind: Literal["move_meeting"]
    meeting: MeetingRef
    to: When
    room: str | None = None


class SwapMeetings(_Model):
    """Exchange the slots of two meetings."""

    kind: Literal["swap_meetings"]
    first: MeetingRef
    second: MeetingRef


class PinItem(PinIn):
    """Pin an item to start (or be taken) on a date and slot; re-planning keeps it there."""

    kind: Literal["pin"]


class ChangeEstimate(Estimate):
    """Set the minutes an item needs in this variant."""

    kind: Literal["estimate"]


Edit = Annotated[MoveItem | MoveMeeting | SwapMeetings | PinItem | ChangeEstimate, Field(discriminator="kind")]


class _Rows:
    """A programme as editable rows, one per meeting: {date, slot, items: {body: [codes]}, room}."""

    def __init__(self, session: Session, programme: Programme):
        self.session = session
        self.grid = build_grid(session)
        self.rows = [
            {"date": m.date, "slot": m.slot, "items": {b: [t.code for t in m.items_of(b)] for b in m.bodies}, "room": m.room}
            for m in programme.sorted().meetings
        ]

    def find(self, body: str, when: When, path: str) -> dict[str, Any]:
        for row in self.rows:
            if row["date"] == when.date and row["slot"] == when.slot and body in row["items"]:
                return row
        raise ParamsError([FieldError(path, f"{body} holds no meeting on {when.date} at {when.slot:%H:%M}")])

    def _position(self, body: str, code: str) -> int:
        try:
            return self.session.item(body, code).position
        except KeyError:
            return -1

    def move_item(self, edit: MoveItem) -> None:
        source = self.find(edit.body, edit.from_, "from")
        if edit.code not in source["items"][edit.body]:
            raise ParamsError([FieldError("code", f"{edit.body} does not take {edit.code} on {edit.from_.date} at {edit.from_.slot:%H:%M}")])
        task = self.grid.task_of.get((edit.body, edit.code))
        refs = {m.ref for m in task.members} if task else {(edit.body, edit.code)}
        refs |= {h for h, leaf in self.grid.first_under.items() if leaf in refs}
        moving: dict[str, list[str]] = {}
        for body, codes in source["items"].items():
            taken = [c for c in codes if (body, c) in refs]
            if taken:
                moving[body] = taken
                source["items"][body] = [c for c in codes if c not in taken]
        targets = [r for r in self.rows if r["date"] == edit.to.date and r["slot"] == edit.to.slot and set(r["items"]) & set(moving)]
        target = {"date": edit.to.date, "slot": edit.to.slot, "items": {}, "room": targets[0]["room"] if targets else None}
        for row in targets:
            self.rows.remove(row)
            for body, codes in row["items"].items():
                target["items"].setdefault(body, []).extend(codes)
        for body, codes in moving.items():
            have = target["items"].setdefault(body, [])
            have.extend(c for c in codes if c not in have)
            have.sort(key=lambda c: self._position(body, c))
        self.rows.append(target)

    def move_meeting(self, edit: MoveMeeting) -> None:
        row = self.find(edit.meeting.body, edit.meeting, "meeting")
        row["date"], row["slot"] = edit.to.date, edit.to.slot
        if "room" in edit.model_fields_set:
            row["room"] = edit.room

    def swap(self, edit: SwapMeetings) -> None:
        first = self.find(edit.first.body, edit.first, "first")
        second = self.find(edit.second.body, edit.second, "second")
        if first is second:
            raise ParamsError([FieldError("second", "is the same meeting as `first`")])
        first["date"], first["slot"], second["date"], second["slot"] = second["date"], second["slot"], first["date"], first["slot"]

    def programme(self) -> Programme:
        rows = []
        for row in self.rows:
            items = {b: codes for b, codes in row["items"].items() if codes}
            if items:
                rows.append({**row, "items": items})
        # Rebuilt from rows: joint meetings regrouped, minutes left for the checker to find, "(continued)" marked anew.
        return programme_from_rows(self.session, rows)


def edit(session: Session, draft: Draft, change: MoveItem | MoveMeeting | SwapMeetings | PinItem | ChangeEstimate) -> Draft:
    """Apply one hand edit and check the outcome; raises ParamsError when the edit names nothing real."""
    if draft.programme is None:
        raise ParamsError([FieldError("(variant)", "has no programme to edit; solve it first")])
    if isinstance(change, PinItem):
        params = draft.params.model_copy(update={"pins": [*draft.params.pins, PinIn.model_validate(change.model_dump(exclude={"kind"}))]})
        return assess(session, params, draft.programme)
    if isinstance(change, ChangeEstimate):
        others = [e for e in draft.params.estimates if (e.body, e.code) != (change.body, change.code)]
        params = draft.params.model_copy(update={"estimates": [*others, Estimate.model_validate(change.model_dump(exclude={"kind"}))]})
        return assess(session, params, draft.programme)
    seen = apply(session, draft.params)
    rows = _Rows(seen, draft.programme)
    if isinstance(change, MoveItem):
        rows.move_item(change)
    elif isinstance(change, MoveMeeting):
        rows.move_meeting(change)
    else:
        rows.swap(change)
    return assess(session, draft.params, rows.programme())


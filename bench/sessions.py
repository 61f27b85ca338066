"""Generated sessions for benchmarks: from one week and one body up to a Human Rights Council size."""

from __future__ import annotations

import datetime as dt
import random

from solver.problem import AgendaItem, Body, Pin, Rules, Session, Slot

SLOTS = (
    Slot(dt.time(9, 0), dt.time(12, 0)),
    Slot(dt.time(12, 0), dt.time(15, 0)),
    Slot(dt.time(15, 0), dt.time(18, 0)),
)


def generated_session(weeks: int, bodies: int, items: int, seed: int = 0, load: float = 0.75) -> Session:
    """A session of `weeks` weeks, `bodies` bodies (a plenary and working groups) and `items` items.

    Working groups meet inside windows; the plenary opens (exclusive) and closes the session;
    estimates are multiples of 15 minutes scaled so that the agenda fills `load` of its room time.
    """
    rng = random.Random(seed)
    first = dt.date(2025, 2, 24)  # a Monday
    last = first + dt.timedelta(days=7 * weeks - 3)
    days = [first + dt.timedelta(days=d) for d in range(7 * weeks) if (first + dt.timedelta(days=d)).weekday() < 5]
    keys = ["plenary"] + [f"wg{i}" for i in range(1, bodies)]
    body_list = []
    for i, key in enumerate(keys):
        if i == 0:
            body_list.append(Body(key, {"en": "Plenary"}, "plenary"))
            continue
        span = max(3, len(days) // 2)
        start = rng.randrange(1, max(2, len(days) - span))
        body_list.append(Body(key, {"en": f"Working Group {i}"}, "working_group", True, days[start], days[min(len(days) - 1, start + span - 1)]))
    share = [3.0] + [1.0] * (bodies - 1)
    counts = [max(2, round(items * s / sum(share))) for s in share]
    counts[0] += items - sum(counts)
    at_once = min(3, bodies)
    room_minutes = []
    for body in body_list:
        open_days = [d for d in days if body.may_meet_on(d)]
        room_minutes.append(len(open_days) * len(SLOTS) * 180 / (at_once if body.key != "plenary" else 1.6))
    agenda = []
    for body, n, capacity in zip(body_list, counts, room_minutes):
        raw = [rng.uniform(0.3, 3.0) for _ in range(n)]
        scale = min(capacity, sum(room_minutes) / at_once * load) * load / sum(raw)
        for j, r in enumerate(raw):
            minutes = max(15, int(r * scale / 15) * 15)
            exclusive = body.key == "plenary" and j in (0, n - 1)
            agenda.append(AgendaItem(body.key, f"{j + 1}", len(agenda), {"en": f"{body.names['en']} item {j + 1}"}, minutes=minutes, exclusive=exclusive))
    rules = Rules(
        interpreted_at_once=at_once,
        max_meeting_minutes=180,
        agenda_order="strict",
        pins=(Pin("plenary", "1", first, SLOTS[0].start),),
    )
    return Session(
        names={"en": f"Generated session {weeks}w/{bodies}b/{items}i"},
        timezone="Europe/Zurich",
        first_day=first,
        last_day=last,
        slots=SLOTS,
        bodies=tuple(body_list),
        agenda=tuple(agenda),
        rules=rules,
    )

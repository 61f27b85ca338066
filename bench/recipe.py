"""Hard generated sessions of issue 16's recipe: many bodies, long items, joint items, one window."""

from __future__ import annotations

import argparse
import datetime as dt
import random

from solver.problem import AgendaItem, Body, Pin, Rules, Session, Slot

SLOTS = (
    Slot(dt.time(9, 0), dt.time(12, 0)),
    Slot(dt.time(12, 0), dt.time(15, 0)),
    Slot(dt.time(15, 0), dt.time(18, 0)),
)
# Drawn with repetition: short items are the most common, a 6-hour debate the rarest.
MINUTES = (30, 30, 45, 60, 60, 90, 120, 180, 360)
INTERPRETED = 4
JOINT_EVERY = 10

# name -> (weeks, bodies, items)
SIZES = {"300": (4, 6, 300), "600": (6, 8, 600)}


def recipe_session(weeks: int = 4, bodies: int = 6, items: int = 300, seed: int = 0) -> Session:
    """`weeks` weeks of 3 slots of 3 hours a day, `bodies` bodies and `items` items.

    The plenary and the next three bodies are interpreted, the fourth meets inside a window of
    about 60% of the days; every tenth item of bodies 1 and 2, and of the last two bodies, is one
    joint item; the plenary opens with an exclusive item pinned to the first slot; agenda order
    is strict and at most 3 interpreted meetings run at once.
    """
    rng = random.Random(seed)
    first = dt.date(2025, 2, 24)  # a Monday
    days = [first + dt.timedelta(days=d) for d in range(7 * weeks) if (first + dt.timedelta(days=d)).weekday() < 5]
    span = round(len(days) * 0.6)
    start = rng.randrange(1, len(days) - span)
    keys = ["plenary"] + [f"b{i}" for i in range(1, bodies)]
    windowed = keys[min(INTERPRETED - 1, bodies - 1)]
    body_list = []
    for i, key in enumerate(keys):
        window = (days[start], days[start + span - 1]) if key == windowed else (None, None)
        kind = "plenary" if i == 0 else "working_group"
        body_list.append(Body(key, {"en": key.capitalize()}, kind, i < INTERPRETED, *window))
    # The windowed body gets fewer items, in proportion to its days, so that it can fit them.
    share = [0.6 if k == windowed else 1.0 for k in keys]
    counts = [int(items * s / sum(share)) for s in share]
    counts[0] += items - sum(counts)
    minutes = {k: [rng.choice(MINUTES) for _ in range(n)] for k, n in zip(keys, counts)}
    minutes["plenary"][0] = 60
    pairs = [(keys[1], keys[2]), (keys[-2], keys[-1])] if bodies >= 5 else []
    joint: dict[tuple[str, int], tuple[str, str]] = {}
    for a, b in pairs:
        for j in range(JOINT_EVERY - 1, min(len(minutes[a]), len(minutes[b])), JOINT_EVERY):
            minutes[b][j] = minutes[a][j]  # one joint item has one estimate
            joint[(a, j)] = (b, str(j + 1))
    agenda = []
    for key in keys:
        for j, m in enumerate(minutes[key]):
            agenda.append(AgendaItem(
                key, str(j + 1), len(agenda), {"en": f"{key} item {j + 1}"}, minutes=m,
                joint_with=(joint[(key, j)],) if (key, j) in joint else (),
                exclusive=key == "plenary" and j == 0,
            ))
    rules = Rules(interpreted_at_once=3, agenda_order="strict", pins=(Pin("plenary", "1", first, SLOTS[0].start),))
    return Session(
        names={"en": f"Recipe session {weeks}w/{bodies}b/{items}i seed {seed}"},
        timezone="Europe/Zurich",
        first_day=first,
        last_day=days[-1],
        slots=SLOTS,
        bodies=tuple(body_list),
        agenda=tuple(agenda),
        rules=rules,
    )


def add_session_arguments(parser: argparse.ArgumentParser, sizes: str, limits: str, limits_help: str) -> None:
    """The recipe's sessions and the limits a benchmark runs them at: --sizes, --seeds and --limits."""
    parser.add_argument("--sizes", default=sizes, help=f"of {', '.join(SIZES)}")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--limits", default=limits, help=limits_help)

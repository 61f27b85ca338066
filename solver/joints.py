"""Move joint items a few slots and re-plan their bodies around them, while a table's score falls.

solver.recut re-plans one body at a time and leaves joint items where they are: a joint item
placed early holds one body idle until the other reaches it, and one placed late crowds the
other's line. Shifting it and re-cutting both bodies' lines around it is a move neither the body
by body re-plan nor a neighbourhood of a few days finds. Moves are scored by the table alone
(`score`, the model's terms but for the rules on parallel meetings), so that a move costs two
dynamic programmes and no solve; the whole model then checks and scores the result.
"""

from __future__ import annotations

from collections import defaultdict

from solver.model import PlanModel
from solver.recut import Taken, meetings_of, other_limits, recut_body, work_of
from solver.search import Budget

SHIFTS = (1, -1, 2, -2, 3, -3)  # slots a joint item may move in one step, nearest first


def score(pm: PlanModel, taken: Taken) -> int:
    """The objective of a table by the model's weights: splits, item and body gaps, finish and
    the busiest day."""
    g, w = pm.grid, pm.weights
    if not taken:
        return 0
    of_task: dict[int, list[int]] = defaultdict(list)
    of_body: dict[str, set[int]] = defaultdict(set)
    here: dict[int, list] = defaultdict(list)
    for task, s in taken:
        of_task[task].append(s)
        here[s].append(g.tasks[task])
        for body in g.tasks[task].bodies:
            of_body[body].add(s)
    splits = sum(len(slots) - 1 for slots in of_task.values())
    item_gaps = sum(_gaps(slots) for slots in of_task.values())
    body_gaps = sum(_gaps(slots) for slots in of_body.values())
    bodies = set(g.sequence)
    per_day: dict = defaultdict(int)
    for s, tasks in here.items():
        per_day[g.slots[s].day] += meetings_of(tasks, bodies)
    finish = max(here) + 1
    return (w.splits * splits + w.item_gaps * item_gaps + w.body_gaps * body_gaps + w.finish * finish
            + w.day_peak * max(per_day.values()))


def _gaps(slots: list[int] | set[int]) -> int:
    """Slots between the first and the last of `slots` that are not among them."""
    return max(slots) - min(slots) + 1 - len(slots)


def shift_joints(pm: PlanModel, taken: Taken, budget: Budget) -> Taken:
    """`taken` after moving joint items, one step at a time, while a move lowers its score."""
    g = pm.grid
    rules = g.session.rules
    if rules.agenda_order != "strict" or other_limits(g):
        return taken
    pinned = {g.task_of[(pin.body, pin.code)].index for pin in rules.pins}
    joint = [t for t in g.tasks if len(t.bodies) > 1 and t.index not in pinned]
    allowed = {t.index: {s.index for s in pm.slots_of(t)} for t in joint}
    best = score(pm, taken)
    moved = True
    while moved:
        moved = False
        for task in joint:
            place = sorted((s, v) for (k, s), v in taken.items() if k == task.index)
            for shift in SHIFTS:
                if budget.exhausted():
                    return taken
                to = [(s + shift, v) for s, v in place]
                if any(s not in allowed[task.index] or v > g.slots[s].cap for s, v in to):
                    continue
                trial: Taken | None = {k: v for k, v in taken.items() if k[0] != task.index}
                trial |= {(task.index, s): v for s, v in to}
                for body in task.bodies:
                    if trial is not None:
                        budget.charge(work_of(pm, body))
                        trial = recut_body(pm, trial, body)
                # Where it was, its bodies may go on meeting apart: two meetings where there was one.
                if trial is None or not _fits(pm, trial, {s for s, _ in to + place}):
                    continue
                value = score(pm, trial)
                if value < best:
                    taken, best, moved = trial, value, True
                    break
    return taken


def _fits(pm: PlanModel, taken: Taken, slots: set[int]) -> bool:
    """In `slots`: no more interpreted meetings than the cap, and an exclusive item alone."""
    g = pm.grid
    cap = g.session.rules.interpreted_at_once
    interpreted = {b.key for b in g.session.bodies if b.interpreted}
    here: dict[int, list] = defaultdict(list)
    for task, s in taken:
        if s in slots:
            here[s].append(g.tasks[task])
    for tasks in here.values():
        if cap is not None and meetings_of(tasks, interpreted) > cap:
            return False
        if any(t.exclusive for t in tasks) and meetings_of(tasks, set(g.sequence)) > 1:
            return False
    return True

"""Fill the table in agenda order, slot by slot, the way a secretariat does it by hand."""

from __future__ import annotations

from solver.grid import Grid, GridSlot, Task
from solver.model import open_slots


def greedy_fill(grid: Grid, whole_items: bool = False, urgent_first: bool = False,
                within: dict[str, set[int]] | None = None, windows_first: bool = False) -> dict[tuple[int, int], int] | None:
    """Minutes per (task, slot) of a hand-made table, or None when it leaves items out.

    Each body in turn, in each slot, takes its next items until the meeting is full; a joint item
    waits until all its bodies reach it; interpretation and exclusivity limits are respected.
    With `whole_items`, a meeting ends early rather than start an item that a meeting of its own
    could hold whole. With `urgent_first`, in each slot the bodies with the most minutes left per
    slot still open to them go first, so that a body with a window or a long agenda is not crowded
    out of the interpreted slots until too late. With `windows_first`, the bodies that meet within a
    window of dates go first, the others in session order.
    """
    session, rules = grid.session, grid.session.rules
    interpreted = {b.key for b in session.bodies if b.interpreted}
    left = {t.index: t.minutes for t in grid.tasks}
    position = dict.fromkeys(grid.sequence, 0)
    reachable = {b: {s.index for s in open_slots(grid, b)} for b in grid.sequence}
    if within is not None:
        reachable = {b: {s for s in slots if s in within.get(b, ()) or s > max(within.get(b, ()), default=-1)}
                     for b, slots in reachable.items()}
    pin_start = {}
    for pin in rules.pins:
        targets = [s.index for s in grid.slots if s.day == pin.date and pin.slot in (None, s.slot.start)]
        if targets:
            task = grid.task_of[(pin.body, pin.code)]
            pin_start[task.index] = max(pin_start.get(task.index, 0), targets[0])
    limit = min(x for x in (rules.interpreted_at_once, rules.interpreter_teams.teams if rules.interpreter_teams else None, 99) if x is not None)
    per_day, per_week = {}, {}
    taken: dict[tuple[int, int], int] = {}

    def next_task(body: str) -> Task | None:
        seq = grid.sequence[body]
        while position[body] < len(seq) and left[seq[position[body]].index] == 0:
            position[body] += 1
        return seq[position[body]] if position[body] < len(seq) else None

    tasks_of = {b: [t.index for t in seq] for b, seq in grid.sequence.items()}
    windowed = {b.key for b in session.bodies if b.has_window}
    for s in grid.slots:
        busy: set[str] = set()
        meetings = interpreted_here = 0
        exclusive_here = False
        order = sorted(grid.sequence, key=lambda b: b not in windowed) if windows_first else list(grid.sequence)
        if urgent_first:
            def urgency(b: str) -> tuple[bool, float]:
                # A pinned item whose slot has come goes first of all.
                task = next_task(b)
                due = task is not None and task.index in pin_start and pin_start[task.index] <= s.index  # noqa: B023 (sorted at once)
                still_open = sum(1 for i in reachable[b] if i >= s.index)  # noqa: B023
                return not due, -sum(left[t] for t in tasks_of[b]) / max(1, still_open)
            order.sort(key=urgency)
        for body in order:
            task = next_task(body)
            if body in busy or task is None or exclusive_here:
                continue
            group = task.bodies
            if any(next_task(b) is not task or b in busy or s.index not in reachable[b] for b in group):
                continue
            if pin_start.get(task.index, 0) > s.index or (task.exclusive and meetings):
                continue
            is_interpreted = bool(set(group) & interpreted)
            if is_interpreted and not _interpreter_room(grid, s, interpreted_here, limit, per_day, per_week):
                continue
            exclusive_here = _fill(grid, s, body, group, left, taken, next_task, pin_start, whole_items)
            busy.update(group)
            meetings += 1
            if is_interpreted:
                interpreted_here += 1
                per_day[s.day] = per_day.get(s.day, 0) + 1
                per_week[s.week] = per_week.get(s.week, 0) + 1
    return taken if not any(left.values()) else None


def hand_tables(grid: Grid, within: dict[str, set[int]] | None = None) -> list[dict[tuple[int, int], int]]:
    """The hand-made tables worth starting from: those that split no item they need not split, else
    the plain ones; each filled in session order of bodies, most urgent first, and (when a body
    has a window of dates) windowed bodies first: a window can crowd any of them out."""
    kinds = [{"urgent_first": False}, {"urgent_first": True}]
    if any(b.has_window for b in grid.session.bodies):
        kinds.append({"windows_first": True})
    whole = [greedy_fill(grid, True, within=within, **kind) for kind in kinds]
    plain = [greedy_fill(grid, False, within=within, **kind) for kind in kinds] if not any(whole) else []
    return [t for t in whole + plain if t is not None]


def _interpreter_room(grid: Grid, s: GridSlot, here: int, limit: int, per_day: dict, per_week: dict) -> bool:
    rules = grid.session.rules
    if here >= limit:
        return False
    total = sum(per_day.values())
    if rules.interpreted_meetings_total is not None and total >= rules.interpreted_meetings_total:
        return False
    teams = rules.interpreter_teams
    if teams and (per_day.get(s.day, 0) >= teams.teams * teams.per_day or per_week.get(s.week, 0) >= teams.teams * teams.per_week):
        return False
    return True


def _fill(grid: Grid, s: GridSlot, body: str, group: tuple[str, ...], left: dict[int, int], taken: dict, next_task, pin_start,
          whole_items: bool) -> bool:
    """One meeting: joint items of the group first, then the first body's own items; True if exclusive."""
    room = s.cap
    exclusive = False
    while room > 0:
        task = next_task(body)
        if task is None or pin_start.get(task.index, 0) > s.index:
            break
        joint_now = task.bodies == group and all(next_task(b) is task for b in group)
        if task.bodies != (body,) and not joint_now:
            break
        if whole_items and room < left[task.index] <= s.cap and room < s.cap:
            break
        amount = min(left[task.index], room)
        taken[(task.index, s.index)] = amount
        left[task.index] -= amount
        room -= amount
        exclusive |= task.exclusive
    return exclusive

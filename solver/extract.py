"""Turn a solved model into a programme: meetings per slot, items in printed order, rooms."""

from __future__ import annotations

from solver.grid import Grid
from solver.programme import ItemTake, Meeting, Programme, mark_continued


def programme_from_values(grid: Grid, taken: dict[tuple[int, int], int]) -> Programme:
    """Build the programme from minutes per (task, slot); bodies linked by a joint item share a meeting."""
    session = grid.session
    order = [b.key for b in session.bodies]
    headings_before: dict[tuple[str, str], list[str]] = {}
    for heading, leaf in grid.first_under.items():
        headings_before.setdefault(leaf, []).append(heading[1])
    started: set[int] = set()
    meetings: list[Meeting] = []
    for s in grid.slots:
        here = [t for t in grid.tasks if taken.get((t.index, s.index), 0) > 0]
        if not here:
            continue
        groups: list[set[str]] = []
        for t in here:
            touching = [g for g in groups if g & set(t.bodies)]
            merged = set(t.bodies).union(*touching)
            groups = [g for g in groups if g not in touching] + [merged]
        for group in sorted(groups, key=lambda g: min(order.index(b) for b in g)):
            bodies = tuple(sorted(group, key=order.index))
            takes: list[ItemTake] = []
            for body in bodies:
                for task in grid.sequence[body]:
                    minutes = taken.get((task.index, s.index), 0)
                    if not minutes:
                        continue
                    member = task.member(body)
                    if task.index not in started:
                        # A heading prints before its first sub-item, where that item starts.
                        for code in _headings_chain(grid, member.ref, headings_before):
                            takes.append(ItemTake(body, code, 0))
                    takes.append(ItemTake(body, member.code, minutes))
            for task in here:
                if set(task.bodies) & group:
                    started.add(task.index)
            meetings.append(Meeting(s.day, s.slot.start, bodies, tuple(takes)))
    return assign_rooms(grid, mark_continued(session, Programme(tuple(meetings))))


def _headings_chain(grid: Grid, leaf: tuple[str, str], headings_before: dict[tuple[str, str], list[str]]) -> list[str]:
    codes = headings_before.get(leaf, [])
    positions = {i.code: i.position for i in grid.session.items_of(leaf[0])}
    return sorted(codes, key=lambda c: positions[c])


def assign_rooms(grid: Grid, programme: Programme) -> Programme:
    """Give each meeting a room: interpreted ones a room with booths, keeping a body's room where possible."""
    session = grid.session
    if not session.rooms:
        return programme
    interpreted = {b.key for b in session.bodies if b.interpreted}
    suitable = [r for r in session.rooms if r.hybrid or session.format != "hybrid"]
    last_room: dict[str, str] = {}
    out: list[Meeting] = []
    by_slot: dict[tuple, list[Meeting]] = {}
    for meeting in programme.meetings:
        by_slot.setdefault((meeting.date, meeting.slot), []).append(meeting)
    for key in sorted(by_slot):
        free = list(suitable)
        # Interpreted meetings first: they can only use rooms with booths.
        ordered = sorted(by_slot[key], key=lambda m: (not (set(m.bodies) & interpreted), m.bodies))
        for meeting in ordered:
            needs_booths = bool(set(meeting.bodies) & interpreted)
            fits = [r for r in free if r.booths or not needs_booths]
            if not needs_booths:
                # Keep booth rooms for interpreted meetings when a plain room will do.
                fits.sort(key=lambda r: r.booths)
            if not fits:
                out.append(meeting)
                continue
            preferred = next((r for r in fits if r.key == last_room.get(meeting.bodies[0])), fits[0])
            free.remove(preferred)
            for body in meeting.bodies:
                last_room[body] = preferred.key
            out.append(Meeting(meeting.date, meeting.slot, meeting.bodies, meeting.items, preferred.key))
    return Programme(tuple(out)).sorted()

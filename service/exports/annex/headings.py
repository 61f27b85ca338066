"""Which heading rows the annex prints: a document style's heading rule applied to a meeting's items."""

from __future__ import annotations

from collections.abc import Iterator

from solver.problem import AgendaItem, Session
from solver.programme import ItemTake, Meeting


def first_leaf(session: Session, heading: AgendaItem) -> AgendaItem | None:
    """The first sub-item that is taken itself (a heading's time is in its sub-items)."""
    item: AgendaItem | None = heading
    while item is not None and item.heading:
        item = next((i for i in session.items_of(item.body) if i.parent == item.code), None)
    return item


def headings_over(session: Session, leaf: AgendaItem) -> list[AgendaItem]:
    """The headings whose first sub-item is `leaf`, outermost first: they print just above it."""
    found = [h for h in session.items_of(leaf.body) if h.heading and first_leaf(session, h) == leaf]
    return sorted(found, key=lambda h: h.position)


def printed_takes(session: Session, meeting: Meeting, body: str, rule: str) -> list[ItemTake]:
    """The body's takes in the meeting with heading rows as `rule` prints them.

    `listed`: as the programme lists them (a secretariat's table says itself which it prints);
    `never`: none; `always`: above its first sub-item where that item starts; `meeting_start`:
    the same, only where that sub-item opens the body's part of the meeting.
    """
    takes = list(meeting.items_of(body))
    if rule == "listed":
        return takes
    taken = [t for t in takes if not session.item(t.body, t.code).heading]
    if rule == "never":
        return taken or takes
    out: list[ItemTake] = []
    for n, take in enumerate(taken):
        opens = n == 0
        if not take.continued and (rule == "always" or opens):
            out += [ItemTake(body, h.code) for h in headings_over(session, session.item(body, take.code))]
        out.append(take)
    # A meeting that lists only a heading (nothing of its own) keeps it: it would print empty else.
    return out or takes


def printed_once(session: Session, meeting: Meeting) -> Iterator[tuple[str, AgendaItem, ItemTake]]:
    """Each item the meeting prints, with the body that lists it and its take, in the style's heading rule; a joint item
    once, under the first body that takes it (the Journal and the conference apps list a meeting's items this way)."""
    seen: set[tuple[str, str]] = set()
    for body in meeting.bodies:
        for take in printed_takes(session, meeting, body, session.style.headings):
            item = session.item(body, take.code)
            if item.ref in seen:
                continue
            seen.add(item.ref)
            seen.update(partners(session, item.ref))
            yield body, item, take


def partners(session: Session, ref: tuple[str, str]) -> set[tuple[str, str]]:
    """The items taken jointly with `ref`, whichever of the two names the other in `joint_with`."""
    own = set(session.item(*ref).joint_with)
    return own | {i.ref for i in session.agenda if ref in i.joint_with}

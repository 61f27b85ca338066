"""Re-plan one body at a time with every other meeting kept: its meetings and the cut of its agenda through them, by dynamic programme.

Under strict agenda order a body's items run as one line through its meetings. With every other
body's meetings kept, the slots this body may meet in are those it holds and those where it
would break no rule (room under the interpretation cap, no other body's exclusive item); a
dynamic programme over (meeting, minutes used) then finds exactly the best way to run the line
through them: where to cut items (splits and item gaps), which meetings to leave empty (body
gaps) and where to end (the finish). Neighbourhoods re-solve a stretch at a time and rarely
shift a whole agenda by a few minutes; this does, in a fraction of a second.

At a price, an interpreted body may also take a seat under the interpretation cap that another
body's meeting holds (the shortest that may leave), which then leaves the slot and whose body is
re-planned around it: the move solver.pairs makes for a pair, for one body.

Joint items, and items named by a rule on parallel meetings, stay where they are placed and the
line passes around them; a pinned item keeps to its pin, an exclusive item to slots its bodies
have alone. The busiest day is not counted here: the whole model checks and scores the result
(solver.lns.complete).
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.grid import Grid, Task
from solver.model import PlanModel

Taken = dict[tuple[int, int], int]  # (task, slot) -> minutes
State = tuple[int, int]  # (meeting, units used in it)


class Layer(dict[State, tuple[int, State | None, list[tuple[int, int]]]]):
    """The states after some items: state -> (cost, the state before the last item, its placement)."""

    def keep(self, end: State, cost: int, back: State, placement: list[tuple[int, int]]) -> None:
        if end not in self or cost < self[end][0]:
            self[end] = (cost, back, placement)


@dataclass(frozen=True)
class Line:
    """One body's meetings to cut its agenda through: their slots, the units its items may take
    in each, the items that stay where they are, and the slots it has to itself."""

    slots: list[int]
    cap: list[int]
    anchored: dict[int, list[tuple[int, int]]]  # task -> (slot, units), in slot order
    alone: set[int]
    end: int = 0  # the other bodies' finish: the programme ends there or at this body's last slot
    price: tuple[int, ...] = ()  # per meeting, what taking it costs beside the cut (a seat others hold)


# Deterministic seconds a re-plan is counted, per task and slot: the dynamic programme takes about
# 5.3 microseconds of one core's wall time per cell (300-item benchmark), counted at the 0.45
# deterministic seconds per wall second that CP-SAT counts on one busy core, so that a second of
# re-planning spends the budget as a second of search does.
WORK_PER_CELL = 2.4e-6


def work_of(pm: PlanModel, body: str | None = None) -> float:
    """The deterministic work a re-plan of every body, or of one, is counted as."""
    tasks = len(pm.grid.sequence[body]) if body is not None else len(pm.grid.tasks)
    return WORK_PER_CELL * tasks * len(pm.grid.slots)


def recut(pm: PlanModel, taken: Taken) -> Taken:
    """`taken` with each body, one after another, re-planned through the slots it holds or could hold."""
    g = pm.grid
    if g.session.rules.agenda_order != "strict":
        return taken
    for body in g.sequence:
        taken = recut_body(pm, taken, body) or taken
    return taken


def recut_body(pm: PlanModel, taken: Taken, body: str, price: int | None = None) -> Taken | None:
    """`taken` with one body re-planned through the slots it holds or could hold, or None when
    its line finds no way through them (strict agenda order).

    With a `price`, an interpreted body may also take a seat under the interpretation cap that
    another body's meeting holds, at that price: that meeting leaves the slot and its body is
    re-planned around it."""
    g = pm.grid
    seq = g.sequence[body]
    mine = {t.index for t in seq}
    held = {s for (t, s) in taken if t in mine}
    if not held:
        return None
    stay = anchored_tasks(g)
    room, bought = _open(pm, taken, body, mine, held, stay, buy=price is not None)
    slots = sorted(held | room | bought)
    cap = [(g.slots[s].cap - _partners_load(g, taken, mine, s)) // g.unit for s in slots]
    anchored = {t: sorted((s, v // g.unit) for (k, s), v in taken.items() if k == t) for t in mine & stay}
    others = {s for (t, s) in taken if body not in g.tasks[t].bodies}
    end = max((s + 1 for (t, s) in taken if t not in mine), default=0)
    costs = tuple(price if s in bought else 0 for s in slots) if bought else ()
    cut = cut_line(pm, body, Line(slots, cap, anchored, set(slots) - others, end, costs))
    if cut is None:
        return None
    moving = mine - stay
    out = {k: v for k, v in taken.items() if k[0] not in moving} | cut
    interpreted = {b.key for b in g.session.bodies if b.interpreted}
    displaced: set[str] = set()
    for s in sorted(bought & {q for (_, q) in cut}):
        displaced |= displace(g, out, s, 1, interpreted, mine, stay)
    for other in sorted(displaced):
        out = recut_body(pm, out, other)
        if out is None:
            return None
    return out


def movable(g: Grid, taken: Taken, s: int, mine: set[int], interpreted: set[str], stay: set[int]) -> list[list[int]]:
    """The tasks of each interpreted meeting in slot s, of bodies other than `mine`'s, that may
    leave it for a seat, the shortest first: not one that holds an item a re-plan leaves where it
    is (`anchored_tasks`), which its bodies' re-plan could not move."""
    groups: dict[frozenset[str], list[int]] = {}
    for t in (t for (t, q) in taken if q == s and t not in mine):
        bodies = frozenset(g.tasks[t].bodies)
        key = next((k for k in groups if k & bodies), None)
        groups[key | bodies if key else bodies] = (groups.pop(key) if key else []) + [t]
    return [ts for _, _, ts in sorted((sum(taken[t, s] for t in ts), sorted(k), ts) for k, ts in groups.items()
                                      if k & interpreted and not stay.intersection(ts))]


def displace(g: Grid, taken: Taken, s: int, seated: int, interpreted: set[str], mine: set[int], stay: set[int]) -> set[str]:
    """Take out of slot s, from `taken`, the other bodies' interpreted meetings beyond the seats
    the cap leaves once `mine` have `seated` there, the shortest that may leave first (`movable`);
    their bodies."""
    others = [g.tasks[t] for (t, q) in taken if q == s and t not in mine]
    excess = meetings_of(others, interpreted) + seated - g.session.rules.interpreted_at_once
    out: set[str] = set()
    for ts in movable(g, taken, s, mine, interpreted, stay)[:max(0, excess)]:
        for t in ts:
            del taken[t, s]
            out |= set(g.tasks[t].bodies)
    return out


def _open(pm: PlanModel, taken: Taken, body: str, mine: set[int], held: set[int], stay: set[int],
          buy: bool) -> tuple[set[int], set[int]]:
    """Slots a body does not meet in but could, every other meeting staying as it is, and, when it
    may `buy` a seat, those where it could once another body's meeting left: one of its items may
    take the slot, no other body's exclusive item is there, and an interpreted body finds the
    interpretation cap not reached (or reached with enough `movable` meetings to leave). Under the
    other limits on interpreted meetings (teams, rooms, a total) a body keeps to the slots it holds."""
    g = pm.grid
    cap = g.session.rules.interpreted_at_once
    if other_limits(g):
        return set(), set()
    interpreted = {b.key for b in g.session.bodies if b.interpreted}
    here: dict[int, list[int]] = {}
    for t, s in taken:
        here.setdefault(s, []).append(t)
    room, bought = set(), set()
    for s in {q.index for t in mine for q in pm.slots_of(g.tasks[t])} - held:
        tasks = [g.tasks[t] for t in here.get(s, [])]
        if any(t.exclusive for t in tasks):
            continue
        seated = meetings_of(tasks, interpreted) if body in interpreted and cap is not None else None
        if seated is None or seated < cap:
            room.add(s)
        elif buy and seated + 1 - cap <= len(movable(g, taken, s, mine, interpreted, stay)):
            bought.add(s)
    return room, bought


def other_limits(g: Grid) -> bool:
    """Whether limits on interpreted meetings beside the cap apply (teams, rooms, a total): a
    re-plan does not check them, so under them no meeting moves to a slot it did not hold."""
    rules = g.session.rules
    return rules.interpreted_meetings_total is not None or rules.interpreter_teams is not None or bool(g.session.rooms)


def meetings_of(tasks: list[Task], bodies: set[str]) -> int:
    """The meetings that hold `tasks` and count for `bodies`: bodies joined by a joint item sit in one."""
    group: dict[str, set[str]] = {}
    for t in tasks:
        merged = set(t.bodies).union(*(group.get(b, set()) for b in t.bodies))
        for b in merged:
            group[b] = merged
    return len({frozenset(m) for m in group.values() if m & bodies})


def anchored_tasks(grid: Grid) -> set[int]:
    """Tasks a cut leaves where they are: joint items, and items that a rule on parallel meetings names."""
    named = {tuple(ref.partition(":")[::2]) for rule in grid.session.rules.avoid_parallel for ref in (rule.first, rule.second)}
    return {t.index for t in grid.tasks if len(t.bodies) > 1 or any(m.ref in named for m in t.members)}


def _partners_load(g: Grid, taken: Taken, mine: set[int], s: int) -> int:
    """Minutes in slot s of other bodies that sit with this one in a joint meeting there."""
    partners = {b for (t, q) in taken if q == s and t in mine and len(g.tasks[t].bodies) > 1 for b in g.tasks[t].bodies}
    return sum(v for (t, q), v in taken.items() if q == s and t not in mine and set(g.tasks[t].bodies) & partners)


def cut_line(pm: PlanModel, body: str, line: Line) -> Taken | None:
    """The best cut of a body's movable items through `line`, or None when there is none.

    A meeting that the cut leaves empty is dropped: inside the body's span that is a gap, at its
    weight, and the programme ends at the later of the other bodies' end and this body's.
    """
    g, unit, w = pm.grid, pm.grid.unit, pm.weights
    seq = g.sequence[body]
    if not line.slots:
        return None
    where = {s: j for j, s in enumerate(line.slots)}
    pins = _pins(g)
    layers = [Layer({START: (0, None, [])})]
    for task in seq:
        previous = layers[-1]
        fresh = _fresh_starts(previous, line.slots, w.body_gaps)
        allowed = {s.index for s in pm.slots_of(task)}
        if task.exclusive:
            allowed &= line.alone
        nxt = Layer()
        if task.index in line.anchored:
            _past_anchor(line.anchored[task.index], previous, fresh, where, line.cap, nxt)
        else:
            length, pin = task.minutes // unit, pins.get(task.index)
            starts = [((j, used), cost, state) for state, (cost, _, _) in previous.items()
                      for j, used in [state] if j >= 0 and used < line.cap[j]]
            starts += [((j, 0), cost, state) for j, (cost, state) in enumerate(fresh) if state is not None]
            for (j, used), cost, back in starts:
                placement = _fill(length, j, used, line, allowed)
                if placement is None or not _keeps_pin(placement, pin):
                    continue
                last = j + len(placement) - 1
                gaps = line.slots[last] - line.slots[j] + 1 - len(placement)
                end_used = (used if last == j else 0) + placement[-1][1]
                extra = w.splits * (len(placement) - 1) + (w.item_gaps + w.body_gaps) * gaps
                if line.price:
                    extra += sum(line.price[k] for k in range(j if used == 0 else j + 1, last + 1))
                nxt.keep((last, end_used), cost + extra, back, placement)
        if not nxt:
            return None
        layers.append(nxt)
    # At equal cost the line ends as early as it can, so that bodies ending together can, one
    # after another, bring the finish forward.
    finals = [(c + w.finish * max(line.end, line.slots[s[0]] + 1), s) for s, (c, _, _) in layers[-1].items() if s != START]
    if not finals:
        return None
    state = min(finals)[1]
    cut: Taken = {}
    for i in range(len(seq), 0, -1):
        _, back, placement = layers[i][state]
        for s, units in placement:
            cut[seq[i - 1].index, s] = units * unit
        state = back
    return cut


START: State = (-1, 0)  # nothing placed yet


def _fresh_starts(states: Layer, slots: list[int], gap_weight: int) -> list[tuple[int, State | None]]:
    """For each meeting j, the cheapest state to open j from, empty: every slot between the
    meeting before and j is a gap of the body, at `gap_weight` (before anything is placed, free)."""
    if START in states:
        return [(states[START][0], START)] * len(slots)
    best: dict[int, tuple[int, State]] = {}
    for state, (cost, _, _) in states.items():
        if state[0] not in best or cost < best[state[0]][0]:
            best[state[0]] = (cost, state)
    out: list[tuple[int, State | None]] = [(0, None)]
    for j in range(1, len(slots)):
        step = slots[j] - slots[j - 1]
        run = out[-1]
        run = (run[0] + gap_weight * step, run[1]) if run[1] is not None else run
        if j - 1 in best and (run[1] is None or best[j - 1][0] + gap_weight * (step - 1) < run[0]):
            run = (best[j - 1][0] + gap_weight * (step - 1), best[j - 1][1])
        out.append(run)
    return out


def _keeps_pin(placement: list[tuple[int, int]], pin: tuple[set[int], int | None] | None) -> bool:
    if pin is None:
        return True
    target, earliest = pin
    return bool(target & {s for s, _ in placement}) and (earliest is None or placement[0][0] >= earliest)


def _pins(g: Grid) -> dict[int, tuple[set[int], int | None]]:
    """Pinned tasks: the slots one of which they must take, and the first slot they may start in."""
    out: dict[int, tuple[set[int], int | None]] = {}
    for pin in g.session.rules.pins:
        task = g.task_of[(pin.body, pin.code)]
        target = {s.index for s in g.slots if s.day == pin.date and (pin.slot is None or s.slot.start == pin.slot)}
        out[task.index] = (target, min(target, default=None) if pin.mode == "starts" else None)
    return out


def _fill(length: int, first: int, used: int, line: Line, allowed: set[int]) -> list[tuple[int, int]] | None:
    """An item of `length` units from meeting `first`, after `used` units there: the rest of that
    meeting, then each next one filled until it is placed; None where a meeting cannot take it."""
    placement, left, k, offset = [], length, first, used
    while left > 0:
        if k >= len(line.slots) or line.cap[k] - offset <= 0 or line.slots[k] not in allowed:
            return None
        units = min(left, line.cap[k] - offset)
        placement.append((line.slots[k], units))
        left, k, offset = left - units, k + 1, 0
    return placement


def _past_anchor(placed: list[tuple[int, int]], states: Layer, fresh: list[tuple[int, State | None]],
                 where: dict[int, int], cap: list[int], nxt: Layer) -> None:
    """The ways past an item that stays put: the line reaches its first meeting (at its end, or
    leaving it empty until the item) and goes on from its last."""
    if any(s not in where for s, _ in placed):
        return
    first, last = where[placed[0][0]], where[placed[-1][0]]
    for state, (cost, _, _) in states.items():
        j, used = state
        if j == first and used + placed[0][1] <= cap[j]:
            nxt.keep((last, used + placed[0][1] if first == last else placed[-1][1]), cost, state, [])
    cost, state = fresh[first]
    if state is not None:
        nxt.keep((last, placed[0][1] if first == last else placed[-1][1]), cost, state, [])

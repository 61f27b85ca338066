"""Re-plan two bodies that share joint items together, every other meeting kept: a dynamic programme over the slots and both agendas at once.

solver.recut re-plans one body with its joint items where they are, and solver.joints moves one
joint item a few slots at a time. When two bodies share a joint item every tenth item, where each
joint item goes decides how long one body waits for the other, and which of them takes a seat
left under the interpretation cap decides who waits: no move of one item or one body sees that.
Here, slot by slot, the state is how far each body has gone through its agenda (in units of the
grid), and each slot either body meets alone, both meet apart (two seats), or they sit together
in one meeting that takes a joint item (one seat), with the items before it in that slot. The
programme is exact for splits, item and body gaps and the finish, under strict agenda order, with
one restriction: the pair may share no joint item with a third body.
"""

from __future__ import annotations

import numpy as np

from solver.grid import Grid, Task
from solver.joints import score
from solver.model import PlanModel
from solver.recut import Taken, anchored_tasks, displace, meetings_of, movable, other_limits, recut, recut_body, work_of
from solver.search import Budget

INF = np.int64(1) << 40
# Prices of a seat that another body holds under the interpretation cap: None keeps them to the
# seats left, the others let the pair displace a meeting that costs its body less to move.
PRICES = (None, 50, 100, 200)
# Deterministic seconds a pair's re-plan is counted, per state of a stretch (both bodies' units
# between two joint items, multiplied) and slot: about 240 ns of one core's time on the recipe's
# sessions, at the 0.45 deterministic seconds per second that CP-SAT counts on one busy core (as
# solver.recut's WORK_PER_CELL).
WORK_PER_STATE = 1.1e-7


def pairs(g: Grid) -> list[tuple[str, str]]:
    """Pairs of bodies whose joint items are with each other alone, in agenda order for both:
    those that `replan_pair` re-plans."""
    rules = g.session.rules
    if rules.agenda_order != "strict" or other_limits(g):
        return []
    named = {ref.partition(":")[0] for rule in rules.avoid_parallel for ref in (rule.first, rule.second)}
    pinned = {pin.body for pin in rules.pins}
    partners: dict[str, set[str]] = {}
    for t in g.tasks:
        if len(t.bodies) > 1:
            for b in t.bodies:
                partners.setdefault(b, set()).update(set(t.bodies) - {b})
    out = []
    for a, others in sorted(partners.items()):
        if len(others) != 1:
            continue
        (b,) = others
        if a > b or partners.get(b) != {a} or {a, b} & (named | pinned):
            continue
        if any(t.exclusive for t in g.sequence[a] + g.sequence[b]):
            continue
        # With each other's alone, their joint items are theirs; they must come in one order.
        if [t for t in g.sequence[a] if len(t.bodies) > 1] == [t for t in g.sequence[b] if len(t.bodies) > 1]:
            out.append((a, b))
    return out


class _Line:
    """One body's agenda as units: where each task starts, which are inside a task, and which are joint."""

    def __init__(self, pm: PlanModel, seq: list[Task]):
        g = pm.grid
        self.seq = seq
        lengths = [t.minutes // g.unit for t in seq]
        self.start = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        self.total = int(self.start[-1])
        self.task_of_unit = np.repeat(np.arange(len(seq)), lengths)
        joint = np.array([len(t.bodies) > 1 for t in seq], dtype=bool)
        self.joint_unit = joint[self.task_of_unit]
        inside = np.zeros(self.total + 1, dtype=bool)
        inside_joint = np.zeros(self.total + 1, dtype=bool)
        for i, (lo, hi) in enumerate(zip(self.start, self.start[1:])):
            inside[lo + 1:hi] = True
            if joint[i]:
                inside_joint[lo + 1:hi] = True
        self.inside_own = inside & ~inside_joint
        self.inside_joint = inside_joint
        self.started = np.zeros(self.total + 1, dtype=bool)
        self.started[1:self.total] = True
        allowed = np.zeros((len(g.slots), len(seq)), dtype=bool)  # slot, task: the task may take the slot
        for i, t in enumerate(seq):
            allowed[[q.index for q in pm.slots_of(t)], i] = True
        self.allowed = allowed

    def next_bad(self, s: int) -> np.ndarray:
        """For each unit, the first unit from it on that the body cannot take alone in slot s (a
        joint unit, or a task not allowed there); the total where there is none."""
        units = np.arange(self.total + 1)
        bad = np.append(~self.allowed[s][self.task_of_unit] | self.joint_unit, True)
        return np.minimum.accumulate(np.where(bad, units, self.total)[::-1])[::-1]


def work_of_pair(pm: PlanModel, a: str, b: str) -> float:
    """The deterministic work a pair's re-plan is counted as: its states in the stretches between
    joint items, where the work is, for every slot."""
    g = pm.grid
    stretches = []
    for body in (a, b):
        units, run = [], 0
        for t in g.sequence[body]:
            if len(t.bodies) > 1:
                units.append(run)
                run = 0
            else:
                run += t.minutes // g.unit
        stretches.append(units + [run])
    return WORK_PER_STATE * sum((x + 1) * (y + 1) for x, y in zip(*stretches)) * len(g.slots)


def replan_pair(pm: PlanModel, taken: Taken, a: str, b: str, price: int | None = None,
                keep: tuple[set[int], set[int]] | None = None) -> Taken | None:
    """`taken` with bodies `a` and `b` (a pair of `pairs`) re-planned together through the slots
    that every other meeting leaves them, or None when they find no way through.

    With a `price`, the pair may also take a seat under the interpretation cap that another
    body's meeting holds, at that price each: that meeting leaves the slot and its body is
    re-planned around it (solver.recut). With `keep`, each of the two meets only in its own set
    of those slots (solver.outline.realise keeps them to an outline's answer)."""
    g, w, unit = pm.grid, pm.weights, pm.grid.unit
    rules = g.session.rules
    la, lb = _Line(pm, g.sequence[a]), _Line(pm, g.sequence[b])
    mine = {t.index for t in la.seq + lb.seq}
    interpreted = {x.key for x in g.session.bodies if x.interpreted}
    need_a, need_b = int(a in interpreted), int(b in interpreted)
    here: dict[int, list[Task]] = {}
    for t, s in taken:
        if t not in mine:
            here.setdefault(s, []).append(g.tasks[t])
    end = max((s + 1 for s in here), default=0)
    # Each joint item: where it starts on each agenda, its units, and its place on the first.
    joints = [(int(la.start[i]), int(lb.start[lb.seq.index(t)]), t.minutes // unit, i)
              for i, t in enumerate(la.seq) if len(t.bodies) > 1]
    shape = (la.total + 1, lb.total + 1)
    # States where both bodies are as far into every joint item: the others cannot be reached.
    consistent = np.ones(shape, dtype=bool)
    for sa, sb, length, _ in joints:
        pa = np.clip(np.arange(shape[0]) - sa, 0, length)
        pb = np.clip(np.arange(shape[1]) - sb, 0, length)
        consistent &= pa[:, None] == pb[None, :]
    # What each body's idling costs (the other's, when one meets alone), and both's, with a joint
    # item begun and not ended counted once.
    idle_of_b = np.broadcast_to(w.body_gaps * lb.started[None, :] + w.item_gaps * lb.inside_own[None, :], shape)
    idle_of_a = np.broadcast_to(w.body_gaps * la.started[:, None] + w.item_gaps * la.inside_own[:, None], shape)
    idle = idle_of_a + idle_of_b + w.item_gaps * la.inside_joint[:, None]
    edges = [(0, 0)] + [(sa + length, sb + length) for sa, sb, length, _ in joints]
    ends = [(sa, sb) for sa, sb, _, _ in joints] + [(la.total, lb.total)]
    blocks = [(slice(ea, sa + 1), slice(eb, sb + 1)) for (ea, eb), (sa, sb) in zip(edges, ends)]
    split_a = w.splits * la.inside_own.astype(np.int64)
    split_b = w.splits * lb.inside_own.astype(np.int64)
    cost = np.full(shape, INF, dtype=np.int64)
    cost[0, 0] = 0
    steps: list[tuple[np.ndarray, np.ndarray]] = []
    stay = anchored_tasks(g)
    for slot in g.slots:
        s, cap = slot.index, slot.cap // unit
        others = here.get(s, [])
        free = 10**6 if rules.interpreted_at_once is None else rules.interpreted_at_once - meetings_of(others, interpreted)
        if any(t.exclusive for t in others):
            free = -1
        held = len(movable(g, taken, s, mine, interpreted, stay)) if price is not None and free >= 0 else 0

        def seats(k: int) -> int | None:
            return 0 if free >= k else price * (k - free) if free + held >= k else None  # noqa: B023

        alone_a, alone_b, apart, together = seats(need_a), seats(need_b), seats(need_a + need_b), seats(max(need_a, need_b))
        if keep is not None:
            if s not in keep[0]:
                alone_a = apart = together = None
            if s not in keep[1]:
                alone_b = apart = together = None
        if s >= end:
            done = cost[-1, -1]
            cost = cost + w.finish
            cost[-1, -1] = done
        best = np.where(consistent, cost + idle, INF)
        step_a = np.zeros(shape, dtype=np.int8)
        step_b = np.zeros(shape, dtype=np.int8)
        bad_a, bad_b = la.next_bad(s), lb.next_bad(s)
        # Alone or apart, each body takes its own items: a move stays inside a stretch between
        # joint items, a block of states, so each block is solved on its own (a seventh of the work).
        for ra, rb in blocks:
            _apart(cost[ra, rb], best[ra, rb], step_a[ra, rb], step_b[ra, rb], cap, (alone_a, alone_b, apart),
                   (bad_a[ra] - ra.start, bad_b[rb] - rb.start), (split_a[ra], split_b[rb]),
                   (idle_of_b[ra, rb], idle_of_a[ra, rb]))
        if together is not None:
            for sa, sb, length, i in joints:
                if not la.allowed[s, i]:
                    continue
                _joint(cost, together, best, step_a, step_b, bad_a, bad_b, sa, sb, length, cap, (split_a, split_b), w.splits)
        best[~consistent] = INF
        cost = best
        steps.append((step_a, step_b))
    if cost[-1, -1] >= INF:
        return None
    out = {k: v for k, v in taken.items() if k[0] not in mine}
    ua, ub = la.total, lb.total
    displaced: set[str] = set()
    for s in range(len(g.slots) - 1, -1, -1):
        da, db = int(steps[s][0][ua, ub]), int(steps[s][1][ua, ub])
        if price is not None and rules.interpreted_at_once is not None:
            together_here = da and db and la.joint_unit[ua - da:ua].any()
            seated = need_a * bool(da) + need_b * bool(db) - (min(need_a, need_b) if together_here else 0)
            displaced |= displace(g, out, s, seated, interpreted, mine, stay)
        for line, lo, hi, own_only in ((la, ua - da, ua, False), (lb, ub - db, ub, True)):
            for u in range(lo, hi):
                task = line.seq[line.task_of_unit[u]]
                if own_only and len(task.bodies) > 1:
                    continue
                out[task.index, s] = out.get((task.index, s), 0) + unit
        ua, ub = ua - da, ub - db
    if (ua, ub) != (0, 0):
        return None
    for body in sorted(displaced):
        out = recut_body(pm, out, body)
        if out is None:
            return None
    return out


def _apart(cost: np.ndarray, best: np.ndarray, step_a: np.ndarray, step_b: np.ndarray, cap: int,
           seats: tuple[int | None, int | None, int | None], bad: tuple[np.ndarray, np.ndarray],
           split: tuple[np.ndarray, np.ndarray], idle: tuple[np.ndarray, np.ndarray]) -> None:
    """Into `best`, over one block of states: the first body meeting alone, the second alone, or
    both apart, each at the price of its seats (None where the cap leaves none), the idle body
    paying its gaps."""
    alone_a, alone_b, apart = seats
    if alone_a is not None or apart is not None:
        ahead, ahead_step = _advance(cost, bad[0], split[0], cap, axis=0)
        if alone_a is not None:
            _keep(best, step_a, step_b, ahead + alone_a + idle[0], ahead_step, 0)
        if apart is not None:
            both, both_step = _advance(ahead + apart, bad[1], split[1], cap, axis=1)
            shifted = np.zeros(best.shape, dtype=np.int8)
            rows, cols = np.nonzero(both_step)
            shifted[rows, cols] = ahead_step[rows, cols - both_step[rows, cols]]
            _keep(best, step_a, step_b, both, shifted, both_step)
    if alone_b is not None:
        ahead, ahead_step = _advance(cost + alone_b, bad[1], split[1], cap, axis=1)
        _keep(best, step_a, step_b, ahead + idle[1], 0, ahead_step)


def _advance(cost: np.ndarray, bad: np.ndarray, split: np.ndarray, cap: int, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """The cheapest way to each state by one body meeting alone in a slot (1 to `cap` units of its
    own items, none of them joint), and by how many units."""
    out = np.full(cost.shape, INF, dtype=np.int64)
    step = np.zeros(cost.shape, dtype=np.int8)
    size = cost.shape[axis]
    origin = np.arange(size)
    for d in range(1, min(cap, size - 1) + 1):
        ok = bad[:size - d] >= origin[:size - d] + d
        if axis == 0:
            cand = np.where(ok[:, None], cost[:size - d, :], INF) + split[d:, None]
            target, target_step = out[d:, :], step[d:, :]
        else:
            cand = np.where(ok[None, :], cost[:, :size - d], INF) + split[None, d:]
            target, target_step = out[:, d:], step[:, d:]
        better = cand < target
        target[better] = cand[better]
        target_step[better] = d
    return out, step


def _keep(best: np.ndarray, step_a: np.ndarray, step_b: np.ndarray, cand: np.ndarray, da, db) -> None:
    better = cand < best
    best[better] = cand[better]
    step_a[better] = da[better] if isinstance(da, np.ndarray) else da
    step_b[better] = db[better] if isinstance(db, np.ndarray) else db


def _joint(cost: np.ndarray, seats: int, best: np.ndarray, step_a: np.ndarray, step_b: np.ndarray, bad_a: np.ndarray,
           bad_b: np.ndarray, sa: int, sb: int, length: int, cap: int, split: tuple[np.ndarray, np.ndarray],
           split_weight: int) -> None:
    """The ways into and through a joint meeting in this slot: each body's own items before the
    joint item (when it begins here), the joint item or more of it, and once it is done, each
    body's own items after it, within one slot's units."""
    # When the joint item ends here: per units used so far, the cheapest way and each body's step.
    done: dict[int, tuple[int, int, int]] = {}

    def reach(before: int, da: int, db: int, used: int, left: int) -> None:
        before += seats
        if left:  # the joint item goes on in a later meeting: a split, and nothing after it here
            c = before + split_weight
            a, b = sa + length - left, sb + length - left
            if c < best[a, b]:
                best[a, b], step_a[a, b], step_b[a, b] = c, da, db
        elif used not in done or before < done[used][0]:
            done[used] = (before, da, db)

    for pa in range(min(cap, sa + 1)):
        if bad_a[sa - pa] < sa:
            break
        for pb in range(min(cap - pa, sb + 1)):
            if bad_b[sb - pb] < sb:
                break
            before = cost[sa - pa, sb - pb]
            if before < INF:
                for j in range(1, min(length, cap - pa - pb) + 1):
                    reach(before, pa + j, pb + j, pa + pb + j, length - j)
    for t in range(1, length):
        before = cost[sa + t, sb + t]
        if before < INF:
            for j in range(1, min(cap, length - t) + 1):
                reach(before, j, j, j, length - t - j)
    ea, eb = sa + length, sb + length
    for used, (before, da, db) in done.items():
        for qa in range(cap - used + 1):
            if qa and (ea + qa >= best.shape[0] or bad_a[ea] < ea + qa):
                break
            for qb in range(cap - used - qa + 1):
                if qb and (eb + qb >= best.shape[1] or bad_b[eb] < eb + qb):
                    break
                a, b = ea + qa, eb + qb
                c = before + split[0][a] + split[1][b]
                if c < best[a, b]:
                    best[a, b], step_a[a, b], step_b[a, b] = c, da + qa, db + qb


def replan_pairs(pm: PlanModel, taken: Taken, budget: Budget) -> Taken:
    """`taken` after re-planning each pair of `pairs` together (free to take the seats others
    hold, at each of `PRICES`), and each interpreted body alone at each price but the first
    (solver.recut.recut_body), each trial followed by every body re-planned alone, while that
    lowers its score (solver.joints.score): until every trial has been made on the table in hand.

    A body alone at a price is the same move for a body without a partner (the plenary, a
    windowed body): without it only pairs could take a seat from another body, and on the
    300-item benchmark by its work at 60 s it took seed 1 from 11,400 to 11,200."""
    g = pm.grid
    interpreted = {x.key for x in g.session.bodies if x.interpreted}
    # A price buys seats under the interpretation cap: a pair that needs none has one trial.
    trials: list[tuple[str, str | None, int | None]] = [
        (a, b, price) for a, b in pairs(g)
        for price in (PRICES if g.session.rules.interpreted_at_once is not None and {a, b} & interpreted else PRICES[:1])]
    if g.session.rules.interpreted_at_once is not None:
        trials += [(body, None, price) for body in g.sequence if body in interpreted for price in PRICES[1:]]
    best = score(pm, taken)
    # Trials made since the table in hand was found: once all of them, none lowers its score.
    since, i = 0, 0
    while since < len(trials):
        if budget.exhausted():
            return taken
        a, b, price = trials[i]
        i, since = (i + 1) % len(trials), since + 1
        if b is None:
            budget.charge(work_of(pm, a) + work_of(pm))
            trial = recut_body(pm, taken, a, price)
        else:
            budget.charge(work_of_pair(pm, a, b) + work_of(pm))
            trial = replan_pair(pm, taken, a, b, price)
        if trial is None:
            continue
        trial = recut(pm, trial)
        value = score(pm, trial)
        if value < best:
            # The trial that found it counts as made: made again on its own answer, it found no
            # more on the 300-item benchmark.
            taken, best, since = trial, value, 1
    return taken

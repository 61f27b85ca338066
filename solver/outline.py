"""The outline: which bodies meet in which slots, a relaxation of the model whose bound holds for it.

The whole model's linear relaxation spreads meetings in fractions: four interpreted bodies under a
cap of three meet at three quarters each, with no gap, and the bound misses every gap the cap
forces. The outline keeps only a Boolean per body and slot, so CP-SAT searches it whole, and adds
what each body's agenda needs of its meetings: the fewest splits in k meetings (solver.bounds)
and the splits that k meetings of fewer items force,
for a joint item, enough of each body's meetings before and after the slot that takes it,
between two joint items of a body, enough of its meetings for the items between them (and the
next joint item whole where it takes one slot), and for a pair of bodies, enough of both's
meetings there for both's items, the joint items' slots holding one meeting's minutes.
Every constraint holds for every programme, so the outline's bound is a bound of the session.
Its best answer also guides a programme: realised as it stands, and hand-made tables kept to the
slots it gives each body.

The `strong` outline, which the bound search solves (solver.beside), adds what the stretches
between joint items miss: a joint item's item gaps; its first part where it takes the fewest slots
it needs (12 of 24 units in two slots of 12); two stretches of a body one after the other, so that
the joint item's slot between them counts once; and for a pair, the next joint item's first slot
parted between both bodies' last items. On the 300-item recipe at 300 s they raised the bounds of
seeds 2 and 5 from 9,760 and 8,100 to 9,780 and 8,150 (docs/planner.md). The planner's own searches
of the outline, whose answers guide programmes, leave them out: with them, the answers led
elsewhere, and at 60 s seeds 2 and 3 ended 50 and 100 higher.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.bounds import fewest_splits, split_cuts, staircase
from solver.greedy import hand_tables
from solver.grid import Task
from solver.joints import score, shift_joints
from solver.lns import Incumbent, complete
from solver.model import PlanModel
from solver.pairs import pairs, replan_pair, replan_pairs, work_of_pair
from solver.recut import Line, Taken, cut_line, other_limits, recut, work_of
from solver.search import Budget, fixed_copy, hint_all


@dataclass(frozen=True)
class Stretch:
    """A body's line between two joint items as the staircase takes it: its meetings, the line
    (the joint item before it whole, its items, a unit of the next one), which of those are its
    own, the meetings that hold the line, and the fewest splits of its own items there."""

    meetings: cp_model.IntVar
    lengths: list[int]
    owned: list[bool]
    room: cp_model.LinearExprT
    least: cp_model.IntVar

    @property
    def units(self) -> int:
        """The units of the body's own items in the stretch."""
        return sum(length for length, own in zip(self.lengths, self.owned) if own)


@dataclass
class Outline:
    """A CP-SAT model over meetings per body and slot, with the whole model's weights."""

    pm: PlanModel
    strong: bool = False  # with the constraints for the bound search alone (above)
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    meets: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    link: dict[tuple[str, str, int], cp_model.IntVar] = field(default_factory=dict)
    taken: dict[int, dict[int, cp_model.IntVar]] = field(default_factory=dict)  # joint task -> slot -> taken there
    tight: dict[int, cp_model.IntVar] = field(default_factory=dict)  # joint task -> taken in `_tight_slots`
    reached: dict[int, list[cp_model.IntVar]] = field(default_factory=dict)  # joint task -> slot -> taken by then
    stretches: dict[tuple[str, int], Stretch] = field(default_factory=dict)  # body, stretch between joint items -> its line
    opened: list[cp_model.IntVar] = field(default_factory=list)
    line_splits: dict[str, cp_model.LinearExprT] = field(default_factory=dict)  # splits on a body's line, joint items' too

    def __post_init__(self) -> None:
        self._build()

    def _build(self) -> None:
        pm, m = self.pm, self.model
        g, w = pm.grid, pm.weights
        n, unit = len(g.slots), g.unit
        # A meeting holds at most the longest slot of a body's items: valid, if loose, under a meeting cap.
        self.cap = cap = max(s.slot.minutes for s in g.slots) // unit
        bodies = [b.key for b in g.session.bodies]
        interpreted = {b.key for b in g.session.bodies if b.interpreted}
        usable: dict[str, set[int]] = {b: set() for b in bodies}
        for task, s in pm.y:
            for b in g.tasks[task].bodies:
                usable[b].add(s)
        for b in bodies:
            for s in sorted(usable[b]):
                self.meets[b, s] = m.new_bool_var(f"meets[{b},{s}]")
        self.opened = opened = [m.new_bool_var(f"open[{s}]") for s in range(n)]  # slot s is before the finish
        for before, after in zip(opened, opened[1:]):
            m.add(before >= after)
        for s in range(min(pm.earliest_end, n)):
            m.add(opened[s] == 1)
        for (_, s), var in self.meets.items():
            m.add(var <= opened[s])
        edges = sorted({(t.bodies[0], o) for t in g.tasks if len(t.bodies) > 1 for o in t.bodies[1:]})
        for a, b in edges:
            for s in range(n):
                if (a, s) in self.meets and (b, s) in self.meets:
                    self.link[a, b, s] = m.new_bool_var(f"link[{a},{b},{s}]")
            # Linked, the two sit in one meeting: their items share one slot's minutes.
            load = sum(t.minutes // unit for t in g.tasks if a in t.bodies or b in t.bodies)
            m.add(cap * sum(self._meets(a, s) + self._meets(b, s) - self.link.get((a, b, s), 0) for s in range(n)) >= load)
        self._pins(bodies)
        at_once = g.session.rules.interpreted_at_once
        meetings: dict[int, cp_model.LinearExprT] = {}
        for s in range(n):
            if at_once is not None:
                here = sum(self._meets(b, s) for b in interpreted) - sum(
                    self.link.get((a, b, s), 0) for a, b in edges if a in interpreted and b in interpreted)
                m.add(here <= at_once * opened[s])
            meetings[s] = sum(self._meets(b, s) for b in bodies) - sum(self.link.get((a, b, s), 0) for a, b in edges)
        count = {b: sum(self._meets(b, s) for s in range(n)) for b in bodies}
        for task in g.tasks:
            if len(task.bodies) > 1:
                self._joint(task, count, edges)
        for a, b in edges:
            for s in range(n):
                if (a, b, s) in self.link:
                    m.add(self.link[a, b, s] <= sum(self.taken[t.index].get(s, 0) for t in g.tasks
                                                    if a in t.bodies and b in t.bodies))
        splits = [self._splits(body, seq, count[body]) for body, seq in g.sequence.items() if seq]
        self._segments()
        gaps = [span(m, [self.meets.get((b, s)) for s in range(min(usable[b]), max(usable[b]) + 1)], b) - count[b]
                for b in bodies if usable[b]]
        # A joint item's slots are the outline's own, so the slots between them that do not take it
        # are counted as the model counts them: without them the answer on the 300-item recipe's
        # seed 4 spread a joint item of 3 units over two slots with one between.
        item_gaps = [span(m, [taken.get(s) for s in range(min(taken), max(taken) + 1)], f"item{index}") - sum(taken.values())
                     for index, taken in self.taken.items()] if self.strong else []
        peak = m.new_int_var(0, len(bodies) * n, "day_peak")
        for _, day in itertools.groupby(g.slots, key=lambda s: s.day):
            m.add(peak >= sum(meetings[s.index] for s in day))
        m.minimize(w.splits * sum(splits) + w.item_gaps * sum(item_gaps) + w.body_gaps * sum(gaps) + w.finish * sum(opened)
                   + w.day_peak * peak)

    def hint(self, taken: Taken, budget: Budget) -> bool:
        """Start the search from the meetings of the table `taken`, every other variable completed
        for them; False when they break one of the outline's constraints (a `finish`)."""
        g = self.pm.grid
        meets = {(b, s) for (t, s), minutes in taken.items() if minutes for b in g.tasks[t].bodies}
        fixed = fixed_copy(self.model, ((var.index, int(key in meets)) for key, var in self.meets.items()))
        solver = budget.solver()
        status = solver.solve(fixed)
        budget.spend((solver, status))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            hint_all(self.model, list(solver.response_proto.solution))
            return True
        return False

    def end_within(self, lo: int, hi: int) -> None:
        """Keep the programme's finish (slots up to the last one used) from `lo` to `hi`."""
        self.model.add(sum(self.opened) >= lo)
        self.model.add(sum(self.opened) <= hi)

    def _meets(self, body: str, s: int) -> cp_model.LinearExprT:
        return self.meets.get((body, s), 0)

    def _pins(self, bodies: list[str]) -> None:
        """A pinned item's bodies meet in one of its pin's slots; an exclusive item pinned to one
        slot leaves that slot to its own bodies."""
        g = self.pm.grid
        for pin in g.session.rules.pins:
            task = g.task_of[(pin.body, pin.code)]
            target = [s.index for s in g.slots if s.day == pin.date and (pin.slot is None or s.slot.start == pin.slot)]
            for b in task.bodies:
                self.model.add_bool_or([self.meets[b, s] for s in target if (b, s) in self.meets])
            if not task.exclusive or len(target) != 1:
                continue
            for b in bodies:
                if b not in task.bodies and (b, target[0]) in self.meets:
                    self.model.add(self.meets[b, target[0]] == 0)

    def _joint(self, task: Task, count: dict[str, cp_model.LinearExprT], edges: list[tuple[str, str]]) -> None:
        """A joint item sits in linked slots, each late enough for every body's items before it
        and early enough for those after it, at `cap` a meeting."""
        pm, m, cap, unit = self.pm, self.model, self.cap, self.pm.grid.unit
        slots = sorted(s for t, s in pm.y if t == task.index)
        taken = self.taken[task.index] = {s: m.new_bool_var(f"taken[{task.index},{s}]") for s in slots}
        m.add(sum(taken.values()) >= self._fewest_slots(task))
        for s, lit in taken.items():
            for a, b in edges:
                if a in task.bodies and b in task.bodies:
                    m.add(self.link.get((a, b, s), 0) >= lit)
            for body in task.bodies:
                seq = pm.grid.sequence[body]
                j = seq.index(task)
                before, after = (sum(t.minutes // unit for t in part) for part in (seq[:j], seq[j + 1:]))
                upto = sum(self._meets(body, q) for q in range(s + 1))
                m.add(cap * upto >= before + 1).only_enforce_if(lit)
                m.add(cap * (count[body] - upto + self._meets(body, s)) >= after + 1).only_enforce_if(lit)

    def _splits(self, body: str, seq: list[Task], count: cp_model.LinearExprT) -> cp_model.IntVar:
        """The splits of the items a body owns (a joint item counts for its first body) in `count`
        meetings: at least the agenda's staircase, and at least its other items' staircase plus
        the joint items' meetings beyond the first."""
        m, unit, n = self.model, self.pm.grid.unit, len(self.pm.grid.slots)
        lengths = [t.minutes // unit for t in seq]
        k = m.new_int_var(0, n, f"meetings[{body}]")
        m.add(k == count)
        splits = m.new_int_var(0, len(seq) * n, f"splits[{body}]")
        owned = [t.bodies[0] == body for t in seq]
        joint = [t for t in seq if len(t.bodies) > 1 and t.bodies[0] == body]
        floors = [(owned, 0)]
        if joint:
            extra = sum(sum(self.taken[t.index].values()) - 1 for t in joint)
            floors.append(([own and len(t.bodies) == 1 for own, t in zip(owned, seq)], extra))
        for mask, extra in floors:
            m.add(splits >= self._fewest(lengths, mask, k, f"least_splits[{body}]") + extra)
        # Every meeting holds some of the line, and k meetings meet k - 1 times: where one item
        # ends, or inside an item, which splits it (another body's item counts for that body).
        theirs = sum(sum(self.taken[t.index].values()) - 1 for t in seq if len(t.bodies) > 1 and t.bodies[0] != body)
        m.add(splits >= k - len(seq) - theirs)
        self.line_splits[body] = splits + theirs
        return splits

    def _fewest(self, lengths: list[int], owned: list[bool], meetings: cp_model.LinearExprT, name: str,
                fit: bool = False) -> cp_model.IntVar:
        """The fewest splits of the line `lengths` (counted where `owned`) in `meetings` meetings
        (solver.bounds), with the linear cuts below that staircase that the relaxation sees; with
        `fit`, the meetings hold the line."""
        m, n = self.model, len(self.pm.grid.slots)
        fewest = fewest_splits(lengths, owned, self.cap)
        least = m.new_int_var(0, len(lengths) + (0 if fit else 1), name)
        count = m.new_int_var(0, n + 1, f"{name}_meetings")
        m.add(count == meetings)
        m.add_element(count, staircase(fewest, n + 1), least)
        if fit:
            m.add(self.cap * count >= sum(lengths))
        for a, b, rhs in split_cuts(fewest):
            m.add(a * least + b * count >= rhs)
        return least

    def _segments(self) -> None:
        """Between two joint items, a body's line runs through its meetings from the first slot of
        the one to the first slot of the other: they hold the items between (with the first joint
        item whole and a unit of the next) at the splits the staircase gives that many meetings,
        and each of them after the first opens with an item between or with more of one begun,
        a split.

        Counted over the whole line alone, the outline let a joint item sit late for its other
        body and still count this body's time before it as room for what follows: its optimum on
        the 300-item recipe put joint items where no programme could follow, and its bound stayed
        low. A prefix of Booleans per joint item (taken by that slot) marks where each stretch
        begins and ends, as the span does."""
        g, m, n = self.pm.grid, self.model, len(self.pm.grid.slots)
        reached = self.reached
        for index, taken in self.taken.items():
            run = reached[index] = [m.new_bool_var(f"reached[{index},{s}]") for s in range(n)]
            for s in range(n):
                m.add(run[s] <= (run[s - 1] if s else 0) + taken.get(s, 0))
                if s in taken:
                    m.add(run[s] >= taken[s])
                if s:
                    m.add(run[s] >= run[s - 1])
        for body, seq in g.sequence.items():
            joints = [j for j, t in enumerate(seq) if len(t.bodies) > 1]
            if not joints:
                continue
            bounds = [-1] + joints + [len(seq)]
            arrivals, least = [], [sum(self.taken[seq[j].index].values()) - 1 for j in joints]
            for k, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
                inside = [t.minutes // g.unit for t in seq[lo + 1:hi]]
                start = reached[seq[lo].index] if lo >= 0 else [1] * n
                stop = reached[seq[hi].index] if hi < len(seq) else [0] * n
                held = []
                for s in range(n):
                    meet = self.meets.get((body, s))
                    if meet is None:
                        continue
                    here = m.new_bool_var(f"seg[{body},{k},{s}]")
                    m.add(here <= meet)
                    m.add(here <= start[s] - stop[s])
                    m.add(here >= meet + start[s] - stop[s] - 1)
                    held.append(here)
                c = m.new_int_var(0, n, f"seg_meetings[{body},{k}]")
                m.add(c == sum(held))
                excess = m.new_int_var(0, n, f"seg_excess[{body},{k}]")
                m.add(excess >= c - len(inside) - 1)
                arrivals.append(excess)
                # The items between, after the joint item before them (its splits counted apart) and
                # before a unit of the next one, in the meetings from the one to the other.
                lengths = ([seq[lo].minutes // g.unit] if lo >= 0 else []) + inside + ([1] if hi < len(seq) else [])
                owned = ([False] if lo >= 0 else []) + [True] * len(inside) + ([False] if hi < len(seq) else [])
                room = c + (1 if hi < len(seq) else 0)
                # They fit there: no more splits than the line has (the staircase says more where they cannot).
                fewest = self._fewest(lengths, owned, room, f"seg_least[{body},{k}]", fit=True)
                if hi < len(seq):
                    # A joint item in one slot is held whole there, after the items before it
                    # (`strong`: in the fewest slots it needs, all of it the others cannot hold).
                    whole = lengths[:-1] + [self._first_part(seq[hi])]
                    fewest_whole = self._fewest(whole, owned, room, f"seg_whole[{body},{k}]")
                    alone = self._tight(seq[hi])
                    m.add(self.cap * room >= sum(whole)).only_enforce_if(alone)
                    held_whole = m.new_int_var(0, len(whole) + 1, f"seg_held[{body},{k}]")
                    m.add(held_whole >= fewest)
                    m.add(held_whole >= fewest_whole).only_enforce_if(alone)
                    fewest = held_whole
                least.append(fewest)
                self.stretches[body, k] = Stretch(c, lengths, owned, room, fewest)
            if self.strong:
                self._merged(body, [self.stretches[body, k] for k in range(len(bounds) - 1)])
            m.add(self.line_splits[body] >= sum(arrivals))
            m.add(self.line_splits[body] >= sum(least))
        for a, b in pairs(g):
            self._shared(a, b)

    def _merged(self, body: str, stretches: list[Stretch]) -> None:
        """Two stretches of a body, one after the other, hold their items in their meetings
        together: the joint item between them whole in its first slot, with the items before and
        after it there.

        Each stretch alone counts the joint item's first slot as room for its own items, the one
        before it and the one after, so that slot's minutes are counted twice."""
        m = self.model
        for k, (one, two) in enumerate(zip(stretches, stretches[1:])):
            # The first line ends with a unit of the joint item that the second begins with whole.
            lengths, owned = one.lengths[:-1] + two.lengths, one.owned[:-1] + two.owned
            merged = self._fewest(lengths, owned, one.meetings + two.room, f"merged_least[{body},{k}]", fit=True)
            m.add(one.least + two.least >= merged)

    def _shared(self, a: str, b: str) -> None:
        """Between two joint items of a pair, both bodies' items share the pair's meetings: apart
        in each slot of the stretch, together (one slot's minutes) in the joint items' slots.

        Each body's stretch alone counted the slot of a joint item as its own: on 300 seed 0 the
        outline's answer had both bodies hold their items after the last joint item in its slot,
        315 minutes in 180."""
        g, m, n, cap, unit = self.pm.grid, self.model, len(self.pm.grid.slots), self.cap, self.pm.grid.unit
        joints = [t for t in g.sequence[a] if len(t.bodies) > 1]
        for k, (lo, hi) in enumerate(zip([None, *joints], [*joints, None])):
            stop = self.reached[hi.index] if hi is not None else [0] * n
            one, two = self.stretches[a, k], self.stretches[b, k]
            load = one.units + two.units
            links = []
            if lo is not None:
                load += lo.minutes // unit
                # The joint item's slots before the next one's first: there both sit together.
                for s, lit in self.taken[lo.index].items():
                    both = m.new_bool_var(f"shared[{lo.index},{s}]")
                    m.add(both <= lit)
                    m.add(both <= 1 - stop[s])
                    m.add(both >= lit - stop[s])
                    links.append(both)
            seats = one.meetings + two.meetings - sum(links)
            if hi is None:
                m.add(cap * seats >= load)
                continue
            # The next joint item's first slot holds both bodies' items before it and its first
            # part: all of it when it is in that slot alone (`_first_part`).
            m.add(cap * (seats + 1) >= load + 1 + (self._first_part(hi) - 1) * self._tight(hi))
            if not self.strong:
                continue
            # Where the joint item before reaches that slot, both lines count its part there.
            reaches = 0
            if lo is not None:
                reaches = m.new_bool_var(f"reaches[{lo.index}]")
                for s, lit in self.taken[lo.index].items():
                    m.add(reaches >= lit + stop[s] - 1)
            self._tails(f"{a},{b},{k}", (one, two), (lo.minutes // unit if lo is not None else 0) * reaches)

    def _tails(self, name: str, stretches: tuple[Stretch, Stretch], spare: cp_model.LinearExprT) -> None:
        """The next joint item's first slot holds both bodies' last items of the stretch before a
        unit of it: what one body's line takes of it the other's cannot, but for `spare` units
        (the joint item before, where it reaches that slot, is on both lines).

        Each line alone took all but a unit of that slot for its own."""
        m, cap, n = self.model, self.cap, len(self.pm.grid.slots)
        tails = [m.new_int_var(0, cap - 1, f"tail[{name},{i}]") for i in range(2)]
        m.add(sum(tails) <= cap - 1 + spare)
        for i, (stretch, tail) in enumerate(zip(stretches, tails)):
            # Per meetings and units the line has of the last one, the fewest splits: the line
            # ending with the rest of that slot instead of the unit. Past the meetings where no
            # part of the table falls further, meetings are counted as that many, which keeps
            # the table (and the search's work on it) small.
            table = [staircase(fewest_splits(stretch.lengths[:-1] + [cap - x], stretch.owned, cap), n + 1)[1:] for x in range(cap)]
            most = max(next(c for c, v in enumerate(row) if v == row[-1]) for row in table)
            meetings = m.new_int_var(0, most, f"tail_meetings[{name},{i}]")
            m.add_min_equality(meetings, [stretch.meetings, most])
            index = m.new_int_var(0, (most + 1) * cap - 1, f"tail_index[{name},{i}]")
            m.add(index == meetings * cap + tail)
            least = m.new_int_var(0, len(stretch.lengths) + 1, f"tail_least[{name},{i}]")
            m.add_element(index, [table[x][c] for c in range(most + 1) for x in range(cap)], least)
            m.add(stretch.least >= least)

    def _fewest_slots(self, task: Task) -> int:
        return -(-task.minutes // (self.cap * self.pm.grid.unit))

    def _tight_slots(self, task: Task) -> int:
        """The slots a joint item takes when `_tight`: the fewest it needs (`strong`), or one."""
        return self._fewest_slots(task) if self.strong else 1

    def _first_part(self, task: Task) -> int:
        """The units a joint item holds at least in its first slot when `_tight`: all of it in
        one, 12 of 24 units in two full slots of 12."""
        return task.minutes // self.pm.grid.unit - (self._tight_slots(task) - 1) * self.cap

    def _tight(self, task: Task) -> cp_model.IntVar:
        """True when the joint item `task` takes `_tight_slots` (once per item)."""
        if task.index not in self.tight:
            taken, fewest = self.taken[task.index].values(), self._tight_slots(task)
            one = self.tight[task.index] = self.model.new_bool_var(f"tight[{task.index}]")
            self.model.add(sum(taken) == fewest).only_enforce_if(one)
            self.model.add(sum(taken) >= fewest + 1).only_enforce_if(~one)
        return self.tight[task.index]


def span(m: cp_model.CpModel, meets: list[cp_model.IntVar | None], name: str) -> cp_model.LinearExprT:
    """The slots from the first of `meets` (one per slot, in order; None where it cannot meet) that
    is true to the last, at least, and exactly when minimised.

    The run is the slots between two prefixes of Booleans (begun, then done), not two integers
    tied to each meeting by implication: the linear relaxation then sees that a body idle between
    its meetings pays for it, and CP-SAT proves the outline's optimum where the other form
    left its bound near the root's."""
    begun = [m.new_bool_var(f"begun[{name},{i}]") for i in range(len(meets))]
    done = [m.new_bool_var(f"done[{name},{i}]") for i in range(len(meets))]
    for run in (begun, done):
        for before, after in zip(run, run[1:]):
            m.add(before <= after)
    for b, d, meet in zip(begun, done, meets):
        m.add(d <= b)
        if meet is not None:
            m.add(meet <= b - d)
    return sum(begun) - sum(done)


def applies(pm: PlanModel) -> bool:
    """The outline holds for drafts under strict agenda order (its staircase assumes that order)."""
    return pm.fixed is None and not pm.relaxable and pm.reference is None and pm.grid.session.rules.agenda_order == "strict"


@dataclass(frozen=True)
class Sketch:
    """What the outline's search reached: its bound, and the slots each body meets in by its best answer."""

    bound: int
    slots: dict[str, set[int]] | None  # None when it found no answer


def sketch(pm: PlanModel, budget: Budget, share: float, finish: int | None = None, start: Taken | None = None) -> Sketch:
    """The outline searched for `share` of what the budget has left; with `finish`, kept to
    programmes that end by that slot, when its bound holds for those alone, not the session.

    When that search finds no answer, a second one, for the same share of what is then left,
    starts from the meetings of the table `start`: on one worker, the outline of the 300-item
    recipe's seed 2 found none in its share, and from a table it always has one. The first search
    does not start there, since it then stays near the table: on seed 1 its answer led to a
    higher programme."""
    outline = Outline(pm)
    if finish is not None:
        outline.end_within(0, finish)
    solver, status = _search(outline, budget, share)
    bound = solver.best_objective_bound
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and start is not None and outline.hint(start, budget):
        solver, status = _search(outline, budget, share)
        bound = max(bound, solver.best_objective_bound)
    return Sketch(math.ceil(bound - 1e-6), answer(outline, solver, status))


def answer(outline: Outline, solver: cp_model.CpSolver, status: int) -> dict[str, set[int]] | None:
    """The slots each body meets in by the search's best answer; None when it found none."""
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return meeting_slots(outline, solver.value)


def meeting_slots(outline: Outline, value: Callable[[cp_model.IntVar], int]) -> dict[str, set[int]]:
    """The slots each body meets in by an answer, its values read by `value` (a solver's, or a
    solution callback's while the search runs)."""
    slots: dict[str, set[int]] = {}
    for (body, s), var in outline.meets.items():
        if value(var):
            slots.setdefault(body, set()).add(s)
    return slots


def _search(outline: Outline, budget: Budget, share: float) -> tuple[cp_model.CpSolver, int]:
    solver = budget.solver(share)
    solver.parameters.linearization_level = 2  # its cuts on the counts lift the bound at once
    status = solver.solve(outline.model)
    budget.spend((solver, status))
    return solver, status


def follow(pm: PlanModel, outline: Sketch, budget: Budget, tables: int | None = None) -> Incumbent | None:
    """The best programme of tables whose bodies meet where the outline's answer has them meet,
    each re-planned body by body: the outline sees the whole session's finish and gaps at once,
    which neither the tables nor the neighbourhoods do. The tables are the answer realised
    (`realise`) and the hand-made ones kept to its slots; with `tables`, only that many of them,
    the realised one among them, go on to their pairs and joint items (solver.pairs,
    solver.joints, which take most of the time), those that score least once re-planned."""
    if outline.slots is None:
        return None
    realised = realise(pm, outline.slots, budget)
    cuts = []
    for table in ([realised] if realised is not None else []) + hand_tables(pm.grid, outline.slots):
        if budget.exhausted():
            break
        cuts.append(recut(pm, table))
        budget.charge(work_of(pm))
    if tables is not None:
        cuts = sorted(cuts, key=lambda cut: score(pm, cut))[:tables]
    found = []
    for cut in cuts:
        if budget.exhausted():
            break
        found.append(complete(pm, shift_joints(pm, replan_pairs(pm, cut, budget), budget), budget))
    return min((c for c in found if c is not None), key=lambda c: c.objective, default=None)


def realise(pm: PlanModel, slots: dict[str, set[int]], budget: Budget) -> Taken | None:
    """The outline's answer made a table as it stands: each body cut through the slots the answer
    gives it (solver.recut), and each pair of bodies with joint items through theirs together
    (solver.pairs), so that it keeps the answer's finish and gaps where the agendas fit them; a
    pair that cannot keep to its slots goes through any that the others leave it. The hand-made
    tables kept to those slots fill them in agenda order and end later: on 300 seed 1 the answer
    (10,950) realised came to 11,100 once re-planned, those tables to 11,600. None where joint
    items join other bodies than such pairs, a body has no slot, or limits apply that the cuts do
    not check (solver.recut.other_limits)."""
    g = pm.grid
    if other_limits(g):
        return None
    pair_list = pairs(g)
    paired = {body for pair in pair_list for body in pair}
    if any(len(t.bodies) > 1 and tuple(sorted(t.bodies)) not in pair_list for t in g.tasks):
        return None
    if any(seq and body not in slots for body, seq in g.sequence.items()):
        return None
    finish = max(max(held) for held in slots.values()) + 1
    taken: Taken = {}
    for body, seq in g.sequence.items():
        if not seq or body in paired:
            continue
        held = sorted(slots[body])
        alone = set(held).difference(*(theirs for other, theirs in slots.items() if other != body))
        cut = cut_line(pm, body, Line(held, [g.slots[s].cap // g.unit for s in held], {}, alone, finish))
        if cut is None:
            return None
        taken |= cut
    budget.charge(work_of(pm))
    for a, b in pair_list:
        budget.charge(work_of_pair(pm, a, b))
        both = replan_pair(pm, taken, a, b, keep=(slots[a], slots[b]))
        if both is None:
            budget.charge(work_of_pair(pm, a, b))
            both = replan_pair(pm, taken, a, b)
        if both is None:
            return None
        taken = both
    return taken

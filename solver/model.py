"""The CP-SAT model: slot-indexed Booleans per item and body, minutes per item and slot."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.bounds import fewest_splits, split_cuts
from solver.grid import Grid, GridSlot, Task
from solver.programme import Programme


@dataclass(frozen=True)
class Weights:
    """Weights of the soft goals; every term is reported on its own in a result."""

    order: int = 1000  # per pair of items out of agenda order (agenda_order: preferred)
    item_gaps: int = 200  # per slot between an item's first and last meeting that does not take it
    body_gaps: int = 50  # per slot between a body's first and last meeting without a meeting
    splits: int = 100  # per meeting beyond the first that an item takes
    parallel: int = 10  # times the rule's weight, per slot with an avoided pair in parallel
    day_peak: int = 20  # per meeting on the busiest day
    finish: int = 100  # per slot up to the last one used
    moved: int = 1000  # re-planning: per (item, slot) cell changed against the reference
    minutes_moved: int = 1  # re-planning: per minute moved against the reference


# Rule families that explanations may relax; keys of the form "family" or "family:detail".
FAMILY_ORDER = "order"
FAMILY_PIN = "pin"
FAMILY_WINDOW = "window"
FAMILY_FORBIDDEN = "forbidden"
FAMILY_EXCLUSIVE = "exclusive"
FAMILY_AT_ONCE = "interpreted_at_once"
FAMILY_TOTAL = "interpreted_meetings_total"
FAMILY_TEAMS = "interpreter_teams"
FAMILY_MAX_MEETING = "max_meeting_minutes"
FAMILY_ROOMS = "rooms"


@dataclass
class PlanModel:
    """A CP-SAT model of one session; `families` hold the literals of relaxable rules."""

    grid: Grid
    weights: Weights = field(default_factory=Weights)
    relaxable: bool = False
    fixed: dict[tuple[int, int], bool] | None = None  # (task, slot) -> taken, when checking a programme
    reference: Programme | None = None
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    families: dict[str, cp_model.IntVar] = field(default_factory=dict)
    terms: dict[str, cp_model.LinearExprT] = field(default_factory=dict)
    y: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    meets: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    link: dict[tuple[str, str, int], cp_model.IntVar] = field(default_factory=dict)
    fewest_meetings: int = 0

    def __post_init__(self) -> None:
        self._build()

    # -- helpers -----------------------------------------------------------------------------

    def family(self, key: str) -> list[cp_model.IntVar]:
        """Enforcement literals for a rule of family `key` (none when rules are hard)."""
        if not self.relaxable:
            return []
        if key not in self.families:
            self.families[key] = self.model.new_bool_var(f"rule[{key}]")
        return [self.families[key]]

    def _or(self, name: str, lits: list[cp_model.IntVar]) -> cp_model.IntVar:
        var = self.model.new_bool_var(name)
        if not lits:
            self.model.add(var == 0)
            return var
        self.model.add_max_equality(var, lits)
        return var

    def slots_of(self, task: Task) -> list[GridSlot]:
        """The slots a task may take."""
        return [s for s in self.grid.slots if (task.index, s.index) in self.y]

    # -- model ---------------------------------------------------------------------------------

    def _build(self) -> None:
        g, m = self.grid, self.model
        session = g.session
        unit = g.unit
        allowed = _allowed_slots(g) if not self.relaxable and self.fixed is None else None
        for task in g.tasks:
            for s in g.slots:
                if self.fixed is not None and not self.fixed.get((task.index, s.index), False):
                    continue
                if allowed is not None and s.index not in allowed[task.index]:
                    continue
                y = m.new_bool_var(f"y[{task.index},{s.index}]")
                x = m.new_int_var(0, s.slot.minutes // unit, f"x[{task.index},{s.index}]")
                m.add(x >= 1).only_enforce_if(y)
                m.add(x == 0).only_enforce_if(~y)
                self.y[task.index, s.index] = y
                self.x[task.index, s.index] = x
                if self.fixed is not None:
                    m.add(y == 1)
            slots = self.slots_of(task)
            m.add(sum(self.x[task.index, s.index] for s in slots) == task.minutes // unit)
            if slots and self.fixed is None:
                # Redundant: the fewest meetings an item needs, which bounds the split term.
                fewest = -(-task.minutes // max(s.slot.minutes for s in slots))
                m.add(sum(self.y[task.index, s.index] for s in slots) >= fewest)
                self.fewest_meetings += fewest

        bodies = [b.key for b in session.bodies]
        tasks_of = {b: [t for t in g.tasks if b in t.bodies] for b in bodies}
        for b in bodies:
            for s in g.slots:
                self.meets[b, s.index] = self._or(
                    f"meets[{b},{s.index}]", [self.y[t.index, s.index] for t in tasks_of[b] if (t.index, s.index) in self.y]
                )
                # Linear link of minutes to meetings: it carries the LP bound of every meeting term.
                here = [self.x[t.index, s.index] for t in tasks_of[b] if (t.index, s.index) in self.x]
                if here:
                    m.add(sum(here) <= (s.slot.minutes // unit) * self.meets[b, s.index])

        # Joint items tie bodies into one meeting: a star from the first body of each joint item.
        edges = sorted({(t.bodies[0], other) for t in g.tasks if len(t.bodies) > 1 for other in t.bodies[1:]})
        for a, b in edges:
            for s in g.slots:
                self.link[a, b, s.index] = self._or(
                    f"link[{a},{b},{s.index}]",
                    [self.y[t.index, s.index] for t in g.tasks if a in t.bodies and b in t.bodies and (t.index, s.index) in self.y],
                )

        self._meeting_length(bodies, edges)
        self._horizon(bodies)
        self._interpretation(bodies, edges)
        self._windows_and_forbidden(tasks_of)
        self._exclusive(bodies)
        self._pins()
        self._order()
        self._objective(bodies)

    def _meeting_length(self, bodies: list[str], edges: list[tuple[str, str]]) -> None:
        g, m, unit = self.grid, self.model, self.grid.unit
        # Connected groups of bodies that can sit in one joint meeting, with the edges joining them.
        groups: list[tuple[frozenset[str], list[tuple[str, str]]]] = [(frozenset({b}), []) for b in bodies]
        joined = sorted({b for e in edges for b in e})
        for size in range(2, len(joined) + 1):
            for combo in itertools.combinations(joined, size):
                inner = [e for e in edges if e[0] in combo and e[1] in combo]
                if len(inner) == size - 1 and _connected(set(combo), inner):
                    groups.append((frozenset(combo), inner))
        for s in g.slots:
            for members, inner in groups:
                load = [self.x[t.index, s.index] for t in g.tasks if set(t.bodies) & members and (t.index, s.index) in self.x]
                if not load:
                    continue
                when = [self.link[a, b, s.index] for a, b in inner]
                m.add(sum(load) <= s.slot.minutes // unit).only_enforce_if(when)
                if s.cap < s.slot.minutes:
                    m.add(sum(load) <= s.cap // unit).only_enforce_if(when + self.family(FAMILY_MAX_MEETING))

    def _horizon(self, bodies: list[str]) -> None:
        """`open[s]`: slot s comes before the programme's end, as a prefix of Booleans.

        The end is then a sum, not a maximum, and its linear relaxation is strong: a body needs as
        many open slots as its meetings (from its window's first slot on), and so do interpreted
        meetings at their cap per slot.
        """
        g, m = self.grid, self.model
        n = len(g.slots)
        # No programme ends before the earliest slot in which the last item of some body can run.
        self.earliest_end = max((min(s for (k, s) in self.y if k == seq[-1].index) + 1 for seq in g.sequence.values()
                                 if seq and any(k == seq[-1].index for (k, _) in self.y)), default=0)
        self.open = [m.new_bool_var(f"open[{s}]") for s in range(n)]
        for s in range(min(self.earliest_end, n)):
            m.add(self.open[s] == 1)
        for before, after in zip(self.open, self.open[1:]):
            m.add(before >= after)
        for b in bodies:
            for s in g.slots:
                m.add(self.meets[b, s.index] <= self.open[s.index])

    def _interpretation(self, bodies: list[str], edges: list[tuple[str, str]]) -> None:
        g, m, session = self.grid, self.model, self.grid.session
        interpreted = {b.key for b in session.bodies if b.interpreted}
        rules = session.rules
        self.interpreted_meetings: dict[int, cp_model.LinearExprT] = {}
        self.all_meetings: dict[int, cp_model.LinearExprT] = {}
        for s in g.slots:
            self.interpreted_meetings[s.index] = sum(self.meets[b, s.index] for b in bodies if b in interpreted) - sum(
                self.link[a, b, s.index] for a, b in edges if a in interpreted and b in interpreted
            )
            self.all_meetings[s.index] = sum(self.meets[b, s.index] for b in bodies) - sum(
                self.link[a, b, s.index] for a, b in edges
            )
        self._meeting_counts(interpreted)
        self._split_cuts()
        im = self.interpreted_meetings
        if rules.interpreted_at_once is not None:
            for s in g.slots:
                # Times `open`: at the cap, interpreted minutes need that many slots before the end.
                m.add(im[s.index] <= rules.interpreted_at_once * self.open[s.index]).only_enforce_if(self.family(FAMILY_AT_ONCE))
        if rules.interpreted_meetings_total is not None:
            m.add(sum(im.values()) <= rules.interpreted_meetings_total).only_enforce_if(self.family(FAMILY_TOTAL))
        teams = rules.interpreter_teams
        if teams is not None:
            # Teams are interchangeable: the counts below admit a rotation that respects every team's cap.
            lits = self.family(FAMILY_TEAMS)
            for s in g.slots:
                m.add(im[s.index] <= teams.teams).only_enforce_if(lits)
            for _, day_slots in itertools.groupby(g.slots, key=lambda s: s.day):
                m.add(sum(im[s.index] for s in day_slots) <= teams.teams * teams.per_day).only_enforce_if(lits)
            for _, week_slots in itertools.groupby(g.slots, key=lambda s: s.week):
                m.add(sum(im[s.index] for s in week_slots) <= teams.teams * teams.per_week).only_enforce_if(lits)
        if session.rooms:
            suitable = [r for r in session.rooms if r.hybrid or session.format != "hybrid"]
            booths = [r for r in suitable if r.booths]
            # Rooms with booths are a subset of suitable rooms, so these two counts are Hall's condition.
            for s in g.slots:
                lits = self.family(FAMILY_ROOMS)
                m.add(im[s.index] <= len(booths)).only_enforce_if(lits)
                m.add(self.all_meetings[s.index] <= len(suitable)).only_enforce_if(lits)

    def _meeting_counts(self, interpreted: set[str]) -> None:
        """Redundant: a meeting holds at most its slot's minutes of the items of its bodies, so the
        minutes in a slot need that many meetings (all, and interpreted), and so do the session's."""
        g, m, unit = self.grid, self.model, self.grid.unit
        if self.fixed is not None:
            return
        longest = max((s.slot.minutes for s in g.slots), default=1) // unit
        totals = {"all": 0, "interpreted": 0}
        for t in g.tasks:
            totals["all"] += t.minutes // unit
            totals["interpreted"] += t.minutes // unit if set(t.bodies) & interpreted else 0
        counts = {"all": self.all_meetings, "interpreted": self.interpreted_meetings}
        for kind, count in counts.items():
            for s in g.slots:
                here = [self.x[t.index, s.index] for t in g.tasks if (t.index, s.index) in self.x
                        and (kind == "all" or set(t.bodies) & interpreted)]
                if here:
                    m.add(sum(here) <= (s.slot.minutes // unit) * count[s.index])
            m.add(sum(count.values()) >= -(-totals[kind] // longest))
        self.fewest_meetings_in_all = -(-totals["all"] // longest)
        for body, seq in g.sequence.items():
            need = -(-sum(t.minutes // unit for t in seq) // longest)
            m.add(sum(self.meets[body, s.index] for s in g.slots) >= need)

    def _split_cuts(self) -> None:
        """Redundant, under strict order: the fewer meetings a body has, the more of its items it
        must split (solver.bounds); linear cuts below that trade-off let the bound see it."""
        g, m, unit = self.grid, self.model, self.grid.unit
        if self.fixed is not None or self.relaxable or g.session.rules.agenda_order != "strict":
            return
        cap = max((s.slot.minutes for s in g.slots), default=1) // unit
        for body, seq in g.sequence.items():
            if not seq:
                continue
            owned = [t.bodies[0] == body for t in seq]
            fewest = fewest_splits([t.minutes // unit for t in seq], owned, cap)
            meetings = sum(self.meets[body, s.index] for s in g.slots)
            splits = sum(self.y[t.index, s.index] for t, own in zip(seq, owned) if own for s in self.slots_of(t)) - sum(owned)
            for a, b, rhs in split_cuts(fewest):
                m.add(a * splits + b * meetings >= rhs)

    def _windows_and_forbidden(self, tasks_of: dict[str, list[Task]]) -> None:
        g, m, session = self.grid, self.model, self.grid.session
        for body in session.bodies:
            lits = self.family(f"{FAMILY_WINDOW}:{body.key}")
            for s in g.slots:
                if not body.may_meet_on(s.day):
                    for t in tasks_of[body.key]:
                        if (t.index, s.index) in self.y:
                            m.add(self.y[t.index, s.index] == 0).only_enforce_if(lits)
        for i, rule in enumerate(session.rules.forbidden):
            lits = self.family(f"{FAMILY_FORBIDDEN}:{i}")
            for s in g.slots:
                if s.day != rule.date or (rule.slot is not None and s.slot.start != rule.slot):
                    continue
                for t in g.tasks:
                    if (rule.body is None or rule.body in t.bodies) and (t.index, s.index) in self.y:
                        m.add(self.y[t.index, s.index] == 0).only_enforce_if(lits)

    def _exclusive(self, bodies: list[str]) -> None:
        g, m = self.grid, self.model
        for t in g.tasks:
            if not t.exclusive:
                continue
            lits = self.family(f"{FAMILY_EXCLUSIVE}:{t.index}")
            for s in self.slots_of(t):
                for b in bodies:
                    if b not in t.bodies:
                        m.add(self.meets[b, s.index] == 0).only_enforce_if([self.y[t.index, s.index], *lits])

    def _pins(self) -> None:
        g, m = self.grid, self.model
        for i, pin in enumerate(g.session.rules.pins):
            task = g.task_of[(pin.body, pin.code)]
            lits = self.family(f"{FAMILY_PIN}:{i}")
            target = [
                s for s in g.slots if s.day == pin.date and (pin.slot is None or s.slot.start == pin.slot)
            ]
            taken = [self.y[task.index, s.index] for s in target if (task.index, s.index) in self.y]
            if not taken:
                if lits:
                    m.add_bool_or([]).only_enforce_if(lits)
                else:
                    m.add_bool_or([])
                continue
            m.add_bool_or(taken).only_enforce_if(lits)
            if pin.mode == "starts":
                first = target[0].index
                for s in self.slots_of(task):
                    if s.index < first:
                        m.add(self.y[task.index, s.index] == 0).only_enforce_if(lits)

    def _order(self) -> None:
        g, m = self.grid, self.model
        n = len(g.slots)
        self.first: dict[int, cp_model.IntVar] = {}
        self.last: dict[int, cp_model.IntVar] = {}
        for t in g.tasks:
            self.first[t.index] = m.new_int_var(0, n - 1, f"first[{t.index}]")
            self.last[t.index] = m.new_int_var(0, n - 1, f"last[{t.index}]")
            for s in self.slots_of(t):
                m.add(self.first[t.index] <= s.index).only_enforce_if(self.y[t.index, s.index])
                m.add(self.last[t.index] >= s.index).only_enforce_if(self.y[t.index, s.index])
            # Redundant, but it keeps the gap terms non-negative in the relaxation: a tight bound.
            m.add(self.last[t.index] - self.first[t.index] + 1 >= sum(self.y[t.index, s.index] for s in self.slots_of(t)))
        strict = g.session.rules.agenda_order == "strict"
        self.inversions: list[cp_model.IntVar] = []
        for body, seq in g.sequence.items():
            lits = self.family(f"{FAMILY_ORDER}:{body}") if strict else []
            for before, after in zip(seq, seq[1:]):
                if strict:
                    for s in self.slots_of(after):
                        m.add(self.last[before.index] <= s.index).only_enforce_if([self.y[after.index, s.index], *lits])
                else:
                    inverted = m.new_bool_var(f"inverted[{before.index},{after.index}]")
                    for s in self.slots_of(after):
                        m.add(self.last[before.index] <= s.index).only_enforce_if([self.y[after.index, s.index], ~inverted])
                    self.inversions.append(inverted)

    def _objective(self, bodies: list[str]) -> None:
        g, m, w = self.grid, self.model, self.weights
        n = len(g.slots)
        self.terms["order"] = sum(self.inversions)
        self.terms["splits"] = sum(self.y.values()) - len(g.tasks)
        self.terms["item_gaps"] = sum(
            self.last[t.index] - self.first[t.index] + 1 for t in g.tasks
        ) - sum(self.y.values())
        body_first = {b: m.new_int_var(0, n - 1, f"body_first[{b}]") for b in bodies}
        body_last = {b: m.new_int_var(0, n - 1, f"body_last[{b}]") for b in bodies}
        for b in bodies:
            for s in g.slots:
                lit = self.meets[b, s.index]
                m.add(body_first[b] <= s.index).only_enforce_if(lit)
                m.add(body_last[b] >= s.index).only_enforce_if(lit)
        for b in bodies:
            m.add(body_last[b] - body_first[b] + 1 >= sum(self.meets[b, s.index] for s in g.slots))
        self.terms["body_gaps"] = sum(body_last[b] - body_first[b] + 1 for b in bodies) - sum(self.meets.values())
        self.terms["finish"] = sum(self.open)
        peak = m.new_int_var(0, len(bodies) * max(len(list(d)) for _, d in itertools.groupby(g.slots, key=lambda s: s.day)), "day_peak")
        days = [list(d) for _, d in itertools.groupby(g.slots, key=lambda s: s.day)]
        for day_slots in days:
            m.add(peak >= sum(self.all_meetings[s.index] for s in day_slots))
        if self.fixed is None:
            # A programme that ends within its first k days holds every meeting in k days.
            for k, day_slots in enumerate(days[1:], start=1):
                m.add(peak >= -(-self.fewest_meetings_in_all // k)).only_enforce_if(~self.open[day_slots[0].index])
        self.terms["day_peak"] = peak
        self.terms["parallel"] = self._parallel_term()
        if self.reference is not None:
            self._stability_terms()
        weights = {
            "order": w.order, "splits": w.splits, "item_gaps": w.item_gaps, "body_gaps": w.body_gaps,
            "finish": w.finish, "day_peak": w.day_peak, "parallel": w.parallel,
            "moved": w.moved, "minutes_moved": w.minutes_moved,
        }  # fmt: skip
        # Each term as a variable with its known least value: a sound bound even before any LP.
        least = {"splits": self.fewest_meetings - len(g.tasks), "finish": self.earliest_end}
        for name, expr in list(self.terms.items()):
            if isinstance(expr, int):
                continue
            var = m.new_int_var(least.get(name, 0), 10**9, name)
            m.add(var == expr)
            self.terms[name] = var
        self.weights_of = {k: weights[k] for k in self.terms}
        self.floor = sum(self.weights_of[k] * (v if isinstance(v, int) else least.get(k, 0)) for k, v in self.terms.items())
        self.objective = sum(self.weights_of[k] * v for k, v in self.terms.items())
        m.minimize(self.objective)

    def _parallel_term(self) -> cp_model.LinearExprT:
        g, m = self.grid, self.model
        total = []
        for i, rule in enumerate(g.session.rules.avoid_parallel):
            for s in g.slots:
                a, b = self._activity(rule.first, s.index), self._activity(rule.second, s.index)
                if a is None or b is None:
                    continue
                together = self._together(rule.first, rule.second, s.index)
                clash = m.new_bool_var(f"parallel[{i},{s.index}]")
                m.add(clash >= a + b - 1 - together)
                total.append(rule.weight * clash)
        return sum(total)

    def _activity(self, ref: str, slot: int) -> cp_model.IntVar | None:
        body, _, code = ref.partition(":")
        if not code:
            return self.meets[body, slot]
        task = self.grid.task_of[(body, code)]
        return self.y.get((task.index, slot))

    def _together(self, first: str, second: str, slot: int) -> cp_model.LinearExprT:
        a, b = first.partition(":")[0], second.partition(":")[0]
        if a == b:
            return 1
        for key in ((a, b, slot), (b, a, slot)):
            if key in self.link:
                return self.link[key]
        return 0

    def _stability_terms(self) -> None:
        g, m = self.grid, self.model
        ref_x: dict[tuple[int, int], int] = {}
        for meeting in self.reference.meetings:
            s = g.slot_at(meeting.date, meeting.slot)
            if s is None:
                continue
            for take in meeting.items:
                task = g.task_of.get((take.body, take.code))
                if task is None or g.first_under.get((take.body, take.code)):
                    continue
                key = (task.index, s.index)
                ref_x[key] = max(ref_x.get(key, 0), (take.minutes or 0) // g.unit)
        moved, minutes = [], []
        for key in sorted(set(ref_x) | set(self.y)):
            y = self.y.get(key)
            was = ref_x.get(key)
            if y is None:
                moved.append(1 if was is not None else 0)
                minutes.append(was or 0)
                continue
            moved.append(y if was is None else 1 - y)
            dev = m.new_int_var(0, g.slots[key[1]].slot.minutes // g.unit, f"dev[{key}]")
            m.add_abs_equality(dev, self.x[key] - (was or 0))
            minutes.append(dev)
        self.terms["moved"] = sum(moved)
        # A published table carries no minutes: then only cells count.
        known = all(t.minutes is not None for mt in self.reference.meetings for t in mt.items)
        self.terms["minutes_moved"] = g.unit * sum(minutes) if known else 0


def _connected(nodes: set[str], edges: list[tuple[str, str]]) -> bool:
    seen, todo = set(), [next(iter(nodes))]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        todo.extend(b for a, b in edges if a == node and b not in seen)
        todo.extend(a for a, b in edges if b == node and a not in seen)
    return seen == nodes


def open_slots(grid: Grid, body: str) -> list[GridSlot]:
    """Slots in which a body may meet: inside its window and not forbidden to it."""
    b = grid.session.body(body)
    forbidden = grid.session.rules.forbidden
    return [
        s for s in grid.slots
        if b.may_meet_on(s.day)
        and not any(f.date == s.day and f.slot in (None, s.slot.start) and f.body in (None, body) for f in forbidden)
    ]


def _allowed_slots(grid: Grid) -> dict[int, set[int]]:
    """Slots each task can use when rules are hard: open to all its bodies and, under strict
    agenda order, late enough for the items before it and early enough for the items after it."""
    strict = grid.session.rules.agenda_order == "strict"
    allowed = {t.index: {s.index for s in grid.slots} for t in grid.tasks}
    for body, seq in grid.sequence.items():
        body_slots = open_slots(grid, body)
        reach = {s.index for s in body_slots}
        if strict:
            before, after = 0, sum(t.minutes for t in seq)
            for task in seq:
                after -= task.minutes
                filled, earliest = 0, None
                for s in body_slots:
                    filled += s.cap
                    if filled > before:
                        earliest = s.index
                        break
                filled, latest = 0, None
                for s in reversed(body_slots):
                    filled += s.cap
                    if filled > after:
                        latest = s.index
                        break
                window = {i for i in reach if earliest is not None and latest is not None and earliest <= i <= latest}
                allowed[task.index] &= window
                before += task.minutes
        else:
            for task in seq:
                allowed[task.index] &= reach
    return allowed

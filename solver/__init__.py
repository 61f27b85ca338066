"""Podium's planning library: a session in, a programme of work out (OR-Tools CP-SAT)."""

from solver.check import Evaluation, Violation, check, evaluate
from solver.explain import Conflict
from solver.model import Weights
from solver.planner import Change, Result, diff, plan
from solver.problem import Session
from solver.programme import ItemTake, Meeting, Programme
from solver.search import PlanOptions, Progress

__all__ = [
    "Change", "Conflict", "Evaluation", "Violation", "check", "evaluate", "ItemTake", "Meeting", "PlanOptions", "Programme", "Progress", "Result",
    "Session", "Weights", "diff", "plan",
]

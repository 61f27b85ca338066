"""The hand-made table: agenda order, slot by slot, as a secretariat fills it; the benchmark's baseline."""

from bench.recipe import recipe_session
from solver import check
from solver.extract import programme_from_values
from solver.greedy import greedy_fill
from solver.grid import build_grid
from solver.model import open_slots
from tests.helpers.sessions import session


def _programme(loaded, **kwargs):
    grid = build_grid(loaded.session)
    return programme_from_values(grid, greedy_fill(grid, **kwargs))


def test_hand_made_table_of_each_case_is_the_published_one(cop10, wg2_wg3):
    for loaded in (cop10, wg2_wg3):
        headings = {i.ref for i in loaded.session.agenda if i.heading}
        cells = lambda p, headings=headings: {k: tuple(c for c in v if (k[2], c) not in headings) for k, v in p.cells().items()}  # noqa: E731
        assert cells(_programme(loaded)) == cells(loaded.programme)


def test_hand_made_table_keeps_every_rule():
    loaded = session()
    assert check(loaded.session, _programme(loaded)) == []


def test_whole_items_ends_a_meeting_early_rather_than_split_an_item_that_fits_one():
    loaded = session()
    programme = _programme(loaded, whole_items=True)
    taken = [t.code for m in programme.meetings for t in m.items]
    # The debate (300 minutes) cannot fit one 3-hour meeting; every other item stays whole.
    assert {code: taken.count(code) for code in set(taken)} == {"1": 1, "2": 2, "3": 1, "A": 1, "B": 1}
    assert check(loaded.session, programme) == []


def test_a_table_within_given_slots_meets_there_or_after_the_last_of_them():
    grid = build_grid(session().session)
    within = {b: {s.index for s in grid.slots[1::2]} for b in grid.sequence}
    table = greedy_fill(grid, within=within)
    for (task, s) in table:
        for body in grid.tasks[task].bodies:
            assert s in within[body] or s > max(within[body])


def test_windowed_bodies_first_seat_a_body_with_a_window_as_soon_as_its_window_opens():
    # In session order the plenary and bodies 1 and 2 take the three interpreted seats, and the
    # windowed body 3 waits five slots into its window.
    session = recipe_session(2, 6, 100, seed=1)
    grid = build_grid(session)
    opens = min(s.index for s in open_slots(grid, "b3"))
    for first, starts in ((False, opens + 5), (True, opens)):
        table = greedy_fill(grid, True, windows_first=first)
        assert min(s for (task, s) in table if "b3" in grid.tasks[task].bodies) == starts
        assert check(session, programme_from_values(grid, table)) == []

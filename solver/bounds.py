"""Lower bounds computed before the solve: the splits a body's agenda needs in a given number of meetings."""

from __future__ import annotations


def fewest_splits(lengths: list[int], owned: list[bool], cap: int) -> list[int]:
    """`out[c]`: the fewest meetings that hold the agenda `lengths` (in order) with at most c splits.

    Under strict agenda order a body's items run as one line through its meetings, each holding at
    most `cap`: a meeting ends either at an item's end or inside an item, which splits it (counted
    only where `owned`, so that a joint item counts for one body). A state is the position on that
    line (meetings closed times `cap`, plus the minutes of the open one); a lower position is never
    worse, since a meeting may always end early.
    """
    n = len(lengths)
    inf = float("inf")
    # best[c]: lowest position after the items so far with c splits.
    best = [0] + [inf] * n
    for length, own in zip(lengths, owned):
        nxt = [inf] * (n + 1)
        for c, pos in enumerate(best):
            if pos == inf:
                continue
            fresh = -(-pos // cap) * cap  # the next meeting's start
            starts = [pos] if pos == fresh else [pos, fresh]
            for start in starts:
                crossed = (start + length - 1) // cap - start // cap  # meeting ends inside the item
                if not own:
                    crossed = 0
                end = start + length
                if c + crossed <= n and end < nxt[c + crossed]:
                    nxt[c + crossed] = end
        best = nxt
    out, fewest = [], inf
    for pos in best:
        fewest = min(fewest, -(-pos // cap) if pos != inf else inf)
        out.append(fewest)
    return out


def staircase(fewest: list[int], meetings: int) -> list[int]:
    """`out[k]` for k up to `meetings`: the fewest splits an agenda needs in k meetings, from
    `fewest_splits`' answer (more than any agenda has where k meetings cannot hold it)."""
    impossible = len(fewest)
    return [next((c for c, need in enumerate(fewest) if need <= k), impossible) for k in range(meetings + 1)]


def split_cuts(fewest: list[int]) -> list[tuple[int, int, int]]:
    """Linear cuts `a * splits + b * meetings >= rhs`, each as (a, b, rhs), below the trade-off
    that `fewest_splits`' answer gives: the corners (meetings, splits) where fewer meetings need
    more splits, joined by their lower convex hull, which a linear relaxation sees."""
    points, least = [], float("inf")
    for c, k in enumerate(fewest):
        if k < least:
            points.append((k, c))
            least = k
    return [(k2 - k1, c1 - c2, (k2 - k1) * c1 + (c1 - c2) * k1) for (k1, c1), (k2, c2) in envelope(points)]


def envelope(points: list[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Segments of the lower convex hull of (meetings, splits) corners, left to right, where
    fewer meetings need more splits: each segment's line lies below every corner (and so below
    the staircase they span), a valid linear cut."""
    hull: list[tuple[int, int]] = []
    for p in sorted(set(points)):
        while len(hull) >= 2 and _cross(hull[-2], hull[-1], p) <= 0:
            hull.pop()
        hull.append(p)
    return list(zip(hull, hull[1:]))


def _cross(o: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> int:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

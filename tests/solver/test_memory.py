"""Memory that large searches freed goes back to the system, so that a long solve's peak is its live data."""

import sys

import pytest

from solver.search import release_memory


def _resident_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and glibc's arenas")
def test_freed_heap_pages_go_back_to_the_system():
    # Chunks below glibc's mmap threshold live in the heap; small ones allocated after them keep
    # the heap's top in use, so freeing the chunks alone returns nothing.
    chunks = [bytearray(60_000) for _ in range(2000)]
    tail = [bytearray(100) for _ in range(2000)]
    held = _resident_mib()
    del chunks
    release_memory()
    assert _resident_mib() < held - 80
    assert len(tail) == 2000


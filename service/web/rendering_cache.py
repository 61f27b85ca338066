"""Public renderings kept in memory (feeds, documents and pages of published versions), each rendered once per version and language."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from fastapi import FastAPI

from service.web.conditional import Rendering


class RenderingCache:
    """The most recently used renderings, by a key that names everything a rendering depends on."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._renderings: OrderedDict[Hashable, Rendering] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Rendering | None:
        with self._lock:
            found = self._renderings.get(key)
            if found is not None:
                self._renderings.move_to_end(key)
            return found

    def put(self, key: Hashable, rendering: Rendering) -> None:
        with self._lock:
            self._renderings[key] = rendering
            while len(self._renderings) > self.size:
                self._renderings.popitem(last=False)


def of(app: FastAPI) -> RenderingCache:
    """The app's cache, made at its first use."""
    state = app.state
    if not hasattr(state, "renderings"):
        state.renderings = RenderingCache(state.settings.feed_cache_size)
    return state.renderings

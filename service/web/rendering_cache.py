"""Public renderings kept in memory (feeds, documents and pages of published versions), each rendered once per version and language."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool

from service.published import FeedState
from service.web import freshness
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


Key = tuple[Hashable, ...]


async def published(request: Request, session_id: int, key: Key | Callable[[FeedState], Key], make: Callable[[FeedState], Rendering]) -> Rendering:
    """A public rendering of the session's published versions: from the cache, else `make(state)` (in a worker thread), kept.

    `key` (or `key(state)`) names what the rendering shows (kind, version, format, language...); the state adds the
    latest version and its publish time, which also tell apart a session made anew under the same id.
    A session with no published version has none (`published.unpublished`).
    """
    state = await freshness.published_state(request.app, session_id)
    full = (*(key if isinstance(key, tuple) else key(state)), session_id, state.latest, state.published_at)
    cache = of(request.app)
    found = cache.get(full)
    if found is None:
        found = await run_in_threadpool(make, state)
        cache.put(full, found)
    return found

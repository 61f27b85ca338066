"""Rendered feeds kept in memory: each feed is rendered once per published version and language."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass


@dataclass(frozen=True)
class RenderedFeed:
    """A feed's bytes with the validators HTTP caches use."""

    body: bytes
    etag: str
    last_modified: dt.datetime | None

    @classmethod
    def of(cls, body: bytes, last_modified: dt.datetime | None) -> RenderedFeed:
        return cls(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"', last_modified)


class FeedCache:
    """The most recently used rendered feeds, by a key that names everything a feed depends on."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._feeds: OrderedDict[Hashable, RenderedFeed] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> RenderedFeed | None:
        with self._lock:
            feed = self._feeds.get(key)
            if feed is not None:
                self._feeds.move_to_end(key)
            return feed

    def put(self, key: Hashable, feed: RenderedFeed) -> None:
        with self._lock:
            self._feeds[key] = feed
            while len(self._feeds) > self.size:
                self._feeds.popitem(last=False)

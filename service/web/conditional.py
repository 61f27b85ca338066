"""Conditional responses of the public renderings: ETag, Last-Modified, 304 and HEAD (RFC 9110 §13), shared by feeds, documents and pages.

A textual rendering is also kept gzipped, compressed once with it: a client that accepts gzip (every
calendar client and browser) gets a tenth of the bytes, at no cost per request.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from fastapi import APIRouter, Request, Response

GZIP_FROM = 1024  # bytes
MAX_AGE = 300  # seconds; a published version never changes, but the latest one may be followed by another
Endpoint = Callable[..., Awaitable[Response]]
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {304: {"description": "Not modified since the validators given (If-None-Match, If-Modified-Since)"}}


@dataclass(frozen=True)
class Rendering:
    """A rendering's bytes and media type with the validators HTTP caches use (and headers of its own, e.g. a file name)."""

    body: bytes
    media_type: str
    etag: str
    last_modified: dt.datetime | None
    headers: tuple[tuple[str, str], ...] = ()
    gzipped: bytes | None = None

    @classmethod
    def of(cls, body: bytes | str, media_type: str, last_modified: dt.datetime | None, headers: dict[str, str] | None = None) -> Rendering:
        raw = body.encode() if isinstance(body, str) else body
        etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
        # Word and PDF are compressed already; a short body gains less than the header costs.
        textual = media_type.startswith(("text/", "application/json", "application/atom+xml")) and len(raw) >= GZIP_FROM
        return cls(raw, media_type, etag, last_modified, tuple((headers or {}).items()), gzip.compress(raw, mtime=0) if textual else None)

    @property
    def gzip_etag(self) -> str:
        """The gzipped representation's own strong validator (RFC 9110 §8.8.3: one per representation)."""
        return self.etag[:-1] + '-gz"'


def not_modified(request: Request, rendering: Rendering) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or rendering.etag in tags or rendering.gzip_etag in tags
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since and rendering.last_modified:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        return rendering.last_modified.replace(microsecond=0) <= since
    return False


def accepts_gzip(request: Request) -> bool:
    """Whether Accept-Encoding names gzip (or *) with a quality above zero."""
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, _, params = part.partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=").strip()
            return not quality or _quality(quality) > 0
    return False


def _quality(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def respond(request: Request, rendering: Rendering, private: bool = False) -> Response:
    """The rendering (gzipped when the client accepts it), or 304 with its validators when the client's copy is current."""
    zipped = rendering.gzipped is not None and accepts_gzip(request)
    headers = {"ETag": rendering.gzip_etag if zipped else rendering.etag, "Cache-Control": f"{'private' if private else 'public'}, max-age={MAX_AGE}"}
    if rendering.gzipped is not None:
        headers["Vary"] = "Accept-Encoding"
    if rendering.last_modified:
        headers["Last-Modified"] = format_datetime(rendering.last_modified.astimezone(dt.UTC), usegmt=True)
    if not_modified(request, rendering):
        return Response(status_code=304, headers=headers)
    if zipped:
        headers["Content-Encoding"] = "gzip"
    body = rendering.gzipped if zipped else rendering.body
    return Response(body, media_type=rendering.media_type, headers={**dict(rendering.headers), **headers})


def get_and_head(router: APIRouter, path: str, name: str, **options: Any) -> Callable[[Endpoint], Endpoint]:
    """GET (in the OpenAPI document, with 304 among its responses) and HEAD on the same function (kept out of it: one operation id)."""

    def register(endpoint: Endpoint) -> Endpoint:
        responses = {**options.pop("responses", {}), **NOT_MODIFIED}
        options.setdefault("response_class", Response)
        router.add_api_route(path, endpoint, methods=["GET"], name=name, responses=responses, **options)
        router.add_api_route(path, endpoint, methods=["HEAD"], name=f"{name}_head", include_in_schema=False)
        return endpoint

    return register

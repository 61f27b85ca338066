"""ETags from the version counters of sessions, items and variants, and If-Match on their updates.

A write carrying `If-Match` with an ETag the resource no longer has gets 412 and changes nothing;
a write without `If-Match` is accepted as before (last writer wins): the pages and older clients
send none. Writes that race past the check are caught by the version counter itself
(`version_id_col`): the UPDATE of the stale row matches nothing (see `service.web.errors.install`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header, Response

from service.errors import Stale
from service.web.errors import ErrorBody

IfMatch = Annotated[
    str | None,
    Header(alias="If-Match", max_length=1000, description="The ETag read last: the write is refused (412) if the resource changed since"),
]
STALE: dict[int | str, dict[str, Any]] = {412: {"model": ErrorBody, "description": "Changed since the ETag given in If-Match"}}


def etag(version: int) -> str:
    return f'"{version}"'


def tagged(response: Response, version: int | None) -> None:
    """Give the response the ETag of a resource with a version counter (rows without one have no ETag)."""
    if version is not None:
        response.headers["ETag"] = etag(version)


def check(if_match: str | None, version: int | None) -> None:
    """Refuse (412) unless `If-Match` is absent, `*`, or lists the current ETag (strong comparison, RFC 9110 §13.1.1).

    A resource without a version counter has no ETag, so only `*` matches it.
    """
    if if_match is None:
        return
    tags = {t.strip() for t in if_match.split(",")}
    if "*" not in tags and (version is None or etag(version) not in tags):
        now = f"it is now at ETag {etag(version)}" if version is not None else "it has no ETag"
        raise Stale.at("header.if-match", f"changed meanwhile: {now}; read it again and retry")

"""A programme as a document in the format of `?format=` or the Accept header (see `service.exports.FORMATS`): drafts' and published versions'."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response

from service.exports import FORMATS, render
from service.published import PublishedVersion
from service.web.conditional import Rendering
from solver.problem import Language, Session
from solver.programme import Programme

Format = Annotated[Literal["text", "md", "html", "docx", "pdf", "json"] | None, Query(description="The document format; else chosen from the Accept header, JSON by default")]
Lang = Annotated[Language, Query(description="Language of labels and titles")]
RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {f.media_type.split(";")[0]: {} for f in FORMATS.values()}, "description": "The programme"}}


def negotiated(request: Request, fmt: str | None) -> str:
    """The asked format: the query's, else the first Accept type Podium renders, else JSON."""
    if fmt:
        return fmt
    for part in request.headers.get("accept", "").split(","):
        kind = part.split(";")[0].strip().lower()
        for f in FORMATS.values():
            if kind == f.media_type.split(";")[0]:
                return f.name
    return "json"


def rendering(session: Session, programme: Programme, fmt: str, lang: str, meta: dict[str, Any], filename: str,
              last_modified: dt.datetime | None = None) -> Rendering:
    chosen = FORMATS[fmt]
    headers = {"Content-Disposition": f'attachment; filename="{filename}.{chosen.extension}"'} if chosen.binary else {}
    return Rendering.of(render(fmt, session, programme, lang, meta), chosen.media_type, last_modified, headers)


def document(session: Session, programme: Programme, fmt: str, lang: str, meta: dict[str, Any], filename: str) -> Response:
    """A draft's document, rendered for this request."""
    found = rendering(session, programme, fmt, lang, meta, filename)
    return Response(found.body, media_type=found.media_type, headers=dict(found.headers))


def published_document(version: PublishedVersion, fmt: str, lang: str) -> Rendering:
    """A published version's document: the same bytes every time, dated by its publication."""
    meta = {"version": version.number, "generated_at": version.published_at}
    return rendering(version.session, version.programme, fmt, lang, meta, f"programme-v{version.number}", version.published_at)

"""A stored programme as a document in the format of `?format=` or the Accept header (see `service.exports.FORMATS`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response

from service.exports import FORMATS, render
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


def document(session: Session, programme: Programme, fmt: str, lang: str, meta: dict[str, Any], filename: str) -> Response:
    chosen = FORMATS[fmt]
    headers = {"Content-Disposition": f'attachment; filename="{filename}.{chosen.extension}"'} if chosen.binary else {}
    return Response(render(fmt, session, programme, lang, meta), media_type=chosen.media_type, headers=headers)

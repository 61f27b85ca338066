"""A stored programme as a document: text, Markdown, HTML, Word, PDF or JSON, by `?format=` or the Accept header."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response

from service.annex import render
from solver.problem import Session
from solver.programme import Programme

MEDIA = {
    "text": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
}
# Files to save rather than show: sent as attachments with their extension.
ATTACHMENTS = ("docx", "pdf")
Format = Annotated[Literal["text", "md", "html", "docx", "pdf", "json"] | None, Query(description="The document format; else chosen from the Accept header, JSON by default")]
Lang = Annotated[Literal["ar", "zh", "en", "fr", "ru", "es"], Query(description="Language of labels and titles")]
RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {m.split(";")[0]: {} for m in MEDIA.values()}, "description": "The programme"}}


def negotiated(request: Request, fmt: str | None) -> str:
    """The asked format: the query's, else the first Accept type Podium renders, else JSON."""
    if fmt:
        return fmt
    for part in request.headers.get("accept", "").split(","):
        kind = part.split(";")[0].strip().lower()
        for name, media in MEDIA.items():
            if kind == media.split(";")[0]:
                return name
    return "json"


def document(session: Session, programme: Programme, fmt: str, lang: str, meta: dict[str, Any], filename: str) -> Response:
    body = render(fmt, session, programme, lang, meta)
    headers = {"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'} if fmt in ATTACHMENTS else {}
    return Response(body, media_type=MEDIA[fmt], headers=headers)

"""The programme as documents: the UN annex table (text, Markdown, HTML, Word) and a JSON export."""

from __future__ import annotations

from typing import Any

from service.annex.programme_json import render_json
from service.annex.table import build
from service.annex.text import render_text
from solver.problem import Session
from solver.programme import Programme

FORMATS = ("text", "json")


def render(fmt: str, session: Session, programme: Programme, lang: str = "en", meta: dict[str, Any] | None = None) -> str | bytes:
    """The programme in one format (text, md, html, docx, json) and language; DOCX is bytes."""
    if fmt == "json":
        return render_json(session, programme, lang, meta)
    if fmt == "text":
        return render_text(build(session, programme, lang))
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")

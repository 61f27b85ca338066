"""The programme as documents: the UN annex table (text, Markdown, HTML, Word, PDF) and a JSON export."""

from __future__ import annotations

from typing import Any

from service.annex.html import render_html
from service.annex.markdown import render_markdown
from service.annex.pdf import render_pdf
from service.annex.programme_json import render_json
from service.annex.table import build
from service.annex.text import render_text
from service.annex.word import render_docx
from solver.problem import Session
from solver.programme import Programme

TABLE_RENDERERS = {"text": render_text, "md": render_markdown, "html": render_html, "docx": render_docx, "pdf": render_pdf}
FORMATS = (*TABLE_RENDERERS, "json")


def render(fmt: str, session: Session, programme: Programme, lang: str = "en", meta: dict[str, Any] | None = None) -> str | bytes:
    """The programme in one format (text, md, html, docx, pdf, json) and language; DOCX and PDF are bytes."""
    if fmt == "json":
        return render_json(session, programme, lang, meta)
    if fmt not in TABLE_RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return TABLE_RENDERERS[fmt](build(session, programme, lang))

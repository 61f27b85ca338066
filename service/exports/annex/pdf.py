"""The annex as a PDF: the HTML annex laid out on A4 by WeasyPrint, its fonts embedded."""

from __future__ import annotations

from weasyprint import HTML

from service.exports.annex.html import render_html
from service.exports.annex.table import Table


def render_pdf(table: Table) -> bytes:
    """A4 pages with the heading rows repeated; Chinese and Arabic set in the Noto faces, embedded (subset)."""
    return HTML(string=render_html(table)).write_pdf()

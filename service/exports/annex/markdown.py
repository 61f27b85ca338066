"""The annex as a Markdown (GitHub) table: one line per printed row, day rows in bold."""

from __future__ import annotations

import html
import re

from service.exports.annex.table import Table
from service.exports.plain import plain

# Backslash-escaped so that text is only ever text: no emphasis, code, links or images
# (a `[x](javascript:...)` in a title stays as written, never a link).
_MARKUP = re.compile(r"([\\`*_\[\]|~])")


def _cell(text: str) -> str:
    """Text in a table cell: HTML escaped (`<script>` shows as written), Markdown marks escaped, line breaks as spaces (one row a line)."""
    flat = " ".join(plain(text).splitlines())
    return _MARKUP.sub(r"\\\1", html.escape(flat, quote=False))


def _header(table: Table) -> list[str]:
    w = table.words
    out = [w["date_time"]]
    for column in table.columns:
        # Markdown has no spanning cells: a body's name goes in front of its first heading.
        first = w["item"] if column.codes else w["description"]
        out.append(f"{column.heading}: {first}" if column.heading and column.codes else column.heading or first)
        if column.codes:
            out.append(w["description"])
    return out


def render_markdown(table: Table) -> str:
    header = _header(table)
    lines = ([_cell(table.label), ""] if table.label else []) + [f"## {_cell(table.title)}", ""]
    if table.session:
        lines += [_cell(table.session), ""]
    lines += ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    for row in table.rows:
        if row.kind == "day":
            cells = [f"**{_cell(row.label)}**"] + [""] * (len(header) - 1)
        else:
            cells = [_cell(row.label)]
            for column, entry in zip(table.columns, row.entries):
                if column.codes:
                    cells.append(_cell(entry.code) if entry else "")
                cells.append(_cell(entry.marked) if entry else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"

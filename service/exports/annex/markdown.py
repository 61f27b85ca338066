"""The annex as a Markdown (GitHub) table: one line per printed row, day rows in bold."""

from __future__ import annotations

from service.exports.annex.table import Table


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


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
    lines = ([table.label, ""] if table.label else []) + [f"## {table.title}", ""]
    if table.session:
        lines += [table.session, ""]
    lines += ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    for row in table.rows:
        if row.kind == "day":
            cells = [f"**{row.label}**"] + [""] * (len(header) - 1)
        else:
            cells = [row.label]
            for column, entry in zip(table.columns, row.entries):
                if column.codes:
                    cells.append(entry.code if entry else "")
                cells.append(entry.marked if entry else "")
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"

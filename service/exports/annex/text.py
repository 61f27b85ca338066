"""The annex as a plain-text table for the terminal, with wide (CJK) characters counted as two columns."""

from __future__ import annotations

import re
import unicodedata

from service.exports.annex.table import Table

# How wide a title column may grow before its text wraps, by number of column groups.
TITLE_WIDTH = {1: 64, 2: 34}
TITLE_WIDTH_MANY = 26
# A CJK character may break anywhere; other text breaks at spaces.
_TOKENS = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|\s+")
NO_LINE_START = set("）》」』〕】，。、；：！？")


def width(text: str) -> int:
    """Terminal columns the text takes."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, limit: int) -> list[str]:
    """Greedy wrap to `limit` terminal columns; breaks inside a word only when it alone is too wide."""
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        if token.isspace():
            if line:
                line += " "
            continue
        while width(token) > limit:
            if line:
                lines.append(line.rstrip())
                line = ""
            cut = 1
            while width(token[: cut + 1]) <= limit:
                cut += 1
            lines.append(token[:cut])
            token = token[cut:]
        if width(line + token) > limit and line.strip():
            # Closing punctuation may not begin a line: the character before it goes along.
            carry = line[-1] if token in NO_LINE_START and len(line.rstrip()) > 1 else ""
            lines.append(line[: len(line) - len(carry)].rstrip())
            line = carry
        line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _grid(table: Table) -> tuple[list[list[tuple[str, int]]], list[bool], list[int]]:
    """Rows of (text, columns spanned), whether a rule goes above each row, and column limits."""
    w = table.words
    groups = len(table.columns)
    title_limit = TITLE_WIDTH.get(groups, TITLE_WIDTH_MANY)
    limits = [24]
    for column in table.columns:
        limits += ([12] if column.codes else []) + [title_limit]
    total = len(limits)
    rows: list[list[tuple[str, int]]] = []
    if table.layout != "single":
        rows.append([("", 1)] + [(c.heading, 2 if c.codes else 1) for c in table.columns])
    rows.append([(w["date_time"], 1)] + [(t, 1) for c in table.columns for t in ((w["item"],) if c.codes else ()) + (w["description"],)])
    rules = [True] * len(rows)
    for row in table.rows:
        if row.kind == "day":
            rows.append([(row.label, total)])
        else:
            cells = [(row.label, 1)]
            for column, entry in zip(table.columns, row.entries):
                if column.codes:
                    cells.append((entry.code if entry else "", 1))
                cells.append((entry.marked if entry else "", 1))
            rows.append(cells)
        rules.append(row.kind != "line")
    return rows, rules, limits


def render_text(table: Table) -> str:
    rows, rules, limits = _grid(table)
    widths = [1] * len(limits)
    for cells in rows:
        col = 0
        for text, span in cells:
            if span == 1:
                widths[col] = max(widths[col], min(limits[col], max(width(x) for x in wrap(text, limits[col]))))
            col += span
    border = "+" + "+".join("-" * (x + 2) for x in widths) + "+"
    out = [x for x in (table.label, table.title, table.session) if x] + [border]
    for cells, rule in zip(rows, rules):
        if rule and out[-1] != border:
            out.append(border)
        col, wrapped, spans = 0, [], []
        for text, span in cells:
            room = sum(widths[col : col + span]) + 3 * (span - 1)
            wrapped.append(wrap(text, room))
            spans.append(room)
            col += span
        for i in range(max(len(x) for x in wrapped)):
            parts = [(lines[i] if i < len(lines) else "") for lines in wrapped]
            out.append("| " + " | ".join(p + " " * (room - width(p)) for p, room in zip(parts, spans)) + " |")
    out.append(border)
    return "\n".join(out) + "\n"

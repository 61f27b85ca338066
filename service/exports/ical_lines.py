"""iCalendar content lines (RFC 5545 §3.1): TEXT escaping, parameters, values, folding, CRLF."""

from __future__ import annotations

import datetime as dt

from service.exports.plain import plain

FOLD_AT = 75  # octets in a physical line, the leading space of a continuation included


def text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newline escaped; controls replaced (a feed never carries raw ESC)."""
    return (
        plain(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")
    )


def param(value: str) -> str:
    """A parameter value: RFC 6868 escapes, quoted where it holds `:`, `;` or `,`."""
    value = value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return f'"{value}"' if any(c in value for c in ":;,") else value


def utc(moment: dt.datetime) -> str:
    """A DATE-TIME in UTC form, e.g. 20220502T090000Z."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def local(moment: dt.datetime) -> str:
    """A DATE-TIME in local form, for a property with a TZID parameter."""
    return moment.strftime("%Y%m%dT%H%M%S")


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded between characters, ending in CRLF.

    Each piece holds at most 74 octets, so a continuation line with its leading space has 75.

    A fold also never follows a lone escape character (`\\` or `^`), as icalendar does, so that
    clients that unfold badly do not break an escape.
    """
    data = line.encode("utf-8")
    if len(data) < FOLD_AT:
        return data + b"\r\n"
    out, start = [], 0
    while len(data) - start >= FOLD_AT:
        cut = start + FOLD_AT - 1
        while data[cut] & 0xC0 == 0x80:  # inside a multi-byte character: cut before it
            cut -= 1
        if data[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        out.append(data[start:cut])
        start = cut
    out.append(data[start:])
    return b"\r\n ".join(out) + b"\r\n"


def content_line(name: str, value: str, /, **params: str) -> bytes:
    """`NAME;PARAM=value:value`, folded; parameter names are given in lower case with `_` for `-`."""
    head = name + "".join(f";{k.upper().replace('_', '-')}={param(v)}" for k, v in params.items())
    return fold(f"{head}:{value}")

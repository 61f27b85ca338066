"""The provisional agenda as printed at the start of an annotated agenda, read into items and sub-items with codes and titles.

Accepts the numbering of the six languages' documents: "1." or "١ -" for items, "(a)", "a)", "(أ)" or
"а)" for sub-items, "(i)" for their subdivisions, in ASCII or full-width forms ("（ａ）", "１．").
Codes are those of the session file ("1", "1(a)", "1(a)(i)"): a sub-item's letter is taken by its
place in its own alphabet, so the Arabic, Russian and English agendas give the same codes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LATIN = "abcdefghijklmnopqrstuvwxyz"
# Sub-items in order, in the alphabets the documents use (Arabic in abjad order).
ALPHABETS = (
    tuple(LATIN),
    tuple("абвгдежзиклмнопрстуфхцчшщэюя"),
    ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر"),
)
ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTERS = "|".join(sorted({re.escape(x) for a in ALPHABETS for x in a}, key=len, reverse=True))
NUMBER = re.compile(r"(\d+)\s*(?:[.)]|[-–—])\s*")
LETTER = re.compile(rf"\(?({_LETTERS}|[ivx]+)\)\s*")
BULLET = re.compile(r"[-*•]\s+")
# What ends a title in a printed list: ":" before sub-items, ";" or "." after it, and a trailing "and" of the last but one.
TAIL = re.compile(r"(?:[;,]\s*(?:and|et|y|и|و))?[\s:;.,。：；，、،؛]*$")


@dataclass(frozen=True)
class PastedItem:
    """One line of the agenda: its code, title, the item it is under, and whether sub-items follow it."""

    code: str
    title: str
    parent: str | None = None
    heading: bool = False


def _normalized(line: str) -> tuple[str, list[int]]:
    """The line in ASCII forms (NFKC, Western digits) and, for each character, where it came from in the line."""
    out, where = [], []
    for i, ch in enumerate(line):
        for n in unicodedata.normalize("NFKC", ch).translate(DIGITS):
            out.append(n.lower() if n.isascii() else n)
            where.append(i)
    return "".join(out), where


def _title(text: str) -> str:
    return TAIL.sub("", " ".join(text.split()))


def _letter_index(mark: str) -> int | None:
    return next((a.index(mark) for a in ALPHABETS if mark in a), None)


class _Reader:
    """The items read so far and where the numbering stands."""

    def __init__(self) -> None:
        self.items: list[PastedItem] = []
        self.number: int | None = None
        self.letter: int | None = None  # index of the last sub-item letter under the current number
        self.roman: int | None = None  # index of the last roman subdivision under the current letter
        self.open = False  # the last line was an item: a line without numbering continues its title

    def add(self, code: str, title: str, parent: str | None) -> None:
        if parent is not None:
            self.items = [PastedItem(x.code, x.title, x.parent, True) if x.code == parent else x for x in self.items]
        self.items.append(PastedItem(code, _title(title), parent))
        self.open = True

    def continued(self, text: str) -> None:
        last = self.items[-1]
        joiner = "" if last.title and not last.title[-1].isascii() and not text[0].isascii() else " "
        self.items[-1] = PastedItem(last.code, _title(last.title + joiner + text), last.parent, last.heading)

    def sub(self, mark: str, title: str) -> bool:
        """A sub-item "(a)" or a subdivision "(i)"; False when it does not continue the numbering."""
        if self.number is None:
            return False
        roman = ROMANS.index(mark) if mark in ROMANS else None
        letter = _letter_index(mark)
        # "(i)" after "(h)" is the ninth letter; otherwise a roman numeral opens or continues a subdivision.
        is_roman = roman is not None and self.letter is not None and (
            (self.roman is None and roman == 0 and self.letter != LATIN.index("h")) or (self.roman is not None and roman == self.roman + 1)
        )
        if is_roman:
            assert roman is not None and self.letter is not None
            self.roman = roman
            parent = f"{self.number}({LATIN[self.letter]})"
            self.add(f"{parent}({ROMANS[roman]})", title, parent)
            return True
        if letter is None or letter >= len(LATIN):
            return False
        self.letter, self.roman = letter, None
        self.add(f"{self.number}({LATIN[letter]})", title, str(self.number))
        return True


def parse_agenda(text: str) -> list[PastedItem]:
    """The items of a pasted provisional agenda, in order; lines before the first number are skipped.

    The list ends where an item number does not go up (the annotations that follow repeat the numbers)."""
    r = _Reader()
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            r.open = False
            continue
        if line.startswith("#"):
            if r.items:
                break  # a heading after the list: the annotations begin
            continue
        norm, where = _normalized(line)
        if m := BULLET.match(norm):
            norm, where = norm[m.end():], where[m.end():]
        if (m := NUMBER.match(norm)) and m.end() < len(norm):
            number = int(m.group(1))
            if r.number is not None and number <= r.number:
                break
            r.number, r.letter, r.roman = number, None, None
            r.add(str(number), line[where[m.end()]:], None)
        elif (m := LETTER.match(norm)) and m.end() < len(norm) and r.sub(m.group(1), line[where[m.end()]:]):
            pass
        elif r.open and r.items:
            r.continued(line)
        else:
            r.open = False
    return r.items

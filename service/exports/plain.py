"""Text made safe for documents: characters XML (Word, Atom) cannot hold, and controls that terminals and feeds obey, replaced."""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 but surrogates and U+FFFE/U+FFFF;
# C1 controls and bidi overrides are allowed but do harm (a terminal's escapes, text that reads reversed).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def plain(text: str) -> str:
    """`text` with each unsafe character replaced by U+FFFD (stored before input was checked, or from a programme)."""
    return _UNSAFE.sub(REPLACEMENT, text)

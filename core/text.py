"""Text a person typed: refuse characters that hide, reorder or corrupt what the next reader sees.

A patient's name travels into letters, PDFs, CSV exports and FHIR bundles. A right-to-left override can
make "Smith" display as a different name, a control character can break a CSV row or a terminal, and a
replacement character (U+FFFD) means the browser sent bytes that were not UTF-8, so what is stored would
not be what was typed (OWASP ASVS V5.1.4; Unicode TR #36 on bidi spoofing).
"""

from __future__ import annotations

import unicodedata

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the marks U+200E/U+200F and U+061C.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Zero-width joiners are part of correct spelling in several scripts (Persian, Indic, emoji sequences).
JOINERS = frozenset("\u200c\u200d")
LINE_BREAKS = frozenset("\n\r\t")


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """Return why `value` cannot be stored as typed text, or None when it can."""
    for char in value:
        if char == "\ufffd":
            return "This text holds characters that did not arrive as valid UTF-8; type it again."
        if char in BIDI_CONTROLS:
            return "Remove the hidden text-direction character (it can make the text read differently)."
        category = unicodedata.category(char)
        if category == "Cc" and not (multiline and char in LINE_BREAKS):
            return "Remove the control character (such as an escape or a line break) from this text."
        if category in ("Cs", "Co", "Cn") or (category == "Cf" and char not in JOINERS):
            return f"Remove the invisible or unassigned character U+{ord(char):04X} from this text."
    return None

"""Django's `{# #}` comment ends at the line's end: one left open runs on as visible text on the page.

Found on the exam step, where a two-line comment printed itself above the differential (Lighthouse named it as the
largest paint). Longer notes belong in `{% comment %}`.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.template import engines

ROOT = Path(__file__).resolve().parents[1]
OPEN_COMMENT = re.compile(r"\{#(?![^\n]*#\})")  # an opening with no closing on the same line


def test_every_one_line_comment_closes_on_its_line():
    templates = [p for p in ROOT.glob("*/templates/**/*") if p.is_file()] + list(ROOT.glob("templates/**/*.*"))
    unclosed = {
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in templates
        if path.suffix in (".html", ".txt", ".css", ".js", ".xml", ".svg")
        for text in [path.read_text()]
        for match in OPEN_COMMENT.finditer(text)
    }
    assert len(templates) > 20
    assert unclosed == set()


def test_an_unclosed_comment_does_print_itself():
    """The rule above guards a real behaviour of the template engine, not a style preference."""
    page = engines["django"].from_string("<p>{# a note\n over two lines #}</p>").render({})
    assert "a note" in page

"""Read a response's HTML as elements, so a test asserts what is there, not how the template spells it.

Attribute order, quoting and whitespace are the template's business; a test names an element by id (or tag and
class) and checks its attributes and text. Built on the standard library's parser: no extra dependency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""  # all text inside, whitespace collapsed
    parts: list[str] = field(default_factory=list, repr=False)

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value if value is not None else "" for name, value in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {name: value if value is not None else "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                for element in self._open[index:]:
                    element.text = " ".join("".join(element.parts).split())
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.parts.append(data)


def elements(html: str) -> list[Element]:
    """Every element of `html` in document order."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    for element in collector._open:  # unclosed at the end of a fragment
        element.text = " ".join("".join(element.parts).split())
    return collector.elements


def by_id(html: str, dom_id: str) -> Element:
    """The one element with this id; fails the test when there is none or more than one."""
    (found,) = [e for e in elements(html) if e.attrs.get("id") == dom_id]
    return found


def by_class(html: str, name: str, tag: str | None = None) -> list[Element]:
    return [e for e in elements(html) if e.has_class(name) and (tag is None or e.tag == tag)]

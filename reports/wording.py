"""Numbers and names as a reader takes them: whole percentages and plain words, never the engine's raw decimals."""

from __future__ import annotations

import re

# A condition label's own routing note, e.g. "(emergency)" or "(urgent surgical opinion)": the letter states the
# level and route elsewhere, so naming what a screen looked for drops it.
_LEVEL_NOTE = re.compile(r"\s*\((?:emergency|urgent|routine)[^)]*\)\s*$", re.IGNORECASE)

# Upper-exclusive bands for a condition's estimated probability after the exam (judgement: the usual verbal
# scale of clinical letters; the engine never shows 0 or 1, so neither do the words).
BANDS = ((0.15, "unlikely"), (0.35, "possible"), (0.6, "likely"), (0.85, "probable"), (1.01, "highly probable"))


def percent(probability: float) -> str:
    """Return "about 62%": whole per cent, never 0% or 100% (the engine's estimates are bounded)."""
    value = min(99, max(1, round(probability * 100)))
    return f"about {value}%"


def likelihood_words(probability: float) -> str:
    """Return the verbal band of a probability, e.g. "likely"."""
    return next(words for upper, words in BANDS if probability < upper)


def ratio(lr: float) -> str:
    """Return a likelihood ratio as a doctor reads it: one decimal below 10, whole numbers above."""
    return f"{lr:.0f}" if lr >= 10 else f"{lr:.1f}"


def join_words(items: list[str] | tuple[str, ...]) -> str:
    """Join items as prose: "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def condition_name(label: str) -> str:
    """Return a condition's label as the object of a sentence: "Suspected cauda equina syndrome (emergency)" reads
    "cauda equina syndrome" (a screen looks for a condition; it does not suspect it)."""
    name = _LEVEL_NOTE.sub("", label.strip())
    name = re.sub(r"^suspected\s+", "", name, flags=re.IGNORECASE)
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():  # keep an acronym such as "AAA"
        name = name[0].lower() + name[1:]
    return name

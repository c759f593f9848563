"""Display citations for a doctor's eyes: the protocol's research notes are kept out of a printed reference.

The 1.0.0 release stores citations as they were retrieved, with the curators' notes inline, for example
"(year 2018 inferred from volume; not shown on page)", "[pages not captured]" or "Dave W [sic, as listed]". Those
notes matter to whoever checks the data and mean nothing to a reader, so a release may give a clean `display`
citation per source; when it does not (1.0.0 is frozen) `display_citation` derives one here. Written by hand
because no citation library removes a curator's notes: it is a short, tested rule over bracketed groups.
"""

from __future__ import annotations

import re

# A bracketed or parenthesised part that is a curator's note rather than bibliographic data.
NOTE = re.compile(r"not captured|not shown|\bsic\b|inferred|as listed|retrieved|unverified|not confirmed", re.I)
GROUP = re.compile(r"\s*(\[[^\[\]]*\]|\([^()]*\))")
TIDY = (
    (re.compile(r";\s*:"), ":"),  # "2016;[volume not captured]:1279" -> "2016:1279"
    (re.compile(r"-(?=\s*[.;,]|\s*$)"), ""),  # a page range whose end page was a note
    (re.compile(r"\(\s*\)|\[\s*\]"), ""),
    (re.compile(r"\s+([.,;:])"), r"\1"),
    (re.compile(r"([.,;:])(?:\s*[.,;:])+"), r"\1"),  # ". ." or ";." left where a note stood
    (re.compile(r"^[\s.,;:]+"), ""),
    (re.compile(r"\s{2,}"), " "),
)


def _group_clean(match: re.Match[str]) -> str:
    """Keep a group's bibliographic parts (e.g. a PMID) and drop its notes; drop the group if nothing is left."""
    group = match.group(1)
    opener, closer, inner = group[0], group[-1], group[1:-1]
    parts = [part.strip() for part in inner.split(";") if part.strip()]
    kept = [part for part in parts if not NOTE.search(part)]
    if len(kept) == len(parts):
        return match.group(0)  # nothing to remove
    if not kept:
        return ""
    return f" {opener}{'; '.join(kept)}{closer}"


def display_citation(citation: str) -> str:
    """Return the citation without curators' notes, with the punctuation they leave behind tidied."""
    text = GROUP.sub(_group_clean, citation)
    for pattern, replacement in TIDY:
        text = pattern.sub(replacement, text)
    return text.strip()


def display_evidence(short: str) -> str:
    """Say a labelled judgement in a reader's words rather than the engine's citation label."""
    return "clinical judgement" if short.lower().startswith("judgement") else short

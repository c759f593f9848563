"""What the dashboard reads from the protocol releases: maneuver groups per release, and display labels.

A skipped group is judged against the release the exam was recorded under (1.0.0 and 1.1.0 differ), and labels
come from the newest release that has them. Queries grow with the number of releases, never with exams.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from protocols.models import ProtocolVersion
from protocols.registry import protocol_get, semver_key


@dataclass(slots=True)
class Vocabulary:
    # {group code: {(protocol code, version): maneuvers of that group in that release}}
    groups: dict[str, dict[tuple[str, str], tuple[str, ...]]] = field(default_factory=dict)
    group_titles: dict[str, str] = field(default_factory=dict)
    conditions: dict[str, str] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)

    def flag_words(self, codes: str | None) -> str:
        """Write an exam's "a; b" red-flag codes in the protocol's own words (a code no release knows stays)."""
        return "; ".join(self.flags.get(code, code) for code in (codes or "").split("; ") if code)

    def condition(self, code: str) -> str:
        if not code:
            return "No working diagnosis"
        return self.conditions.get(code, code.replace("_", " ").capitalize())


def vocabulary() -> Vocabulary:
    """Return the groups and labels of every stored release, oldest first so the newest wording wins."""
    vocab = Vocabulary()
    releases = ProtocolVersion.objects.values_list("code", "version")
    for code, version in sorted(releases, key=lambda r: (r[0], semver_key(r[1]))):
        protocol = protocol_get(code, version)
        for step in protocol.steps:
            if step.maneuvers:
                vocab.groups.setdefault(step.code, {})[(code, version)] = step.maneuvers
                vocab.group_titles[step.code] = step.title
        vocab.conditions |= {c.code: c.label for c in protocol.conditions.values()}
        vocab.flags |= {f.code: f.lay_words for f in protocol.red_flags.values()}
    return vocab

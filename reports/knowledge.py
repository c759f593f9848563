"""The protocol knowledge and care content an exam was recorded under, read once per release and cached."""

from __future__ import annotations

from protocols.care import Care, care_from_mapping
from protocols.engine.rules import Labels
from protocols.engine.types import Protocol
from protocols.models import ProtocolVersion
from protocols.registry import protocol_labels, release_get
from reports.letter_care import LetterCare, letter_care_from_mapping

_care_cache: dict[tuple[str, str, str], tuple[Care, LetterCare, Labels]] = {}


def knowledge_get(code: str, version: str) -> tuple[Protocol, Care]:
    """Return (protocol, care) of one stored release; the care is checked against the protocol's own codes."""
    protocol, care, _, _ = knowledge_full(code, version)
    return protocol, care


def knowledge_full(code: str, version: str, digest: str | None = None) -> tuple[Protocol, Care, LetterCare, Labels]:
    """Return (protocol, care, letter care, words): the release's recipients, exercises and code words too.

    Two queries (the digests, the care content); none once cached when the caller read the release's digest in
    its own query (protocols.registry.release_digest), so a list over many exams asks nothing per exam.
    """
    protocol = release_get(code, version, digest).protocol
    key = (code, version, digest or "")
    if key not in _care_cache:
        digest, raw = ProtocolVersion.objects.filter(code=code, version=version).values_list("sha256", "care").get()
        key = (code, version, digest)
    if key not in _care_cache:
        words = protocol_labels(code, version)  # one source for words: the release (1.0.0: its care file)
        filename = f"ProtocolVersion {code} {version} (care)"
        care = care_from_mapping(
            raw,
            filename=filename,
            conditions=protocol.conditions,
            red_flags=protocol.red_flags,
            sources=protocol.sources,
            regions=protocol.regions,
            symptoms=protocol.symptoms,
        )
        extra = letter_care_from_mapping(
            raw,
            filename=filename,
            targets=care.referral_targets,
            conditions=protocol.conditions,
            sources=protocol.sources,
        )
        _care_cache[key] = (care, extra, words)
    care, extra, words = _care_cache[key]
    return protocol, care, extra, words

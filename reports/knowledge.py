"""The protocol knowledge and care content an exam was recorded under, read once per release and cached."""

from __future__ import annotations

from protocols.care import Care, care_from_mapping
from protocols.engine.types import Protocol
from protocols.models import ProtocolVersion
from protocols.registry import protocol_get
from reports.letter_care import LetterCare, letter_care_from_mapping

_care_cache: dict[tuple[str, str, str], tuple[Care, LetterCare]] = {}


def knowledge_get(code: str, version: str) -> tuple[Protocol, Care]:
    """Return (protocol, care) of one stored release; the care is checked against the protocol's own codes."""
    protocol, care, _ = knowledge_full(code, version)
    return protocol, care


def knowledge_full(code: str, version: str) -> tuple[Protocol, Care, LetterCare]:
    """Return (protocol, care, letter care): the release's recipients and exercise library too."""
    protocol = protocol_get(code, version)
    digest, raw = ProtocolVersion.objects.filter(code=code, version=version).values_list("sha256", "care").get()
    key = (code, version, digest)
    if key not in _care_cache:
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
        _care_cache[key] = (care, extra)
    care, extra = _care_cache[key]
    return protocol, care, extra


def labels_for(protocol: Protocol, care: Care) -> dict[str, str]:
    """Map "kind:code" to the words a reader understands, for every code an assessment can mention."""
    labels = {f"maneuver:{code}": m.name for code, m in protocol.maneuvers.items()}
    for code, cluster in protocol.clusters.items():
        names = [protocol.maneuvers[m].name for m in cluster.members if m in protocol.maneuvers]
        labels[f"cluster:{code}"] = "Cluster: " + " + ".join(names)
    labels.update({f"symptom:{code}": label for code, label in care.symptom_labels.items()})
    labels.update({f"region:{code}": f"Pain region: {label}" for code, label in care.region_labels.items()})
    labels.update({f"region_absent:{code}": f"No pain at: {label}" for code, label in care.region_labels.items()})
    labels.update({f"red_flag:{code}": f"Red flag: {code.replace('_', ' ')}" for code in protocol.red_flags})
    return labels

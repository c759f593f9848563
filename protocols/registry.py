"""Released protocol versions: register shipped files once, then always rebuild knowledge from the stored row.

An exam recorded under 1.0.0 must be re-read with 1.0.0's knowledge forever, so `protocol_get` builds from the
row's stored definition, never from the file on disk, and a shipped release may never change after it is stored.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery

from protocols.engine.rules import Labels
from protocols.engine.types import Protocol
from protocols.loader import ProtocolError, protocol_from_mapping, yaml_read
from protocols.models import ProtocolVersion
from protocols.words import labels_for

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_CODE = "buttock-pain"
RELEASE_FILE = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)\.yaml$")

_cache: dict[tuple[str, str, str], Release] = {}


class ProtocolNotFound(LookupError):
    """No released version matches the code (and version) asked for."""


class ProtocolReleaseChanged(RuntimeError):
    """A shipped file no longer matches the release stored from it."""


@dataclass(frozen=True, slots=True)
class Release:
    """One stored release as the app reads it: its knowledge and its words, built together from the row."""

    protocol: Protocol
    labels: Labels


@dataclass(frozen=True, slots=True)
class ShippedRelease:
    """One release as shipped in protocols/data/<code>/<semver>.yaml, read and validated."""

    code: str
    version: str
    path: Path
    title: str
    protocol: Protocol
    definition: dict[str, Any]
    care: dict[str, Any]
    sha256: str


def shipped_paths(data_dir: Path | None = None) -> list[Path]:
    """Return every shipped release file (not its .care.yaml companion), in a stable order."""
    root = data_dir or DATA_DIR
    return sorted(p for p in root.glob("*/*.yaml") if RELEASE_FILE.match(p.name))


def shipped_read(path: Path) -> ShippedRelease:
    """Validate one shipped release and its optional care file; raise ProtocolError naming the fault."""
    data, lines = yaml_read(path)
    protocol = protocol_from_mapping(data, origin=str(path), lines=lines)
    if (protocol.code, protocol.version) != (path.parent.name, path.name.removesuffix(".yaml")):
        raise ProtocolError(
            str(path), ("version",), f"file declares {protocol.code} {protocol.version}; its path says otherwise"
        )
    digest = hashlib.sha256(path.read_bytes())
    care: dict[str, Any] = {}
    care_path = path.with_name(f"{protocol.version}.care.yaml")
    if care_path.exists():
        care, _ = yaml_read(care_path)
        if not isinstance(care, dict):
            raise ProtocolError(str(care_path), (), "a care file must hold a mapping")
        digest.update(b"\0care\0" + care_path.read_bytes())
    return ShippedRelease(
        code=protocol.code,
        version=protocol.version,
        path=path,
        title=protocol.title,
        protocol=protocol,
        definition=data,
        care=care,
        sha256=digest.hexdigest(),
    )


def protocol_versions_sync(*, data_dir: Path | None = None, using: str = "default") -> list[ProtocolVersion]:
    """Store every shipped release that has no row yet; refuse a release whose file changed since it was stored."""
    created = []
    with transaction.atomic(using=using):
        for path in shipped_paths(data_dir):
            release = shipped_read(path)
            rows = ProtocolVersion.objects.using(using)
            stored = rows.filter(code=release.code, version=release.version).values_list("sha256", flat=True).first()
            if stored is None:
                created.append(
                    rows.create(
                        code=release.code,
                        version=release.version,
                        title=release.title,
                        definition=release.definition,
                        care=release.care,
                        sha256=release.sha256,
                    )
                )
            elif stored != release.sha256:
                raise ProtocolReleaseChanged(
                    f"{path}: {release.code} {release.version} differs from the stored release "
                    f"(sha256 {stored[:12]}… vs {release.sha256[:12]}…). Released versions never change: "
                    "publish a new version."
                )
    return created


def release_digest(code: OuterRef, version: OuterRef) -> Subquery:
    """The stored digest of the release a row names, for a read to carry it (see release_get's `digest`)."""
    return Subquery(ProtocolVersion.objects.filter(code=code, version=version).values("sha256")[:1])


def release_get(code: str, version: str, digest: str | None = None) -> Release:
    """Return one released version's knowledge and words exactly as stored; cached per (code, version, sha256).

    One query per call (the digest), so a request that needs both the protocol and its words asks once; none
    when the caller read the stored digest already, in the same query as its own row (release_digest).
    """
    rows = ProtocolVersion.objects.filter(code=code, version=version)
    if digest is None:
        digest = rows.values_list("sha256", flat=True).first()
    if digest is None:
        raise ProtocolNotFound(f"No released protocol {code} {version}.")
    key = (code, version, digest)
    if key not in _cache:
        definition, care = rows.values_list("definition", "care").get()
        protocol = protocol_from_mapping(definition, origin=f"ProtocolVersion {code} {version}")
        _cache[key] = Release(protocol, labels_for(protocol, care))
    return _cache[key]


def protocol_get(code: str, version: str) -> Protocol:
    """Return the knowledge of one released version exactly as stored."""
    return release_get(code, version).protocol


def protocol_labels(code: str, version: str) -> Labels:
    """Return the words for one stored release's regions, symptoms, sides and results (one source for words).

    1.1.0+ carry them in the release; 1.0.0 exams still read with the words of 1.0.0's own care file.
    """
    return release_get(code, version).labels


def protocol_current(code: str = DEFAULT_CODE) -> Protocol:
    """Return the latest released version of a protocol (highest semantic version, not latest loaded)."""
    return protocol_get(code, version_current(code))


def version_current(code: str) -> str:
    """Return the highest released semantic version of a protocol."""
    versions = list(ProtocolVersion.objects.filter(code=code).values_list("version", flat=True))
    if not versions:
        raise ProtocolNotFound(f"No released protocol {code}.")
    return max(versions, key=semver_key)


def semver_key(version: str) -> tuple[int, ...]:
    """Order versions numerically, so 1.10.0 comes after 1.9.0."""
    return tuple(int(part) for part in version.split("."))


def releases_list() -> list[dict[str, Any]]:
    """List every released version, newest first within each code, marking each code's current one."""
    rows: list[dict[str, Any]] = [dict(r) for r in ProtocolVersion.objects.values("code", "version", "title")]
    rows.sort(key=lambda r: (r["code"], [-n for n in semver_key(r["version"])]))
    seen: set[str] = set()
    for row in rows:
        row["current"] = row["code"] not in seen
        seen.add(row["code"])
    return rows

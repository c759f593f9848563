"""Release 1.0.0 stays byte-identical (issue 12): exams pinned to it are re-read with exactly what they were
recorded under, and the registry refuses a stored release whose file changed. These are its released digests."""

import hashlib

import pytest

from tests.protocols.releases import LEGACY

RELEASED = {
    "1.0.0.yaml": "09ea5d813367f6bb3ce1985ca86ff7349f44b27b3dd4f8854796edf77d8fb8a4",
    "1.0.0.care.yaml": "ac7297262facd84196f4dea7ba0103896b53a56871d4c5ba01559524f5d8cfe2",
}


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_the_first_release_files_never_change(name):
    digest = hashlib.sha256(LEGACY.with_name(name).read_bytes()).hexdigest()
    assert digest == RELEASED[name], f"{name} changed: new knowledge goes into a new version file"

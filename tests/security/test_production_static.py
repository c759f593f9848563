"""Public pages under production's hashed static files (ManifestStaticFilesStorage, strict): no 500.

A probe of the production server found `/sw.js` answering 500: the worker's config asked for `static("")`,
which a strict manifest refuses (no entry for the empty name), so tablets could never install the worker.
The manifest written here lists just the files these pages name, hashed as collectstatic would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client, override_settings

from pwa import shell

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def _hashed(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.0123456789ab{dot}{suffix}"


@pytest.fixture
def hashed_static(tmp_path: Path):
    paths = {name: _hashed(name) for name in shell.SHELL_STATIC}
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1", "hash": "x"}))
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE, DEBUG=False):
        yield paths


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/sw.js", "/manifest.webmanifest", "/offline/"])
def test_public_shell_pages_answer_under_hashed_static_names(client: Client, hashed_static, url):
    response = client.get(url)

    assert response.status_code == 200


@pytest.mark.django_db
def test_service_worker_caches_the_hashed_shell(client: Client, hashed_static):
    body = client.get("/sw.js").content.decode()

    assert "/static/" + hashed_static["js/app.js"] in body
    assert '/static/js/app.js"' not in body

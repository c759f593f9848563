"""The app shell the service worker keeps for offline use, and a version derived from its content.

The version is a digest of every shell file (and of the worker's own template), so any deploy that changes a
static file changes `/sw.js` byte for byte, which is what makes browsers install the new worker.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

# Static files every exam screen needs offline (htmx is the copy django-htmx ships).
SHELL_STATIC = (
    "css/base.css",
    "css/exam.css",
    "js/tap-store.js",
    "js/app.js",
    "js/exam-queue.js",
    "js/exam.js",
    "django_htmx/htmx-2.min.js",
    "img/favicon.svg",
    "img/icon-192.png",
    "img/icon-512.png",
    "img/icon-maskable-512.png",
)
WORKER_TEMPLATE = Path(settings.BASE_DIR) / "templates" / "pwa" / "sw.js"


def shell_urls() -> list[str]:
    """The URLs the worker caches at install: static files (hashed names in production) and the offline page."""
    return [static(name) for name in SHELL_STATIC] + [reverse("pwa:offline"), reverse("pwa:manifest")]


def shell_version() -> str:
    """A short digest of the shell's content and URLs: a changed file or a new hashed name gives a new worker."""
    digest = hashlib.sha256()
    for name in SHELL_STATIC:
        path = finders.find(name)
        digest.update(name.encode())
        if isinstance(path, str):
            digest.update(Path(path).read_bytes())
    digest.update(WORKER_TEMPLATE.read_bytes())
    digest.update("\n".join(shell_urls()).encode())
    return digest.hexdigest()[:12]

"""Manifest, service worker and offline page: public (no patient data), so an expired session can still load them."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pwa import shell

APP_NAME = "Buttock-pain exam"
THEME = "#0b4f6c"


@login_not_required
@require_GET
@cache_control(public=True, max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: what the tablet needs to install the app on its home screen."""
    icons = [
        {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {"src": static("img/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
    ]
    body = {
        "id": "/",
        "name": APP_NAME,
        "short_name": "Exam",
        "description": "Guided buttock-pain examination and working diagnosis for physiotherapists.",
        "lang": "en-GB",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": icons,
    }
    return JsonResponse(body, content_type="application/manifest+json")


@login_not_required
@require_GET
@cache_control(public=True, no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """Serve the worker from the site root, so its scope is the whole app; never let a cache keep an old one."""
    config = {
        "version": shell.shell_version(),
        "shell": shell.shell_urls(),
        "store": static("js/tap-store.js"),
        "offline": reverse("pwa:offline"),
        "login": reverse("login"),
    }
    response = render(
        request, "pwa/sw.js", {"config": json.dumps(config)}, content_type="application/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_GET
@cache_control(public=True, no_cache=True)
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the worker for a page that was never cached; it holds nothing about any patient."""
    return render(request, "pwa/offline.html", {"app_name": APP_NAME, "theme": THEME})

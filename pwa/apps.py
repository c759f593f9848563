from django.apps import AppConfig


class PwaConfig(AppConfig):
    """The installable shell: web app manifest, service worker and offline page (issue 14)."""

    name = "pwa"
    verbose_name = "Installable app and offline exam"

"""Test overrides: fast hashing and in-memory files; the database still follows DATABASE_URL."""

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
DEBUG = False
# Serve static files from the app folders (no collectstatic) for live_server browser tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

"""Production overlay: only what the environment cannot express. Must pass `check --deploy`."""

from config.settings.base import *  # noqa: F403
from config.settings.base import ALLOWED_HOSTS, SECRET_KEY, STORAGES
from core.env import EnvError, env_bool, env_int, env_str

DEBUG = env_bool("DEBUG", False)
if SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise EnvError("SECRET_KEY: set a random value of at least 50 characters in production.")
if not ALLOWED_HOSTS:
    raise EnvError("ALLOWED_HOSTS: list the host names this server answers to.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("SMTP_HOST", "localhost"),
            "port": env_int("SMTP_PORT", 587),
            "username": env_str("SMTP_USER", ""),
            "password": env_str("SMTP_PASSWORD", ""),
            "use_tls": env_bool("SMTP_TLS", True),
            "timeout": 20,
        },
    }
}

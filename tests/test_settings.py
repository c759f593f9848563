"""Settings read from the environment: each case imports a fresh settings module in its own interpreter."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The subprocess must see only what each test sets, not the test run's own settings or a CI database.
# DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests (Playwright) and must not leak into a deploy check.
CLEARED = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "DB_POOL_MAX",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
PRINT_DATABASES = "import json; from config.settings import base; print(json.dumps(base.DATABASES['default']))"


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if key not in CLEARED}
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def _production_env(**overrides: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(45),  # 60 random characters
        "ALLOWED_HOSTS": "exam.example.org",
        **overrides,
    }


def test_default_database_is_sqlite():
    result = _run(["-c", PRINT_DATABASES])

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ENGINE"] == "django.db.backends.sqlite3"


def test_database_url_switches_to_postgresql_with_a_pool():
    result = _run(["-c", PRINT_DATABASES], DATABASE_URL="postgres://u:p@h:5432/db", DB_POOL_MAX="7")

    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["HOST"], database["PORT"]) == ("db", "u", "h", 5432)
    assert database["OPTIONS"]["pool"]["max_size"] == 7
    assert database["CONN_MAX_AGE"] == 0  # the pool replaces persistent connections


@pytest.mark.parametrize("value", ["yes", "no", "maybe"])
def test_ambiguous_debug_value_fails_loudly(value):
    result = _run(["-c", "import config.settings.base"], DEBUG=value)

    assert result.returncode != 0
    assert "EnvError" in result.stderr
    assert f"DEBUG={value!r}" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **_production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_secret_key():
    env = _production_env()
    del env["SECRET_KEY"]

    result = _run(["manage.py", "check"], **env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _run(["manage.py", "check"], **_production_env(SECRET_KEY="too-short"))

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_empty_allowed_hosts():
    result = _run(["manage.py", "check"], **_production_env(ALLOWED_HOSTS=""))

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_is_not_in_debug_by_default():
    code = "from config.settings import production; print(production.DEBUG, production.SESSION_COOKIE_SECURE)"

    result = _run(["-c", code], **_production_env())

    assert result.stdout.split() == ["False", "True"]

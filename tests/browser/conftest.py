"""Real Chromium (Debian's package) driven by Playwright at a tablet viewport; never `playwright install`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django's ORM must still be usable in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # iPad-class portrait viewport with touch; tests resize to 1024x768 for landscape.
    return {**browser_context_args, "viewport": {"width": 820, "height": 1180}, "has_touch": True}


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under artefacts/screenshots/ for a person to look at."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = ARTEFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take

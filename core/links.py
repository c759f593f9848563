"""URLs for the links a page repeats many times, reversed once per process for each distinct set of arguments.

An exam screen names the same few views for every step, suggestion and control (about twenty reverses per
tap, each a few dozen microseconds: a tenth of the tap's own cost, issue 19). A reverse depends only on the
URLconf, the script prefix and its arguments, so the cache keys on all three: every process returns exactly
what `reverse` would, and nothing about a request or a user is kept.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=16384)
def _reversed(urlconf: str | None, prefix: str, name: str, args: tuple[int | str, ...]) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def link(name: str, *args: int | str) -> str:
    """`reverse(name, args=args)` from the per-process cache (positional arguments only, as the screens use)."""
    return _reversed(get_urlconf(), get_script_prefix(), name, args)

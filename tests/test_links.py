"""The cached link is what `reverse` gives, under whatever script prefix the request runs (core/links.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import get_script_prefix, reverse, set_script_prefix

from core.links import link


@pytest.fixture
def prefix_restored() -> Iterator[None]:
    before = get_script_prefix()
    yield
    set_script_prefix(before)


def test_link_is_the_reverse_of_its_arguments() -> None:
    assert link("exams:exam-step", 7, "sij_provocation") == reverse("exams:exam-step", args=[7, "sij_provocation"])
    assert link("exams:exam-step", 8, "sij_provocation") != link("exams:exam-step", 7, "sij_provocation")


@pytest.mark.usefixtures("prefix_restored")
def test_a_link_follows_the_script_prefix_of_the_request() -> None:
    link("exams:finding-record", 3)  # cached under the default prefix first
    set_script_prefix("/clinic-app/")
    assert link("exams:finding-record", 3) == "/clinic-app/exams/3/findings/"

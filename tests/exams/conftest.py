"""Exam fixtures: the shipped protocol stored, and an exam of clinic A's patient with its URL helpers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ExamFactory, FindingFactory


@pytest.fixture(autouse=True)
def protocols_loaded(protocol):
    """Every exam test needs the shipped release stored."""


@pytest.fixture
def exam(patient, clinician):
    return ExamFactory(patient=patient, clinician=clinician, affected_side="left", current_step="red_flags")


def exam_url(name: str, exam, *args) -> str:
    return reverse(f"exams:{name}", args=[exam.pk, *args])


def htmx_post(client, url: str, data: dict):
    """Post as exam.js does: an htmx request answered with fragments."""
    return client.post(url, data, HTTP_HX_REQUEST="true")


def answered_elsewhere(exam) -> None:
    """Another tablet stored FAIR left as negative (version 2) after this one drew its page at version 1."""
    FindingFactory(exam=exam, maneuver="fair", side="left", result="negative", familiar_pain=None, revision=2)
    exam.version = 2
    exam.save()

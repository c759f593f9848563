"""Fixtures for the document tests: a completed exam (the released protocol comes from tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.reports.scenarios import exam_completed


@pytest.fixture
def completed_exam(protocol, patient, clinician):
    """Jane Doe's completed exam pointing to piriformis entrapment."""
    return exam_completed(patient, clinician, "piriformis_syndrome")

from django.urls import reverse

from reports.context import document_context_build
from reports.pdf import document_render
from reports.services import document_generate


def test_rendering_makes_no_queries(completed_exam, django_assert_num_queries):
    context = document_context_build(exam=completed_exam, kind="referral_letter")

    with django_assert_num_queries(0):
        document_render(context)


def test_context_query_count_is_fixed(completed_exam, clinician, django_assert_num_queries):
    document_context_build(exam=completed_exam, kind="referral_letter")  # warm the per-release caches

    # exam with clinic, patient, clinician and signer; protocol digest; care digest with content; red-flag
    # answers; pain regions; symptoms; findings; addenda with authors
    with django_assert_num_queries(8):
        document_context_build(exam=completed_exam, kind="referral_letter")


def test_documents_panel_query_count_does_not_grow_with_documents(
    client_clinician, completed_exam, clinician, django_assert_num_queries
):
    url = reverse("reports:exam-documents", args=[completed_exam.pk])
    for _ in range(3):
        document_generate(exam=completed_exam, kind="treatment_plan", user=clinician)
    client_clinician.get(url)  # warm the per-release caches

    # session, user, membership (middleware); exam; documents with their authors; their deliveries; protocol
    # digest; care digest and content; present red flags; open jobs; the audit event (the exam's patient is
    # remembered from the warm-up)
    with django_assert_num_queries(11):
        response = client_clinician.get(url)

    assert response.content.decode().count("<td>Treatment plan v") == 3

from django.urls import path

from reports import api

urlpatterns = [
    path("exams/<int:exam_id>/documents", api.DocumentCreateApi.as_view(), name="exam-document-api-create"),
    path("document-jobs/<int:pk>", api.DocumentJobApi.as_view(), name="document-job-api-detail"),
    path("document-jobs/<int:pk>/retry", api.DocumentJobRetryApi.as_view(), name="document-job-api-retry"),
    path("documents/<int:pk>", api.DocumentDetailApi.as_view(), name="document-api-detail"),
    path("documents/<int:pk>/pdf", api.DocumentPdfApi.as_view(), name="document-api-pdf"),
]

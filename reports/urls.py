from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("exams/<int:exam_id>/documents/", views.exam_documents_panel, name="exam-documents"),
    path("exams/<int:exam_id>/<slug:kind>/", views.document_create, name="document-create"),
    path("jobs/<int:pk>/", views.job_detail, name="job-detail"),
    path("jobs/<int:pk>/retry/", views.job_retry_view, name="job-retry"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("documents/<int:pk>/send/", views.document_send, name="document-send"),
    path("deliveries/<int:pk>/retry/", views.delivery_retry_view, name="delivery-retry"),
    path("safety-net-card.pdf", views.safety_net_card, name="safety-net-card"),
]

from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("exams/<int:exam_id>/documents/", views.exam_documents_panel, name="exam-documents"),
    path("exams/<int:exam_id>/<slug:kind>/", views.document_create, name="document-create"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("safety-net-card.pdf", views.safety_net_card, name="safety-net-card"),
]

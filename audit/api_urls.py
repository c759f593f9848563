from django.urls import path

from audit.api import AuditEventListApi

urlpatterns = [
    path("audit-events", AuditEventListApi.as_view(), name="audit-event-api-list"),
]

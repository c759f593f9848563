"""The stateless assessment endpoint, mounted under /api/v1/ by config/urls.py."""

from django.urls import path

from protocols.api_assess import AssessView

urlpatterns = [
    path("assess", AssessView.as_view(), name="assess"),
]

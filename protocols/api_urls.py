"""The protocols API, mounted under /api/v1/ by config/urls.py: the releases, and the stateless assessment."""

from django.urls import path

from protocols.api import ProtocolDetailView, ProtocolListView
from protocols.api_assess import AssessView

app_name = "protocols"
urlpatterns = [
    path("protocols/", ProtocolListView.as_view(), name="protocol-list"),
    path("protocols/<slug:code>/", ProtocolDetailView.as_view(), name="protocol-detail"),
    path("assess", AssessView.as_view(), name="assess"),
]

from django.urls import path

from protocols.api import ProtocolDetailView, ProtocolListView

app_name = "protocols"
urlpatterns = [
    path("protocols/", ProtocolListView.as_view(), name="protocol-list"),
    path("protocols/<slug:code>/", ProtocolDetailView.as_view(), name="protocol-detail"),
]

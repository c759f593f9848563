"""Project URL map: HTML pages per app, the REST API under /api/v1/, and its OpenAPI schema."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from clinics.access import clinic_not_required
from clinics.home import home
from core.api_fallback import api_not_found
from security.api import TokenRevokeView, TokenView

api_v1: list[URLPattern | URLResolver] = [
    path("auth/token", TokenView.as_view(), name="auth-token"),
    path("auth/token/revoke", TokenRevokeView.as_view(), name="auth-token-revoke"),
    path("", include("patients.api_urls")),
    path("", include("exams.api_urls")),
    path("", include("reports.api_urls")),
    path("", include("protocols.api_urls")),
    path("", include("audit.api_urls")),
    path("", include("fhir_export.api_urls")),
]

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", clinic_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path("", include("clinics.passwords")),
    path("", include("clinics.urls")),
    path("patients/", include("patients.urls")),
    path("exams/", include("exams.urls")),
    path("reports/", include("reports.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("audit/", include("audit.urls")),
    path("account/security/", include("security.urls")),
    path("records/", include("retention.urls")),
    path("admin/", admin.site.urls),
    path("", include("pwa.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # People reading the docs sign in through the usual page and come back (next=); tools use /api/schema/.
    path("api/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="api-docs"),
    re_path(r"^api/(?P<rest>(?s:.*))$", api_not_found, name="api-not-found"),  # last: JSON 404 for any other /api/ path
]
handler500 = "core.api_fallback.server_error"

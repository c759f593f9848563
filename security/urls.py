from django.urls import path

from security import views, views_two_factor

app_name = "security"
urlpatterns = [
    path("", views.my_security, name="my-security"),
    path("sign-out-everywhere/", views.my_sign_out_everywhere, name="sign-out-everywhere"),
    path("members/<int:pk>/", views.member_security, name="member-security"),
    path("members/<int:pk>/unlock/", views.member_unlock_view, name="member-unlock"),
    path("members/<int:pk>/revoke-tokens/", views.member_tokens_revoke, name="member-tokens-revoke"),
    path(
        "members/<int:pk>/reset-two-factor/", views_two_factor.member_two_factor_reset, name="member-two-factor-reset"
    ),
    path("two-factor/", views_two_factor.two_factor_verify, name="two-factor-verify"),
    path("two-factor/setup/", views_two_factor.two_factor_setup, name="two-factor-setup"),
    path("two-factor/recovery-codes/", views_two_factor.recovery_codes_view, name="recovery-codes"),
    path("session/", views_two_factor.session_status, name="session-status"),
]

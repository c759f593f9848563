from django.urls import path

from security import views

app_name = "security"
urlpatterns = [
    path("", views.my_security, name="my-security"),
    path("sign-out-everywhere/", views.my_sign_out_everywhere, name="sign-out-everywhere"),
    path("members/<int:pk>/", views.member_security, name="member-security"),
    path("members/<int:pk>/unlock/", views.member_unlock_view, name="member-unlock"),
    path("members/<int:pk>/revoke-tokens/", views.member_tokens_revoke, name="member-tokens-revoke"),
]

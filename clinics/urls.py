from django.urls import path

from clinics import views

app_name = "clinics"
urlpatterns = [
    path("team/", views.member_list, name="member-list"),
    path("team/add/", views.member_add, name="member-add"),
    path("team/<int:pk>/", views.member_edit, name="member-edit"),
    path("team/<int:pk>/active/", views.member_active_set, name="member-active"),
    path("team/<int:pk>/invite/", views.member_invite, name="member-invite"),
    path("clinic/settings/", views.clinic_settings, name="settings"),
]

from django.urls import path

from dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("exams/", views.exam_list, name="exam-list"),
    path("export.csv", views.export_csv, name="export"),
    path("exams/<int:pk>/referral-made/", views.referral_made, name="referral-made"),
]

from django.urls import path

from retention import views

app_name = "retention"
urlpatterns = [
    path("<int:pk>/export/", views.export, name="patient-export"),
    path("<int:pk>/archive/", views.archive, name="patient-archive"),
    path("<int:pk>/restore/", views.restore, name="patient-restore"),
]

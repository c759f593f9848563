from django.urls import path

from patients.api import PatientCollectionApi, PatientItemApi

urlpatterns = [
    path("patients/", PatientCollectionApi.as_view(), name="patient-api-list"),
    path("patients/<int:pk>/", PatientItemApi.as_view(), name="patient-api-detail"),
]

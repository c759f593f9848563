from django.urls import path

from exams.api.answers import AffectedSideApi, FindingApi, PainRegionApi, RedFlagApi, SymptomApi
from exams.api.exams import AddendumApi, ExamCollectionApi, ExamCompleteApi, ExamCosignApi, ExamItemApi, ExamSignApi

urlpatterns = [
    path("exams/", ExamCollectionApi.as_view(), name="exam-api-list"),
    path("exams/<int:pk>/", ExamItemApi.as_view(), name="exam-api-detail"),
    path("exams/<int:pk>/findings", FindingApi.as_view(), name="exam-api-findings"),
    path("exams/<int:pk>/red-flags", RedFlagApi.as_view(), name="exam-api-red-flags"),
    path("exams/<int:pk>/pain-regions", PainRegionApi.as_view(), name="exam-api-pain-regions"),
    path("exams/<int:pk>/symptoms", SymptomApi.as_view(), name="exam-api-symptoms"),
    path("exams/<int:pk>/affected-side", AffectedSideApi.as_view(), name="exam-api-affected-side"),
    path("exams/<int:pk>/complete", ExamCompleteApi.as_view(), name="exam-api-complete"),
    path("exams/<int:pk>/sign", ExamSignApi.as_view(), name="exam-api-sign"),
    path("exams/<int:pk>/cosign", ExamCosignApi.as_view(), name="exam-api-cosign"),
    path("exams/<int:pk>/addenda", AddendumApi.as_view(), name="exam-api-addenda"),
]

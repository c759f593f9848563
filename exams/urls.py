from django.urls import path

from exams import views

app_name = "exams"
urlpatterns = [
    path("start/<int:patient_pk>/", views.exam_start, name="exam-start"),
    path("<int:pk>/", views.exam_detail, name="exam-detail"),
    path("<int:pk>/step/<slug:step>/", views.exam_step, name="exam-step"),
    path("<int:pk>/red-flags/", views.red_flag_record, name="red-flag-record"),
    path("<int:pk>/pain-regions/", views.pain_region_set, name="pain-region-set"),
    path("<int:pk>/symptoms/", views.symptom_set, name="symptom-set"),
    path("<int:pk>/affected-side/", views.affected_side_set, name="affected-side-set"),
    path("<int:pk>/findings/", views.finding_record, name="finding-record"),
    path("<int:pk>/complete/", views.exam_complete, name="exam-complete"),
    path("<int:pk>/sign/", views.exam_sign, name="exam-sign"),
    path("<int:pk>/cosign/", views.exam_cosign, name="exam-cosign"),
    path("<int:pk>/addenda/", views.addendum_add, name="addendum-add"),
]

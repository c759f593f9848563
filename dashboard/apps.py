from django.apps import AppConfig


class DashboardConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboard"
    verbose_name = "Clinic lead's dashboard"

    def ready(self) -> None:
        """Keep the daily counts and red-flag marks in step: each stage and flag the services write, each erasure."""
        from django.db.models.signals import pre_delete

        from dashboard.counts import exam_erased, exam_progressed
        from dashboard.red_flags import exam_red_flagged
        from exams.models import Exam
        from exams.signals import exam_progressed as progressed
        from exams.signals import exam_red_flagged as red_flagged

        progressed.connect(exam_progressed, sender=Exam, dispatch_uid="dashboard-daily-counts")
        red_flagged.connect(exam_red_flagged, sender=Exam, dispatch_uid="dashboard-red-flag-exams")
        pre_delete.connect(exam_erased, sender=Exam, dispatch_uid="dashboard-daily-counts-erased")

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboard"
    verbose_name = "Clinic lead's dashboard"

    def ready(self) -> None:
        """Keep the daily counts in step with the exams: each stage the services write, and each erasure."""
        from django.db.models.signals import pre_delete

        from dashboard.counts import exam_erased, exam_progressed
        from exams.models import Exam
        from exams.signals import exam_progressed as progressed

        progressed.connect(exam_progressed, sender=Exam, dispatch_uid="dashboard-daily-counts")
        pre_delete.connect(exam_erased, sender=Exam, dispatch_uid="dashboard-daily-counts-erased")

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboard"
    verbose_name = "Clinic lead's dashboard"

    def ready(self) -> None:
        """Keep the daily counts and red-flag marks in step: each stage, flag, letter and referral stored; erasures."""
        from django.db.models.signals import post_save, pre_delete

        from dashboard.counts import exam_erased, exam_progressed
        from dashboard.models import ReferralMade
        from dashboard.red_flags import exam_red_flagged, letter_stored, referral_stored
        from exams.models import Exam
        from exams.signals import exam_progressed as progressed
        from exams.signals import exam_red_flagged as red_flagged
        from reports.models import GeneratedDocument

        progressed.connect(exam_progressed, sender=Exam, dispatch_uid="dashboard-daily-counts")
        red_flagged.connect(exam_red_flagged, sender=Exam, dispatch_uid="dashboard-red-flag-exams")
        pre_delete.connect(exam_erased, sender=Exam, dispatch_uid="dashboard-daily-counts-erased")
        post_save.connect(letter_stored, sender=GeneratedDocument, dispatch_uid="dashboard-red-flag-letter")
        post_save.connect(referral_stored, sender=ReferralMade, dispatch_uid="dashboard-red-flag-referral")

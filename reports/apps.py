from django.apps import AppConfig
from django.core import checks


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Letters and plans"

    def ready(self) -> None:
        from reports.checks import letter_care_check

        checks.register(letter_care_check)

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "Sign-in security"

    def ready(self) -> None:
        from security import signals

        signals.connect()

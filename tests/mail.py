"""Mail backends for tests: a mail server that refuses every message, as a down or misconfigured one does."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

REFUSING = {"default": {"BACKEND": "tests.mail.RefusingBackend"}}


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise ConnectionRefusedError("the mail server refused the connection")

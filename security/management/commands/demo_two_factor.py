"""Development only: give the demo logins that must use two-factor a known authenticator, and print codes.

`make run` calls this after seed_demo. The secrets are fixed and printed, which is only acceptable for the
demo data on a developer's machine: the command refuses to run with DEBUG off, and touches only the demo
usernames. `manage.py demo_two_factor --code lead` prints the current 6-digit code at any time.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.two_factor import AUTHENTICATOR, two_factor_required

DEMO_USERNAMES = ("lead", "clinician", "clinician2", "hilltop", "admin")


def demo_key(username: str) -> bytes:
    """A fixed 20-byte secret per demo login, so an authenticator app set up once keeps working."""
    return hashlib.sha256(f"buttock-exam demo two-factor {username}".encode()).digest()[:20]


class Command(BaseCommand):
    help = "Development only: known authenticator secrets for the demo logins that require two-factor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", metavar="USERNAME", help="Print the current code of one demo login.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_two_factor runs only with DEBUG=1 (known secrets are for demo data only).")
        if options["code"]:
            if options["code"] not in DEMO_USERNAMES:
                raise CommandError(f"Not a demo login: {options['code']}")
            self.stdout.write(f"{totp(demo_key(options['code'])):06d}")
            return
        lines = ["", "Two-factor for the demo logins that require it (clinic lead, site operator):"]
        for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES).order_by("username"):
            if not two_factor_required(user):
                continue
            key = demo_key(user.username)
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, key=key.hex(), confirmed=True)
            if bytes(device.bin_key) != key:
                lines.append(f"  {user.username:<12} has its own authenticator (left unchanged)")
                continue
            secret = base64.b32encode(key).decode().rstrip("=")
            lines.append(f"  {user.username:<12} authenticator key {secret}  (current code {totp(key):06d})")
        lines.append("  Current code at any time: .venv/bin/python manage.py demo_two_factor --code lead")
        self.stdout.write("\n".join(lines) + "\n")

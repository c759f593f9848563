"""Issuing, checking and revoking device tokens (DRF authentication `Token <key>`, as before).

The key is 40 random hex characters shown once; only its SHA-256 is stored. A new token for the same user
and device revokes the old one, so each device holds at most one live token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from audit.models import Action
from audit.services import event_record
from security.models import DeviceToken

DEVICE_DEFAULT = "api"
LAST_USED_EVERY = dt.timedelta(minutes=1)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_issue(*, user: Any, device: str = DEVICE_DEFAULT, session_key: str = "") -> tuple[str, DeviceToken]:
    """Return a new key and its row; the device's previous token stops working."""
    now = timezone.now()
    device = device.strip()[:100] or DEVICE_DEFAULT
    live_tokens(user).filter(device=device).update(revoked_at=now)
    key = secrets.token_hex(20)
    token = DeviceToken.objects.create(
        user=user,
        device=device,
        digest=_digest(key),
        prefix=key[:8],
        session_key=session_key or "",
        created_at=now,
        expires_at=now + dt.timedelta(hours=settings.API_TOKEN_HOURS),
    )
    event_record(Action.TOKEN_CREATE, "token", token.pk, user=user, detail=device)
    return key, token


def live_tokens(user: Any) -> QuerySet[DeviceToken]:
    return DeviceToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())


def tokens_revoke(tokens: QuerySet[DeviceToken], *, reason: str) -> int:
    """Revoke the given live tokens; each revocation is audited with its reason."""
    now = timezone.now()
    revoked = 0
    for token in tokens.filter(revoked_at__isnull=True).select_related("user"):
        DeviceToken.objects.filter(pk=token.pk).update(revoked_at=now)
        event_record(Action.TOKEN_REVOKE, "token", token.pk, detail=f"{token.device}: {reason}")
        revoked += 1
    return revoked


class DeviceTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`; refuses revoked and expired tokens with the same message."""

    def authenticate_credentials(self, key: str) -> tuple[Any, DeviceToken]:
        now = timezone.now()
        token = (
            DeviceToken.objects.select_related("user")
            .filter(digest=_digest(key), revoked_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if token is None or not token.user.is_active:
            raise AuthenticationFailed("Invalid, expired or revoked token.")
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            DeviceToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

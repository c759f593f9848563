"""Ending sessions: this device's sign-out revokes the token it asked for; "everywhere" ends them all."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

from security.models import DeviceToken
from security.tokens import live_tokens, tokens_revoke


def session_tokens_revoke(*, user: Any, session_key: str | None) -> int:
    if not session_key:
        return 0
    return tokens_revoke(live_tokens(user).filter(session_key=session_key), reason="web sign-out")


def sign_out_everywhere(*, user: Any) -> tuple[int, int]:
    """Delete every live session of the user and revoke every token; returns (sessions, tokens)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            session.delete()
            ended += 1
    return ended, tokens_revoke(DeviceToken.objects.filter(user=user), reason="signed out everywhere")

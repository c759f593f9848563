"""A web sign-out also revokes the API token that session asked for (the offline app's device token)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_out


def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from security.sessions import session_tokens_revoke

    if user is not None and request is not None and hasattr(request, "session"):
        session_tokens_revoke(user=user, session_key=request.session.session_key)


def connect() -> None:
    user_logged_out.connect(_signed_out, dispatch_uid="security-sign-out-tokens")

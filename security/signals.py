"""A web sign-out also revokes the API token that session asked for (the offline app's device token)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out


def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from security.sessions import session_tokens_revoke

    if user is not None and request is not None and hasattr(request, "session"):
        session_tokens_revoke(user=user, session_key=request.session.session_key)


def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Start both session clocks at sign-in: idle (last seen) and absolute (signed in at)."""
    import time

    from security.middleware import CLEARED_UNTIL, LAST_SEEN, RECHECK_EVERY, SIGNED_IN_AT
    from security.two_factor import has_two_factor, two_factor_required

    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LAST_SEEN] = now
        request.session[SIGNED_IN_AT] = now
        if not two_factor_required(user) and not has_two_factor(user):
            request.session[CLEARED_UNTIL] = now + RECHECK_EVERY  # saved with the sign-in, not by the next tap


def connect() -> None:
    user_logged_out.connect(_signed_out, dispatch_uid="security-sign-out-tokens")
    user_logged_in.connect(_signed_in, dispatch_uid="security-sign-in-clocks")

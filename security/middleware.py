"""Two-factor gate and idle logoff, for every signed-in request, in one place.

TwoFactorMiddleware: a signed-in user who has an authenticator must enter a code before anything else; one
who must have one (lead, operator, or a clinic that requires it) is sent to set it up first. The API answers
403 in JSON instead of redirecting.

IdleTimeoutMiddleware: a session unused for IDLE_TIMEOUT_MINUTES, or older than SESSION_MAX_HOURS, is signed
out; the next page asks to sign in again and returns to where the user was.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from security.two_factor import has_two_factor, two_factor_required

OPEN_VIEWS = {
    "security:two-factor-verify",
    "security:two-factor-setup",
    "logout",
    "login",
    "admin:logout",
    "security:session-status",
}
LAST_SEEN = "security_last_seen"
TOUCH_EVERY = 30
CLEARED_UNTIL = "security_two_factor_cleared_until"
RECHECK_EVERY = 60
SIGNED_IN_AT = "security_signed_in_at"


def _view_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def _refuse(request: HttpRequest, view: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "two_factor_required"}, status=403)
    return redirect(f"{reverse(view)}?{urlencode({'next': request.get_full_path()})}")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._gate(request)
        return refusal or self.get_response(request)

    def _gate(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        verified = getattr(user, "is_verified", lambda: False)()
        if not user.is_authenticated or verified or self._recently_cleared(request):
            return None
        if _view_name(request) in OPEN_VIEWS:
            return None
        if has_two_factor(user):
            return _refuse(request, "security:two-factor-verify", "Enter your two-factor code first.")
        if two_factor_required(user):
            return _refuse(request, "security:two-factor-setup", "Set up two-factor sign-in first.")
        request.session[CLEARED_UNTIL] = time.time() + RECHECK_EVERY
        return None

    @staticmethod
    def _recently_cleared(request: HttpRequest) -> bool:
        """A user found to need no code is re-checked once a minute, not on every tap (two queries saved)."""
        session = getattr(request, "session", None)
        return session is not None and session.get(CLEARED_UNTIL, 0) > time.time()


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            session = request.session
            last_seen = session.get(LAST_SEEN, now)
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            idle = now - last_seen > settings.IDLE_TIMEOUT_MINUTES * 60
            too_old = now - signed_in_at > settings.SESSION_MAX_HOURS * 3600
            if idle or too_old:
                return _signed_out(request, "idle" if idle else "expired")
            is_check = _view_name(request) == "security:session-status" and request.method == "GET"
            # The warning's own check is not activity; others refresh the mark at most every half minute, so
            # a run of taps does not rewrite the session on every request.
            if not is_check and (LAST_SEEN not in session or now - last_seen > TOUCH_EVERY):
                session[LAST_SEEN] = now
        return self.get_response(request)


def _signed_out(request: HttpRequest, reason: str) -> HttpResponse:
    logout(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Your session ended; sign in again.", "code": "signed_out"}, status=401)
    query = urlencode({"next": request.get_full_path(), "ended": reason})
    response: HttpResponse = redirect(f"{reverse('login')}?{query}")
    if getattr(request, "htmx", False):  # a background swap must not land the sign-in page inside a fragment
        response = HttpResponse(status=204)
        response["HX-Redirect"] = f"{reverse('login')}?{urlencode({'ended': reason})}"
    return response

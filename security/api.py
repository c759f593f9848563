"""Token sign-in for integrators and devices: one expiring token per device, revocable by its holder.

POST /api/v1/auth/token {"username", "password", "device"?, "otp"?} answers {"token", "expires", "device"}; the
lockout (django-axes, via the AxesMiddleware) answers 429 once an account or an address failed too often.
POST /api/v1/auth/token/revoke with the token revokes it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY, authenticate
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from audit.models import Action
from audit.services import event_record
from clinics.access import membership_for
from clinics.permissions import CHANGE_DUE
from security.models import DeviceToken
from security.tokens import DEVICE_DEFAULT, DeviceTokenAuthentication, token_issue, tokens_revoke
from security.two_factor import token_code_check

REFUSED = "Unable to sign in with the provided credentials."


class TokenThrottle(AnonRateThrottle):
    rate = "20/min"


class TokenInput(serializers.Serializer[dict[str, Any]]):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})
    device = serializers.CharField(max_length=100, required=False, default=DEVICE_DEFAULT)
    otp = serializers.CharField(
        max_length=20, required=False, default="", help_text="Two-factor code, for accounts that have it."
    )


class TokenView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]

    @extend_schema(
        request=TokenInput,
        responses={
            200: inline_serializer(
                "TokenOut",
                {
                    "token": serializers.CharField(),
                    "expires": serializers.DateTimeField(),
                    "device": serializers.CharField(),
                },
            ),
            400: inline_serializer(
                "TokenError",
                {
                    name: serializers.ListField(child=serializers.CharField(), required=False)
                    for name in ("non_field_errors", "username", "password", "otp", "device")
                },
            ),
            429: inline_serializer("LockedOut", {"detail": serializers.CharField()}),
        },
        examples=[
            OpenApiExample(
                "Sign in", value={"username": "lead", "password": "secret", "device": "Tablet 3"}, request_only=True
            )
        ],
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        # The plain HttpRequest, so django-axes marks the lockout where its middleware looks for it.
        http_request = request._request
        user = authenticate(
            http_request, username=data.validated_data["username"], password=data.validated_data["password"]
        )
        if user is None:
            return Response({"non_field_errors": [REFUSED]}, status=status.HTTP_400_BAD_REQUEST)
        membership = membership_for(user)
        if membership is not None and membership.password_change_required:
            return Response({"password": [CHANGE_DUE]}, status=status.HTTP_400_BAD_REQUEST)
        otp_problem = token_code_check(http_request, user, data.validated_data["otp"])
        if otp_problem:
            return Response({"otp": [otp_problem]}, status=status.HTTP_400_BAD_REQUEST)
        key, token = token_issue(
            user=user, device=data.validated_data["device"], session_key=_session_of(http_request, user)
        )
        event_record(Action.SIGN_IN, request=http_request, user=user, detail=f"token for {token.device}")
        return Response({"token": key, "expires": token.expires_at, "device": token.device})


def _session_of(request: Any, user: Any) -> str:
    """The caller's web session when it belongs to the same user (the offline app asking for its token)."""
    session = getattr(request, "session", None)
    if session is None or session.get(SESSION_KEY) != str(user.pk):
        return ""
    return str(session.session_key or "")


class TokenRevokeView(APIView):
    """Revoke the token this request is authenticated with (a device signing out)."""

    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        token = request.auth
        if isinstance(token, DeviceToken):
            tokens_revoke(DeviceToken.objects.filter(pk=token.pk), reason="signed out")
        return Response(status=status.HTTP_204_NO_CONTENT)

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.selectors import offices_with_hierarchy
from common.auth import lockout_message


class TokenObtainView(ObtainAuthToken):
    """Exchange a username and password for the API token (the 1912 system's credential)."""

    permission_classes = [AllowAny]
    # DRF's view names its own parsers; ours refuse deep nesting and NUL characters.
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
    serializer_class = AuthTokenSerializer
    # Password guessing is slowed per client address (LOGIN_RATE, default 10/min).
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        operation_id="auth_token_create",
        request=AuthTokenSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
        examples=[
            OpenApiExample(
                "Call-centre login",
                value={"username": "callcentre1912", "password": "…"},
                request_only=True,
            ),
            OpenApiExample(
                "Token",
                value={"token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"},
                response_only=True,
            ),
        ],
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except serializers.ValidationError:
            # django-axes marks the request when the username or address is locked out:
            # then even the right password gets no token.
            if getattr(request, "axes_locked_out", False):
                return Response(
                    {"detail": lockout_message(), "code": "locked_out"},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            raise


class OfficeSerializer(serializers.Serializer):
    contact_id = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    area = serializers.CharField()
    division = serializers.CharField(source="division.name")
    circle = serializers.CharField(source="division.circle.name")


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    designation = serializers.CharField()
    designation_label = serializers.CharField()
    offices = OfficeSerializer(many=True)


class MeView(APIView):
    """Who the caller is and which offices are in their scope."""

    @extend_schema(responses=MeSerializer, tags=["auth"])
    def get(self, request):
        user = request.user
        me = {
            "username": user.username,
            "full_name": user.get_full_name(),
            "designation": user.designation,
            "designation_label": user.get_designation_display(),
            "offices": offices_with_hierarchy(user),
        }
        return Response(MeSerializer(me).data)

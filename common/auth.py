"""The lockout check in the authentication chain."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, applied where a lockout means something: a login over HTTP.
    Code that authenticates without a request (the test client's `login`, a shell) is
    no password guesser on the network and has no address to count."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_message() -> str:
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return ngettext(
        "Too many failed attempts. Wait %(minutes)s minute and try again.",
        "Too many failed attempts. Wait %(minutes)s minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out login page answers (django-axes' AXES_LOCKOUT_CALLABLE)."""
    return render(request, "common/lockout.html", {"message": lockout_message()}, status=429)


def client_address(request) -> str | None:
    """The address a lockout counts (django-axes' AXES_CLIENT_IP_CALLABLE). Behind the
    TLS proxy (SECURE_PROXY_SSL_HEADER on) every request comes from the proxy, so the
    client is the last X-Forwarded-For entry, the one the proxy itself appended; entries
    before it are whatever the client chose to send."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from common.errors import error_page


class HindiFirstLocaleMiddleware(LocaleMiddleware):
    """Nivaran is Hindi first: a visitor who has not switched languages gets LANGUAGE_CODE
    whatever the browser asks for (office browsers mostly ask for English). The switch
    sets the language cookie, and signed-in staff get their own choice
    (accounts.middleware). API clients (the 1912 system) still get the language they
    ask for in Accept-Language."""

    api_prefix = "/api/"

    def process_request(self, request):
        if request.path_info.startswith(self.api_prefix):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class DebugErrorPagesMiddleware:
    """With DEBUG on (`make run`), pages not found or refused look as they do in
    production (templates/404.html, 403.html) instead of Django's technical page.
    Server errors keep the technical page: that is what debugging needs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No view matched the address: Django answered with its technical 404.
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return error_page(request, 404)
        return response

    def process_exception(self, request, exception):
        if not settings.DEBUG:
            return None
        if isinstance(exception, Http404):
            return error_page(request, 404)
        if isinstance(exception, PermissionDenied):
            return error_page(request, 403)
        return None

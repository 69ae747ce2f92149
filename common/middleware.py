"""Requests carrying what no view can store are refused before any view runs.

PostgreSQL text cannot hold a NUL byte: a NUL reaching a query raises inside the driver
and the caller sees a 500. No honest client sends one, so it is answered here: in the
path a 404 (no such page can exist), in the query string or a form body a 400. JSON
bodies are checked by `common.parsers.SafeJSONParser` (a NUL there is a JSON escape)
and file uploads are binary by nature, so neither is scanned here.
"""

from django.http import HttpResponseBadRequest, HttpResponseNotFound
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(query_dict) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in query_dict.lists())


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            return HttpResponseNotFound(_("Not found."))
        if _has_nul(request.GET) or self._body_has_nul(request):
            return HttpResponseBadRequest(_("The request contains a NUL character."))
        return self.get_response(request)

    @staticmethod
    def _body_has_nul(request) -> bool:
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            # Form fields only: uploaded files stay out of request.POST.
            return request.method == "POST" and _has_nul(request.POST)
        return False

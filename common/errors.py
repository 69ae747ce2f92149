"""The error pages (templates/403.html, 404.html, 500.html) in the site's frame."""

from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def error_page(request, status: int, template_name: str = "") -> HttpResponse:
    body = loader.render_to_string(template_name or f"{status}.html", request=request)
    return HttpResponse(body, status=status)


@requires_csrf_token
def csrf_failure(request, reason="", template_name="403_csrf.html"):
    """A refused form (a page left open too long, cookies off) explained in the page's
    language, with the site's frame, instead of Django's English page."""
    return error_page(request, 403, template_name)

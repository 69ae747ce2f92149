from django.conf import settings
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


@require_POST
def language_switch(request):
    """Django's set_language (cookie and safe redirect), remembered on the user too, so
    that their next session and the notices mailed to them use the same language."""
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES):
        user.language = language
        user.save(update_fields=["language"])
    return set_language(request)


class StaffLoginView(LoginView):
    """Django's login, slowed for guessers: after LOGIN_FAILURES_ALLOWED failures for one
    username from one address, that pair waits LOGIN_LOCKOUT_SECONDS."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def _failures_key(self) -> str:
        username = self.request.POST.get("username", "").strip().lower()
        return f"login-failures:{self.request.META.get('REMOTE_ADDR', '')}:{username}"

    def post(self, request, *args, **kwargs):
        if cache.get(self._failures_key(), 0) >= settings.LOGIN_FAILURES_ALLOWED:
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _("Too many failed attempts. Wait %(minutes)s minutes and try again.")
                % {"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        key = self._failures_key()
        cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        cache.incr(key)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(self._failures_key())
        # A language picked on the login page becomes the person's own choice.
        response = super().form_valid(form)
        chosen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = form.get_user()
        if chosen in dict(settings.LANGUAGES) and chosen != user.language:
            user.language = chosen
            user.save(update_fields=["language"])
        return response

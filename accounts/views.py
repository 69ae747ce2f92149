from django.conf import settings
from django.contrib.auth.views import LoginView
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
    """Django's login. Guessers are locked out by django-axes (settings: AXES_*), which
    guards /admin/login/ and the API token the same way."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        # A language picked on the login page becomes the person's own choice.
        response = super().form_valid(form)
        chosen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = form.get_user()
        if chosen in dict(settings.LANGUAGES) and chosen != user.language:
            user.language = chosen
            user.save(update_fields=["language"])
        return response

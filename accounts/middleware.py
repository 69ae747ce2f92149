from django.utils import translation


class UserLanguageMiddleware:
    """Signed-in staff see Nivaran in the language they chose, whatever their browser
    sends; most office browsers say English while the staff read Hindi first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)

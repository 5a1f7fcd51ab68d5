"""Request middleware of our own."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the user has chosen another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a
    coordinator with an English browser would get English. Synergi is Danish
    first: only the choice made with the language switch (the cookie
    `set_language` sets) changes the language.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

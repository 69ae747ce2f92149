from django.conf import settings


def company(request) -> dict:
    """The company's name in both languages, for the note-sheet and the receipt."""
    return {"discom_name": settings.DISCOM_NAME, "discom_name_hi": settings.DISCOM_NAME_HI}

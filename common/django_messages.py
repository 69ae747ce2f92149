"""Messages of Django and of the libraries Nivaran uses, declared again here so that
`make makemessages` puts them in the project catalogue (locale/hi), which LOCALE_PATHS
ranks above every app's own: where their Hindi is wrong ("यह क्षेत्र अपेक्षित हैं",
"नवमबर", "बढाएं"), clashes with Nivaran's terms ("प्रयोक्ता नाम व कूटशब्द" against the
form's "उपयोगकर्ता नाम / पासवर्ड"), or is missing (the admin's "View site", Celery
beat's "Periodic Tasks"), the project's translation is the one shown.

Nothing calls these: the msgids must equal the libraries' own, character for character
(tests/i18n checks that each one is still a message of Django or the library)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

# Month names: Nivaran writes them in full (common/formats.py), with its own spelling.
MONTHS = [
    _("January"), _("February"), _("March"), _("April"), _("May"), _("June"), _("July"),
    _("August"), _("September"), _("October"), _("November"), _("December"),
]  # fmt: skip
# Django's short forms ("M", "N" and "E" date formats), spelled out the same way, so a
# date never shows "नव" or "दिस्".
MONTHS_SHORT = [
    _("jan"), _("feb"), _("mar"), _("apr"), _("may"), _("jun"), _("jul"), _("aug"),
    _("sep"), _("oct"), _("nov"), _("dec"),
]  # fmt: skip
MONTHS_ABBREVIATED = [
    pgettext_lazy("abbrev. month", "Jan."), pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"), pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"), pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"), pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."), pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."), pgettext_lazy("abbrev. month", "Dec."),
]  # fmt: skip
MONTHS_ALTERNATIVE = [
    pgettext_lazy("alt. month", "January"), pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"), pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"), pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"), pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"), pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"), pgettext_lazy("alt. month", "December"),
]  # fmt: skip

# Form errors (django/forms, django/core/validators).
FORMS = [
    _("This field is required."),
    _("Enter a number."),
    _("Enter a whole number."),
    _("Enter a valid date."),
    _("Enter a valid value."),
    _("Enter a valid email address."),
    _("Select a valid choice. That choice is not one of the available choices."),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("The submitted file is empty."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "max",
    ),
    _("Yes"),
    _("No"),
    _("Unknown"),
]

# Log-in and users (django/contrib/auth), in the log-in page's own words.
AUTH = [
    _(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
    _("This account is inactive."),
    _("username"),
    _("Password"),
    _("Authentication and Authorization"),
    _("group"),
    _("groups"),
    _("user"),
    _("users"),
    _("Personal info"),
    _("Permissions"),
    _("Important dates"),
]

# Django admin: the words on every page, the index, lists and forms.
ADMIN = [
    _("Administration"),
    _("View site"),
    _("Recent actions"),
    _("My actions"),
    _("None available"),
    _("View"),
    _("Add"),
    _("Change"),
    _("Delete"),
    _("Add %s"),
    _("Add %(name)s"),
    _("View %s"),
    _("Select %s to view"),
    _("Select %s to change"),
    _("Filter"),
    _("Go"),
    _("Action:"),
    _("Show counts"),
    _("Hide counts"),
    _("Clear all filters"),
    _("Toggle navigation"),
    _("Start typing to filter…"),
    _("Save and view"),
    _("Close"),
    _("Summary"),
    _("%(app)s administration"),
    _("Models in the %(name)s application"),
    _("You don’t have permission to view or edit anything."),  # noqa: RUF001 (as Django spells it)
    _("Please correct the error below."),
    _("Please correct the errors below."),
    _("Change selected %(model)s"),
    _("Add another %(model)s"),
    _("Delete selected %(model)s"),
    _("View selected %(model)s"),
]

# django-celery-beat (no Hindi of its own) and the API token app, as the admin lists them.
LIBRARIES = [
    _("Periodic Tasks"),
    _("periodic task"),
    _("periodic tasks"),
    _("clocked"),
    _("crontab"),
    _("crontabs"),
    _("interval"),
    _("intervals"),
    _("solar event"),
    _("solar events"),
    _("Auth Token"),
    _("Token"),
    _("Tokens"),
]

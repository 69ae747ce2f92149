"""Field rules shared by the intake form, the API serializer and the model."""

import re
import unicodedata
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

url_safe_number = RegexValidator(
    r"^[A-Za-z0-9-]+$", _("A complaint number has only letters, digits and hyphens.")
)


def ascii_digits(raw: str) -> str:
    """Devanagari (or any) decimal digits as ASCII: '३४१२' -> '3412'."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in raw or "")


def normalize_consumer_number(raw: str) -> str:
    return re.sub(r"[\s-]", "", ascii_digits(raw))


def validate_consumer_number(value: str) -> None:
    low, high = settings.CONSUMER_NUMBER_MIN_LENGTH, settings.CONSUMER_NUMBER_MAX_LENGTH
    if not re.fullmatch(r"[0-9]+", value) or not low <= len(value) <= high:
        raise ValidationError(
            _("A consumer (IVRS) number is %(low)s to %(high)s digits."),
            code="consumer_number",
            params={"low": low, "high": high},
        )


def validate_call_centre_number(value: str) -> None:
    if not re.fullmatch(settings.COMPLAINT_NUMBER_PATTERN, value):
        raise ValidationError(
            _("This is not a 1912 complaint number (expected pattern: %(pattern)s)."),
            code="complaint_number",
            params={"pattern": settings.COMPLAINT_NUMBER_PATTERN},
        )


MOBILE_RE = re.compile(r"^[6-9][0-9]{9}$")
# No bill in this system is older than the DISCOMs themselves (2002).
FIRST_BILL_YEAR = 2000


def normalize_mobile(raw: str) -> str:
    """'+91 98270-12345', '09827012345' and '9827012345' all become '9827012345'."""
    digits = re.sub(r"[\s-]", "", ascii_digits(raw))
    for prefix in ("+91", "91", "0"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 10:
            return digits[len(prefix) :]
    return digits


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.match(value):
        raise ValidationError(
            _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9."),
            code="mobile",
        )


def current_month() -> date:
    today = timezone.localdate()
    return today.replace(day=1)


def parse_bill_month(raw: str) -> date:
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", ascii_digits(raw).strip())
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < FIRST_BILL_YEAR:
        raise ValidationError(_("Enter the bill month as YYYY-MM."), code="bill_month")
    return date(int(match[1]), int(match[2]), 1)


def validate_bill_month(value: date) -> None:
    if value.day != 1:
        raise ValidationError(_("A bill month is stored as its first day."), code="bill_month")
    if value > current_month():
        raise ValidationError(_("The bill month cannot be in the future."), code="bill_month")

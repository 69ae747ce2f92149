"""The organisation (circle, division, office) and the staff who work in it.

Scope is held by django-guardian object permissions on `Office`, granted to one
group per office contact ID; a user's posting decides which of those groups they
belong to (see `accounts.services`). Nothing is ever granted per complaint row.
"""

from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class BilingualName(models.Model):
    """A place name kept in English and, where known, in Devanagari."""

    name = models.CharField(_("name"), max_length=120)
    name_hi = models.CharField(_("name in Hindi"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_hi and (get_language() or "").startswith("hi"):
            return self.name_hi
        return self.name


class Circle(BilingualName):
    class Kind(models.TextChoices):
        CITY = "city", _("City")
        OM = "om", _("O&M")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)

    class Meta:
        verbose_name = _("circle")
        verbose_name_plural = _("circles")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="circle_name_unique")]


class Division(BilingualName):
    circle = models.ForeignKey(
        Circle, on_delete=models.PROTECT, related_name="divisions", verbose_name=_("circle")
    )

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="division_name_unique")]


contact_id_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{2,23}$",
    _(
        "A contact ID is 3 to 24 capital letters, digits or hyphens, "
        "starting with a letter or digit."
    ),
)


class Office(BilingualName):
    """A zone (urban) or distribution centre (rural): the unit a contact ID names."""

    class Kind(models.TextChoices):
        ZONE = "zone", _("Zone")
        DC = "dc", _("Distribution centre")

    class Area(models.TextChoices):
        URBAN = "urban", _("Urban")
        RURAL = "rural", _("Rural")

    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="offices", verbose_name=_("division")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    area = models.CharField(_("area"), max_length=8, choices=Area.choices)
    contact_id = models.CharField(
        _("contact ID"), max_length=24, unique=True, validators=[contact_id_validator]
    )
    # The one group that holds this office's object permissions; kept by services.
    group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="office",
    )

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["contact_id"]
        permissions = [("access_office", _("Can work with the office's records"))]

    def __str__(self) -> str:
        return f"{self.contact_id} · {self.display_name}"


class OfficeUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Office, on_delete=models.CASCADE)


class OfficeGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Office, on_delete=models.CASCADE)


class Designation(models.TextChoices):
    NONE = "", _("No designation")
    OFFICE_ASSISTANT = "office_assistant", _("Office assistant")
    ASSISTANT_MANAGER = "assistant_manager", _("Assistant manager")
    MANAGER = "manager", _("Manager")
    DGM = "dgm", _("Deputy general manager")
    GM = "gm", _("General manager")
    DESK = "desk", _("Contact-ID desk login")
    CALL_CENTRE = "call_centre", _("1912 call centre")
    ADMIN = "admin", _("Administrator")


# Where each designation is posted. The database constraint on User mirrors this.
OFFICE_POSTED = (
    Designation.OFFICE_ASSISTANT,
    Designation.ASSISTANT_MANAGER,
    Designation.MANAGER,
    Designation.DESK,
)
DIVISION_POSTED = (Designation.DGM,)
CIRCLE_POSTED = (Designation.GM,)
UNPOSTED = (Designation.NONE, Designation.CALL_CENTRE, Designation.ADMIN)


def posting_errors(
    *,
    designation: str,
    office: "Office | None",
    division: "Division | None",
    circle: "Circle | None",
) -> dict[str, str]:
    """Field errors for a posting that does not fit the designation (empty when it fits)."""
    required = {
        **dict.fromkeys(OFFICE_POSTED, "office"),
        **dict.fromkeys(DIVISION_POSTED, "division"),
        **dict.fromkeys(CIRCLE_POSTED, "circle"),
    }.get(designation)
    given = {"office": office, "division": division, "circle": circle}
    errors = {}
    for field, value in given.items():
        if field == required and value is None:
            errors[field] = _("This designation is posted to a %(place)s; choose one.") % {
                "place": PLACE_NAMES[field]
            }
        elif field != required and value is not None:
            errors[field] = _("This designation is not posted to a %(place)s; leave it empty.") % {
                "place": PLACE_NAMES[field]
            }
    return errors


PLACE_NAMES = {"office": _("office"), "division": _("division"), "circle": _("circle")}


class User(AbstractUser):
    designation = models.CharField(
        _("designation"), max_length=24, choices=Designation.choices, blank=True, default=""
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("office"),
    )
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("division"),
    )
    circle = models.ForeignKey(
        Circle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("circle"),
    )
    employee_number = models.CharField(_("employee number"), max_length=20, blank=True)
    mobile = models.CharField(_("mobile"), max_length=13, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("hi", _("Hindi")), ("en", _("English"))],
        default="hi",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_posting_matches_designation",
                condition=(
                    Q(
                        designation__in=OFFICE_POSTED,
                        office__isnull=False,
                        division__isnull=True,
                        circle__isnull=True,
                    )
                    | Q(
                        designation__in=DIVISION_POSTED,
                        office__isnull=True,
                        division__isnull=False,
                        circle__isnull=True,
                    )
                    | Q(
                        designation__in=CIRCLE_POSTED,
                        office__isnull=True,
                        division__isnull=True,
                        circle__isnull=False,
                    )
                    | Q(
                        designation__in=UNPOSTED,
                        office__isnull=True,
                        division__isnull=True,
                        circle__isnull=True,
                    )
                ),
            ),
            # One shared desk login per contact ID.
            models.UniqueConstraint(
                fields=["office"],
                condition=Q(designation=Designation.DESK),
                name="one_desk_login_per_office",
            ),
            models.UniqueConstraint(
                fields=["employee_number"],
                condition=~Q(employee_number=""),
                name="employee_number_unique",
            ),
        ]

    @property
    def is_desk_login(self) -> bool:
        return self.designation == Designation.DESK

    @property
    def posting(self) -> Office | Division | Circle | None:
        return self.office or self.division or self.circle

    def clean(self) -> None:
        super().clean()
        errors = posting_errors(
            designation=self.designation,
            office=self.office,
            division=self.division,
            circle=self.circle,
        )
        if errors:
            raise ValidationError(errors)


class PostingRecord(models.Model):
    """Append-only: one row each time a user's designation or posting takes effect."""

    # PROTECT: the history outlives nothing it records (a trigger refuses deletes anyway).
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="posting_records", verbose_name=_("user")
    )
    designation = models.CharField(
        _("designation"), max_length=24, choices=Designation.choices, blank=True
    )
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    circle = models.ForeignKey(
        Circle, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("from"), auto_now_add=True, db_index=True)
    recorded_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("posting record")
        verbose_name_plural = _("posting records")
        ordering = ["user", "-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_designation_display()} · {self.started_at:%Y-%m-%d}"

"""Remarks on a decision: one length limit, one cleaning rule, one form and API field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

REMARKS_MAX_LENGTH = 1000


def clean_remarks(remarks: str, *, required: bool) -> str:
    remarks = (remarks or "").strip()
    if required and not remarks:
        raise ValidationError({"remarks": _("Remarks are required for this action.")})
    if len(remarks) > REMARKS_MAX_LENGTH:
        raise ValidationError({"remarks": _("Remarks can be at most 1000 characters.")})
    return remarks


def remarks_form_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Remarks"),
        max_length=REMARKS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def remarks_input() -> serializers.CharField:
    return serializers.CharField(max_length=REMARKS_MAX_LENGTH, required=False, allow_blank=True)

"""Rupees and paise: the one ceiling, and the model, form and API fields that keep it."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MAX_AMOUNT = Decimal("100000000.00")  # ten crore rupees

amount_validators = [
    MinValueValidator(Decimal("0"), _("An amount cannot be negative.")),
    MaxValueValidator(MAX_AMOUNT, _("An amount cannot be more than ₹10 crore.")),
]


def money_field(verbose_name, *, optional: bool = True) -> models.DecimalField:
    """Rupees and paise within the ten-crore ceiling."""
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        null=optional,
        blank=optional,
        validators=amount_validators,
    )


class MoneyField(forms.DecimalField):
    """Accepts what people type: '₹1,23,456.50' as well as '123456.5' (so a text box:
    a number box would refuse the grouping commas)."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", amount_validators)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "placeholder": "0.00"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace("₹", "").strip()
        return super().to_python(value)


def money_input(label, *, required: bool = False) -> serializers.DecimalField:
    """Rupees and paise as a string or number, 0 to ₹10 crore."""
    return serializers.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=MAX_AMOUNT,
        required=required,
        allow_null=not required,
    )


def indian_grouping(whole: str) -> str:
    """'12345678' -> '1,23,45,678': the last three digits, then pairs."""
    if len(whole) <= 3:
        return whole
    head, tail = whole[:-3], whole[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail]) if head else ",".join([*pairs, tail])


def format_rupees(value) -> str:
    """₹1,23,456.78 — Indian digit grouping, always two paise digits."""
    if value is None or value == "":
        return "—"
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, paise = f"{abs(amount):.2f}".split(".")
    return f"{sign}₹{indian_grouping(whole)}.{paise}"

"""Inputs of the reports and of the public status page."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.validators import normalize_consumer_number

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DEFAULT_PERIOD_DAYS = 30
# Reports need real calendar days; the edges of the calendar would overflow a midnight.
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


class PeriodForm(forms.Form):
    """`?from=YYYY-MM-DD&to=YYYY-MM-DD`, both days included; the last 30 days if absent."""

    def __init__(self, data=None, **kwargs):
        today = timezone.localdate()
        data = data.copy() if data is not None else {}
        data.setdefault("to", today.isoformat())
        if not data.get("from"):
            data["from"] = (today - timedelta(days=DEFAULT_PERIOD_DAYS - 1)).isoformat()
        if not data.get("to"):
            data["to"] = today.isoformat()
        super().__init__(data, **kwargs)
        self.fields["from"] = forms.DateField(label=_("From"), widget=DATE)
        self.fields["to"] = forms.DateField(label=_("To"), widget=DATE)

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end:
            if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
                raise forms.ValidationError(_("Choose dates between 2000 and 2099."))
            if start > end:
                raise forms.ValidationError(_("The period must start on or before its end."))
        return data


class StatusLookupForm(forms.Form):
    complaint_number = forms.CharField(
        label=_("Complaint number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    consumer_number = forms.CharField(
        label=_("Consumer number (IVRS)"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_complaint_number(self) -> str:
        return self.cleaned_data["complaint_number"].strip().upper()

    def clean_consumer_number(self) -> str:
        return normalize_consumer_number(self.cleaned_data["consumer_number"])

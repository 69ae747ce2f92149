from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.forms import FirstErrorOnlyMixin
from complaints import validators as v
from complaints.models import Category, Complaint
from complaints.selectors import intake_offices_for

ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class MobileField(forms.CharField):
    def to_python(self, value):
        return v.normalize_mobile(super().to_python(value))


class ConsumerNumberField(forms.CharField):
    def to_python(self, value):
        return v.normalize_consumer_number(super().to_python(value))


class BillMonthField(forms.DateField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})
    default_validators = [v.validate_bill_month]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return v.parse_bill_month(str(value))

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if hasattr(value, "strftime") else value


class MoneyField(forms.DecimalField):
    """Accepts what people type: '₹1,23,456.50' as well as '123456.5' (so a text box:
    a number box would refuse the grouping commas)."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", v.amount_validators)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "placeholder": "0.00"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace("₹", "").strip()
        return super().to_python(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_FILES}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > settings.ATTACHMENTS_PER_UPLOAD:
            raise forms.ValidationError(
                _("Attach at most %(n)s files at a time."),
                params={"n": settings.ATTACHMENTS_PER_UPLOAD},
            )
        return [super(AttachmentsField, self).clean(f, initial) for f in files]


class ComplaintIntakeForm(FirstErrorOnlyMixin, forms.ModelForm):
    consumer_number = ConsumerNumberField(
        label=_("Consumer number (IVRS)"),
        max_length=20,
        validators=[v.validate_consumer_number],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    mobile = MobileField(
        label=_("Mobile"),
        max_length=20,
        validators=[v.validate_mobile],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    bill_month = BillMonthField(label=_("Bill month"), required=False)
    billed_amount = MoneyField(label=_("Billed amount (₹)"))
    amount_deposited = MoneyField(label=_("Amount deposited under protest (₹)"))
    attachments = AttachmentsField(
        label=_("Attachments"), help_text=_("PDF, JPEG or PNG; up to 5 MB each.")
    )
    separate_complaint = forms.BooleanField(
        label=_("This is a separate complaint, not the open one shown above"), required=False
    )

    class Meta:
        model = Complaint
        fields = [
            "office",
            "consumer_number",
            "consumer_name",
            "mobile",
            "address",
            "category",
            "bill_month",
            "billed_amount",
            "amount_deposited",
            "description",
            "operator_name",
            "operator_employee_number",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "address": forms.TextInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        offices = intake_offices_for(user).select_related("division")
        self.fields["office"].queryset = offices
        self.fields["office"].empty_label = None
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        self.fields["category"].empty_label = _("— choose —")
        if user.is_desk_login:
            for name in ("operator_name", "operator_employee_number"):
                self.fields[name].required = True
        else:
            del self.fields["operator_name"]
            del self.fields["operator_employee_number"]


class SettleForm(forms.Form):
    remarks = forms.CharField(
        label=_("Remarks"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seen_status = forms.ChoiceField(choices=Complaint.Status.choices, widget=forms.HiddenInput)


class AttachmentForm(forms.Form):
    attachments = AttachmentsField(label=_("Add attachments"), required=True)

from django import forms
from django.utils.translation import gettext_lazy as _

from billing.models import BillCorrection, Reason, Recommendation, State
from billing.workflow import Step
from common.forms import FirstErrorOnlyMixin
from complaints.forms import BillMonthField, MoneyField


class CorrectionForm(FirstErrorOnlyMixin, forms.ModelForm):
    """Recording a correction, and editing it while it is at the assistant stage."""

    bill_month = BillMonthField(label=_("Bill month"))
    original_amount = MoneyField(label=_("Original bill amount (₹)"), required=True)
    corrected_amount = MoneyField(label=_("Corrected amount (₹)"), required=True)

    class Meta:
        model = BillCorrection
        fields = ["bill_month", "original_amount", "corrected_amount", "reason", "remarks"]
        widgets = {"remarks": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("— choose —")), *Reason.choices]


class StepForm(forms.Form):
    """The body of any step; each step's form shows the fields it records."""

    remarks = forms.CharField(
        label=_("Remarks"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=[("", _("— choose —")), *Recommendation.choices],
        required=False,
    )
    recommended_amount = MoneyField(label=_("Recommended amount (₹)"))
    approved_amount = MoneyField(label=_("Permitted amount (₹)"))
    revised_bill_reference = forms.CharField(
        label=_("Revised bill reference"), max_length=60, required=False
    )
    expected_state = forms.ChoiceField(choices=State.choices, widget=forms.HiddenInput)

    def __init__(self, *args, step: Step | None = None, **kwargs):
        """One form per step on the page: its own field ids, and the fields that step
        needs marked (and checked) as required. Without a step (not one the user may
        take) nothing is required here: the service answers why the step is refused."""
        if step is not None:
            kwargs.setdefault("auto_id", f"id_{step.name}_%s")
        super().__init__(*args, **kwargs)
        self.step = step
        if step is not None:
            self.fields["remarks"].required = step.remarks_required
            self.fields["recommendation"].required = step.name == "recommend"

    def body(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
        data.setdefault("remarks", "")
        return data

"""Two demo files in the chain, so every demo login has something in its inbox."""

from decimal import Decimal

from accounts.models import User
from billing.models import BillCorrection
from billing.services import correction_open, correction_transition
from complaints.models import Complaint


def seed_demo_corrections(demo: dict) -> int:
    if BillCorrection.objects.exists():
        return 0
    office = demo["offices"][0]
    staff = {key: User.objects.get(username=office[key]) for key in (
        "office_assistant", "assistant_manager", "manager")}  # fmt: skip
    dgm = User.objects.get(username=demo["divisions"][0]["dgm"])
    bill_complaints = Complaint.objects.filter(
        office__contact_id=office["contact_id"], category__is_bill=True, status="registered"
    ).order_by("created_at")[:2]
    created = 0
    for complaint, reach_gm in zip(bill_complaints, (True, False), strict=False):
        correction = correction_open(
            user=staff["office_assistant"],
            complaint=complaint,
            bill_month=complaint.bill_month,
            original_amount=complaint.billed_amount,
            corrected_amount=(complaint.billed_amount * Decimal("0.4")).quantize(Decimal("1")),
            reason="wrong_reading" if reach_gm else "assessed",
            remarks="मीटर रीडिंग पुस्तिका से मिलान किया गया।",
        )
        correction = correction_transition(
            correction=correction,
            user=staff["assistant_manager"],
            name="forward",
            remarks="सत्यापित, प्रबंधक को अग्रेषित।",
        )
        if reach_gm:
            correction = correction_transition(
                correction=correction, user=staff["manager"], name="forward",
                remarks="संभाग को परीक्षण हेतु।",
            )  # fmt: skip
            correction_transition(
                correction=correction,
                user=dgm,
                name="recommend",
                recommendation="for",
                recommended_amount=correction.corrected_amount,
                remarks="स्थल निरीक्षण में रीडिंग सही पाई गई; सुधार उचित है।",
            )
        created += 1
    return created

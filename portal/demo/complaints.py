"""A few complaints for the demo offices, so `make run` opens on a living list."""

from decimal import Decimal

from accounts.models import Office, User
from complaints.models import Category, Complaint
from complaints.services import Intake, complaint_register, complaint_settle
from complaints.validators import current_month

# (office contact ID, who enters it, category, consumer no., name, mobile, billed, deposited,
#  description)
DEMO_COMPLAINTS = [
    ("MHW-Z01", "call_centre", "excess_bill", "3412567890", "रामप्रसाद पटेल", "9827012345",
     "8450.00", "2000.00", "मीटर बंद होने पर भी औसत खपत से अधिक बिल आया।"),
    ("MHW-Z01", "office_assistant", "wrong_reading", "3412567001", "सुनीता यादव", "9425098765",
     "3120.00", None, "Reading 4821 on the bill, meter shows 4218."),
    ("MHW-Z01", "desk_login", "supply", "3412567002", "मोहन लाल", "7000012345",
     None, None, "रात में बार-बार बिजली जाती है।"),
    ("MNP-DC01", "office_assistant", "assessed_consumption", "4412000111", "गीता बाई", "8817012345",
     "5600.00", "1000.00", "Assessed billing for three months although the meter works."),
    ("DPL-Z01", "call_centre", "wrong_tariff", "5512000222", "Arvind Jain", "9893012345",
     "12950.50", None, "Domestic connection billed at non-domestic tariff."),
    ("GTM-DC01", "office_assistant", "meter", "6612000333", "कमला देवी", "6260012345",
     None, None, "मीटर जल गया है, बदलना है।"),
]  # fmt: skip


def seed_demo_complaints(demo: dict) -> int:
    """Register the demo complaints once; returns how many were created."""
    if Complaint.objects.exists():
        return 0
    offices = {o["contact_id"]: o for o in demo["offices"]}
    month = current_month()
    for (
        contact_id,
        who,
        category,
        consumer,
        name,
        mobile,
        billed,
        deposited,
        text,
    ) in DEMO_COMPLAINTS:
        row = offices[contact_id]
        username = demo["call_centre"] if who == "call_centre" else row[who]
        user = User.objects.get(username=username)
        complaint, _ = complaint_register(
            user=user,
            complaint_number=f"2611{consumer}" if who == "call_centre" else None,
            allow_duplicate=True,
            intake=Intake(
                office=Office.objects.get(contact_id=contact_id),
                consumer_number=consumer,
                consumer_name=name,
                mobile=mobile,
                category=Category.objects.get(code=category),
                description=text,
                bill_month=month if billed else None,
                billed_amount=Decimal(billed) if billed else None,
                amount_deposited=Decimal(deposited) if deposited else None,
                operator_name="सीमा जैन" if who == "desk_login" else "",
                operator_employee_number="MPW40117" if who == "desk_login" else "",
            ),
        )
        if category == "meter":
            complaint_settle(
                complaint=complaint,
                user=User.objects.get(username=row["manager"]),
                action="resolve",
                remarks="नया मीटर लगाया गया।",
            )
    return len(DEMO_COMPLAINTS)

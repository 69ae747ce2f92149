"""The complaints API: the 1912 call centre pushes complaints; staff read within scope."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from accounts.capabilities import Capability, capabilities_of
from common.exports import ExportListMixin
from common.money import money_input
from complaints import validators as v
from complaints.exports import complaint_columns
from complaints.filters import ComplaintFilter
from complaints.models import Complaint, ComplaintEvent
from complaints.reference import active_category, office_by_contact_id
from complaints.selectors import complaint_list
from complaints.services import (
    INTAKE_FIELDS,
    ComplaintNumberConflict,
    DuplicateComplaint,
    Intake,
    complaint_register,
)


@extend_schema_field(OpenApiTypes.STR)
class MobileField(serializers.CharField):
    def to_internal_value(self, data):
        return v.normalize_mobile(super().to_internal_value(data))


@extend_schema_field(OpenApiTypes.STR)
class ConsumerNumberField(serializers.CharField):
    def to_internal_value(self, data):
        return v.normalize_consumer_number(super().to_internal_value(data))


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2026-10"})
class BillMonthField(serializers.Field):
    default_error_messages = {"invalid": gettext_lazy("Enter the bill month as YYYY-MM.")}

    def to_internal_value(self, data):
        try:
            month = v.parse_bill_month(str(data))
            v.validate_bill_month(month)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        return month

    def to_representation(self, value):
        return value.strftime("%Y-%m")


@extend_schema_field(OpenApiTypes.STR)
class CachedSlugField(serializers.Field):
    """A reference row named by its slug, found in the reference cache, not the database
    (what SlugRelatedField would query on every request)."""

    default_error_messages = {
        "does_not_exist": gettext_lazy("Object with {slug_name}={value} does not exist."),
        "invalid": gettext_lazy("Invalid value."),
    }

    def __init__(self, lookup, *, slug_name: str, **kwargs):
        super().__init__(**kwargs)
        self.lookup = lookup
        self.slug_name = slug_name

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        found = self.lookup(data)
        if found is None:
            self.fail("does_not_exist", slug_name=self.slug_name, value=data)
        return found

    def to_representation(self, value):
        return getattr(value, self.slug_name)


class ComplaintCreateSerializer(serializers.Serializer):
    complaint_number = serializers.CharField(
        max_length=40,
        required=False,
        help_text=gettext_lazy(
            "The 1912 number. Required from the call centre; omitted by offices."
        ),
    )
    office = CachedSlugField(
        office_by_contact_id,
        slug_name="contact_id",
        help_text=gettext_lazy("The office's contact ID."),
    )
    consumer_number = ConsumerNumberField(max_length=20, validators=[v.validate_consumer_number])
    consumer_name = serializers.CharField(max_length=120)
    mobile = MobileField(max_length=20, validators=[v.validate_mobile])
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    category = CachedSlugField(active_category, slug_name="code")
    bill_month = BillMonthField(required=False, allow_null=True)
    billed_amount = money_input(gettext_lazy("Billed amount"))
    amount_deposited = money_input(gettext_lazy("Amount deposited under protest"))
    description = serializers.CharField(max_length=2000)
    operator_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    operator_employee_number = serializers.CharField(
        max_length=20, required=False, allow_blank=True
    )
    allow_duplicate = serializers.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "Register even though an open complaint exists for this consumer and bill month."
        ),
    )


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = ComplaintEvent
        fields = ["from_status", "to_status", "actor", "at", "remarks", "due_at"]


class ComplaintSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.contact_id")
    category = serializers.CharField(source="category.code")
    bill_month = BillMonthField(allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue")
    flagged_at = serializers.DateTimeField(
        source="overdue_flagged_at", read_only=True, allow_null=True
    )

    class Meta:
        model = Complaint
        fields = [
            "complaint_number",
            "status",
            "source",
            *INTAKE_FIELDS,
            "created_at",
            "due_at",
            "overdue",
            "flagged_at",
        ]


class ComplaintDetailSerializer(ComplaintSerializer):
    history = EventSerializer(source="events", many=True)

    class Meta(ComplaintSerializer.Meta):
        fields = [*ComplaintSerializer.Meta.fields, "history"]


CONFLICT = inline_serializer(
    "ComplaintConflict",
    {
        "detail": serializers.CharField(),
        "code": serializers.ChoiceField(choices=["duplicate", "number_conflict"]),
        "existing": serializers.ListField(child=serializers.CharField(), required=False),
        "complaint_number": serializers.CharField(required=False),
    },
)

CREATE_EXAMPLE = {
    "complaint_number": "2611260012345",
    "office": "MHW-Z01",
    "consumer_number": "3412567890",
    "consumer_name": "रामप्रसाद पटेल",
    "mobile": "+91 98270 12345",
    "address": "वार्ड 7, महू",
    "category": "excess_bill",
    "bill_month": "2026-10",
    "billed_amount": "8450.00",
    "amount_deposited": "2000.00",
    "description": "मीटर बंद होने पर भी औसत खपत से अधिक बिल।",
}


@extend_schema_view(
    list=extend_schema(
        summary="Complaints in your scope",
        description="Filter by status, office (contact ID), category (code), overdue, "
        "registration dates; `search` matches complaint no., consumer no., mobile or name. "
        "`format=csv` or `format=xlsx` downloads every matching row.",
    ),
    retrieve=extend_schema(
        summary="One complaint with its history",
        responses={
            200: ComplaintDetailSerializer,
            404: OpenApiResponse(description="Absent or outside your scope"),
        },
    ),
)
class ComplaintViewSet(
    ExportListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "complaint_number"
    lookup_value_regex = "[A-Za-z0-9-]+"
    filterset_class = ComplaintFilter
    serializer_class = ComplaintSerializer
    export_columns = staticmethod(complaint_columns)
    export_name = "complaints"

    def get_queryset(self):
        queryset = complaint_list(self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("events__actor")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ComplaintDetailSerializer
        if self.action == "create":
            return ComplaintCreateSerializer
        return ComplaintSerializer

    @extend_schema(
        summary="Register a complaint",
        request=ComplaintCreateSerializer,
        responses={
            201: ComplaintSerializer,
            200: OpenApiResponse(
                ComplaintSerializer, description="Identical replay of a 1912 number"
            ),
            400: OpenApiResponse(description="{field: [messages]}"),
            403: OpenApiResponse(description="Your designation cannot register complaints"),
            409: CONFLICT,
        },
        examples=[
            OpenApiExample("From 1912", value=CREATE_EXAMPLE, request_only=True),
            OpenApiExample(
                "Duplicate",
                value={
                    "detail": "An open complaint exists for this consumer and bill month.",
                    "code": "duplicate",
                    "existing": ["MHW-Z01-2026-000042"],
                },
                response_only=True,
                status_codes=["409"],
            ),
        ],
    )
    def create(self, request, *args, **kwargs):
        if Capability.REGISTER_COMPLAINT not in capabilities_of(request.user.designation):
            raise PermissionDenied
        incoming = ComplaintCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            complaint, created = complaint_register(
                user=request.user,
                intake=Intake.from_data(data),
                complaint_number=data.get("complaint_number"),
                allow_duplicate=data["allow_duplicate"],
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        except DuplicateComplaint as exc:
            return Response(
                {
                    "detail": _("An open complaint exists for this consumer and bill month."),
                    "code": "duplicate",
                    "existing": [c.complaint_number for c in exc.existing],
                },
                status=status.HTTP_409_CONFLICT,
            )
        except ComplaintNumberConflict as exc:
            return Response(
                {
                    "detail": _("This complaint number is already on record with other details."),
                    "code": "number_conflict",
                    "complaint_number": exc.complaint_number,
                },
                status=status.HTTP_409_CONFLICT,
            )
        body = ComplaintSerializer(complaint).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

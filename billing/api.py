"""The bill-correction API: open a correction, read it, take the chain's steps."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from billing.exports import correction_columns
from billing.filters import CorrectionFilter
from billing.models import BillCorrection, Reason, Recommendation, StageVisit, State
from billing.selectors import correction_list
from billing.services import (
    OpenCorrectionExists,
    TransitionUnavailable,
    available_transitions,
    correction_open,
    correction_transition,
)
from billing.workflow import TRANSITION_NAMES
from common.errors import StaleTransition
from common.exports import ExportListMixin
from common.money import money_input
from common.remarks import remarks_input
from complaints.api import BillMonthField
from complaints.selectors import complaints_for


class CorrectionCreateSerializer(serializers.Serializer):
    complaint_number = serializers.CharField(max_length=40)
    bill_month = BillMonthField()
    original_amount = money_input(_("Original amount"), required=True)
    corrected_amount = money_input(_("Corrected amount"), required=True)
    reason = serializers.ChoiceField(choices=Reason.choices)
    remarks = remarks_input()


class StageSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    overdue = serializers.BooleanField(source="is_overdue")

    class Meta:
        model = StageVisit
        fields = [
            "stage",
            "entered_at",
            "due_at",
            "left_at",
            "actor",
            "actor_designation",
            "action",
            "remarks",
            "details",
            "overdue",
            "flagged_at",
        ]


class CorrectionSerializer(serializers.ModelSerializer):
    complaint_number = serializers.CharField(source="complaint.complaint_number")
    office = serializers.CharField(source="complaint.office.contact_id")
    bill_month = BillMonthField()
    difference = serializers.DecimalField(max_digits=13, decimal_places=2)
    overdue = serializers.BooleanField(source="is_overdue")
    created_by = serializers.CharField(source="created_by.username")

    class Meta:
        model = BillCorrection
        fields = [
            "id",
            "complaint_number",
            "office",
            "state",
            "bill_month",
            "original_amount",
            "corrected_amount",
            "difference",
            "reason",
            "remarks",
            "recommendation",
            "recommended_amount",
            "approved_amount",
            "revised_bill_reference",
            "due_at",
            "overdue",
            "created_by",
            "created_at",
        ]


class CorrectionDetailSerializer(CorrectionSerializer):
    available_transitions = serializers.SerializerMethodField()
    stages = StageSerializer(many=True)

    class Meta(CorrectionSerializer.Meta):
        fields = [*CorrectionSerializer.Meta.fields, "available_transitions", "stages"]

    def get_available_transitions(self, correction) -> list[str]:
        return available_transitions(correction=correction, user=self.context["request"].user)


class StepSerializer(serializers.Serializer):
    remarks = remarks_input()
    recommendation = serializers.ChoiceField(choices=Recommendation.choices, required=False)
    recommended_amount = money_input(_("Recommended amount"))
    approved_amount = money_input(_("Permitted amount"))
    revised_bill_reference = serializers.CharField(max_length=60, required=False, allow_blank=True)
    expected_state = serializers.ChoiceField(
        choices=State.choices,
        required=False,
        help_text="The state you saw; if the file has moved since, the step is refused (409).",
    )


CONFLICT = inline_serializer(
    "CorrectionConflict",
    {
        "detail": serializers.CharField(),
        "code": serializers.ChoiceField(choices=["open_correction", "stale", "unavailable"]),
        "state": serializers.CharField(required=False),
        "id": serializers.IntegerField(required=False),
    },
)


def _conflict(detail: str, code: str, **extra) -> Response:
    return Response({"detail": detail, "code": code, **extra}, status=status.HTTP_409_CONFLICT)


@extend_schema_view(
    list=extend_schema(
        summary="Bill corrections in your scope",
        parameters=[
            OpenApiParameter("mine", bool, description="Only the files pending at your stage.")
        ],
        description="`format=csv` or `format=xlsx` downloads every matching row.",
    ),
    retrieve=extend_schema(
        summary="One correction with its stages and the steps you may take",
        responses={
            200: CorrectionDetailSerializer,
            404: OpenApiResponse(description="Absent or outside your scope"),
        },
    ),
)
class CorrectionViewSet(
    ExportListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = CorrectionFilter
    serializer_class = CorrectionSerializer
    export_columns = staticmethod(correction_columns)
    export_name = "corrections"

    def get_queryset(self):
        queryset = correction_list(self.request.user).select_related("created_by")
        if self.action in ("retrieve", "transition"):
            queryset = queryset.prefetch_related("stages__actor", "amendments")
        return queryset.order_by("due_at", "id") if self.action == "list" else queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return CorrectionDetailSerializer
        if self.action == "create":
            return CorrectionCreateSerializer
        if self.action == "transition":
            return StepSerializer
        return CorrectionSerializer

    @extend_schema(
        summary="Record a bill correction (assistant stage)",
        request=CorrectionCreateSerializer,
        responses={
            201: CorrectionDetailSerializer,
            400: OpenApiResponse(description="{field: [messages]}; not a bill complaint"),
            403: OpenApiResponse(description="Only the office assistant or assistant manager"),
            409: CONFLICT,
        },
        examples=[
            OpenApiExample(
                "Correction",
                value={
                    "complaint_number": "MHW-Z01-2026-000001",
                    "bill_month": "2026-10",
                    "original_amount": "8450.00",
                    "corrected_amount": "3120.00",
                    "reason": "wrong_reading",
                    "remarks": "Reading 4821 keyed for 4218.",
                },
                request_only=True,
            )
        ],
    )
    def create(self, request, *args, **kwargs):
        incoming = CorrectionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        number = data.pop("complaint_number")
        complaint = complaints_for(request.user).filter(complaint_number=number).first()
        if complaint is None:
            raise serializers.ValidationError(
                {"complaint_number": [_("No such complaint in your scope.")]}
            )
        try:
            correction = correction_open(user=request.user, complaint=complaint, **data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        except OpenCorrectionExists as exc:
            return _conflict(
                _("This complaint already has an open bill correction."),
                "open_correction",
                id=exc.correction.pk,
            )
        correction = self.get_queryset().get(pk=correction.pk)
        body = CorrectionDetailSerializer(correction, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Take a step: forward, return, recommend, approve, reject or apply",
        request=StepSerializer,
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH, enum=TRANSITION_NAMES)],
        responses={
            200: CorrectionDetailSerializer,
            400: OpenApiResponse(description="The body lacks what the step records"),
            403: OpenApiResponse(
                description="In scope, but not your stage, role, or maker = checker"
            ),
            404: OpenApiResponse(description="Absent or outside your scope; unknown step"),
            409: CONFLICT,
        },
        examples=[
            OpenApiExample(
                "DGM recommends",
                value={
                    "recommendation": "for",
                    "recommended_amount": "3120.00",
                    "remarks": "Reading verified on site; correction justified.",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Send back", value={"remarks": "Attach the meter photo."}, request_only=True
            ),
        ],
    )
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]+)")
    def transition(self, request, pk=None, name=None):
        if name not in TRANSITION_NAMES:
            raise Http404
        correction = self.get_object()
        incoming = StepSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            correction_transition(
                correction=correction, user=request.user, name=name, **incoming.validated_data
            )
        except StaleTransition as exc:
            who = (exc.by.get_full_name() or exc.by.username) if exc.by else _("someone else")
            return _conflict(
                _("This correction was just changed by %(who)s.") % {"who": who},
                "stale",
                state=exc.status,
            )
        except TransitionUnavailable as exc:
            return _conflict(
                _("“%(name)s” is not a step from the file's present stage.") % {"name": name},
                "unavailable",
                state=exc.state,
            )
        except PermissionDenied as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        correction = self.get_queryset().get(pk=correction.pk)
        return Response(CorrectionDetailSerializer(correction, context={"request": request}).data)

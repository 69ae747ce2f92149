"""Reports as JSON (or CSV/XLSX) for the caller's scope, and the public status look-up."""

from django.conf import settings
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from common.auth import client_address
from common.exports import ExportNegotiationMixin, export_tables
from portal.exports import compliance_tables, pendency_tables
from portal.forms import PeriodForm, StatusLookupForm
from portal.reports import compliance, pendency
from portal.status import NOT_FOUND, TOO_MANY, lookup_allowed, public_status


def form_errors(form) -> serializers.ValidationError:
    """A Django form's errors as DRF's `{field: [messages]}` (form-wide ones under
    `non_field_errors`)."""
    return serializers.ValidationError(
        {
            "non_field_errors" if field == "__all__" else field: list(messages)
            for field, messages in form.errors.items()
        }
    )


class _ReportView(ExportNegotiationMixin, APIView):
    """`?format=csv|xlsx` streams the report's tables instead of the JSON."""

    def respond(self, data, tables, name):
        if fmt := self.export_format():
            return export_tables(tables(data), fmt=fmt, name=name)
        return Response(data)


AGEING_EXAMPLE = {"0-7": 12, "8-15": 4, "16-30": 1, "31+": 0}
PENDENCY_EXAMPLE = {
    "as_of": "2026-11-20T10:30:00+05:30",
    "today": "2026-11-20",
    "complaints": [
        {"status": "registered", "label": "Registered", "open": 17, "overdue": 3,
         "ageing": AGEING_EXAMPLE},
    ],
    "corrections": [
        {"state": "dgm", "label": "With the DGM", "open": 5, "overdue": 2,
         "ageing": {"0-7": 2, "8-15": 2, "16-30": 1, "31+": 0}},
    ],
    "complaints_total": {"open": 17, "overdue": 3, "ageing": AGEING_EXAMPLE},
    "corrections_total": {"open": 5, "overdue": 2,
                          "ageing": {"0-7": 2, "8-15": 2, "16-30": 1, "31+": 0}},
    "overdue_by_office": [
        {"office": "MHW-Z01", "name": "Mhow Zone", "name_hi": "महू ज़ोन",
         "complaints": 3, "corrections": 2, "total": 5},
    ],
}  # fmt: skip
COMPLIANCE_EXAMPLE = {
    "from": "2026-10-01",
    "to": "2026-10-31",
    "total": {"visits": 40, "within": 34, "breaches": 6, "percent_within": 85.0},
    "levels": [
        {"level": "dgm", "label": "DGM", "visits": 10, "within": 8, "breaches": 2,
         "percent_within": 80.0, "avg_days": 4.25},
    ],
    "stages": [
        {"stage": "dgm", "label": "With the DGM", "visits": 10, "within": 8, "breaches": 2,
         "percent_within": 80.0, "avg_days": 4.25, "p90_days": 8.1},
    ],
    "offices": [
        {"office": "MHW-Z01", "name": "Mhow Zone", "name_hi": "महू ज़ोन", "visits": 22,
         "within": 18, "breaches": 4, "percent_within": 81.8},
    ],
}  # fmt: skip
FORMAT = OpenApiParameter(
    "format", str, enum=["json", "csv", "xlsx"], description="csv or xlsx downloads the tables."
)


class PendencyView(_ReportView):
    @extend_schema(
        summary="Open files in your scope: by stage, overdue, ageing, overdue by office",
        parameters=[FORMAT],
        responses={200: OpenApiResponse(description="The pendency report")},
        examples=[OpenApiExample("Pendency", value=PENDENCY_EXAMPLE, response_only=True)],
        tags=["reports"],
    )
    def get(self, request):
        return self.respond(pendency(request.user), pendency_tables, "pendency")


class ComplianceView(_ReportView):
    @extend_schema(
        summary="Time-limit compliance of the stage visits completed in a period",
        description="Visits of bill corrections that left their stage between `from` and "
        "`to` (IST days, both included; the last 30 days by default), within your scope: "
        "% within the limit per level, stage and office; average days per level and stage; "
        "90th-percentile days per stage; offices ranked by breaches.",
        parameters=[
            OpenApiParameter("from", str, description="YYYY-MM-DD"),
            OpenApiParameter("to", str, description="YYYY-MM-DD"),
            FORMAT,
        ],
        responses={
            200: OpenApiResponse(description="The compliance report"),
            400: OpenApiResponse(description="{field: [messages]}"),
        },
        examples=[OpenApiExample("Compliance", value=COMPLIANCE_EXAMPLE, response_only=True)],
        tags=["reports"],
    )
    def get(self, request):
        form = PeriodForm(request.query_params)
        if not form.is_valid():
            raise form_errors(form)
        data = compliance(
            request.user, start=form.cleaned_data["from"], end=form.cleaned_data["to"]
        )
        return self.respond(data, compliance_tables, "compliance")


STATUS_EXAMPLE = {
    "complaint_number": "2611260012345",
    "status": "under_correction",
    "status_label": {"hi": "बिल सुधार में", "en": "Under bill correction"},
    "stage": "dgm",
    "stage_label": {
        "hi": "आपके बिल का सुधार संभाग कार्यालय में जाँचा जा रहा है।",
        "en": "The correction of your bill is being examined at the division office.",
    },
    "registered_on": "2026-11-02",
    "due_on": "2026-11-18",
    "outcome": None,
    "outcome_label": None,
    "correction_result": None,
    "correction_result_label": None,
}


class PublicStatusView(APIView):
    """No login. The same answer for an unknown complaint and for a consumer number that
    does not match; look-ups are limited per client address."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="A complaint's status for the consumer (no login)",
        auth=[],
        parameters=[
            OpenApiParameter("complaint_number", str, required=True),
            OpenApiParameter("consumer_number", str, required=True, description="IVRS number"),
        ],
        responses={
            200: OpenApiResponse(description="Status, stage in words, dates, outcome"),
            400: OpenApiResponse(description="{field: [messages]}"),
            404: OpenApiResponse(description="No complaint matches both numbers"),
            429: OpenApiResponse(description="Too many look-ups from this address"),
        },
        examples=[
            OpenApiExample("Under correction", value=STATUS_EXAMPLE, response_only=True),
            OpenApiExample(
                "No match",
                value={"detail": "No complaint matches these two numbers. …"},
                response_only=True,
                status_codes=["404"],
            ),
        ],
        tags=["public"],
    )
    def get(self, request):
        form = StatusLookupForm(request.query_params)
        if not form.is_valid():
            raise form_errors(form)
        if not lookup_allowed(client_address(request) or ""):
            return Response(
                {"detail": str(TOO_MANY)},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(settings.PUBLIC_STATUS_WINDOW_SECONDS)},
            )
        result = public_status(**form.cleaned_data)
        if result is None:
            return Response({"detail": str(NOT_FOUND)}, status=status.HTTP_404_NOT_FOUND)
        return Response(result, headers={"Cache-Control": "no-store"})

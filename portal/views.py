"""The home page, dashboards for officers and the public status page for consumers."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.capabilities import capabilities_of
from accounts.selectors import offices_with_hierarchy
from common.auth import client_address
from common.exports import FORMATS, export_tables
from complaints.filters import OPEN
from portal.charts import Bar, bar_chart
from portal.exports import compliance_tables, pendency_tables
from portal.forms import PeriodForm, StatusLookupForm
from portal.reports import AGE_BUCKETS, compliance, office_name, pendency
from portal.selectors import workload
from portal.status import NOT_FOUND, TOO_MANY, lookup_allowed, public_status


@require_GET
@login_required
def home(request):
    user = request.user
    return render(
        request,
        "portal/home.html",
        {
            "offices": offices_with_hierarchy(user),
            "capabilities": sorted(capabilities_of(user.designation), key=lambda c: c.label),
            "workload": workload(user),
        },
    )


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _complaints(**params) -> str:
    return _url("complaint-list", **params)


def _corrections(**params) -> str:
    # The inbox shows only the caller's own stage unless told otherwise.
    return _url("correction-list", mine="false", **params)


def _ageing_links(list_url, today, **params) -> list[str]:
    links = []
    for bucket in AGE_BUCKETS:
        first, last = bucket.registered_between(today)
        dates = {"created_to": last.isoformat()}
        if first is not None:
            dates["created_from"] = first.isoformat()
        links.append(list_url(**params, **dates))
    return links


def _with_links(rows, key, list_url, today) -> list[dict]:
    """Each figure with the address of the list that shows exactly those files."""
    return [
        {
            **row,
            "open_href": list_url(**{key: row[key]}),
            "overdue_href": list_url(**{key: row[key]}, overdue="true"),
            "ageing_cells": [
                (row["ageing"][b.key], link)
                for b, link in zip(
                    AGE_BUCKETS,
                    _ageing_links(list_url, today, **{key: row[key]}),
                    strict=True,
                )
            ],
        }
        for row in rows
    ]


@require_GET
@login_required
def pendency_view(request):
    data = pendency(request.user)
    if (fmt := request.GET.get("export")) in FORMATS:
        return export_tables(pendency_tables(data), fmt=fmt, name="pendency")
    today = data["today"]
    complaints = _with_links(data["complaints"], "status", _complaints, today)
    corrections = _with_links(data["corrections"], "state", _corrections, today)
    # Totals link to the lists' "open (any stage)" choice.
    (complaints_total,) = _with_links(
        [{"status": OPEN, **data["complaints_total"]}], "status", _complaints, today
    )
    (corrections_total,) = _with_links(
        [{"state": OPEN, **data["corrections_total"]}], "state", _corrections, today
    )
    offices = [
        {
            **o,
            "display_name": office_name(o),
            "complaints_href": _complaints(office=o["office"], overdue="true"),
            "corrections_href": _corrections(office=o["office"], overdue="true"),
        }
        for o in data["overdue_by_office"]
    ]
    complaints_chart, corrections_chart = (
        bar_chart(
            title,
            [
                Bar(r["label"], r["open"], str(r["open"]), r["open_href"], part=r["overdue"])
                for r in rows
            ],
            part_legend=_("overdue"),
        )
        for title, rows in (
            (_("Open complaints"), complaints),
            (_("Open bill corrections"), corrections),
        )
    )
    ageing_rows = [
        (b.label, complaint_cell, correction_cell)
        for b, complaint_cell, correction_cell in zip(
            AGE_BUCKETS,
            complaints_total["ageing_cells"],
            corrections_total["ageing_cells"],
            strict=True,
        )
    ]
    ageing = bar_chart(
        _("Open files by age"),
        [Bar(label, c[0] + k[0], str(c[0] + k[0])) for label, c, k in ageing_rows],
    )
    overdue = bar_chart(
        _("Overdue files by office"),
        [Bar(f"{o['office']} · {o['display_name']}", o["total"], str(o["total"])) for o in offices],
    )
    return render(
        request,
        "portal/pendency.html",
        {
            "data": data,
            "complaints": complaints,
            "corrections": corrections,
            "offices": offices,
            "buckets": AGE_BUCKETS,
            "complaints_chart": complaints_chart,
            "corrections_chart": corrections_chart,
            "ageing": ageing,
            "ageing_rows": ageing_rows,
            "overdue": overdue,
            "complaints_total": complaints_total,
            "corrections_total": corrections_total,
        },
    )


@require_GET
@login_required
def compliance_view(request):
    form = PeriodForm(request.GET)
    data = None
    if form.is_valid():
        data = compliance(
            request.user, start=form.cleaned_data["from"], end=form.cleaned_data["to"]
        )
        if (fmt := request.GET.get("export")) in FORMATS:
            return export_tables(compliance_tables(data), fmt=fmt, name="compliance")
    context = {"form": form, "data": data}
    if data:
        context["offices"] = [
            {
                **o,
                "display_name": office_name(o),
                "href": _corrections(office=o["office"]),
            }
            for o in data["offices"]
        ]
        context["chart"] = bar_chart(
            _("Stage visits completed within the limit, by level"),
            [
                Bar(
                    str(r["label"]),
                    r["percent_within"] or 0,
                    "—" if r["percent_within"] is None else f"{r['percent_within']}%",
                )
                for r in data["levels"]
            ],
            scale=100,
        )
        context["query"] = urlencode(
            {"from": data["from"].isoformat(), "to": data["to"].isoformat()}
        )
    return render(request, "portal/compliance.html", context, status=200 if data else 400)


@require_GET
def status_view(request):
    """The consumer's page: Hindi unless they chose otherwise, whatever the browser says
    (common.middleware.HindiFirstLocaleMiddleware)."""
    asked = bool(request.GET)
    form = StatusLookupForm(request.GET if asked else None)
    result, error, status = None, None, 200
    if asked and form.is_valid():
        if not lookup_allowed(client_address(request) or ""):
            error, status = TOO_MANY, 429
        else:
            result = public_status(**form.cleaned_data)
            if result is None:
                error, status = NOT_FOUND, 404
    elif asked:
        status = 400
    language = "en" if (translation.get_language() or "").startswith("en") else "hi"
    words = {
        key: result[key][language]
        for key in ("status_label", "stage_label", "outcome_label", "correction_result_label")
        if result and result[key]
    }
    response = render(
        request,
        "portal/status.html",
        {"form": form, "result": result, "words": words, "error": error},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    if status == 429:
        response["Retry-After"] = str(settings.PUBLIC_STATUS_WINDOW_SECONDS)
    return response

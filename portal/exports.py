"""The report tables as downloads (the same figures as the pages and the JSON)."""

from django.utils.translation import gettext as _

from common.exports import Table
from portal.reports import AGE_BUCKETS, office_name


def _open_table(title: str, rows: list[dict], total: dict) -> Table:
    headers = [_("Stage"), _("Open"), _("Overdue"), *(b.label for b in AGE_BUCKETS)]

    def line(label, figures):
        return [label, figures["open"], figures["overdue"], *figures["ageing"].values()]

    return Table(title, headers, [*(line(r["label"], r) for r in rows), line(_("Total"), total)])


def pendency_tables(data: dict) -> list[Table]:
    return [
        _open_table(_("Open complaints"), data["complaints"], data["complaints_total"]),
        _open_table(_("Open bill corrections"), data["corrections"], data["corrections_total"]),
        Table(
            _("Overdue by office"),
            [_("Contact ID"), _("Office"), _("Complaints"), _("Bill corrections"), _("Total")],
            [
                [o["office"], office_name(o), o["complaints"], o["corrections"], o["total"]]
                for o in data["overdue_by_office"]
            ],
        ),
    ]


def _timing_row(label: str, row: dict, *, percentile: bool = True) -> list:
    return [
        label,
        row["visits"],
        row["within"],
        row["breaches"],
        row["percent_within"],
        row["avg_days"],
        *([row["p90_days"]] if percentile else []),
    ]


def compliance_tables(data: dict) -> list[Table]:
    timing = [
        _("Stage visits completed"),
        _("Within the limit"),
        _("Breaches"),
        _("% within the limit"),
        _("Average days"),
    ]
    return [
        Table(
            _("Compliance by level"),
            [_("Level"), *timing],
            [_timing_row(str(r["label"]), r, percentile=False) for r in data["levels"]],
        ),
        Table(
            _("Compliance by stage"),
            [_("Stage"), *timing, _("90th percentile days")],
            [_timing_row(str(r["label"]), r) for r in data["stages"]],
        ),
        Table(
            _("Offices ranked by breaches"),
            [
                _("Contact ID"),
                _("Office"),
                _("Stage visits completed"),
                _("Within the limit"),
                _("Breaches"),
                _("% within the limit"),
            ],
            [
                [
                    o["office"],
                    office_name(o),
                    o["visits"],
                    o["within"],
                    o["breaches"],
                    o["percent_within"],
                ]
                for o in data["offices"]
            ],
        ),
    ]

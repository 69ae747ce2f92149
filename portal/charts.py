"""Horizontal bar charts drawn on the server as SVG: no script, no third-party files.

Each bar carries its label above it and its figure at its end, and links to the list
behind it; the page shows the same numbers in a table beside the chart."""

from dataclasses import dataclass

WIDTH = 360  # drawing units; the SVG scales to its column, so text stays legible
ROW = 50  # label line, then the bar
BAR = 18
CHAR = 8.5  # a generous width of one figure character at font-size 14


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the figure as shown (a count, a percentage)
    href: str = ""
    part: float = 0  # a highlighted share of the bar, e.g. the overdue files among the open


@dataclass(frozen=True)
class DrawnBar:
    bar: Bar
    figure: str
    label_y: str
    bar_y: str
    width: str
    part_width: str
    text_x: str
    text_y: str


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    bars: list[DrawnBar]
    part_legend: str = ""
    bar_height: int = BAR


def _figure(bar: Bar, part_legend: str) -> str:
    return f"{bar.text} ({bar.part} {part_legend})" if bar.part else bar.text


def _n(value: float) -> str:
    # Attributes as plain strings: the template must not localise a decimal point.
    return f"{value:.1f}"


def bar_chart(
    title: str, bars: list[Bar], *, scale: float | None = None, part_legend: str = ""
) -> Chart:
    """`scale` is the value of a full-length bar (100 for percentages); else the largest."""
    top = scale or max((b.value for b in bars), default=0) or 1
    # Room right of the longest bar for the longest figure (with its share in brackets).
    longest = max((len(_figure(b, part_legend)) for b in bars), default=0)
    room = WIDTH - longest * CHAR - 8
    drawn = []
    for i, bar in enumerate(bars):
        y = i * ROW
        width = room * bar.value / top
        drawn.append(
            DrawnBar(
                bar=bar,
                figure=_figure(bar, part_legend),
                label_y=_n(y + 16),
                bar_y=_n(y + 23),
                width=_n(max(width, 1 if bar.value else 0)),
                part_width=_n(room * bar.part / top),
                text_x=_n(width + 6),
                text_y=_n(y + 23 + BAR - 4),
            )
        )
    return Chart(
        title=title,
        width=WIDTH,
        height=max(len(bars), 1) * ROW,
        bars=drawn,
        part_legend=part_legend,
    )

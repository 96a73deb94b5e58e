"""One actor-topic series as an inline SVG chart: support above the line, oppose below, and a
grey band on the line for a period with neutral findings only.

Every chart of a report spans the same dates (the first to the last period with findings)
so that charts stacked on the page can be read against each other; a bar sits where its
period starts and is as wide as the period is long, so weeks and months without findings
show as gaps rather than being squeezed out. No `xmlns`: the SVG is parsed as part of the
HTML page, and the page holds no URL of any kind.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Sequence

from stancekit.tracking.periods import first_day
from stancekit.tracking.timeline import Series

WIDTH, HEIGHT = 640, 132
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 8, 22
#: Period labels written under a chart at most.
X_LABELS = 6


def next_first_day(day: datetime.date, by: str) -> datetime.date:
    """The first day of the period after the one starting on `day`."""
    if by == "day":
        return day + datetime.timedelta(days=1)
    if by == "week":
        return day + datetime.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class TimeAxis:
    """Maps periods of one kind onto the chart's width, from the first period to the end of the last."""

    def __init__(self, periods: Sequence[str], by: str):
        self.by = by
        self.periods = tuple(periods)
        self.start = first_day(self.periods[0], by)
        end = next_first_day(first_day(self.periods[-1], by), by)
        self.days = max((end - self.start).days, 1)
        self.width = WIDTH - LEFT - RIGHT

    def x(self, day: datetime.date) -> float:
        return LEFT + (day - self.start).days / self.days * self.width

    def span(self, period: str) -> tuple[float, float]:
        """Left edge and width of a period's bar (a little narrower than the period)."""
        day = first_day(period, self.by)
        left, right = self.x(day), self.x(next_first_day(day, self.by))
        gap = min((right - left) * 0.15, 2.0)
        return left + gap / 2, max(right - left - gap, 1.0)

    def labels(self) -> list[str]:
        """The periods written under the axis: the first, the last and some evenly between."""
        count = len(self.periods)
        if count <= X_LABELS:
            return list(self.periods)
        picks = sorted({round(i * (count - 1) / (X_LABELS - 1)) for i in range(X_LABELS)})
        return [self.periods[i] for i in picks]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def timeline_svg(series: Series, axis: TimeAxis) -> str:
    """The chart of `series` on `axis`; each period's bars carry its counts as a tooltip."""
    top = max([p.support for p in series.periods] + [p.oppose for p in series.periods] + [1])
    half = (HEIGHT - TOP - BOTTOM) / 2
    zero = TOP + half
    name = f"{series.actor.name} on {series.topic.name}"
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{html.escape(name)}: support and oppose per {axis.by}">',
        f'<line class="axis" x1="{LEFT}" y1="{_num(zero)}" x2="{WIDTH - RIGHT}" y2="{_num(zero)}"/>',
        f'<text class="ylabel" x="{LEFT - 4}" y="{TOP + 8}">+{top}</text>',
        f'<text class="ylabel" x="{LEFT - 4}" y="{_num(zero + 3)}">0</text>',
        f'<text class="ylabel" x="{LEFT - 4}" y="{_num(HEIGHT - BOTTOM)}">−{top}</text>',
    ]
    for p in series.periods:
        left, width = axis.span(p.period)
        tip = f"{p.period}: {p.support} support, {p.oppose} oppose, {p.neutral} neutral (net {p.net:+d})"
        parts.append(f'<g class="period" data-period="{html.escape(p.period)}"><title>{html.escape(tip)}</title>')
        parts.append(
            f'<rect class="hover" x="{_num(left)}" y="{TOP}" width="{_num(width)}" height="{_num(2 * half)}"/>'
        )
        if p.support:
            height = p.support / top * half
            parts.append(
                f'<rect class="support" x="{_num(left)}" y="{_num(zero - height)}" '
                f'width="{_num(width)}" height="{_num(height)}"/>'
            )
        if p.oppose:
            height = p.oppose / top * half
            parts.append(
                f'<rect class="oppose" x="{_num(left)}" y="{_num(zero)}" '
                f'width="{_num(width)}" height="{_num(height)}"/>'
            )
        if p.neutral and not (p.support or p.oppose):
            parts.append(
                f'<rect class="neutral" x="{_num(left)}" y="{_num(zero - 2)}" width="{_num(width)}" height="4"/>'
            )
        parts.append("</g>")
    labels = axis.labels()
    for i, period in enumerate(labels):
        left, width = axis.span(period)
        anchor = "start" if i == 0 and len(labels) > 1 else "end" if i == len(labels) - 1 and i > 0 else "middle"
        x = left if anchor == "start" else left + width if anchor == "end" else left + width / 2
        parts.append(
            f'<text class="xlabel" x="{_num(x)}" y="{HEIGHT - 6}" text-anchor="{anchor}">{html.escape(period)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

"""The shared time axis: its span, the instant-to-x map, year and month ticks, tick labels.

The span covers every dated milestone, every earlier date of a slip and today (within the
year filter). A short span is snapped to quarters so the chart zooms in; a long one is
widened to whole label steps so both ends carry a year label.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.dates import period_end, period_start
from bot.core.models import Precision
from bot.timeline.dates import Period, month_abbreviations, x_between, year_start
from bot.timeline.fonts import AnyFont, Fonts
from bot.timeline.records import Box, TextItem, Tick

_TICK = timedelta(microseconds=1)  # the last instant inside a period is its end minus this


@dataclass(frozen=True)
class Axis:
    """From ``start`` at ``left`` to ``end`` at ``right``, with year labels every ``step`` years."""

    start: datetime
    end: datetime
    step: int
    left: float
    right: float

    def x_of(self, when: datetime) -> float:
        return x_between(when, self.start, self.end, self.left, self.right)

    def clip_x(self, x: float) -> float:
        """Keep an x on the plot: a date outside a year filter sits at its edge."""
        return min(max(x, self.left), self.right)


def time_axis(
    periods: Iterable[Period],
    today: datetime,
    lo: datetime | None,
    hi: datetime | None,
    *,
    fonts: Fonts,
    k: float,
    left: float,
    right: float,
) -> Axis:
    """The axis for these periods and today, inside the year filter [``lo``, ``hi``) if any."""
    instants = _instants(periods, today, lo, hi)
    start, end = _span(min(instants), max(instants))
    if lo is not None and hi is not None:  # both years given: exactly that range
        start, end = lo, hi
    # a long axis labels every 2, 5, 10... years: widen it to whole steps so both ends are labelled
    year_w = fonts.width("2000", fonts.tick_bold) + 14 * k
    start, end = _whole_steps(start, end, right - left, year_w)
    start = max(start, lo) if lo is not None else start
    end = min(end, hi) if hi is not None else end
    return Axis(start, end, year_step(start, end, right - left, year_w), left, right)


def _instants(periods: Iterable[Period], today: datetime, lo: datetime | None, hi: datetime | None) -> list[datetime]:
    """The first and last instant of every period, and today, clamped to the filter."""
    instants: list[datetime] = []
    for first, end in periods:
        instants += [first, max(first, end - _TICK)]
    if (lo is None or today >= lo) and (hi is None or today < hi):
        instants.append(today)
    if lo is not None:
        instants = [max(t, lo) for t in instants]
    if hi is not None:
        instants = [min(t, hi - _TICK) for t in instants]
    return instants or [lo or hi or today]


def _span(lo: datetime, hi: datetime) -> tuple[datetime, datetime]:
    """Whole quarters for a short span (under two years), else whole years."""
    if (hi - lo).days < 730:
        return period_start(lo, Precision.QUARTER), period_end(period_start(hi, Precision.QUARTER), Precision.QUARTER)
    return year_start(lo.year), year_start(hi.year + 1)


def _whole_steps(start: datetime, end: datetime, plot_width: float, year_w: float) -> tuple[datetime, datetime]:
    """Widen to whole label steps; a wider span may need a bigger step, so try a few times."""
    for _ in range(3):
        step = year_step(start, end, plot_width, year_w)
        if step == 1:
            break
        start = year_start(start.year // step * step)
        last = end.year if end == year_start(end.year) else end.year + 1
        end = year_start(-(-last // step) * step)  # rounded up to a whole step
    return start, end


def year_step(start: datetime, end: datetime, plot_width: float, label_width: float) -> int:
    """Label every 1, 2, 5, 10... years: the smallest step whose labels do not touch."""
    px_per_year = plot_width / max(1e-9, (end - start).total_seconds() / (365.25 * 86400))
    return next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500) if s * px_per_year >= label_width), 1000)


def ticks(axis: Axis) -> list[Tick]:
    """Year ticks every ``axis.step`` years; month ticks too when the axis spans three years or less."""
    start, end = axis.start, axis.end
    years = range(start.year, end.year + 1)
    found = [Tick(axis.x_of(year_start(y)), year_start(y), True) for y in years if y % axis.step == 0]
    found = [t for t in found if start <= t.when <= end]
    if (end - start).days <= 3 * 366 + 1:
        when = period_start(start, Precision.MONTH)
        if when < start:
            when = period_end(when, Precision.MONTH)
        while when <= end:
            if when.month != 1:
                found.append(Tick(axis.x_of(when), when, False))
            when = period_end(when, Precision.MONTH)
    found.sort(key=lambda t: t.x)
    return found


def tick_labels(
    ticks: Sequence[Tick], y: float, fonts: Fonts, k: float, axis: Axis, width: int, lang: str
) -> list[TextItem]:
    """Year labels, then month labels (abbreviated in ``lang``) where they do not collide."""
    h = fonts.height(fonts["tick"])
    gap = 14 * k
    years = [t for t in ticks if t.major]
    months = [t for t in ticks if not t.major]
    boxes: list[TextItem] = []

    def fits(box: Box) -> bool:
        return all(box[0] >= b.box[2] + gap or box[2] <= b.box[0] - gap for b in boxes)

    def centred(text: str, x: float, font: AnyFont) -> Box:
        w = fonts.width(text, font)
        x0 = min(max(x - w / 2, 4 * k), width - 4 * k - w)
        return (x0, y, x0 + w, y + h)

    for t in years:
        box = centred(str(t.when.year), t.x, fonts.tick_bold)
        if fits(box):
            boxes.append(TextItem(str(t.when.year), box, "tick-major"))
    if months:
        names = month_abbreviations(lang)
        month_w = max(fonts.width(m, fonts["tick"]) for m in names)
        spacing = months[1].x - months[0].x if len(months) > 1 else axis.right - axis.left
        mstep = next((s for s in (1, 2, 3, 6) if s * spacing >= month_w + gap), None)
        if mstep is not None:
            first = True
            for t in months:
                if (t.when.month - 1) % mstep:
                    continue
                text = names[t.when.month - 1]
                if first and not any(b.role == "tick-major" and b.box[0] <= t.x for b in boxes):
                    text = f"{text} {t.when.year}"
                box = centred(text, t.x, fonts["tick"])
                if fits(box):
                    boxes.append(TextItem(text, box, "tick"))
                    first = False
    return boxes

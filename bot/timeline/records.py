"""The layout records: every position in the picture, as plain frozen data.

They are the contract between ``layout`` (which computes them) and ``paint`` (which only
draws them), and what the tests inspect, so the geometry checked is the geometry drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.core.models import MilestoneStatus, Precision
from bot.timeline.dates import utc, x_between
from bot.timeline.fonts import Fonts
from bot.timeline.theme import RGB, Theme

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

# How much a status matters: labels are placed in this order, markers drawn in reverse.
STATUS_RANK = {
    MilestoneStatus.DONE: 1,
    MilestoneStatus.SLIPPED: 1,
    MilestoneStatus.CONFIRMED: 3,
    MilestoneStatus.PLANNED: 4,
    MilestoneStatus.CANCELLED: 5,
    MilestoneStatus.UNKNOWN: 6,
}


@dataclass(frozen=True)
class Tick:
    x: float
    when: datetime
    major: bool  # a year boundary (else a month)


@dataclass(frozen=True)
class TextItem:
    text: str
    box: Box
    role: str  # "title", "subtitle", "tick", "tick-major", "today", "lane", "lane-sub", "legend", "message"


@dataclass(frozen=True)
class MarkerPlacement:
    milestone: str
    contender: str
    status: MilestoneStatus
    precision: Precision
    x: float  # centre of the marker (middle of the period for coarse dates)
    y: float
    x0: float  # period bar extent; x0 == x1 == x for a point
    x1: float
    radius: float
    slip_from: tuple[float, ...] = ()  # x of earlier dates, for the dashed slip line
    winner: bool = False

    @property
    def is_range(self) -> bool:
        return self.precision in (Precision.MONTH, Precision.QUARTER, Precision.YEAR)


@dataclass(frozen=True)
class LabelPlacement:
    milestone: str
    text: str
    box: Box
    above: bool
    row: int  # 1 = next to the lane, 2 = further out
    anchor_x: float  # where the stem from the marker meets the label
    stem: tuple[float, float]  # y from, y to
    star: bool = False  # the winner's label starts with a star


@dataclass(frozen=True)
class LanePlacement:
    contender: str
    name_lines: tuple[str, ...]
    sub: str  # "2 undated", "" ...
    top: float
    bottom: float
    y: float  # the lane line
    background: RGB
    winner: bool
    markers: tuple[MarkerPlacement, ...]
    labels: tuple[LabelPlacement, ...]
    texts: tuple[TextItem, ...]


@dataclass(frozen=True)
class LegendItem:
    kind: str  # a status value, "range", "today", "first"
    glyph_x: float
    y: float
    text: TextItem


@dataclass(frozen=True)
class TimelineLayout:
    width: int
    height: int
    scale: float  # width / 1200
    theme: Theme
    axis_start: datetime
    axis_end: datetime
    plot_left: float
    plot_right: float
    lanes_top: float
    lanes_bottom: float
    ticks: tuple[Tick, ...]
    today_x: float | None
    lanes: tuple[LanePlacement, ...]
    legend: tuple[LegendItem, ...]
    texts: tuple[TextItem, ...]  # title, subtitle, tick labels, today pill, message
    today_pill: Box | None = None
    fonts: Fonts | None = field(default=None, repr=False, compare=False)

    def x_of(self, when: datetime) -> float:
        """The x of an instant on the axis (not clipped)."""
        return x_between(utc(when), self.axis_start, self.axis_end, self.plot_left, self.plot_right)

    def marker(self, milestone_id: str) -> MarkerPlacement | None:
        for lane in self.lanes:
            for m in lane.markers:
                if m.milestone == milestone_id:
                    return m
        return None

    def lane(self, contender_id: str) -> LanePlacement | None:
        return next((lane for lane in self.lanes if lane.contender == contender_id), None)

    @property
    def labels(self) -> tuple[LabelPlacement, ...]:
        return tuple(label for lane in self.lanes for label in lane.labels)

    def all_text_boxes(self) -> list[Box]:
        """Every piece of text drawn, for overlap checks."""
        boxes = [t.box for t in self.texts]
        boxes += [item.text.box for item in self.legend]
        for lane in self.lanes:
            boxes += [t.box for t in lane.texts]
            boxes += [label.box for label in lane.labels]
        return boxes

"""The race timeline as a PNG: one lane per contender, milestones on a shared time axis.

Pure core: no discord, no globals that change, no I/O except reading a font file; the same
inputs always give the same bytes. ``layout_timeline`` computes every position (lanes,
markers, ranges, slips, labels, ticks, legend) and ``render_timeline`` only paints that
layout, so the tests check the geometry the picture is actually drawn from.

Drawing rules:

* lanes are sorted by their earliest dated milestone; the label column names the
  contender and counts its undated milestones ("2 undated"), which are not on the axis;
* status has both a shape and a colour: done = filled circle, planned = hollow circle,
  confirmed = hollow circle with a dot, slipped = diamond at the current date with a dashed
  line from the earlier date(s) in its history, cancelled = an X, unknown = grey "?";
* a date known only to the month, quarter or year is a bar spanning that period;
* labels (titles cut to 28 characters, or 16 when space is short) sit in up to two rows
  above and two below each lane; they are placed greedily by priority (the winning
  milestone, then done and slipped ones, then launches...) and a label that fits nowhere is
  skipped, so labels never overlap however many milestones there are;
* everything is drawn at twice the size then reduced, for smooth shapes.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from bot.core.models import Contender, Milestone, MilestoneKind, MilestoneStatus, Precision, parse_instant

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1

SUPERSAMPLE = 2  # drawn at 2x, then reduced: smooth circles at little cost
LABEL_CHARS = 28  # milestone labels are cut to this many characters...
SHORT_LABEL_CHARS = 16  # ...or to this many when the long form fits nowhere
ROWS_PER_SIDE = 2  # label rows above and below each lane
MIN_WIDTH = 400
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ---- options and themes ---------------------------------------------------------------


@dataclass(frozen=True)
class TimelineOptions:
    focus: str | None = None  # contender id: only that lane
    start_year: int | None = None  # filter by years (inclusive)
    end_year: int | None = None
    theme: str = "dark"  # "dark" (Discord dark) or "light"
    width: int = 1200  # pixels
    winner: str | None = None  # contender id whose winning milestone is marked
    winning_milestone: str | None = None


@dataclass(frozen=True)
class Theme:
    name: str
    background: RGB
    lane_alt: RGB  # every other lane, for separation
    text: RGB
    muted: RGB  # secondary text (month ticks, "2 undated", subtitle)
    grid: RGB
    grid_minor: RGB
    lane_line: RGB
    today: RGB
    today_pill: RGB
    today_text: RGB
    done: RGB
    planned: RGB
    confirmed: RGB
    slipped: RGB
    cancelled: RGB
    unknown: RGB
    gold: RGB

    def status_colour(self, status: MilestoneStatus) -> RGB:
        return {
            MilestoneStatus.DONE: self.done,
            MilestoneStatus.PLANNED: self.planned,
            MilestoneStatus.CONFIRMED: self.confirmed,
            MilestoneStatus.SLIPPED: self.slipped,
            MilestoneStatus.CANCELLED: self.cancelled,
        }.get(status, self.unknown)


_THEMES: dict[str, Theme] = {
    "dark": Theme(
        name="dark",
        background=(49, 51, 56),  # Discord dark #313338
        lane_alt=(43, 45, 49),
        text=(242, 243, 245),
        muted=(181, 186, 193),
        grid=(78, 80, 88),
        grid_minor=(62, 64, 70),
        lane_line=(92, 95, 102),
        today=(235, 69, 158),
        today_pill=(194, 24, 91),
        today_text=(255, 255, 255),
        done=(59, 178, 98),
        planned=(96, 156, 255),
        confirmed=(45, 212, 191),
        slipped=(255, 140, 66),
        cancelled=(242, 63, 67),
        unknown=(148, 155, 164),
        gold=(255, 212, 59),
    ),
    "light": Theme(
        name="light",
        background=(255, 255, 255),
        lane_alt=(242, 243, 245),
        text=(30, 31, 34),
        muted=(78, 80, 88),
        grid=(204, 207, 213),
        grid_minor=(228, 230, 233),
        lane_line=(170, 174, 181),
        today=(194, 24, 91),
        today_pill=(194, 24, 91),
        today_text=(255, 255, 255),
        done=(26, 127, 69),
        planned=(37, 99, 235),
        confirmed=(13, 138, 126),
        slipped=(217, 96, 26),
        cancelled=(198, 40, 40),
        unknown=(128, 132, 142),
        gold=(201, 151, 0),
    ),
}


def theme_colours(name: str) -> Theme:
    """The colours of a theme ("dark" or "light"); ValueError for another name."""
    try:
        return _THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme {name!r}: use 'dark' or 'light'") from None


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio between two sRGB colours (1 to 21)."""

    def luminance(c: RGB) -> float:
        def channel(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(v) for v in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---- layout records ---------------------------------------------------------------------


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
    fonts: _Fonts | None = field(default=None, repr=False, compare=False)

    def x_of(self, when: datetime) -> float:
        """The x of an instant on the axis (not clipped)."""
        return _x_of(_utc(when), self.axis_start, self.axis_end, self.plot_left, self.plot_right)

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


# ---- fonts ------------------------------------------------------------------------------

# Tried in order; the first that loads wins. DejaVu covers Latin accents and Cyrillic, which
# Pillow's bundled font does not; the bundled font is the fallback.
_FONT_FILES = (
    (  # Debian/Ubuntu (fonts-dejavu-core): a direct hit, no search of the font folders
        "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    ),
    ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("Arial.ttf", "Arial Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
)

AnyFont = Any  # ImageFont.FreeTypeFont or, as a last resort, ImageFont.ImageFont


class _Fonts:
    """The text fonts at final size (text is drawn after the 2x shapes are reduced), plus the
    "?" glyph font at drawing size; measurements are in final pixels."""

    def __init__(self, scale: float) -> None:
        self.ascii_only = False
        sizes = {
            "title": 34,
            "subtitle": 21,
            "lane": 23,
            "lane_sub": 20,
            "label": 20,
            "tick": 20,
            "legend": 20,
            "pill": 20,
        }
        bold = {"title", "lane", "pill"}
        regular_file, bold_file = self._pick_files()
        self.fonts: dict[str, AnyFont] = {}
        for role, size in sizes.items():
            self.fonts[role] = self._load(bold_file if role in bold else regular_file, max(8, round(size * scale)))
        self.tick_bold = self._load(bold_file, max(8, round(sizes["tick"] * scale)))
        self.glyph = self._load(bold_file, max(8, round(15 * scale * SUPERSAMPLE)))
        self._heights: dict[int, float] = {}

    @staticmethod
    def _pick_files() -> tuple[str | None, str | None]:
        """The first regular/bold pair that loads, as full paths (so later sizes load directly)."""

        def resolve(name: str) -> str | None:
            try:
                font = ImageFont.truetype(name, 10)
            except OSError:
                return None
            return str(getattr(font, "path", name) or name)

        for regular, bold in _FONT_FILES:
            regular_path = resolve(regular)
            if regular_path is not None:
                return regular_path, resolve(bold) or regular_path
        return None, None

    def _load(self, file: str | None, px: int) -> AnyFont:
        if file is not None:
            try:
                return ImageFont.truetype(file, px)
            except OSError:
                pass
        self.ascii_only = True  # the bundled font lacks accents, dashes and stars
        try:
            return ImageFont.load_default(size=px)
        except (TypeError, ValueError, OSError, ImportError):  # old Pillow or no FreeType
            return ImageFont.load_default()

    def __getitem__(self, role: str) -> AnyFont:
        return self.fonts[role]

    def clean(self, text: str) -> str:
        """Text the font can show: without DejaVu, fold accents and fancy dashes to ASCII."""
        text = " ".join(text.split())
        if not self.ascii_only:
            return text
        text = text.replace("–", "-").replace("—", "-").replace("·", "-")
        folded = unicodedata.normalize("NFKD", text)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        return folded.encode("ascii", "replace").decode("ascii")

    def width(self, text: str, font: AnyFont) -> float:
        return float(font.getlength(text))

    def height(self, font: AnyFont) -> float:
        key = id(font)
        if key not in self._heights:
            try:
                ascent, descent = font.getmetrics()
                h = ascent + descent
            except AttributeError:
                h = font.getbbox("Ag")[3]
            self._heights[key] = float(h)
        return self._heights[key]

    def truncate(self, text: str, chars: int) -> str:
        text = self.clean(text)
        if len(text) <= chars:
            return text
        ellipsis = "..." if self.ascii_only else "…"
        return text[: chars - len(ellipsis)].rstrip(" ,;:-–—") + ellipsis

    def fit(self, text: str, font: AnyFont, max_width: float) -> str:
        """Cut ``text`` with an ellipsis so it is at most ``max_width`` wide."""
        text = self.clean(text)
        if self.width(text, font) <= max_width:
            return text
        ellipsis = "..." if self.ascii_only else "…"
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + ellipsis, font) <= max_width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + ellipsis


# ---- dates ------------------------------------------------------------------------------


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _add_months(when: datetime, months: int) -> datetime:
    month = when.month - 1 + months
    return when.replace(year=when.year + month // 12, month=month % 12 + 1, day=1)


def _year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=UTC)


def _precision(value: Any) -> Precision:
    try:
        return Precision(value)
    except ValueError:
        return Precision.UNKNOWN


def _status(value: Any) -> MilestoneStatus:
    try:
        return MilestoneStatus(value)
    except ValueError:
        return MilestoneStatus.UNKNOWN


def _period(date: str | None, precision: Precision) -> tuple[datetime, datetime] | None:
    """The span a stored date stands for, or None when it is unknown."""
    if not date or precision is Precision.UNKNOWN:
        return None
    try:
        start = _utc(parse_instant(date))
    except (ValueError, TypeError):
        return None
    if precision is Precision.MONTH:
        start = start.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        return start, _add_months(start, 1)
    if precision is Precision.QUARTER:
        start = start.replace(day=1, month=(start.month - 1) // 3 * 3 + 1, hour=0, minute=0, second=0)
        return start.replace(microsecond=0), _add_months(start.replace(microsecond=0), 3)
    if precision is Precision.YEAR:
        start = _year_start(start.year)
        return start, _year_start(start.year + 1)
    if precision is Precision.DAY:
        return start, start + timedelta(days=1)
    return start, start


def _mid(period: tuple[datetime, datetime]) -> datetime:
    return period[0] + (period[1] - period[0]) / 2


def _x_of(when: datetime, start: datetime, end: datetime, left: float, right: float) -> float:
    total = (end - start).total_seconds() or 1.0
    return left + (when - start).total_seconds() / total * (right - left)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short_date(when: datetime) -> str:
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"


# ---- layout -----------------------------------------------------------------------------


@dataclass
class _Item:
    """A milestone ready to place."""

    milestone: Milestone
    status: MilestoneStatus
    precision: Precision
    period: tuple[datetime, datetime]
    earlier: list[tuple[datetime, datetime]]
    winner: bool


_STATUS_RANK = {
    MilestoneStatus.DONE: 1,
    MilestoneStatus.SLIPPED: 1,
    MilestoneStatus.CONFIRMED: 3,
    MilestoneStatus.PLANNED: 4,
    MilestoneStatus.CANCELLED: 5,
    MilestoneStatus.UNKNOWN: 6,
}
_KEY_KINDS = {MilestoneKind.LAUNCH, MilestoneKind.LANDING, MilestoneKind.DOCKING}
_RELEASE_KINDS = {MilestoneKind.PREMIERE, MilestoneKind.RELEASE}


def _label_priority(item: _Item) -> tuple[Any, ...]:
    """Lower sorts first: the winner, then done/slipped, launches, confirmed, planned..."""
    kind = item.milestone.kind
    rank = _STATUS_RANK.get(item.status, 6)
    if kind in _KEY_KINDS and rank > 2:
        rank = 2
    kind_rank = 0 if kind in _KEY_KINDS else 1 if kind in _RELEASE_KINDS else 2
    return (
        not item.winner,
        rank,
        kind_rank,
        not item.milestone.pinned,
        item.period[0],
        item.milestone.id,
    )


@dataclass
class _LaneData:
    contender: str
    name: str
    items: list[_Item] = field(default_factory=list)
    undated: int = 0
    total: int = 0


def layout_timeline(
    contenders: Sequence[Contender],
    milestones: Sequence[Milestone],
    *,
    today: datetime,
    options: TimelineOptions = TimelineOptions(),
) -> TimelineLayout:
    """Where everything goes; ``render_timeline`` draws exactly this."""
    if options.width < MIN_WIDTH:
        raise ValueError(f"width must be at least {MIN_WIDTH} px, got {options.width}")
    theme = theme_colours(options.theme)
    width = int(options.width)
    k = width / 1200
    fonts = _Fonts(k)
    today = _utc(today)

    start_year, end_year = options.start_year, options.end_year
    if start_year is not None and end_year is not None and start_year > end_year:
        start_year, end_year = end_year, start_year
    filter_lo = _year_start(start_year) if start_year is not None else None
    filter_hi = _year_start(end_year + 1) if end_year is not None else None
    year_filtered = filter_lo is not None or filter_hi is not None

    def in_filter(period: tuple[datetime, datetime]) -> bool:
        lo, hi = period
        if filter_lo is not None and max(hi, lo + timedelta(microseconds=1)) <= filter_lo:
            return False
        return not (filter_hi is not None and lo >= filter_hi)

    # -- lanes and their milestones
    names = {c.id: (c.name or c.id) for c in contenders}
    order = [c.id for c in contenders]
    lanes_by_id: dict[str, _LaneData] = {}
    for cid in order:
        lanes_by_id.setdefault(cid, _LaneData(cid, names[cid]))
    winning_ms = options.winning_milestone
    for m in milestones:
        if options.focus is not None and m.contender != options.focus:
            continue
        lane = lanes_by_id.get(m.contender)
        if lane is None:
            lane = lanes_by_id[m.contender] = _LaneData(m.contender, names.get(m.contender) or m.contender)
        lane.total += 1
        precision = _precision(m.precision)
        period = _period(m.date, precision)
        if period is None:
            lane.undated += 1
            continue
        if not in_filter(period):
            continue
        earlier: list[tuple[datetime, datetime]] = []
        current_mid = _mid(period)
        for change in m.history:
            old = _period(change.date, _precision(change.precision))
            if old is not None and abs((_mid(old) - current_mid).total_seconds()) > 3600 and old not in earlier:
                earlier.append(old)
        is_winner = winning_ms is not None and m.id == winning_ms
        lane.items.append(_Item(m, _status(m.status), precision, period, earlier, is_winner))

    winner_lane = options.winner
    if winner_lane is None and winning_ms is not None:
        winner_lane = next((m.contender for m in milestones if m.id == winning_ms), None)

    lanes: list[_LaneData] = []
    for lane in lanes_by_id.values():
        if options.focus is not None:
            if lane.contender == options.focus:
                lanes.append(lane)
        elif lane.items or (lane.total and not year_filtered):
            lanes.append(lane)
    far_future = datetime.max.replace(tzinfo=UTC)
    lanes.sort(
        key=lambda ln: (
            min((i.period[0] for i in ln.items), default=far_future),
            ln.name.lower(),
            ln.contender,
        )
    )

    # -- horizontal geometry
    margin = 24 * k
    lane_font, sub_font, label_font = fonts["lane"], fonts["lane_sub"], fonts["label"]
    max_col = 0.26 * width
    name_w = max((fonts.width(fonts.clean(ln.name), lane_font) for ln in lanes), default=0.0)
    col_w = min(max(name_w, 130 * k), max_col)
    plot_left = margin + col_w + 22 * k
    plot_right = width - margin - 10 * k

    # -- the time axis
    instants: list[datetime] = []
    for lane in lanes:
        for item in lane.items:
            instants += [item.period[0], max(item.period[0], item.period[1] - timedelta(microseconds=1))]
            for old in item.earlier:
                instants += [old[0], max(old[0], old[1] - timedelta(microseconds=1))]
    if (filter_lo is None or today >= filter_lo) and (filter_hi is None or today < filter_hi):
        instants.append(today)
    if filter_lo is not None:
        instants = [max(t, filter_lo) for t in instants]
    if filter_hi is not None:
        instants = [min(t, filter_hi - timedelta(microseconds=1)) for t in instants]
    if not instants:
        instants = [filter_lo or filter_hi or today]
    lo, hi = min(instants), max(instants)
    if (hi - lo).days < 730:  # short span: snap to quarters for a zoomed-in axis
        axis_start = lo.replace(month=(lo.month - 1) // 3 * 3 + 1, day=1, hour=0, minute=0, second=0, microsecond=0)
        q_hi = hi.replace(month=(hi.month - 1) // 3 * 3 + 1, day=1, hour=0, minute=0, second=0, microsecond=0)
        axis_end = _add_months(q_hi, 3)
    else:
        axis_start, axis_end = _year_start(lo.year), _year_start(hi.year + 1)
    if filter_lo is not None and filter_hi is not None:  # both years given: exactly that range
        axis_start, axis_end = filter_lo, filter_hi
    # a long axis labels every 2, 5, 10... years: widen it to whole steps so both ends are labelled
    year_w = fonts.width("2000", fonts.tick_bold) + 14 * k
    step = 1
    for _ in range(3):
        step = _year_step(axis_start, axis_end, plot_right - plot_left, year_w)
        if step == 1:
            break
        axis_start = _year_start(axis_start.year // step * step)
        last = axis_end.year if axis_end == _year_start(axis_end.year) else axis_end.year + 1
        axis_end = _year_start(-(-last // step) * step)  # rounded up to a whole step
    axis_start = max(axis_start, filter_lo) if filter_lo is not None else axis_start
    axis_end = min(axis_end, filter_hi) if filter_hi is not None else axis_end
    step = _year_step(axis_start, axis_end, plot_right - plot_left, year_w)

    def x_of(when: datetime) -> float:
        return _x_of(when, axis_start, axis_end, plot_left, plot_right)

    def clip_x(x: float) -> float:
        return min(max(x, plot_left), plot_right)

    texts: list[TextItem] = []
    y = margin

    # -- title and subtitle
    title = "Race timeline"
    if options.focus is not None:
        title = f"{names.get(options.focus, options.focus)}: timeline"
    if start_year is not None or end_year is not None:
        if start_year == end_year:
            title += f" · {start_year}"
        else:
            first_year = "" if start_year is None else str(start_year)
            last_year = "" if end_year is None else str(end_year)
            title += f" · {first_year}–{last_year}"
    title = fonts.fit(title, fonts["title"], width - 2 * margin)
    th = fonts.height(fonts["title"])
    texts.append(TextItem(title, (margin, y, margin + fonts.width(title, fonts["title"]), y + th), "title"))
    y += th + 4 * k
    n_dated = sum(len(ln.items) for ln in lanes)
    n_undated = sum(ln.undated for ln in lanes)
    subtitle = f"{_plural(n_dated, 'milestone')} · {_plural(len(lanes), 'lane')}"
    if n_undated:
        subtitle += f" · {n_undated} undated"
    subtitle += f" · as of {_short_date(today)}"
    subtitle = fonts.fit(subtitle, fonts["subtitle"], width - 2 * margin)
    sh = fonts.height(fonts["subtitle"])
    texts.append(TextItem(subtitle, (margin, y, margin + fonts.width(subtitle, fonts["subtitle"]), y + sh), "subtitle"))
    y += sh + 16 * k

    # -- ticks
    ticks = _ticks(axis_start, axis_end, x_of, step)
    tick_h = fonts.height(fonts["tick"])
    texts += _tick_labels(ticks, y, fonts, k, plot_left, plot_right, width)
    y += tick_h + 6 * k

    # -- today pill
    today_x: float | None = None
    today_pill: Box | None = None
    if axis_start <= today <= axis_end and lanes:
        today_x = x_of(today)
        pill_text = fonts.clean(f"today · {_short_date(today)}")
        pw = fonts.width(pill_text, fonts["pill"]) + 16 * k
        ph = fonts.height(fonts["pill"]) + 6 * k
        px0 = min(max(today_x - pw / 2, margin), width - margin - pw)
        today_pill = (px0, y, px0 + pw, y + ph)
        texts.append(TextItem(pill_text, (px0 + 8 * k, y + 3 * k, px0 + pw - 8 * k, y + ph - 3 * k), "today"))
        y += ph + 4 * k
    lanes_top = y + 4 * k

    # -- lanes
    radius = 9 * k
    band = 2 * (radius + 6 * k)
    label_h = fonts.height(label_font)
    row_h = label_h + 6 * k
    pad = 8 * k
    lane_h_name = fonts.height(lane_font)
    lane_h_sub = fonts.height(sub_font)
    star_w = label_h * 0.95 + 4 * k
    placed_lanes: list[LanePlacement] = []
    y = lanes_top
    for index, lane in enumerate(lanes):
        # label column: the name (up to two lines) and the undated count
        name_lines = _wrap(fonts, lane.name, lane_font, col_w, 2)
        if lane.undated:
            sub = f"{lane.undated} undated"
        elif not lane.items:
            sub = "no milestones in range" if lane.total else "no milestones"
        else:
            sub = ""
        sub = fonts.fit(sub, sub_font, col_w) if sub else ""
        block_h = len(name_lines) * lane_h_name + (lane_h_sub + 2 * k if sub else 0)

        # markers (x only for now) and label placement in lane-relative rows
        markers_x: list[tuple[_Item, float, float, float, tuple[float, ...]]] = []
        for item in lane.items:
            x0 = clip_x(x_of(item.period[0]))
            x1 = clip_x(x_of(item.period[1]))
            x = clip_x(x_of(_mid(item.period)))
            slips = tuple(clip_x(x_of(_mid(old))) for old in item.earlier)
            markers_x.append((item, x, x0, x1, slips))
        candidates = []
        for item, x, *_ in markers_x:
            raw = item.milestone.title or item.milestone.kind or item.milestone.id
            prefix = fonts.clean("first · ") + " " if item.winner else ""
            variants: list[tuple[str, float]] = []
            for chars in (LABEL_CHARS, SHORT_LABEL_CHARS):
                text = prefix + fonts.truncate(str(raw), chars)
                if not variants or variants[-1][0] != text:
                    variants.append((text, star_w if item.winner else 0.0))
            candidates.append((item, x, variants))
        candidates.sort(key=lambda c: _label_priority(c[0]))
        slots = _place_labels(
            [(x, variants) for _, x, variants in candidates],
            measure=lambda text: fonts.width(text, label_font),
            lo=plot_left - 6 * k,
            hi=width - 12 * k,
            gap=18 * k,
            stem_margin=4 * k,
            nub=6 * k,
        )
        rows_above = max((s.row for s in slots if s and s.above), default=0)
        rows_below = max((s.row for s in slots if s and not s.above), default=0)
        above_h = max(rows_above * row_h + band / 2, block_h / 2)
        below_h = max(rows_below * row_h + band / 2, block_h / 2)
        top = y
        centre = top + pad + above_h
        bottom = centre + below_h + pad

        markers = tuple(
            MarkerPlacement(
                milestone=item.milestone.id,
                contender=lane.contender,
                status=item.status,
                precision=item.precision,
                x=x,
                y=centre,
                x0=x0 if item.precision in (Precision.MONTH, Precision.QUARTER, Precision.YEAR) else x,
                x1=x1 if item.precision in (Precision.MONTH, Precision.QUARTER, Precision.YEAR) else x,
                radius=radius,
                slip_from=slips,
                winner=item.winner,
            )
            for item, x, x0, x1, slips in markers_x
        )
        labels: list[LabelPlacement] = []
        for (item, x, _variants), slot in zip(candidates, slots, strict=True):
            if slot is None:
                continue
            if slot.above:
                bottom_y = centre - band / 2 - (slot.row - 1) * row_h - 2 * k
                box = (slot.x0, bottom_y - label_h, slot.x1, bottom_y)
                stem = (centre - radius - 2 * k, bottom_y)
            else:
                top_y = centre + band / 2 + (slot.row - 1) * row_h + 2 * k
                box = (slot.x0, top_y, slot.x1, top_y + label_h)
                stem = (centre + radius + 2 * k, top_y)
            labels.append(LabelPlacement(item.milestone.id, slot.text, box, slot.above, slot.row, x, stem, item.winner))

        lane_texts: list[TextItem] = []
        ty = centre - block_h / 2
        for line in name_lines:
            lane_texts.append(
                TextItem(line, (margin, ty, margin + fonts.width(line, lane_font), ty + lane_h_name), "lane")
            )
            ty += lane_h_name
        if sub:
            ty += 2 * k
            lane_texts.append(
                TextItem(sub, (margin, ty, margin + fonts.width(sub, sub_font), ty + lane_h_sub), "lane-sub")
            )
        placed_lanes.append(
            LanePlacement(
                contender=lane.contender,
                name_lines=tuple(name_lines),
                sub=sub,
                top=top,
                bottom=bottom,
                y=centre,
                background=theme.background if index % 2 == 0 else theme.lane_alt,
                winner=winner_lane is not None and lane.contender == winner_lane,
                markers=markers,
                labels=tuple(labels),
                texts=tuple(lane_texts),
            )
        )
        y = bottom
    if not lanes:
        message = (
            "No dated milestones match these filters." if (year_filtered or options.focus) else "No milestones yet."
        )
        message = fonts.fit(message, fonts["subtitle"], width - 2 * margin)
        mh = fonts.height(fonts["subtitle"])
        texts.append(
            TextItem(
                message,
                (margin, y + 12 * k, margin + fonts.width(message, fonts["subtitle"]), y + 12 * k + mh),
                "message",
            )
        )
        y += mh + 24 * k
    lanes_bottom = y

    # -- ticks repeated under a tall chart
    if lanes_bottom - lanes_top > 640 * k:
        y += 6 * k
        texts += _tick_labels(ticks, y, fonts, k, plot_left, plot_right, width)
        y += tick_h

    # -- legend
    y += 18 * k
    any_winner = any(m.winner for lane in placed_lanes for m in lane.markers)
    legend, y = _legend(fonts, k, margin, width, y, any_winner)
    height = math.ceil(y + margin)

    return TimelineLayout(
        width=width,
        height=height,
        scale=k,
        theme=theme,
        axis_start=axis_start,
        axis_end=axis_end,
        plot_left=plot_left,
        plot_right=plot_right,
        lanes_top=lanes_top,
        lanes_bottom=lanes_bottom,
        ticks=tuple(ticks),
        today_x=today_x,
        lanes=tuple(placed_lanes),
        legend=tuple(legend),
        texts=tuple(texts),
        today_pill=today_pill,
        fonts=fonts,
    )


def _wrap(fonts: _Fonts, text: str, font: AnyFont, max_width: float, max_lines: int) -> list[str]:
    """Word-wrap to at most ``max_lines`` lines, the last cut with an ellipsis if needed."""
    words = fonts.clean(text).split(" ")
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if fonts.width(trial, font) <= max_width or not current:
            current = trial
            continue
        lines.append(current)
        if len(lines) == max_lines - 1:
            current = " ".join(words[i:])
            break
        current = word
    lines.append(current)
    return [fonts.fit(line, font, max_width) for line in lines[:max_lines]]


def _year_step(start: datetime, end: datetime, plot_width: float, label_width: float) -> int:
    """Label every 1, 2, 5, 10... years: the smallest step whose labels do not touch."""
    px_per_year = plot_width / max(1e-9, (end - start).total_seconds() / (365.25 * 86400))
    return next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500) if s * px_per_year >= label_width), 1000)


def _ticks(start: datetime, end: datetime, x_of: Any, step: int) -> list[Tick]:
    """Year ticks every ``step`` years; month ticks too when the axis spans three years or less."""
    years = range(start.year, end.year + 1)
    ticks = [Tick(x_of(_year_start(y)), _year_start(y), True) for y in years if y % step == 0]
    ticks = [t for t in ticks if start <= t.when <= end]
    if (end - start).days <= 3 * 366 + 1:
        when = start.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        if when < start:
            when = _add_months(when, 1)
        while when <= end:
            if when.month != 1:
                ticks.append(Tick(x_of(when), when, False))
            when = _add_months(when, 1)
    ticks.sort(key=lambda t: t.x)
    return ticks


def _tick_labels(
    ticks: Sequence[Tick], y: float, fonts: _Fonts, k: float, left: float, right: float, width: int
) -> list[TextItem]:
    """Year labels, then month labels where they do not collide."""
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
        month_w = max(fonts.width(m, fonts["tick"]) for m in _MONTHS)
        spacing = months[1].x - months[0].x if len(months) > 1 else right - left
        mstep = next((s for s in (1, 2, 3, 6) if s * spacing >= month_w + gap), None)
        if mstep is not None:
            first = True
            for t in months:
                if (t.when.month - 1) % mstep:
                    continue
                text = _MONTHS[t.when.month - 1]
                if first and not any(b.role == "tick-major" and b.box[0] <= t.x for b in boxes):
                    text = f"{text} {t.when.year}"
                box = centred(text, t.x, fonts["tick"])
                if fits(box):
                    boxes.append(TextItem(text, box, "tick"))
                    first = False
    return boxes


@dataclass(frozen=True)
class _Slot:
    text: str
    above: bool
    row: int
    x0: float
    x1: float


def _place_labels(
    candidates: Sequence[tuple[float, Sequence[tuple[str, float]]]],
    *,
    measure: Callable[[str], float],
    lo: float,
    hi: float,
    gap: float,
    stem_margin: float,
    nub: float,
) -> list[_Slot | None]:
    """Greedy label placement in rows above/below one lane, in the given (priority) order.

    A label is centred on its marker, or starts/ends at it; it must not come within ``gap``
    of another label in its row, must not cover the stem of a label further out, and its own
    stem must not cross a label nearer the lane. Each candidate has text variants (long,
    short), each with extra width (the winner's star); a variant is measured only when
    tried. A label that fits nowhere is skipped (None).
    """
    rows: dict[tuple[bool, int], list[tuple[float, float]]] = {}
    stems: dict[bool, list[tuple[float, int]]] = {True: [], False: []}
    order = [(above, row) for row in range(1, ROWS_PER_SIDE + 1) for above in (True, False)]
    result: list[_Slot | None] = []
    for x, variants in candidates:
        chosen: _Slot | None = None
        for text, extra in variants:
            w = measure(text) + extra
            if w > hi - lo:
                continue
            for above, row in order:
                taken = rows.setdefault((above, row), [])
                for x0 in (x - w / 2, x - nub, x + nub - w):
                    x0 = min(max(x0, lo), hi - w)
                    x1 = x0 + w
                    if not (x0 <= x <= x1):
                        continue
                    if any(x0 < b + gap and a < x1 + gap for a, b in taken):
                        continue
                    if any(r > row and x0 - stem_margin <= sx <= x1 + stem_margin for sx, r in stems[above]):
                        continue
                    if any(
                        a - stem_margin <= x <= b + stem_margin
                        for inner in range(1, row)
                        for a, b in rows.get((above, inner), ())
                    ):
                        continue
                    chosen = _Slot(text, above, row, x0, x1)
                    break
                if chosen:
                    break
            if chosen:
                break
        if chosen is not None:
            rows[(chosen.above, chosen.row)].append((chosen.x0, chosen.x1))
            stems[chosen.above].append((x, chosen.row))
        result.append(chosen)
    return result


def _legend(
    fonts: _Fonts, k: float, margin: float, width: int, y: float, winner: bool
) -> tuple[list[LegendItem], float]:
    entries = [
        (MilestoneStatus.DONE.value, "done"),
        (MilestoneStatus.PLANNED.value, "planned"),
        (MilestoneStatus.CONFIRMED.value, "confirmed"),
        (MilestoneStatus.SLIPPED.value, "slipped (from earlier date)"),
        (MilestoneStatus.CANCELLED.value, "cancelled"),
        (MilestoneStatus.UNKNOWN.value, "unknown"),
        ("range", "month/quarter/year"),
        ("today", "today"),
    ]
    if winner:
        entries.append(("first", "first"))
    font = fonts["legend"]
    h = fonts.height(font)
    row_h = h + 10 * k
    glyph_w = {"range": 30 * k, MilestoneStatus.SLIPPED.value: 44 * k}
    items: list[LegendItem] = []
    x = margin
    for kind, label in entries:
        text = fonts.clean(label)
        gw = glyph_w.get(kind, 20 * k)
        tw = fonts.width(text, font)
        total = gw + 8 * k + tw
        if x > margin and x + total > width - margin:
            x = margin
            y += row_h
        tx = x + gw + 8 * k
        items.append(LegendItem(kind, x + gw / 2, y + h / 2, TextItem(text, (tx, y, tx + tw, y + h), "legend")))
        x += total + 26 * k
    return items, y + h


# ---- drawing ----------------------------------------------------------------------------


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    """``t`` of ``a`` over ``1 - t`` of ``b``."""
    return (
        round(a[0] * t + b[0] * (1 - t)),
        round(a[1] * t + b[1] * (1 - t)),
        round(a[2] * t + b[2] * (1 - t)),
    )


class _Painter:
    def __init__(self, layout: TimelineLayout) -> None:
        self.ss = SUPERSAMPLE
        self.k = layout.scale
        self.theme = layout.theme
        assert layout.fonts is not None
        self.fonts = layout.fonts
        size = (layout.width * self.ss, layout.height * self.ss)
        self.image = Image.new("RGB", size, layout.theme.background)
        self.draw = ImageDraw.Draw(self.image)
        self.texts: list[tuple[TextItem, AnyFont, RGB]] = []  # drawn at final size, after reducing

    def s(self, v: float) -> int:
        return round(v * self.ss)

    def w(self, px: float) -> int:
        """A line width in drawing pixels (at least 1)."""
        return max(1, round(px * self.k * self.ss))

    def rect(self, box: Box, fill: RGB | None = None, outline: RGB | None = None, width: float = 1) -> None:
        self.draw.rectangle(
            [self.s(box[0]), self.s(box[1]), self.s(box[2]), self.s(box[3])],
            fill=fill,
            outline=outline,
            width=self.w(width),
        )

    def rounded(self, box: Box, radius: float, fill: RGB | None, outline: RGB | None = None, width: float = 1) -> None:
        x0, y0, x1, y1 = (self.s(v) for v in box)
        x1 = max(x1, x0 + 1)
        y1 = max(y1, y0 + 1)
        r = min(self.s(radius), (x1 - x0) // 2, (y1 - y0) // 2)
        self.draw.rounded_rectangle([x0, y0, x1, y1], radius=r, fill=fill, outline=outline, width=self.w(width))

    def line(self, points: Iterable[tuple[float, float]], fill: RGB, width: float = 1) -> None:
        self.draw.line([(self.s(x), self.s(y)) for x, y in points], fill=fill, width=self.w(width))

    def dashed(
        self, a: tuple[float, float], b: tuple[float, float], fill: RGB, width: float, dash: float, gap: float
    ) -> None:
        (x0, y0), (x1, y1) = a, b
        length = math.hypot(x1 - x0, y1 - y0)
        if length <= 0:
            return
        dx, dy = (x1 - x0) / length, (y1 - y0) / length
        pos = 0.0
        while pos < length:
            end = min(pos + dash, length)
            self.line([(x0 + dx * pos, y0 + dy * pos), (x0 + dx * end, y0 + dy * end)], fill, width)
            pos = end + gap

    def circle(
        self, x: float, y: float, r: float, fill: RGB | None, outline: RGB | None = None, width: float = 1
    ) -> None:
        self.draw.ellipse(
            [self.s(x - r), self.s(y - r), self.s(x + r), self.s(y + r)],
            fill=fill,
            outline=outline,
            width=self.w(width),
        )

    def polygon(self, points: Sequence[tuple[float, float]], fill: RGB | None, outline: RGB | None = None) -> None:
        self.draw.polygon([(self.s(x), self.s(y)) for x, y in points], fill=fill, outline=outline)

    def text(self, item: TextItem, font: AnyFont, fill: RGB) -> None:
        """Queue text: it is drawn on top of everything once the shapes are reduced."""
        self.texts.append((item, font, fill))

    def finish(self) -> Image.Image:
        image = self.image.reduce(self.ss) if self.ss > 1 else self.image
        draw = ImageDraw.Draw(image)
        for item, font, fill in self.texts:
            draw.text((round(item.box[0]), round(item.box[1])), item.text, font=font, fill=fill)
        return image

    def star(self, x: float, y: float, r: float, fill: RGB, outline: RGB | None = None) -> None:
        points = []
        for i in range(10):
            angle = -math.pi / 2 + i * math.pi / 5
            rr = r if i % 2 == 0 else r * 0.45
            points.append((x + rr * math.cos(angle), y + rr * math.sin(angle)))
        self.polygon(points, fill, outline)

    def marker(self, kind: str, x: float, y: float, r: float, bg: RGB) -> None:
        """One status glyph centred on (x, y); ``bg`` fills hollow shapes."""
        theme = self.theme
        if kind == MilestoneStatus.DONE:
            self.circle(x, y, r, theme.done, bg, 1.5)
        elif kind == MilestoneStatus.PLANNED:
            self.circle(x, y, r, bg, theme.planned, 3)
        elif kind == MilestoneStatus.CONFIRMED:
            self.circle(x, y, r, bg, theme.confirmed, 3)
            self.circle(x, y, r * 0.33, theme.confirmed)
        elif kind == MilestoneStatus.SLIPPED:
            d = r * 1.25
            self.polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)], theme.slipped, bg)
        elif kind == MilestoneStatus.CANCELLED:
            d = r * 0.8
            self.line([(x - d, y - d), (x + d, y + d)], theme.cancelled, 4)
            self.line([(x - d, y + d), (x + d, y - d)], theme.cancelled, 4)
        else:
            self.circle(x, y, r, theme.unknown, bg, 1.5)
            try:
                self.draw.text((self.s(x), self.s(y)), "?", font=self.fonts.glyph, fill=bg, anchor="mm")
            except (ValueError, TypeError):  # a bitmap font has no anchors
                self.draw.text((self.s(x - r / 3), self.s(y - r / 2)), "?", font=self.fonts.glyph, fill=bg)


def render_timeline(
    contenders: list[Contender],
    milestones: list[Milestone],
    *,
    today: datetime,
    options: TimelineOptions = TimelineOptions(),
) -> bytes:
    """The timeline as PNG bytes (``options.width`` wide; height grows with the lanes)."""
    layout = layout_timeline(contenders, milestones, today=today, options=options)
    return paint_layout(layout)


def paint_layout(layout: TimelineLayout) -> bytes:
    """Paint a layout from ``layout_timeline`` into PNG bytes."""
    p = _Painter(layout)
    theme, fonts, k = layout.theme, p.fonts, layout.scale

    # lane bands, lane lines, grid
    for lane in layout.lanes:
        if lane.background != theme.background:
            p.rect((0, lane.top, layout.width, lane.bottom), fill=lane.background)
    for tick in layout.ticks:
        colour = theme.grid if tick.major else theme.grid_minor
        p.line([(tick.x, layout.lanes_top), (tick.x, layout.lanes_bottom)], colour, 1.5 if tick.major else 1)
    for lane in layout.lanes:
        p.line([(layout.plot_left, lane.y), (layout.plot_right, lane.y)], theme.lane_line, 2)

    # today
    if layout.today_x is not None and layout.today_pill is not None:
        p.dashed(
            (layout.today_x, layout.today_pill[3]),
            (layout.today_x, layout.lanes_bottom),
            theme.today,
            2,
            8 * k,
            5 * k,
        )

    for lane in layout.lanes:
        bg = lane.background
        # slip lines under everything else in the lane
        for m in lane.markers:
            for old in m.slip_from:
                p.dashed((old, m.y), (m.x, m.y), theme.slipped, 2.5, 7 * k, 5 * k)
                p.circle(old, m.y, m.radius * 0.5, bg, theme.slipped, 2)
                direction = 1 if m.x > old else -1
                tip = m.x - direction * (m.radius * 1.25 + 2 * k)
                if abs(tip - old) > 10 * k:
                    a = 7 * k
                    p.polygon(
                        [
                            (tip, m.y),
                            (tip - direction * a, m.y - a * 0.7),
                            (tip - direction * a, m.y + a * 0.7),
                        ],
                        theme.slipped,
                    )
        # stems
        for label in lane.labels:
            p.line([(label.anchor_x, label.stem[0]), (label.anchor_x, label.stem[1])], theme.muted, 1)
        # markers: least important first, so the important ones end up on top
        for m in sorted(lane.markers, key=lambda m: (m.winner, -_STATUS_RANK.get(m.status, 6))):
            colour = theme.status_colour(m.status)
            r = m.radius
            if m.is_range:
                h = 7 * k
                p.rounded((m.x0, m.y - h, m.x1, m.y + h), h, _mix(colour, bg, 0.4), colour, 1.5)
                r = m.radius * 0.8
            if m.winner:
                p.circle(m.x, m.y, r + 6 * k, None, theme.gold, 3.5)
            p.marker(m.status, m.x, m.y, r, bg)
        # labels on a plate of the lane colour, so grid and today lines do not cross the text
        for label in lane.labels:
            x0, y0, x1, y1 = label.box
            p.rect((x0 - 3 * k, y0, x1 + 3 * k, y1), fill=bg)
            text_x0 = x0
            if label.star:
                sr = (y1 - y0) * 0.42
                p.star(x0 + sr, (y0 + y1) / 2, sr, theme.gold)
                text_x0 = x0 + (y1 - y0) * 0.95 + 4 * k
            p.text(TextItem(label.text, (text_x0, y0, x1, y1), "label"), fonts["label"], theme.text)
        # lane label column
        for item in lane.texts:
            if item.role == "lane":
                p.text(item, fonts["lane"], theme.text)
            else:
                p.text(item, fonts["lane_sub"], theme.muted)
        if lane.winner:
            first = lane.texts[0].box if lane.texts else (24 * k, lane.y, 0, lane.y)
            p.star(first[0] / 2 - k, (first[1] + first[3]) / 2, 7.5 * k, theme.gold)

    # title, ticks, today pill, message
    if layout.today_pill is not None:
        p.rounded(layout.today_pill, (layout.today_pill[3] - layout.today_pill[1]) / 2, theme.today_pill)
    for item in layout.texts:
        if item.role == "title":
            p.text(item, fonts["title"], theme.text)
        elif item.role in ("subtitle", "message"):
            p.text(item, fonts["subtitle"], theme.muted)
        elif item.role == "tick-major":
            p.text(item, fonts.tick_bold, theme.text)
        elif item.role == "tick":
            p.text(item, fonts["tick"], theme.muted)
        elif item.role == "today":
            p.text(item, fonts["pill"], theme.today_text)

    # legend
    bg = theme.background
    for entry in layout.legend:
        gx, gy, r = entry.glyph_x, entry.y, 9 * k
        if entry.kind == "range":
            p.rounded(
                (gx - 15 * k, gy - 7 * k, gx + 15 * k, gy + 7 * k),
                7 * k,
                _mix(theme.planned, bg, 0.4),
                theme.planned,
                1.5,
            )
            p.marker(MilestoneStatus.PLANNED, gx, gy, r * 0.8, bg)
        elif entry.kind == "today":
            p.dashed((gx, gy - 12 * k), (gx, gy + 12 * k), theme.today, 2, 6 * k, 4 * k)
        elif entry.kind == "first":
            p.star(gx, gy, r * 1.2, theme.gold)
        elif entry.kind == MilestoneStatus.SLIPPED:
            p.dashed((gx - 20 * k, gy), (gx + 4 * k, gy), theme.slipped, 2.5, 5 * k, 4 * k)
            p.circle(gx - 20 * k, gy, r * 0.5, bg, theme.slipped, 2)
            p.marker(MilestoneStatus.SLIPPED, gx + 12 * k, gy, r, bg)
        else:
            p.marker(entry.kind, gx, gy, r, bg)
        p.text(entry.text, fonts["legend"], theme.text)

    image = p.finish()
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()

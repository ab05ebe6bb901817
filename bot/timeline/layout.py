"""Where everything goes: ``layout_timeline`` turns contenders and milestones into a layout.

Top to bottom: title and subtitle, tick labels, the today pill, one lane per contender
(label column, markers on the lane line, labels in rows above and below), the tick labels
again under a tall chart, then the legend. Each step is a function of the ones before, so
``layout_timeline`` reads as the list of steps.

Every word is in the reader's language (``lang``): interface words from the catalogue
(``bot.timeline.strings``), names and titles from the items' translated texts, falling back to
the stored English when an item has none. Lanes keep the same order in every language (ties
are broken by the English name), so two readers see the same picture in their own words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.core.i18n import DEFAULT, tr, tr_n
from bot.core.models import Contender, Milestone, MilestoneKind, MilestoneStatus, Precision, text_in
from bot.timeline import strings as _strings  # noqa: F401  (registers the picture's words)
from bot.timeline.axis import Axis, tick_labels, ticks, time_axis
from bot.timeline.dates import Period, mid, period, short_date, utc, year_start
from bot.timeline.fonts import AnyFont, Fonts
from bot.timeline.labels import LABEL_CHARS, SHORT_LABEL_CHARS, Slot, Variant, place_labels
from bot.timeline.records import (
    STATUS_RANK,
    Box,
    LabelPlacement,
    LanePlacement,
    LegendItem,
    MarkerPlacement,
    TextItem,
    TimelineLayout,
)
from bot.timeline.theme import DEFAULT_OPTIONS, Theme, TimelineOptions, theme_colours

MIN_WIDTH = 400
_RANGES = (Precision.MONTH, Precision.QUARTER, Precision.YEAR)  # drawn as a bar over the period
_KEY_KINDS = {MilestoneKind.LAUNCH, MilestoneKind.LANDING, MilestoneKind.DOCKING}
_RELEASE_KINDS = {MilestoneKind.PREMIERE, MilestoneKind.RELEASE}


def layout_timeline(
    contenders: Sequence[Contender],
    milestones: Sequence[Milestone],
    *,
    today: datetime,
    options: TimelineOptions = DEFAULT_OPTIONS,
    lang: str = DEFAULT,
) -> TimelineLayout:
    """Where everything goes, every word in ``lang``; ``render_timeline`` draws exactly this."""
    if options.width < MIN_WIDTH:
        raise ValueError(f"width must be at least {MIN_WIDTH} px, got {options.width}")
    theme = theme_colours(options.theme)
    width = int(options.width)
    fonts = Fonts(width / 1200)
    if fonts.ascii_only:  # no font with Cyrillic (not even the shipped one): English reads, "??????" does not
        lang = DEFAULT
    today = utc(today)
    window = _year_window(options)
    lanes, winner_lane = _collect_lanes(contenders, milestones, options, window, lang)
    g = _geometry(width, fonts, lanes)
    axis = time_axis(
        _periods(lanes), today, window.lo, window.hi, fonts=fonts, k=g.k, left=g.plot_left, right=g.plot_right
    )
    axis_ticks = ticks(axis)
    tick_h = fonts.height(fonts["tick"])

    texts, y = _header(options, window, contenders, lanes, today, fonts, g, lang)
    texts += tick_labels(axis_ticks, y, fonts, g.k, axis, width, lang)
    y += tick_h + 6 * g.k
    pill, y = _today_pill(today, axis, bool(lanes), y, fonts, g, lang)
    if pill is not None:
        texts.append(pill.text)
    lanes_top = y + 4 * g.k
    placed, y = _place_lanes(lanes, lanes_top, axis, theme, winner_lane, fonts, g, lang)
    if not lanes:
        message, y = _empty_message(bool(window.filtered or options.focus), y, fonts, g, lang)
        texts.append(message)
    lanes_bottom = y
    if lanes_bottom - lanes_top > 640 * g.k:  # a tall chart repeats the tick labels below it
        y += 6 * g.k
        texts += tick_labels(axis_ticks, y, fonts, g.k, axis, width, lang)
        y += tick_h
    any_winner = any(m.winner for lane in placed for m in lane.markers)
    legend, y = _legend(y + 18 * g.k, any_winner, fonts, g, lang)

    return TimelineLayout(
        width=width,
        height=math.ceil(y + g.margin),
        scale=g.k,
        theme=theme,
        axis_start=axis.start,
        axis_end=axis.end,
        plot_left=g.plot_left,
        plot_right=g.plot_right,
        lanes_top=lanes_top,
        lanes_bottom=lanes_bottom,
        ticks=tuple(axis_ticks),
        today_x=pill.x if pill is not None else None,
        lanes=tuple(placed),
        legend=tuple(legend),
        texts=tuple(texts),
        today_pill=pill.box if pill is not None else None,
        fonts=fonts,
    )


# -- the year filter ----------------------------------------------------------------------


@dataclass(frozen=True)
class _YearWindow:
    """The years asked for (swapped if given backwards) and the instants [lo, hi) they cover."""

    first: int | None
    last: int | None
    lo: datetime | None
    hi: datetime | None

    @property
    def filtered(self) -> bool:
        return self.lo is not None or self.hi is not None

    def admits(self, span: Period) -> bool:
        """Whether any of ``span`` falls inside the window (an instant counts as 1 µs long)."""
        lo, hi = span
        if self.lo is not None and max(hi, lo + timedelta(microseconds=1)) <= self.lo:
            return False
        return not (self.hi is not None and lo >= self.hi)


def _year_window(options: TimelineOptions) -> _YearWindow:
    first, last = options.start_year, options.end_year
    if first is not None and last is not None and first > last:
        first, last = last, first
    lo = year_start(first) if first is not None else None
    hi = year_start(last + 1) if last is not None else None
    return _YearWindow(first, last, lo, hi)


# -- lanes and their milestones -----------------------------------------------------------


@dataclass
class _Item:
    """A milestone ready to place, with its title in the reader's language."""

    milestone: Milestone
    title: str
    status: MilestoneStatus
    precision: Precision
    period: Period
    earlier: list[Period]
    winner: bool


@dataclass
class _LaneData:
    contender: str
    name: str  # in the reader's language
    key: str  # the stored (English) name: the same lane order in every language
    items: list[_Item] = field(default_factory=list)
    undated: int = 0
    total: int = 0


def _collect_lanes(
    contenders: Sequence[Contender],
    milestones: Sequence[Milestone],
    options: TimelineOptions,
    window: _YearWindow,
    lang: str,
) -> tuple[list[_LaneData], str | None]:
    """The lanes to draw, in order, and the id of the winner's lane.

    A milestone whose contender is not listed still gets a lane, named by its id; a dated
    milestone outside the year window is left out, an undated one is only counted.
    """
    by_id: dict[str, _LaneData] = {}
    for c in contenders:
        by_id.setdefault(c.id, _LaneData(c.id, _name(c, lang), c.name or c.id))
    for m in milestones:
        if options.focus is not None and m.contender != options.focus:
            continue
        lane = by_id.get(m.contender)
        if lane is None:
            lane = by_id[m.contender] = _LaneData(m.contender, m.contender, m.contender)
        lane.total += 1
        precision = _precision(m.precision)
        span = period(m.date, precision)
        if span is None:
            lane.undated += 1
        elif window.admits(span):
            lane.items.append(_item(m, precision, span, options.winning_milestone, lang))
    return _shown(by_id.values(), options, window), _winner_lane(options, milestones)


def _name(contender: Contender, lang: str) -> str:
    """A contender's name in ``lang``, else the stored one, else its id."""
    return text_in(contender, "name", lang) or contender.name or contender.id


def _title_of(m: Milestone, lang: str) -> str:
    """A milestone's label text in ``lang``: its title, else the stored one, else its kind or id."""
    title = text_in(m, "title", lang) or m.title
    if title:
        return str(title)
    kind = str(m.kind or "")
    if kind in {k.value for k in MilestoneKind}:
        return tr(f"timeline.kind.{kind}", lang)
    return kind or m.id


def _item(m: Milestone, precision: Precision, span: Period, winning_milestone: str | None, lang: str) -> _Item:
    """A dated milestone with the distinct earlier dates it slipped from (an hour away or more)."""
    earlier: list[Period] = []
    current_mid = mid(span)
    for change in m.history:
        old = period(change.date, _precision(change.precision))
        if old is not None and abs((mid(old) - current_mid).total_seconds()) > 3600 and old not in earlier:
            earlier.append(old)
    is_winner = winning_milestone is not None and m.id == winning_milestone
    return _Item(m, _title_of(m, lang), _status(m.status), precision, span, earlier, is_winner)


def _shown(lanes: Iterable[_LaneData], options: TimelineOptions, window: _YearWindow) -> list[_LaneData]:
    """The focus lane alone, or every lane with something to show; earliest milestone first."""
    shown: list[_LaneData] = []
    for lane in lanes:
        if options.focus is not None:
            if lane.contender == options.focus:
                shown.append(lane)
        elif lane.items or (lane.total and not window.filtered):
            shown.append(lane)
    far_future = datetime.max.replace(tzinfo=UTC)
    shown.sort(
        key=lambda ln: (
            min((i.period[0] for i in ln.items), default=far_future),
            ln.key.lower(),
            ln.contender,
        )
    )
    return shown


def _winner_lane(options: TimelineOptions, milestones: Sequence[Milestone]) -> str | None:
    """The winner as given, else the contender of the winning milestone."""
    if options.winner is not None or options.winning_milestone is None:
        return options.winner
    return next((m.contender for m in milestones if m.id == options.winning_milestone), None)


def _precision(value: str) -> Precision:
    """Stored values may be plain strings, or nonsense: that is an unknown precision."""
    try:
        return Precision(value)
    except ValueError:
        return Precision.UNKNOWN


def _status(value: str) -> MilestoneStatus:
    try:
        return MilestoneStatus(value)
    except ValueError:
        return MilestoneStatus.UNKNOWN


def _periods(lanes: Iterable[_LaneData]) -> Iterator[Period]:
    """Every span the axis must show: each milestone's period and its earlier ones."""
    for lane in lanes:
        for item in lane.items:
            yield item.period
            yield from item.earlier


# -- horizontal geometry ------------------------------------------------------------------


@dataclass(frozen=True)
class _Geometry:
    """Sizes every step shares, all scaled with the width (``k`` = width / 1200)."""

    width: int
    k: float
    margin: float
    col_w: float  # the label column of contender names
    plot_left: float
    plot_right: float
    radius: float  # of a marker
    band: float  # kept clear around the lane line for the markers
    label_h: float
    row_h: float  # one row of labels
    pad: float  # above and below a lane's content
    name_h: float  # one line of a contender's name
    sub_h: float  # the line under it ("2 undated")
    star_w: float  # the winner's star in front of its label


def _geometry(width: int, fonts: Fonts, lanes: Sequence[_LaneData]) -> _Geometry:
    """The label column is as wide as the longest name, within limits; the plot takes the rest."""
    k = width / 1200
    margin = 24 * k
    lane_font = fonts["lane"]
    name_w = max((fonts.width(fonts.clean(ln.name), lane_font) for ln in lanes), default=0.0)
    col_w = min(max(name_w, 130 * k), 0.26 * width)
    radius = 9 * k
    label_h = fonts.height(fonts["label"])
    return _Geometry(
        width=width,
        k=k,
        margin=margin,
        col_w=col_w,
        plot_left=margin + col_w + 22 * k,
        plot_right=width - margin - 10 * k,
        radius=radius,
        band=2 * (radius + 6 * k),
        label_h=label_h,
        row_h=label_h + 6 * k,
        pad=8 * k,
        name_h=fonts.height(lane_font),
        sub_h=fonts.height(fonts["lane_sub"]),
        star_w=label_h * 0.95 + 4 * k,
    )


def _line(fonts: Fonts, text: str, font: AnyFont, x: float, y: float, role: str) -> TextItem:
    """One line of text at (x, y), its box measured with the font it is drawn in."""
    return TextItem(text, (x, y, x + fonts.width(text, font), y + fonts.height(font)), role)


# -- title and subtitle -------------------------------------------------------------------


def _header(
    options: TimelineOptions,
    window: _YearWindow,
    contenders: Sequence[Contender],
    lanes: Sequence[_LaneData],
    today: datetime,
    fonts: Fonts,
    g: _Geometry,
    lang: str,
) -> tuple[list[TextItem], float]:
    """The title and subtitle, and the y under them."""
    y = g.margin
    title = fonts.fit(_title(options, window, contenders, lang), fonts["title"], g.width - 2 * g.margin)
    texts = [_line(fonts, title, fonts["title"], g.margin, y, "title")]
    y += fonts.height(fonts["title"]) + 4 * g.k
    subtitle = fonts.fit(_subtitle(lanes, today, lang), fonts["subtitle"], g.width - 2 * g.margin)
    texts.append(_line(fonts, subtitle, fonts["subtitle"], g.margin, y, "subtitle"))
    y += fonts.height(fonts["subtitle"]) + 16 * g.k
    return texts, y


def _title(options: TimelineOptions, window: _YearWindow, contenders: Sequence[Contender], lang: str) -> str:
    """ "Race timeline", or the focus contender's, with the years asked for."""
    title = tr("timeline.title", lang)
    if options.focus is not None:
        names = {c.id: _name(c, lang) for c in contenders}
        title = tr("timeline.title.focus", lang, name=names.get(options.focus, options.focus))
    first, last = window.first, window.last
    if first is not None or last is not None:
        if first == last:
            title += f" · {first}"
        else:
            title += f" · {'' if first is None else first}–{'' if last is None else last}"
    return title


def _subtitle(lanes: Sequence[_LaneData], today: datetime, lang: str) -> str:
    """What is counted, so a reader knows what the picture leaves out."""
    n_dated = sum(len(ln.items) for ln in lanes)
    n_undated = sum(ln.undated for ln in lanes)
    parts = [tr_n("timeline.milestones", n_dated, lang), tr_n("timeline.lanes", len(lanes), lang)]
    if n_undated:
        parts.append(tr("timeline.undated", lang, n=n_undated))
    parts.append(tr("timeline.as_of", lang, date=short_date(today, lang)))
    return " · ".join(parts)


# -- today pill ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pill:
    x: float  # today's line
    box: Box
    text: TextItem


def _today_pill(
    today: datetime, axis: Axis, has_lanes: bool, y: float, fonts: Fonts, g: _Geometry, lang: str
) -> tuple[_Pill | None, float]:
    """The "today · 12 Mar 2025" pill heading today's line, if today is on the axis; and the y under it."""
    if not (axis.start <= today <= axis.end and has_lanes):
        return None, y
    k = g.k
    today_x = axis.x_of(today)
    text = fonts.clean(tr("timeline.today", lang, date=short_date(today, lang)))
    pw = fonts.width(text, fonts["pill"]) + 16 * k
    ph = fonts.height(fonts["pill"]) + 6 * k
    px0 = min(max(today_x - pw / 2, g.margin), g.width - g.margin - pw)
    item = TextItem(text, (px0 + 8 * k, y + 3 * k, px0 + pw - 8 * k, y + ph - 3 * k), "today")
    return _Pill(today_x, (px0, y, px0 + pw, y + ph), item), y + (ph + 4 * k)


# -- lanes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _NameBlock:
    lines: tuple[str, ...]  # the name, on up to two lines
    sub: str  # "2 undated", "no milestones in range", or ""
    height: float


@dataclass(frozen=True)
class _MarkerX:
    item: _Item
    x: float  # the marker: the middle of the period
    x0: float  # the period's ends
    x1: float
    slips: tuple[float, ...]  # the earlier dates


@dataclass(frozen=True)
class _Candidate:
    item: _Item
    x: float
    variants: list[Variant]  # long text, then short


def _place_lanes(
    lanes: Sequence[_LaneData],
    top: float,
    axis: Axis,
    theme: Theme,
    winner_lane: str | None,
    fonts: Fonts,
    g: _Geometry,
    lang: str,
) -> tuple[list[LanePlacement], float]:
    """The lanes stacked from ``top`` down, and the y under the last one."""
    placed: list[LanePlacement] = []
    y = top
    for index, lane in enumerate(lanes):
        placed.append(_place_lane(lane, index, y, axis, theme, winner_lane, fonts, g, lang))
        y = placed[-1].bottom
    return placed, y


def _place_lane(
    lane: _LaneData,
    index: int,
    top: float,
    axis: Axis,
    theme: Theme,
    winner_lane: str | None,
    fonts: Fonts,
    g: _Geometry,
    lang: str,
) -> LanePlacement:
    """One lane from ``top`` down: as tall as its label rows (or its name) need."""
    block = _name_block(lane, fonts, g, lang)
    positions = _marker_positions(lane, axis)
    candidates = _label_candidates(positions, fonts, g, lang)
    slots = _slots(candidates, fonts, g)
    rows_above = max((s.row for s in slots if s and s.above), default=0)
    rows_below = max((s.row for s in slots if s and not s.above), default=0)
    above_h = max(rows_above * g.row_h + g.band / 2, block.height / 2)
    below_h = max(rows_below * g.row_h + g.band / 2, block.height / 2)
    centre = top + g.pad + above_h
    return LanePlacement(
        contender=lane.contender,
        name_lines=block.lines,
        sub=block.sub,
        top=top,
        bottom=centre + below_h + g.pad,
        y=centre,
        background=theme.background if index % 2 == 0 else theme.lane_alt,
        winner=winner_lane is not None and lane.contender == winner_lane,
        markers=_markers(positions, lane.contender, centre, g),
        labels=_label_boxes(candidates, slots, centre, g),
        texts=_name_texts(block, centre, fonts, g),
    )


def _name_block(lane: _LaneData, fonts: Fonts, g: _Geometry, lang: str) -> _NameBlock:
    """The label column: the name, then the undated count (they are not on the axis)."""
    lines = fonts.wrap(lane.name, fonts["lane"], g.col_w, 2)
    if lane.undated:
        sub = tr("timeline.undated", lang, n=lane.undated)
    elif not lane.items:
        sub = tr("timeline.lane.none_in_range" if lane.total else "timeline.lane.none", lang)
    else:
        sub = ""
    sub = fonts.fit(sub, fonts["lane_sub"], g.col_w) if sub else ""
    height = len(lines) * g.name_h + (g.sub_h + 2 * g.k if sub else 0)
    return _NameBlock(tuple(lines), sub, height)


def _name_texts(block: _NameBlock, centre: float, fonts: Fonts, g: _Geometry) -> tuple[TextItem, ...]:
    """The name block, centred on the lane line."""
    texts: list[TextItem] = []
    ty = centre - block.height / 2
    for line in block.lines:
        texts.append(_line(fonts, line, fonts["lane"], g.margin, ty, "lane"))
        ty += g.name_h
    if block.sub:
        ty += 2 * g.k
        texts.append(_line(fonts, block.sub, fonts["lane_sub"], g.margin, ty, "lane-sub"))
    return tuple(texts)


def _marker_positions(lane: _LaneData, axis: Axis) -> list[_MarkerX]:
    """The x of each marker; a date beyond the axis (outside a year filter) sits at its edge."""

    def x(when: datetime) -> float:
        return axis.clip_x(axis.x_of(when))

    return [
        _MarkerX(
            item, x(mid(item.period)), x(item.period[0]), x(item.period[1]), tuple(x(mid(old)) for old in item.earlier)
        )
        for item in lane.items
    ]


def _markers(positions: Sequence[_MarkerX], contender: str, centre: float, g: _Geometry) -> tuple[MarkerPlacement, ...]:
    """The markers on the lane line; only a month, quarter or year has a bar (x0 < x1)."""
    return tuple(
        MarkerPlacement(
            milestone=p.item.milestone.id,
            contender=contender,
            status=p.item.status,
            precision=p.item.precision,
            x=p.x,
            y=centre,
            x0=p.x0 if p.item.precision in _RANGES else p.x,
            x1=p.x1 if p.item.precision in _RANGES else p.x,
            radius=g.radius,
            slip_from=p.slips,
            winner=p.item.winner,
        )
        for p in positions
    )


def _label_priority(item: _Item) -> tuple[bool, int, int, bool, datetime, str]:
    """Lower sorts first: the winner, then done/slipped, launches, confirmed, planned..."""
    kind = item.milestone.kind
    rank = STATUS_RANK.get(item.status, 6)
    if kind in _KEY_KINDS and rank > 2:
        rank = 2
    kind_rank = 0 if kind in _KEY_KINDS else 1 if kind in _RELEASE_KINDS else 2
    return (not item.winner, rank, kind_rank, not item.milestone.pinned, item.period[0], item.milestone.id)


def _label_candidates(positions: Sequence[_MarkerX], fonts: Fonts, g: _Geometry, lang: str) -> list[_Candidate]:
    """Each milestone's label texts, long then short, most important milestone first."""
    candidates: list[_Candidate] = []
    first = fonts.clean(tr("timeline.first", lang) + " · ") + " "
    for p in positions:
        item = p.item
        prefix = first if item.winner else ""
        variants: list[Variant] = []
        for chars in (LABEL_CHARS, SHORT_LABEL_CHARS):
            text = prefix + fonts.truncate(item.title, chars)
            if not variants or variants[-1][0] != text:
                variants.append((text, g.star_w if item.winner else 0.0))
        candidates.append(_Candidate(item, p.x, variants))
    candidates.sort(key=lambda c: _label_priority(c.item))
    return candidates


def _slots(candidates: Sequence[_Candidate], fonts: Fonts, g: _Geometry) -> list[Slot | None]:
    """Label rows for one lane; labels may run into the label column's margin, not off the picture."""
    label_font = fonts["label"]
    k = g.k
    return place_labels(
        [(c.x, c.variants) for c in candidates],
        measure=lambda text: fonts.width(text, label_font),
        lo=g.plot_left - 6 * k,
        hi=g.width - 12 * k,
        gap=18 * k,
        stem_margin=4 * k,
        nub=6 * k,
    )


def _label_boxes(
    candidates: Sequence[_Candidate], slots: Sequence[Slot | None], centre: float, g: _Geometry
) -> tuple[LabelPlacement, ...]:
    """Label rows to boxes: row 1 just clear of the markers, row 2 one row further out."""
    labels: list[LabelPlacement] = []
    for c, slot in zip(candidates, slots, strict=True):
        if slot is None:
            continue
        if slot.above:
            bottom_y = centre - g.band / 2 - (slot.row - 1) * g.row_h - 2 * g.k
            box = (slot.x0, bottom_y - g.label_h, slot.x1, bottom_y)
            stem = (centre - g.radius - 2 * g.k, bottom_y)
        else:
            top_y = centre + g.band / 2 + (slot.row - 1) * g.row_h + 2 * g.k
            box = (slot.x0, top_y, slot.x1, top_y + g.label_h)
            stem = (centre + g.radius + 2 * g.k, top_y)
        labels.append(
            LabelPlacement(c.item.milestone.id, slot.text, box, slot.above, slot.row, c.x, stem, c.item.winner)
        )
    return tuple(labels)


# -- what is left: an empty chart, the legend ---------------------------------------------


def _empty_message(filtered: bool, y: float, fonts: Fonts, g: _Geometry, lang: str) -> tuple[TextItem, float]:
    """With no lanes, say why instead of drawing an empty grid; and the y under it."""
    message = tr("timeline.empty.filtered" if filtered else "timeline.empty", lang)
    message = fonts.fit(message, fonts["subtitle"], g.width - 2 * g.margin)
    item = _line(fonts, message, fonts["subtitle"], g.margin, y + 12 * g.k, "message")
    return item, y + (fonts.height(fonts["subtitle"]) + 24 * g.k)


_LEGEND = (  # each glyph, and the catalogue key of its meaning
    (MilestoneStatus.DONE.value, "timeline.legend.done"),
    (MilestoneStatus.PLANNED.value, "timeline.legend.planned"),
    (MilestoneStatus.CONFIRMED.value, "timeline.legend.confirmed"),
    (MilestoneStatus.SLIPPED.value, "timeline.legend.slipped"),
    (MilestoneStatus.CANCELLED.value, "timeline.legend.cancelled"),
    (MilestoneStatus.UNKNOWN.value, "timeline.legend.unknown"),
    ("range", "timeline.legend.range"),
    ("today", "timeline.legend.today"),
)


def _legend(y: float, winner: bool, fonts: Fonts, g: _Geometry, lang: str) -> tuple[list[LegendItem], float]:
    """Every glyph with its meaning, wrapped to the width ("first" only when a winner is marked)."""
    entries = [*_LEGEND, ("first", "timeline.first")] if winner else list(_LEGEND)
    k, margin = g.k, g.margin
    font = fonts["legend"]
    h = fonts.height(font)
    row_h = h + 10 * k
    glyph_w = {"range": 30 * k, MilestoneStatus.SLIPPED.value: 44 * k}
    items: list[LegendItem] = []
    x = margin
    for kind, key in entries:
        text = fonts.clean(tr(key, lang))
        gw = glyph_w.get(kind, 20 * k)
        tw = fonts.width(text, font)
        total = gw + 8 * k + tw
        if x > margin and x + total > g.width - margin:
            x = margin
            y += row_h
        tx = x + gw + 8 * k
        items.append(LegendItem(kind, x + gw / 2, y + h / 2, TextItem(text, (tx, y, tx + tw, y + h), "legend")))
        x += total + 26 * k
    return items, y + h

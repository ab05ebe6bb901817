"""Drawing a layout: shapes at twice the size, reduced, then the text on top at final size.

The painter decides nothing about positions; it draws the records of ``layout`` in a fixed
order (bands and grid, today's line, each lane, title and ticks, legend), so what is on top
of what never depends on the data.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence

from PIL import Image, ImageDraw

from bot.core.models import MilestoneStatus
from bot.timeline.fonts import SUPERSAMPLE, AnyFont, Fonts
from bot.timeline.records import STATUS_RANK, Box, LanePlacement, LegendItem, MarkerPlacement, TextItem, TimelineLayout
from bot.timeline.theme import RGB, Theme, mix

Point = tuple[float, float]
Styles = dict[str, tuple[AnyFont, RGB]]  # text role -> (font, colour)


class _Painter:
    """Shapes in layout pixels, drawn at ``SUPERSAMPLE`` times the size; text queued for later."""

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
        """A layout coordinate in drawing pixels."""
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
        """A rounded box, at least one pixel each way so Pillow never refuses it."""
        x0, y0, x1, y1 = (self.s(v) for v in box)
        x1 = max(x1, x0 + 1)
        y1 = max(y1, y0 + 1)
        r = min(self.s(radius), (x1 - x0) // 2, (y1 - y0) // 2)
        self.draw.rounded_rectangle([x0, y0, x1, y1], radius=r, fill=fill, outline=outline, width=self.w(width))

    def line(self, points: Iterable[Point], fill: RGB, width: float = 1) -> None:
        self.draw.line([(self.s(x), self.s(y)) for x, y in points], fill=fill, width=self.w(width))

    def dashed(self, a: Point, b: Point, fill: RGB, width: float, dash: float, gap: float) -> None:
        """Pillow has no dashed lines: short solid ones, ``dash`` long, ``gap`` apart."""
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

    def polygon(self, points: Sequence[Point], fill: RGB | None, outline: RGB | None = None) -> None:
        self.draw.polygon([(self.s(x), self.s(y)) for x, y in points], fill=fill, outline=outline)

    def text(self, item: TextItem, font: AnyFont, fill: RGB) -> None:
        """Queue text: it is drawn on top of everything once the shapes are reduced."""
        self.texts.append((item, font, fill))

    def finish(self) -> Image.Image:
        """Reduce the shapes to final size, then draw the queued text crisply on top."""
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


def paint_layout(layout: TimelineLayout) -> bytes:
    """Paint a layout from ``layout_timeline`` into PNG bytes."""
    p = _Painter(layout)
    styles = _text_styles(p.fonts, layout.theme)
    _paint_grid(p, layout)
    _paint_today(p, layout)
    for lane in layout.lanes:
        _paint_lane(p, lane, styles)
    if layout.today_pill is not None:
        pill = layout.today_pill
        p.rounded(pill, (pill[3] - pill[1]) / 2, layout.theme.today_pill)
    _paint_texts(p, layout.texts, styles)
    _paint_legend(p, layout.legend, styles)
    out = io.BytesIO()
    p.finish().save(out, format="PNG", compress_level=3)
    return out.getvalue()


def _text_styles(fonts: Fonts, theme: Theme) -> Styles:
    """The font and colour of each text role: secondary text is muted."""
    return {
        "title": (fonts["title"], theme.text),
        "subtitle": (fonts["subtitle"], theme.muted),
        "message": (fonts["subtitle"], theme.muted),
        "tick-major": (fonts.tick_bold, theme.text),
        "tick": (fonts["tick"], theme.muted),
        "today": (fonts["pill"], theme.today_text),
        "lane": (fonts["lane"], theme.text),
        "lane-sub": (fonts["lane_sub"], theme.muted),
        "label": (fonts["label"], theme.text),
        "legend": (fonts["legend"], theme.text),
    }


def _paint_texts(p: _Painter, items: Iterable[TextItem], styles: Styles) -> None:
    for item in items:
        font, colour = styles[item.role]
        p.text(item, font, colour)


def _paint_grid(p: _Painter, layout: TimelineLayout) -> None:
    """Alternate lane bands, then the tick lines over them, then the lane lines over those."""
    theme = layout.theme
    for lane in layout.lanes:
        if lane.background != theme.background:
            p.rect((0, lane.top, layout.width, lane.bottom), fill=lane.background)
    for tick in layout.ticks:
        colour = theme.grid if tick.major else theme.grid_minor
        p.line([(tick.x, layout.lanes_top), (tick.x, layout.lanes_bottom)], colour, 1.5 if tick.major else 1)
    for lane in layout.lanes:
        p.line([(layout.plot_left, lane.y), (layout.plot_right, lane.y)], theme.lane_line, 2)


def _paint_today(p: _Painter, layout: TimelineLayout) -> None:
    """Today's dashed line, from under its pill to the bottom of the lanes."""
    if layout.today_x is not None and layout.today_pill is not None:
        k = layout.scale
        top, bottom = (layout.today_x, layout.today_pill[3]), (layout.today_x, layout.lanes_bottom)
        p.dashed(top, bottom, layout.theme.today, 2, 8 * k, 5 * k)


def _paint_lane(p: _Painter, lane: LanePlacement, styles: Styles) -> None:
    """One lane, bottom layer first: slip lines, stems, markers, labels, the label column."""
    theme, k = p.theme, p.k
    for m in lane.markers:
        _paint_slips(p, m, lane.background)
    for label in lane.labels:
        p.line([(label.anchor_x, label.stem[0]), (label.anchor_x, label.stem[1])], theme.muted, 1)
    # least important first, so the important ones end up on top
    for m in sorted(lane.markers, key=lambda m: (m.winner, -STATUS_RANK.get(m.status, 6))):
        _paint_marker(p, m, lane.background)
    for label in lane.labels:
        # on a plate of the lane colour, so grid and today lines do not cross the text
        x0, y0, x1, y1 = label.box
        p.rect((x0 - 3 * k, y0, x1 + 3 * k, y1), fill=lane.background)
        text_x0 = x0
        if label.star:
            sr = (y1 - y0) * 0.42
            p.star(x0 + sr, (y0 + y1) / 2, sr, theme.gold)
            text_x0 = x0 + (y1 - y0) * 0.95 + 4 * k
        _paint_texts(p, [TextItem(label.text, (text_x0, y0, x1, y1), "label")], styles)
    _paint_texts(p, lane.texts, styles)
    if lane.winner:
        first = lane.texts[0].box if lane.texts else (24 * k, lane.y, 0, lane.y)
        p.star(first[0] / 2 - k, (first[1] + first[3]) / 2, 7.5 * k, theme.gold)


def _paint_slips(p: _Painter, m: MarkerPlacement, bg: RGB) -> None:
    """A dashed line from each earlier date (a small hollow dot) with an arrow to the marker."""
    theme, k = p.theme, p.k
    for old in m.slip_from:
        p.dashed((old, m.y), (m.x, m.y), theme.slipped, 2.5, 7 * k, 5 * k)
        p.circle(old, m.y, m.radius * 0.5, bg, theme.slipped, 2)
        direction = 1 if m.x > old else -1
        tip = m.x - direction * (m.radius * 1.25 + 2 * k)
        if abs(tip - old) > 10 * k:  # no arrow on a slip too short to show one
            a = 7 * k
            p.polygon(
                [(tip, m.y), (tip - direction * a, m.y - a * 0.7), (tip - direction * a, m.y + a * 0.7)],
                theme.slipped,
            )


def _paint_marker(p: _Painter, m: MarkerPlacement, bg: RGB) -> None:
    """The status glyph; a coarse date gets a faded bar under a smaller glyph, the winner a gold ring."""
    k = p.k
    colour = p.theme.status_colour(m.status)
    r = m.radius
    if m.is_range:
        h = 7 * k
        p.rounded((m.x0, m.y - h, m.x1, m.y + h), h, mix(colour, bg, 0.4), colour, 1.5)
        r = m.radius * 0.8
    if m.winner:
        p.circle(m.x, m.y, r + 6 * k, None, p.theme.gold, 3.5)
    p.marker(m.status, m.x, m.y, r, bg)


def _paint_legend(p: _Painter, legend: Sequence[LegendItem], styles: Styles) -> None:
    """Each legend glyph drawn as in the chart, on the page background, then its text."""
    theme, k = p.theme, p.k
    bg = theme.background
    for entry in legend:
        gx, gy, r = entry.glyph_x, entry.y, 9 * k
        if entry.kind == "range":
            box = (gx - 15 * k, gy - 7 * k, gx + 15 * k, gy + 7 * k)
            p.rounded(box, 7 * k, mix(theme.planned, bg, 0.4), theme.planned, 1.5)
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
        _paint_texts(p, [entry.text], styles)

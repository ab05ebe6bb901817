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
* everything is drawn at twice the size then reduced, for smooth shapes;
* every word is in the reader's language (``lang``, "en" or "ru"): the picture's own words
  from ``strings``, names and titles from the items' translated texts (English when an item
  has none), month abbreviations from CLDR; the fonts (``fonts``) cover Cyrillic everywhere.

This module is the entry point; the work is in the package's other modules:
``theme`` (options, colours), ``fonts`` (finding and measuring fonts), ``dates`` (stored
dates as spans, short dates), ``strings`` (the picture's words), ``axis`` (the time axis and
its ticks), ``labels`` (label placement), ``layout`` (every position), ``records`` (the
layout as data) and ``paint`` (drawing it).
"""

from __future__ import annotations

from datetime import datetime

from bot.core.i18n import DEFAULT
from bot.core.models import Contender, Milestone
from bot.timeline.fonts import SUPERSAMPLE
from bot.timeline.labels import LABEL_CHARS, ROWS_PER_SIDE, SHORT_LABEL_CHARS
from bot.timeline.layout import MIN_WIDTH, layout_timeline
from bot.timeline.paint import paint_layout
from bot.timeline.records import (
    Box,
    LabelPlacement,
    LanePlacement,
    LegendItem,
    MarkerPlacement,
    TextItem,
    Tick,
    TimelineLayout,
)
from bot.timeline.theme import DEFAULT_OPTIONS, RGB, Theme, TimelineOptions, contrast_ratio, theme_colours

__all__ = [
    "LABEL_CHARS",
    "MIN_WIDTH",
    "RGB",
    "ROWS_PER_SIDE",
    "SHORT_LABEL_CHARS",
    "SUPERSAMPLE",
    "Box",
    "LabelPlacement",
    "LanePlacement",
    "LegendItem",
    "MarkerPlacement",
    "TextItem",
    "Theme",
    "Tick",
    "TimelineLayout",
    "TimelineOptions",
    "contrast_ratio",
    "layout_timeline",
    "paint_layout",
    "render_timeline",
    "theme_colours",
]


def render_timeline(
    contenders: list[Contender],
    milestones: list[Milestone],
    *,
    today: datetime,
    options: TimelineOptions = DEFAULT_OPTIONS,
    lang: str = DEFAULT,
) -> bytes:
    """The timeline as PNG bytes (``options.width`` wide; height grows with the lanes), in ``lang``."""
    layout = layout_timeline(contenders, milestones, today=today, options=options, lang=lang)
    return paint_layout(layout)

"""Stored dates as spans of time on the axis, and the short dates the picture writes.

The period arithmetic itself is ``bot.core.dates``: the picture must agree with the cards
on what "Q3 2026" covers. This module only adds what drawing needs: UTC for naive inputs,
the middle of a span, the linear map from an instant to an x, and abbreviated month names.

Month abbreviations are CLDR's (through Babel), as the cards' month names are: English "Oct"
(the same as the picture always drew), Russian "окт." after a day ("5 окт. 2021", the format
form: "12 мая") and on its own on the axis ("окт.", "май", "июль": the stand-alone form).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from babel import Locale

from bot.core.dates import period_end, period_start
from bot.core.i18n import DEFAULT, LANGUAGES
from bot.core.models import Precision, parse_instant

Period = tuple[datetime, datetime]  # start, end (exclusive; equal to start for an instant)

_SNAPPED = (Precision.MONTH, Precision.QUARTER, Precision.YEAR)


def utc(when: datetime) -> datetime:
    """Aware UTC; a naive instant is taken to be UTC already (never the host's zone)."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=UTC)


def period(date: str | None, precision: Precision) -> Period | None:
    """The span a stored date stands for, or None when it is unknown or unreadable.

    Coarse dates are snapped to the start of their month, quarter or year; a day or a time
    is used as stored, so a day is the 24 hours from the stored instant.
    """
    if not date or precision is Precision.UNKNOWN:
        return None
    try:
        start = utc(parse_instant(date))
    except (ValueError, TypeError):
        return None
    if precision in _SNAPPED:
        start = period_start(start, precision)
    return start, period_end(start, precision)


def mid(span: Period) -> datetime:
    """Where a span's marker sits: its middle."""
    return span[0] + (span[1] - span[0]) / 2


def x_between(when: datetime, start: datetime, end: datetime, left: float, right: float) -> float:
    """The x of ``when`` on an axis from ``start`` at ``left`` to ``end`` at ``right`` (not clipped)."""
    total = (end - start).total_seconds() or 1.0
    return left + (when - start).total_seconds() / total * (right - left)


@cache
def month_abbreviations(lang: str = DEFAULT, *, with_day: bool = False) -> tuple[str, ...]:
    """The twelve abbreviated month names in ``lang`` (CLDR); English for a language not offered."""
    locale = Locale.parse(lang if lang in LANGUAGES else DEFAULT)
    names = locale.months["format" if with_day else "stand-alone"]["abbreviated"]
    return tuple(str(names[month]) for month in range(1, 13))


def short_date(when: datetime, lang: str = DEFAULT) -> str:
    """ "12 Mar 2025" / "12 мар. 2025": a day, on the picture where space is short."""
    return f"{when.day} {month_abbreviations(lang, with_day=True)[when.month - 1]} {when.year}"

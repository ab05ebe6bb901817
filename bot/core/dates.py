"""Dates with a precision: how they are shown, compared and spoken of.

A milestone's date is stored as the UTC instant at the *start* of its period, with a precision.
Showing it must never invent detail: a month-precise date reads "October 2021", not a day.
Two styles exist: Discord (timestamps so each reader sees their own time zone) and ISO
(the console and tests: ``2021-10-05 08:55 UTC``).
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta
from typing import Protocol
from urllib.parse import urlsplit

from bot.core.models import Precision

MONTHS = calendar.month_name


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso_instant(when: datetime) -> str:
    """The stored form: ``2021-10-05T08:55:02Z``."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def quarter_of(when: datetime) -> int:
    return (when.month - 1) // 3 + 1


def period_end(when: datetime, precision: Precision) -> datetime:
    """The end (exclusive) of the period a date stands for; an instant for TIME."""
    if precision is Precision.TIME:
        return when
    if precision is Precision.DAY:
        return when + timedelta(days=1)
    if precision is Precision.MONTH:
        return _add_months(when, 1)
    if precision is Precision.QUARTER:
        return _add_months(when, 3)
    if precision is Precision.YEAR:
        return when.replace(year=when.year + 1)
    return when


def _add_months(when: datetime, months: int) -> datetime:
    month = when.month - 1 + months
    return when.replace(year=when.year + month // 12, month=month % 12 + 1, day=1)


def period_start(when: datetime, precision: Precision) -> datetime:
    """Snap an instant to the start of its period, so stored dates are canonical."""
    when = when.astimezone(UTC)
    if precision is Precision.TIME:
        return when.replace(microsecond=0)
    day = when.replace(hour=0, minute=0, second=0, microsecond=0)
    if precision is Precision.DAY:
        return day
    if precision is Precision.MONTH:
        return day.replace(day=1)
    if precision is Precision.QUARTER:
        return day.replace(day=1, month=(quarter_of(when) - 1) * 3 + 1)
    if precision is Precision.YEAR:
        return day.replace(day=1, month=1)
    return day


class DateStyle(Protocol):
    """How a dated value becomes text in one medium."""

    def date(self, when: datetime | None, precision: Precision) -> str: ...

    def relative(self, when: datetime, precision: Precision) -> str: ...

    def link(self, url: str) -> str: ...


class IsoStyle:
    """Plain ISO 8601 UTC, for the console, logs and tests."""

    def date(self, when: datetime | None, precision: Precision) -> str:
        if when is None or precision is Precision.UNKNOWN:
            return "date unknown"
        when = when.astimezone(UTC)
        if precision is Precision.TIME:
            return when.strftime("%Y-%m-%d %H:%M UTC")
        if precision is Precision.DAY:
            return when.strftime("%Y-%m-%d")
        if precision is Precision.MONTH:
            return when.strftime("%Y-%m")
        if precision is Precision.QUARTER:
            return f"{when.year}-Q{quarter_of(when)}"
        return str(when.year)

    def relative(self, when: datetime, precision: Precision) -> str:
        return describe_distance(when, utcnow(), precision)

    def link(self, url: str) -> str:
        return url


class DiscordStyle:
    """Discord timestamps for exact times; words for coarser dates (never an invented day)."""

    def date(self, when: datetime | None, precision: Precision) -> str:
        if when is None or precision is Precision.UNKNOWN:
            return "date unknown"
        when = when.astimezone(UTC)
        stamp = int(when.timestamp())
        if precision is Precision.TIME:
            return f"<t:{stamp}:F> (<t:{stamp}:R>)"
        if precision is Precision.DAY:
            return f"{when.day} {MONTHS[when.month]} {when.year}"
        if precision is Precision.MONTH:
            return f"{MONTHS[when.month]} {when.year}"
        if precision is Precision.QUARTER:
            return f"Q{quarter_of(when)} {when.year}"
        return str(when.year)

    def relative(self, when: datetime, precision: Precision) -> str:
        if precision in (Precision.TIME, Precision.DAY):
            # Noon keeps a day-precise countdown right for readers on either side of UTC.
            anchor = when if precision is Precision.TIME else when + timedelta(hours=12)
            return f"<t:{int(anchor.timestamp())}:R>"
        return describe_distance(when, utcnow(), precision)

    def link(self, url: str) -> str:
        """A masked link labelled with the site, so a field holds several sources."""
        return f"[{site_name(url)}]({url})"


def site_name(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.").removeprefix("m.") or url


def describe_distance(when: datetime, now: datetime, precision: Precision) -> str:
    """ "in 3 days" / "2 years ago", rounded to what the precision allows."""
    seconds = (when - now).total_seconds()
    future = seconds > 0
    text = human_span(abs(seconds), coarse=precision not in (Precision.TIME, Precision.DAY))
    return f"in {text}" if future else f"{text} ago"


def human_span(seconds: float, *, coarse: bool = False) -> str:
    """A short English duration: "3 days", "2 hours 5 minutes", "about 4 months"."""
    minutes = round(seconds / 60)
    if coarse or seconds >= 60 * 86400:
        months = round(seconds / (30.44 * 86400))
        if months >= 24:
            return f"about {round(months / 12)} years"
        if months >= 1:
            return f"about {months} month{'s' if months != 1 else ''}"
    days, rem = divmod(minutes, 1440)
    hours, mins = divmod(rem, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours and days < 7:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins and not days:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts) or "less than a minute"

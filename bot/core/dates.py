"""Dates with a precision: how they are shown, compared and spoken of.

A milestone's date is stored as the UTC instant at the *start* of its period, with a precision.
Showing it must never invent detail: a month-precise date reads "October 2021", not a day.
Two styles exist: Discord (timestamps so each reader sees their own time zone) and ISO
(the console and tests: ``2021-10-05 08:55 UTC``).
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Protocol
from urllib.parse import urlsplit

from bot.core import strings as _strings  # noqa: F401  (registers the date strings)
from bot.core.i18n import DEFAULT, day_text, month_text, tr, tr_n
from bot.core.models import Precision


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
    """How a dated value becomes text in one medium, in one language (``lang``, see bot.core.i18n)."""

    lang: str

    def date(self, when: datetime | None, precision: Precision) -> str: ...

    def relative(self, when: datetime, precision: Precision) -> str: ...

    def link(self, url: str) -> str: ...


class IsoStyle:
    """Plain ISO 8601 UTC, for the console, logs and tests; in Russian, day and month in words."""

    def __init__(self, lang: str = DEFAULT) -> None:
        self.lang = lang

    def date(self, when: datetime | None, precision: Precision) -> str:
        if when is None or precision is Precision.UNKNOWN:
            return tr("date.unknown", self.lang)
        when = when.astimezone(UTC)
        if self.lang != DEFAULT and precision in (Precision.TIME, Precision.DAY, Precision.MONTH):
            return _worded(when, precision, self.lang)
        if precision is Precision.TIME:
            return when.strftime("%Y-%m-%d %H:%M UTC")
        if precision is Precision.DAY:
            return when.strftime("%Y-%m-%d")
        if precision is Precision.MONTH:
            return when.strftime("%Y-%m")
        if precision is Precision.QUARTER:
            return f"{when.year}-Q{quarter_of(when)}" if self.lang == DEFAULT else _quarter(when, self.lang)
        return str(when.year)

    def relative(self, when: datetime, precision: Precision) -> str:
        return describe_distance(when, utcnow(), precision, self.lang)

    def link(self, url: str) -> str:
        return url


class DiscordStyle:
    """Discord timestamps for exact times; words for coarser dates (never an invented day)."""

    def __init__(self, lang: str = DEFAULT) -> None:
        self.lang = lang

    def date(self, when: datetime | None, precision: Precision) -> str:
        if when is None or precision is Precision.UNKNOWN:
            return tr("date.unknown", self.lang)
        when = when.astimezone(UTC)
        stamp = int(when.timestamp())
        if precision is Precision.TIME:
            return f"<t:{stamp}:F> (<t:{stamp}:R>)"  # Discord shows these in the reader's own language
        if precision in (Precision.DAY, Precision.MONTH):
            return _worded(when, precision, self.lang)
        if precision is Precision.QUARTER:
            return _quarter(when, self.lang)
        return str(when.year)

    def relative(self, when: datetime, precision: Precision) -> str:
        if precision in (Precision.TIME, Precision.DAY):
            # Noon keeps a day-precise countdown right for readers on either side of UTC.
            anchor = when if precision is Precision.TIME else when + timedelta(hours=12)
            return f"<t:{int(anchor.timestamp())}:R>"
        return describe_distance(when, utcnow(), precision, self.lang)

    def link(self, url: str) -> str:
        """A masked link labelled with the site, so a field holds several sources."""
        return f"[{site_name(url)}]({url})"


def in_language(style: DateStyle, lang: str) -> DateStyle:
    """The same style, speaking another language (an answer follows the language it was asked in)."""
    if style.lang == lang:
        return style
    other = copy.copy(style)
    other.lang = lang
    return other


def _worded(when: datetime, precision: Precision, lang: str) -> str:
    if precision is Precision.MONTH:
        return month_text(when, lang)
    if precision is Precision.DAY:
        return day_text(when, lang)
    return tr("date.time", lang, day=day_text(when, lang), time=when.strftime("%H:%M"))


def _quarter(when: datetime, lang: str) -> str:
    return tr("date.quarter", lang, q=quarter_of(when), year=when.year)


def site_name(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.").removeprefix("m.") or url


def describe_distance(when: datetime, now: datetime, precision: Precision, lang: str = DEFAULT) -> str:
    """ "in 3 days" / "2 years ago" ("через 3 дня" / "2 года назад"), rounded to what the precision allows."""
    seconds = (when - now).total_seconds()
    text = human_span(abs(seconds), coarse=precision not in (Precision.TIME, Precision.DAY), lang=lang)
    return tr("span.in" if seconds > 0 else "span.ago", lang, span=text)


def human_span(seconds: float, *, coarse: bool = False, lang: str = DEFAULT) -> str:
    """A short duration: "3 days", "2 hours 5 minutes", "about 4 months" (plural forms from Babel)."""
    minutes = round(seconds / 60)
    if coarse or seconds >= 60 * 86400:
        months = round(seconds / (30.44 * 86400))
        if months >= 24:
            return tr("span.about", lang, span=tr_n("span.years.about", round(months / 12), lang))
        if months >= 1:
            return tr("span.about", lang, span=tr_n("span.months.about", months, lang))
    days, rem = divmod(minutes, 1440)
    hours, mins = divmod(rem, 60)
    parts = []
    if days:
        parts.append(tr_n("span.days", days, lang))
    if hours and days < 7:
        parts.append(tr_n("span.hours", hours, lang))
    if mins and not days:
        parts.append(tr_n("span.minutes", mins, lang))
    return " ".join(parts) or tr("span.now", lang)

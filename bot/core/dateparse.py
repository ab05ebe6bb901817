"""Reading the dates admins type, with the precision they meant.

``2021-10-05 08:55 UTC`` is a time, ``Oct 5 2021`` a day, ``December 2025`` a month,
``2026-Q3`` a quarter, ``late 2025`` the last quarter, ``2026`` a year, ``TBD`` unknown.
The free-form part is dateparser's job (a maintained parser for many languages and formats);
the precision, quarters and "early/late" are ours, because dateparser has no notion of them.
Times without a zone are UTC, and the result says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.core.dates import period_start
from bot.core.errors import DateParseError, Message
from bot.core.models import Precision

MIN_YEAR = 1950
MAX_YEAR = 2100
TEXT_MAX = 100

_UNKNOWN = {"tbd", "tba", "unknown", "none", "n/a", "?", "net tbd", "to be determined", "to be announced"}
_QUARTER = re.compile(r"^(?:(\d{4})\s*[- ]?\s*q([1-4])|q([1-4])\s*[- ]?\s*(\d{4}))$", re.I)
_HALF = re.compile(r"^(early|mid|late|end of|start of|beginning of)\s+(\d{4})$", re.I)
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{2})$")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_ZONE = re.compile(r"(\bUTC\b|\bGMT\b|\bZ\b|\d[zZ]$|[+-]\d{2}:?\d{2}$|\b[A-Z]{3,4}\b)")
_NET = re.compile(r"^(net|no earlier than)\s+", re.I)

_HALF_QUARTER = {"early": 1, "start of": 1, "beginning of": 1, "mid": 2, "late": 4, "end of": 4}


@dataclass(frozen=True)
class ParsedDate:
    when: datetime | None
    precision: Precision
    assumed_utc: bool = False

    @property
    def iso(self) -> str | None:
        return self.when.strftime("%Y-%m-%dT%H:%M:%SZ") if self.when else None


HELP = Message("dateparse.help", low=MIN_YEAR, high=MAX_YEAR)  # the forms, in the catalogue (bot.core.strings)


def parse_date(text: str) -> ParsedDate:
    raw = (text or "").strip()
    if not raw:
        raise DateParseError(Message("dateparse.empty", help=HELP))
    if len(raw) > TEXT_MAX:
        raise DateParseError(Message("dateparse.too_long", len(raw), help=HELP))
    lowered = _NET.sub("", raw.lower()).strip()
    if lowered in _UNKNOWN:
        return ParsedDate(None, Precision.UNKNOWN)
    parsed = _structured(lowered) or _freeform(_NET.sub("", raw).strip())
    if parsed.when is not None and not MIN_YEAR <= parsed.when.year <= MAX_YEAR:
        raise DateParseError(Message("dateparse.range", year=parsed.when.year, low=MIN_YEAR, high=MAX_YEAR))
    return parsed


def _structured(text: str) -> ParsedDate | None:
    """Forms dateparser does not know or gets wrong: quarters, halves, bare years and months."""
    if m := _QUARTER.match(text):
        year = int(m.group(1) or m.group(4))
        quarter = int(m.group(2) or m.group(3))
        return _at(year, (quarter - 1) * 3 + 1, Precision.QUARTER)
    if m := _HALF.match(text):
        quarter = _HALF_QUARTER[m.group(1).lower()]
        return _at(int(m.group(2)), (quarter - 1) * 3 + 1, Precision.QUARTER)
    if m := _YEAR.match(text):
        return _at(int(m.group(1)), 1, Precision.YEAR)
    if m := _MONTH_ISO.match(text):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise DateParseError(Message("dateparse.month", month=month, help=HELP))
        return _at(int(m.group(1)), month, Precision.MONTH)
    return None


def _at(year: int, month: int, precision: Precision) -> ParsedDate:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateParseError(Message("dateparse.range", year=year, low=MIN_YEAR, high=MAX_YEAR))
    return ParsedDate(datetime(year, month, 1, tzinfo=UTC), precision)


def _freeform(text: str) -> ParsedDate:
    from dateparser.date import DateDataParser  # imported lazily: it is slow to import

    parser = DateDataParser(
        languages=["en"],
        settings={
            "TIMEZONE": "UTC",
            "TO_TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DAY_OF_MONTH": "first",
            "STRICT_PARSING": False,
        },
    )
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        raise DateParseError(Message("dateparse.unreadable", text=text, help=HELP))
    when = data.date_obj.astimezone(UTC)
    has_time = bool(_TIME.search(text))
    if has_time:
        precision = Precision.TIME
    elif data.period == "month":
        precision = Precision.MONTH
    elif data.period == "year":
        precision = Precision.YEAR
    elif data.period == "day":
        precision = Precision.DAY
    else:
        raise DateParseError(Message("dateparse.vague", text=text, help=HELP))
    assumed = has_time and not _ZONE.search(text)
    return ParsedDate(period_start(when, precision), precision, assumed_utc=assumed)

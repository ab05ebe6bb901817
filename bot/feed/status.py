"""How the feeds' instants read in ``/feed status`` and ``/feed poll``: Discord timestamps in
Discord (everyone sees their own time zone), ISO UTC in the console and tests."""

from __future__ import annotations

from bot.core.dates import DateStyle
from bot.core.models import Precision, parse_instant


def stamp(iso: str, style: DateStyle, empty: str = "?") -> str:
    """A stored ISO instant in the medium's style; ``empty`` when there is none."""
    if not iso:
        return empty
    try:
        return style.date(parse_instant(iso), Precision.TIME)
    except ValueError:
        return iso


def when_line(label: str, iso: str, style: DateStyle, empty: str) -> str:
    return f"{label}: {stamp(iso, style, empty)}"

"""Reading Launch Library 2 (2.3.0) launch records: the fields we follow, and why a launch moved.

``mode=list`` records (LL2's ``LaunchBasic``) carry everything change detection needs: ``net``,
``net_precision`` and ``status`` (objects with ``id``, ``name``, ``abbrev``), ``window_start``,
``window_end``, ``last_updated``. Only ``mode=detailed`` records carry ``updates[]`` (each with
``comment``, ``info_url``, ``created_on``), ``info_urls`` and ``vid_urls``: the poller fetches that
once for a launch that moved, so the alert can say *why*, not only *that* it moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.dates import iso_instant, period_start
from bot.core.errors import EditError, FeedError
from bot.core.models import MilestoneStatus, Precision
from bot.core.text import shorten
from bot.facts.editor import clean_source
from bot.feed.http import upstream_instant

REASON_MAX = 300  # an update's comment may be 40,000 characters; an alert's "Why" is one or two lines
GENERIC_REASON = "Launch Library 2 update"

# LL2 net_precision ids → ours. Coarse or odd ones round to a precision that invents nothing.
PRECISIONS = {
    0: Precision.TIME,
    1: Precision.TIME,
    2: Precision.DAY,
    3: Precision.DAY,
    4: Precision.DAY,
    5: Precision.DAY,
    6: Precision.MONTH,
    7: Precision.MONTH,
    8: Precision.QUARTER,
    9: Precision.QUARTER,
    10: Precision.QUARTER,
    11: Precision.QUARTER,
    12: Precision.YEAR,
    13: Precision.YEAR,
    14: Precision.YEAR,
    15: Precision.YEAR,
}
# LL2 launch status ids → ours.
STATUSES = {
    1: MilestoneStatus.CONFIRMED,  # Go for Launch
    2: MilestoneStatus.PLANNED,  # To Be Determined
    3: MilestoneStatus.DONE,  # Success
    4: MilestoneStatus.DONE,  # Failure (it happened)
    5: MilestoneStatus.PLANNED,  # Hold
    6: MilestoneStatus.DONE,  # In Flight
    7: MilestoneStatus.DONE,  # Partial Failure
    8: MilestoneStatus.PLANNED,  # To Be Confirmed
    9: MilestoneStatus.DONE,  # Payload Deployed
}


@dataclass(frozen=True)
class Upstream:
    """The fields we follow, read from one LL2 launch."""

    launch_id: str
    date: str
    precision: Precision
    status: MilestoneStatus
    url: str
    last_updated: str
    name: str
    window_start: str = ""
    window_end: str = ""

    def seen(self) -> dict[str, Any]:
        """What ``/feed status`` keeps of it."""
        return {
            "date": self.date,
            "precision": self.precision.value,
            "status": self.status.value,
            "last_updated": self.last_updated,
            "url": self.url,
            "window_start": self.window_start,
            "window_end": self.window_end,
        }


def parse_launch(raw: dict[str, Any]) -> Upstream:
    """Read one launch record; a missing or malformed field raises FeedError naming it."""
    try:
        launch_id = str(raw["id"])
        net = upstream_instant(raw["net"])
        precision = PRECISIONS.get(int((raw.get("net_precision") or {}).get("id", 1)), Precision.DAY)
        status = STATUSES.get(int(raw["status"]["id"]), MilestoneStatus.UNKNOWN)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise FeedError(f"malformed launch record ({type(exc).__name__}: {exc})") from None
    return Upstream(
        launch_id=launch_id,
        date=iso_instant(period_start(net, precision)),
        precision=precision,
        status=status,
        url=str(raw.get("url") or ""),
        last_updated=str(raw.get("last_updated") or ""),
        name=str(raw.get("name") or ""),
        window_start=str(raw.get("window_start") or ""),
        window_end=str(raw.get("window_end") or ""),
    )


@dataclass(frozen=True)
class Why:
    """The reason and source a change by the feed carries into its history and alert."""

    reason: str
    source: str


def _instant(text: Any) -> datetime | None:
    try:
        return upstream_instant(text)
    except (TypeError, ValueError):
        return None


def _url(text: Any) -> str:
    try:
        return clean_source(str(text or ""))
    except EditError:
        return ""


def newest_update(raw: dict[str, Any], after: str = "") -> dict[str, Any] | None:
    """The newest ``updates[]`` entry by ``created_on`` with a comment, newer than ``after`` if given.

    ``after`` is the launch's ``last_updated`` as we saw it before the move: an older comment is
    about an earlier event, and saying it is why the launch moved now would mislead.
    """
    floor = _instant(after) if after else None
    dated = [
        (when, u)
        for u in raw.get("updates") or []
        if isinstance(u, dict) and str(u.get("comment") or "").strip() and (when := _instant(u.get("created_on")))
    ]
    fresh = [(when, u) for when, u in dated if floor is None or when > floor]
    return max(fresh, key=lambda pair: pair[0])[1] if fresh else None


def explain(raw: dict[str, Any] | None, upstream: Upstream, after: str, fallback_source: str) -> Why:
    """Why the launch moved (its newest update's comment and info_url), or the generic reason."""
    source = _url(upstream.url) or fallback_source
    update = newest_update(raw, after) if raw else None
    if update is None:
        return Why(GENERIC_REASON, source)
    comment = shorten(" ".join(str(update["comment"]).split()), REASON_MAX)
    return Why(comment, _url(update.get("info_url")) or source)

"""What ``/feed status`` and ``/feed poll`` show, in the asker's language, and how the feeds' instants read.

Instants are in the style given: Discord timestamps in Discord (everyone sees their own time zone), ISO
UTC in the console and tests; the style also carries the language (``style.lang``), which picks the
words from :mod:`bot.feed.strings`. English is exactly what these cards said before they had a language.

What the upstreams send (an HTTP error, an article's title, a change line naming the stored values) is
shown as it came. Why a poller did not poll (``Outcome.refused``) is a :class:`~bot.core.errors.Message`
with its ``feed.refused.*`` key and values, said again in ``style.lang``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.core.cards import Card, Colour
from bot.core.dates import DateStyle, iso_instant
from bot.core.errors import localised
from bot.core.i18n import DEFAULT, catalogue, tr, tr_n
from bot.core.models import Milestone, Precision, parse_instant
from bot.core.text import shorten
from bot.core.wording import field_in
from bot.feed import strings as _strings  # noqa: F401  (registers these cards' words)
from bot.feed.feeds import Feeds
from bot.feed.http import Budget
from bot.feed.ll2 import FEED_NAME as LL2_NAME
from bot.feed.ll2 import FeedPoller
from bot.feed.pacing import Outcome, PollState
from bot.feed.snapi import FEED_NAME as NEWS_NAME
from bot.feed.snapi import NewsPoller, keywords, launches

LISTED = 5  # changes or articles named in a /feed poll answer; the rest are counted


def stamp(iso: str, style: DateStyle, empty: str = "?") -> str:
    """A stored ISO instant in the medium's style; ``empty`` when there is none."""
    if not iso:
        return empty
    try:
        return style.date(parse_instant(iso), Precision.TIME)
    except ValueError:
        return iso


# ---- /feed status ------------------------------------------------------------------------


def status_card(feeds: Feeds, style: DateStyle) -> Card:
    """What ``/feed status`` shows, in ``style.lang``. Reads the review queue: call it under the store's lock."""
    lang = style.lang
    text = "\n".join(
        [
            f"**{LL2_NAME}**",
            *ll2_lines(feeds.ll2, style),
            "",
            f"**{NEWS_NAME}**",
            *news_lines(feeds.news, style),
        ]
    )
    return Card(
        title=tr("feed.status.title", lang),
        description=text,
        colour=Colour.INFO,
        footer=tr("feed.status.footer", lang),
    )


def ll2_lines(poller: FeedPoller, style: DateStyle) -> list[str]:
    """The Launch Library 2 feed: what it tracks, its polls, budget and errors, and each launch's news."""
    lang, now = style.lang, poller.clock()
    lines = [
        tr("feed.status.tracked", lang, n=len(poller.tracked())),
        *_poll_lines(poller.state, poller.budget, poller.settings.per_hour, now, style, "feed.status.when_tracked"),
    ]
    return lines + _launch_lines(poller, style)


def news_lines(poller: NewsPoller, style: DateStyle, *, pending: int | None = None) -> list[str]:
    """The news feed: what it searches for, its polls, budget and errors, and the articles waiting."""
    lang, now = style.lang, poller.clock()
    tracked, words = launches(poller.kb), keywords(poller.kb)
    searches = tr(
        "feed.status.searches",
        lang,
        launches=tr_n("feed.status.launches", len(tracked), lang),
        keywords=tr_n("feed.status.keywords", sum(map(len, words.values())), lang),
        contenders=tr_n("feed.status.contenders", len(words), lang),
    )
    lines = [
        searches,
        *_poll_lines(poller.state, poller.budget, poller.settings.per_hour, now, style, "feed.status.when_searchable"),
    ]
    count = poller.pending() if pending is None else pending
    lines.append(tr("feed.status.waiting", lang, n=count) + (tr("feed.status.review_hint", lang) if count else ""))
    return lines


def _poll_lines(
    state: PollState, budget: Budget, per_hour: int, now: datetime, style: DateStyle, next_empty: str
) -> list[str]:
    """Last and next poll, requests left, the last error and any Retry-After: what both feeds show alike."""
    lang = style.lang
    left = budget.left(now)
    requests = tr("feed.status.requests_left", lang, left=left, per_hour=per_hour)
    if not left:
        requests += tr("feed.status.next_allowed", lang, when=stamp(iso_instant(budget.next_allowed(now)), style))
    error = tr("feed.status.last_error", lang, error=state.last_error or tr("feed.status.no_error", lang))
    if state.last_error:
        error += tr("feed.status.error_at", lang, when=stamp(state.last_error_at, style))
    lines = [
        tr("feed.status.last_poll", lang, when=stamp(state.last_poll, style, tr("feed.status.never", lang))),
        tr("feed.status.next_poll", lang, when=stamp(state.next_poll, style, tr(next_empty, lang))),
        requests,
        error,
    ]
    if state.retry_after_until and parse_instant(state.retry_after_until) > now:
        lines.append(tr("feed.status.retry_after", lang, when=stamp(state.retry_after_until, style, "")))
    return lines


def _launch_lines(poller: FeedPoller, style: DateStyle) -> list[str]:
    """Launches missing upstream, launch windows, and pinned milestones LL2 disagrees with."""
    lang, kb, state = style.lang, poller.kb, poller.state
    lines = []
    for mid, launch_id in sorted(state.missing.items()):
        m = kb.milestones.get(mid)
        if m and m.ll2_id:
            lines.append(tr("feed.status.missing", lang, title=field_in(m, "title", lang), launch=launch_id))
    for mid, seen in sorted(state.last_seen.items()):
        m = kb.milestones.get(mid)
        if m and seen.get("window_start"):
            start, end, updated = (
                _upstream(seen.get(k), style) for k in ("window_start", "window_end", "last_updated")
            )
            title = field_in(m, "title", lang)
            lines.append(tr("feed.status.window", lang, title=title, start=start, end=end, updated=updated))
    for mid, seen in sorted(state.disagreements.items()):
        m = kb.milestones.get(mid)
        if m:
            lines.append(_pinned_line(m, seen, style))
    return lines


def _upstream(text: object, style: DateStyle) -> str:
    """An instant as LL2 wrote it ("?" when missing); in another language than English, in the style."""
    if not text:
        return "?"
    return str(text) if style.lang == DEFAULT else stamp(str(text), style)


def _pinned_line(m: Milestone, seen: dict[str, object], style: DateStyle) -> str:
    lang = style.lang
    ours = (m.date, m.precision.value, m.status.value)
    theirs = (seen["date"], seen["precision"], seen["status"])
    if lang == DEFAULT:
        (date, precision, status), (up_date, up_precision, up_status) = ours, theirs
    else:
        date, precision, status = _dated(*ours, style)
        up_date, up_precision, up_status = _dated(*theirs, style)
    return tr(
        "feed.status.pinned",
        lang,
        title=field_in(m, "title", lang),
        date=date,
        precision=precision,
        status=status,
        up_date=up_date,
        up_precision=up_precision,
        up_status=up_status,
    )


def _dated(date: object, precision: object, status: object, style: DateStyle) -> tuple[str, str, str]:
    """A stored date, precision and status in ``style.lang``: the date in the style, the words translated."""
    lang = style.lang
    try:
        exact = Precision(str(precision))
        shown = style.date(parse_instant(str(date)), exact) if date else tr("date.unknown", lang)
    except ValueError:
        return str(date), str(precision), str(status)
    return shown, tr(f"feed.precision.{exact.value}", lang), _word(f"wording.milestone.{status}", str(status), lang)


def _word(key: str, fallback: str, lang: str) -> str:
    return tr(key, lang) if key in catalogue() else fallback


# ---- /feed poll --------------------------------------------------------------------------


def poll_card(outcomes: Iterable[Outcome], style: DateStyle) -> Card:
    """What ``/feed poll`` answers, in ``style.lang``: per feed, what it found, or why it did not ask and until when."""
    outcomes = list(outcomes)
    lang = style.lang
    lines = [line for outcome in outcomes for line in outcome_lines(outcome, style)]
    trouble = any(o.error or (o.refused and o.next_allowed) for o in outcomes)
    return Card(
        title=tr("feed.poll.polled" if any(o.ran for o in outcomes) else "feed.poll.not_polled", lang),
        description="\n".join(lines),
        colour=Colour.WARNING if trouble else Colour.INFO,
        footer=tr("feed.poll.footer", lang),
    )


def outcome_lines(outcome: Outcome, style: DateStyle) -> list[str]:
    lang = style.lang
    if not outcome.ran:
        when = (
            tr("feed.poll.next_request", lang, when=stamp(iso_instant(outcome.next_allowed), style))
            if outcome.next_allowed
            else ""
        )
        icon = "⏳" if outcome.next_allowed else "➖"
        reason = localised(outcome.refused or "", lang)
        return [tr("feed.poll.refused", lang, icon=icon, feed=outcome.feed, reason=reason, when=when)]
    icon = "⚠️" if outcome.error else "✅"
    lines = [tr("feed.poll.ran", lang, icon=icon, feed=outcome.feed, found=_found(outcome, lang))]
    lines += [f"• {shorten(c, 200)}" for c in outcome.changes[:LISTED]]
    lines += [f"• {shorten(a.title, 150)} ({a.site})" for a in outcome.articles[:LISTED]]
    if outcome.error:
        lines.append(tr("feed.poll.problem", lang, error=shorten(outcome.error, 500)))
    return lines


def _found(outcome: Outcome, lang: str) -> str:
    if outcome.feed == NEWS_NAME:
        n = len(outcome.articles)
        return tr_n("feed.poll.articles", n, lang) if n else tr("feed.poll.no_article", lang)
    n = len(outcome.changes)
    return tr_n("feed.poll.changes", n, lang) if n else tr("feed.poll.no_change", lang)

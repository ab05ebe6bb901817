"""What only the running bot needs: the HTTP session, the feeds, the scheduled jobs and the health server.

The command line's ``sync``, ``restore`` and the console never build this; the Discord shell
starts it from ``setup_hook`` and stops it on close. Nothing here imports discord: the shell
hands in ``ready`` and ``gateway_ok`` as plain callables.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import aiohttp
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.alerts.delivery import AlertDispatcher
from bot.alerts.outbox import outbox_depth
from bot.app import App
from bot.feed.feeds import Feeds
from bot.feed.ll2 import FeedPoller
from bot.feed.pacing import Outcome
from bot.feed.snapi import NewsHook, NewsPoller
from bot.infra.backups import make_backup
from bot.infra.config import Settings
from bot.infra.health import HealthServer, Metrics
from bot.infra.leader import Leadership

log = logging.getLogger(__name__)

TICK_SECONDS = 15
FEED_CHECK_SECONDS = 60


class Runtime:
    """The jobs of a running bot, on one APScheduler, with metrics and the health server."""

    def __init__(
        self,
        app: App,
        settings: Settings,
        dispatcher: AlertDispatcher,
        *,
        ready: Callable[[], bool],
        gateway_ok: Callable[[], bool],
        latency: Callable[[], float] = lambda: float("nan"),
        leadership: Leadership | None = None,
    ) -> None:
        self.app = app
        # With several processes on one database, the feed polls and backups run on the elected one
        # (the alert dispatcher asks the same election before releasing alerts and reminders).
        self.leadership = leadership or Leadership()
        self._leading = False
        self.settings = settings
        self.dispatcher = dispatcher
        self.ready = ready
        self.gateway_ok = gateway_ok
        self.latency = latency
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.metrics = Metrics()
        self.health = HealthServer(
            {"gateway": gateway_ok, "scheduler": lambda: self.scheduler.running, "store": app.store.writable},
            self.metrics,
            refresh=self._refresh_gauges,
            about=lambda: {"process": settings.process_name, "elected": self.leadership.held},
        )
        self.http_session: aiohttp.ClientSession | None = None
        self.feeds: Feeds | None = None
        # Run inside the transaction that queues new articles (e.g. to write an alert to the outbox).
        self.news_hooks: list[NewsHook] = []

    @property
    def feed(self) -> FeedPoller | None:
        """The Launch Library 2 poller (``/feed status`` and the tests read it)."""
        return self.feeds.ll2 if self.feeds else None

    @property
    def news(self) -> NewsPoller | None:
        """The Spaceflight News poller."""
        return self.feeds.news if self.feeds else None

    async def start(self) -> None:
        self.scheduler.add_job(
            self.run_alerts,
            "interval",
            seconds=TICK_SECONDS,
            id="alerts-tick",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
        if self.app.store.path is not None:
            self.scheduler.add_job(
                self.run_backup,
                "interval",
                hours=24,
                id="backup",
                next_run_time=datetime.now(UTC) + timedelta(minutes=1),
            )
        self.http_session = aiohttp.ClientSession()
        self.feeds = Feeds.build(self.app.editor, self.http_session, self.settings, news_hooks=self.news_hooks)
        for job, job_id in ((self.run_feed, "feed"), (self.run_news, "news")):
            # Each poller keeps its own schedule and budget; the job only asks whether it is due.
            self.scheduler.add_job(
                job, "interval", seconds=FEED_CHECK_SECONDS, id=job_id, max_instances=1, coalesce=True
            )
        self.scheduler.start()
        if self.settings.health_port:
            await self.health.start(self.settings.health_host, self.settings.health_port)

    async def drain(self, grace: float) -> None:
        """Take no new work and let in-flight deliveries finish, for at most ``grace`` seconds."""
        log.info("stopping: finishing in-flight deliveries")
        self._stop_scheduling()
        try:
            await asyncio.wait_for(self.dispatcher.idle(), grace)
        except TimeoutError:
            log.warning("in-flight deliveries did not finish in %ss; the outbox keeps them", grace)

    async def stop(self) -> None:
        self._stop_scheduling()
        await asyncio.to_thread(self.leadership.close)  # the next process takes the jobs at once
        await self.health.stop()
        if self.http_session is not None:
            await self.http_session.close()

    def _stop_scheduling(self) -> None:
        self.dispatcher.stopping = True
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _refresh_gauges(self) -> None:
        self.metrics.outbox.set(outbox_depth(self.app.store))
        self.metrics.elected.set(1 if self.leadership.held else 0)
        latency = self.latency()
        if latency == latency:  # NaN before the first heartbeat
            self.metrics.gateway_latency.set(latency)

    # ---- the jobs -----------------------------------------------------------------

    async def run_alerts(self) -> None:
        """One delivery tick; afterwards, wake up exactly when the next thing falls due."""
        if not self.ready() or self.dispatcher.stopping:
            return
        try:
            await asyncio.to_thread(self.app.knowledge.refresh)  # names in alerts as other processes edited them
            report = await self.dispatcher.tick()
        except asyncio.CancelledError:
            log.info("alert tick stopped with the bot; the outbox keeps what it had not sent")
            return
        except Exception:
            log.exception("alert tick failed")  # the job keeps running; the outbox keeps the work
            return
        for result, count in report.results.items():
            self.metrics.alerts.labels(result).inc(count)
        if report.results or report.released or report.reminders:
            log.info("alerts released=%d reminders=%d results=%s", report.released, report.reminders, report.results)
        wake = self.dispatcher.next_wakeup()
        if wake is not None and wake < datetime.now(UTC) + timedelta(seconds=TICK_SECONDS) and self.scheduler.running:
            self.scheduler.add_job(self.run_alerts, "date", run_date=wake, id="alerts-wakeup", replace_existing=True)

    async def elected(self) -> bool:
        """Whether this process runs the once-only jobs now. A process that has just taken them over
        reads the feeds' schedules and budgets as the last one left them, so it neither polls early
        nor spends a budget twice."""
        leading = await self.leadership.holds()
        if leading and not self._leading and self.feeds is not None:
            await asyncio.to_thread(self._reload_feeds, self.feeds)
        self._leading = leading
        return leading

    async def sync_feed_state(self) -> None:
        """Before ``/feed poll`` or ``/feed status`` on a process that does not run the polls: the schedules
        and budgets as the elected process stored them (its own copy is from when it started)."""
        if self.feeds is not None and not self.leadership.held and self.app.store.shared:
            await asyncio.to_thread(self._reload_feeds, self.feeds)

    def _reload_feeds(self, feeds: Feeds) -> None:
        feeds.ll2.reload()
        feeds.news.reload()

    async def run_feed(self) -> None:
        """Poll Launch Library 2 when due (the poller keeps its own schedule and budget)."""
        if self.feed is None or self.dispatcher.stopping or not await self.elected():
            return
        before = self.feed.state.last_poll
        try:
            changes = await self.feed.poll()
        except Exception:
            log.exception("feed poll failed")
            self.metrics.feed_polls.labels("ll2", "error").inc()
            return
        if self.feed.state.last_poll != before:
            self.metrics.feed_polls.labels("ll2", "error" if self.feed.state.last_error else "ok").inc()
        for line in changes:
            log.info("feed change: %s", line)
        if changes:
            await self.run_alerts()

    async def run_news(self) -> None:
        """Poll the Spaceflight News API when due; the new articles wait in the review queue."""
        if self.news is None or self.dispatcher.stopping or not await self.elected():
            return
        before = self.news.state.last_poll
        try:
            articles = await self.news.poll()
        except Exception:
            log.exception("news poll failed")
            self.metrics.feed_polls.labels("snapi", "error").inc()
            return
        if self.news.state.last_poll != before:
            self.metrics.feed_polls.labels("snapi", "error" if self.news.state.last_error else "ok").inc()
        for article in articles:
            log.info("news queued id=%d site=%s", article.id, article.site)

    async def poll_feeds_now(self) -> list[Outcome]:
        """``/feed poll``: both feeds now (within their budgets), then an alert tick as after a scheduled poll."""
        if self.feeds is None:
            return []
        await self.sync_feed_state()
        outcomes = await self.feeds.poll_now()
        for outcome, feed in zip(outcomes, ("ll2", "snapi"), strict=True):
            if outcome.ran:
                self.metrics.feed_polls.labels(feed, "error" if outcome.error else "ok").inc()
        if any(o.changes for o in outcomes):
            await self.run_alerts()
        return outcomes

    async def run_backup(self) -> None:
        path = self.app.store.path
        if path is None or not await self.elected():
            return
        target = await asyncio.to_thread(
            make_backup, self.app.store, path, self.settings.backup_keep, datetime.now(UTC)
        )
        log.info("backup written file=%s", target)

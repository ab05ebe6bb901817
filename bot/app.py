"""The composition root: the one place that builds the store, the knowledge base and every service.

The Discord bot, the console, the command line, the tests and the benchmarks all build through
:meth:`App.open` (a database file) or :meth:`App.build` (a store they made), so each front end
talks to the same objects wired the same way. What only the running Discord bot needs (HTTP
session, feed, scheduler jobs, health server) is in :mod:`bot.runtime`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from bot.alerts.delivery import AlertDispatcher, RateLimiter, Sender
from bot.alerts.outbox import audience, queue_changes, queue_news
from bot.alerts.records import AlertSettings, NewsItem
from bot.ask.feedback import FeedbackLog
from bot.ask.service import RaceService
from bot.core.changes import Change, Proposal
from bot.core.dates import DateStyle, utcnow
from bot.core.kb import KnowledgeBase
from bot.facts.editor import Editor
from bot.facts.news import Queued
from bot.facts.service import AdminService
from bot.infra.config import Settings
from bot.infra.leader import Leadership
from bot.infra.store import Store
from bot.infra.tables import KnowledgeSync
from bot.seed.loader import ensure_seeded

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


@dataclass
class App:
    """Everything the front ends share, built once."""

    store: Store
    kb: KnowledgeBase
    clock: Clock
    questions: RaceService
    editor: Editor
    facts: AdminService
    feedback: FeedbackLog
    knowledge: KnowledgeSync
    alert_settings: AlertSettings = field(default_factory=AlertSettings)

    @classmethod
    def open(
        cls, db_path: Path | None, *, clock: Clock = utcnow, feedback_days: int = 90, database_url: str = ""
    ) -> App:
        """Open (and seed on first start) the database; raises StoreError if it is unreadable.

        With ``database_url`` the data lives in PostgreSQL (``db_path`` then only places the backups);
        nothing past this point knows which backend it got."""
        store = open_store(db_path, database_url)
        outcome = ensure_seeded(store)
        log.info("store=%r seed=%r", store if database_url else db_path or ":memory:", outcome)
        return cls.build(store, clock=clock, feedback_days=feedback_days)

    @classmethod
    def build(
        cls,
        store: Store,
        *,
        clock: Clock = utcnow,
        alert_settings: AlertSettings | None = None,
        feedback_days: int = 90,
    ) -> App:
        return cls.around(RaceService(store, clock=clock), alert_settings=alert_settings, feedback_days=feedback_days)

    @classmethod
    def around(
        cls, questions: RaceService, *, alert_settings: AlertSettings | None = None, feedback_days: int = 90
    ) -> App:
        """Wire the editing and alert services around an existing question service."""
        settings = alert_settings or AlertSettings()
        store, kb, clock = questions.store, questions.kb, questions.clock
        editor = Editor(kb, store, clock=clock)
        # An edit and its alerts are written in one transaction: the outbox is the editor's hook.
        editor.hooks.append(partial(_queue_alerts, clock=clock, settings=settings))
        feedback = FeedbackLog(store, clock, feedback_days)
        facts = AdminService(questions, editor, audience=partial(audience, store, kb), feedback=feedback)
        # An approved article and its `news` alert are written in one transaction, like an edit and its alerts.
        facts.news_hooks.append(partial(_queue_news, clock=clock))
        knowledge = KnowledgeSync(kb, store)  # other processes' edits, on a shared database
        editor.ledger.followers.append(knowledge)
        return cls(store, kb, clock, questions, editor, facts, feedback, knowledge, settings)

    def dispatcher(
        self,
        sender: Sender,
        style: DateStyle,
        *,
        limiter: RateLimiter | None = None,
        process: ProcessRole | None = None,
    ) -> AlertDispatcher:
        """The alert dispatcher for a shell that can send (Discord, or the tests' fake channels).

        ``process``: this process's part when several share the database (its name, its election)."""
        role = process or ProcessRole()
        return AlertDispatcher(
            self.store,
            self.kb,
            self.clock,
            sender,
            style,
            settings=replace(self.alert_settings, lease=role.lease),
            limiter=limiter,
            owner=role.name,
            leadership=role.leadership,
        )


@dataclass(frozen=True)
class ProcessRole:
    """Who this process is among several on one database, from the settings (one process: the defaults)."""

    name: str = "main"
    leadership: Leadership = field(default_factory=Leadership)
    lease: timedelta = AlertSettings.lease
    rate_share: float = 1.0

    @classmethod
    def of(cls, settings: Settings, store: Store) -> ProcessRole:
        return cls(
            settings.process_name,
            store.leadership("scheduled"),
            timedelta(seconds=settings.delivery_lease_seconds),
            settings.rate_share,
        )


def open_store(db_path: Path | None, database_url: str = "") -> Store:
    """The TinyDB file at ``db_path``, or the PostgreSQL database at ``database_url`` when one is given."""
    if not database_url:
        return Store(db_path)
    from bot.infra.pg_store import PgStore  # psycopg is imported only by a bot that uses PostgreSQL

    return PgStore(database_url, path=db_path)


def _queue_alerts(store: Store, proposal: Proposal, change: Change, *, clock: Clock, settings: AlertSettings) -> None:
    queue_changes(store, proposal, change, clock(), settings)


def _queue_news(store: Store, queued: Queued, change: Change, *, clock: Clock) -> None:
    a = queued.article
    news = NewsItem(
        a.id, a.title, a.url, a.site, a.published, a.summary, a.contenders, queued.item, queued.review.value
    )
    queue_news(store, news, change, clock())

"""The race service: the one object both shells (Discord and console) talk to.

It owns the store, the in-memory knowledge base and the derived indexes, and turns each
command into a :class:`~bot.core.cards.Reply`. Commands are plain methods taking plain strings, so
the cogs stay thin translations and the console and the tests exercise the same code.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.ask import cards as views
from bot.ask.compose import Answer, answer_sources_text
from bot.ask.engine import Engine
from bot.core.cards import Card, Colour, Field, Reply, paginate
from bot.core.dates import DateStyle, utcnow
from bot.core.errors import UserError
from bot.core.names import AUTOCOMPLETE_LIMIT, Indexes, NameIndex, NotFound, build_indexes
from bot.core.text import NAME_MAX, neutralize_mentions, shorten
from bot.infra.store import Store
from bot.infra.tables import load_kb
from bot.seed.loader import ensure_seeded
from bot.timeline.image import TimelineOptions, render_timeline

log = logging.getLogger(__name__)

QUESTION_MAX = 300
COLLECTION_OF = {"contender": "contenders", "person": "people", "milestone": "milestones", "fact": "facts"}
COLLECTION_OF |= {"contradiction": "contradictions"}


IMAGE_CACHE = 16
Years = tuple[int | None, int | None]


def _check_years(years: Years) -> None:
    start, end = years
    if start is not None and end is not None and start > end:
        raise UserError(f"The first year ({start}) is after the last ({end}).")


@dataclass(frozen=True)
class Choice:
    name: str  # shown (at most 100 characters)
    value: str  # sent back (an id)


class RaceService:
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.store = store
        self.clock = clock
        self.kb = load_kb(store)
        self._engine: Engine | None = None
        self._indexes: Indexes | None = None
        self._images: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()

    @classmethod
    def open(cls, db_path: Path | None, *, clock: Callable[[], datetime] = utcnow) -> RaceService:
        """Open (and seed on first start) the database; raises StoreError if it is unreadable."""
        store = Store(db_path)
        outcome = ensure_seeded(store)
        log.info("store=%s seed=%r", db_path or ":memory:", outcome)
        return cls(store, clock=clock)

    # ---- derived state, rebuilt lazily when the knowledge base changes -------------

    @property
    def engine(self) -> Engine:
        if self._engine is None or self._engine.revision != self.kb.revision:
            self._engine = Engine(self.kb)
        return self._engine

    @property
    def indexes(self) -> Indexes:
        if self._indexes is None or self._indexes.revision != self.kb.revision:
            self._indexes = build_indexes(self.kb)
        return self._indexes

    def _resolve(self, index: NameIndex, name: str) -> str:
        name = (name or "").strip()
        if not name:
            raise UserError(f"Please name a {index.kind}.")
        if len(name) > NAME_MAX:
            raise UserError(f"That {index.kind} name is too long ({len(name)} characters; at most {NAME_MAX}).")
        try:
            return index.resolve(name).id
        except NotFound as exc:
            raise UserError(neutralize_mentions(str(exc))) from None

    def resolve_contender(self, name: str) -> str:
        return self._resolve(self.indexes.contenders, name)

    def resolve_person(self, name: str) -> str:
        return self._resolve(self.indexes.people, name)

    def resolve_milestone(self, name: str) -> str:
        return self._resolve(self.indexes.milestones, name)

    # ---- commands -------------------------------------------------------------------

    def race(self, style: DateStyle) -> Reply:
        return views.race_overview(self.kb, self.clock(), style)

    def contender(self, name: str, style: DateStyle) -> Reply:
        return views.contender_card(self.kb, self.resolve_contender(name), self.clock(), style)

    def timeline(self, name: str | None, style: DateStyle, *, image: str = "", years: Years = (None, None)) -> Reply:
        cid = self.resolve_contender(name) if name else None
        _check_years(years)
        return views.timeline_card(self.kb, cid, style, image=image, years=years)

    def timeline_image(self, name: str | None = None, *, years: Years = (None, None), theme: str = "dark") -> bytes:
        """The race drawn as a PNG; slow (tens of ms), so shells call it in a worker thread.

        Cached until the knowledge base changes (or the day does, for the "today" line).
        """
        cid = self.resolve_contender(name) if name else None
        _check_years(years)
        now = self.clock()
        key = (self.kb.revision, cid, years, theme, now.date())
        if key in self._images:
            self._images.move_to_end(key)
            return self._images[key]
        options = TimelineOptions(
            focus=cid,
            start_year=years[0],
            end_year=years[1],
            theme=theme,
            winner=self.kb.race.winner or None,
            winning_milestone=self.kb.race.winning_milestone or None,
        )
        png = render_timeline(
            list(self.kb.contenders.values()), list(self.kb.milestones.values()), today=now, options=options
        )
        self._images[key] = png
        while len(self._images) > IMAGE_CACHE:
            self._images.popitem(last=False)
        return png

    def person(self, name: str, style: DateStyle) -> Reply:
        return views.person_card(self.kb, self.resolve_person(name), style)

    def compare(self, a: str, b: str, style: DateStyle) -> Reply:
        left, right = self.resolve_contender(a), self.resolve_contender(b)
        if left == right:
            raise UserError("Pick two different contenders to compare.")
        return views.compare_card(self.kb, left, right, self.clock(), style)

    def sources(self, topic: str, style: DateStyle) -> Reply:
        topic = (topic or "").strip()
        if not topic:
            raise UserError("Please name a topic, e.g. budget, docking or a contender.")
        if len(topic) > NAME_MAX:
            raise UserError(f"That topic is too long ({len(topic)} characters; at most {NAME_MAX}).")
        try:
            entry = self.indexes.topics.resolve(topic)
        except NotFound as exc:
            raise UserError(neutralize_mentions(str(exc))) from None
        return views.sources_card(self.kb, entry.id, entry.label, style)

    def help(self) -> Reply:
        return views.help_card()

    def answer(self, question: str, style: DateStyle) -> Answer:
        question = (question or "").strip()
        if not question:
            raise UserError("Ask me something, e.g. “when did Peresild launch?”")
        if len(question) > QUESTION_MAX:
            raise UserError(f"That question is too long ({len(question)} characters; at most {QUESTION_MAX}).")
        return self.engine.ask(question, style, self.clock())

    def ask(self, question: str, style: DateStyle) -> Reply:
        return self.answer_card(self.answer(question, style), style)

    def answer_card(self, answer: Answer, style: DateStyle) -> Reply:
        """The /ask card for an answer already computed (the shells also need the answer itself)."""
        fields = (Field("Sources", answer_sources_text(answer, style)),) if answer.answered else ()
        card = Card(
            title=shorten(f"❓ {neutralize_mentions(answer.question)}", 256),
            description=answer.text,
            fields=fields,
            colour=Colour.INFO if answer.answered else Colour.WARNING,
            footer="" if answer.answered else "No matching fact found",
        )
        return Reply(pages=paginate(card), ok=answer.answered)

    def closest_items(self, question: str, limit: int = 3) -> list[tuple[str, str, str]]:
        """(kind, id, label) of the items most about a question: where a missed question may belong."""
        out = []
        for kind, item_id in self.engine.closest(question, limit):
            item = getattr(self.kb, COLLECTION_OF[kind])[item_id]
            label = getattr(item, "name", "") or getattr(item, "title", "") or shorten(getattr(item, "text", ""), 60)
            out.append((kind, item_id, label or item_id))
        return out

    # ---- autocomplete ---------------------------------------------------------------

    def complete(self, kind: str, current: str) -> list[Choice]:
        """At most 25 choices for an option being typed, from memory."""
        index = {
            "contender": self.indexes.contenders,
            "person": self.indexes.people,
            "milestone": self.indexes.milestones,
            "topic": self.indexes.topics,
        }[kind]
        hits = index.search((current or "")[:NAME_MAX], limit=AUTOCOMPLETE_LIMIT)
        return [Choice(shorten(h.entry.label, 100), h.entry.id[:100]) for h in hits]

"""The race service: the one object both shells (Discord and console) talk to.

It owns the store, the in-memory knowledge base and the derived indexes, and turns each
command into a :class:`~bot.core.cards.Reply`. Commands are plain methods taking plain strings, so
the cogs stay thin translations and the console and the tests exercise the same code. Every reply
and every error a member can cause is in the member's language, ``style.lang``.
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
from bot.ask import strings as _strings  # noqa: F401  (registers the errors' words)
from bot.ask.compose import Answer, answer_sources_text
from bot.ask.engine import Engine, answer_language
from bot.core.cards import Card, Colour, Field, Reply, paginate
from bot.core.dates import DateStyle, in_language, utcnow
from bot.core.errors import UserError
from bot.core.i18n import DEFAULT, tr, tr_n
from bot.core.names import AUTOCOMPLETE_LIMIT, Entry, Indexes, NameIndex, NotFound, build_indexes
from bot.core.text import NAME_MAX, neutralize_mentions, shorten
from bot.core.wording import contender_name, field_in
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


def _check_years(years: Years, lang: str = DEFAULT) -> None:
    start, end = years
    if start is not None and end is not None and start > end:
        raise UserError(tr("cards.ask.years", lang, start=start, end=end))


def _too_long(what: str, text: str, limit: int, lang: str) -> UserError:
    return UserError(tr(f"cards.ask.long.{what}", lang, chars=tr_n("cards.ask.chars", len(text), lang), max=limit))


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

    def _resolve(self, index: NameIndex, name: str, lang: str = DEFAULT) -> str:
        name = (name or "").strip()
        if not name:
            raise UserError(tr(f"cards.ask.need.{index.kind}", lang))
        if len(name) > NAME_MAX:
            raise _too_long(index.kind, name, NAME_MAX, lang)
        try:
            return index.resolve(name).id
        except NotFound as exc:
            raise UserError(self._not_found(index, exc, lang)) from None

    def _not_found(self, index: NameIndex, exc: NotFound, lang: str) -> str:
        """ "No contender called “x”. Did you mean: …?", the suggestions named in the reader's language.

        In English (or when the caller does not know the reader) it is the error's own words, a
        Message the shell may still say in another language (mentions neutralised either way).
        """
        if lang == DEFAULT:
            return exc.words
        labels = {entry.label: entry for entry in index.entries}
        names = [self.label(labels[s], lang) if s in labels else s for s in exc.suggestions]
        hint = tr("cards.ask.did_you_mean", lang, names=", ".join(names)) if names else ""
        return neutralize_mentions(tr(f"cards.ask.unknown.{exc.kind}", lang, query=exc.query) + hint)

    def label(self, entry: Entry, lang: str) -> str:
        """How an index entry is named to a reader: its label, or in Russian the item's Russian name."""
        if lang == DEFAULT:
            return entry.label
        kb = self.kb
        if entry.kind == "contender" or (entry.kind == "topic" and entry.id in kb.contenders):
            return contender_name(kb, entry.id, lang)
        if entry.kind == "person" and entry.id in kb.people:
            return field_in(kb.people[entry.id], "name", lang)
        if entry.kind == "milestone" and entry.id in kb.milestones:
            m = kb.milestones[entry.id]
            return f"{field_in(m, 'title', lang)} ({contender_name(kb, m.contender, lang)})"
        return entry.label

    def resolve_contender(self, name: str, lang: str = DEFAULT) -> str:
        return self._resolve(self.indexes.contenders, name, lang)

    def resolve_person(self, name: str, lang: str = DEFAULT) -> str:
        return self._resolve(self.indexes.people, name, lang)

    def resolve_milestone(self, name: str, lang: str = DEFAULT) -> str:
        return self._resolve(self.indexes.milestones, name, lang)

    # ---- commands -------------------------------------------------------------------

    def race(self, style: DateStyle) -> Reply:
        return views.race_overview(self.kb, self.clock(), style)

    def contender(self, name: str, style: DateStyle) -> Reply:
        return views.contender_card(self.kb, self.resolve_contender(name, style.lang), self.clock(), style)

    def timeline(self, name: str | None, style: DateStyle, *, image: str = "", years: Years = (None, None)) -> Reply:
        cid = self.resolve_contender(name, style.lang) if name else None
        _check_years(years, style.lang)
        return views.timeline_card(self.kb, cid, style, image=image, years=years)

    def timeline_image(
        self, name: str | None = None, *, years: Years = (None, None), theme: str = "dark", lang: str = DEFAULT
    ) -> bytes:
        """The race drawn as a PNG, its words in ``lang``; slow (tens of ms), so shells call it in a worker thread.

        Cached until the knowledge base changes (or the day does, for the "today" line).
        """
        cid = self.resolve_contender(name, lang) if name else None
        _check_years(years, lang)
        now = self.clock()
        key = (self.kb.revision, cid, years, theme, now.date(), lang)
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
            list(self.kb.contenders.values()), list(self.kb.milestones.values()), today=now, options=options, lang=lang
        )
        self._images[key] = png
        while len(self._images) > IMAGE_CACHE:
            self._images.popitem(last=False)
        return png

    def person(self, name: str, style: DateStyle) -> Reply:
        return views.person_card(self.kb, self.resolve_person(name, style.lang), style)

    def compare(self, a: str, b: str, style: DateStyle) -> Reply:
        left, right = self.resolve_contender(a, style.lang), self.resolve_contender(b, style.lang)
        if left == right:
            raise UserError(tr("cards.ask.same", style.lang))
        return views.compare_card(self.kb, left, right, self.clock(), style)

    def sources(self, topic: str, style: DateStyle) -> Reply:
        topic, lang = (topic or "").strip(), style.lang
        if not topic:
            raise UserError(tr("cards.ask.need.topic", lang))
        if len(topic) > NAME_MAX:
            raise _too_long("topic", topic, NAME_MAX, lang)
        index = self.indexes.topics
        try:
            entry = index.resolve(topic)
        except NotFound as exc:
            raise UserError(self._not_found(index, exc, lang)) from None
        return views.sources_card(self.kb, entry.id, entry.label, style)

    def help(self, style: DateStyle | None = None) -> Reply:
        return views.help_card(style.lang if style is not None else DEFAULT)

    def answer(self, question: str, style: DateStyle) -> Answer:
        question = (question or "").strip()
        if not question:
            raise UserError(tr("cards.ask.need.question", style.lang))
        if len(question) > QUESTION_MAX:
            raise _too_long("question", question, QUESTION_MAX, style.lang)
        return self.engine.ask(question, style, self.clock())

    def ask(self, question: str, style: DateStyle) -> Reply:
        return self.answer_card(self.answer(question, style), style)

    def answer_card(self, answer: Answer, style: DateStyle) -> Reply:
        """The /ask card for an answer already computed (the shells also need the answer itself).

        Its words are in the language the answer is written in, the question's (see the engine), so
        a card never wraps an English answer in Russian words or the other way round.
        """
        style = in_language(style, answer_language(answer.question))
        lang = style.lang
        fields = (Field(tr("cards.card.sources", lang), answer_sources_text(answer, style)),) if answer.answered else ()
        card = Card(
            title=shorten(f"❓ {neutralize_mentions(answer.question)}", 256),
            description=answer.text,
            fields=fields,
            colour=Colour.INFO if answer.answered else Colour.WARNING,
            footer="" if answer.answered else tr("cards.answer.card.none", lang),
        )
        return Reply(pages=paginate(card, lang), ok=answer.answered)

    def closest_items(self, question: str, limit: int = 3) -> list[tuple[str, str, str]]:
        """(kind, id, label) of the items most about a question: where a missed question may belong."""
        out = []
        for kind, item_id in self.engine.closest(question, limit):
            item = getattr(self.kb, COLLECTION_OF[kind])[item_id]
            label = getattr(item, "name", "") or getattr(item, "title", "") or shorten(getattr(item, "text", ""), 60)
            out.append((kind, item_id, label or item_id))
        return out

    # ---- autocomplete ---------------------------------------------------------------

    def complete(self, kind: str, current: str, lang: str = DEFAULT) -> list[Choice]:
        """At most 25 choices for an option being typed, from memory; named in the reader's language."""
        index = {
            "contender": self.indexes.contenders,
            "person": self.indexes.people,
            "milestone": self.indexes.milestones,
            "topic": self.indexes.topics,
        }[kind]
        hits = index.search((current or "")[:NAME_MAX], limit=AUTOCOMPLETE_LIMIT)
        return [Choice(shorten(self.label(h.entry, lang), 100), h.entry.id[:100]) for h in hits]

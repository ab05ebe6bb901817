"""News articles waiting for an admin: the review queue between the news feed and the knowledge base.

An article never becomes knowledge by itself. The feed offers what it found (each article once,
by its upstream id); an admin then adds it as a source, records a fact from it, or ignores it.
Approved articles can also be announced to channels that asked for news. The queue lives in
the store, so it survives restarts and is written through the one writer like everything else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from bot.core.changes import Change
from bot.core.errors import EditError, Message
from bot.facts import strings as _strings  # noqa: F401  (registers the refusals below)
from bot.infra.store import Store

TABLE = "news"


class Review(StrEnum):
    PENDING = "pending"  # waiting for an admin
    SOURCED = "sourced"  # added as a source to an item
    RECORDED = "recorded"  # a fact was recorded from it
    IGNORED = "ignored"


@dataclass(frozen=True)
class Article:
    """One upstream news article, as the review queue keeps it."""

    id: int  # the Spaceflight News API article id: an article is offered once
    title: str
    url: str
    site: str  # news_site
    published: str  # ISO instant (published_at)
    summary: str = ""
    launches: tuple[str, ...] = ()  # LL2 launch UUIDs the article is linked to
    contenders: tuple[str, ...] = ()  # contender ids whose launches or keywords matched

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["launches"], doc["contenders"] = list(self.launches), list(self.contenders)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Article:
        return cls(
            id=int(doc["id"]),
            title=doc["title"],
            url=doc["url"],
            site=doc["site"],
            published=doc["published"],
            summary=doc.get("summary", ""),
            launches=tuple(doc.get("launches", ())),
            contenders=tuple(doc.get("contenders", ())),
        )


@dataclass(frozen=True)
class Queued:
    """An article in the queue, with what an admin decided about it."""

    article: Article
    review: Review = Review.PENDING
    offered: str = ""  # ISO instant the feed first offered it
    decided: str = ""  # ISO instant of the decision
    item: str = ""  # "kind:id" the article was attached to (sourced or recorded)
    extra: dict[str, Any] = field(default_factory=dict)


class NewsQueue:
    """The store-backed queue. Every method runs inside the caller's transaction (``store.run``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _docs(self) -> list[dict[str, Any]]:
        return list(self.store.table(TABLE).all())

    def known(self) -> set[int]:
        return {int(d["article"]["id"]) for d in self._docs()}

    def offer(self, articles: Iterable[Article], now: str) -> list[Article]:
        """Queue the articles not seen before (by id); returns the newly queued ones."""
        seen, new = self.known(), []
        for article in articles:
            if article.id in seen:
                continue
            seen.add(article.id)
            new.append(article)
            self.store.table(TABLE).insert(
                {"article": article.to_doc(), "review": Review.PENDING.value, "offered": now}
            )
        return new

    def get(self, article_id: int) -> Queued | None:
        for doc in self._docs():
            if int(doc["article"]["id"]) == article_id:
                return _queued(doc)
        return None

    def pending(self) -> list[Queued]:
        """Pending articles, newest publication first."""
        waiting = [_queued(d) for d in self._docs() if d["review"] == Review.PENDING.value]
        return sorted(waiting, key=lambda q: q.article.published, reverse=True)

    def waiting(self, article_id: int) -> Queued:
        """The article if it still waits for a decision; else an EditError saying why, in plain words.

        Checked again inside the deciding transaction, so two admins deciding the same article at
        once cannot both succeed: the second is told it was decided, and writes nothing.
        """
        queued = self.get(article_id)
        if queued is None:
            raise EditError(Message("facts.err.no_article", id=article_id))
        if queued.review is not Review.PENDING:
            review = Message(f"facts.review.{queued.review.value}")
            if queued.decided:
                raise EditError(Message("facts.err.decided_on", id=article_id, review=review, day=queued.decided[:10]))
            raise EditError(Message("facts.err.decided", id=article_id, review=review))
        return queued

    def decide(self, article_id: int, review: Review, now: str, *, item: str = "") -> Queued:
        """Record an admin's decision; raises KeyError for an article that is not queued."""
        table = self.store.table(TABLE)
        for doc in table.all():
            if int(doc["article"]["id"]) == article_id:
                table.update({"review": review.value, "decided": now, "item": item}, doc_ids=[doc.doc_id])
                return _queued({**doc, "review": review.value, "decided": now, "item": item})
        raise KeyError(article_id)


# Called inside the transaction that approved an article (sourced or recorded) with the change it
# made; the composition root (bot/app.py) attaches the one that queues the `news` alert.
NewsHook = Callable[[Store, Queued, Change], None]


def _queued(doc: dict[str, Any]) -> Queued:
    return Queued(
        Article.from_doc(doc["article"]),
        Review(doc["review"]),
        doc.get("offered", ""),
        doc.get("decided", ""),
        doc.get("item", ""),
    )

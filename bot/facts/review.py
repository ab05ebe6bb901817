"""The news review as admins see it: one article's card, the queue as a list, the items an article may source.

Pure functions of the queue, the knowledge base and a date style, so Discord (one article at a
time, with buttons) and the console or CLI (the whole list) show the same words. Article text comes
from an outside feed: every piece of it shown here is shortened to fit and cannot mention anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.ask.service import RaceService
from bot.core.cards import Card, Colour, Reply, paginate
from bot.core.dates import DateStyle
from bot.core.i18n import DEFAULT, tr, tr_n
from bot.core.kb import KnowledgeBase
from bot.core.models import Precision, parse_instant
from bot.core.text import neutralize_mentions, shorten
from bot.facts import strings as _strings  # noqa: F401  (registers the review's words)
from bot.facts.news import Article, Queued

SUMMARY_MAX = 700  # of an article's summary in its review card
LISTED_SUMMARY_MAX = 300  # in the console's list, where every article is shown at once
RELATED_MAX = 25  # Discord's limit of options in one select menu
REVIEW_MAX = 50  # articles in one review, newest first (each costs a search for its related items)
CLOSEST = 5  # items found from the article's own words, besides its contenders' items


@dataclass(frozen=True)
class Related:
    """An item an article may be a source for, as the select menu offers it."""

    kind: str
    item_id: str
    label: str

    @property
    def ref(self) -> str:
        """``kind:id``: what the item-name resolution of every /facts command reads back exactly."""
        return f"{self.kind}:{self.item_id}"


@dataclass(frozen=True)
class ReviewItem:
    """One pending article and the items it most likely belongs to."""

    queued: Queued
    related: tuple[Related, ...]

    @property
    def article(self) -> Article:
        return self.queued.article


def related_items(service: RaceService, article: Article, limit: int = RELATED_MAX) -> list[Related]:
    """The article's contenders, the items its words are most about, then its contenders' milestones and people."""
    kb, found = service.kb, dict[tuple[str, str], Related]()
    contenders = [cid for cid in article.contenders if cid in kb.contenders]
    candidates = [("contender", cid, kb.contenders[cid].name) for cid in contenders]
    candidates += service.closest_items(f"{article.title}. {article.summary}", CLOSEST)
    for cid in contenders:
        candidates += [("milestone", m.id, m.title) for m in kb.milestones_of(cid)]
        candidates += [("person", p.id, p.name) for p in kb.people_of(cid)]
    for kind, item_id, label in candidates:
        found.setdefault((kind, item_id), Related(kind, item_id, shorten(neutralize_mentions(label), 90)))
    return list(found.values())[:limit]


def published_text(article: Article, style: DateStyle) -> str:
    """When it was published, as a Discord timestamp (or ISO in the console); kept as given if unreadable."""
    try:
        return style.date(parse_instant(article.published), Precision.TIME)
    except ValueError:
        return shorten(neutralize_mentions(article.published), 40) or tr("facts.news.date_not_given", style.lang)


def safe_url(url: str) -> str:
    """The article's link only if it is an http(s) URL Discord accepts as an embed's link."""
    return url if url.startswith(("https://", "http://")) and " " not in url and len(url) <= 500 else ""


def _contenders(article: Article, kb: KnowledgeBase, lang: str) -> str:
    names = [kb.contender_name(cid) for cid in article.contenders]
    return ", ".join(names) or tr("facts.news.none_matched", lang)


def article_card(item: ReviewItem, kb: KnowledgeBase, style: DateStyle, *, position: tuple[int, int]) -> Card:
    """One article to decide on: what it says, where and when it appeared, and what it is about."""
    a, (number, total), lang = item.article, position, style.lang
    lines = [
        f"**{neutralize_mentions(shorten(a.site, 80))}** · {published_text(a, style)}",
        neutralize_mentions(shorten(" ".join(a.summary.split()), SUMMARY_MAX)) or tr("facts.news.no_summary", lang),
        tr("facts.news.contenders", lang, names=_contenders(a, kb, lang)),
        safe_url(a.url) or neutralize_mentions(shorten(a.url, 200)),
    ]
    return Card(
        title=shorten(f"📰 {neutralize_mentions(' '.join(a.title.split()))}", 256),
        description="\n\n".join(lines),
        url=safe_url(a.url),
        colour=Colour.INFO,
        footer=tr("facts.news.footer", lang, id=a.id, number=number, total=total),
    )


def review_reply(items: list[ReviewItem], kb: KnowledgeBase, style: DateStyle, how: str, *, more: int = 0) -> Reply:
    """The whole queue as text (the console, the CLI): each article with the items it may source."""
    lang = style.lang
    if not items:
        card = Card(title=tr("facts.news.title", lang), description=tr("facts.news.empty", lang), colour=Colour.OK)
        return Reply(pages=paginate(card, lang), ephemeral=True)
    blocks = []
    for item in items:
        a = item.article
        related = ", ".join(r.ref for r in item.related[:6]) or "—"
        blocks.append(
            "\n".join(
                [
                    f"**#{a.id}** {neutralize_mentions(shorten(' '.join(a.title.split()), 200))}",
                    f"{neutralize_mentions(shorten(a.site, 80))} · {published_text(a, style)} · {safe_url(a.url)}",
                    neutralize_mentions(shorten(" ".join(a.summary.split()), LISTED_SUMMARY_MAX)),
                    tr("facts.news.listed", lang, names=_contenders(a, kb, lang), related=related),
                ]
            ).replace("\n\n", "\n")
        )
    later = [tr_n("facts.news.older", more, lang)] if more else []
    card = Card(
        title=tr_n("facts.news.waiting", len(items) + more, lang),
        description="\n\n".join([*blocks, *later, how]),
        colour=Colour.INFO,
    )
    return Reply(pages=paginate(card, lang), ephemeral=True)


def keywords_reply(name: str, keywords: list[str], lang: str = DEFAULT) -> Reply:
    """What /facts news keywords shows when no keywords are given: the current list."""
    if keywords:
        text = tr("facts.news.keywords_some", lang, name=name, words=", ".join(f"“{k}”" for k in keywords))
    else:
        text = tr("facts.news.keywords_none", lang, name=name)
    text += "\n" + tr("facts.news.keywords_how", lang)
    card = Card(title=tr("facts.news.keywords_title", lang), description=text, colour=Colour.INFO)
    return Reply(pages=paginate(card, lang), ephemeral=True)

"""/feed status and /feed poll in the asker's language: the Russian cards, English unchanged.

The pollers are real (the shipped seed, SEE-1's launch tracked) but never poll: their state is set as
polls would leave it, so every line of the cards is checked without a network. Dates are in the style
given; ``IsoStyle("ru")`` writes them in Russian words, Discord's timestamps read the same in any language.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from bot.app import App
from bot.ask.service import RaceService
from bot.core.cards import Colour
from bot.core.changes import Actor
from bot.core.dates import DiscordStyle, IsoStyle, iso_instant
from bot.core.errors import Message
from bot.core.i18n import tr_n
from bot.facts.news import Article
from bot.feed import pacing
from bot.feed.feeds import Feeds
from bot.feed.ll2 import FeedPoller, FeedSettings, LL2Client
from bot.feed.pacing import Outcome
from bot.feed.snapi import NewsPoller, NewsSettings, SNAPIClient
from bot.feed.status import LISTED, news_lines, poll_card, status_card
from tests.conftest import Clock

ADMIN = Actor("42", "ada")
LAUNCH = "0b7c0c2e-6f1d-4f57-9f59-1c2d3e4f5a6b"
RU, EN = IsoStyle("ru"), IsoStyle()
LL2, NEWS = "Launch Library 2", "Spaceflight News"

# English interface words of these cards that a Russian card must not contain.
ENGLISH_WORDS = (
    "Tracked",
    "Searches",
    "Last poll",
    "Next poll",
    "never",
    "Requests left",
    "next allowed",
    "Last error",
    "none",
    "missing upstream",
    "window",
    "pinned",
    "Articles waiting",
    "polls now",
    "not polled",
    "The next request",
    "applied",
    "Problem",
    "new article",
    "no change",
)


@pytest.fixture
async def feeds(clock: Clock) -> AsyncIterator[Feeds]:
    service = RaceService.open(None, clock=clock)
    app = App.around(service)
    app.editor.apply(app.editor.track(ADMIN, "see-1-launch", LAUNCH))
    service.kb.contenders["see"].news_keywords = ["SEE-1", "Space Entertainment"]
    async with aiohttp.ClientSession() as session:
        ll2_settings, news_settings = FeedSettings(per_hour=2), NewsSettings()
        ll2 = FeedPoller(app.editor, LL2Client(session, ll2_settings), ll2_settings)
        news = NewsPoller(service.store, service.kb, SNAPIClient(session, news_settings), news_settings, clock=clock)
        yield Feeds(ll2, news)


def _busy(feeds: Feeds, clock: Clock) -> None:
    """The state a few polls leave: budget spent, an error, a Retry-After, a missing, a windowed and a pinned launch."""
    now = clock()
    ll2 = feeds.ll2
    ll2.state.last_poll = iso_instant(now - timedelta(minutes=20))
    ll2.state.next_poll = iso_instant(now + timedelta(hours=3))
    ll2.state.requests[:] = [iso_instant(now - timedelta(minutes=20)), iso_instant(now - timedelta(minutes=19))]
    ll2.state.last_error, ll2.state.last_error_at = (
        "Launch Library 2: HTTP 503",
        iso_instant(now - timedelta(minutes=19)),
    )
    ll2.state.retry_after_until = iso_instant(now + timedelta(hours=1))
    ll2.state.missing = {"see-1-launch": LAUNCH}
    ll2.state.last_seen = {
        "see-1-launch": {
            "date": "2030-06-15T00:00:00Z",
            "window_start": "2030-06-15T09:30:00Z",
            "window_end": "2030-06-15T11:30:00Z",
            "last_updated": "2030-01-01T00:00:00Z",
        }
    }
    ll2.state.disagreements = {
        "see-1-launch": {"date": "2030-06-15T00:00:00Z", "precision": "day", "status": "planned"}
    }
    feeds.news.state.last_poll = iso_instant(now - timedelta(minutes=5))
    feeds.news.state.next_poll = iso_instant(now + timedelta(minutes=10))


def _lines(feeds: Feeds, style: IsoStyle | DiscordStyle) -> list[str]:
    return status_card(feeds, style).description.splitlines()


def test_a_fresh_status_in_russian(feeds: Feeds) -> None:
    card = status_card(feeds, RU)
    assert card.title == "Внешние ленты"
    assert card.footer == "/ленты опросить — опросить сейчас"
    assert card.description.splitlines() == [
        "**Launch Library 2**",
        "Отслеживаемые запуски: 1",
        "Последний опрос: ещё не было",
        "Следующий опрос: когда появится что отслеживать",
        "Осталось запросов в этом часе: 2 из 2",
        "Последняя ошибка: нет",
        "",
        "**Spaceflight News**",
        "Поиски: 1 отслеживаемый запуск; 2 ключевых слова для 1 претендента",
        "Последний опрос: ещё не было",
        "Следующий опрос: когда появится что искать",
        "Осталось запросов в этом часе: 20 из 20",
        "Последняя ошибка: нет",
        "Статьи, ждущие разбора: 0",
    ]
    assert not [word for word in ENGLISH_WORDS if word in card.description + card.title + card.footer]


def test_a_busy_status_in_russian_with_dates_in_the_style(feeds: Feeds, clock: Clock) -> None:
    _busy(feeds, clock)
    lines = _lines(feeds, RU)
    assert lines[:12] == [
        "**Launch Library 2**",
        "Отслеживаемые запуски: 1",
        "Последний опрос: 24 ноября 2026 11:40 UTC",
        "Следующий опрос: 24 ноября 2026 15:00 UTC",
        "Осталось запросов в этом часе: 0 из 2 (следующий — не раньше 24 ноября 2026 12:40 UTC)",
        "Последняя ошибка: Launch Library 2: HTTP 503 (когда: 24 ноября 2026 11:41 UTC)",  # the error as it came
        "⏳ Retry-After: ни одного запроса до 24 ноября 2026 13:00 UTC",
        "❓ Запуск SEE-1: запуска 0b7c0c2e-6f1d-4f57-9f59-1c2d3e4f5a6b нет в источнике; "
        "остаются последние надёжные данные",
        "🪟 Запуск SEE-1: окно 15 июня 2030 09:30 UTC – 15 июня 2030 11:30 UTC "
        "(LL2 обновил данные 1 января 2030 00:00 UTC)",
        "📌 Запуск SEE-1: закреплено на 4-й квартал 2025 (до квартала, перенесено); "
        "по данным LL2 — 15 июня 2030 (до дня, запланировано)",
        "",
        "**Spaceflight News**",
    ]
    assert "Последний опрос: 24 ноября 2026 11:55 UTC" in lines
    assert not [word for word in ENGLISH_WORDS if word in "\n".join(lines)]


def test_in_discord_the_instants_are_timestamps_in_either_language(feeds: Feeds, clock: Clock) -> None:
    _busy(feeds, clock)
    stamp = int((clock() - timedelta(minutes=20)).timestamp())
    assert f"Последний опрос: <t:{stamp}:F> (<t:{stamp}:R>)" in _lines(feeds, DiscordStyle("ru"))
    assert f"Last poll: <t:{stamp}:F> (<t:{stamp}:R>)" in _lines(feeds, DiscordStyle())


# The English /feed status, word for word as it was before the cards had a language.
FRESH_STATUS = [
    "**Launch Library 2**",
    "Tracked launches: 1",
    "Last poll: never",
    "Next poll: when something is tracked",
    "Requests left this hour: 2 of 2",
    "Last error: none",
    "",
    "**Spaceflight News**",
    "Searches: 1 tracked launch(es); 2 keyword(s) for 1 contender(s)",
    "Last poll: never",
    "Next poll: when there is something to search",
    "Requests left this hour: 20 of 20",
    "Last error: none",
    "Articles waiting for review: 0",
]
# What LL2 wrote (instants, precisions, statuses) is shown as it came; the bot's own instants in the style.
UPSTREAM_LINES = [
    "❓ SEE-1 launch: launch 0b7c0c2e-6f1d-4f57-9f59-1c2d3e4f5a6b is missing upstream; keeping the last good data",
    "🪟 SEE-1 launch: window 2030-06-15T09:30:00Z – 2030-06-15T11:30:00Z (LL2 last updated 2030-01-01T00:00:00Z)",
    "📌 SEE-1 launch is pinned at 2025-10-01T00:00:00Z (quarter, slipped); "
    "LL2 says 2030-06-15T00:00:00Z (day, planned)",
]
BUSY_NEWS = [
    "**Spaceflight News**",
    "Searches: 1 tracked launch(es); 2 keyword(s) for 1 contender(s)",
]
BUSY_STATUS = {
    "iso": [
        "**Launch Library 2**",
        "Tracked launches: 1",
        "Last poll: 2026-11-24 11:40 UTC",
        "Next poll: 2026-11-24 15:00 UTC",
        "Requests left this hour: 0 of 2 (next allowed 2026-11-24 12:40 UTC)",
        "Last error: Launch Library 2: HTTP 503 (at 2026-11-24 11:41 UTC)",
        "⏳ Retry-After: no request before: 2026-11-24 13:00 UTC",
        *UPSTREAM_LINES,
        "",
        *BUSY_NEWS,
        "Last poll: 2026-11-24 11:55 UTC",
        "Next poll: 2026-11-24 12:10 UTC",
        "Requests left this hour: 20 of 20",
        "Last error: none",
        "Articles waiting for review: 0",
    ],
    "discord": [
        "**Launch Library 2**",
        "Tracked launches: 1",
        "Last poll: <t:1795520400:F> (<t:1795520400:R>)",
        "Next poll: <t:1795532400:F> (<t:1795532400:R>)",
        "Requests left this hour: 0 of 2 (next allowed <t:1795524001:F> (<t:1795524001:R>))",
        "Last error: Launch Library 2: HTTP 503 (at <t:1795520460:F> (<t:1795520460:R>))",
        "⏳ Retry-After: no request before: <t:1795525200:F> (<t:1795525200:R>)",
        *UPSTREAM_LINES,
        "",
        *BUSY_NEWS,
        "Last poll: <t:1795521300:F> (<t:1795521300:R>)",
        "Next poll: <t:1795522200:F> (<t:1795522200:R>)",
        "Requests left this hour: 20 of 20",
        "Last error: none",
        "Articles waiting for review: 0",
    ],
}


def test_english_status_is_exactly_what_the_feeds_said(feeds: Feeds, clock: Clock) -> None:
    styles = {"iso": EN, "discord": DiscordStyle()}
    for style in styles.values():
        card = status_card(feeds, style)
        assert (card.title, card.footer, card.colour) == ("Upstream feeds", "/feed poll polls now", Colour.INFO)
        assert card.description.splitlines() == FRESH_STATUS
    _busy(feeds, clock)
    for name, style in styles.items():
        assert _lines(feeds, style) == BUSY_STATUS[name]


@pytest.mark.parametrize(
    ("keywords", "pending", "searches", "waiting"),
    [
        (
            {"see": ["SEE-1"]},
            1,
            "1 отслеживаемый запуск; 1 ключевое слово для 1 претендента",
            "1 (/факты новости разбор)",
        ),
        (
            {"see": ["a1", "b2", "c3"], "challenge": ["d4", "e5"]},
            21,
            "1 отслеживаемый запуск; 5 ключевых слов для 2 претендентов",
            "21 (/факты новости разбор)",
        ),
    ],
)
def test_the_searches_in_russian_plurals(
    feeds: Feeds, keywords: dict[str, list[str]], pending: int, searches: str, waiting: str
) -> None:
    kb = feeds.news.kb
    for contender, words in keywords.items():
        kb.contenders[contender].news_keywords = words
    lines = news_lines(feeds.news, RU, pending=pending)
    assert lines[0] == f"Поиски: {searches}"
    assert lines[-1] == f"Статьи, ждущие разбора: {waiting}"


# ---- /feed poll ---------------------------------------------------------------------------------


def _article(n: int) -> Article:
    return Article(id=n, title=f"SEE-1 story {n}", url=f"https://news.example/{n}", site="SpaceNews", published="")


OUTCOMES = {
    "ran": [
        Outcome(LL2, ran=True, changes=("SEE-1 launch: 2025-10-01T00:00:00Z quarter slipped → 2030-06-15T00:00:00Z",)),
        Outcome(NEWS, ran=True, articles=(_article(1), _article(2))),
    ],
    "refused": [
        Outcome(
            LL2,
            refused=Message("feed.refused.budget", used=2, per_hour=2),
            next_allowed=datetime(2026, 11, 24, 13, 0, 1, tzinfo=UTC),
        ),
        Outcome(NEWS, refused=Message("feed.refused.nothing_to_search")),
    ],
    "trouble": [
        Outcome(LL2, ran=True, error="Launch Library 2: HTTP 503"),
        Outcome(NEWS, ran=True),
    ],
}


def test_a_poll_in_russian() -> None:
    card = poll_card(OUTCOMES["ran"], RU)
    assert card.title == "Ленты опрошены" and card.footer == "Подробности: /ленты состояние"
    assert card.description.splitlines() == [
        "✅ **Launch Library 2**: 1 изменение применено и объявлено",
        "• SEE-1 launch: 2025-10-01T00:00:00Z quarter slipped → 2030-06-15T00:00:00Z",  # the change as applied
        "✅ **Spaceflight News**: 2 новые статьи ждут разбора",
        "• SEE-1 story 1 (SpaceNews)",
        "• SEE-1 story 2 (SpaceNews)",
    ]
    refused = poll_card(OUTCOMES["refused"], RU)
    assert refused.title == "Ленты не опрошены"
    assert refused.description.splitlines() == [
        "⏳ **Launch Library 2**: не опрошена — часовой лимит запросов исчерпан (использовано 2 из 2). "
        "Следующий запрос — не раньше 24 ноября 2026 13:00 UTC.",
        "➖ **Spaceflight News**: не опрошена — искать нечего: отслеживайте запуск или задайте претенденту "
        "ключевые слова для новостей.",
    ]
    trouble = poll_card(OUTCOMES["trouble"], RU)
    assert trouble.description.splitlines() == [
        "⚠️ **Launch Library 2**: изменений нет",
        "Проблема: Launch Library 2: HTTP 503",
        "✅ **Spaceflight News**: новых статей нет",
    ]
    for c in (card, refused, trouble):
        assert not [word for word in ENGLISH_WORDS if word in c.title + c.description + c.footer]


# The English /feed poll, word for word as it was before the cards had a language: (title, colour, lines).
ENGLISH_POLLS = {
    "ran": (
        "Feeds polled",
        Colour.INFO,
        [
            "✅ **Launch Library 2**: 1 change(s) applied and announced",
            "• SEE-1 launch: 2025-10-01T00:00:00Z quarter slipped → 2030-06-15T00:00:00Z",
            "✅ **Spaceflight News**: 2 new article(s) waiting for review",
            "• SEE-1 story 1 (SpaceNews)",
            "• SEE-1 story 2 (SpaceNews)",
        ],
    ),
    "refused": (
        "Feeds not polled",
        Colour.WARNING,
        [
            "⏳ **Launch Library 2**: not polled — the hourly request budget is spent (2 of 2 used). "
            "The next request is allowed {next}.",
            "➖ **Spaceflight News**: not polled — nothing to search: track a launch or give a contender "
            "news keywords.",
        ],
    ),
    "trouble": (
        "Feeds polled",
        Colour.WARNING,
        [
            "⚠️ **Launch Library 2**: no change",
            "Problem: Launch Library 2: HTTP 503",
            "✅ **Spaceflight News**: no new article",
        ],
    ),
}


@pytest.mark.parametrize("name", OUTCOMES.keys())
def test_english_poll_is_exactly_what_the_feeds_said(name: str) -> None:
    title, colour, lines = ENGLISH_POLLS[name]
    nexts = {EN: "2026-11-24 13:00 UTC", DiscordStyle(): "<t:1795525201:F> (<t:1795525201:R>)"}
    for style, next_allowed in nexts.items():
        card = poll_card(OUTCOMES[name], style)
        assert (card.title, card.footer, card.colour) == (title, "/feed status for the details", colour)
        assert card.description.splitlines() == [line.format(next=next_allowed) for line in lines]


@pytest.mark.parametrize(
    ("n", "articles", "changes"),
    [
        (1, "1 новая статья ждёт разбора", "1 изменение применено и объявлено"),
        (3, "3 новые статьи ждут разбора", "3 изменения применены и объявлены"),
        (5, "5 новых статей ждут разбора", "5 изменений применено и объявлено"),
        (21, "21 новая статья ждёт разбора", "21 изменение применено и объявлено"),
    ],
)
def test_what_a_poll_found_in_russian_plurals(n: int, articles: str, changes: str) -> None:
    found = [
        Outcome(LL2, ran=True, changes=tuple(f"change {i}" for i in range(n))),
        Outcome(NEWS, ran=True, articles=tuple(_article(i) for i in range(n))),
    ]
    lines = poll_card(found, RU).description.splitlines()
    assert f"✅ **Launch Library 2**: {changes}" in lines and f"✅ **Spaceflight News**: {articles}" in lines
    assert len([line for line in lines if line.startswith("• ")]) == 2 * min(n, LISTED)


async def test_every_refusal_a_poller_gives_is_said_in_russian(feeds: Feeds, clock: Clock) -> None:
    """A refusal carries its catalogue key and values: English words as before, and Russian ones."""
    now = clock()
    ll2, news = feeds.ll2, feeds.news
    refusals = []
    ll2.state.retry_after_until = iso_instant(now + timedelta(hours=1))
    refusals.append(pacing.blocked(LL2, ll2.state, ll2.budget, now))
    ll2.state.retry_after_until = ""
    ll2.state.requests[:] = [iso_instant(now - timedelta(minutes=5))] * 2
    refusals.append(ll2.refusal(now))
    news.kb.contenders["see"].news_keywords = [f"word{i}" for i in range(300)]  # 1 + 24 searches, 20 an hour
    refusals.append(news.refusal(now))
    ll2.editor.apply(ll2.editor.untrack(ADMIN, "see-1-launch"))
    refusals.append(ll2.refusal(now))
    news.kb.contenders["see"].news_keywords = []
    refusals.append(news.refusal(now))
    reasons = [r.refused for r in refusals if r is not None and r.refused is not None]
    assert [r.key for r in reasons] == [
        "feed.refused.retry_after",
        "feed.refused.budget",
        "feed.refused.too_many_searches",
        "feed.refused.nothing_tracked",
        "feed.refused.nothing_to_search",
    ]
    assert reasons == [  # a Message reads as its English words
        "Launch Library 2 asked us to wait (429 Retry-After)",
        "the hourly request budget is spent (2 of 2 used)",
        "25 searches do not fit the hourly budget",
        "no milestone follows a launch (/facts track)",
        "nothing to search: track a launch or give a contender news keywords",
    ]
    assert [r.render("ru") for r in reasons] == [
        "Launch Library 2 просит подождать (429 Retry-After)",
        "часовой лимит запросов исчерпан (использовано 2 из 2)",
        "25 поисков не помещаются в часовой лимит",
        "ни один этап не следит за запуском (/факты следить)",
        "искать нечего: отслеживайте запуск или задайте претенденту ключевые слова для новостей",
    ]
    assert [r.render("en") for r in reasons] == reasons


def test_too_many_searches_in_russian_plurals() -> None:
    too_many = "feed.refused.too_many_searches"
    assert Message(too_many, 21).render("ru") == "21 поиск не помещается в часовой лимит"
    assert Message(too_many, 25).render("ru") == "25 поисков не помещаются в часовой лимит"
    assert Message(too_many, 1) == tr_n(too_many, 1, "en") == "1 searches do not fit the hourly budget"

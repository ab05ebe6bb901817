"""The news review in the core: keywords, the queue as admins see it, and each decision with its edit.

Articles enter the queue as the feed puts them there (``NewsQueue.offer``). A decision and the edit
it makes are one transaction: these tests check what is written when a decision is accepted, and
that nothing at all is written when it is refused, whoever refuses it (validation, an earlier
decision, a failing write after the edit).
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.alerts.records import AlertKind, OutboxAlert, load
from bot.app import App
from bot.ask.service import RaceService
from bot.core.cards import reply_text
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.core.errors import EditError, UserError
from bot.core.models import to_dict
from bot.facts import commands as table
from bot.facts.editor import split_keywords
from bot.facts.news import Article, NewsQueue, Review
from bot.facts.review import article_card, related_items
from bot.facts.service import AdminService, Outcome
from bot.infra.tables import load_kb
from tests.conftest import Clock

ADMIN = Actor("42", "ada")
STYLE = IsoStyle()
NOW = "2026-11-24T11:00:00Z"


def article(number: int = 7, **fields: Any) -> Article:
    values: dict[str, Any] = {
        "title": "Beta Mission slips its launch to 2031",
        "url": f"https://news.example/articles/{number}",
        "site": "Space News",
        "published": "2026-11-23T09:30:00Z",
        "summary": "The Beta Mission team says the cat needs more training before the flight.",
        "contenders": ("beta",),
    }
    return Article(number, **{**values, **fields})


@pytest.fixture
def admin(mini_service: RaceService) -> AdminService:
    return App.around(mini_service).facts


def offer(admin: AdminService, *articles: Article) -> None:
    admin.store.run(lambda store: NewsQueue(store).offer(articles, NOW))


def run(admin: AdminService, command: str, /, **values: Any) -> Outcome:
    return table.run(admin, table.BY_NAME[command], ADMIN, values, STYLE)


def queued(admin: AdminService, number: int = 7) -> Review:
    found = NewsQueue(admin.store).get(number)
    assert found is not None
    return found.review


# ---- keywords ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ('"tom cruise" "space"', ["tom cruise", "space"]),
        ("tom cruise, space", ["tom cruise", "space"]),
        ('"tom cruise", space film', ["tom cruise", "space film"]),
        ("tom   cruise", ["tom cruise"]),
        ('"a, b" c', ["a, b", "c"]),
    ],
)
def test_keywords_are_read_quoted_or_comma_separated(typed: str, words: list[str]) -> None:
    assert [w for w in split_keywords(typed) if w.strip()] == words


def test_news_keywords_are_an_edit_with_history_and_undo(admin: AdminService) -> None:
    before = to_dict(admin.kb.contenders["beta"])
    outcome = run(admin, "news keywords", contender="beta mission", keywords='"Beta Mission", moon cat, beta mission')
    assert "applied" in outcome.reply.pages[0].description
    assert admin.kb.contenders["beta"].news_keywords == ["Beta Mission", "moon cat"]  # the same search once
    assert load_kb(admin.store).contenders["beta"].news_keywords == ["Beta Mission", "moon cat"]
    shown = reply_text(run(admin, "news keywords", contender="beta").reply)
    assert "“Beta Mission”, “moon cat”" in shown
    assert "News keywords of Beta Mission" in reply_text(admin.history("contender", "beta", STYLE))
    run(admin, "undo")
    assert to_dict(admin.kb.contenders["beta"]) == before
    assert "has no news keywords yet" in reply_text(run(admin, "news keywords", contender="beta").reply)


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        (", ,", "at least one keyword"),
        ("a", "too short"),
        ("x" * 61, "too long"),
        (", ".join(f"word{n}" for n in range(11)), r"Too many keywords \(11; at most 10\)"),
        ('"!!" cat', "no letters or digits"),
    ],
)
def test_bad_keywords_are_refused_and_write_nothing(admin: AdminService, keywords: str, message: str) -> None:
    before = admin.store.snapshot()
    with pytest.raises(UserError, match=message):
        run(admin, "news keywords", contender="beta", keywords=keywords)
    assert admin.store.snapshot() == before


def test_the_same_keywords_again_are_refused(admin: AdminService) -> None:
    run(admin, "news keywords", contender="beta", keywords="moon cat")
    with pytest.raises(UserError, match="already has exactly those"):
        run(admin, "news keywords", contender="beta", keywords="moon cat")
    with pytest.raises(UserError, match="No contender called"):
        run(admin, "news keywords", contender="gamma ray", keywords="moon cat")


def test_keywords_cannot_ping(admin: AdminService) -> None:
    run(admin, "news keywords", contender="beta", keywords="@everyone, <@&123>")
    assert all("@everyone" not in k and "<@&123>" not in k for k in admin.kb.contenders["beta"].news_keywords)


# ---- the queue as admins see it --------------------------------------------------------------


def test_the_review_lists_pending_articles_newest_first_with_the_items_they_may_source(admin: AdminService) -> None:
    offer(admin, article(7), article(8, title="Alpha cat retires", published="2026-11-24T08:00:00Z", contenders=()))
    outcome = run(admin, "news review")
    assert [item.article.id for item in outcome.articles] == [8, 7]
    beta = outcome.articles[1].related
    refs = [r.ref for r in beta]
    assert refs[0] == "contender:beta" and {"milestone:beta-launch", "milestone:beta-test"} <= set(refs)
    text = reply_text(outcome.reply)
    assert text.index("#8 Alpha cat retires") < text.index("#7 Beta Mission slips")
    assert "Space News · 2026-11-23 09:30 UTC · https://news.example/articles/7" in text
    assert "may source: contender:beta" in text and "news source ARTICLE ITEM" in text


def test_an_empty_queue_says_so(admin: AdminService) -> None:
    outcome = run(admin, "news review")
    assert outcome.articles == [] and "No news articles are waiting" in reply_text(outcome.reply)
    offer(admin, article(7))
    admin.news_ignore(ADMIN, 7, STYLE)
    assert run(admin, "news review").articles == []


def test_a_long_queue_is_reviewed_newest_first_fifty_at_a_time(admin: AdminService) -> None:
    offer(admin, *(article(n, published=f"2026-11-{1 + n // 4:02d}T{n % 4:02d}:00:00Z") for n in range(52)))
    outcome = run(admin, "news review")
    assert [item.article.id for item in outcome.articles] == list(range(51, 1, -1))
    text = reply_text(outcome.reply)
    assert "News review: 52 article(s) waiting" in text and "… and 2 older article(s)" in text


def test_article_text_cannot_ping_and_fits_an_embed(admin: AdminService) -> None:
    loud = article(9, title="@everyone <@&55> " + "big " * 100, summary="<@1> @here " + "word " * 400)
    offer(admin, loud)
    [item] = run(admin, "news review").articles
    card = article_card(item, admin.kb, STYLE, position=(1, 1))
    shown = card.title + card.description
    assert "@everyone" not in shown and "@here" not in shown and "<@&55>" not in shown and "<@1>" not in shown
    assert len(card.title) <= 256 and len(card.description) <= 4096 and card.url == loud.url
    assert "Article #9 · 1 of 1" in card.footer


def test_an_article_without_contenders_is_offered_the_items_its_words_are_about(admin: AdminService) -> None:
    about = article(5, title="How much did Alpha cost?", summary="", contenders=())
    refs = [r.ref for r in related_items(admin.service, about)]
    assert refs[0] == "fact:alpha-budget" and "contradiction:alpha-budget-dispute" in refs
    assert len(refs) == len(set(refs)) <= 25


# ---- deciding ----------------------------------------------------------------------------------


def test_adding_as_a_source_is_one_change_with_its_decision_and_its_alert(admin: AdminService) -> None:
    offer(admin, article(7))
    before = to_dict(admin.kb.milestones["beta-launch"])
    outcome = admin.news_source(ADMIN, 7, "beta launch", STYLE)
    assert "Source for Beta launch" in reply_text(outcome.reply)
    assert admin.kb.milestones["beta-launch"].sources[-1] == "https://news.example/articles/7"
    decided = NewsQueue(admin.store).get(7)
    assert decided is not None and decided.review is Review.SOURCED and decided.item == "milestone:beta-launch"
    [alert] = load(admin.store, OutboxAlert)
    assert alert.kind is AlertKind.NEWS and alert.news is not None and alert.news.item == "milestone:beta-launch"
    assert alert.changes == (admin.ledger.history(limit=1)[0].id,)
    admin.undo(ADMIN, None, STYLE)  # the source goes; the article stays decided (it is not offered again)
    assert to_dict(admin.kb.milestones["beta-launch"]) == before
    assert queued(admin) is Review.SOURCED and run(admin, "news review").articles == []


def test_the_item_is_named_like_everywhere_else(admin: AdminService) -> None:
    offer(admin, article(1), article(2), article(3))
    admin.news_source(ADMIN, 1, "fact:alpha-budget", STYLE)
    admin.news_source(ADMIN, 2, "milestone:beta-launch", STYLE)  # what the select menu sends
    admin.news_source(ADMIN, 3, "Ada Quill", STYLE)
    assert [NewsQueue(admin.store).get(n).item for n in (1, 2, 3)] == [  # type: ignore[union-attr]
        "fact:alpha-budget",
        "milestone:beta-launch",
        "person:ada",
    ]


@pytest.mark.parametrize(
    ("number", "item", "message"),
    [
        (7, "no such thing at all", "No contender, person or milestone called"),
        (7, "", "Say which item"),
        (7, "planet:mars", "No contender, person or milestone"),
        (99, "beta launch", "no news article #99"),
    ],
)
def test_a_refused_source_writes_nothing(admin: AdminService, number: int, item: str, message: str) -> None:
    offer(admin, article(7))
    before = admin.store.snapshot()
    with pytest.raises(UserError, match=message):
        admin.news_source(ADMIN, number, item, STYLE)
    assert admin.store.snapshot() == before


def test_a_link_already_listed_is_refused_and_the_article_stays_pending(admin: AdminService) -> None:
    offer(admin, article(7, url="https://example.org/bl"))  # already a source of Beta launch
    before = admin.store.snapshot()
    with pytest.raises(UserError, match="already listed"):
        admin.news_source(ADMIN, 7, "beta launch", STYLE)
    assert admin.store.snapshot() == before and queued(admin) is Review.PENDING


def test_recording_a_fact_goes_through_the_validation_of_facts_add(admin: AdminService) -> None:
    offer(admin, article(7))
    before = admin.store.snapshot()
    with pytest.raises(UserError, match="at least one topic"):
        admin.news_record(ADMIN, 7, "Beta slipped to 2031.", " ", STYLE)
    with pytest.raises(UserError, match="Unknown confidence"):
        admin.news_record(ADMIN, 7, "Beta slipped to 2031.", "launch", STYLE, confidence="certain")
    with pytest.raises(UserError, match="No contender called"):
        admin.news_record(ADMIN, 7, "Beta slipped to 2031.", "launch", STYLE, contender="gamma ray")
    assert admin.store.snapshot() == before and queued(admin) is Review.PENDING
    admin.news_record(ADMIN, 7, "Beta slipped to 2031 @everyone.", "launch, delay", STYLE, contender="beta")
    decided = NewsQueue(admin.store).get(7)
    assert decided is not None and decided.review is Review.RECORDED
    fact = admin.kb.facts[decided.item.removeprefix("fact:")]
    assert fact.sources == ["https://news.example/articles/7"] and fact.contender == "beta"
    assert fact.topics == ["launch", "delay"] and "@everyone" not in fact.text
    assert load(admin.store, OutboxAlert)[0].news.decision == "recorded"  # type: ignore[union-attr]


def test_ignoring_keeps_the_article_out_for_good_and_edits_nothing(admin: AdminService) -> None:
    offer(admin, article(7))
    kb_before = admin.kb.to_data()
    assert "ignored" in reply_text(admin.news_ignore(ADMIN, 7, STYLE).reply)
    assert queued(admin) is Review.IGNORED and admin.kb.to_data() == kb_before
    assert admin.ledger.history() == [] and load(admin.store, OutboxAlert) == []
    offer(admin, article(7))  # the feed offers it again: it is known, so it is not queued again
    assert run(admin, "news review").articles == []
    with pytest.raises(UserError, match="already ignored"):
        admin.news_source(ADMIN, 7, "beta launch", STYLE)


def test_a_decision_is_taken_once(admin: AdminService) -> None:
    offer(admin, article(7))
    admin.news_source(ADMIN, 7, "beta", STYLE)
    before = admin.store.snapshot()
    for decide in (
        lambda: admin.news_source(ADMIN, 7, "beta launch", STYLE),
        lambda: admin.news_record(ADMIN, 7, "Beta slipped.", "launch", STYLE),
        lambda: admin.news_ignore(ADMIN, 7, STYLE),
    ):
        with pytest.raises(UserError, match="already sourced"):
            decide()
    assert admin.store.snapshot() == before and len(load(admin.store, OutboxAlert)) == 1


def test_a_decision_refused_inside_the_transaction_takes_its_edit_with_it(admin: AdminService) -> None:
    """Another admin decides between the check and the write: the edit is rolled back with the decision."""
    offer(admin, article(7))

    def someone_else_first(store: Any, _queued: Any, _change: Any) -> None:
        raise EditError("Article #7 was already ignored.")

    admin.news_hooks.insert(0, someone_else_first)
    before, kb_before = admin.store.snapshot(), admin.kb.to_data()
    with pytest.raises(UserError, match="already ignored"):
        admin.news_source(ADMIN, 7, "beta launch", STYLE)
    assert admin.store.snapshot() == before and admin.kb.to_data() == kb_before
    assert queued(admin) is Review.PENDING and admin.ledger.history() == []


def test_the_queue_survives_a_restart(admin: AdminService, clock: Clock) -> None:
    offer(admin, article(7), article(8))
    admin.news_ignore(ADMIN, 8, STYLE)
    reopened = App.around(RaceService(admin.store, clock=clock)).facts
    assert [item.article.id for item in reopened.news_review(STYLE).articles] == [7]

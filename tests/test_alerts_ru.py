"""Alerts in a subscription's language: the Russian texts, English unchanged, one render per language.

Rendered against the shipped seed (its items have Russian titles and names), with Discord's date
style in each language, as the dispatcher renders them. The English texts here are the ones alerts
had before they had a language; the other alert tests check them too.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import bot.alerts.delivery as delivery_module
from bot.alerts.delivery import AlertDispatcher, RateLimiter
from bot.alerts.records import AlertKind, NewsItem, OutboxAlert, Snapshot, Subscription, outbox_alert
from bot.alerts.render import describe_move, render_alert, sample_alert
from bot.alerts.subscriptions import (
    missing_permissions,
    parse_quiet,
    pause_reason,
    required_permissions,
    save_subscription,
    subscribe,
    subscribed_text,
    subscriptions_card,
)
from bot.app import App
from bot.ask.service import RaceService
from bot.core.cards import Colour
from bot.core.changes import Actor
from bot.core.dates import DiscordStyle, IsoStyle
from bot.infra.store import Store
from bot.seed.loader import ensure_seeded
from tests.conftest import Clock
from tests.fake_channels import FakeChannels
from tests.mini_race import mini_race

NOW = datetime(2026, 2, 1, tzinfo=UTC)
RU, EN = DiscordStyle("ru"), DiscordStyle()
ADMIN = Actor("42", "ada")

# English interface words of an alert that a Russian alert must not contain.
ENGLISH_WORDS = ("Date:", "Status:", "Source:", "Why:", "Changed by", "slipped", "moved", " in ", "Reminder", "Digest")


@pytest.fixture(scope="module")
def service() -> RaceService:
    return RaceService.open(None, clock=lambda: NOW)


def _day(text: str) -> str:
    return f"{text}T00:00:00Z"


def _slip() -> OutboxAlert:
    """The first shots in orbit, moved from 2 to 5 October 2021 (by three days)."""
    return outbox_alert(
        "slip",
        AlertKind.DATE,
        "first-shots-in-orbit",
        "challenge",
        old=Snapshot(_day("2021-10-02"), "day", "planned"),
        new=Snapshot(_day("2021-10-05"), "day", "planned"),
        now=NOW,
        by="ada (42)",
        source="https://example.org/slip",
        reason="weather",
    )


def test_a_russian_date_change_reads_russian(service: RaceService) -> None:
    message = render_alert([_slip()], service.kb, RU)
    card = message.card
    assert card.title == "📅 Съёмки начинаются во время сближения с МКС: позже на 3 дня"
    assert card.description.splitlines() == [
        "**«Вызов»**",
        "Дата: 2 октября 2021 → **5 октября 2021**",
        "(позже на 3 дня)",
        "Почему: weather",
        "Источник: [example.org](https://example.org/slip)",
        "Изменил: ada (42)",
    ]
    assert card.footer == "Изменение даты · /хронология — вся гонка"
    assert message.content == card.title  # no role: nothing mentioned
    assert not any(word in card.title + card.description + card.footer for word in ENGLISH_WORDS)


def test_the_same_change_in_english_is_unchanged(service: RaceService) -> None:
    card = render_alert([_slip()], service.kb, EN).card
    assert card.title == "📅 Filming starts during the approach to the ISS: slipped 3 days later"
    assert card.description.splitlines() == [
        "**The Challenge (Vyzov)**",
        "Date: 2 October 2021 → **5 October 2021**",
        "(slipped 3 days later)",
        "Why: weather",
        "Source: [example.org](https://example.org/slip)",
        "Changed by ada (42)",
    ]
    assert card.footer == "Date change · /timeline for the whole race"


@pytest.mark.parametrize(
    ("old", "new", "english", "russian"),
    [
        (_day("2021-10-02"), _day("2021-10-05"), "slipped 3 days later", "позже на 3 дня"),
        (_day("2021-10-06"), _day("2021-10-05"), "moved 1 day earlier", "раньше на 1 день"),
        (_day("2021-10-05"), _day("2021-10-10"), "slipped 5 days later", "позже на 5 дней"),
        ("2021-10-05T08:00:00Z", "2021-10-05T09:01:00Z", "slipped 1 hour 1 minute later", "позже на 1 час 1 минуту"),
        ("2021-10-05T08:00:00Z", "2021-10-05T08:21:00Z", "slipped 21 minutes later", "позже на 21 минуту"),
        (_day("2021-10-05"), _day("2022-02-05"), "slipped about 4 months later", "позже примерно на 4 месяца"),
    ],
)
def test_how_much_a_date_moved_with_russian_plurals(old: str, new: str, english: str, russian: str) -> None:
    precision = "day" if old.endswith("T00:00:00Z") else "time"
    before, after = Snapshot(old, precision, "planned"), Snapshot(new, precision, "planned")
    assert describe_move(before, after) == english
    assert describe_move(before, after, "ru") == russian


def test_precision_and_status_changes_in_russian(service: RaceService) -> None:
    old, new = Snapshot(_day("2021-10-01"), "month", "planned"), Snapshot(_day("2021-10-05"), "day", "planned")
    assert describe_move(old, new, "ru") == "позже на 4 дня, теперь известна с точностью до дня"
    assert describe_move(old, new) == "slipped 4 days later, now known to the day"
    done = outbox_alert(
        "done",
        AlertKind.STATUS,
        "soyuz-ms-19-launch",
        "challenge",
        old=Snapshot("2021-10-05T08:55:02Z", "time", "planned"),
        new=Snapshot("2021-10-05T08:55:02Z", "time", "done"),
        now=NOW,
    )
    ru, en = render_alert([done], service.kb, RU).card, render_alert([done], service.kb, EN).card
    assert ru.title == "🔁 Запуск «Союза МС-19»: теперь состоялось"
    assert "Статус: запланировано → **состоялось**" in ru.description and "Источник: не указан" in ru.description
    assert en.title == "🔁 Soyuz MS-19 launch: now done"
    assert "Status: planned → **done**" in en.description and "Source: not given" in en.description


def _reminder(offset: timedelta, *, late: bool = False) -> OutboxAlert:
    return outbox_alert(
        f"remind-{offset}",
        AlertKind.REMINDER,
        "challenge-premiere",
        "challenge",
        old=Snapshot(_day("2023-04-12"), "day", "planned"),
        new=Snapshot(_day("2023-04-12"), "day", "planned"),
        now=NOW,
        offset=offset,
        late=late,
    )


def test_a_russian_reminder(service: RaceService) -> None:
    card = render_alert([_reminder(timedelta(days=1))], service.kb, RU).card
    assert card.title == "⏰ Премьера в Москве (в День космонавтики) через 1 день"
    assert card.description.startswith("**«Вызов»** — Премьера в Москве (в День космонавтики): 12 апреля 2023 <t:")
    assert card.footer == "Напоминание · /оповещения — что слышит этот канал"
    assert render_alert([_reminder(timedelta(days=7))], service.kb, RU).card.title.endswith("через 7 дней")
    late = render_alert([_reminder(timedelta(hours=1), late=True)], service.kb, RU).card.title
    assert late.endswith("через 1 час (с опозданием: бот был не в сети)")
    english = render_alert([_reminder(timedelta(days=1), late=True)], service.kb, EN).card
    assert english.title == "⏰ Moscow premiere (Cosmonautics Day) in 1 day (late: the bot was offline)"
    assert english.footer == "Reminder · /alerts to change what this channel hears"


def _news() -> OutboxAlert:
    article = NewsItem(
        article=7,
        title="Challenge crew back on Earth",
        url="https://news.example/7",
        site="news.example",
        published="2021-10-17T05:00:00Z",
        summary="The film crew landed.",
        contenders=("challenge",),
        item="milestone:soyuz-ms-18-landing",
        decision="sourced",
    )
    return outbox_alert(
        "news-7",
        AlertKind.NEWS,
        "",
        "challenge",
        old=Snapshot(None, None, None),
        new=Snapshot(None, None, None),
        now=NOW,
        news=article,
    )


def test_a_russian_news_alert_keeps_the_article_and_translates_the_frame(service: RaceService) -> None:
    card = render_alert([_news()], service.kb, RU).card
    assert card.title == "📰 Challenge crew back on Earth"  # the article as published
    assert "Теперь источник: этап **Съёмочная группа приземляется в Казахстане («Союз МС-18»)**" in card.description
    assert "Читать: https://news.example/7" in card.description
    assert card.footer == "Новость одобрена админами фактов · /оповещения — что слышит этот канал"
    english = render_alert([_news()], service.kb, EN).card
    assert "Now a source for the milestone **Film crew lands in Kazakhstan (Soyuz MS-18)**" in english.description
    assert "Read it: https://news.example/7" in english.description


def test_a_russian_digest_and_test_alert(service: RaceService) -> None:
    digest = render_alert([_slip(), _reminder(timedelta(days=1)), _news()], service.kb, RU).card
    assert digest.title == "Сводка: 3 обновления за тихие часы"
    assert digest.footer == "Отправлено, когда закончились тихие часы"
    assert render_alert([_slip(), _news()], service.kb, EN).card.title == "Digest: 2 update(s) from the quiet hours"
    sample = sample_alert(service.kb, RU, None, NOW).card
    assert sample.title.startswith("🧪 Тест: ")
    assert "Почему: Это пробное оповещение." in sample.description and "Изменил: тест" in sample.description
    assert sample.footer == "Проба из /оповещения тест — так выглядят настоящие оповещения"
    english = sample_alert(service.kb, EN, None, NOW).card
    assert english.title.startswith("🧪 Test: ") and "Why: This is a test alert." in english.description


# ---- the subscription's language ----------------------------------------------------------------


def test_the_language_is_stored_and_an_older_subscription_is_english() -> None:
    store = Store.memory()
    sub = store.run(lambda s: subscribe(s, 1, 101, language="ru"))
    assert sub.language == "ru"
    assert store.table("subscriptions").all()[0]["language"] == "ru"
    english = store.run(lambda s: subscribe(s, 1, 102))
    assert english.language == "en" and "language" not in english.to_doc()  # stored exactly as before
    older = {"id": "1-103", "guild_id": 1, "channel_id": 103, "kinds": ["date"], "state": "active"}
    assert Subscription.from_doc(older).language == "en"
    with pytest.raises(ValueError):
        store.run(lambda s: subscribe(s, 1, 104, language="de"))
    card = subscriptions_card([sub, english], _empty_kb())
    assert "language: Русский" in card.fields[0].value and "language: English" in card.fields[1].value


def _empty_kb():  # type: ignore[no-untyped-def]
    return RaceService.open(None, clock=lambda: NOW).kb


# ---- the /alerts replies, in the admin's language -----------------------------------------------

# English interface words of the /alerts replies that a Russian reply must not contain.
REPLY_WORDS = ("will get", "alerts", "Try", "only", "mentioning", "quiet", "active", "paused", "kinds", "language")


def _subscriptions() -> list[Subscription]:
    """One of each: the defaults, everything set (in Russian), news only, reminders with news; two paused."""
    store = Store.memory()
    options: list[dict[str, object]] = [
        {},
        {
            "kinds": "changes",
            "contender": "challenge",
            "role_id": 5,
            "quiet": ("22:00", "07:00"),
            "news": True,
            "language": "ru",
        },
        {"kinds": "news"},
        {"kinds": "reminders", "news": True},
    ]
    subs = [store.run(lambda s, i=i, o=o: subscribe(s, 1, 100 + i, **o)) for i, o in enumerate(options)]  # type: ignore[arg-type]
    return [
        *subs,
        subs[0].paused("missing permission: Missing Access"),
        subs[1].paused("missing permission: Missing Permissions"),
        subs[2].paused("missing permission: Cannot send messages in a voice channel"),
    ]


KINDS = ["all", "changes", "news", "reminders"]


def test_what_subscribe_answers_in_russian(service: RaceService) -> None:
    subs = _subscriptions()
    replies = [subscribed_text(sub, kinds, service.kb, "ru") for sub, kinds in zip(subs, KINDS, strict=False)]  # type: ignore[arg-type]
    assert replies == [
        "В <#100> будут приходить все оповещения (язык оповещений: English). "
        "Как они выглядят, покажет /оповещения тест.",
        "В <#101> будут приходить оповещения об изменениях дат и статусов и одобренные новости "
        "(только «Вызов»; с упоминанием <@&5>; тихие часы 22:00–07:00 UTC). "
        "Как они выглядят, покажет /оповещения тест.",
        "В <#102> будут приходить одобренные новости (язык оповещений: English). "
        "Как они выглядят, покажет /оповещения тест.",
        "В <#103> будут приходить напоминания и одобренные новости (язык оповещений: English). "
        "Как они выглядят, покажет /оповещения тест.",
    ]
    assert not [word for reply in replies for word in REPLY_WORDS if word in reply]
    dates = store_one(kinds="dates")
    assert "оповещения об изменениях дат (" in subscribed_text(dates, "dates", service.kb, "ru")


def store_one(**options: object) -> Subscription:
    return Store.memory().run(lambda s: subscribe(s, 1, 200, **options))  # type: ignore[arg-type]


def test_what_subscribe_answers_in_english_is_unchanged(service: RaceService) -> None:
    """The English replies, word for word as they were before the replies had a language."""
    subs = _subscriptions()
    pairs = list(zip(subs, KINDS, strict=False))
    replies = [subscribed_text(sub, kinds, service.kb) for sub, kinds in pairs]  # type: ignore[arg-type]
    assert replies == [
        "<#100> will get all alerts. Try /alerts test to see one.",  # English, the default, goes unsaid
        "<#101> will get changes alerts and approved news (only The Challenge (Vyzov); mentioning <@&5>; "
        "quiet 22:00–07:00 UTC; in Русский). Try /alerts test to see one.",
        "<#102> will get approved news. Try /alerts test to see one.",
        "<#103> will get reminders alerts and approved news. Try /alerts test to see one.",
    ]
    assert [subscribed_text(sub, kinds, service.kb, "en") for sub, kinds in pairs] == replies  # type: ignore[arg-type]


def test_the_list_in_russian(service: RaceService) -> None:
    card = subscriptions_card(_subscriptions(), service.kb, "ru")
    assert card.title == "Подписки на оповещения" and card.description == ""
    values = [f.value.splitlines() for f in card.fields]
    assert values[0] == ["<#100>", "✅ активна", "виды: даты, статусы, напоминания", "язык: English"]
    assert values[1] == [
        "<#101>",
        "✅ активна",
        "виды: даты, статусы, новости",
        "только: «Вызов»",
        "упоминает: <@&5>",
        "тихие часы: 22:00–07:00 UTC",
        "язык: Русский",
    ]
    assert values[4][1] == "⏸️ приостановлена — у бота нет доступа к каналу"
    assert values[5][1] == "⏸️ приостановлена — у бота нет нужных прав в канале"
    assert values[6][1] == "⏸️ приостановлена — не хватает прав: Cannot send messages in a voice channel"
    assert not [word for v in values for line in v for word in REPLY_WORDS if word in line]
    empty = subscriptions_card([], service.kb, "ru")
    assert (
        empty.description == "Здесь пока ни один канал не получает оповещений. Подписать канал: /оповещения подписать."
    )


def test_the_list_in_english_is_unchanged(service: RaceService) -> None:
    """The English list, word for word as it was before the replies had a language."""
    subs = _subscriptions()
    card = subscriptions_card(subs, service.kb)
    assert card == subscriptions_card(subs, service.kb, "en")
    assert (card.title, card.description, card.colour) == ("Alert subscriptions", "", Colour.INFO)
    english = "language: English"
    challenge = ["only: The Challenge (Vyzov)", "mentions: <@&5>", "quiet: 22:00–07:00 UTC", "language: Русский"]
    paused = "⏸️ paused — missing permission:"
    assert [(f.name, f.value.splitlines()) for f in card.fields] == [
        ("#100", ["<#100>", "✅ active", "kinds: date, status, reminder", english]),
        ("#101", ["<#101>", "✅ active", "kinds: date, status, news", *challenge]),
        ("#102", ["<#102>", "✅ active", "kinds: news", english]),
        ("#103", ["<#103>", "✅ active", "kinds: reminder, news", english]),
        ("#100", ["<#100>", f"{paused} Missing Access", "kinds: date, status, reminder", english]),
        ("#101", ["<#101>", f"{paused} Missing Permissions", "kinds: date, status, news", *challenge]),
        ("#102", ["<#102>", f"{paused} Cannot send messages in a voice channel", "kinds: news", english]),
    ]
    empty = subscriptions_card([], service.kb)
    assert (empty.title, empty.description, empty.fields, empty.colour) == (
        "Alert subscriptions",
        "No channel here gets alerts yet. Use /alerts subscribe.",
        (),
        Colour.INFO,
    )
    assert pause_reason("missing permission: Missing Access") == "missing permission: Missing Access"
    assert pause_reason("something else", "ru") == "something else"  # not a pause the bot words: as stored


def test_missing_permissions_and_quiet_hours_in_russian() -> None:
    assert required_permissions() == {
        "view_channel": "View Channel",
        "send_messages": "Send Messages",
        "embed_links": "Embed Links",
        "attach_files": "Attach Files",
    }
    assert missing_permissions({"view_channel": True, "send_messages": True}) == ["Embed Links", "Attach Files"]
    assert missing_permissions({"view_channel": True, "send_messages": True}, "ru") == [
        "Встраивать ссылки",
        "Прикреплять файлы",
    ]
    assert missing_permissions(dict.fromkeys(required_permissions(), True), "ru") == []
    with pytest.raises(ValueError, match=r"^Quiet hours look like 22:00-07:00 \(UTC, 24-hour clock\)\.$"):
        parse_quiet("late evening")
    with pytest.raises(ValueError, match=r"^Тихие часы пишутся так: 22:00-07:00"):
        parse_quiet("поздно вечером", "ru")
    assert parse_quiet("22:00-07:00", "ru") == ("22:00", "07:00")


async def test_one_alert_is_rendered_once_per_language_however_many_channels(
    mini_service: RaceService, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = delivery_module.render_alert

    def counting(alerts, kb, style, role_id=None):  # type: ignore[no-untyped-def]
        calls.append(style.lang)
        return real(alerts, kb, style, role_id)

    monkeypatch.setattr(delivery_module, "render_alert", counting)
    channels = FakeChannels()
    app = App.around(mini_service)

    async def no_sleep(_seconds: float) -> None:
        await asyncio.sleep(0)

    dispatcher: AlertDispatcher = app.dispatcher(channels, IsoStyle(), limiter=RateLimiter(1e9, sleep=no_sleep))
    for ch in range(100):
        sub = Subscription(id=f"s{ch}", guild_id=1, channel_id=1000 + ch, language="ru" if ch % 2 else "en")
        mini_service.store.run(lambda s, sub=sub: save_subscription(s, sub))
    outcome = app.facts.set_date(ADMIN, "beta test flight", "2030-01-13 12:00", "", "", IsoStyle(), confirm=False)
    assert outcome is not None
    clock.advance(61)
    await dispatcher.tick()
    assert sorted(calls) == ["en", "ru"]
    assert {len(messages) for messages in channels.messages.values()} == {1} and len(channels.messages) == 100
    russian, english = channels.messages[1001][0].card, channels.messages[1000][0].card
    assert "позже на 3 дня" in russian.title and "Дата:" in russian.description
    assert "slipped 3 days later" in english.title and "Date:" in english.description
    assert all(channels.messages[1000 + ch][0].card is (russian if ch % 2 else english) for ch in range(100))
    await dispatcher.tick()  # nothing more: each channel heard it once
    assert channels.calls == 100


async def test_killed_mid_fan_out_the_rest_goes_out_once_each_in_its_language(tmp_path: Path, clock: Clock) -> None:
    """A crash after Discord accepted some posts: the restarted process resends with the same nonces
    (Discord answers with the first message), so each channel has one alert, in its own language."""
    path = tmp_path / "race.json"
    store = Store(path)
    ensure_seeded(store, mini_race())
    service = RaceService(store, clock=clock)
    channels = FakeChannels()
    for ch in range(60):
        sub = Subscription(id=f"s{ch}", guild_id=1, channel_id=2000 + ch, language="ru" if ch % 2 else "en")
        service.store.run(lambda s, sub=sub: save_subscription(s, sub))
    app = App.around(service)
    app.facts.set_date(ADMIN, "beta test flight", "2030-01-13 12:00", "", "", IsoStyle(), confirm=False)
    clock.advance(61)
    channels.crash_after = 30
    with pytest.raises(asyncio.CancelledError):
        await app.dispatcher(channels, IsoStyle(), limiter=_instant()).tick()
    assert 30 <= sum(len(v) for v in channels.messages.values()) < 60
    channels.crash_after = None
    restarted = RaceService(Store(path), clock=clock)
    await App.around(restarted).dispatcher(channels, IsoStyle(), limiter=_instant()).tick()
    assert {len(channels.messages[2000 + ch]) for ch in range(60)} == {1}
    for ch in range(60):
        title = channels.messages[2000 + ch][0].card.title
        assert ("позже на 3 дня" in title) if ch % 2 else ("slipped 3 days later" in title)


def _instant() -> RateLimiter:
    async def no_sleep(_seconds: float) -> None:
        await asyncio.sleep(0)

    return RateLimiter(per_second=1e9, sleep=no_sleep)

"""Member cards in Russian: the frame from the catalogue, the items' own words from their Russian texts.

Run against the shipped seed (every item has its Russian text), with the console's date style in
Russian, so dates read as words ("5 октября 2021"). English output is covered, unchanged, by the
other card tests; here only that an English reader never sees a Russian word or marker.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot.ask.service import RaceService
from bot.core.cards import Card, Reply, paginate, reply_text
from bot.core.dates import DiscordStyle, IsoStyle
from bot.core.errors import UserError
from bot.core.i18n import catalogue
from bot.shells.discord.command_strings import NAMES

RU = IsoStyle("ru")
EN = IsoStyle()

# English interface words a Russian card must not contain (the items' data, e.g. organisations, may be English).
ENGLISH_WORDS = (
    "First:",
    "Precedents",
    "Last:",
    "Next",
    "Facts checked",
    "Status",
    "Country",
    "Organisations",
    "People",
    "Milestones",
    "Sources",
    "Timeline",
    "milestones",
    "moved",
    "Roles",
    "Nationality",
    "Also",
    " vs ",
    "undated",
    "fact(s)",
    "confirmed",
    "reported",
    "verified",
    "page ",
    "Ask /contender",
    "/race",
    "/timeline",
)


@pytest.fixture(scope="module")
def service() -> RaceService:
    return RaceService.open(None, clock=lambda: datetime(2026, 2, 1, tzinfo=UTC))


def text_of(reply: Reply) -> str:
    return reply_text(reply, "ru")


def without_links(text: str) -> str:
    return re.sub(r"https?://\S+", "", text)


def no_english_interface(text: str) -> list[str]:
    shown = without_links(text)
    return [word for word in ENGLISH_WORDS if word in shown]


def test_race_in_russian(service: RaceService) -> None:
    text = text_of(service.race(RU))
    assert text.startswith("Гонка за первый художественный фильм, снятый на орбите")
    assert "🏆 Первым стал «Вызов» — Запуск «Союза МС-19», 5 октября 2021 08:55 UTC." in text
    assert "Юлию Пересильд" in text  # the race's summary, in Russian
    assert "_Факты сверены с источниками по " in text
    assert "## Прецеденты и смежные «первые»" in text and "— прецедент" in text
    assert "🏆 победил · Россия" in text and "🗄️ отложен · США" in text
    assert "Последний этап: " in text and "Следующий: этапов с датой впереди нет" in text
    assert "/претендент, /хронология, /сравнить или /спросить" in text
    assert no_english_interface(text) == []


def test_contender_challenge_in_russian(service: RaceService) -> None:
    reply = service.contender("challenge", RU)
    text = text_of(reply)
    assert reply.pages[0].title == "«Вызов»"
    assert "Юлия Пересильд — исполнительница главной роли" in text
    assert "Клим Шипенко — режиссёр" in text
    for name in ("Статус", "Страна", "Организации", "Люди", "Этапы", "Источники"):
        assert f"## {name}" in text
    assert "🏆 победил (претендент)" in text and "Россия" in text
    assert "5 октября 2021 08:55 UTC — Запуск «Союза МС-19»" in text
    assert "Другие названия: " in text and "(подтверждено, проверено " in text
    assert "## Люди (продолжение)" in text  # a long field goes on in Russian, too
    assert no_english_interface(text.split("Другие названия:")[0] + text.split("## Статус")[1]) == []


def test_a_contender_typed_in_russian_is_found(service: RaceService) -> None:
    assert service.contender("Вызов", RU).pages[0].title == "«Вызов»"


def test_person_peresild_in_russian(service: RaceService) -> None:
    reply = service.person("peresild", RU)
    text = text_of(reply)
    assert reply.pages[0].title == "Юлия Пересильд"
    assert "Российская актриса" in reply.pages[0].description
    assert "## Роли\n«Вызов»: исполнительница главной роли" in text
    assert "## Гражданство\nРоссия" in text
    assert "## Другие написания" in text
    assert no_english_interface(text.replace(reply.pages[0].fields[2].value, "")) == []


def test_timeline_in_russian(service: RaceService) -> None:
    text = text_of(service.timeline(None, RU))
    assert text.startswith("Хронология гонки")
    assert "✅ 5 октября 2021 08:55 UTC — Запуск «Союза МС-19» («Вызов»)" in text
    assert "✅ 17 октября 2021" in text
    assert re.search(r"\d+ этап(а|ов)?, перенесено: \d+ · ✅ состоялось · 📌 подтверждено", text)
    assert no_english_interface(text) == []
    cruise = text_of(service.timeline("cruise", RU))
    assert cruise.startswith("Хронология: Фильм Тома Круза и Дага Лаймана")
    assert "↪️ октябрь 2021 — Полёт Круза и Лаймана на МКС с Axiom" in cruise  # a month, never a day
    assert "⚠ слух" in cruise and "rumour" not in cruise


def test_timeline_in_discord_style_speaks_russian_around_the_timestamps(service: RaceService) -> None:
    reply = service.timeline("challenge", DiscordStyle("ru"))
    text = reply_text(reply, "ru")
    assert "<t:1633424102:F>" in text  # an exact time is a Discord timestamp, shown in the reader's language
    assert "17 октября 2021" in text or "октябрь 2021" in text
    assert no_english_interface(text) == []


def test_compare_in_russian(service: RaceService) -> None:
    reply = service.compare("challenge", "cruise", RU)
    text = text_of(reply)
    assert reply.pages[0].title == "«Вызов» и Фильм Тома Круза и Дага Лаймана"
    names = [f.name for f in reply.pages[0].fields if f.name != "\u200b"]
    assert names[:2] == ["Статус · «Вызов»", "Статус · Фильм Тома Круза и Дага Лаймана"]
    assert {"Запуск · «Вызов»", "Выход · «Вызов»", "Последний этап · «Вызов»", "Люди · «Вызов»"} <= set(names)
    assert "Юлия Пересильд" in text and "5 октября 2021 08:55 UTC" in text
    assert no_english_interface(text) == []


def test_sources_in_russian(service: RaceService) -> None:
    reply = service.sources("budget", RU)
    text = text_of(reply)
    assert reply.pages[0].title == "Источники: budget"
    assert re.match(r"\d+ факт(а|ов)? и \d+ противореч(ие|ия|ий) по этой теме\.", reply.pages[0].description)
    assert "## ⚖️ Источники расходятся: Бюджет «Вызова»" in text
    assert "Оценка: " in text and "по сообщениям" in text
    assert "подтверждено — два и более независимых источника" in text
    assert no_english_interface(text) == []


def test_a_fact_dated_to_the_day_reads_as_a_russian_date(service: RaceService) -> None:
    text = text_of(service.sources("soyuz ms-19", RU))
    assert "5 октября 2021" in text and "2021-10-05" not in text


def test_help_in_russian_names_the_commands_as_russian_members_see_them(service: RaceService) -> None:
    reply = service.help(RU)
    text = text_of(reply)
    assert reply.ephemeral and reply.pages[0].title == "Команды race-bot"
    for line in ("/гонка — Обзор", "/претендент НАЗВАНИЕ", "/хронология [ПРЕТЕНДЕНТ]", "/человек ИМЯ", "/помощь —"):
        assert line in text
    assert "Спросить race-bot" in text and "Даты показываются в вашем часовом поясе" in text
    assert no_english_interface(text) == []


def test_every_command_a_russian_card_names_is_a_russian_command_name() -> None:
    """The cards say /гонка where Russian members see /гонка (bot.shells.discord.command_strings)."""
    shown = {f"/{name}" for name in NAMES.values()}
    named = {
        (key, word)
        for key, forms in catalogue().items()
        if key.startswith("cards.") and not key.startswith("cards.missed") and isinstance(forms["ru"], str)
        for word in re.findall(r"/[^\s,.:;)\]»]+", str(forms["ru"]))
    }
    assert named and {(key, word) for key, word in named if word not in shown} == set()


def test_member_errors_in_russian(service: RaceService) -> None:
    cases = {
        lambda: service.contender("cruse zzz", RU): "Претендента «cruse zzz» нет. Может быть, вы имели в виду: Фильм",
        lambda: service.contender("", RU): "Укажите претендента.",
        lambda: service.contender("x" * 101, RU): "Название претендента слишком длинное (101 символ; не больше 100).",
        lambda: service.person("", RU): "Укажите человека.",
        lambda: service.compare("challenge", "Вызов", RU): "Выберите для сравнения двух разных претендентов.",
        lambda: service.sources("", RU): "Укажите тему",
        lambda: service.sources("budgit", RU): "Темы «budgit» нет. Может быть, вы имели в виду: budget",
        lambda: service.answer("", RU): "Задайте вопрос",
        lambda: service.answer("x" * 302, RU): "Вопрос слишком длинный (302 символа; не больше 300).",
        lambda: service.timeline(None, RU, years=(2025, 2020)): "Первый год (2025) позже последнего (2020).",
    }
    for call, expected in cases.items():
        with pytest.raises(UserError) as info:
            call()
        assert str(info.value).startswith(expected)


def test_did_you_mean_names_the_suggestions_in_russian(service: RaceService) -> None:
    with pytest.raises(UserError) as info:
        service.person("peresilb zz", RU)
    assert "Юлия Пересильд" in str(info.value) and "Yulia" not in str(info.value)


def test_autocomplete_names_in_russian(service: RaceService) -> None:
    assert [c.name for c in service.complete("contender", "chall", "ru")][:1] == ["«Вызов»"]
    assert [c.value for c in service.complete("contender", "chall", "ru")][:1] == ["challenge"]
    assert [c.name for c in service.complete("contender", "chall")][:1] == ["The Challenge (Vyzov)"]


def test_the_decline_card_in_russian(service: RaceService) -> None:
    reply = service.ask("какая любимая еда у пересильд", RU)
    assert not reply.ok and reply.pages[0].footer == "Подходящих фактов не нашлось"
    answered = service.ask("кто снял вызов", RU)
    assert answered.ok and answered.pages[0].fields[0].name == "Источники"
    english = service.ask("who won the race", RU)  # answered in the language it was asked in, card and all
    assert english.pages[0].fields[0].name == "Sources"


def test_pages_are_numbered_in_russian() -> None:
    pages = paginate(Card(title="t", description="слово " * 2000, footer="подвал"), "ru")
    assert len(pages) > 1 and pages[0].footer == f"подвал · стр. 1/{len(pages)}"


def test_an_item_without_its_russian_text_shows_the_english_marked() -> None:
    service = RaceService.open(None, clock=lambda: datetime(2026, 2, 1, tzinfo=UTC))
    milestone = service.kb.milestones["soyuz-ms-19-launch"]
    milestone.texts = {}
    service.kb.people["peresild"].texts["ru"].pop("summary")
    timeline = text_of(service.timeline("challenge", RU))
    assert f"— {milestone.title} (англ.)" in timeline
    assert service.person("peresild", RU).pages[0].description.endswith("(англ.)")
    english = reply_text(service.timeline("challenge", EN))
    assert f"— {milestone.title}\n" in english and "англ" not in english


def test_english_readers_see_no_russian(service: RaceService) -> None:
    cards = [service.race(EN), service.contender("challenge", EN), service.person("peresild", EN), service.help(EN)]
    cards += [service.timeline(None, EN), service.compare("challenge", "cruise", EN), service.sources("budget", EN)]
    text = "\n".join(reply_text(reply) for reply in cards)
    frame = without_links(text)
    for word in ("Гонка", "Статус", "Хронология", "Источники", "стр.", "(англ.)", "/гонка"):
        assert word not in frame
    assert "🏆 **First: The Challenge (Vyzov)**" in service.race(EN).pages[0].description

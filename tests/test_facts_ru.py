"""The admin side in Russian, and /facts translate: an admin reads previews, refusals and the history in
their language, and sets or corrects an item's text in a language with history and undo like any edit.

Everything runs through :func:`bot.facts.commands.run`, the one path every shell takes, over the
shipped seed (its items have Russian texts); English stays exactly as it was (the other test files).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bot.app import App
from bot.core.cards import Reply, reply_text
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.core.errors import Message, UserError, message_in
from bot.facts import commands as table
from bot.facts.history import HISTORY_TABLE, WORDS
from bot.facts.service import Outcome

ADMIN = Actor("42", "ada")
RU, EN = IsoStyle("ru"), IsoStyle()
# Words of the English interface that must not be left in a Russian reply (item names aside).
ENGLISH = {
    "preview",
    "change",
    "changes",
    "announced",
    "subscribed",
    "channel",
    "confirm",
    "cancel",
    "buttons",
    "expire",
    "minutes",
    "saved",
    "applied",
    "undo",
    "undone",
    "history",
    "date",
    "status",
    "time",
    "read",
    "characters",
    "too",
    "long",
    "the",
    "of",
    "is",
    "by",
    "only",
    "you",
    "and",
    "text",
    "summary",
}


@pytest.fixture
def app(tmp_path: Path) -> App:
    return App.open(tmp_path / "race.json")


def run(app: App, command: str, style: IsoStyle = RU, /, **values: Any) -> Outcome:
    return table.run(app.facts, table.BY_NAME[command], ADMIN, values, style)


def refused(app: App, command: str, style: IsoStyle = RU, /, **values: Any) -> str:
    """The refusal's words, having checked that nothing at all was written."""
    before = app.store.snapshot()
    with pytest.raises(UserError) as caught:
        run(app, command, style, **values)
    assert app.store.snapshot() == before
    return str(caught.value)


def text_of(reply: Reply) -> str:
    return reply_text(reply, "ru")


def english_words(text: str, *, besides: tuple[str, ...] = ()) -> set[str]:
    """The English interface words left in ``text``, once the item names it quotes are taken out."""
    for name in besides:
        text = text.replace(name, "")
    return {w for w in re.findall(r"[A-Za-z]+", text.replace("/facts undo", "")) if w.lower() in ENGLISH}


# ---- previews, confirmations, refusals and the history, in Russian ---------------------------


def test_a_date_preview_and_its_confirmation_in_russian(app: App) -> None:
    before = app.store.snapshot()
    outcome = run(app, "date", milestone="Soyuz MS-19 launch", date="2021-10-06 09:00", reason="опечатка")
    assert outcome.pending is not None and app.store.snapshot() == before  # nothing until Confirm
    preview = text_of(outcome.reply)
    assert "Предпросмотр: Дата: Soyuz MS-19 launch" in preview
    assert "Об этом изменении узнают 0 подписанных каналов." in preview
    assert "Время прочитано как UTC (часовой пояс не указан)." in preview
    assert "дата 5 октября 2021 08:55 UTC → 6 октября 2021 09:00 UTC" in preview
    assert "Нажать эти кнопки можете только вы" in preview
    assert english_words(preview, besides=("Soyuz MS-19 launch",)) == set()
    done = text_of(app.facts.commit(outcome.pending, RU))
    assert "Сохранено" in done and "Правка #1 применена: Дата: Soyuz MS-19 launch." in done
    assert "Отменить: /facts undo." in done
    assert english_words(done, besides=("Soyuz MS-19 launch",)) == set()


def test_the_same_preview_in_english_is_as_it_always_was(app: App) -> None:
    outcome = run(app, "date", EN, milestone="Soyuz MS-19 launch", date="2021-10-06 09:00")
    text = reply_text(outcome.reply)
    assert "Preview: Date of Soyuz MS-19 launch" in text
    assert "This change will be announced to 0 subscribed channel(s)." in text
    assert "Only you can press these buttons; they expire in 2 minutes." in text


def test_validation_errors_in_russian_change_nothing(app: App) -> None:
    unreadable = refused(app, "date", milestone="Soyuz MS-19 launch", date="blorp")
    assert unreadable.startswith("Не могу прочитать «blorp» как дату. Напишите дату в одной из форм")
    assert english_words(unreadable.split(":")[0]) == set()
    too_long = refused(app, "translate", kind="person", name="peresild", language="ru", text="ы" * 1001)
    assert too_long == "Поле «описание» слишком длинное (1001 символ; не больше 1000)."
    unknown = refused(app, "status", kind="milestone", name="zzzqqq", status="done")
    assert unknown.startswith("Не найдено: этап «zzzqqq».")
    same = refused(app, "status", kind="milestone", name="Soyuz MS-19 launch", status="done")
    assert same == "У «Soyuz MS-19 launch» уже статус «состоялось»."
    assert refused(app, "undo") == "Отменять нечего."


def test_the_history_in_russian_and_in_english(app: App) -> None:
    run(app, "translate", EN, kind="person", name="peresild", language="ru", text="Актриса «Вызова».")
    run(app, "undo", EN)
    history = text_of(app.facts.history(None, None, RU))
    assert "История" in history
    assert "#2" in history and "Отмена #1: Текст «Yulia Peresild» (ru, описание): «Актриса «Вызова».»" in history
    assert "(отменено правкой #2)" in history and "переводы ru описание" in history
    assert english_words(history, besides=("Yulia Peresild", "ada")) == set()
    english = reply_text(app.facts.history(None, None, EN))
    assert "Undo #1: Text of Yulia Peresild (ru, summary): “Актриса «Вызова».”" in english
    assert "(undone by #2)" in english and "History" in english


def test_a_history_record_from_before_the_translations_reads_as_it_was_written(app: App) -> None:
    run(app, "pin", EN, milestone="SEE-1 launch", pinned=True)
    [doc] = app.store.table(HISTORY_TABLE).all()
    assert doc[WORDS]["key"] == "facts.summary.pin"  # the summary's words are kept beside its English
    app.store.run(lambda store: store.table(HISTORY_TABLE).update({"summary": "Pinned it (old words)", WORDS: None}))
    history = text_of(app.facts.history(None, None, RU))
    assert "Pinned it (old words)" in history and "История" in history


def test_a_message_reads_as_english_and_is_said_again_in_russian() -> None:
    message = Message("facts.err.too_long", 101, what=Message("facts.field.name"), maximum=100)
    assert message == "The name is too long (101 characters; at most 100)."
    assert message.render("ru") == "Поле «имя» слишком длинное (101 символ; не больше 100)."
    assert message_in(UserError(message), "ru") == message.render("ru")
    assert Message.from_data(message.to_data()) == message
    assert type(f"{message}") is str  # formatted into other text, it is plain English


# ---- /facts translate ---------------------------------------------------------------------------


def test_translate_sets_a_russian_text_the_person_card_shows_it_and_undo_restores_it(app: App) -> None:
    old = app.kb.people["peresild"].texts["ru"]["summary"]
    english = app.kb.people["peresild"].summary
    saved = run(app, "translate", kind="person", name="Peresild", language="ru", text="Исполнительница главной роли.")
    assert (
        saved.pending is None
        and "Текст «Yulia Peresild» (ru, описание): «Исполнительница главной роли.»" in text_of(saved.reply)
    )
    card = text_of(app.questions.person("peresild", RU))
    assert "Исполнительница главной роли." in card and old not in card
    assert app.kb.people["peresild"].summary == english  # the English text is untouched
    run(app, "undo")
    assert old in text_of(app.questions.person("peresild", RU))
    assert app.kb.people["peresild"].texts["ru"]["summary"] == old


def test_translate_in_english_sets_the_field_itself_and_a_title_keeps_its_old_name(app: App) -> None:
    old = "Apogee of Fear shot on the ISS"
    saved = run(app, "translate", EN, kind="milestone", name=old, language="en", text="Apogee of Fear filmed")
    milestone = app.kb.milestones["apogee-of-fear-filming"]
    assert milestone.title == "Apogee of Fear filmed" and old in milestone.aliases
    assert f"The old name “{old}” stays an alias." in reply_text(saved.reply)
    role = run(app, "translate", kind="person", name="peresild", language="ru", text="врач", field="role:challenge")
    assert app.kb.people["peresild"].texts["ru"]["role:challenge"] == "врач" and role.reply.ok


def test_translate_neutralises_mentions_and_notes_a_text_in_the_wrong_alphabet(app: App) -> None:
    saved = run(app, "translate", EN, kind="contender", name="challenge", language="ru", text="@everyone <@123> film")
    assert app.kb.contenders["challenge"].texts["ru"]["summary"] == "@\u200beveryone <@\u200b123> film"
    assert "though it reads like en" in reply_text(saved.reply)


def test_a_bad_language_or_field_is_refused_in_plain_words_and_nothing_changes(app: App) -> None:
    language = refused(app, "translate", EN, kind="person", name="peresild", language="de", text="Schauspielerin")
    assert language == "Unknown language “de”. Choose one of: en, ru."
    field = refused(app, "translate", EN, kind="person", name="peresild", language="ru", text="x", field="budget")
    assert field.startswith("A person has no translatable field “budget”. Choose one of: name, summary, role:challenge")
    in_russian = refused(app, "translate", kind="fact", name="days-aboard", language="ru", text="x", field="title")
    assert in_russian.startswith("У записи вида «факт» нет переводимого поля «title». Выберите одно из: text, answer")
    same = app.kb.people["peresild"].texts["ru"]["summary"]
    again = refused(app, "translate", kind="person", name="peresild", language="ru", text=same)
    assert again == "«Yulia Peresild» уже читается ровно так (ru, описание)."


# ---- /facts add with a Russian text beside the English one --------------------------------------


def test_add_takes_a_russian_name_and_text_beside_the_english_ones(app: App) -> None:
    values = {"kind": "contender", "source": "https://example.org/n", "name": "Orbit Film", "text": "A new try."}
    saved = run(app, "add", EN, **values, name_ru="Орбитальный фильм", text_ru="Новая попытка.")
    assert saved.reply.ok
    contender = next(c for c in app.kb.contenders.values() if c.name == "Orbit Film")
    assert contender.texts == {"ru": {"name": "Орбитальный фильм", "summary": "Новая попытка."}}
    assert "Новая попытка." in text_of(app.questions.contender("Orbit Film", RU))
    without = refused(app, "add", EN, kind="contender", source="https://example.org/m", name="Another", text_ru="Текст")
    assert without == "Give the English summary too: a Russian one is added to it, never instead of it."
    person = {"kind": "person", "source": "https://example.org/p", "name": "New Person", "contender": "challenge"}
    assert refused(app, "add", **person, role="actor", text_ru="Актёр") == (
        "Для новой записи вида «человек» параметр text_ru не нужен."
    )

"""An admin whose Discord is in Russian edits the facts in Russian: through discord.py and the emulator.

The preview, its buttons, the confirmation, a refusal and the history all follow the admin's own
client language (the interaction's ``locale``); an English admin in the same server still reads
English, and /facts translate sets the Russian text a Russian member then sees.
"""

from __future__ import annotations

from bot.core.models import to_dict
from tests.discord_emu import buttons
from tests.e2e.conftest import Harness


def labels(message: object) -> list[str]:
    rows = getattr(message, "components", [])
    return [c["label"] for row in rows for c in row.get("components", []) if "label" in c]


async def test_a_russian_admin_gets_a_russian_preview_buttons_and_confirmation(harness: Harness) -> None:
    h = harness
    admin = h.home.admin
    admin.locale = "ru"  # the home server's admin, whose Discord is in Russian
    before = to_dict(h.service.kb.milestones["soyuz-ms-19-launch"])
    preview = await h.emu.invoke(
        "facts date",
        {"milestone": "soyuz-ms-19-launch", "date": "2021-10-06 09:00", "reason": "опечатка"},
        user=admin,
        channel=h.home.general,
    )
    assert preview.ephemeral and "Предпросмотр: Дата: Soyuz MS-19 launch" in preview.text
    assert "узнают **0** подписанных каналов" in preview.text and "Preview" not in preview.text
    assert buttons(preview.last) == ["facts:confirm", "facts:cancel"]
    assert labels(preview.last) == ["Подтвердить", "Отменить"]
    assert to_dict(h.service.kb.milestones["soyuz-ms-19-launch"]) == before
    refused = await h.emu.click(preview.last, "facts:confirm", user=h.home.owner)  # someone else, in English
    assert refused.ephemeral and "Only the admin who asked can confirm this." in refused.text
    done = await h.emu.click(preview.last, "facts:confirm", user=admin)
    assert "Правка **#1** применена: Дата: Soyuz MS-19 launch." in done.text and "Saved" not in done.text
    history = await h.emu.invoke("facts history", {}, user=admin, channel=h.home.general)
    assert "История" in history.text and "#1" in history.text and "Дата: Soyuz MS-19 launch" in history.text
    admin.locale = "en-US"
    english = await h.emu.invoke("facts history", {}, user=admin, channel=h.home.general)
    assert "Date of Soyuz MS-19 launch" in english.text and "История" not in english.text


async def test_a_russian_refusal_and_a_bad_option_change_nothing(harness: Harness) -> None:
    h = harness
    member = h.emu.add_member(h.home.guild, "участник", locale="ru")
    admin = h.home.admin
    admin.locale = "ru"
    before = h.service.store.snapshot()
    result = await h.emu.invoke(
        "facts date", {"milestone": "soyuz-ms-19-launch", "date": "2030"}, user=member, channel=h.home.general
    )
    assert result.ephemeral and "Менять общие факты могут только администраторы бота" in result.text
    bad = await h.emu.invoke(
        "facts translate",
        {"kind": "person", "name": "peresild", "language": "ru", "text": "x", "field": "budget"},
        user=admin,
        channel=h.home.general,
    )
    assert bad.ephemeral and "У записи вида «человек» нет переводимого поля «budget»" in bad.text
    assert h.service.store.snapshot() == before


async def test_facts_translate_sets_the_russian_text_a_russian_member_reads(harness: Harness) -> None:
    h = harness
    admin = h.home.admin
    admin.locale = "ru"
    reader = h.emu.add_member(h.home.guild, "читатель", locale="ru")
    saved = await h.emu.invoke(
        "facts translate",
        {"kind": "person", "name": "peresild", "language": "ru", "text": "Сыграла хирурга в «Вызове»."},
        user=admin,
        channel=h.home.general,
    )
    assert saved.ephemeral and "Сохранено" in saved.text and "Текст «Yulia Peresild» (ru, описание)" in saved.text
    card = await h.emu.invoke("person", {"name": "peresild"}, user=reader, channel=h.home.general)
    assert "Сыграла хирурга в «Вызове»." in card.text
    await h.emu.invoke("facts undo", {}, user=admin, channel=h.home.general)
    again = await h.emu.invoke("person", {"name": "peresild"}, user=reader, channel=h.home.general)
    assert "Сыграла хирурга" not in again.text

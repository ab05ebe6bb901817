"""A Russian-speaking member, through the real discord.py client and the emulator: every reply in Russian.

The member's Discord client is in Russian (``locale="ru"``), so they see and type the Russian
command names (/гонка, /помощь) and the bot answers in Russian; an English member in the same
server still gets English, and LANGUAGE only speaks for members whose language the bot lacks.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.shells.discord.bot import RaceBot
from tests.discord_emu import Emulator, buttons, run_bot
from tests.e2e.conftest import Harness
from tests.e2e.test_questions import LAUNCH_STAMP, assert_within_limits

ENGLISH_FRAME = ("First:", "Precedents", "Last:", "Next:", "Facts checked", "Ask /contender", "page ")


async def test_race_in_russian_for_a_russian_member_english_for_an_english_one(harness: Harness) -> None:
    h = harness
    russian = h.emu.add_member(h.home.guild, "ivan", locale="ru")
    result = await h.emu.invoke("гонка", {}, user=russian, channel=h.home.general)  # the name a Russian client shows
    text = result.text
    assert "Гонка за первый художественный фильм, снятый на орбите" in text
    assert f"🏆 **Первым стал «Вызов»** — Запуск «Союза МС-19», {LAUNCH_STAMP}" in text
    assert "«Вызов»" in text and "Фильм Тома Круза и Дага Лаймана" in text
    assert "_Факты сверены с источниками по " in text and "/претендент, /хронология" in text
    assert [word for word in ENGLISH_FRAME if word in text] == []
    assert result.last.files["timeline.png"].startswith(b"\x89PNG")
    for message in result.messages:
        assert_within_limits(message)

    english = await h.emu.invoke("race", {}, user=h.home.member, channel=h.home.general)
    assert "🏆 **First: The Challenge (Vyzov)**" in english.text and "Гонка" not in english.text


async def test_help_and_errors_in_russian(harness: Harness) -> None:
    h = harness
    russian = h.emu.add_member(h.home.guild, "olga", locale="ru")
    result = await h.emu.invoke("помощь", {}, user=russian, channel=h.home.general)
    assert result.ephemeral
    assert "Команды race-bot" in result.text and "**/гонка** — Обзор" in result.text
    assert "/race" not in result.text

    unknown = await h.emu.invoke("претендент", {"название": "zzqqxx"}, user=russian, channel=h.home.general)
    assert unknown.ephemeral and unknown.text.startswith("Претендента «zzqqxx» нет.")
    english = await h.emu.invoke("contender", {"name": "zzqqxx"}, user=h.home.member, channel=h.home.general)
    assert english.ephemeral and english.text.startswith("No contender called “zzqqxx”.")


async def test_person_and_autocomplete_in_russian(harness: Harness) -> None:
    h = harness
    russian = h.emu.add_member(h.home.guild, "pyotr", locale="ru")
    result = await h.emu.invoke("человек", {"имя": "peresild"}, user=russian, channel=h.home.general)
    assert result.message is not None and result.message.embeds[0]["title"] == "Юлия Пересильд"
    assert "Роли" in result.text and "**«Вызов»**: исполнительница главной роли" in result.text
    choices = await h.emu.autocomplete(
        "претендент", {"название": "chal"}, "название", user=russian, channel=h.home.general
    )
    assert choices[0] == {"name": "«Вызов»", "value": "challenge"}


async def test_feedback_buttons_and_their_thanks_in_russian(harness: Harness) -> None:
    h = harness
    russian = h.emu.add_member(h.home.guild, "sveta", locale="ru")
    result = await h.emu.invoke("спросить", {"вопрос": "кто снял вызов"}, user=russian, channel=h.home.general)
    assert "Клим Шипенко" in result.text and "Источники" in result.text
    message = result.last
    assert {"feedback:up", "feedback:down"} <= set(buttons(message))
    stranger = await h.emu.click(message, "feedback:up", user=h.home.member)  # an English member's client
    assert stranger.text.startswith("Only the person who asked")
    thanks = await h.emu.click(message, "feedback:down", user=russian)
    assert thanks.followups[-1].content.startswith("Спасибо, учтено.")


async def test_language_setting_speaks_for_members_whose_language_the_bot_lacks(
    emu: Emulator, make_bot: Callable[..., RaceBot]
) -> None:
    home = emu.add_guild("Home")
    german = emu.add_member(home.guild, "hans", locale="de")
    bot = make_bot(emu, home, language="ru")
    async with run_bot(bot, emu):
        result = await emu.invoke("help", {}, user=german, channel=home.general)
        assert "Команды race-bot" in result.text
        english = await emu.invoke("help", {}, user=home.member, channel=home.general)
        assert "race-bot commands" in english.text  # an English client is English, whatever LANGUAGE says


async def test_ask_race_bot_menu_in_russian(harness: Harness) -> None:
    h = harness
    russian = h.emu.add_member(h.home.guild, "nina", locale="ru")
    claim = h.emu.post_message(h.home.general, h.home.owner, "кто снял вызов?")
    result = await h.emu.invoke_message_command("Спросить race-bot", claim, user=russian)
    assert result.ephemeral and "Клим Шипенко" in result.text
    empty = h.emu.post_message(h.home.general, h.home.owner, "", embeds=[{"title": "just a picture"}])
    refused = await h.emu.invoke_message_command("Спросить race-bot", empty, user=russian)
    assert refused.ephemeral and refused.text.startswith("В этом сообщении нет текста")

"""The emulator itself behaves like Discord where a bot can tell: limits, errors, nonces, validation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.discord_emu import CommandNotAvailable, Emulator, Result, World, run_bot, validate_commands
from tests.discord_emu.validation import component_problems, modal_problems


@pytest.fixture
async def client(emu: Emulator) -> AsyncIterator[tuple[discord.Client, World]]:
    world = emu.add_guild("Plain")
    bot = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.05)
    async with run_bot(bot, emu):
        yield bot, world


async def test_ready_carries_the_guilds(emu: Emulator, client: tuple[discord.Client, World]) -> None:
    bot, world = client
    assert bot.user is not None and bot.user.id == emu.bot_user.id
    guild = bot.get_guild(world.guild.id)
    assert guild is not None and guild.get_channel(world.general.id) is not None and guild.me is not None


async def test_a_burst_to_one_channel_is_paced_by_the_bucket_headers(
    emu: Emulator, client: tuple[discord.Client, World]
) -> None:
    bot, world = client
    emu.message_window = 0.5  # Discord's 5 per 5 s, scaled down tenfold to keep the test quick
    channel = bot.get_channel(world.general.id)
    for i in range(12):
        await channel.send(f"message {i}")
    assert [m.content for m in emu.channel_messages(world.general.id)] == [f"message {i}" for i in range(12)]
    assert emu.stats.rate_limited == 0  # discord.py waited on X-RateLimit-Remaining: 0 each time


async def test_raw_bursts_draw_429s_like_discords(emu: Emulator) -> None:
    world = emu.add_guild("Raw")
    url = f"{emu.base_url}/channels/{world.general.id}/messages"
    async with aiohttp.ClientSession() as http:
        statuses = []
        for i in range(6):
            async with http.post(url, json={"content": str(i)}) as r:
                statuses.append(r.status)
                last_headers, last_body = r.headers, await r.json()
        assert statuses == [200] * 5 + [429]
        assert last_body["global"] is False and last_body["retry_after"] > 0 and last_headers["Via"]
        assert last_headers["X-RateLimit-Remaining"] == "0"
        await asyncio.sleep(1.05)  # let the global one-second window empty
        emu.global_limit = 10
        results = await asyncio.gather(*(http.get(f"{emu.base_url}/users/@me") for _ in range(15)))
        codes = [r.status for r in results]
        bodies = [await r.json() for r in results if r.status == 429]
        for r in results:
            r.release()
    assert codes.count(200) == 10 and codes.count(429) == 5
    assert all(b["global"] is True for b in bodies)
    assert emu.stats.rate_limited_global == 5 and emu.stats.rate_limited_route == 1


async def test_errors_on_demand_surface_as_discord_exceptions(
    emu: Emulator, client: tuple[discord.Client, World]
) -> None:
    bot, world = client
    channel = bot.get_channel(world.general.id)
    emu.fail_channel(world.general.id, 403, 50013)
    with pytest.raises(discord.Forbidden) as forbidden:
        await channel.send("hello")
    assert forbidden.value.code == 50013
    emu.clear_faults()
    with pytest.raises(discord.NotFound) as missing:
        await bot.get_partial_messageable(123).send("hello")
    assert missing.value.code == 10003
    emu.fail_next("/messages", 500, times=1)
    message = await channel.send("after a 500")  # discord.py retries server errors
    assert message.content == "after a 500"


async def test_nonce_with_enforce_nonce_never_double_posts(emu: Emulator, client: tuple[discord.Client, World]) -> None:
    bot, world = client
    channel = bot.get_channel(world.general.id)
    first = await channel.send("once", nonce="abc123")
    again = await channel.send("once", nonce="abc123")
    assert first.id == again.id and len(emu.channel_messages(world.general.id)) == 1


async def test_invalid_command_sync_is_rejected(emu: Emulator) -> None:
    bad = [
        {
            "name": "Bad Name",
            "description": "",
            "type": 1,
            "options": [
                {"name": "b", "description": "x", "type": 3},
                {"name": "a", "description": "x", "type": 3, "required": True},
            ],
        }
    ]
    problems = validate_commands(bad)
    assert any("invalid command name" in p for p in problems)
    assert any("description" in p for p in problems)
    assert any("required option after an optional one" in p for p in problems)
    url = f"{emu.base_url}/applications/{emu.app_id}/commands"
    async with aiohttp.ClientSession() as http, http.put(url, json=bad) as r:
        assert r.status == 400 and (await r.json())["code"] == 50035


async def test_answering_an_interaction_twice_is_refused(emu: Emulator) -> None:
    world = emu.add_guild("Twice")
    emu.session = None
    payload, pending = emu._payload(2, {"name": "x"}, world.member, world.general)
    url = f"{emu.base_url}/interactions/{pending.id}/{pending.token}/callback"
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json={"type": 4, "data": {"content": "one"}}) as r:
            assert r.status == 200 and (await r.json())["resource"]["message"]["content"] == "one"
        async with http.post(url, json={"type": 4, "data": {"content": "two"}}) as r:
            assert r.status == 400 and (await r.json())["code"] == 40060
    assert payload["member"]["user"]["id"] == str(world.member.id)


async def test_messages_discord_would_refuse_are_refused(emu: Emulator) -> None:
    emu.expect_rejections = True
    world = emu.add_guild("Strict")
    url = f"{emu.base_url}/channels/{world.general.id}/messages"
    too_long = {"embeds": [{"title": "t", "description": "x" * 4097}]}
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json={"content": ""}) as r:
            assert r.status == 400 and (await r.json())["code"] == 50006
        async with http.post(url, json=too_long) as r:
            body = await r.json()
            assert r.status == 400 and body["code"] == 50035 and "embeds.0.description" in body["errors"][0]
    assert emu.channel_messages(world.general.id) == []


async def test_an_interaction_answered_too_late_is_unknown(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tests.discord_emu.server.ACK_WINDOW", 0.05)
    world = emu.add_guild("Slow")
    _payload, pending = emu._payload(2, {"name": "x"}, world.member, world.general)
    await asyncio.sleep(0.1)
    url = f"{emu.base_url}/interactions/{pending.id}/{pending.token}/callback"
    async with aiohttp.ClientSession() as http, http.post(url, json={"type": 4, "data": {"content": "x"}}) as r:
        assert r.status == 404 and (await r.json())["code"] == 10062


def _row(*components: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(components)}


def _button(custom_id: str, label: str = "ok") -> dict[str, Any]:
    return {"type": 2, "style": 2, "custom_id": custom_id, "label": label}


def _menu(custom_id: str, count: int, **extra: Any) -> dict[str, Any]:
    options = [{"label": f"option {i}", "value": f"v{i}"} for i in range(count)]
    return {"type": 3, "custom_id": custom_id, "options": options, "min_values": 1, "max_values": 1, **extra}


def _text(custom_id: str, **extra: Any) -> dict[str, Any]:
    return _row({"type": 4, "custom_id": custom_id, "style": 1, "label": "Fact", **extra})


def test_message_components_follow_discords_limits() -> None:
    assert component_problems([_row(_menu("m", 25)), _row(_button("a"), _button("b"))]) == []
    duplicate_value = _menu("m", 2)
    duplicate_value["options"][1]["value"] = "v0"
    for bad, words in [
        ([_row(_menu("m", 26))], "1-25 options"),
        ([_row(_menu("m", 2), _button("a"))], "alone in its action row"),
        ([_row(_button("a", "x" * 81))], "label: longer than 80"),
        ([_row(_button("a")), _row(_button("a"))], "unique"),
        ([_row(_button(f"b{i}")) for i in range(6)], "more than 5 action rows"),
        ([_row(duplicate_value)], "values must be unique"),
        ([_row(_menu("m", 2, max_values=3))], "max_values 3"),
        ([_button("a")], "action rows"),
    ]:
        assert any(words in p for p in component_problems(bad)), (words, component_problems(bad))


def test_modals_follow_discords_limits() -> None:
    modal = {"custom_id": "m", "title": "Record a fact", "components": [_text("a"), _text("b", style=2)]}
    assert modal_problems(modal) == []
    for bad, words in [
        ({**modal, "title": "x" * 46}, "title"),
        ({**modal, "components": [_text(str(i)) for i in range(6)]}, "1-5 rows"),
        ({**modal, "components": [_text("a", label="y" * 46)]}, "label"),
        ({**modal, "components": [_text("a", max_length=10, value="z" * 11)]}, "value"),
        ({**modal, "components": [_row(_button("a"))]}, "text input"),
    ]:
        assert any(words in p for p in modal_problems(bad)), (words, modal_problems(bad))


async def test_modals_answer_commands_and_components_only_and_must_fit(emu: Emulator) -> None:
    world = emu.add_guild("Modal")
    modal = {"custom_id": "m", "title": "Record a fact", "components": [_text("a")]}
    async with aiohttp.ClientSession() as http:
        for kind, body, status in [(3, modal, 200), (5, modal, 400), (4, modal, 400), (2, {**modal, "title": ""}, 400)]:
            _payload, pending = emu._payload(kind, {"custom_id": "x"}, world.member, world.general)
            url = f"{emu.base_url}/interactions/{pending.id}/{pending.token}/callback"
            async with http.post(url, json={"type": 9, "data": body}) as r:
                assert r.status == status, (kind, await r.json())
            assert (pending.modal == modal) == (status == 200)


async def test_a_select_menu_offers_only_its_options_and_a_modal_wants_its_required_fields(emu: Emulator) -> None:
    world = emu.add_guild("Picky")
    message = emu.post_message(world.general, emu.bot_user, "pick one")
    message.components = [_row(_menu("m", 3))]
    for values in (["v9"], ["v0", "v1"], []):
        with pytest.raises(AssertionError, match="the menu offers"):
            await emu.select(message, "m", values, user=world.member)
    with pytest.raises(AssertionError, match="no enabled select menu"):
        await emu.select(message, "other", ["v0"], user=world.member)
    _payload, pending = emu._payload(3, {"custom_id": "b"}, world.member, world.general, message)
    pending.modal = {"custom_id": "m", "title": "T", "components": [_text("a", required=True, max_length=5)]}
    opened = Result(9, message, interaction=pending)
    with pytest.raises(AssertionError, match="required field 'a' was left empty"):
        await emu.submit_modal(opened, {}, user=world.member)
    with pytest.raises(AssertionError, match="do not fit"):
        await emu.submit_modal(opened, {"a": "too long"}, user=world.member)
    with pytest.raises(AssertionError, match="no field"):
        await emu.submit_modal(opened, {"b": "x"}, user=world.member)


# ---- localized commands ---------------------------------------------------------------


def _ask(**extra: Any) -> dict[str, Any]:
    """A chat-input command with one option, localized as a bot would send it."""
    option = {
        "name": "question",
        "description": "Your question",
        "type": 3,
        "required": True,
        "name_localizations": {"ru": "вопрос"},
        "description_localizations": {"ru": "Ваш вопрос"},
    }
    command = {
        "name": "ask",
        "description": "Ask a question",
        "type": 1,
        "name_localizations": {"ru": "спросить", "hi": "पूछें", "th": "ถาม"},  # Devanagari vowel signs count
        "description_localizations": {"ru": "Задать вопрос", "en-GB": "Ask a question"},
        "options": [option],
    }
    return {**command, **extra}


async def _sync(emu: Emulator, commands: list[dict[str, Any]]) -> tuple[int, Any]:
    url = f"{emu.base_url}/applications/{emu.app_id}/commands"
    async with aiohttp.ClientSession() as http, http.put(url, json=commands) as r:
        return r.status, await r.json()


async def test_localized_names_and_descriptions_are_stored_and_echoed(emu: Emulator) -> None:
    menu = {"name": "Ask bot", "type": 3, "name_localizations": {"ru": "Спросить бота"}}  # capitals, spaces
    status, echoed = await _sync(emu, [_ask(), menu])
    assert status == 200, echoed
    assert echoed[0]["name_localizations"]["ru"] == "спросить"
    assert emu.command("ask")["options"][0]["name_localizations"] == {"ru": "вопрос"}
    assert emu.command("Ask bot", kind=3)["name_localizations"] == {"ru": "Спросить бота"}


def _with_option(**option: Any) -> dict[str, Any]:
    command = _ask()
    command["options"] = [{**command["options"][0], **option}]
    return command


@pytest.mark.parametrize(
    ("commands", "problem"),
    [
        ([_ask(name_localizations={"russian": "спросить"})], "'russian', which is not a valid locale"),
        ([_ask(name_localizations={"ru-RU": "спросить"})], "not a valid locale"),
        ([_ask(name_localizations={"ru": "Спросить"})], "name_localizations.ru must be a valid lower-case name"),
        ([_ask(name_localizations={"ru": "задать вопрос"})], "name_localizations.ru must be a valid lower-case name"),
        ([_ask(name_localizations={"ru": "я" * 33})], "name_localizations.ru must be a valid lower-case name"),
        ([_ask(name_localizations={"ru": ""})], "name_localizations.ru must be a valid lower-case name"),
        ([_ask(description_localizations={"ru": "д" * 101})], "description_localizations.ru must be 1-100"),
        ([_ask(description_localizations={"ru": ""})], "description_localizations.ru must be 1-100"),
        ([_ask(name_localizations=["ru", "спросить"])], "must be an object"),
        ([_with_option(name_localizations={"ru": "Вопрос"})], "/ask question: name_localizations.ru"),
        ([_with_option(description_localizations={"xx": "y"})], "not a valid locale"),
        (
            [_with_option(choices=[{"name": "a", "value": "a", "name_localizations": {"ru": "б" * 101}}])],
            "name_localizations.ru must be 1-100 characters",
        ),
        ([_ask(), _ask(name="inquire")], "duplicate type 1 command name 'спросить' in locale ru"),
        ([{"name": "Ask bot", "type": 3, "name_localizations": {"ru": "Я" * 33}}], "valid context-menu name"),
        (
            [{"name": "Ask bot", "type": 3, "description_localizations": {"ru": "Спросить"}}],
            "description_localizations are not allowed",
        ),
    ],
)
async def test_bad_localizations_are_refused_like_discord(
    emu: Emulator, commands: list[dict[str, Any]], problem: str
) -> None:
    status, body = await _sync(emu, commands)
    assert status == 400 and body["code"] == 50035 and body["message"] == "Invalid Form Body"
    assert any(problem in p for p in body["errors"]), body["errors"]
    assert emu.commands() == []


def test_two_options_may_not_share_a_localized_name() -> None:
    command = _ask()
    second = {**command["options"][0], "name": "details", "required": False}
    command["options"] = [*command["options"], second]
    assert any("duplicate option name 'вопрос' in locale ru" in p for p in validate_commands([command]))


def test_localizations_count_towards_the_size_limit_by_their_longest_form() -> None:
    options = [
        {"name": f"o{i}", "description": "d", "type": 3, "description_localizations": {"ru": "д" * 100}}
        for i in range(25)
    ]
    subs = [{"name": f"s{i}", "description": "d", "type": 1, "options": options} for i in range(4)]
    command = {"name": "big", "description": "d", "type": 1, "options": subs}
    assert any("more than 8000 characters" in p for p in validate_commands([command]))
    for sub in subs:
        sub["options"] = [{k: v for k, v in o.items() if k != "description_localizations"} for o in options]
    assert validate_commands([command]) == []


async def test_a_members_locale_reaches_the_bot_and_localized_names_find_the_command(emu: Emulator) -> None:
    """Discord shows a Russian member /спросить вопрос:, and sends the bot "ask" and "question"."""
    world = emu.add_guild("Localized")
    ivan = emu.add_member(world.guild, "ivan", locale="ru")
    bot = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.05)
    tree = app_commands.CommandTree(bot)
    seen: list[tuple[str, str, str]] = []

    class Russian(app_commands.Translator):
        async def translate(self, string: Any, locale: discord.Locale, context: Any) -> str | None:
            return {"ask": "спросить", "question": "вопрос"}.get(string.message) if locale.value == "ru" else None

    @tree.command(name="ask", description="Ask a question")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        seen.append((interaction.locale.value, interaction.command.name if interaction.command else "", question))
        await interaction.response.send_message("ok")

    async with run_bot(bot, emu):
        await tree.set_translator(Russian())
        synced = await tree.sync()  # discord.py reads the echoed localizations back
        assert synced[0].name_localizations == {discord.Locale.russian: "спросить"}
        result = await emu.invoke("спросить", {"вопрос": "кто победил?"}, user=ivan, channel=world.general)
        assert result.text == "ok"
        assert result.interaction is not None and result.interaction.sent["locale"] == "ru"
        assert result.interaction.sent["data"]["name"] == "ask"
        assert result.interaction.sent["data"]["options"][0]["name"] == "question"
        await emu.invoke("ask", {"question": "who won?"}, user=ivan, channel=world.general)  # typed in English
        with pytest.raises(CommandNotAvailable):  # an English client never shows the Russian name
            await emu.invoke("спросить", {"вопрос": "x"}, user=world.member, channel=world.general)
    assert seen == [("ru", "ask", "кто победил?"), ("ru", "ask", "who won?")]
    assert emu.add_user("anna").locale == "en-US"
    with pytest.raises(AssertionError, match="not a Discord locale"):
        emu.add_member(world.guild, "x", locale="russian")


async def test_a_servers_locale_reaches_the_bot_as_guild_locale(emu: Emulator) -> None:
    """Discord sends the server's language (its preferred locale) with every interaction there."""
    world = emu.add_guild("Russian server", locale="ru")
    bot = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.05)
    tree = app_commands.CommandTree(bot)
    seen: list[tuple[str, str]] = []

    @tree.command(name="where", description="Which languages")
    async def where(interaction: discord.Interaction) -> None:
        seen.append((interaction.locale.value, str(interaction.guild_locale and interaction.guild_locale.value)))
        await interaction.response.send_message("ok")

    async with run_bot(bot, emu):
        await tree.sync()
        await emu.invoke("where", {}, user=world.member, channel=world.general)
        guild = bot.get_guild(world.guild.id)
        assert guild is not None and guild.preferred_locale is discord.Locale.russian
    assert seen == [("en-US", "ru")]  # the member's client is English; the server is Russian
    with pytest.raises(AssertionError):
        emu.add_guild("x", locale="russian")

"""Installation and interaction contexts in the emulator, shown with a small discord.py client.

The client here is not the race bot: it only has what these tests need, so they hold while the bot
changes. It syncs commands with ``allowed_installs``/``allowed_contexts`` and a message context-menu
command, and records every interaction it handles so the tests can read what discord.py made of it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.discord_emu import CommandNotAvailable, Emulator, World, run_bot
from tests.discord_emu.model import SEND_MESSAGES, Overwrite


class ContextBot(discord.Client):
    """A bare client: a few commands with installs and contexts set, synced on start."""

    def __init__(self) -> None:
        super().__init__(intents=discord.Intents.default(), guild_ready_timeout=0.05)
        self.tree = app_commands.CommandTree(self)
        self.seen: list[discord.Interaction] = []
        self.send_errors: list[int] = []
        for command in (ping, admin, dm_hello, quote, wave):
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        await self.tree.sync()


def _record(interaction: discord.Interaction) -> ContextBot:
    bot = interaction.client
    assert isinstance(bot, ContextBot)
    bot.seen.append(interaction)
    return bot


@app_commands.command(description="Answer wherever the app is installed")
@app_commands.allowed_installs(guilds=True, users=True)
@app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
async def ping(interaction: discord.Interaction, secret: bool = False, announce: bool = False) -> None:
    """Replies, then follows up; with ``announce`` also tries a plain channel message first."""
    bot = _record(interaction)
    if announce and interaction.channel is not None:
        try:
            await interaction.channel.send("announcement")  # type: ignore[union-attr]
        except discord.HTTPException as exc:
            bot.send_errors.append(exc.code)
    await interaction.response.send_message(f"pong from context {interaction.context.to_array()}", ephemeral=secret)
    await interaction.followup.send("and a follow-up", ephemeral=secret)


@app_commands.command(description="Server settings")
@app_commands.guild_only()
@app_commands.guild_install()
@app_commands.default_permissions(manage_guild=True)
async def admin(interaction: discord.Interaction) -> None:
    _record(interaction)
    await interaction.response.send_message("settings", ephemeral=True)


@app_commands.command(name="dm-hello", description="Only in the DM with the bot")
@app_commands.dm_only()
async def dm_hello(interaction: discord.Interaction) -> None:
    _record(interaction)
    await interaction.response.send_message("hello in private")


@app_commands.context_menu(name="Quote This")
@app_commands.allowed_installs(guilds=True, users=True)
@app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
async def quote(interaction: discord.Interaction, message: discord.Message) -> None:
    _record(interaction)
    await interaction.response.send_message(f"{message.author.name} said: {message.content}", ephemeral=True)


@app_commands.context_menu(name="Wave At")
@app_commands.guild_only()
async def wave(interaction: discord.Interaction, member: discord.Member) -> None:
    _record(interaction)
    await interaction.response.send_message(f"waves at {member.display_name} ({type(member).__name__})")


@dataclass
class Setup:
    emu: Emulator
    bot: ContextBot
    home: World
    away: World  # a server the bot never joined


@pytest.fixture
async def setup(emu: Emulator) -> AsyncIterator[Setup]:
    home = emu.add_guild("Home")
    away = emu.add_guild("Away", bot_installed=False)
    bot = ContextBot()
    async with run_bot(bot, emu):
        yield Setup(emu, bot, home, away)


async def _put(emu: Emulator, commands: list[dict[str, Any]], guild: int | None = None) -> tuple[int, Any]:
    scope = f"/guilds/{guild}" if guild else ""
    url = f"{emu.base_url}/applications/{emu.app_id}{scope}/commands"
    async with aiohttp.ClientSession() as http, http.put(url, json=commands) as r:
        return r.status, await r.json()


async def test_sync_carries_installs_and_contexts(setup: Setup) -> None:
    emu = setup.emu
    assert emu.command("ping")["integration_types"] == [0, 1]
    assert emu.command("ping")["contexts"] == [0, 1, 2]
    assert emu.command("admin")["integration_types"] == [0] and emu.command("admin")["contexts"] == [0]
    assert emu.command("admin")["default_member_permissions"] == str(1 << 5)
    assert emu.command("dm-hello")["contexts"] == [1]
    menu = emu.command("Quote This", kind=3)
    assert menu["description"] == "" and not menu.get("options") and menu["integration_types"] == [0, 1]
    fetched = {c.name: c for c in await setup.bot.tree.fetch_commands()}
    assert fetched["Quote This"].type is discord.AppCommandType.message and fetched["Quote This"].description == ""
    # (discord.py 2.7.1 reads fetched contexts/integration_types one bit off, Rapptz/discord.py#10525:
    # assert on what the emulator stored, not on AppCommand.allowed_contexts.)


async def test_guild_only_commands_are_not_offered_in_dms(setup: Setup) -> None:
    emu, home = setup.emu, setup.home
    dm = emu.dm_channel(home.admin)
    with pytest.raises(CommandNotAvailable, match="BOT_DM"):
        await emu.invoke("admin", user=home.admin, channel=dm)
    with pytest.raises(CommandNotAvailable, match="PRIVATE_CHANNEL"):
        await emu.invoke("admin", user=home.admin, channel=emu.private_channel(home.admin, home.member))
    with pytest.raises(CommandNotAvailable, match="GUILD"):
        await emu.invoke("dm-hello", user=home.member, channel=home.general)
    assert not emu.available("admin", user=home.admin, channel=dm)
    result = await emu.invoke("admin", user=home.admin, channel=home.general)
    assert result.ephemeral and result.text == "settings"
    interaction = setup.bot.seen[-1]
    assert interaction.context.guild and interaction.is_guild_integration() and not interaction.is_user_integration()


async def test_a_guild_install_command_is_missing_where_the_bot_is_not(setup: Setup) -> None:
    emu, away = setup.emu, setup.away
    emu.install_for_user(away.admin)
    with pytest.raises(CommandNotAvailable, match="no installation covers it"):
        await emu.invoke("admin", user=away.admin, channel=away.general)  # guild_install only
    with pytest.raises(CommandNotAvailable):
        await emu.invoke("ping", user=away.member, channel=away.general)  # this member never installed the app


async def test_user_install_in_a_server_the_bot_never_joined(setup: Setup) -> None:
    emu, bot, away = setup.emu, setup.bot, setup.away
    assert bot.get_guild(away.guild.id) is None  # no GUILD_CREATE for it
    emu.install_for_user(away.member)
    public = await emu.invoke("ping", {"announce": True}, user=away.member, channel=away.general)
    assert public.message is not None and not public.message.ephemeral and "pong" in public.message.content
    assert [m.content for m in public.followups] == ["and a follow-up"]
    assert bot.send_errors == [50001]  # a plain channel message: 403 Missing Access
    assert emu.channel_messages(away.general.id) == []
    interaction = bot.seen[-1]
    assert interaction.guild_id == away.guild.id and interaction.context.guild
    assert interaction.is_user_integration() and not interaction.is_guild_integration()
    # discord.py 2.7 makes interaction.guild a stand-in Guild from the payload's partial guild (no name,
    # no channels), not None: "is the bot in this server" is bot.get_guild(...) or is_guild_integration()
    assert bot.get_guild(interaction.guild_id) is None
    assert interaction.guild is not None and interaction.guild.name == "" and not interaction.guild.channels
    assert isinstance(interaction.channel, discord.TextChannel) and interaction.channel.name == "general"
    secret = await emu.invoke("ping", {"secret": True}, user=away.member, channel=away.general)
    assert all(m.ephemeral for m in secret.messages) and len(secret.messages) == 2


async def test_user_install_answers_in_dms_and_group_dms(setup: Setup) -> None:
    emu, bot, home = setup.emu, setup.bot, setup.home
    emu.install_for_user(home.member)
    dm = emu.dm_channel(home.member)
    result = await emu.invoke("ping", user=home.member, channel=dm)
    assert result.message is not None and "pong" in result.message.content and not result.ephemeral
    interaction = bot.seen[-1]
    assert interaction.guild is None and interaction.guild_id is None and interaction.context.dm_channel
    assert isinstance(interaction.channel, discord.DMChannel) and isinstance(interaction.user, discord.User)
    assert interaction.is_user_integration()
    friend, other = emu.add_user("friend"), emu.add_user("other")
    group = emu.private_channel(home.member, friend, other, name="launch watchers")
    await emu.invoke("ping", user=home.member, channel=group)
    interaction = bot.seen[-1]
    assert interaction.context.private_channel and isinstance(interaction.channel, discord.GroupChannel)
    assert interaction.guild is None and interaction.is_user_integration()
    admin_dm = emu.dm_channel(home.admin)  # no user install: the guild install covers DMs with the bot
    result = await emu.invoke("dm-hello", user=home.admin, channel=admin_dm)  # via the mutual server
    assert result.text == "hello in private" and not bot.seen[-1].is_user_integration()
    with pytest.raises(CommandNotAvailable):
        await emu.invoke("ping", user=friend, channel=emu.private_channel(friend, other))  # not installed


async def test_a_public_answer_needs_the_members_send_permission_under_a_user_install(setup: Setup) -> None:
    emu, away = setup.emu, setup.away
    emu.install_for_user(away.member)
    quiet = emu.add_channel(away.guild, "read-only")
    quiet.overwrites.append(Overwrite(away.guild.id, 0, deny=SEND_MESSAGES))
    emu.expect_rejections = True
    with pytest.raises(AssertionError, match="cannot send messages"):
        await emu.invoke("ping", user=away.member, channel=quiet, timeout=1)
    secret = await emu.invoke("ping", {"secret": True}, user=away.member, channel=quiet)
    assert secret.ephemeral


async def test_message_command_gets_the_target_message(setup: Setup) -> None:
    emu, bot, home, away = setup.emu, setup.bot, setup.home, setup.away
    target = emu.post_message(home.general, home.member, "Soyuz MS-19 launches on 5 October")
    result = await emu.invoke_message_command("Quote This", target, user=home.admin)
    assert result.ephemeral and result.text == "member said: Soyuz MS-19 launches on 5 October"
    assert emu.channel_messages(home.general.id) == []  # members' messages are not the bot's
    emu.install_for_user(away.admin)
    elsewhere = emu.post_message(away.general, away.owner, "Crew Dragon docks tonight")
    result = await emu.invoke_message_command("Quote This", elsewhere, user=away.admin)
    assert result.text == "owner said: Crew Dragon docks tonight" and bot.seen[-1].is_user_integration()
    with pytest.raises(CommandNotAvailable):
        await emu.invoke("Quote This", user=home.admin, channel=home.general)  # not a slash command


async def test_user_command_gets_the_target_member(setup: Setup) -> None:
    emu, home = setup.emu, setup.home
    assert emu.command("Wave At", kind=2)["contexts"] == [0]
    result = await emu.invoke_user_command("Wave At", home.owner, user=home.member, channel=home.general)
    assert result.text == "waves at owner (Member)"
    with pytest.raises(CommandNotAvailable):
        await emu.invoke_user_command("Wave At", home.owner, user=home.member, channel=emu.dm_channel(home.member))


async def test_rest_access_outside_the_bots_servers(setup: Setup) -> None:
    emu, home, away = setup.emu, setup.home, setup.away
    async with aiohttp.ClientSession() as http:
        for channel, status, code in (
            (away.general, 403, 50001),
            (emu.private_channel(home.member, home.admin), 403, 50001),
        ):
            async with http.post(f"{emu.base_url}/channels/{channel.id}/messages", json={"content": "x"}) as r:
                assert (r.status, (await r.json())["code"]) == (status, code)
        dm = emu.dm_channel(home.member)
        async with http.post(f"{emu.base_url}/channels/{dm.id}/messages", json={"content": "hi"}) as r:
            assert r.status == 200
    assert [m.content for m in emu.channel_messages(dm.id)] == ["hi"]


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ({"name": "Bookmark", "type": 3, "description": "saves it"}, "description is not allowed"),
        ({"name": "Bookmark", "type": 3, "options": [{"name": "a", "description": "b", "type": 3}]}, "options"),
        ({"name": "x" * 33, "type": 3}, "invalid context-menu command name"),
        ({"name": "High Five", "type": 2, "description": "x"}, "description is not allowed"),
        ({"name": "ping", "description": "p", "integration_types": [2]}, "integration_types has values [2]"),
        ({"name": "ping", "description": "p", "contexts": [0, 0]}, "contexts has duplicates"),
        ({"name": "ping", "description": "p", "contexts": [3]}, "contexts has values [3]"),
        ({"name": "ping", "description": "p", "contexts": []}, "non-empty"),
    ],
)
async def test_bad_command_payloads_are_refused(emu: Emulator, command: dict[str, Any], problem: str) -> None:
    status, body = await _put(emu, [command])
    assert status == 400 and body["code"] == 50035
    assert any(problem in p for p in body["errors"]), body["errors"]
    assert emu.commands() == []


async def test_good_menu_payloads_and_scopes(emu: Emulator) -> None:
    world = emu.add_guild("Scoped")
    menus = [
        {"name": "Bookmark This", "type": 3},
        {"name": "High Five", "type": 2, "description": ""},
        {"name": "bookmark-this", "type": 1, "description": "same name as a menu is fine", "contexts": [0, 1, 2]},
    ]
    status, echoed = await _put(emu, menus)
    assert status == 200 and [c["description"] for c in echoed[:2]] == ["", ""]
    assert echoed[0]["contexts"] is None and echoed[0]["integration_types"] == [0, 1]  # null contexts, app installs
    status, scoped = await _put(emu, [{"name": "local", "description": "d", "contexts": [0, 1]}], world.guild.id)
    assert status == 200 and "contexts" not in scoped[0] and "integration_types" not in scoped[0]
    emu.install_types = {0}  # the app's settings allow server installs only
    status, body = await _put(emu, [{"name": "mine", "description": "d", "integration_types": [1]}])
    assert status == 400 and "not enabled" in body["errors"][0]

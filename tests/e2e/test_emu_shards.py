"""The emulator's gateway is sharded like Discord's, for the real AutoShardedClient (one or several)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.discord_emu import Emulator, World, run_bot
from tests.discord_emu.gateway import Session


class Sharded(discord.AutoShardedClient):
    """An AutoShardedClient that notes the events it got, and identifies its shards without waiting.

    discord.py waits 5 s before each IDENTIFY after the first (Discord's identify rate limit, which the
    emulator does not enforce): skipped to keep the tests fast.
    """

    def __init__(self, name: str = "bot", **options: Any) -> None:
        super().__init__(intents=discord.Intents.default(), guild_ready_timeout=0.05, **options)
        self.name = name
        self.messages: list[discord.Message] = []
        self.interactions: list[discord.Interaction] = []
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(name="where", description="Which client answers")
        async def where(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(f"answered by {self.name}")

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None

    async def on_message(self, message: discord.Message) -> None:
        self.messages.append(message)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        self.interactions.append(interaction)


async def eventually(check: Callable[[], bool], timeout: float = 3.0) -> None:
    """Wait (bounded) until ``check()`` holds: the client handles gateway events in its own time."""
    for _ in range(int(timeout / 0.01)):
        if check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the condition did not hold in time")


def guild_creates(session: Session) -> set[int]:
    return {int(e["d"]["id"]) for e in session.events if e["t"] == "GUILD_CREATE"}


def sharded_worlds(emu: Emulator, count: int, per_shard: int = 2) -> dict[int, list[World]]:
    return {k: [emu.add_guild(f"s{k}-{i}", shard=(k, count)) for i in range(per_shard)] for k in range(count)}


async def test_one_auto_sharded_client_gets_every_guild_through_its_owning_shard(emu: Emulator) -> None:
    worlds = sharded_worlds(emu, 2)
    emu.add_guild("not joined", bot_installed=False, shard=(1, 2))
    async with run_bot(Sharded(shard_count=2), emu) as bot:
        await emu.wait_shards({0, 1}, count=2, timeout=5)
        assert emu.connected.is_set() and emu.connected_shards(2) == {0, 1} and emu.identify_count == 2
        joined = {w.guild.id for ws in worlds.values() for w in ws}
        assert {g.id for g in bot.guilds} == joined
        for guild in bot.guilds:
            assert guild.shard_id == (guild.id >> 22) % 2 == emu.shard_of(guild.id, 2)
        for k, shard_worlds in worlds.items():
            session = emu.shards[(k, 2)]
            ready = session.events[0]
            assert ready["t"] == "READY" and ready["d"]["shard"] == [k, 2]
            assert {int(g["id"]) for g in ready["d"]["guilds"]} == {w.guild.id for w in shard_worlds}
            assert guild_creates(session) == {w.guild.id for w in shard_worlds}
        news = await emu.create_channel(worlds[1][0].guild, "news")  # CHANNEL_CREATE: shard 1's alone
        await eventually(lambda: bot.get_channel(news.id) is not None)
        assert not any(e["t"] == "CHANNEL_CREATE" for e in emu.shards[(0, 2)].events)


async def test_the_recommended_shard_count_is_what_an_auto_sharded_client_uses(emu: Emulator) -> None:
    emu.recommended_shards = 3
    worlds = sharded_worlds(emu, 3, per_shard=1)
    async with run_bot(Sharded(), emu) as bot:
        assert bot.shard_count == 3 and emu.connected_shards(3) == {0, 1, 2} and emu.shard_count == 3
        assert {g.id: g.shard_id for g in bot.guilds} == {w[0].guild.id: k for k, w in worlds.items()}


async def test_two_clients_each_get_only_the_guilds_and_events_of_their_shard(emu: Emulator) -> None:
    worlds = sharded_worlds(emu, 2, per_shard=1)
    first, second = worlds[0][0], worlds[1][0]
    zero, one = Sharded("zero", shard_ids=[0], shard_count=2), Sharded("one", shard_ids=[1], shard_count=2)
    async with run_bot(zero, emu):
        assert not emu.connected.is_set()  # one shard of two: the bot is not fully connected yet
        async with run_bot(one, emu):
            assert emu.connected.is_set()
            assert [g.id for g in zero.guilds] == [first.guild.id] and [g.id for g in one.guilds] == [second.guild.id]
            await zero.tree.sync()
            assert (await emu.invoke("where", user=second.member, channel=second.general)).text == "answered by one"
            assert (await emu.invoke("where", user=first.member, channel=first.general)).text == "answered by zero"
            dm = emu.dm_channel(second.member)  # outside any guild: shard 0, whoever the member is
            assert (await emu.invoke("where", user=second.member, channel=dm)).text == "answered by zero"
            assert [i.guild_id for i in zero.interactions] == [first.guild.id, None]
            assert [i.guild_id for i in one.interactions] == [second.guild.id]
            said = emu.post_message(second.general, second.member, "hello")
            await emu.dispatch("MESSAGE_CREATE", said.payload())
            await eventually(lambda: [m.content for m in one.messages] == ["hello"])
            assert zero.messages == []
        await eventually(lambda: emu.connected_shards(2) == {0})
        assert not emu.connected.is_set()


async def _identify(ws: aiohttp.ClientWebSocketResponse, shard: Any) -> None:
    hello = await ws.receive_json(timeout=2)
    assert hello["op"] == 10
    await ws.send_json({"op": 2, "d": {"token": "t", "intents": 0, "properties": {}, "shard": shard}})


async def test_an_impossible_shard_is_closed_with_4010(emu: Emulator) -> None:
    async with aiohttp.ClientSession() as http:
        for shard in ([2, 2], [0, 0], [-1, 2], [1], "0,1"):
            async with http.ws_connect(emu.gateway_url) as ws:
                await _identify(ws, shard)
                closed = await ws.receive(timeout=2)
                assert closed.type == aiohttp.WSMsgType.CLOSE and closed.data == 4010, shard
                assert closed.extra == "Invalid shard"
    assert emu.shards == {}
    with pytest.raises(discord.ConnectionClosed) as refused:
        async with run_bot(Sharded(shard_ids=[2], shard_count=2), emu):
            pass
    assert refused.value.code == 4010


async def test_a_newer_identify_of_a_shard_takes_over_and_the_older_session_is_gone(emu: Emulator) -> None:
    world = emu.add_guild("Only", shard=(1, 2))
    async with aiohttp.ClientSession() as http:
        old = await http.ws_connect(emu.gateway_url)
        await _identify(old, [1, 2])
        ready = await old.receive_json(timeout=2)
        assert ready["t"] == "READY" and ready["d"]["guilds"] == [{"id": str(world.guild.id), "unavailable": True}]
        new = await http.ws_connect(emu.gateway_url)
        await _identify(new, [1, 2])
        assert (await new.receive_json(timeout=2))["t"] == "READY"
        while (msg := await old.receive(timeout=2)).type == aiohttp.WSMsgType.TEXT:
            pass  # the GUILD_CREATE after READY
        assert msg.type == aiohttp.WSMsgType.CLOSE and msg.data == 4000
        again = await http.ws_connect(emu.gateway_url)
        await again.receive_json(timeout=2)
        await again.send_json({"op": 6, "d": {"token": "t", "session_id": ready["d"]["session_id"], "seq": 1}})
        assert (await again.receive_json(timeout=2))["op"] == 9  # invalid session: it was replaced
        for ws in (old, new, again):
            await ws.close()
    assert emu.identify_count == 2 and emu.resume_count == 0


async def test_a_resumed_shard_gets_back_only_its_own_missed_events(emu: Emulator) -> None:
    worlds = sharded_worlds(emu, 2, per_shard=1)
    async with run_bot(Sharded(shard_count=2), emu) as bot:
        zero, one = emu.shards[(0, 2)], emu.shards[(1, 2)]
        seen_by_one = one.seq
        emu.hold_gateway()  # shard 1 reconnects, but gets no HELLO until released
        await emu.drop_gateway(shard=1)
        assert emu.connected_shards(2) == {0} and not emu.connected.is_set()
        missed = await emu.create_channel(worlds[1][0].guild, "missed")
        live = await emu.create_channel(worlds[0][0].guild, "live")
        await eventually(lambda: bot.get_channel(live.id) is not None)  # shard 0 never stopped
        emu.release_gateway()
        await emu.wait_shards({1}, count=2, timeout=5)
        await eventually(lambda: bot.get_channel(missed.id) is not None)
        assert emu.resume_count == 1 and emu.shards == {(0, 2): zero, (1, 2): one}
        assert [(e["s"], e["t"]) for e in one.replayed] == [(seen_by_one + 1, "CHANNEL_CREATE")]
        assert one.replayed[0]["d"]["id"] == str(missed.id)
        assert [e["t"] for e in zero.events][-1] == "CHANNEL_CREATE" and zero.replayed == []
        await emu.wait_shards({0, 1}, count=2)
        assert emu.connected.is_set()


async def test_shard_helpers_follow_discords_formula(emu: Emulator) -> None:
    for k in range(5):
        guild = emu.add_guild(shard=(k, 5)).guild
        assert emu.shard_of(guild.id, 5) == (guild.id >> 22) % 5 == k
    with pytest.raises(AssertionError):
        emu.add_guild(shard=(2, 2))
    assert emu.connected_shards() == set() and not emu.connected.is_set()
    with pytest.raises(AssertionError, match="no gateway session"):  # no shard has ever connected
        await emu.dispatch("GUILD_UPDATE", {"id": str(guild.id)})

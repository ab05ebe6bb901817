"""Command sync that Discord accepts (and only when needed); a bot that survives gateway trouble."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import aiohttp

from bot.shells.discord.bot import RaceBot
from tests.discord_emu import Emulator, run_bot, validate_commands
from tests.discord_emu.model import MANAGE_CHANNELS, MANAGE_GUILD
from tests.e2e.conftest import Harness


def _names(commands: list[dict]) -> set[str]:
    return {c["name"] for c in commands}


async def test_sync_payloads_obey_discords_rules(harness: Harness) -> None:
    h = harness
    assert h.emu.sync_payloads, "the first start must sync"
    for _guild, payload in h.emu.sync_payloads:
        assert validate_commands(payload) == []
    globals_ = _names(h.emu.commands())
    home = _names(h.emu.commands(h.home.guild.id))
    assert {
        "race",
        "contender",
        "timeline",
        "person",
        "compare",
        "ask",
        "sources",
        "help",
        "alerts",
        "feed",
    } <= globals_
    assert "facts" not in globals_ and "sync" not in globals_  # admin commands never go global
    assert {"facts", "sync"} <= home
    assert h.emu.commands(h.other.guild.id) == []  # nothing registered in other servers
    facts = next(c for c in h.emu.commands(h.home.guild.id) if c["name"] == "facts")
    assert int(facts["default_member_permissions"]) == MANAGE_GUILD
    alerts = next(c for c in h.emu.commands() if c["name"] == "alerts")
    assert int(alerts["default_member_permissions"]) == MANAGE_CHANNELS
    assert all(c["default_member_permissions"] is None for c in h.emu.commands() if c["name"] in ("ask", "race"))


async def test_restart_with_the_same_commands_does_not_sync(emu: Emulator, make_bot: Callable[..., RaceBot]) -> None:
    home = emu.add_guild("Home")
    async with run_bot(make_bot(emu, home), emu):
        pass
    first = len(emu.sync_payloads)
    assert first == 2  # global + home server
    async with run_bot(make_bot(emu, home), emu):
        pass
    assert len(emu.sync_payloads) == first  # unchanged set: no sync, Discord's rate limit spared
    other_home = emu.add_guild("New home")
    async with run_bot(make_bot(emu, other_home), emu):
        pass
    assert len(emu.sync_payloads) == first + 2  # the command set changed (new home server): synced


async def test_survives_a_dropped_gateway_and_keeps_answering(harness: Harness) -> None:
    h = harness
    await h.emu.drop_gateway()
    await asyncio.wait_for(h.emu.connected.wait(), 15)
    assert h.emu.resume_count + h.emu.identify_count >= 2
    result = await h.emu.invoke("ask", {"question": "who directed vyzov"}, user=h.home.member, channel=h.home.general)
    assert "Shipenko" in result.text


async def test_survives_op7_reconnect(harness: Harness) -> None:
    h = harness
    await h.emu.send_reconnect()
    await asyncio.wait_for(h.emu.connected.wait(), 15)
    result = await h.emu.invoke("person", {"name": "shipenko"}, user=h.home.member, channel=h.home.general)
    assert "Klim Shipenko" in result.text


async def test_survives_malformed_events(harness: Harness) -> None:
    h = harness
    await h.emu.dispatch_raw("INTERACTION_CREATE", {"id": "1", "type": 2})  # fields missing
    await h.emu.dispatch_raw("SOMETHING_NEW", {"what": "ever"})
    await h.emu.dispatch_raw("GUILD_CREATE", {"id": "not-a-number"})
    await asyncio.sleep(0.2)
    result = await h.emu.invoke("race", {}, user=h.home.member, channel=h.home.general)
    assert "The Challenge" in result.text


async def test_healthz_follows_the_gateway(emu: Emulator, make_bot: Callable[..., RaceBot]) -> None:
    home = emu.add_guild("Home")
    bot = make_bot(emu, home, health_port=0)
    async with run_bot(bot, emu):
        port = await bot.health.start("127.0.0.1", 0)
        url = f"http://127.0.0.1:{port}/healthz"
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as r:
                assert r.status == 200
                assert await r.json() == {"status": "ok", "failing": [], "process": "main", "elected": True}
            emu.gateway_down = True  # an outage: reconnection fails until it is lifted
            await emu.drop_gateway()
            for _ in range(100):  # bounded: the disconnect is seen within moments
                async with http.get(url) as r:
                    if r.status == 503:
                        assert "gateway" in (await r.json())["failing"]
                        break
                await asyncio.sleep(0.02)
            else:
                raise AssertionError("/healthz never turned 503 while the gateway was down")
            emu.gateway_down = False
            await asyncio.wait_for(emu.connected.wait(), 15)
            for _ in range(100):
                async with http.get(url) as r:
                    if r.status == 200:
                        break
                await asyncio.sleep(0.05)
            else:
                raise AssertionError("/healthz did not return to 200 after the resume")
            async with http.get(f"http://127.0.0.1:{port}/metrics") as r:
                assert "racebot_gateway_latency_seconds" in await r.text()

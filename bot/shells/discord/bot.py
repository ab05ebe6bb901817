"""The bot itself: connect, load the cogs, start the runtime, sync commands, stop cleanly.

It decides nothing about the race. Replies and buttons are in :mod:`.ui`, the one error handler
in :mod:`.tree`, alert sending in :mod:`.sender`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import signal
from typing import Any

import discord
from discord.ext import commands

from bot.alerts.delivery import RateLimiter
from bot.app import App, ProcessRole
from bot.core.dates import DiscordStyle
from bot.feed.ll2 import FeedPoller
from bot.infra.config import Settings
from bot.infra.health import HealthServer, Metrics
from bot.runtime import Runtime
from bot.shells.discord.sender import DiscordSender
from bot.shells.discord.translator import CommandTranslator
from bot.shells.discord.tree import RaceTree
from bot.shells.discord.ui import NO_MENTIONS

log = logging.getLogger(__name__)

STYLE = DiscordStyle()
EXTENSIONS = ("cogs.questions", "cogs.facts", "cogs.alerts", "cogs.feed", "cogs.owner")
STOP_GRACE = 10.0


class RaceBot(commands.Bot):
    """Lifecycle only: connect, load the cogs, start the runtime, stop cleanly."""

    def __init__(
        self, settings: Settings, app: App, *, auto_sync: bool = True, with_runtime: bool = True, **options: Any
    ) -> None:
        intents = discord.Intents.default()
        intents.message_content = False
        options.setdefault("guild_ready_timeout", 2.0)
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            tree_cls=RaceTree,
            help_command=None,
            **options,
        )
        self.settings = settings
        self.app = app
        self.service = app.questions
        self.admin = app.facts
        self.auto_sync = auto_sync
        self.with_runtime = with_runtime
        self.style = STYLE
        self.sender = DiscordSender(self)
        # Several processes on one database: each one's name, election and part of the global rate.
        self.role = ProcessRole.of(settings, app.store)
        limiter = RateLimiter(per_second=48.5 * self.role.rate_share, burst=max(1, int(49 * self.role.rate_share)))
        self.dispatcher = app.dispatcher(self.sender, STYLE, limiter=limiter, process=self.role)
        self.runtime = Runtime(
            app,
            settings,
            self.dispatcher,
            ready=self.is_ready,
            gateway_ok=self._gateway_ok,
            latency=lambda: self.latency,
            leadership=self.role.leadership,
        )
        self.connected = False
        self._guard_parsers()

    @property
    def scheduler(self) -> Any:
        return self.runtime.scheduler

    @property
    def metrics(self) -> Metrics:
        return self.runtime.metrics

    @property
    def health(self) -> HealthServer:
        return self.runtime.health

    @property
    def feed(self) -> FeedPoller | None:
        return self.runtime.feed

    def _guard_parsers(self) -> None:
        """A malformed gateway event is logged and dropped instead of killing the connection.

        discord.py lets a parser's exception escape ``poll_event`` and end ``connect()``; one bad
        event must not take the bot offline.
        """
        parsers = self._connection.parsers

        def guarded(name: str, parse: Any) -> Any:
            def run(data: Any) -> Any:
                try:
                    return parse(data)
                except Exception:
                    log.exception("dropped a malformed %s event", name)
                    return None

            return run

        for name, parse in list(parsers.items()):
            parsers[name] = guarded(name, parse)

    # ---- lifecycle ------------------------------------------------------------------

    async def setup_hook(self) -> None:
        await self.tree.set_translator(CommandTranslator())  # before any sync: the Russian names go with it
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.auto_sync:
            await self.sync_if_changed()
        if self.with_runtime:
            await self.runtime.start()

    async def on_ready(self) -> None:
        self.connected = True
        log.info("ready user=%s guilds=%d", self.user, len(self.guilds))
        # What fell due while the bot was down goes out now, not at the next interval.
        self._first_tick = asyncio.create_task(self.runtime.run_alerts())

    async def on_resumed(self) -> None:
        self.connected = True
        log.info("gateway resumed")

    async def on_disconnect(self) -> None:
        self.connected = False
        log.warning("gateway disconnected")

    def _gateway_ok(self) -> bool:
        return self.connected and not self.is_closed()

    async def graceful_stop(self) -> None:
        """SIGTERM: take no new work, let in-flight deliveries finish (at most 10 s), then close."""
        await self.runtime.drain(STOP_GRACE)
        await self.close()

    async def close(self) -> None:
        await self.runtime.stop()
        await super().close()

    async def run_alerts(self) -> None:
        await self.runtime.run_alerts()

    # ---- commands -------------------------------------------------------------------

    async def on_app_command_completion(self, interaction: discord.Interaction, command: Any) -> None:
        self.record_command(interaction, command.qualified_name, "ok")

    def record_command(self, interaction: discord.Interaction, name: str, outcome: str) -> None:
        seconds = max(0.0, (discord.utils.utcnow() - interaction.created_at).total_seconds())
        self.metrics.commands.labels(name, outcome).inc()
        self.metrics.latency.labels(name).observe(seconds)
        log.info(
            "command name=%s outcome=%s user=%s guild=%s latency_ms=%d",
            name,
            outcome,
            interaction.user.id,
            interaction.guild_id,
            seconds * 1000,
        )

    async def command_payload(self) -> dict[str, Any]:
        """Every command as Discord will receive it, global and home-server ones, with its translations.

        The same payloads ``tree.sync`` sends, so a changed translation changes the hash (and syncs once).
        """
        translator = self.tree.translator

        async def payloads(guild: discord.abc.Snowflake | None = None) -> list[dict[str, Any]]:
            commands = self.tree.get_commands(guild=guild)
            if translator is None:  # before setup_hook: nothing is translated yet
                return [c.to_dict(self.tree) for c in commands]
            return [await c.get_translated_payload(self.tree, translator) for c in commands]

        payload: dict[str, Any] = {"global": await payloads(), "home_guild": self.settings.home_guild_id}
        if self.settings.home_guild_id:
            payload["home"] = await payloads(discord.Object(self.settings.home_guild_id))
        return payload

    async def command_hash(self) -> str:
        text = json.dumps(await self.command_payload(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    async def sync_commands(self) -> int:
        synced = await self.tree.sync()
        if self.settings.home_guild_id:
            synced += await self.tree.sync(guild=discord.Object(self.settings.home_guild_id))
        digest = await self.command_hash()
        await self.app.store.arun(lambda store: store.set_meta(command_hash=digest))
        log.info("commands synced count=%d hash=%s", len(synced), digest[:12])
        return len(synced)

    async def sync_if_changed(self) -> bool:
        """Sync only when the command set differs from the last one synced, to spare the rate limit.

        Several processes starting together take turns (a lock across them on a shared database):
        the first syncs and records the hash, the others then find it unchanged, so the commands are
        synced once, not once per process."""
        lock = self.app.store.exclusive("command-sync")
        await asyncio.to_thread(lock.__enter__)
        try:
            meta = await asyncio.to_thread(self.app.store.meta)
            if meta.get("command_hash") == await self.command_hash():
                log.info("commands unchanged; not syncing")
                return False
            await self.sync_commands()
            return True
        finally:
            await asyncio.to_thread(lock.__exit__, None, None, None)


class ShardedRaceBot(RaceBot, commands.AutoShardedBot):
    """The same bot over several gateway connections (``SHARD_COUNT``, and ``SHARD_IDS`` for this
    process's part): discord.py's AutoShardedBot, whose methods come before plain Bot's here."""


def make_bot(settings: Settings, app: App, **options: Any) -> RaceBot:
    """The bot the settings ask for: sharded when ``SHARD_COUNT`` is set, else one connection."""
    if not settings.sharded:
        return RaceBot(settings, app, **options)
    ids = list(settings.shard_ids) if settings.shard_ids is not None else None
    log.info("sharding process=%r shard_count=%s", settings.process_name, settings.shard_count)
    return ShardedRaceBot(settings, app, shard_count=settings.shard_count, shard_ids=ids, **options)


async def _main(settings: Settings, app: App) -> None:
    async with make_bot(settings, app) as bot:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.graceful_stop()))
        await bot.start(settings.discord_token)


def run_bot(settings: Settings, app: App) -> int:
    try:
        asyncio.run(_main(settings, app))
    except discord.LoginFailure:
        log.error("Discord rejected the token (DISCORD_TOKEN); create a new one in the developer portal")
        return 2
    log.info("stopped")
    return 0


async def sync_commands_now(settings: Settings, app: App, **options: Any) -> int:
    """Log in over HTTP only, sync global and home-server commands, and close: no gateway, no runtime."""
    bot = RaceBot(settings, app, auto_sync=False, with_runtime=False, **options)
    try:
        await bot.login(settings.discord_token)  # setup_hook loads the cogs; the runtime is not started
        count = await bot.sync_commands()
    finally:
        await bot.close()
    print(f"synced {count} command(s)")
    return 0


def sync_once(settings: Settings, app: App) -> int:
    """``race-bot sync``: sync global and home-server commands, then exit."""
    try:
        return asyncio.run(sync_commands_now(settings, app))
    except discord.LoginFailure:
        log.error("Discord rejected the token (DISCORD_TOKEN)")
        return 2

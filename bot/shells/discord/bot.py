"""The thin Discord adapter: the bot class, card → embed, replying, paging, errors.

This is the only module in ``bot/`` that imports discord. It decides nothing about the race:
it translates interactions into service calls and replies into messages.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.alerts.outbox import OutMessage, SendResult
from bot.app import App
from bot.core.cards import Card, Reply, error_reply
from bot.core.dates import DiscordStyle
from bot.core.errors import UserError
from bot.core.text import shorten
from bot.feed.ll2 import FeedPoller
from bot.infra.config import Settings
from bot.infra.health import HealthServer, Metrics
from bot.runtime import Runtime

log = logging.getLogger(__name__)

STYLE = DiscordStyle()
NO_MENTIONS = discord.AllowedMentions.none()
EXTENSIONS = ("cogs.questions", "cogs.facts", "cogs.alerts", "cogs.feed", "cogs.owner")
TICK_SECONDS = 15
FEED_CHECK_SECONDS = 60
STOP_GRACE = 10.0
PAGER_TIMEOUT = 300.0


def card_to_embed(card: Card) -> discord.Embed:
    embed = discord.Embed(
        title=card.title or None,
        description=card.description or None,
        colour=card.colour,
        url=card.url or None,
    )
    for f in card.fields:
        embed.add_field(name=f.name, value=f.value, inline=f.inline)
    if card.footer:
        embed.set_footer(text=card.footer)
    if card.image:
        embed.set_image(url=f"attachment://{card.image}")
    return embed


class OwnerView(discord.ui.View):
    """Buttons only the person who asked can press; anyone else is told so, ephemerally."""

    def __init__(self, owner_id: int) -> None:
        super().__init__(timeout=PAGER_TIMEOUT)
        self.owner_id = owner_id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(
                "Only the person who asked can use these buttons — run the command yourself.", ephemeral=True
            )
            return False
        return True


class Pager(OwnerView):
    """◀ ▶ buttons over the pages of a long reply."""

    def __init__(self, pages: list[Card], owner_id: int) -> None:
        super().__init__(owner_id)
        self.pages = pages
        self.index = 0
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def _show(self, interaction: discord.Interaction) -> None:
        self._sync_buttons()
        await interaction.response.edit_message(embed=card_to_embed(self.pages[self.index]), view=self)

    @discord.ui.button(label="◀", style=discord.ButtonStyle.secondary, custom_id="pager:prev")
    async def previous(self, interaction: discord.Interaction, _button: discord.ui.Button[Any]) -> None:
        self.index = max(0, self.index - 1)
        await self._show(interaction)

    @discord.ui.button(label="▶", style=discord.ButtonStyle.secondary, custom_id="pager:next")
    async def next(self, interaction: discord.Interaction, _button: discord.ui.Button[Any]) -> None:
        self.index = min(len(self.pages) - 1, self.index + 1)
        await self._show(interaction)


# Called with True for 👍 and False for 👎; returns the line thanking the asker.
Feedback = Callable[[bool], Awaitable[str]]


class FeedbackButton(discord.ui.Button[OwnerView]):
    """👍 or 👎 under an answer: one press counts, then both buttons are disabled."""

    def __init__(self, up: bool, feedback: Feedback) -> None:
        super().__init__(
            label="👍" if up else "👎",
            style=discord.ButtonStyle.secondary,
            custom_id="feedback:up" if up else "feedback:down",
        )
        self.up = up
        self.feedback = feedback

    async def callback(self, interaction: discord.Interaction) -> None:
        thanks = await self.feedback(self.up)
        if self.view is not None:
            for item in self.view.children:
                if isinstance(item, FeedbackButton):
                    item.disabled = True
        await interaction.response.edit_message(view=self.view)
        await interaction.followup.send(thanks, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def send_reply(interaction: discord.Interaction, reply: Reply, *, feedback: Feedback | None = None) -> None:
    """Answer once: the first response, or a follow-up after a deferral; never two responses."""
    kwargs: dict[str, Any] = {"allowed_mentions": NO_MENTIONS, "ephemeral": reply.ephemeral}
    if reply.pages:
        kwargs["embed"] = card_to_embed(reply.pages[0])
    view: OwnerView | None = Pager(reply.pages, interaction.user.id) if len(reply.pages) > 1 else None
    if feedback is not None:
        view = view or OwnerView(interaction.user.id)
        view.add_item(FeedbackButton(True, feedback))
        view.add_item(FeedbackButton(False, feedback))
    if view is not None:
        kwargs["view"] = view
    if reply.files:
        kwargs["files"] = [discord.File(io.BytesIO(data), filename=name) for name, data in reply.files.items()]
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


class RaceTree(app_commands.CommandTree):
    """One error handler for every command: always an answer, always ephemeral."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        original = getattr(error, "original", error)
        command = interaction.command.qualified_name if interaction.command else "?"
        if isinstance(original, UserError):
            outcome, reply = "invalid", error_reply(str(original))
        elif isinstance(error, app_commands.TransformerError):
            outcome = "invalid"
            reply = error_reply(
                f"I can't use “{shorten(str(error.value), 80)}” there: I don't know it or can't see it."
            )
        elif isinstance(error, app_commands.CheckFailure):
            log.warning("refused command=%s user=%s reason=%s", command, interaction.user.id, error)
            outcome, reply = "refused", error_reply(str(error) or "You are not allowed to use this command here.")
        else:
            log.error("command failed command=%s user=%s", command, interaction.user.id, exc_info=original)
            outcome = "error"
            reply = error_reply("Sorry, something went wrong on my side. The details are in the bot's log.")
        if interaction.type is discord.InteractionType.autocomplete:
            return
        if isinstance(interaction.client, RaceBot):
            interaction.client.record_command(interaction, command, outcome)
        try:
            await send_reply(interaction, reply)
        except discord.HTTPException:
            log.exception("could not send the error reply command=%s", command)


class DiscordSender:
    """Posts alerts through discord.py, turning its errors into what the dispatcher decides on."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def send(self, channel_id: int, message: OutMessage, nonce: str) -> tuple[SendResult, str]:
        channel = self.bot.get_partial_messageable(channel_id)
        roles: list[discord.abc.Snowflake] | bool = [discord.Object(message.role_id)] if message.role_id else False
        mentions = discord.AllowedMentions(everyone=False, users=False, roles=roles, replied_user=False)
        try:
            extra: dict[str, Any] = {"nonce": nonce} if nonce else {}
            sent = await channel.send(
                content=message.content, embed=card_to_embed(message.card), allowed_mentions=mentions, **extra
            )
        except discord.Forbidden as exc:
            return SendResult.FORBIDDEN, exc.text or "Missing Permissions"
        except discord.NotFound as exc:
            return SendResult.NOT_FOUND, exc.text or "Unknown Channel"
        except (TimeoutError, discord.HTTPException, aiohttp.ClientError) as exc:
            return SendResult.RETRY, str(exc)[:200]
        return SendResult.SENT, str(sent.id)


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
        self.dispatcher = app.dispatcher(self.sender, STYLE)
        self.runtime = Runtime(
            app,
            settings,
            self.dispatcher,
            ready=self.is_ready,
            gateway_ok=self._gateway_ok,
            latency=lambda: self.latency,
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

    def command_payload(self) -> dict[str, Any]:
        """Every command as Discord will receive it, global and home-server ones."""
        payload: dict[str, Any] = {
            "global": [c.to_dict(self.tree) for c in self.tree.get_commands()],
            "home_guild": self.settings.home_guild_id,
        }
        if self.settings.home_guild_id:
            guild = discord.Object(self.settings.home_guild_id)
            payload["home"] = [c.to_dict(self.tree) for c in self.tree.get_commands(guild=guild)]
        return payload

    def command_hash(self) -> str:
        text = json.dumps(self.command_payload(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    async def sync_commands(self) -> int:
        synced = await self.tree.sync()
        if self.settings.home_guild_id:
            synced += await self.tree.sync(guild=discord.Object(self.settings.home_guild_id))
        digest = self.command_hash()
        await self.app.store.arun(lambda store: store.set_meta(command_hash=digest))
        log.info("commands synced count=%d hash=%s", len(synced), digest[:12])
        return len(synced)

    async def sync_if_changed(self) -> bool:
        """Sync only when the command set differs from the last one synced, to spare the rate limit."""
        if self.app.store.meta().get("command_hash") == self.command_hash():
            log.info("commands unchanged; not syncing")
            return False
        await self.sync_commands()
        return True


async def _main(settings: Settings, app: App) -> None:
    async with RaceBot(settings, app) as bot:
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

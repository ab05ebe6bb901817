"""/alerts: a server's own subscriptions to date changes, status changes and reminders.

Needs Manage Channels. Before subscribing, the bot checks it can view, send, embed and attach in
the channel and says exactly what is missing. Only the chosen role can ever be mentioned.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.alerts.outbox import (
    ALL_KINDS,
    AlertKind,
    Subscription,
    missing_permissions,
    parse_quiet,
    remove_subscription,
    required_permissions,
    sample_alert,
    save_subscription,
    subscriptions,
)
from bot.core.cards import Card, Colour, Field, Reply, paginate
from bot.core.errors import UserError
from bot.shells.discord.bot import send_reply

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot

log = logging.getLogger(__name__)

KIND_CHOICES = {
    "all": [k.value for k in ALL_KINDS],
    "changes": [AlertKind.DATE.value, AlertKind.STATUS.value],
    "dates": [AlertKind.DATE.value],
    "statuses": [AlertKind.STATUS.value],
    "reminders": [AlertKind.REMINDER.value],
}
Channel = discord.TextChannel | discord.Thread


def _note(text: str, colour: int = Colour.OK) -> Reply:
    return Reply(pages=paginate(Card(description=text, colour=colour)), ephemeral=True)


@app_commands.default_permissions(manage_channels=True)
@app_commands.guild_only()
class Alerts(commands.GroupCog, group_name="alerts", group_description="Announcements of the race in this server."):
    def __init__(self, bot: RaceBot) -> None:
        self.bot = bot
        super().__init__()

    @property
    def store(self):
        return self.bot.service.store

    def _check_member(self, interaction: discord.Interaction, channel: Channel) -> None:
        member = interaction.user
        if not isinstance(member, discord.Member) or not channel.permissions_for(member).manage_channels:
            raise app_commands.CheckFailure(f"You need Manage Channels in {channel.mention} to change its alerts.")

    def _check_bot(self, channel: Channel) -> None:
        me = channel.guild.me
        granted = channel.permissions_for(me)
        missing = missing_permissions({key: getattr(granted, key) for key in required_permissions()})
        if missing:
            raise UserError(
                f"I can't post alerts in {channel.mention}: I am missing {', '.join(missing)} there. "
                f"Grant them to my role (or in the channel's permissions) and try again."
            )

    @app_commands.command(name="subscribe", description="Post race alerts in a channel.")
    @app_commands.describe(
        channel="Where to post",
        kinds="Which alerts (default: all)",
        contender="Only this contender",
        role="A role to mention (never @everyone)",
        quiet="Quiet hours in UTC, e.g. 22:00-07:00",
    )
    async def subscribe(
        self,
        interaction: discord.Interaction,
        channel: Channel,
        kinds: Literal["all", "changes", "dates", "statuses", "reminders"] = "all",
        contender: app_commands.Range[str, 1, 100] | None = None,
        role: discord.Role | None = None,
        quiet: app_commands.Range[str, 1, 20] | None = None,
    ) -> None:
        self._check_member(interaction, channel)
        self._check_bot(channel)
        if role is not None and role.is_default():
            raise UserError("Alerts can't mention @everyone; pick a role made for it.")
        try:
            quiet_start, quiet_end = parse_quiet(quiet or "")
        except ValueError as exc:
            raise UserError(str(exc)) from None
        cid = self.bot.service.resolve_contender(contender) if contender else ""
        sub = Subscription(
            id=f"{channel.guild.id}-{channel.id}",
            guild_id=channel.guild.id,
            channel_id=channel.id,
            kinds=KIND_CHOICES[kinds],
            contender=cid,
            role_id=role.id if role else None,
            quiet_start=quiet_start,
            quiet_end=quiet_end,
            created_by=str(interaction.user.id),
        )
        await self.store.arun(lambda s: save_subscription(s, sub))
        log.info("subscribed guild=%s channel=%s kinds=%s", channel.guild.id, channel.id, kinds)
        extra = []
        if contender:
            extra.append(f"only {self.bot.service.kb.contender_name(cid)}")
        if role:
            extra.append(f"mentioning {role.mention}")
        if quiet_start:
            extra.append(f"quiet {quiet_start}–{quiet_end} UTC")
        details = f" ({'; '.join(extra)})" if extra else ""
        await send_reply(
            interaction, _note(f"{channel.mention} will get {kinds} alerts{details}. Try /alerts test to see one.")
        )

    @subscribe.autocomplete("contender")
    async def _contender(self, _interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=c.name, value=c.value) for c in self.bot.service.complete("contender", current)
        ]

    @app_commands.command(name="unsubscribe", description="Stop race alerts in a channel.")
    async def unsubscribe(self, interaction: discord.Interaction, channel: Channel) -> None:
        self._check_member(interaction, channel)
        removed = await self.store.arun(lambda s: remove_subscription(s, f"{channel.guild.id}-{channel.id}"))
        if not removed:
            raise UserError(f"{channel.mention} has no alerts to stop.")
        await send_reply(interaction, _note(f"{channel.mention} will get no more alerts."))

    @app_commands.command(name="list", description="This server's alert channels and their state.")
    async def list_(self, interaction: discord.Interaction) -> None:
        subs = [s for s in subscriptions(self.store) if s.guild_id == interaction.guild_id]
        fields = []
        for s in subs:
            state = "✅ active" if s.state == "active" else f"⏸️ paused — {s.reason}"
            lines = [state, f"kinds: {', '.join(s.kinds)}"]
            if s.contender:
                lines.append(f"only: {self.bot.service.kb.contender_name(s.contender)}")
            if s.role_id:
                lines.append(f"mentions: <@&{s.role_id}>")
            if s.quiet_start:
                lines.append(f"quiet: {s.quiet_start}–{s.quiet_end} UTC")
            fields.append(Field(f"#{s.channel_id}", f"<#{s.channel_id}>\n" + "\n".join(lines)))
        card = Card(
            title="Alert subscriptions",
            description="" if subs else "No channel here gets alerts yet. Use /alerts subscribe.",
            fields=tuple(fields),
            colour=Colour.INFO,
        )
        await send_reply(interaction, Reply(pages=paginate(card), ephemeral=True))

    @app_commands.command(name="test", description="Post a sample alert in a channel now.")
    async def test(self, interaction: discord.Interaction, channel: Channel) -> None:
        self._check_member(interaction, channel)
        self._check_bot(channel)
        sub = next((s for s in subscriptions(self.store) if s.channel_id == channel.id), None)
        message = sample_alert(self.bot.service.kb, self.bot.style, sub.role_id if sub else None)
        result, detail = await self.bot.sender.send(channel.id, message, nonce="")
        if result.value != "sent":
            raise UserError(f"Discord refused the test message: {detail}")
        await send_reply(interaction, _note(f"Posted a test alert in {channel.mention}."))


async def setup(bot: RaceBot) -> None:
    await bot.add_cog(Alerts(bot))

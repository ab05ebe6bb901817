"""/facts: admins edit the shared knowledge base from Discord.

Registered in the home server only, hidden from members without Manage Server, and checked
again at run time (configured admin users and the admin role pass too). Changes that will be
announced are previewed first with Confirm / Cancel buttons only the asker can press.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.cards import Reply, error_reply
from bot.core.changes import Actor, Proposal
from bot.core.errors import UserError
from bot.core.models import ContenderStatus, MilestoneKind, MilestoneStatus
from bot.facts.service import AdminService, Outcome, may_edit
from bot.shells.discord.bot import NO_MENTIONS, card_to_embed, send_reply

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot

log = logging.getLogger(__name__)

CONFIRM_TIMEOUT = 120.0
T = TypeVar("T")
Kind = Literal["milestone", "contender", "person", "fact", "contradiction"]
AddKind = Literal["milestone", "contender", "person", "fact"]
Short = app_commands.Range[str, 1, 100]
Long = app_commands.Range[str, 1, 1000]
Url = app_commands.Range[str, 1, 500]
STATUSES = sorted({s.value for s in MilestoneStatus} | {s.value for s in ContenderStatus})


def actor_of(interaction: discord.Interaction) -> Actor:
    return Actor(str(interaction.user.id), interaction.user.name)


class ConfirmView(discord.ui.View):
    """Confirm applies the held proposal; Cancel or expiry drops it and writes nothing."""

    def __init__(self, admin: AdminService, proposal: Proposal, owner_id: int, style: Any) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT)
        self.admin, self.proposal, self.owner_id, self.style = admin, proposal, owner_id, style
        self.message: discord.InteractionMessage | None = None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message("Only the admin who asked can confirm this.", ephemeral=True)
            return False
        return True

    async def _finish(self, interaction: discord.Interaction, reply: Reply) -> None:
        self.stop()
        await interaction.response.edit_message(embed=card_to_embed(reply.pages[0]), view=None)

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger, custom_id="facts:confirm")
    async def confirm(self, interaction: discord.Interaction, _button: discord.ui.Button[Any]) -> None:
        try:
            reply = await self.admin.editor.store.alocked(
                lambda: self.admin.commit(self.proposal, self.style)
            )  # one writer
        except UserError as exc:
            reply = error_reply(str(exc))
        await self._finish(interaction, reply)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary, custom_id="facts:cancel")
    async def cancel(self, interaction: discord.Interaction, _button: discord.ui.Button[Any]) -> None:
        await self._finish(interaction, error_reply("Cancelled — nothing was changed."))

    async def on_timeout(self) -> None:
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(
                    embed=card_to_embed(error_reply("Expired — nothing was changed.").pages[0]), view=None
                )


def _completer(kind: str | None = None):
    """Names for the option being typed; the kind comes from the command or the `kind` option."""

    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        chosen = kind or getattr(interaction.namespace, "kind", None) or "milestone"
        if chosen not in ("contender", "person", "milestone"):
            return []
        service = interaction.client.service  # type: ignore[attr-defined]
        return [app_commands.Choice(name=c.name, value=c.value) for c in service.complete(chosen, current)]

    return complete


async def _status_complete(_interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=s, value=s) for s in STATUSES if current.lower() in s][:25]


async def _kind_complete(_interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=k.value, value=k.value) for k in MilestoneKind if current.lower() in k.value]


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class Facts(commands.GroupCog, group_name="facts", group_description="Edit the shared facts (admins only)."):
    def __init__(self, bot: RaceBot, admin: AdminService) -> None:
        self.bot = bot
        self.admin = admin
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        member = interaction.user
        allowed = may_edit(
            self.bot.settings,
            user_id=member.id,
            guild_id=interaction.guild_id,
            manage_guild=bool(getattr(member, "guild_permissions", None) and member.guild_permissions.manage_guild),
            role_ids={r.id for r in getattr(member, "roles", [])},
        )
        if not allowed:
            log.warning("refused edit user=%s guild=%s", member.id, interaction.guild_id)
            raise app_commands.CheckFailure(
                "Only the bot's configured admins can change the shared facts (in the home server: Manage Server "
                "or the admin role)."
            )
        return True

    async def _call(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run an admin operation off the loop, queued behind the store's other writers (it may fsync)."""
        return await self.admin.editor.store.alocked(lambda: method(*args, **kwargs))

    async def _send(self, interaction: discord.Interaction, outcome: Outcome) -> None:
        if outcome.pending is None:
            await send_reply(interaction, outcome.reply)
            return
        view = ConfirmView(self.admin, outcome.pending, interaction.user.id, self.bot.style)
        await interaction.response.send_message(
            embed=card_to_embed(outcome.reply.pages[0]), view=view, ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        view.message = await interaction.original_response()

    @app_commands.command(name="date", description="Set a milestone's date (e.g. 2021-10-05 08:55 UTC, Dec 2025, TBD).")
    @app_commands.describe(milestone="The milestone", date="The new date", source="A source URL", reason="Why")
    @app_commands.autocomplete(milestone=_completer("milestone"))
    async def date(
        self,
        interaction: discord.Interaction,
        milestone: Short,
        date: Short,
        source: Url | None = None,
        reason: Long | None = None,
    ) -> None:
        outcome = await self._call(
            self.admin.set_date, actor_of(interaction), milestone, date, source or "", reason or "", self.bot.style
        )
        await self._send(interaction, outcome)

    @app_commands.command(name="status", description="Set a milestone's or a contender's status.")
    @app_commands.describe(
        kind="milestone or contender", name="Which one", status="The new status", source="A source URL", reason="Why"
    )
    @app_commands.autocomplete(name=_completer(), status=_status_complete)
    async def status(
        self,
        interaction: discord.Interaction,
        kind: Literal["milestone", "contender"],
        name: Short,
        status: Short,
        source: Url | None = None,
        reason: Long | None = None,
    ) -> None:
        outcome = await self._call(
            self.admin.set_status, actor_of(interaction), kind, name, status, source or "", reason or "", self.bot.style
        )
        await self._send(interaction, outcome)

    @app_commands.command(name="add", description="Add a contender, milestone, person or fact.")
    @app_commands.describe(
        kind="What to add",
        name="Name or title (not for facts)",
        source="A source URL (required)",
        contender="The contender it belongs to",
        text="Fact text or contender summary",
        date="Milestone date",
        milestone_kind="Milestone kind",
        status="Milestone status",
        role="Person's role or contender's role",
        topics="Fact topics, comma-separated",
    )
    @app_commands.autocomplete(
        contender=_completer("contender"), status=_status_complete, milestone_kind=_kind_complete
    )
    async def add(
        self,
        interaction: discord.Interaction,
        kind: AddKind,
        source: Url,
        name: Short | None = None,
        contender: Short | None = None,
        text: Long | None = None,
        date: Short | None = None,
        milestone_kind: Short | None = None,
        status: Short | None = None,
        role: Short | None = None,
        topics: Short | None = None,
    ) -> None:
        values = {
            k: v
            for k, v in {
                "name": name,
                "source": source,
                "contender": contender,
                "text": text,
                "date": date,
                "kind": milestone_kind,
                "status": status,
                "role": role,
                "topics": topics,
            }.items()
            if v
        }
        await self._send(
            interaction, await self._call(self.admin.add, actor_of(interaction), kind, self.bot.style, **values)
        )

    @app_commands.command(name="contradiction", description="Record two reports that disagree.")
    @app_commands.autocomplete(contender=_completer("contender"))
    async def contradiction(
        self,
        interaction: discord.Interaction,
        title: Short,
        claim_a: Long,
        source_a: Url,
        claim_b: Long,
        source_b: Url,
        topics: Short | None = None,
        contender: Short | None = None,
    ) -> None:
        outcome = await self._call(
            self.admin.contradiction,
            actor_of(interaction),
            title,
            claim_a,
            source_a,
            claim_b,
            source_b,
            topics or "",
            contender or "",
            self.bot.style,
        )
        await self._send(interaction, outcome)

    @app_commands.command(name="rename", description="Rename an item (the old name stays an alias).")
    @app_commands.autocomplete(name=_completer())
    async def rename(self, interaction: discord.Interaction, kind: Kind, name: Short, new_name: Short) -> None:
        await self._send(
            interaction,
            await self._call(self.admin.rename, actor_of(interaction), kind, name, new_name, self.bot.style),
        )

    @app_commands.command(name="remove", description="Remove an item (undo brings it back).")
    @app_commands.autocomplete(name=_completer())
    async def remove(
        self, interaction: discord.Interaction, kind: Kind, name: Short, reason: Long | None = None
    ) -> None:
        await self._send(
            interaction,
            await self._call(self.admin.remove, actor_of(interaction), kind, name, reason or "", self.bot.style),
        )

    @app_commands.command(name="merge", description="Merge a duplicate into the item to keep.")
    @app_commands.autocomplete(keep=_completer(), duplicate=_completer())
    async def merge(
        self,
        interaction: discord.Interaction,
        kind: Literal["contender", "person", "milestone"],
        keep: Short,
        duplicate: Short,
    ) -> None:
        await self._send(
            interaction,
            await self._call(self.admin.merge, actor_of(interaction), kind, keep, duplicate, self.bot.style),
        )

    @app_commands.command(name="source", description="Add or remove a source URL of an item.")
    @app_commands.autocomplete(name=_completer())
    async def source(
        self, interaction: discord.Interaction, action: Literal["add", "remove"], kind: Kind, name: Short, url: Url
    ) -> None:
        await self._send(
            interaction,
            await self._call(self.admin.source, actor_of(interaction), action, kind, name, url, self.bot.style),
        )

    @app_commands.command(name="track", description="Follow a Launch Library 2 launch for this milestone's date.")
    @app_commands.describe(milestone="The milestone", launch_id="The LL2 launch id (a UUID)")
    @app_commands.autocomplete(milestone=_completer("milestone"))
    async def track(
        self, interaction: discord.Interaction, milestone: Short, launch_id: app_commands.Range[str, 36, 36]
    ) -> None:
        await self._send(
            interaction, await self._call(self.admin.track, actor_of(interaction), milestone, launch_id, self.bot.style)
        )

    @app_commands.command(name="untrack", description="Stop following Launch Library 2 for this milestone.")
    @app_commands.autocomplete(milestone=_completer("milestone"))
    async def untrack(self, interaction: discord.Interaction, milestone: Short) -> None:
        await self._send(
            interaction, await self._call(self.admin.untrack, actor_of(interaction), milestone, self.bot.style)
        )

    @app_commands.command(name="pin", description="Keep a manual date even when the feed disagrees (or unpin).")
    @app_commands.autocomplete(milestone=_completer("milestone"))
    async def pin(self, interaction: discord.Interaction, milestone: Short, pinned: bool = True) -> None:
        await self._send(
            interaction, await self._call(self.admin.pin, actor_of(interaction), milestone, pinned, self.bot.style)
        )

    @app_commands.command(name="history", description="Who changed what, when, from what to what, and why.")
    @app_commands.autocomplete(name=_completer())
    async def history(
        self, interaction: discord.Interaction, kind: Kind | None = None, name: Short | None = None
    ) -> None:
        await send_reply(interaction, await self._call(self.admin.history, kind, name, self.bot.style))

    @app_commands.command(name="undo", description="Revert the last change, or a chosen one (#id from history).")
    async def undo(self, interaction: discord.Interaction, change: app_commands.Range[int, 1] | None = None) -> None:
        await self._send(interaction, await self._call(self.admin.undo, actor_of(interaction), change, self.bot.style))

    @app_commands.command(name="export", description="The whole knowledge base as a JSON file.")
    async def export(self, interaction: discord.Interaction) -> None:
        name, data = await self._call(self.admin.export)
        await send_reply(interaction, Reply(ephemeral=True, files={name: data}))

    @app_commands.command(name="import", description="Load an export: validated, previewed, applied on Confirm.")
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        if file.size > 2_000_000:
            raise UserError("That file is too large (at most 2 MB).")
        await interaction.response.defer(ephemeral=True, thinking=True)
        raw = await file.read()
        outcome = await self._call(self.admin.plan_import, actor_of(interaction), raw, self.bot.style)
        view = ConfirmView(self.admin, outcome.pending, interaction.user.id, self.bot.style)  # type: ignore[arg-type]
        view.message = await interaction.followup.send(
            embed=card_to_embed(outcome.reply.pages[0]),
            view=view,
            ephemeral=True,
            wait=True,
            allowed_mentions=NO_MENTIONS,
        )


async def setup(bot: RaceBot) -> None:
    home = bot.settings.home_guild_id
    if home is None:
        log.warning("HOME_GUILD_ID is not set: /facts is not registered in Discord (the console still edits)")
        return
    await bot.add_cog(Facts(bot, bot.admin), guilds=[discord.Object(home)])

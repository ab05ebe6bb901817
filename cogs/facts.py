"""/facts: admins edit the shared knowledge base from Discord.

Registered in the home server only, hidden from members without Manage Server, and checked
again at run time (configured admin users and the admin role pass too). Changes that will be
announced are previewed first with Confirm / Cancel buttons only the asker can press.

The subcommands are not written out here: each is generated from the table in
:mod:`bot.facts.commands` as a discord.py command with a real signature (an annotation per option,
from its type), its descriptions and its autocompletion. The console and the fuzz tests use the
same table, so no surface can offer an option another lacks.

Everything an admin reads here — previews, refusals, the buttons themselves — is in the language of
their Discord client (``style_for``); the style travels with each view, so a Confirm pressed
later still answers in that language.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Literal, Optional, TypeVar, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.cards import Reply, error_reply
from bot.core.changes import Actor, Proposal
from bot.core.dates import DateStyle
from bot.core.errors import Message, UserError, message_in
from bot.core.i18n import tr
from bot.core.models import ROLE_FUNCTIONS, ContenderStatus, MilestoneKind, MilestoneStatus
from bot.core.text import shorten
from bot.facts import commands as table
from bot.facts.service import IMPORT_MAX_BYTES, AdminService, Offer, Outcome, may_edit
from bot.shells.discord.review import ReviewView
from bot.shells.discord.ui import NO_MENTIONS, card_to_embed, language_for, send_reply, style_for

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot

log = logging.getLogger(__name__)

CONFIRM_TIMEOUT = 120.0
T = TypeVar("T")
STATUSES = sorted({s.value for s in MilestoneStatus} | {s.value for s in ContenderStatus})
Choices = list[app_commands.Choice[str]]
Completer = Callable[[discord.Interaction["RaceBot"], str], Coroutine[Any, Any, Choices]]
Callback = Callable[..., Coroutine[Any, Any, None]]


def actor_of(interaction: discord.Interaction) -> Actor:
    return Actor(str(interaction.user.id), interaction.user.name)


class ConfirmView(discord.ui.View):
    """Confirm applies the held proposal; Cancel or expiry drops it and writes nothing."""

    def __init__(self, admin: AdminService, proposal: Proposal, owner_id: int, style: DateStyle) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT)
        self.admin, self.proposal, self.owner_id, self.style = admin, proposal, owner_id, style
        self.message: discord.InteractionMessage | discord.WebhookMessage | None = None
        self.confirm.label = tr("facts.discord.confirm", style.lang)  # custom ids stay: they are not words
        self.cancel.label = tr("facts.discord.cancel", style.lang)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            text = tr("facts.discord.only_asker_confirms", language_for(interaction))
            await interaction.response.send_message(text, ephemeral=True)
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
            reply = error_reply(message_in(exc, self.style.lang))
        await self._finish(interaction, reply)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary, custom_id="facts:cancel")
    async def cancel(self, interaction: discord.Interaction, _button: discord.ui.Button[Any]) -> None:
        await self._finish(interaction, error_reply(tr("facts.discord.cancelled", self.style.lang)))

    async def on_timeout(self) -> None:
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):
                expired = error_reply(tr("facts.discord.expired", self.style.lang))
                await self.message.edit(embed=card_to_embed(expired.pages[0]), view=None)


# ---- autocompletion ------------------------------------------------------------------------


class OfferButton(discord.ui.Button["OfferView"]):
    """Attach one missed question to one item, with history and undo like any edit."""

    def __init__(self, index: int, offer: Offer) -> None:
        label = shorten(f"#{offer.number} → {offer.label}", 80)
        super().__init__(label=label, style=discord.ButtonStyle.secondary, custom_id=f"facts:attach:{index}")
        self.offer = offer

    async def callback(self, interaction: discord.Interaction) -> None:
        assert self.view is not None
        cog, o, style = self.view.cog, self.offer, style_for(interaction)
        try:
            outcome = await cog._call(
                cog.admin.add_question, actor_of(interaction), o.kind, o.item_id, o.question, o.language, style
            )
        except UserError as exc:  # a button has no command tree to answer for it
            await send_reply(interaction, error_reply(message_in(exc, style.lang)))
            return
        if outcome.reply.ok:
            self.disabled = True
            await interaction.response.edit_message(view=self.view)
            await interaction.followup.send(
                embed=card_to_embed(outcome.reply.pages[0]), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        await send_reply(interaction, outcome.reply)


class OfferView(discord.ui.View):
    """The buttons under /facts questions; only the admin who asked can press them."""

    def __init__(self, cog: Facts, offers: list[Offer], owner_id: int) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT)
        self.cog, self.owner_id = cog, owner_id
        for index, offer in enumerate(offers[:25]):
            self.add_item(OfferButton(index, offer))

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            text = tr("facts.discord.only_asker_uses", language_for(interaction))
            await interaction.response.send_message(text, ephemeral=True)
            return False
        return True


def _completer(kind: str | None = None) -> Completer:
    """Names for the option being typed; the kind comes from the command or the `kind` option."""

    async def complete(interaction: discord.Interaction[RaceBot], current: str) -> Choices:
        chosen = kind or getattr(interaction.namespace, "kind", None) or "milestone"
        if chosen not in ("contender", "person", "milestone"):
            return []
        service = interaction.client.service
        return [app_commands.Choice(name=c.name, value=c.value) for c in service.complete(chosen, current)]

    return complete


async def _status_complete(_interaction: discord.Interaction, current: str) -> Choices:
    return [app_commands.Choice(name=s, value=s) for s in STATUSES if current.lower() in s][:25]


async def _kind_complete(_interaction: discord.Interaction, current: str) -> Choices:
    return [app_commands.Choice(name=k.value, value=k.value) for k in MilestoneKind if current.lower() in k.value]


async def _functions_complete(_interaction: discord.Interaction, current: str) -> Choices:
    """A comma list being typed: the words so far, then each function the last word could become."""
    *done, last = [part.strip().lower() for part in current.split(",")]
    prefix = "".join(f"{word}, " for word in done if word)
    options = [prefix + f for f in sorted(ROLE_FUNCTIONS) if f.startswith(last) and f not in done]
    return [app_commands.Choice(name=o, value=o) for o in options if len(o) <= 100][:25]


async def _questions_complete(interaction: discord.Interaction[RaceBot], current: str) -> Choices:
    """The questions the item named in `kind` and `name` already answers (to pick one to remove)."""
    kind, name = getattr(interaction.namespace, "kind", None), getattr(interaction.namespace, "name", None)
    if not kind or not name:
        return []
    admin: AdminService = interaction.client.admin
    try:
        collection, item_id = admin.resolve(kind, name)
    except UserError:
        return []
    item = getattr(admin.kb, collection)[item_id]
    found = [q for qs in item.questions.values() for q in qs if current.casefold() in q.casefold() and len(q) <= 100]
    return [app_commands.Choice(name=q, value=q) for q in found][:25]


async def _contradiction_complete(interaction: discord.Interaction[RaceBot], current: str) -> Choices:
    """The disputes whose id or title holds what is typed, shown by title, sent as the id."""
    admin: AdminService = interaction.client.admin
    typed = current.casefold()
    found = [c for c in admin.kb.contradictions.values() if typed in c.id or typed in c.title.casefold()]
    return [app_commands.Choice(name=shorten(c.title, 100), value=c.id) for c in found if len(c.id) <= 100][:25]


COMPLETERS: dict[str, Completer] = {
    "milestone": _completer("milestone"),
    "contender": _completer("contender"),
    "person": _completer("person"),
    "by-kind": _completer(),
    "status": _status_complete,
    "milestone-kind": _kind_complete,
    "functions": _functions_complete,
    "questions": _questions_complete,
    "contradiction": _contradiction_complete,
}

# ---- the commands, from the table ----------------------------------------------------------


def _annotation(option: table.Option) -> Any:
    """The type discord.py reads an option's Discord type, limits and choices from."""
    if option.choices:
        return Literal[option.choices]
    if option.type == "boolean":
        return bool
    if option.type == "integer":
        if option.minimum is not None and option.maximum is not None:
            return app_commands.Range[int, option.minimum, option.maximum]
        return app_commands.Range[int, option.minimum] if option.minimum is not None else int
    if option.type == "file":
        return discord.Attachment
    return app_commands.Range[str, option.min_length, option.max_length]


def _parameter(option: table.Option) -> inspect.Parameter:
    kind, annotation = inspect.Parameter.KEYWORD_ONLY, _annotation(option)
    if option.required:
        return inspect.Parameter(option.name, kind, annotation=annotation)
    if option.type == "boolean" and isinstance(option.default, bool):
        return inspect.Parameter(option.name, kind, annotation=bool, default=option.default)
    return inspect.Parameter(option.name, kind, annotation=Optional[annotation], default=None)  # noqa: UP045


def _callback(command: table.Command) -> Callback:
    """A method of the cog for ``command``, with the signature, descriptions and completers discord.py reads."""

    async def callback(self: Facts, interaction: discord.Interaction, **values: Any) -> None:
        await self.run_command(interaction, command, values)

    options = command.discord_options
    callback.__name__ = "facts_" + "_".join(command.path)
    callback.__qualname__ = f"Facts.{callback.__name__}"  # a method: discord.py passes the cog first
    positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
    callback.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("self", positional),
            inspect.Parameter("interaction", positional, annotation=discord.Interaction),
            *map(_parameter, options),
        ]
    )
    app_commands.describe(**{o.name: o.help for o in options})(callback)
    completers = {o.name: COMPLETERS[o.complete] for o in options if o.complete}
    return app_commands.autocomplete(**completers)(callback) if completers else callback


def _slash_commands() -> dict[str, app_commands.Command[Any, ..., None] | app_commands.Group]:
    """The cog's class attributes: one per command, subcommand groups holding theirs, in table order."""
    namespace: dict[str, app_commands.Command[Any, ..., None] | app_commands.Group] = {}
    groups: dict[str, app_commands.Group] = {}
    for command in table.COMMANDS:
        *group, leaf = command.path
        callback = _callback(command)
        slash: app_commands.Command[Any, ..., None] = app_commands.Command(
            name=leaf, description=command.help, callback=cast(Any, callback)
        )
        if not group:
            namespace[callback.__name__] = slash
            continue
        if group[0] not in groups:
            groups[group[0]] = namespace[group[0]] = app_commands.Group(
                name=group[0], description=table.GROUPS[group[0]]
            )
        groups[group[0]].add_command(slash)
    return namespace


if TYPE_CHECKING:
    FactsCommands = object  # a class made at run time, which type checkers cannot follow
else:
    FactsCommands = type("FactsCommands", (), _slash_commands())  # discord.py collects commands from every base


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class Facts(
    commands.GroupCog, FactsCommands, group_name="facts", group_description="Edit the shared facts (admins only)."
):
    def __init__(self, bot: RaceBot, admin: AdminService) -> None:
        self.bot = bot
        self.admin = admin
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        member = interaction.user
        permissions = getattr(member, "guild_permissions", None)  # a Member in a server, a User elsewhere
        allowed = may_edit(
            self.bot.settings,
            user_id=member.id,
            guild_id=interaction.guild_id,
            manage_guild=bool(permissions and permissions.manage_guild),
            role_ids={r.id for r in getattr(member, "roles", [])},
        )
        if not allowed:
            log.warning("refused edit user=%s guild=%s", member.id, interaction.guild_id)
            raise app_commands.CheckFailure(tr("facts.discord.refused", language_for(interaction)))
        return True

    async def run_command(
        self, interaction: discord.Interaction, command: table.Command, values: dict[str, Any]
    ) -> None:
        """Every /facts subcommand: read attached files, run the table's command off the loop, answer."""
        style = style_for(interaction)
        files = {name: v for name, v in values.items() if isinstance(v, discord.Attachment)}
        if any(f.size > IMPORT_MAX_BYTES for f in files.values()):
            too_large = Message("facts.discord.file_too_large", mb=IMPORT_MAX_BYTES // 1_000_000)
            raise UserError(too_large.render(style.lang))
        if files:
            await interaction.response.defer(ephemeral=True, thinking=True)
            values = {**values, **{name: await f.read() for name, f in files.items()}}
        outcome = await self._call(table.run, self.admin, command, actor_of(interaction), values, style)
        await self._send(interaction, outcome, style)

    async def _call(self, method: Callable[..., T], *args: Any) -> T:
        """Run an admin operation off the loop, queued behind the store's other writers (it may fsync)."""
        return await self.admin.editor.store.alocked(lambda: method(*args))

    async def _send(self, interaction: discord.Interaction, outcome: Outcome, style: DateStyle) -> None:
        if outcome.articles:  # /facts news review: one article at a time, decided with its buttons
            review = ReviewView(self.admin, style, outcome.articles, interaction.user.id)
            await interaction.response.send_message(
                embeds=review.embeds(), view=review, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            review.message = await interaction.original_response()
            return
        if outcome.offers:
            offers = OfferView(self, outcome.offers, interaction.user.id)
            embed = card_to_embed(outcome.reply.pages[0])
            await interaction.response.send_message(
                embed=embed, view=offers, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        if outcome.pending is None:
            await send_reply(interaction, outcome.reply)
            return
        view = ConfirmView(self.admin, outcome.pending, interaction.user.id, style)
        embed = card_to_embed(outcome.reply.pages[0])
        if interaction.response.is_done():  # deferred while a file was read
            view.message = await interaction.followup.send(
                embed=embed, view=view, ephemeral=True, wait=True, allowed_mentions=NO_MENTIONS
            )
            return
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True, allowed_mentions=NO_MENTIONS)
        view.message = await interaction.original_response()


async def setup(bot: RaceBot) -> None:
    home = bot.settings.home_guild_id
    if home is None:
        log.warning("HOME_GUILD_ID is not set: /facts is not registered in Discord (the console still edits)")
        return
    await bot.add_cog(Facts(bot, bot.admin), guilds=[discord.Object(home)])

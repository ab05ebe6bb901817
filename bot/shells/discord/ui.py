"""Replies as Discord shows them: cards as embeds, one answer per interaction, paging and 👍/👎 buttons.

No message the bot sends can mention anyone (``NO_MENTIONS``); only the person who asked can press
the buttons under an answer. Replies are in the language of the member's Discord client:
:func:`style_for` is the one place an interaction becomes a date style with that language.
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.core.cards import Card, Reply
from bot.core.dates import DiscordStyle
from bot.core.i18n import DEFAULT, language_of, tr
from bot.shells.discord import strings as _strings  # noqa: F401  (registers the buttons' words)

NO_MENTIONS = discord.AllowedMentions.none()
PAGER_TIMEOUT = 300.0


def language_for(interaction: discord.Interaction) -> str:
    """The member's language: their Discord client's, else the configured LANGUAGE, else English.

    Discord sends the client's locale with every interaction ("ru", "en-US", "de", …); a locale
    the bot does not speak gets the configured default (``Settings.language``).
    """
    settings = getattr(interaction.client, "settings", None)
    fallback = getattr(settings, "language", DEFAULT) or DEFAULT
    return language_of(getattr(interaction, "locale", None), fallback)


def style_for(interaction: discord.Interaction) -> DiscordStyle:
    """How to write to the member behind ``interaction``: Discord timestamps, in their language."""
    return DiscordStyle(language_for(interaction))


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
                tr("discord.owner_only", language_for(interaction)), ephemeral=True, allowed_mentions=NO_MENTIONS
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

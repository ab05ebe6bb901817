"""Slash commands for members: /race, /contender, /timeline, /person, /compare, /ask, /sources, /help,
and the message command **Ask race-bot**.

Thin by design: each command calls the race service and sends its reply. Names are typed
with autocomplete (ids as values), and free text is resolved fuzzily by the service. Member
commands can be installed to a user as well as to a server, so they work in DMs and in servers
that never invited the bot; every reply goes through the interaction, never a channel send.
Every reply is in the member's Discord language (``style_for``), autocomplete names included.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.ask.feedback import Miss
from bot.ask.service import QUESTION_MAX
from bot.core.cards import Reply
from bot.core.errors import UserError
from bot.core.i18n import tr
from bot.core.text import NAME_MAX
from bot.shells.discord.ui import language_for, send_reply, style_for

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot


def _completer(
    kind: str,
) -> Callable[[discord.Interaction[RaceBot], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
    async def complete(interaction: discord.Interaction[RaceBot], current: str) -> list[app_commands.Choice[str]]:
        service = interaction.client.service
        choices = service.complete(kind, current, language_for(interaction))
        return [app_commands.Choice(name=c.name, value=c.value) for c in choices]

    return complete


Name = app_commands.Range[str, 1, NAME_MAX]
# Member commands work wherever a member can use them: in servers, in DMs and through a user install.
everywhere = app_commands.allowed_installs(guilds=True, users=True)
in_any_chat = app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
IMAGE = "timeline.png"
ASK_MENU = "Ask race-bot"


def with_image(reply: Reply, png: bytes) -> Reply:
    """Show the picture in the first page's embed."""
    reply.pages[0] = replace(reply.pages[0], image=IMAGE)
    reply.files[IMAGE] = png
    return reply


class Questions(commands.Cog):
    def __init__(self, bot: RaceBot) -> None:
        self.bot = bot
        self.ask_menu = app_commands.ContextMenu(name=ASK_MENU, callback=self.ask_about_message)
        self.ask_menu.allowed_installs = app_commands.AppInstallationType(guild=True, user=True)
        self.ask_menu.allowed_contexts = app_commands.AppCommandContext(
            guild=True, dm_channel=True, private_channel=True
        )

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.ask_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.ask_menu.name, type=self.ask_menu.type)

    @property
    def service(self):
        return self.bot.service

    @everywhere
    @in_any_chat
    @app_commands.command(name="race", description="The race at a glance: who got there first, who stands where.")
    async def race(self, interaction: discord.Interaction) -> None:
        style = style_for(interaction)
        await interaction.response.defer(thinking=True)
        png = await asyncio.to_thread(self.service.timeline_image, lang=style.lang)  # never blocks the event loop
        reply = self.service.race(style)
        await send_reply(interaction, with_image(reply, png))

    @everywhere
    @in_any_chat
    @app_commands.command(name="contender", description="One contender: status, people, milestones and sources.")
    @app_commands.describe(name="The contender, e.g. The Challenge or the Tom Cruise project")
    @app_commands.autocomplete(name=_completer("contender"))
    async def contender(self, interaction: discord.Interaction, name: Name) -> None:
        await send_reply(interaction, self.service.contender(name, style_for(interaction)))

    @everywhere
    @in_any_chat
    @app_commands.command(name="timeline", description="Every milestone in order, with status and slips.")
    @app_commands.describe(
        contender="Only this contender (leave empty for the whole race)",
        from_year="From this year",
        to_year="Up to this year",
        theme="Picture colours (default dark)",
    )
    @app_commands.autocomplete(contender=_completer("contender"))
    async def timeline(
        self,
        interaction: discord.Interaction,
        contender: Name | None = None,
        from_year: app_commands.Range[int, 1950, 2100] | None = None,
        to_year: app_commands.Range[int, 1950, 2100] | None = None,
        theme: Literal["dark", "light"] = "dark",
    ) -> None:
        years = (from_year, to_year)
        style = style_for(interaction)
        reply = self.service.timeline(contender, style, image=IMAGE, years=years)  # validates first
        await interaction.response.defer(thinking=True)
        draw = self.service.timeline_image
        png = await asyncio.to_thread(draw, contender, years=years, theme=theme, lang=style.lang)
        await send_reply(interaction, with_image(reply, png))

    @everywhere
    @in_any_chat
    @app_commands.command(name="person", description="Who someone is and their role in the race.")
    @app_commands.describe(name="A person, e.g. Yulia Peresild")
    @app_commands.autocomplete(name=_completer("person"))
    async def person(self, interaction: discord.Interaction, name: Name) -> None:
        await send_reply(interaction, self.service.person(name, style_for(interaction)))

    @everywhere
    @in_any_chat
    @app_commands.command(name="compare", description="Two contenders side by side.")
    @app_commands.describe(first="The first contender", second="The second contender")
    @app_commands.autocomplete(first=_completer("contender"), second=_completer("contender"))
    async def compare(self, interaction: discord.Interaction, first: Name, second: Name) -> None:
        await send_reply(interaction, self.service.compare(first, second, style_for(interaction)))

    @everywhere
    @in_any_chat
    @app_commands.command(name="ask", description="Ask a question in your own words, e.g. when did Peresild launch?")
    @app_commands.describe(question="Your question (typos are fine)")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, QUESTION_MAX]) -> None:
        await self.answer(interaction, question, ephemeral=False)

    async def answer(self, interaction: discord.Interaction, question: str, *, ephemeral: bool) -> None:
        """An /ask answer with 👍 / 👎 under it; a declined question is logged for the admins."""
        style = style_for(interaction)
        answer = self.service.answer(question, style)
        reply = replace(self.service.answer_card(answer, style), ephemeral=ephemeral)
        if not answer.answered:
            await send_reply(interaction, reply)  # answer within Discord's 3 s first, then keep the miss
            await self.bot.app.feedback.arecord(answer.question, Miss.DECLINED)
            return
        answered = f"{answer.kind}:{answer.item_id}"

        async def feedback(up: bool) -> str:
            if up:
                return tr("discord.thanks_up", style.lang)
            await self.bot.app.feedback.arecord(answer.question, Miss.DOWNVOTED, answered)
            return tr("discord.thanks_down", style.lang)

        await send_reply(interaction, reply, feedback=feedback)

    async def ask_about_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """The message command: check a claim someone posted, answered only to the person who asked."""
        text = " ".join((message.content or "").split())[:QUESTION_MAX]
        if not text:
            raise UserError(tr("discord.no_text", language_for(interaction)))
        await self.answer(interaction, text, ephemeral=True)

    @everywhere
    @in_any_chat
    @app_commands.command(name="sources", description="The evidence on a topic, contradictions side by side.")
    @app_commands.describe(topic="A topic such as budget, docking or box office, or a contender")
    @app_commands.autocomplete(topic=_completer("topic"))
    async def sources(self, interaction: discord.Interaction, topic: Name) -> None:
        await send_reply(interaction, self.service.sources(topic, style_for(interaction)))

    @everywhere
    @in_any_chat
    @app_commands.command(name="help", description="What this bot can do and how to ask it.")
    async def help(self, interaction: discord.Interaction) -> None:
        await send_reply(interaction, self.service.help(style_for(interaction)))


async def setup(bot: RaceBot) -> None:
    await bot.add_cog(Questions(bot))

"""Slash commands for members: /race, /contender, /timeline, /person, /compare, /ask, /sources, /help.

Thin by design: each command calls the race service and sends its reply. Names are typed
with autocomplete (ids as values), and free text is resolved fuzzily by the service.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.ask.service import NAME_MAX, QUESTION_MAX
from bot.core.cards import Reply
from bot.shells.discord.bot import send_reply

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot


def _completer(kind: str):
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        service = interaction.client.service  # type: ignore[attr-defined]
        return [app_commands.Choice(name=c.name, value=c.value) for c in service.complete(kind, current)]

    return complete


Name = app_commands.Range[str, 1, NAME_MAX]
IMAGE = "timeline.png"


def with_image(reply: Reply, png: bytes) -> Reply:
    """Show the picture in the first page's embed."""
    reply.pages[0] = replace(reply.pages[0], image=IMAGE)
    reply.files[IMAGE] = png
    return reply


class Questions(commands.Cog):
    def __init__(self, bot: RaceBot) -> None:
        self.bot = bot

    @property
    def service(self):
        return self.bot.service

    @app_commands.command(name="race", description="The race at a glance: who got there first, who stands where.")
    async def race(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        png = await asyncio.to_thread(self.service.timeline_image)  # rendering never blocks the event loop
        reply = self.service.race(self.bot.style)
        await send_reply(interaction, with_image(reply, png))

    @app_commands.command(name="contender", description="One contender: status, people, milestones and sources.")
    @app_commands.describe(name="The contender, e.g. The Challenge or the Tom Cruise project")
    @app_commands.autocomplete(name=_completer("contender"))
    async def contender(self, interaction: discord.Interaction, name: Name) -> None:
        await send_reply(interaction, self.service.contender(name, self.bot.style))

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
        reply = self.service.timeline(contender, self.bot.style, image=IMAGE, years=years)  # validates first
        await interaction.response.defer(thinking=True)
        png = await asyncio.to_thread(self.service.timeline_image, contender, years=years, theme=theme)
        await send_reply(interaction, with_image(reply, png))

    @app_commands.command(name="person", description="Who someone is and their role in the race.")
    @app_commands.describe(name="A person, e.g. Yulia Peresild")
    @app_commands.autocomplete(name=_completer("person"))
    async def person(self, interaction: discord.Interaction, name: Name) -> None:
        await send_reply(interaction, self.service.person(name, self.bot.style))

    @app_commands.command(name="compare", description="Two contenders side by side.")
    @app_commands.describe(first="The first contender", second="The second contender")
    @app_commands.autocomplete(first=_completer("contender"), second=_completer("contender"))
    async def compare(self, interaction: discord.Interaction, first: Name, second: Name) -> None:
        await send_reply(interaction, self.service.compare(first, second, self.bot.style))

    @app_commands.command(name="ask", description="Ask a question in your own words, e.g. when did Peresild launch?")
    @app_commands.describe(question="Your question (typos are fine)")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, QUESTION_MAX]) -> None:
        await send_reply(interaction, self.service.ask(question, self.bot.style))

    @app_commands.command(name="sources", description="The evidence on a topic, contradictions side by side.")
    @app_commands.describe(topic="A topic such as budget, docking or box office, or a contender")
    @app_commands.autocomplete(topic=_completer("topic"))
    async def sources(self, interaction: discord.Interaction, topic: Name) -> None:
        await send_reply(interaction, self.service.sources(topic, self.bot.style))

    @app_commands.command(name="help", description="What this bot can do and how to ask it.")
    async def help(self, interaction: discord.Interaction) -> None:
        await send_reply(interaction, self.service.help())


async def setup(bot: RaceBot) -> None:
    await bot.add_cog(Questions(bot))

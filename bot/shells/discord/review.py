"""The news review in Discord: one pending article at a time, decided with a select menu, buttons and modals.

*Add as source to…* is a select menu of the items the article is most likely about (its contenders
and their milestones and people, and what its words match); *Source to another item…* asks for any
item by name in a modal, resolved like every /facts command; *Record as a fact* opens a modal for
the fact, validated exactly as /facts add; *Ignore* drops the article for good; *Skip* moves on.

Only the admin who ran /facts news review can use them (anyone else is told so, ephemerally). Every
decision goes through the AdminService, like the console's, off the event loop behind the store's
one writer. A refused decision is answered with the reason, ephemerally, and leaves the review as
it was; an accepted one shows what was saved above the next article. Every word of it — the
buttons, the menu, the modals — is in the language of the admin who opened it (``style.lang``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import discord

from bot.core.cards import Card, Colour, error_reply
from bot.core.changes import Actor
from bot.core.dates import DateStyle
from bot.core.errors import EditError, UserError, message_in
from bot.core.i18n import tr
from bot.core.text import shorten
from bot.facts.editor import NAME_MAX, TEXT_MAX
from bot.facts.review import ReviewItem, article_card
from bot.facts.service import AdminService, Outcome
from bot.shells.discord.ui import NO_MENTIONS, OwnerView, card_to_embed, send_reply

REVIEW_TIMEOUT = 600.0  # ten minutes to read and decide; the interaction token itself lasts fifteen
SAVED_MAX = 1500  # of what a decision saved, shown above the next article
Press = Callable[[discord.Interaction], Awaitable[None]]


def actor_of(interaction: discord.Interaction) -> Actor:
    return Actor(str(interaction.user.id), interaction.user.name)


class ReviewButton(discord.ui.Button["ReviewView"]):
    def __init__(self, label: str, custom_id: str, press: Press, style: discord.ButtonStyle) -> None:
        super().__init__(label=label, custom_id=custom_id, style=style, row=1)
        self.press = press

    async def callback(self, interaction: discord.Interaction) -> None:
        await self.press(interaction)


class SourceSelect(discord.ui.Select["ReviewView"]):
    """Picking an item adds the article's link to its sources at once (undo is one command away)."""

    def __init__(self, options: list[discord.SelectOption], lang: str) -> None:
        placeholder = tr("facts.news.source_to", lang)
        super().__init__(custom_id="news:source", placeholder=placeholder, options=options, row=0)

    async def callback(self, interaction: discord.Interaction) -> None:
        assert self.view is not None
        await self.view.source(interaction, self.values[0])


class ItemModal(discord.ui.Modal):
    """Any item, by name or ``kind:name``, for an article whose item is not among the offered ones."""

    def __init__(self, view: ReviewView) -> None:
        lang = view.style.lang
        title = tr("facts.news.item_title", lang)
        super().__init__(title=title, timeout=REVIEW_TIMEOUT, custom_id="news:item-modal")
        self.review = view
        self.item: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=tr("facts.news.item_label", lang),
            custom_id="item",
            placeholder=tr("facts.news.item_placeholder", lang),
            max_length=NAME_MAX + 15,
        )
        self.add_item(self.item)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.review.source(interaction, self.item.value)


class RecordModal(discord.ui.Modal):
    """The fact to record, with the article as its source: the fields /facts add takes for a fact."""

    def __init__(self, view: ReviewView, item: ReviewItem) -> None:
        lang = view.style.lang
        title = tr("facts.news.record_title", lang)
        super().__init__(title=title, timeout=REVIEW_TIMEOUT, custom_id="news:fact-modal")
        self.review = view
        a, kb = item.article, view.admin.kb
        contender = next((kb.contenders[c].name for c in a.contenders if c in kb.contenders), "")
        self.text: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=tr("facts.news.fact_label", lang),
            custom_id="text",
            style=discord.TextStyle.paragraph,
            max_length=TEXT_MAX,
            default=shorten(" ".join((a.summary or a.title).split()), TEXT_MAX) or None,
        )
        self.topics: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=tr("facts.news.topics_label", lang),
            custom_id="topics",
            placeholder=tr("facts.news.topics_placeholder", lang),
            max_length=200,
        )
        self.contender: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=tr("facts.news.contender_label", lang),
            custom_id="contender",
            required=False,
            max_length=NAME_MAX,
            default=contender or None,
        )
        self.confidence: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=tr("facts.news.confidence_label", lang),
            custom_id="confidence",
            required=False,
            max_length=20,
            default="reported",
        )
        for field in (self.text, self.topics, self.contender, self.confidence):
            self.add_item(field)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        view, article, actor = self.review, self.review.current.article.id, actor_of(interaction)
        text, topics = self.text.value, self.topics.value
        contender, confidence = self.contender.value, self.confidence.value

        def record() -> Outcome:
            return view.admin.news_record(
                actor, article, text, topics, view.style, contender=contender, confidence=confidence
            )

        await view.decide(interaction, record)


class ReviewView(OwnerView):
    """The review of the pending articles, one at a time, in the ephemeral reply to /facts news review."""

    def __init__(self, admin: AdminService, style: DateStyle, items: list[ReviewItem], owner_id: int) -> None:
        super().__init__(owner_id)
        self.timeout = REVIEW_TIMEOUT
        self.admin, self.style, self.items, self.index = admin, style, list(items), 0
        self.message: discord.InteractionMessage | None = None
        self._build()

    @property
    def current(self) -> ReviewItem:
        return self.items[self.index]

    def embeds(self, saved: Card | None = None) -> list[discord.Embed]:
        """What was just saved (if anything), then the article to decide on."""
        card = article_card(self.current, self.admin.kb, self.style, position=(self.index + 1, len(self.items)))
        return [card_to_embed(c) for c in (saved, card) if c is not None]

    def _build(self) -> None:
        self.clear_items()
        options = [
            discord.SelectOption(label=shorten(f"{r.kind}: {r.label}", 100), value=r.ref)
            for r in self.current.related
            if len(r.ref) <= 100
        ]
        lang = self.style.lang
        if options:
            self.add_item(SourceSelect(options, lang))
        grey, blue, red = discord.ButtonStyle.secondary, discord.ButtonStyle.primary, discord.ButtonStyle.danger
        self.add_item(ReviewButton(tr("facts.news.other", lang), "news:other", self._other, grey))
        self.add_item(ReviewButton(tr("facts.news.record", lang), "news:record", self._record, blue))
        self.add_item(ReviewButton(tr("facts.news.ignore", lang), "news:ignore", self._ignore, red))
        if len(self.items) > 1:
            self.add_item(ReviewButton(tr("facts.news.skip", lang), "news:skip", self._skip, grey))

    # ---- the decisions ------------------------------------------------------------------

    async def source(self, interaction: discord.Interaction, item: str) -> None:
        article, actor = self.current.article.id, actor_of(interaction)
        await self.decide(interaction, lambda: self.admin.news_source(actor, article, item, self.style))

    async def _other(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(ItemModal(self))

    async def _record(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(RecordModal(self, self.current))

    async def _ignore(self, interaction: discord.Interaction) -> None:
        article, actor = self.current.article.id, actor_of(interaction)
        await self.decide(interaction, lambda: self.admin.news_ignore(actor, article, self.style))

    async def _skip(self, interaction: discord.Interaction) -> None:
        self.index = (self.index + 1) % len(self.items)
        self._build()
        await interaction.response.edit_message(embeds=self.embeds(), view=self, allowed_mentions=NO_MENTIONS)

    async def decide(self, interaction: discord.Interaction, work: Callable[[], Outcome]) -> None:
        """Apply a decision off the loop; then show what was saved above the next article, or the refusal."""
        try:
            outcome = await self.admin.store.alocked(work)  # one writer, never on the event loop
        except (UserError, EditError) as exc:
            await send_reply(interaction, error_reply(message_in(exc, self.style.lang)))
            return
        first = outcome.reply.pages[0]  # short; bounded anyway, so both embeds stay within 6,000 characters
        saved = replace(first, description=shorten(first.description, SAVED_MAX), fields=())
        del self.items[self.index]
        if not self.items:
            self.stop()
            lang = self.style.lang
            done = Card(title=tr("facts.news.title", lang), description=tr("facts.news.done", lang), colour=Colour.OK)
            embeds = [card_to_embed(saved), card_to_embed(done)]
            await interaction.response.edit_message(embeds=embeds, view=None, allowed_mentions=NO_MENTIONS)
            return
        self.index %= len(self.items)
        self._build()
        await interaction.response.edit_message(embeds=self.embeds(saved), view=self, allowed_mentions=NO_MENTIONS)

    async def on_timeout(self) -> None:
        if self.message is not None:
            closed = error_reply(tr("facts.news.closed", self.style.lang)).pages[0]
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(embeds=[card_to_embed(closed)], view=None)

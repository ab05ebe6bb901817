"""Cards: what a reply says, independent of Discord, split to fit Discord's embed limits.

The shell turns a card into a ``discord.Embed`` and the console into plain text. Splitting
happens here, once, so every medium gets pages that fit: title 256, description 4096, field
name 256, field value 1024, 25 fields, 6000 characters in all. Text is split at paragraph,
line or word boundaries, never mid-word. The few words the pager adds ("page 2/3", "(cont.)")
are in the reader's language, passed as ``lang``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.core import strings as _strings  # noqa: F401  (registers the pager's words)
from bot.core.i18n import DEFAULT, tr
from bot.core.text import shorten

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
FOOTER_MAX = 2048
TOTAL_MAX = 6000


class Colour:
    RACE = 0x5865F2
    WON = 0xF1C40F
    INFO = 0x3498DB
    WARNING = 0xE67E22
    ERROR = 0xE74C3C
    OK = 0x2ECC71


@dataclass(frozen=True)
class Field:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Card:
    title: str = ""
    description: str = ""
    fields: tuple[Field, ...] = ()
    footer: str = ""
    url: str = ""
    colour: int = Colour.INFO
    image: str = ""  # attachment file name shown as the embed image

    def size(self) -> int:
        return (
            len(self.title)
            + len(self.description)
            + len(self.footer)
            + sum(len(f.name) + len(f.value) for f in self.fields)
        )


@dataclass
class Reply:
    """A whole answer: one or more pages, and whether only the asker should see it."""

    pages: list[Card] = field(default_factory=list)
    ephemeral: bool = False
    ok: bool = True  # False when the bot declined or refused
    files: dict[str, bytes] = field(default_factory=dict)


def split_text(text: str, limit: int) -> list[str]:
    """Split into chunks of at most ``limit`` at paragraph, line, then word boundaries."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    chunks: list[str] = []
    while len(text) > limit:
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = text.rfind(sep, 0, limit + 1)
            if cut > limit // 3:
                break
        if cut <= 0:
            cut = limit  # one unbroken word longer than the limit: nothing else to do
        chunks.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        chunks.append(text)
    return chunks


def _split_field(f: Field, lang: str) -> list[Field]:
    name = shorten(f.name or "\u200b", FIELD_NAME_MAX)
    parts = split_text(f.value, FIELD_VALUE_MAX) or ["—"]
    out = [Field(name, parts[0], f.inline)]
    cont = shorten(tr("pager.cont", lang, name=f.name), FIELD_NAME_MAX)
    out += [Field(cont, part, f.inline) for part in parts[1:]]
    return out


def paginate(card: Card, lang: str = DEFAULT) -> list[Card]:
    """Pages that each respect every embed limit; the footer says "page i/n" (in ``lang``) when there are several."""
    title = shorten(card.title, TITLE_MAX)
    footer_room = 40  # reserved for " · page 12/12"
    footer = shorten(card.footer, FOOTER_MAX - footer_room)
    base = len(title) + len(footer) + footer_room
    descriptions = split_text(card.description, min(DESCRIPTION_MAX, TOTAL_MAX - base - 200)) or [""]
    fields = [part for f in card.fields for part in _split_field(f, lang)]

    pages = [replace(card, title=title, description=d, fields=(), footer=footer) for d in descriptions]
    current = pages[-1]
    for f in fields:
        room = TOTAL_MAX - footer_room - current.size()
        if len(current.fields) >= FIELDS_MAX or len(f.name) + len(f.value) > room:
            current = replace(card, title=title, description="", fields=(), footer=footer)
            pages.append(current)
        current = replace(current, fields=(*current.fields, f))
        pages[-1] = current
    if len(pages) > 1:
        total = len(pages)
        numbered = [(p, tr("pager.page", lang, n=n, total=total)) for n, p in enumerate(pages, 1)]
        pages = [replace(p, footer=f"{p.footer} · {page}" if p.footer else page) for p, page in numbered]
    return pages


def error_reply(message: str) -> Reply:
    """An expected error: plain words, only for the asker, nothing changed."""
    return Reply(pages=paginate(Card(description=message, colour=Colour.ERROR)), ephemeral=True, ok=False)


def card_text(card: Card) -> str:
    """Plain text for the console: title, description, fields, footer."""
    lines: list[str] = []
    if card.title:
        lines += [card.title, "=" * min(len(card.title), 72)]
    if card.description:
        lines.append(card.description)
    for f in card.fields:
        if f.name == f.value == "\u200b":
            continue  # a layout spacer for Discord's inline columns
        lines += ["", f"## {f.name}", f.value]
    if card.footer:
        lines += ["", f"-- {card.footer}"]
    return "\n".join(lines)


def reply_text(reply: Reply, lang: str = DEFAULT) -> str:
    text = "\n\n".join(card_text(p) for p in reply.pages).replace("**", "")
    for name in reply.files:
        text += "\n" + tr("pager.attachment", lang, name=name)
    return text

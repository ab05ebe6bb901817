"""The offline console: the bot's commands typed as text, answers printed as plain text.

It uses the same service as Discord, with ISO dates, so anything can be tried without a
token or a network: ``/ask who directed the challenge``, ``/timeline``, ``/compare a b``.
The operator is an admin here: ``/facts …`` edits the knowledge base (see ``/facts``), and
``/news`` reviews the articles the news feed found.

A session speaks one language (``race-bot console --lang ru``, or ``LANGUAGE``); in Russian the
member commands also answer to the names Discord shows Russian members (``/гонка``, ``/помощь``).
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from bot.alerts.records import OutboxAlert, load
from bot.alerts.render import render_alert
from bot.app import App
from bot.ask.cards import missed_questions_reply
from bot.ask.service import RaceService
from bot.core.cards import Card, Reply, error_reply, reply_text
from bot.core.changes import Proposal
from bot.core.dates import DateStyle, IsoStyle
from bot.core.errors import UserError, message_in
from bot.core.i18n import DEFAULT, tr
from bot.shells import strings as _strings  # noqa: F401  (registers the console's words)
from bot.shells.console_facts import STYLE, run_facts, run_news
from bot.shells.discord.command_strings import NAMES as RUSSIAN_NAMES  # plain words, no discord import

PROMPT = "race-bot> "
QUIT_WORDS = frozenset({"/quit", "/exit", "quit", "exit", "q"})
BANNER = tr("console.banner", DEFAULT)
YES_WORDS = frozenset({"yes", "y", "confirm", "да", "д"})

Handler = Callable[[RaceService, str, DateStyle], Reply]


def _one(method: str) -> Handler:
    """A command taking the rest of the line as its single argument."""
    return lambda service, rest, style: getattr(service, method)(rest, style)


def _compare(service: RaceService, rest: str, style: DateStyle) -> Reply:
    parts = _split(rest)
    if len(parts) != 2:
        raise UserError(tr("console.compare_usage", style.lang))
    return service.compare(parts[0], parts[1], style)


def _split(rest: str) -> list[str]:
    try:
        parts = shlex.split(rest)
    except ValueError:
        parts = rest.split()
    if "|" in parts:  # "/compare the challenge | tom cruise" also works
        i = parts.index("|")
        parts = [" ".join(parts[:i]), " ".join(parts[i + 1 :])]
    return parts


COMMANDS: dict[str, Handler] = {
    "race": lambda service, _rest, style: service.race(style),
    "contender": _one("contender"),
    "timeline": lambda service, rest, style: service.timeline(rest or None, style),
    "person": _one("person"),
    "compare": _compare,
    "ask": lambda service, rest, style: service.ask(rest, style),
    "sources": _one("sources"),
    "help": lambda service, _rest, style: service.help(style),
}
# The member commands by the Russian names Discord shows (/гонка → race), so the words of a Russian
# card ("Подробности: /претендент, /хронология …") can be typed here as they are.
ALIASES: dict[str, str] = {RUSSIAN_NAMES[name]: name for name in COMMANDS if name in RUSSIAN_NAMES}


class Console:
    """A session: the service, the admin side (the operator is an admin), pending previews, a language."""

    def __init__(self, app: App, lang: str = DEFAULT) -> None:
        self.app = app
        self.service = app.questions
        self.admin = app.facts
        self.pending: Proposal | None = None
        self.lang = lang
        self.style: DateStyle = IsoStyle(lang) if lang != DEFAULT else STYLE

    def run_line(self, line: str) -> Reply | None:
        """One line → a reply (None for blank lines). Errors become error replies, nothing changes."""
        line = line.strip()
        if not line:
            return None
        if self.pending is not None:
            return self._answer_preview(line)
        if not line.startswith("/"):
            line = "/ask " + line
        name, _, rest = line[1:].partition(" ")
        try:
            if name.lower() == "facts":
                outcome = run_facts(self.admin, rest, _read_file, _write_file, style=self.style)
                self.pending = outcome.pending
                if outcome.pending is not None:
                    outcome.reply.pages[-1] = replace(outcome.reply.pages[-1], footer=tr("console.confirm", self.lang))
                return outcome.reply
            if name.lower() == "questions":  # what members asked that the bot missed (as `race-bot questions`)
                return missed_questions_reply(self.app.feedback.most_frequent(20), self.lang)
            if name.lower() == "news":  # the news review queue (as `race-bot news`)
                return run_news(self.admin, rest, style=self.style)
            handler = COMMANDS.get(ALIASES.get(name.lower(), name.lower()))
            if handler is None:
                return error_reply(tr("console.unknown", self.lang, name=name))
            return handler(self.service, rest.strip(), self.style)
        except UserError as exc:
            return error_reply(message_in(exc, self.lang))

    def _answer_preview(self, line: str) -> Reply:
        proposal, self.pending = self.pending, None
        if line.lower() not in YES_WORDS:
            return error_reply(tr("console.cancelled", self.lang))
        try:
            reply = self.admin.commit(proposal, self.style)  # type: ignore[arg-type]
        except UserError as exc:
            return error_reply(message_in(exc, self.lang))
        reply.pages += self._alert_previews()
        return reply

    def _alert_previews(self) -> list[Card]:
        """The alerts the last change queued, as subscribed channels will see them."""
        latest = self.admin.editor.history(limit=1)
        if not latest:
            return []
        change_id = latest[0].id
        alerts = [a for a in load(self.app.store, OutboxAlert) if change_id in a.changes]
        cards = []
        for alert in alerts:
            card = render_alert([alert], self.service.kb, self.style).card
            cards.append(replace(card, title=tr("console.alert", self.lang, title=card.title)))
        return cards


def _read_file(path: str) -> bytes:
    return Path(path).read_bytes()


def _write_file(path: str, data: bytes) -> None:
    Path(path).write_bytes(data)


def run_line(app: App, line: str, lang: str = DEFAULT) -> Reply | None:
    """One line in a fresh session (for ``race-bot ask`` and tests of single commands)."""
    return Console(app, lang).run_line(line)


def interact(app: App, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, lang: str = DEFAULT) -> int:
    console = Console(app, lang)
    interactive = stdin.isatty()
    if interactive:
        print(tr("console.banner", lang), file=stdout)
    while True:
        if interactive:
            print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip().lower() in QUIT_WORDS:
            return 0
        reply = console.run_line(line)
        if reply is not None:
            print(reply_text(reply, lang), file=stdout, flush=True)
            print(file=stdout)

"""The offline console: the bot's commands typed as text, answers printed as plain text.

It uses the same service as Discord, with ISO dates, so anything can be tried without a
token or a network: ``/ask who directed the challenge``, ``/timeline``, ``/compare a b``.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from typing import TextIO

from bot.cards import Reply, error_reply, reply_text
from bot.dates import IsoStyle
from bot.service import RaceService, UserError

STYLE = IsoStyle()
PROMPT = "race-bot> "
BANNER = "race-bot console — type /help for commands, /quit to leave."

Handler = Callable[[RaceService, str], Reply]


def _one(method: str) -> Handler:
    """A command taking the rest of the line as its single argument."""
    return lambda service, rest: getattr(service, method)(rest, STYLE)


def _compare(service: RaceService, rest: str) -> Reply:
    parts = _split(rest)
    if len(parts) != 2:
        raise UserError('Usage: /compare A B  (quote names with spaces: /compare "The Challenge" cruise)')
    return service.compare(parts[0], parts[1], STYLE)


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
    "race": lambda service, _rest: service.race(STYLE),
    "contender": _one("contender"),
    "timeline": lambda service, rest: service.timeline(rest or None, STYLE),
    "person": _one("person"),
    "compare": _compare,
    "ask": lambda service, rest: service.ask(rest, STYLE),
    "sources": _one("sources"),
    "help": lambda service, _rest: service.help(),
}


def run_line(service: RaceService, line: str) -> Reply | None:
    """One console line → a reply (None for blank lines). Errors become error replies."""
    line = line.strip()
    if not line:
        return None
    if not line.startswith("/"):
        line = "/ask " + line
    name, _, rest = line[1:].partition(" ")
    handler = COMMANDS.get(name.lower())
    if handler is None:
        return error_reply(f"Unknown command /{name}. Type /help for the list.")
    try:
        return handler(service, rest.strip())
    except UserError as exc:
        return error_reply(str(exc))


def interact(service: RaceService, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    interactive = stdin.isatty()
    if interactive:
        print(BANNER, file=stdout)
    while True:
        if interactive:
            print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip() in ("/quit", "/exit"):
            return 0
        reply = run_line(service, line)
        if reply is not None:
            print(reply_text(reply), file=stdout, flush=True)
            print(file=stdout)

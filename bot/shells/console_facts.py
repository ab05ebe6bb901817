"""``/facts …`` in the console, where the operator is an admin.

Options are written like Discord's: ``name=value`` (quote values with spaces), e.g.
``/facts date milestone="Soyuz MS-19 launch" date="2021-10-06 09:00" reason="typo"``.
A change that would be announced is previewed and needs a ``yes`` on the next line.
The commands, their options and this help all come from :mod:`bot.facts.commands`.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from bot.core.cards import Card, Reply, paginate
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.core.errors import UserError
from bot.facts.commands import Command, find, parse_value, run, usage
from bot.facts.service import AdminService, Outcome

STYLE = IsoStyle()
OPERATOR = Actor("console", "console operator")
USAGE = usage()

ReadFile = Callable[[str], bytes]
WriteFile = Callable[[str, bytes], None]


def parse_options(text: str) -> dict[str, str]:
    try:
        parts = shlex.split(text)
    except ValueError as exc:
        raise UserError(f"Could not read the options: {exc}") from None
    options: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep:
            raise UserError(f"Options are written name=value; got “{part}”. Type /facts for help.")
        options[key.strip().lower().replace("-", "_")] = value
    return options


def run_facts(admin: AdminService, rest: str, read_file: ReadFile, write_file: WriteFile) -> Outcome:
    """One ``/facts`` line: the table's command, its options typed, its files read and saved."""
    command = find(rest.split()[:2])
    if command is None:
        return Outcome(_note(USAGE))
    words = rest.split(maxsplit=len(command.path))
    options = parse_options(words[-1] if len(words) > len(command.path) else "")
    outcome = run(admin, command, OPERATOR, _values(command, options, read_file), STYLE)
    return _save_files(outcome, options.get("file"), write_file)


def _values(command: Command, options: dict[str, str], read_file: ReadFile) -> dict[str, object]:
    """Typed values: booleans and numbers parsed, file options read from their path."""
    values: dict[str, object] = {}
    for name, text in options.items():
        option = command.option(name)
        if option is None or not text:
            values[name] = text  # the table refuses unknown options in plain words
        elif option.type == "file":
            values[name] = _read(text, read_file)
        else:
            values[name] = parse_value(option, text)
    return values


def _read(path: str, read_file: ReadFile) -> bytes:
    try:
        return read_file(path)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}") from None


def _save_files(outcome: Outcome, path: str | None, write_file: WriteFile) -> Outcome:
    """A reply carrying files (an export) is saved to disk: to ``file=PATH``, else under its own name."""
    if not outcome.reply.files:
        return outcome
    saved = []
    for name, data in outcome.reply.files.items():
        target = path or name
        write_file(target, data)
        saved.append(f"Exported {len(data)} bytes to {target}.")
    return Outcome(_note("\n".join(saved)), outcome.pending)


def _note(text: str) -> Reply:
    return Reply(pages=paginate(Card(description=text)), ephemeral=True)

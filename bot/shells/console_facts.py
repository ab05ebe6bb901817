"""``/facts …`` and ``/news …`` in the console, where the operator is an admin.

Options are written like Discord's: ``name=value`` (quote values with spaces), e.g.
``/facts date milestone="Soyuz MS-19 launch" date="2021-10-06 09:00" reason="typo"``.
A change that would be announced is previewed and needs a ``yes`` on the next line.
The commands, their options and this help all come from :mod:`bot.facts.commands`.

``/news`` is the news review (Discord's buttons under /facts news review, as words): alone it lists
the articles waiting; ``/news source ARTICLE ITEM``, ``/news record ARTICLE "FACT" topics=…`` and
``/news ignore ARTICLE`` decide on one, through the same AdminService methods as the buttons.
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

NEWS_USAGE = (
    "/news — the news articles waiting for review. To decide on one:\n"
    "  /news source ARTICLE ITEM — add the article as a source of ITEM (a name, or kind:name)\n"
    '  /news record ARTICLE "FACT" topics=T [contender=C] [confidence=confirmed|reported|rumour] — a fact\n'
    "      with the article as its source\n"
    "  /news ignore ARTICLE — drop it (the feed never offers it again)\n"
    "ARTICLE is the number shown as #ARTICLE in the list."
)
RECORD_OPTIONS = ("topics", "contender", "confidence")

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


def run_news(admin: AdminService, rest: str) -> Reply:
    """One ``/news`` line (or ``race-bot news …``): the list of pending articles, or a decision on one."""
    try:
        words = shlex.split(rest)
    except ValueError as exc:
        raise UserError(f"Could not read that: {exc}") from None
    if not words:
        return admin.news_review(STYLE).reply
    action, args = words[0].lower(), words[1:]
    if action == "source" and len(args) >= 2:
        return admin.news_source(OPERATOR, article_number(args[0]), " ".join(args[1:]), STYLE).reply
    if action == "record" and len(args) >= 2:
        return _record(admin, article_number(args[0]), args[1], args[2:])
    if action == "ignore" and len(args) == 1:
        return admin.news_ignore(OPERATOR, article_number(args[0]), STYLE).reply
    raise UserError(NEWS_USAGE)


def _record(admin: AdminService, article: int, text: str, words: list[str]) -> Reply:
    """``/news record ARTICLE "FACT" topics=… [contender=…] [confidence=…]``: /facts add's fact options."""
    options = parse_options(shlex.join(words))
    unknown = sorted(set(options) - set(RECORD_OPTIONS))
    if unknown:
        raise UserError(f"/news record has no option {', '.join(unknown)} (it takes: {', '.join(RECORD_OPTIONS)}).")
    topics, contender, confidence = (options.get(name, "") for name in RECORD_OPTIONS)
    return admin.news_record(OPERATOR, article, text, topics, STYLE, contender=contender, confidence=confidence).reply


def article_number(text: str) -> int:
    """An article as the list shows it: ``12`` or ``#12``."""
    digits = text.strip().lstrip("#")
    if not digits.isdigit():
        raise UserError(f"“{text[:40]}” is not an article number (the list shows them as #12).")
    return int(digits)


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

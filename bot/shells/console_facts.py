"""``/facts …`` and ``/news …`` in the console, where the operator is an admin.

Options are written like Discord's: ``name=value`` (quote values with spaces), e.g.
``/facts date milestone="Soyuz MS-19 launch" date="2021-10-06 09:00" reason="typo"``.
A change that would be announced is previewed and needs a ``yes`` on the next line.
The commands, their options and this help all come from :mod:`bot.facts.commands`.

``/news`` is the news review (Discord's buttons under /facts news review, as words): alone it lists
the articles waiting; ``/news source ARTICLE ITEM``, ``/news record ARTICLE "FACT" topics=…`` and
``/news ignore ARTICLE`` decide on one, through the same AdminService methods as the buttons.

Both take the session's style (``style=``, English ISO dates by default), so a console or command
line in Russian gets Russian replies and refusals; the help texts stay English, like the options.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from bot.core.cards import Card, Reply, paginate
from bot.core.changes import Actor
from bot.core.dates import DateStyle, IsoStyle
from bot.core.errors import Message, UserError
from bot.core.i18n import DEFAULT, tr, tr_n
from bot.facts import strings as _strings  # noqa: F401  (registers the console's admin words)
from bot.facts.commands import Command, find, parse_value, run, usage
from bot.facts.service import AdminService, Outcome

STYLE = IsoStyle()
OPERATOR = Actor("console", "console operator")
USAGE = usage()

NEWS_USAGE = tr("facts.console.news_usage", DEFAULT)
RECORD_OPTIONS = ("topics", "contender", "confidence")

ReadFile = Callable[[str], bytes]
WriteFile = Callable[[str, bytes], None]


def parse_options(text: str) -> dict[str, str]:
    try:
        parts = shlex.split(text)
    except ValueError as exc:
        raise UserError(Message("facts.console.bad_options", error=str(exc))) from None
    options: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep:
            raise UserError(Message("facts.console.option_form", part=part))
        options[key.strip().lower().replace("-", "_")] = value
    return options


def run_facts(
    admin: AdminService, rest: str, read_file: ReadFile, write_file: WriteFile, *, style: DateStyle = STYLE
) -> Outcome:
    """One ``/facts`` line: the table's command, its options typed, its files read and saved."""
    command = find(rest.split()[:2])
    if command is None:
        return Outcome(_note(USAGE))
    words = rest.split(maxsplit=len(command.path))
    options = parse_options(words[-1] if len(words) > len(command.path) else "")
    outcome = run(admin, command, OPERATOR, _values(command, options, read_file), style)
    return _save_files(outcome, options.get("file"), write_file, style.lang)


def run_news(admin: AdminService, rest: str, *, style: DateStyle = STYLE) -> Reply:
    """One ``/news`` line (or ``race-bot news …``): the list of pending articles, or a decision on one."""
    try:
        words = shlex.split(rest)
    except ValueError as exc:
        raise UserError(Message("facts.console.unreadable", error=str(exc))) from None
    if not words:
        return admin.news_review(style).reply
    action, args = words[0].lower(), words[1:]
    if action == "source" and len(args) >= 2:
        return admin.news_source(OPERATOR, article_number(args[0]), " ".join(args[1:]), style).reply
    if action == "record" and len(args) >= 2:
        return _record(admin, article_number(args[0]), args[1], args[2:], style)
    if action == "ignore" and len(args) == 1:
        return admin.news_ignore(OPERATOR, article_number(args[0]), style).reply
    raise UserError(Message("facts.console.news_usage"))


def _record(admin: AdminService, article: int, text: str, words: list[str], style: DateStyle) -> Reply:
    """``/news record ARTICLE "FACT" topics=… [contender=…] [confidence=…]``: /facts add's fact options."""
    options = parse_options(shlex.join(words))
    unknown = sorted(set(options) - set(RECORD_OPTIONS))
    if unknown:
        takes = ", ".join(RECORD_OPTIONS)
        raise UserError(Message("facts.console.record_options", unknown=", ".join(unknown), takes=takes))
    topics, contender, confidence = (options.get(name, "") for name in RECORD_OPTIONS)
    return admin.news_record(OPERATOR, article, text, topics, style, contender=contender, confidence=confidence).reply


def article_number(text: str) -> int:
    """An article as the list shows it: ``12`` or ``#12``."""
    digits = text.strip().lstrip("#")
    if not digits.isdigit():
        raise UserError(Message("facts.console.article_number", text=text[:40]))
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
        raise UserError(Message("facts.console.cannot_read", path=path, error=str(exc.strerror))) from None


def _save_files(outcome: Outcome, path: str | None, write_file: WriteFile, lang: str = DEFAULT) -> Outcome:
    """A reply carrying files (an export) is saved to disk: to ``file=PATH``, else under its own name."""
    if not outcome.reply.files:
        return outcome
    saved = []
    for name, data in outcome.reply.files.items():
        target = path or name
        write_file(target, data)
        saved.append(tr_n("facts.console.exported", len(data), lang, path=target))
    return Outcome(_note("\n".join(saved)), outcome.pending)


def _note(text: str) -> Reply:
    return Reply(pages=paginate(Card(description=text)), ephemeral=True)

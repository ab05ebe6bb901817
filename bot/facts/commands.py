"""The /facts commands, written once: names, options and the AdminService method each one calls.

Discord's slash commands (cogs/facts.py), the console's parser and help text
(bot/shells/console_facts.py) and both fuzz tests are generated from :data:`COMMANDS`, and
:func:`run` is the one way any shell calls a command. Lists that must agree but are written
separately drift apart (three CLI subcommands once crashed that way); a table cannot disagree
with itself.

Option names are the AdminService method's parameter names; a left-out option reaches the
method as its :attr:`Option.fallback`. A refusal leaves :func:`run` in the admin's language
(``style.lang``), whichever shell asked.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bot.core.changes import Actor
from bot.core.dates import DateStyle
from bot.core.errors import Message, UserError, message_in
from bot.core.i18n import DEFAULT
from bot.core.models import ANSWER_KINDS, ROLE_FUNCTIONS, Standing
from bot.core.text import neutralize_mentions
from bot.facts.editor import (
    ANSWER_MAX,
    ATTRIBUTE_MAX,
    KEYWORD_MAX,
    KEYWORDS_MAX,
    NAME_MAX,
    QUESTION_LANGUAGES,
    QUESTION_MAX,
    ROLE_TEXT_MAX,
    SOURCE_MAX,
    TEXT_MAX,
    VALUE_MAX,
    VERDICT_CHOICES,
)
from bot.facts.service import AdminService, Outcome
from bot.facts.stale import MONTHS_MAX

OptionType = Literal["text", "integer", "boolean", "file"]
# What Discord suggests while an option is typed (cogs/facts.py maps each to a completer):
# a name of that kind, a name of the kind chosen in the `kind` option, or a vocabulary.
Completion = Literal[
    "",
    "milestone",
    "contender",
    "person",
    "by-kind",
    "status",
    "milestone-kind",
    "functions",
    "questions",
    "contradiction",
]

CLAIMS_MAX = 20  # claims of one dispute /facts verdict can number
ALL_KINDS = ("milestone", "contender", "person", "fact", "contradiction")  # as Discord lists them


@dataclass(frozen=True)
class Option:
    """One option of a command, with what every surface needs: Discord's type and limits, the
    console's help, the completer, and the value the method gets when it is left out."""

    name: str
    help: str  # at most 100 characters (Discord's limit)
    required: bool = False
    type: OptionType = "text"
    choices: tuple[str, ...] = ()
    max_length: int = NAME_MAX  # text: Discord stops longer input; the editor gives the plain-words limit
    min_length: int = 1
    minimum: int | None = None  # integer
    maximum: int | None = None  # integer (with a minimum)
    default: str | bool | None = None  # what the method gets when left out (None: the type's own)
    metavar: str = "…"  # how the console help shows the value
    complete: Completion = ""
    console_only: bool = False  # e.g. where the console saves an export; Discord attaches the file

    @property
    def fallback(self) -> str | bool | int | None:
        if self.default is not None:
            return self.default
        if self.type == "boolean":
            return False
        return "" if self.type == "text" else None  # numbers and files have no empty value

    @property
    def shown(self) -> str:
        """``name=…`` as the console help writes it."""
        if self.choices == ALL_KINDS:
            value = "KIND"  # spelled out once, under the list
        elif self.choices:
            value = "|".join(self.choices)
        else:
            value = {"boolean": "yes|no", "integer": "N", "file": "PATH"}.get(self.type, self.metavar)
        return f"{self.name}={value}" if self.required else f"[{self.name}={value}]"


@dataclass(frozen=True)
class Command:
    """One /facts command: its words, its help, its options and the AdminService method it calls."""

    name: str  # "date", or "group leaf" for a subcommand group's command ("question add")
    help: str  # at most 100 characters
    method: str  # the AdminService method
    options: tuple[Option, ...] = ()
    actor: bool = True  # whether the method takes the actor first (reading commands do not)
    note: str = ""  # a remark for the console help

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.name.split())

    @property
    def discord_options(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if not o.console_only)

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)


# ---- the options, by what they hold ----------------------------------------------------


def _kind(help: str = "What kind of item", *, choices: tuple[str, ...] = ALL_KINDS, required: bool = True) -> Option:
    return Option("kind", help, required, choices=choices)


def _url(name: str, help: str, *, required: bool = False) -> Option:
    return Option(name, help, required, max_length=SOURCE_MAX, metavar="URL")


def _long(name: str, help: str, *, required: bool = False) -> Option:
    return Option(name, help, required, max_length=TEXT_MAX)


def _milestone(name: str = "milestone", help: str = "The milestone", *, required: bool = True) -> Option:
    return Option(name, help, required, complete="milestone")


def _named(name: str = "name", help: str = "Which one (name, alias or id)") -> Option:
    return Option(name, help, True, complete="by-kind")


SOURCE = _url("source", "A source URL")
REASON = _long("reason", "Why")

# ---- the table ---------------------------------------------------------------------------

COMMANDS: tuple[Command, ...] = (
    Command(
        "date",
        "Set a milestone's date (e.g. 2021-10-05 08:55 UTC, Dec 2025, TBD).",
        "set_date",
        (_milestone(), Option("date", "The new date", True), SOURCE, REASON),
    ),
    Command(
        "status",
        "Set a milestone's or a contender's status.",
        "set_status",
        (
            _kind("milestone or contender", choices=("milestone", "contender")),
            _named(),
            Option("status", "The new status", True, complete="status"),
            SOURCE,
            REASON,
        ),
    ),
    Command(
        "add",
        "Add a contender, milestone, person or fact.",
        "add",
        (
            _kind("What to add", choices=("milestone", "contender", "person", "fact")),
            _url("source", "A source URL (required)", required=True),
            Option("name", "Name or title (not for facts)"),
            Option("contender", "The contender it belongs to", complete="contender"),
            _long("text", "Fact text or contender summary"),
            Option("date", "Milestone date (default TBD)"),
            Option("milestone_kind", "Milestone kind (default other)", complete="milestone-kind"),
            Option("status", "Milestone status (default planned)", complete="status"),
            Option("role", "Person's role or contender's role"),
            Option("topics", "Fact topics, comma-separated"),
            Option("country", "Contender's country"),
            Option("nationality", "Person's nationality"),
            Option("confidence", "Fact confidence", choices=("confirmed", "reported", "rumour")),
            Option("name_ru", "Its name or title in Russian too (optional)"),
            _long("text_ru", "The fact text or contender summary in Russian too (optional)"),
        ),
    ),
    Command(
        "contradiction",
        "Record two reports that disagree.",
        "contradiction",
        (
            Option("title", "A short title", True),
            _long("claim_a", "The first claim", required=True),
            _url("source_a", "The first claim's source", required=True),
            _long("claim_b", "The second claim", required=True),
            _url("source_b", "The second claim's source", required=True),
            Option("topics", "Topics, comma-separated"),
            Option("contender", "The contender it is about", complete="contender"),
        ),
    ),
    Command(
        "rename",
        "Rename an item (the old name stays an alias).",
        "rename",
        (_kind(), _named(), Option("new_name", "The new name", True)),
    ),
    Command("remove", "Remove an item (undo brings it back).", "remove", (_kind(), _named(), REASON)),
    Command(
        "merge",
        "Merge a duplicate into the item to keep.",
        "merge",
        (
            _kind(choices=("contender", "person", "milestone")),
            _named("keep", "The item to keep"),
            _named("duplicate", "The duplicate, folded into it"),
        ),
    ),
    Command(
        "source",
        "Add or remove a source URL of an item.",
        "source",
        (
            Option("action", "Add or remove", True, choices=("add", "remove")),
            _kind(),
            _named(),
            _url("url", "The URL", required=True),
        ),
    ),
    Command(
        "question add",
        "Add a question an item answers (for /ask).",
        "question_add",
        (
            _kind(),
            _named(),
            Option("question", "The question, as a member would ask it", True, max_length=QUESTION_MAX),
            Option("language", "Its language (default en)", choices=QUESTION_LANGUAGES, default="en"),
        ),
    ),
    Command(
        "question remove",
        "Remove a question an item answers.",
        "question_remove",
        (
            _kind(),
            _named(),
            Option("question", "The question to remove", True, max_length=QUESTION_MAX, complete="questions"),
        ),
    ),
    Command(
        "role set",
        "Set (add or replace) a person's typed role on a contender.",
        "role_set",
        (
            Option("person", "The person", True, complete="person"),
            Option("contender", "The contender", True, complete="contender"),
            Option("functions", "Comma list: director, actor, commander, …", True, complete="functions"),
            Option("standing", "How they hold it", True, choices=tuple(s.value for s in Standing)),
            Option("lead", "The lead actor or actress (default no)", type="boolean"),
            Option("character", "The character played"),
            _milestone("flight", "The flight this role is about", required=False),
            Option(
                "role_text", "The role in words (default: kept, or made from the functions)", max_length=ROLE_TEXT_MAX
            ),
        ),
    ),
    Command(
        "role remove",
        "Remove a person's role on a contender.",
        "role_remove",
        (
            Option("person", "The person", True, complete="person"),
            Option("contender", "The contender", True, complete="contender"),
        ),
    ),
    Command(
        "about",
        "Correct what a fact is about, for /ask: subjects, attribute, answer kind, value, answer.",
        "set_about",
        (
            Option("fact", "The fact: its id, or the start of its text", True),
            Option("subjects", "Comma list, primary first: contenders, people or milestones", max_length=TEXT_MAX),
            Option("attribute", "What it tells about them: stay-duration, budget, plot, …", max_length=ATTRIBUTE_MAX),
            Option("answer_kind", "What kind of answer it gives", choices=ANSWER_KINDS),
            Option("value", "The short answer itself, e.g. 12 days", max_length=VALUE_MAX),
            Option("answer", "One sentence answering the question directly", max_length=ANSWER_MAX),
        ),
        note="(only the options given change)",
    ),
    Command(
        "track",
        "Follow a Launch Library 2 launch for this milestone's date.",
        "track",
        (
            _milestone(),
            Option("launch_id", "The LL2 launch id (a UUID)", True, max_length=36, min_length=36, metavar="UUID"),
        ),
        note="(follow Launch Library 2; the running bot polls it)",
    ),
    Command("untrack", "Stop following Launch Library 2 for this milestone.", "untrack", (_milestone(),)),
    Command(
        "pin",
        "Keep a manual date even when the feed disagrees (or unpin).",
        "pin",
        (_milestone(), Option("pinned", "Pin (yes) or unpin (no)", type="boolean", default=True)),
    ),
    Command(
        "news keywords",
        "Set the words the news feed searches for a contender (leave out keywords to see them).",
        "news_keywords",
        (
            Option("contender", "The contender", True, complete="contender"),
            Option(
                "keywords",
                'Quoted or comma-separated, e.g. "tom cruise", space film (at most 10)',
                max_length=KEYWORDS_MAX * (KEYWORD_MAX + 4),
            ),
        ),
        note="(without keywords: shows them)",
    ),
    Command(
        "news review",
        "News articles waiting for review: add one as a source, record a fact from it, or ignore it.",
        "news_review",
        actor=False,
        note="(decide in the console with /news)",
    ),
    Command(
        "stale",
        "Items not checked for MONTHS months (default 6), and those resting only on a rumour.",
        "stale",
        (Option("months", "Months without a check (default 6)", type="integer", minimum=1, maximum=MONTHS_MAX),),
        actor=False,
    ),
    Command(
        "verdict",
        "Mark one claim of a dispute better sourced, wrong or open (for /ask's yes or no).",
        "set_verdict",
        (
            Option("contradiction", "The dispute's id", True, complete="contradiction"),
            Option(
                "claim",
                "The claim's number, as /sources lists them (1 is the first)",
                True,
                type="integer",
                minimum=1,
                maximum=CLAIMS_MAX,
            ),
            Option("verdict", "What the sources make of it", True, choices=VERDICT_CHOICES),
        ),
    ),
    Command(
        "verify",
        "Mark an item checked today; with a source, it is added to the item's sources too.",
        "verify",
        (_kind(), _named(), _url("source", "The source it was checked against")),
    ),
    Command(
        "history",
        "Who changed what, when, from what to what, and why.",
        "history",
        (_kind(required=False), Option("name", "Which one", complete="by-kind")),
        actor=False,
    ),
    Command(
        "undo",
        "Revert the last change, or a chosen one (#id from history).",
        "undo",
        (Option("change", "The change number (default: the last)", type="integer", minimum=1),),
    ),
    Command(
        "questions",
        "What members asked that the bot missed, with the items that may answer each.",
        "missed_questions",
        actor=False,
    ),
    Command(
        "export",
        "The whole knowledge base as a JSON file.",
        "export",
        (Option("file", "Where to save it", metavar="PATH", console_only=True),),
        actor=False,
    ),
    Command(
        "import",
        "Load an export: validated, previewed, applied on Confirm.",
        "plan_import",
        (Option("file", "An export (JSON)", True, type="file"),),
    ),
    Command(
        "translate",
        "Set or correct an item's text in a language (ru; en sets the English text itself).",
        "translate",
        (
            _kind(),
            _named(),
            Option("language", "The text's language", True, choices=QUESTION_LANGUAGES),
            _long("text", "The text in that language", required=True),
            Option("field", "Which text (default: the main one: summary, title or text)", max_length=40),
        ),
        note="(fields: name, summary, title, note, text, answer, value, role:C, character:C, claim:N)",
    ),
)

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}
GROUPS: dict[str, str] = {  # subcommand groups and their Discord descriptions
    "question": "The questions an item answers (for /ask).",
    "role": "A person's typed roles (for /ask).",
    "news": "News the feed found: what it searches for, and the articles waiting for review.",
}
FALSE_WORDS, TRUE_WORDS = ("no", "false", "0", "off"), ("yes", "true", "1", "on")


def find(words: list[str]) -> Command | None:
    """The command the leading words name (``question add …`` or ``date …``), if any."""
    for size in (2, 1):
        if len(words) >= size and (command := BY_NAME.get(" ".join(words[:size]).lower())) is not None:
            return command
    return None


def run(admin: AdminService, command: Command, actor: Actor, values: Mapping[str, object], style: DateStyle) -> Outcome:
    """Check the options against the table and call the command's method: every shell comes here."""
    try:
        return _run(admin, command, actor, values, style)
    except UserError as exc:
        if style.lang == DEFAULT:
            raise  # its words stay a Message: a shell may still say them in its reader's language
        raise UserError(message_in(exc, style.lang)) from None  # said in the style's language, shown as it is


def _run(
    admin: AdminService, command: Command, actor: Actor, values: Mapping[str, object], style: DateStyle
) -> Outcome:
    given = {name: value for name, value in values.items() if value not in (None, "")}
    _check(command, given)
    for o in command.options:  # a choice is matched like Discord shows it: lower case, no spaces around
        value = given.get(o.name)
        if o.choices and isinstance(value, str):
            given[o.name] = value.strip().lower()
    kwargs = {o.name: given.get(o.name, o.fallback) for o in command.discord_options}
    method = getattr(admin, command.method)
    result = method(actor, **kwargs, style=style) if command.actor else method(**kwargs, style=style)
    return result if isinstance(result, Outcome) else Outcome(result)


def _check(command: Command, given: Mapping[str, object]) -> None:
    """Unknown, missing and out-of-choice options are refused in plain words, before anything runs."""
    unknown = sorted(set(given) - {o.name for o in command.options})
    if unknown:
        takes = ", ".join(o.name for o in command.options) or Message("facts.cmd.no_options")
        shown = neutralize_mentions(", ".join(unknown))
        raise UserError(Message("facts.cmd.no_option", command=command.name, unknown=shown, takes=takes))
    missing = [o.name for o in command.options if o.required and o.name not in given]
    if missing:
        raise UserError(Message("facts.cmd.missing", names=", ".join(missing)))
    for o in command.options:
        value = given.get(o.name)
        if o.choices and isinstance(value, str) and value.strip().lower() not in o.choices:
            shown = neutralize_mentions(value[:40])
            raise UserError(Message("facts.cmd.unknown_choice", name=o.name, value=shown, options=", ".join(o.choices)))


def parse_value(option: Option, text: str) -> str | bool | int:
    """A console value (always text) as the option's type; Discord sends typed values itself."""
    word = text.strip().lower()
    if option.type == "boolean":
        if word not in FALSE_WORDS + TRUE_WORDS:
            raise UserError(Message("facts.cmd.yes_no", name=option.name, text=neutralize_mentions(text[:40])))
        return word in TRUE_WORDS
    if option.type == "integer":
        digits = word.lstrip("#")
        if not digits.isdigit():
            raise UserError(Message("facts.cmd.not_number", text=neutralize_mentions(text[:40]), name=option.name))
        return int(digits)
    if option.choices:
        return word
    return text


def usage() -> str:
    """The console's help, one line per command (long ones wrap)."""
    lines = ["/facts commands (name=value options; quote values with spaces):"]
    for c in COMMANDS:
        text = " ".join([c.name, *(o.shown for o in c.options), *([c.note] if c.note else [])])
        lines += textwrap.wrap(text, 108, initial_indent="  ", subsequent_indent="      ", break_on_hyphens=False)
    lines.append(f"KIND is one of {'|'.join(ALL_KINDS)}; names may be names, aliases or ids.")
    lines += textwrap.wrap(f"functions= is a comma list of: {', '.join(sorted(ROLE_FUNCTIONS))}.", 108)
    return "\n".join(lines)

"""The ``race-bot`` command line: run (default), console, ask, check.

Startup problems (bad configuration, unreadable database, missing token) end with one clear
line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bot.app import App
from bot.ask.cards import missed_questions_reply
from bot.core.cards import reply_text
from bot.core.dates import IsoStyle
from bot.core.errors import UserError, message_in
from bot.core.i18n import DEFAULT, LANGUAGES, tr
from bot.infra.config import MISSING_TOKEN_HELP, ConfigError, Settings, load_settings
from bot.infra.logs import redact, setup_logging
from bot.infra.single import hold_data_dir
from bot.infra.store import StoreError
from bot.shells import strings as _strings  # noqa: F401  (registers the --lang help)
from bot.shells.console import interact
from bot.shells.console_facts import NEWS_USAGE, run_news

log = logging.getLogger("race-bot")

Handler = Callable[[Settings, argparse.Namespace], int]


def _parser() -> argparse.ArgumentParser:
    """Every subcommand is declared once, here, with the function it runs: they cannot disagree."""
    parser = argparse.ArgumentParser(prog="race-bot", description="A Discord bot that follows a race.")
    parser.add_argument("--env-file", default=".env", help="file of KEY=value settings (default .env)")
    parser.set_defaults(func=cmd_default, command="default")
    sub = parser.add_subparsers(dest="command")

    def command(name: str, func: Handler, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        p.set_defaults(func=func)
        return p

    def speaks(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--lang", choices=LANGUAGES, help=tr("cli.lang", DEFAULT))
        return p

    command("run", cmd_run, "run the Discord bot (plain race-bot does this when a token is set)")
    speaks(command("console", cmd_console, "an offline console taking the same commands as text"))
    speaks(command("ask", cmd_ask, "answer one question on standard output")).add_argument("question", nargs="+")
    command("check", cmd_check, "validate configuration and data, and say what is wrong")
    questions = speaks(command("questions", cmd_questions, "the questions the bot missed, most frequent first"))
    questions.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    news = command("news", cmd_news, "the news articles waiting for review, or a decision on one")
    news.add_argument("words", nargs="*", metavar="ACTION", help="source|record|ignore ARTICLE …, as in the console")
    news.epilog = NEWS_USAGE.replace("/news", "race-bot news")
    news.formatter_class = argparse.RawDescriptionHelpFormatter
    command("restore", cmd_restore, "replace the database with a backup, after validating it").add_argument("file")
    migrate = command("migrate", cmd_migrate, "apply the PostgreSQL schema migrations now (DATABASE_URL)")
    migrate.add_argument("--from-tinydb", metavar="FILE", type=Path, help="then copy this TinyDB database there")
    migrate.add_argument("--force", action="store_true", help="replace the data the PostgreSQL database already has")
    command("sync", cmd_sync, "sync the slash commands with Discord now, then exit")
    command("healthcheck", cmd_healthcheck, "exit 0 if the running bot's /healthz answers 200 (for Docker)")
    timeline = speaks(command("timeline", cmd_timeline, "draw the race timeline as a PNG"))
    timeline.add_argument("--out", required=True, help="the PNG file to write")
    timeline.add_argument("--contender", help="focus on one contender")
    timeline.add_argument("--from", dest="from_year", type=int, help="first year shown")
    timeline.add_argument("--to", dest="to_year", type=int, help="last year shown")
    timeline.add_argument("--theme", choices=("dark", "light"), default="dark")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "default"
    try:
        settings = load_settings(args.env_file)
    except ConfigError as exc:
        print(f"race-bot: configuration error: {exc}", file=sys.stderr)
        return 2
    redact(settings.discord_token)
    setup_logging(settings.log_level if command in ("run", "default") else "WARNING")
    try:
        with _holding(settings, command):
            result: int = args.func(settings, args)
        return result
    except StoreError as exc:
        print(f"race-bot: {exc}", file=sys.stderr)
        return 2


# The commands that keep the data open and write it: one process at a time on a TinyDB file.
WRITERS = frozenset({"run", "default", "console", "news", "restore"})


def _holding(settings: Settings, command: str) -> contextlib.AbstractContextManager[None]:
    if command not in WRITERS or settings.database_url:  # a server serves several processes
        return contextlib.nullcontext()
    return hold_data_dir(settings.data_dir)


def _open(settings: Settings) -> App:
    return App.open(settings.db_path, feedback_days=settings.feedback_days, database_url=settings.database_url)


def _lang(settings: Settings, args: argparse.Namespace) -> str:
    """The language asked for with ``--lang``, else the configured LANGUAGE."""
    return getattr(args, "lang", None) or settings.language


def cmd_console(settings: Settings, args: argparse.Namespace) -> int:
    return interact(_open(settings), sys.stdin, sys.stdout, _lang(settings, args))


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    service, lang = _open(settings).questions, _lang(settings, args)
    try:
        reply = service.ask(" ".join(args.question), IsoStyle(lang))
    except UserError as exc:
        print(message_in(exc, lang))
        return 1
    print(reply_text(reply, lang))
    return 0 if reply.ok else 1


def cmd_check(settings: Settings, _args: argparse.Namespace) -> int:
    problems: list[str] = []
    kb = _open(settings).kb
    for m in kb.milestones.values():
        if m.contender not in kb.contenders:
            problems.append(f"milestone {m.id}: unknown contender {m.contender!r}")
    for p in kb.people.values():
        problems += [
            f"person {p.id}: unknown contender {r.contender!r}" for r in p.roles if r.contender not in kb.contenders
        ]
    for kind in ("contenders", "people", "milestones", "facts", "contradictions"):
        problems += [f"{kind[:-1]} {item.id}: no source" for item in getattr(kb, kind).values() if not item.sources]
    if not settings.discord_token:
        print("note: DISCORD_TOKEN is not set; `race-bot run` needs it (the console does not)")
    counts = ", ".join(
        f"{len(getattr(kb, k))} {k}" for k in ("contenders", "people", "milestones", "facts", "contradictions")
    )
    print(f"database: {_where(settings)} ({counts})")
    for problem in problems:
        print(f"problem: {problem}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


def cmd_questions(settings: Settings, args: argparse.Namespace) -> int:
    lang = _lang(settings, args)
    missed = _open(settings).feedback.most_frequent(max(1, args.limit))
    print(reply_text(missed_questions_reply(missed, lang), lang))
    return 0


def cmd_news(settings: Settings, args: argparse.Namespace) -> int:
    """The review queue, or one decision (``source``, ``record``, ``ignore``) with the console's words."""
    import shlex

    try:
        reply = run_news(_open(settings).facts, shlex.join(args.words))
    except UserError as exc:
        usage = str(exc) == NEWS_USAGE  # the console's words, spelled as on the command line
        print(f"race-bot: {NEWS_USAGE.replace('/news', 'race-bot news') if usage else exc}", file=sys.stderr)
        return 1
    print(reply_text(reply))
    return 0 if reply.ok else 1


def cmd_default(settings: Settings, args: argparse.Namespace) -> int:
    """Plain ``race-bot``: the bot when there is a token, else the offline console."""
    if settings.discord_token:
        return cmd_run(settings, args)
    print("No DISCORD_TOKEN yet: starting the offline console (see README to connect to Discord).")
    return cmd_console(settings, args)


def cmd_run(settings: Settings, _args: argparse.Namespace) -> int:
    if not settings.discord_token:
        print(f"race-bot: {MISSING_TOKEN_HELP}", file=sys.stderr)
        return 2
    from bot.shells.discord.bot import run_bot  # discord is imported only when the bot really runs

    return run_bot(settings, _open(settings))


def cmd_timeline(settings: Settings, args: argparse.Namespace) -> int:
    service, lang = _open(settings).questions, _lang(settings, args)
    try:
        years = (args.from_year, args.to_year)
        png = service.timeline_image(args.contender, years=years, theme=args.theme, lang=lang)
    except UserError as exc:
        print(f"race-bot: {message_in(exc, lang)}", file=sys.stderr)
        return 1
    Path(args.out).write_bytes(png)
    print(f"wrote {args.out} ({len(png)} bytes)")
    return 0


def _where(settings: Settings) -> str:
    """Where the data is, for messages: the TinyDB file, or the PostgreSQL URL without its password."""
    if not settings.database_url:
        return str(settings.db_path)
    from bot.infra.pg_store import safe_url

    return safe_url(settings.database_url)


def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    from bot.infra.backups import restore, restore_into

    if settings.database_url:
        from bot.app import open_store

        store = open_store(settings.db_path, settings.database_url)
        print(restore_into(store, Path(args.file), datetime.now(UTC), settings.backup_keep))
        return 0
    print(restore(settings.db_path, Path(args.file), datetime.now(UTC), settings.backup_keep))
    return 0


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    """The schema steps by hand (every start runs them too), then optionally a TinyDB file moved over, counted."""
    if not settings.database_url:
        print("race-bot: DATABASE_URL is not set; migrate works on a PostgreSQL database", file=sys.stderr)
        return 2
    from bot.infra.pg_migrations import LATEST
    from bot.infra.pg_store import PgStore, move_from_tinydb

    store = PgStore(settings.database_url, path=settings.db_path)
    done = ", ".join(f"{m.version} {m.name}" for m in store.migrated) or "none pending"
    print(f"{_where(settings)}: migrations applied: {done}; schema version {LATEST}")
    if args.from_tinydb is None:
        return 0
    counts = move_from_tinydb(args.from_tinydb, store, force=args.force)
    print(f"moved {args.from_tinydb}: documents per table (file -> PostgreSQL)")
    for table, here, there in counts:
        print(f"  {table}: {here} -> {there}{'' if here == there else '  MISMATCH'}")
    same = all(here == there for _, here, there in counts)
    print("ok: every table has the same count" if same else "counts differ: check the PostgreSQL database")
    return 0 if same else 1


def cmd_sync(settings: Settings, _args: argparse.Namespace) -> int:
    if not settings.discord_token:
        print(f"race-bot: {MISSING_TOKEN_HELP}", file=sys.stderr)
        return 2
    from bot.shells.discord.bot import sync_once

    return sync_once(settings, _open(settings))


def cmd_healthcheck(settings: Settings, _args: argparse.Namespace) -> int:
    import urllib.error
    import urllib.request

    host = "127.0.0.1" if settings.health_host in ("0.0.0.0", "::") else settings.health_host
    url = f"http://{host}:{settings.health_port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            print(response.read().decode())
            return 0
    except urllib.error.HTTPError as exc:
        print(exc.read().decode(), file=sys.stderr)
    except OSError as exc:
        print(f"race-bot: health server not reachable at {url}: {exc}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

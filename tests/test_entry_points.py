"""Every entry point an operator or Docker calls, run for real: each CLI subcommand and each console command.

Three subcommands once crashed with KeyError because the parser and the dispatch table disagreed
and nothing ran them; this file runs every one the parser declares, so that cannot recur.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from bot.app import App
from bot.ask.feedback import Miss
from bot.core.cards import reply_text
from bot.facts.news import Article, NewsQueue
from bot.infra.health import HealthServer, Metrics
from bot.shells import console_facts
from bot.shells.cli import _parser, main
from bot.shells.console import COMMANDS, Console
from tests.discord_emu import Emulator


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in ("DISCORD_TOKEN", "HOME_GUILD_ID", "ADMIN_USER_IDS", "ADMIN_ROLE_ID", "HEALTH_PORT", "HEALTH_HOST",
                "DATABASE_URL"):  # fmt: skip
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    env_file = tmp_path / "none.env"
    env_file.write_text("", encoding="utf-8")
    return env_file


def cli(env_file: Path, *args: str) -> int:
    return main(["--env-file", str(env_file), *args])


def test_every_declared_subcommand_is_exercised_here() -> None:
    sub = next(a for a in _parser()._actions if a.dest == "command")
    declared = set(sub.choices)  # type: ignore[arg-type]
    assert declared == {
        "run",
        "console",
        "ask",
        "check",
        "restore",
        "sync",
        "healthcheck",
        "timeline",
        "questions",
        "news",
        "migrate",
    }


def test_ask_check_and_timeline(env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(env, "ask", "who", "won", "the", "race") == 0
    assert "The Challenge" in capsys.readouterr().out
    assert cli(env, "check") == 0
    assert capsys.readouterr().out.strip().endswith("ok")
    out = tmp_path / "race.png"
    assert cli(env, "timeline", "--out", str(out), "--theme", "light") == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_ask_and_questions_in_russian(env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(env, "ask", "--lang", "ru", "кто", "снял", "вызов") == 0
    out = capsys.readouterr().out
    assert "«Вызов»" in out and "Источники" in out and "Sources" not in out
    assert cli(env, "ask", "--lang", "ru", "x" * 301) == 1
    assert "Вопрос слишком длинный (301 символ; не больше 300)." in capsys.readouterr().out
    picture = tmp_path / "гонка.png"
    assert cli(env, "timeline", "--lang", "ru", "--out", str(picture)) == 0
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert cli(env, "timeline", "--lang", "ru", "--out", str(picture), "--from", "2025", "--to", "2020") == 1
    assert "Первый год (2025) позже последнего (2020)." in capsys.readouterr().err
    App.open(tmp_path / "data" / "race.json").feedback.record("что ела пересильд", Miss.DECLINED)
    assert cli(env, "questions", "--lang", "ru") == 0
    out = capsys.readouterr().out
    assert "Пропущенные вопросы" in out and "«что ела пересильд» — 1× (без ответа" in out


def test_language_from_the_configuration_and_a_bad_one(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "ru")
    assert cli(env, "ask", "x" * 301) == 1
    assert "Вопрос слишком длинный" in capsys.readouterr().out
    assert cli(env, "ask", "--lang", "en", "x" * 301) == 1  # --lang wins over LANGUAGE
    assert "That question is too long" in capsys.readouterr().out
    monkeypatch.setenv("LANGUAGE", "fr")
    assert cli(env, "ask", "who", "won") == 2
    assert "LANGUAGE must be one of en, ru, got 'fr'" in capsys.readouterr().err


def test_questions_lists_what_members_asked_that_the_bot_missed(
    env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(env, "questions") == 0
    assert "No declined" in capsys.readouterr().out
    assert cli(env, "ask", "what", "is", "peresild's", "favourite", "food") == 1  # the CLI does not log misses
    App.open(tmp_path / "data" / "race.json").feedback.record("what did peresild eat", Miss.DECLINED)
    assert cli(env, "questions", "--limit", "5") == 0
    assert "what did peresild eat" in capsys.readouterr().out


def _offer(db: Path, *numbers: int) -> None:
    """Articles in the review queue, as the news feed puts them there."""
    articles = [
        Article(n, f"Article {n} on the race", f"https://news.example/{n}", "Space News", "2026-11-23T09:30:00Z")
        for n in numbers
    ]
    App.open(db).store.run(lambda store: NewsQueue(store).offer(articles, "2026-11-24T00:00:00Z"))


def test_news_lists_the_review_queue_and_decides(env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(env, "news") == 0
    assert "No news articles are waiting" in capsys.readouterr().out
    db = tmp_path / "data" / "race.json"
    _offer(db, 7, 8, 9)
    assert cli(env, "news") == 0
    listed = capsys.readouterr().out
    assert "#7 Article 7 on the race" in listed and "race-bot news on the command line" in listed
    assert cli(env, "news", "source", "7", "Soyuz MS-19 launch") == 0
    assert "Source for Soyuz MS-19 launch" in capsys.readouterr().out
    assert cli(env, "news", "record", "#8", "The crew read the news.", "topics=news, crew", "contender=challenge") == 0
    assert "New fact on news, crew" in capsys.readouterr().out
    assert cli(env, "news", "ignore", "9") == 0
    assert cli(env, "news", "ignore", "9") == 1
    assert "already ignored" in capsys.readouterr().err
    assert cli(env, "news", "sauce", "9") == 1
    assert "race-bot news source ARTICLE ITEM" in capsys.readouterr().err
    app = App.open(db)
    assert "https://news.example/7" in app.kb.milestones["soyuz-ms-19-launch"].sources
    assert any(f.sources == ["https://news.example/8"] for f in app.kb.facts.values())


def test_console_news_command(tmp_path: Path) -> None:
    _offer(tmp_path / "race.json", 1, 2, 3)
    console = _console(tmp_path)
    listed = console.run_line("/news")
    assert listed is not None and listed.ok and "**#3** Article 3" in listed.pages[0].description
    lines = {
        '/news source 1 "SEE-1 launch"': "Source for SEE-1 launch",
        '/news record 2 "Filming starts in 2027." topics=filming confidence=rumour contender=see': "New fact",
        "/news ignore 3": "was ignored",
    }
    for line, expected in lines.items():
        reply = console.run_line(line)
        assert reply is not None and reply.ok and expected in reply.pages[0].description, line
    refused = {
        "/news ignore 3": "already ignored",
        "/news record 2": "/news source ARTICLE ITEM",  # the usage: a fact needs its text
        '/news record 2 "x" colour=red': "no option colour",
        "/news ignore three": "not an article number",
    }
    for line, expected in refused.items():
        reply = console.run_line(line)
        assert reply is not None and not reply.ok and expected in reply.pages[0].description, line


def test_console_questions_command(tmp_path: Path) -> None:
    console = _console(tmp_path)
    console.app.feedback.record("is there a sequel", Miss.DECLINED)
    reply = console.run_line("/questions")
    assert reply is not None and "is there a sequel" in reply.pages[0].description


def test_run_and_sync_without_a_token_explain_and_exit_2(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(env, "run") == 2
    assert cli(env, "sync") == 2
    assert capsys.readouterr().err.count("DISCORD_TOKEN") >= 2


def test_console_subcommand_reads_commands_until_quit(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("/race\nquit\n"))
    assert cli(env, "console") == 0
    assert "The Challenge" in capsys.readouterr().out


def test_console_subcommand_in_russian(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("/race\n/гонка\n/contender zzzqqq\n/nonsense\nquit\n"))
    assert cli(env, "console", "--lang", "ru") == 0
    out = capsys.readouterr().out
    assert out.count("Первым стал «Вызов»") == 2  # /race and its Russian name /гонка
    assert "5 октября 2021 08:55 UTC" in out and "First:" not in out
    assert "Претендента «zzzqqq» нет." in out and "Неизвестная команда /nonsense" in out


def test_console_subcommand_translates_and_a_russian_console_shows_the_text(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    lines = [
        '/facts translate kind=person name=peresild language=ru text="Исполнительница роли хирурга."',
        "/facts translate kind=person name=peresild language=de text=Chirurgin",
        "/facts translate kind=person name=peresild language=ru text=x field=budget",
        "quit",
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert cli(env, "console") == 0
    out = capsys.readouterr().out
    assert "Text of Yulia Peresild (ru, summary): “Исполнительница роли хирурга.”" in out
    assert "Unknown language “de”. Choose one of: en, ru." in out
    assert "A person has no translatable field “budget”." in out
    russian = ["/person peresild", "/facts translate kind=person name=peresild language=ru text=x field=budget", "quit"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(russian) + "\n"))
    assert cli(env, "console", "--lang", "ru") == 0
    out = capsys.readouterr().out
    assert "Исполнительница роли хирурга." in out  # the Russian text, on the Russian card
    assert "У записи вида «человек» нет переводимого поля «budget»." in out  # the admin's refusal, in Russian


async def test_healthcheck_against_a_running_health_server_and_against_none(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    server = HealthServer({"gateway": lambda: True, "store": lambda: True}, Metrics())
    port = await server.start("127.0.0.1", 0)
    monkeypatch.setenv("HEALTH_PORT", str(port))
    try:
        assert await asyncio.to_thread(cli, env, "healthcheck") == 0
        assert "ok" in capsys.readouterr().out
        server.checks["gateway"] = lambda: False
        assert await asyncio.to_thread(cli, env, "healthcheck") == 1
        assert "gateway" in capsys.readouterr().err
    finally:
        await server.stop()
    assert await asyncio.to_thread(cli, env, "healthcheck") == 1  # nobody listens there any more
    assert "not reachable" in capsys.readouterr().err


def test_restore_a_good_a_bad_and_a_missing_file(env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(env, "check") == 0  # creates and seeds the database
    db = tmp_path / "data" / "race.json"
    good = tmp_path / "good.json"
    shutil.copy(db, good)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    missing = tmp_path / "missing.json"
    capsys.readouterr()
    assert cli(env, "restore", str(good)) == 0
    assert "restored" in capsys.readouterr().out
    before = db.read_bytes()
    assert cli(env, "restore", str(bad)) == 2
    assert "bad.json" in capsys.readouterr().err and db.read_bytes() == before
    assert cli(env, "restore", str(missing)) == 2
    assert "no such backup file" in capsys.readouterr().err and db.read_bytes() == before
    assert not missing.exists()  # a failed restore creates nothing


def test_migrate_and_move_a_tinydb_database_to_postgresql(
    env: Path, tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`migrate` against a real server (tests/pg.py), then `--from-tinydb`; the other commands then use the server."""
    assert cli(env, "migrate") == 2
    assert "DATABASE_URL is not set" in capsys.readouterr().err
    assert cli(env, "check") == 0  # a TinyDB database, seeded, as an older deployment has
    db = tmp_path / "data" / "race.json"
    monkeypatch.setenv("DATABASE_URL", pg_url)
    assert cli(env, "migrate") == 0
    assert "migrations applied: 1 documents, 2 table versions; schema version 2" in capsys.readouterr().out
    assert cli(env, "migrate") == 0
    assert "migrations applied: none pending" in capsys.readouterr().out
    assert cli(env, "migrate", "--from-tinydb", str(db)) == 0
    moved = capsys.readouterr().out
    tables = json.loads(db.read_text(encoding="utf-8"))
    assert f"  contenders: {len(tables['contenders'])} -> {len(tables['contenders'])}" in moved
    assert moved.strip().endswith("ok: every table has the same count") and "MISMATCH" not in moved
    assert cli(env, "migrate", "--from-tinydb", str(db)) == 2  # the target has data now
    assert "already holds" in capsys.readouterr().err
    assert cli(env, "migrate", "--from-tinydb", str(db), "--force") == 0
    capsys.readouterr()
    db.unlink()  # from here on everything reads the server
    assert cli(env, "ask", "who", "won", "the", "race") == 0
    assert "The Challenge" in capsys.readouterr().out
    assert cli(env, "check") == 0
    assert "database: postgresql://racebot@/" in capsys.readouterr().out and not db.exists()
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(tables), encoding="utf-8")
    assert cli(env, "restore", str(backup)) == 0
    assert "restored" in capsys.readouterr().out and not db.exists()


async def test_sync_against_the_emulator(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import discord

    emu = Emulator()
    await emu.start()
    home = emu.add_guild("Home")
    monkeypatch.setenv("DISCORD_TOKEN", "test-token")
    monkeypatch.setenv("HOME_GUILD_ID", str(home.guild.id))
    monkeypatch.setattr(discord.http.Route, "BASE", emu.base_url)
    try:
        assert await asyncio.to_thread(cli, env, "sync") == 0
        names = {c["name"] for c in emu.commands()}
        assert {"race", "ask", "timeline", "alerts"} <= names
        assert "facts" in {c["name"] for c in emu.commands(home.guild.id)}
        assert emu.identify_count == 0  # sync never opened a gateway connection
    finally:
        await emu.stop()


# ---- the console: every command it knows, once ---------------------------------------


def _console(tmp_path: Path) -> Console:
    return Console(App.open(tmp_path / "race.json"))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_member_console_command_answers(tmp_path: Path, name: str) -> None:
    rest = {"contender": "challenge", "person": "peresild", "compare": "challenge | cruise", "ask": "who won"}
    rest |= {"sources": "budget", "timeline": "cruise"}
    reply = _console(tmp_path).run_line(f"/{name} {rest.get(name, '')}".strip())
    assert reply is not None and reply.ok and reply.pages


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_member_console_command_answers_in_russian(tmp_path: Path, name: str) -> None:
    rest = {"contender": "challenge", "person": "peresild", "compare": "challenge | cruise", "ask": "кто снял вызов"}
    rest |= {"sources": "budget", "timeline": "cruise"}
    console = Console(App.open(tmp_path / "race.json"), "ru")
    reply = console.run_line(f"/{name} {rest.get(name, '')}".strip())
    assert reply is not None and reply.ok and reply.pages
    words = {"race": "Гонка за первый", "contender": "«Вызов»", "person": "Юлия Пересильд", "help": "/гонка"}
    words |= {"compare": "«Вызов» и Фильм Тома Круза", "sources": "по этой теме", "timeline": "Хронология"}
    words |= {"ask": "Клим Шипенко"}
    assert words[name] in reply_text(reply, "ru")


FACTS_LINES = {
    "export": "file={tmp}/export.json",  # first, so the import at the end has something to change back
    "date": 'milestone="SEE-1 launch" date=2027-Q2 source=https://example.org/a reason=test',
    "status": "kind=contender name=cruise status=stalled source=https://example.org/b",
    "add": 'kind=fact source=https://example.org/c contender=cruise text="A test fact" topics=test',
    "contradiction": "title=T claim_a=A source_a=https://example.org/d claim_b=B source_b=https://example.org/e",
    "rename": 'kind=contender name="SEE" new_name="Space Entertainment Enterprise film"',
    "remove": 'kind=person name=stibbe reason="test"',
    "merge": "kind=person keep=peresild duplicate=mordovina",
    "source": "action=add kind=person name=peresild url=https://example.org/f",
    "track": 'milestone="SEE-1 launch" launch_id=9f1d2c3b-0000-4000-8000-000000000001',
    "untrack": 'milestone="SEE-1 launch"',
    "pin": 'milestone="SEE-1 launch" pinned=yes',
    "question add": 'kind=person name=peresild question="who played the surgeon in the challenge" language=en',
    "question remove": 'kind=person name=peresild question="Who played the surgeon in The Challenge"',
    "role set": 'person=shipenko contender=challenge functions="director, writer" standing=prime flight="Soyuz MS-19"',
    "role remove": "person=musk contender=challenge",
    "about": 'fact=days-aboard subjects="challenge, peresild" attribute=stay-duration value="12 days"',
    "news keywords": """contender=cruise keywords='"tom cruise", space film'""",
    "news review": "",
    "stale": "months=6",
    "verdict": "contradiction=amount-of-footage claim=1 verdict=wrong",
    "verify": "kind=person name=peresild source=https://example.org/g",
    "translate": 'kind=person name=peresild language=ru text="Актриса, сыгравшая хирурга в «Вызове»."',
    "history": "",
    "questions": "",
    "undo": "",
    "import": "file={tmp}/export.json",
}


def test_every_facts_console_command_is_listed_here() -> None:
    from bot.facts import commands as facts_commands  # the table the console's help is generated from

    documented = set()
    for line in console_facts.USAGE.splitlines()[1:]:
        if line.startswith("  ") and line[2] != " ":
            words = line.split()
            documented.add(" ".join(words[:2]) if words[0] in facts_commands.GROUPS else words[0])
    assert documented == set(FACTS_LINES) == {c.name for c in facts_commands.COMMANDS}


def test_every_facts_console_command_runs(tmp_path: Path) -> None:
    console = _console(tmp_path)
    for name, options in FACTS_LINES.items():
        reply = console.run_line(f"/facts {name} {options.format(tmp=tmp_path)}".strip())
        assert reply is not None and reply.ok, (name, reply)
        if console.pending is not None:  # an announced change or an import waits for "yes"
            confirmed = console.run_line("yes")
            assert confirmed is not None and confirmed.ok, name
    assert json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))["contenders"]

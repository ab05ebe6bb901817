"""The command line as an operator uses it: one answer, checks, the console, clear startup errors."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.app import App
from bot.shells.cli import main
from bot.shells.console import interact

ROOT = Path(__file__).resolve().parents[1]


def run(
    args: list[str], tmp_path: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "HOME_GUILD", "ADMIN_"))}
    environment |= {"DATA_DIR": str(tmp_path / "data")} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot.shells.cli", "--env-file", str(tmp_path / "none.env"), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        input=stdin,
        timeout=60,
    )


def test_ask_answers_with_exit_0_and_declines_with_exit_1(tmp_path: Path) -> None:
    answered = run(["ask", "when did peresild launch"], tmp_path)
    assert answered.returncode == 0 and "2021-10-05 08:55 UTC" in answered.stdout
    declined = run(["ask", "what's the weather in paris"], tmp_path)
    assert declined.returncode == 1 and "rather not guess" in declined.stdout


def test_bad_config_stops_with_one_clear_line(tmp_path: Path) -> None:
    result = run(["check"], tmp_path, {"HOME_GUILD_ID": "abc"})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "race-bot: configuration error: HOME_GUILD_ID must be a Discord id (digits), got 'abc'"
    )


def test_run_without_token_points_to_the_console(tmp_path: Path) -> None:
    result = run(["run"], tmp_path)
    assert result.returncode == 2 and "race-bot console" in result.stderr


def test_plain_race_bot_without_token_opens_the_console(tmp_path: Path) -> None:
    result = run([], tmp_path, stdin="/ask who directed вызов\n")
    assert result.returncode == 0 and "offline console" in result.stdout and "Shipenko" in result.stdout


def test_token_is_never_printed(tmp_path: Path) -> None:
    result = run(["check"], tmp_path, {"DISCORD_TOKEN": "MTIz.secret-token-value.abc", "LOG_LEVEL": "DEBUG"})
    assert "secret-token-value" not in result.stdout + result.stderr


def test_check_reports_counts_and_ok(tmp_path: Path) -> None:
    result = run(["check"], tmp_path)
    assert result.returncode == 0 and "contenders" in result.stdout and result.stdout.strip().endswith("ok")


def test_corrupt_database_stops_naming_the_file_and_leaves_it(tmp_path: Path) -> None:
    db = tmp_path / "data" / "race.json"
    db.parent.mkdir()
    db.write_text("{not json", encoding="utf-8")
    result = run(["ask", "hello"], tmp_path)
    assert result.returncode == 2 and str(db) in result.stderr
    assert db.read_text(encoding="utf-8") == "{not json"


def test_timeline_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "race.png"
    result = run(["timeline", "--out", str(out), "--contender", "challenge", "--theme", "light"], tmp_path)
    assert result.returncode == 0 and out.read_bytes().startswith(b"\x89PNG")


def test_console_session_edits_with_preview_and_undo(tmp_path: Path) -> None:
    service = App.open(tmp_path / "race.json")
    script = (
        "\n".join(
            [
                '/facts date milestone="Soyuz MS-19 launch" date="2021-10-06 09:00 UTC" reason="test"',
                "yes",
                "/timeline challenge",
                "/facts undo",
                "no",
                "/facts history",
                "/compare challenge cruise",
                "/nonsense",
            ]
        )
        + "\n"
    )
    out = io.StringIO()
    assert interact(service, io.StringIO(script), out) == 0
    text = out.getvalue()
    assert "Preview: Date of Soyuz MS-19 launch" in text and "2021-10-05 08:55 UTC → 2021-10-06 09:00 UTC" in text
    assert "Change #1 applied" in text and "Cancelled — nothing was changed." in text
    assert "Alert to subscribed channels (in about a minute): 📅 Soyuz MS-19 launch: slipped 1 day" in text
    assert "2021-10-06 09:00 UTC — Soyuz MS-19 launch" in text
    assert "Unknown command /nonsense" in text
    assert App.open(tmp_path / "race.json").kb.milestones  # reopens fine


@pytest.mark.parametrize("word", ["quit", "exit", "/quit", "Q"])
def test_console_leaves_on_a_quit_word_without_answering_it(tmp_path: Path, word: str) -> None:
    service = App.open(tmp_path / "race.json")
    out = io.StringIO()
    assert interact(service, io.StringIO(f"{word}\n/ask who directed the challenge\n"), out) == 0
    assert out.getvalue() == ""


@pytest.mark.parametrize("line", ["/contender zzzzzz", "/person", "/compare a", "/ask " + "x" * 400])
def test_console_errors_are_plain_and_change_nothing(tmp_path: Path, line: str) -> None:
    service = App.open(tmp_path / "race.json")
    before = service.store.snapshot()
    out = io.StringIO()
    interact(service, io.StringIO(line + "\n"), out)
    assert out.getvalue().strip() and "Traceback" not in out.getvalue()
    assert service.store.snapshot() == before


def test_main_returns_codes_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["--env-file", str(tmp_path / "x.env"), "ask", "who", "won", "the", "race"]) == 0
    assert "The Challenge" in capsys.readouterr().out


def test_a_second_console_on_the_same_data_is_refused_while_the_first_is_open(tmp_path: Path) -> None:
    """A TinyDB file serves one process: a second writer would overwrite the first's commits."""
    data = tmp_path / "data"
    first = subprocess.Popen(
        [sys.executable, "-m", "bot.shells.cli", "--env-file", str(tmp_path / "none.env"), "console"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")} | {"DATA_DIR": str(data)},
    )
    assert first.stdout is not None and first.stdin is not None
    try:
        for _ in range(200):  # until the first console holds the data directory
            if (data / "race.lock").exists() and (data / "race.lock").read_text():
                break
            time.sleep(0.05)
        second = run(["console"], tmp_path, stdin="/ask who directed the challenge\n")
        assert second.returncode == 2
        assert f"in use by race-bot process {first.pid}" in second.stderr and "DATABASE_URL" in second.stderr
        assert run(["ask", "who directed the challenge"], tmp_path).returncode == 0  # reading is fine
    finally:
        first.communicate("/quit\n", timeout=30)
    assert run(["console"], tmp_path, stdin="/quit\n").returncode == 0  # free again once it left

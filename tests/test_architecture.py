"""The functional core stays free of Discord: only bot/discord_shell.py may import it."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "bot"
ADAPTER = {"discord_shell.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_discord() -> None:
    offenders = [
        p.relative_to(CORE.parent).as_posix()
        for p in CORE.rglob("*.py")
        if p.name not in ADAPTER and "discord" in _imports(p)
    ]
    assert offenders == []


def test_core_modules_import_without_discord_installed_in_sys_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import bot.service, bot.answer, bot.admin, bot.alerts, bot.delivery, bot.feeds, bot.console, bot.cli\n"
        "print('discord' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

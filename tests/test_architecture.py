"""The shape of the code: one direction of imports between packages, and discord only in the Discord shell.

    core ← infra (and seed) ← timeline, ask, alerts ← facts, feed ← app, runtime ← shells ← cogs

Each package may import only the packages listed for it below (and itself). A new module lands in
a package; a new package needs a line here, which is the point: the direction is a decision.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "infra": {"core"},
    "seed": {"core", "infra"},
    "timeline": {"core"},
    "ask": {"core", "infra", "seed", "timeline"},
    "alerts": {"core", "infra"},
    "facts": {"core", "infra", "ask"},
    "feed": {"core", "infra", "facts"},
    "app": {"core", "infra", "seed", "ask", "alerts", "facts"},
    "runtime": {"core", "infra", "alerts", "feed", "app"},
    "shells": {"core", "infra", "seed", "timeline", "ask", "alerts", "facts", "feed", "app", "runtime"},
}
DISCORD_ALLOWED = ("bot/shells/discord/", "cogs/")


def _package(path: Path) -> str:
    parts = path.relative_to(ROOT / "bot").parts
    return parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[Path]:
    return [p for p in (ROOT / "bot").rglob("*.py") if p.parent != ROOT / "bot" or p.stem in ("app", "runtime")]


def test_every_package_is_placed() -> None:
    assert {_package(p) for p in _modules()} <= set(ALLOWED)


def test_packages_import_only_downwards() -> None:
    offenders = []
    for path in _modules():
        own = _package(path)
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "cogs" or (parts[0] == "bot" and len(parts) > 1 and parts[1] not in ALLOWED[own] | {own}):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_only_the_discord_shell_and_cogs_import_discord() -> None:
    files = [*(ROOT / "bot").rglob("*.py"), *(ROOT / "cogs").glob("*.py")]
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in files
        if not p.relative_to(ROOT).as_posix().startswith(DISCORD_ALLOWED)
        and any(n.split(".")[0] == "discord" for n in _imports(p))
    ]
    assert offenders == []


def test_the_core_and_every_feature_import_without_loading_discord() -> None:
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in _modules()
        if "discord" not in p.relative_to(ROOT).parts and p.name != "__main__.py"
    )
    code = f"import sys\nimport {', '.join(modules)}\nprint('discord' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""Benchmark: /ask answering time on the seed and on a synthetic 10,000-item knowledge base,
and resident memory after startup with the seed.

Run: .venv/bin/python bench/bench_answer.py  (not part of the tests; timings vary with load,
so compare figures taken in the same run).
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.ask.service import RaceService  # noqa: E402
from bot.core.dates import IsoStyle  # noqa: E402
from bot.core.kb import KnowledgeBase  # noqa: E402
from bot.core.models import Fact, Milestone, MilestoneKind, MilestoneStatus, Precision  # noqa: E402
from bot.infra.store import Store  # noqa: E402
from bot.seed.loader import ensure_seeded  # noqa: E402

QUESTIONS = [q["q"] for q in json.loads((ROOT / "tests/data/questions.json").read_text())["answerable"]]
QUESTIONS += [q["q"] for q in json.loads((ROOT / "tests/data/questions.json").read_text())["decline"]]
WORDS = (
    "orbit launch crew module studio budget premiere docking film camera station rocket capsule "
    "training casting release delay contract director actor engine parachute landing"
).split()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(service: RaceService, rounds: int) -> list[float]:
    style = IsoStyle()
    service.answer("warm up", style)
    times = []
    for _ in range(rounds):
        for q in QUESTIONS:
            start = time.perf_counter()
            service.answer(q, style)
            times.append((time.perf_counter() - start) * 1000)
    return times


def synthetic(service: RaceService, n: int) -> None:
    """Add n/2 milestones and n/2 facts with random words to the seeded knowledge base."""
    rng = random.Random(7)
    kb: KnowledgeBase = service.kb
    contenders = list(kb.contenders)
    for i in range(n // 2):
        words = " ".join(rng.sample(WORDS, 3))
        kb.milestones[f"m{i}"] = Milestone(
            id=f"m{i}",
            contender=rng.choice(contenders),
            kind=rng.choice(list(MilestoneKind)),
            title=f"{words} {i}",
            date=f"20{rng.randint(10, 40)}-0{rng.randint(1, 9)}-01T00:00:00Z",
            precision=Precision.DAY,
            status=MilestoneStatus.PLANNED,
            sources=["https://example.org"],
        )
        kb.facts[f"f{i}"] = Fact(
            id=f"f{i}",
            contender=rng.choice(contenders),
            topics=rng.sample(WORDS, 2),
            text=f"The {words} figure {i} was {rng.randint(1, 999)} million.",
            sources=["https://example.org"],
        )
    kb.touch()


def main() -> None:
    store = Store.memory()
    ensure_seeded(store)
    service = RaceService(store)
    rss_after_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seed = timed(service, 5)
    start = time.perf_counter()
    synthetic(service, 10_000)
    _ = service.engine  # index build
    build = time.perf_counter() - start
    big = timed(service, 2)
    print(f"questions per round: {len(QUESTIONS)}")
    print(f"{'knowledge base':<28}{'items':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    n_seed = sum(len(getattr(RaceService(store).kb, k)) for k in ("milestones", "facts", "people", "contenders"))
    for name, items, times in (("seed", n_seed, seed), ("synthetic", n_seed + 10_000, big)):
        print(f"{name:<28}{items:>7}{percentile(times, 50):>9.2f}{percentile(times, 99):>9.2f}{max(times):>9.2f}")
    print(f"p99 ratio synthetic/seed: {percentile(big, 99) / percentile(seed, 99):.1f}x")
    print(f"index build for +10,000 items: {build * 1000:.0f} ms")
    print(f"peak RSS after startup with the seed (core only): {rss_after_start:.0f} MB")
    print(f"peak RSS of a bot process after startup (discord.py, cogs, one picture): {bot_rss():.0f} MB")


def bot_rss() -> float:
    """Startup of the real bot object in a fresh process: every import, the seed, one timeline picture."""
    import subprocess

    code = (
        "import resource, asyncio\n"
        "from bot.infra.config import Settings\n"
        "from bot.app import App\n"
        "from bot.shells.discord.bot import RaceBot\n"
        "import cogs.questions, cogs.facts, cogs.alerts, cogs.feed, cogs.owner\n"
        "app = App.open(None)\n"
        "app.questions.timeline_image()\n"
        "async def main():\n"
        "    bot = RaceBot(Settings(), app)\n"
        "    await bot.close()\n"
        "asyncio.run(main())\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()

"""Benchmark: an admin edit's write time on the TinyDB file vs PostgreSQL, at the seed and at 10,000 more items.

Each edit is a real ``/facts date`` applied through the app (validation, the item, its history,
its alerts to 10 subscribed channels in the outbox, one transaction), timed end to end. TinyDB
rewrites and fsyncs its whole file per commit; PostgreSQL writes the changed rows and fsyncs its
WAL, and reads a table again only when its version moved. "TinyDB without a file" still serialises the
whole document per commit (that is how it knows whether anything changed) but never touches the disk.
The server is a real one started like the tests' (``tests/pg.py``), fsync on, on this machine.

Run: .venv/bin/python bench/bench_store.py [--edits 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.alerts.records import Subscription, insert_many  # noqa: E402
from bot.app import App, open_store  # noqa: E402
from bot.core.changes import Actor  # noqa: E402
from bot.core.dates import IsoStyle  # noqa: E402
from bot.core.models import Fact, Milestone, MilestoneKind, MilestoneStatus, Precision, to_dict  # noqa: E402
from bot.infra.store import Store  # noqa: E402
from bot.seed.loader import ensure_seeded  # noqa: E402
from tests.pg import running_server  # noqa: E402

ADMIN = Actor("42", "bench")
STYLE = IsoStyle()


def grow(store: Store, n: int) -> None:
    """n/2 synthetic milestones and n/2 facts, stored (so every commit carries them)."""
    rng = random.Random(7)
    contenders = [doc["id"] for doc in store.table("contenders").all()]
    milestones, facts = [], []
    for i in range(n // 2):
        date = f"20{rng.randint(10, 40)}-0{rng.randint(1, 9)}-01T00:00:00Z"
        kind, contender = rng.choice(list(MilestoneKind)), rng.choice(contenders)
        milestones.append(
            Milestone(
                id=f"m{i}",
                contender=contender,
                kind=kind,
                title=f"synthetic milestone {i}",
                date=date,
                precision=Precision.DAY,
                status=MilestoneStatus.PLANNED,
                sources=["https://example.org"],
            )
        )
        text = f"Synthetic fact {i} was {rng.randint(1, 999)} million."
        facts.append(Fact(id=f"f{i}", contender=contender, topics=["synthetic"], text=text, sources=["https://x.org"]))
    store.run(lambda s: s.table("milestones").insert_multiple(to_dict(m) for m in milestones))
    store.run(lambda s: s.table("facts").insert_multiple(to_dict(f) for f in facts))


def edits(store: Store, count: int) -> list[float]:
    """Milliseconds per applied edit (date changes on one seed milestone, alerts to 10 channels)."""
    app = App.build(store)
    subs = [Subscription(id=f"s{ch}", guild_id=1, channel_id=ch) for ch in range(1000, 1010)]
    store.run(lambda s: insert_many(s, subs))
    times = []
    for i in range(count + 2):
        date = f"2027-{1 + i % 12:02d}-{1 + i % 27:02d}"
        start = time.perf_counter()
        app.facts.set_date(ADMIN, "SEE-1 launch", date, "https://example.org/bench", "bench", STYLE, confirm=False)
        if i >= 2:  # the first two warm caches and the engine
            times.append((time.perf_counter() - start) * 1000)
    return times


def run(label: str, store: Store, extra: int, count: int) -> tuple[float, float]:
    ensure_seeded(store)
    if extra:
        grow(store, extra)
    times = edits(store, count)
    median, p95 = statistics.median(times), sorted(times)[int(0.95 * (len(times) - 1))]
    print(f"{label:<44}{median:>10.1f}{p95:>10.1f}")
    store.close()
    return median, p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=30)
    count = parser.parse_args().edits
    print(f"{'backend, knowledge base':<44}{'median ms':>10}{'p95 ms':>10}")
    results: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory() as folder, running_server() as server:
        for extra in (0, 10_000):
            size = "seed" if not extra else "seed + 10,000"
            path = Path(folder) / f"race-{extra}.json"
            results["memory", extra] = run(f"TinyDB without a file (no disk), {size}", Store.memory(), extra, count)[0]
            results["tinydb", extra] = run(f"TinyDB file, {size}", open_store(path), extra, count)[0]
            url = server.url(server.create_database())
            results["postgresql", extra] = run(f"PostgreSQL, {size}", open_store(None, url), extra, count)[0]
            if extra:
                print(f"  (TinyDB file: {path.stat().st_size / 1e6:.1f} MB)")
    for extra in (0, 10_000):
        ratio = results["postgresql", extra] / results["tinydb", extra]
        print(f"PostgreSQL / TinyDB median, {'seed' if not extra else 'seed + 10,000'}: {ratio:.2f}x")
    growth = {b: results[b, 10_000] / results[b, 0] for b in ("tinydb", "postgresql")}
    print(f"10,000 / seed median: TinyDB {growth['tinydb']:.1f}x, PostgreSQL {growth['postgresql']:.1f}x")


if __name__ == "__main__":
    main()

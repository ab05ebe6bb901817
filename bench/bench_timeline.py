"""Timing of the timeline image: python bench/bench_timeline.py [--runs N] [--out DIR]

Renders a small race (3 contenders), a mid-size KB (15 contenders / 80 milestones) and a dense
one (10 contenders / 500 milestones) N times each and prints median and p95 of the whole
render (layout + drawing + PNG encoding) and of the layout alone, plus image size.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.core.models import (  # after the path tweak, so the script runs from anywhere
    Contender,
    DateChange,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Precision,
)
from bot.timeline.image import TimelineOptions, layout_timeline, render_timeline

TODAY = datetime(2025, 3, 12, 12, 0, tzinfo=UTC)


def small_race() -> tuple[list[Contender], list[Milestone]]:
    def ms(id_, who, title, date, precision, status, kind=MilestoneKind.OTHER, history=()):
        return Milestone(id=id_, contender=who, title=title, date=date, precision=precision,
                         status=status, kind=kind, history=list(history))  # fmt: skip

    slip = [DateChange("2021-10-01T00:00:00Z", Precision.MONTH, MilestoneStatus.PLANNED, "2020-09-01T00:00:00Z")]
    contenders = [
        Contender(id="challenge", name="Challenge (Вызов)"),
        Contender(id="cruise", name="Tom Cruise / Doug Liman film"),
        Contender(id="ax", name="Axiom Space entertainment"),
    ]
    milestones = [
        ms("a", "challenge", "Project announced", "2020-09-01T00:00:00Z", Precision.MONTH, MilestoneStatus.DONE),
        ms("b", "challenge", "Soyuz MS-19 launch", "2021-10-05T08:55:02Z", Precision.TIME,
           MilestoneStatus.DONE, MilestoneKind.LAUNCH),
        ms("c", "challenge", "Premiere", "2023-04-12T00:00:00Z", Precision.DAY, MilestoneStatus.DONE),
        ms("d", "cruise", "NASA confirms the film", "2020-05-05T00:00:00Z", Precision.DAY, MilestoneStatus.DONE),
        ms("e", "cruise", "Launch to the ISS", "2024-01-01T00:00:00Z", Precision.YEAR,
           MilestoneStatus.SLIPPED, MilestoneKind.LAUNCH, slip),
        ms("f", "cruise", "Release", None, Precision.UNKNOWN, MilestoneStatus.PLANNED),
        ms("g", "ax", "Studio module launch", "2025-12-01T00:00:00Z", Precision.MONTH, MilestoneStatus.CANCELLED),
        ms("h", "ax", "First film in the module", "2026-07-01T00:00:00Z", Precision.QUARTER,
           MilestoneStatus.PLANNED),
        ms("i", "ax", "Crew announced", "2025-06-01T00:00:00Z", Precision.MONTH, MilestoneStatus.CONFIRMED),
    ]  # fmt: skip
    return contenders, milestones


def synthetic(n_contenders: int, n_milestones: int, seed: int = 7) -> tuple[list[Contender], list[Milestone]]:
    rnd = random.Random(seed)
    contenders = [Contender(id=f"c{i}", name=f"Contender {i}") for i in range(n_contenders)]
    start = datetime(2015, 1, 1, tzinfo=UTC)
    span = (datetime(2028, 1, 1, tzinfo=UTC) - start).total_seconds()
    milestones = []
    for j in range(n_milestones):
        precision = rnd.choice(list(Precision))
        status = rnd.choice(list(MilestoneStatus))
        when = start + timedelta(seconds=rnd.random() * span)
        history = []
        if status is MilestoneStatus.SLIPPED:
            old = when - timedelta(days=rnd.randint(30, 1000))
            history.append(DateChange(old.strftime("%Y-%m-%dT%H:%M:%SZ"), Precision.DAY,
                                      MilestoneStatus.PLANNED, "2020-01-01T00:00:00Z"))  # fmt: skip
        milestones.append(
            Milestone(
                id=f"m{j}",
                contender=contenders[j % n_contenders].id,
                title=f"Milestone {j} " + rnd.choice(["launch", "crew named", "docking at the station"]),
                date=None if precision is Precision.UNKNOWN else when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                precision=precision,
                status=status,
                kind=rnd.choice(list(MilestoneKind)),
                history=history,
            )
        )
    return contenders, milestones


def timings(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm up: imports, font lookup
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--out", type=Path, default=None, help="also save the PNGs in this directory")
    args = parser.parse_args()

    cases = [
        ("small race: 3 lanes, 9 items", *small_race(), TimelineOptions()),
        ("small race, light, 800 px", *small_race(), TimelineOptions(theme="light", width=800)),
        ("15 lanes, 80 milestones", *synthetic(15, 80), TimelineOptions()),
        ("10 lanes, 500 milestones", *synthetic(10, 500), TimelineOptions()),
    ]
    print(f"{args.runs} runs each, times in ms (render = layout + drawing + PNG)")
    print(f"{'case':<30} {'render med':>10} {'p95':>7} {'layout med':>10} {'p95':>7} {'size':>10} {'PNG KB':>7}")
    for name, contenders, milestones, options in cases:
        png = render_timeline(contenders, milestones, today=TODAY, options=options)
        layout = layout_timeline(contenders, milestones, today=TODAY, options=options)
        render = timings(lambda c=contenders, m=milestones, o=options: render_timeline(c, m, today=TODAY, options=o),
                         args.runs)  # fmt: skip
        lay = timings(lambda c=contenders, m=milestones, o=options: layout_timeline(c, m, today=TODAY, options=o),
                      args.runs)  # fmt: skip
        size = f"{layout.width}x{layout.height}"
        print(
            f"{name:<30} {statistics.median(render):>10.1f} {p95(render):>7.1f} "
            f"{statistics.median(lay):>10.1f} {p95(lay):>7.1f} {size:>10} {len(png) / 1024:>7.0f}"
        )
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            slug = "".join(c if c.isalnum() else "_" for c in name).strip("_")
            (args.out / f"{slug}.png").write_bytes(png)


if __name__ == "__main__":
    main()

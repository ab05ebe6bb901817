"""Fit the bank fallback's acceptor (bot/ask/acceptor.py) on the development question sets.

    python bench/train_acceptor.py            # print cross-validated figures only
    python bench/train_acceptor.py --write    # and write bot/ask/acceptor.json

Every question of the development sets is asked with an acceptor that takes every candidate, and
each answer the fallback gave is labelled right or wrong by the set's expectations (an off-topic
question answered is wrong). A logistic regression (L2-regularised, fitted by Newton's method in
plain Python: a few hundred rows and sixteen measures) is then checked by leaving one set out at a
time, and the figures per threshold say what the fallback would add: right answers, wrong ones and
off-topic ones. Never fit on a blind set: it would stop being blind.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import App  # noqa: E402
from bot.ask.acceptor import DEFAULT_PATH, FEATURES  # noqa: E402
from bot.core.dates import IsoStyle  # noqa: E402
from tests.blind_scoring import _group_ok, answer_text, load  # noqa: E402

DEVELOPMENT = [
    "questions.json",
    "questions_holdout.json",
    "questions_blind.json",
    "questions_blind2.json",
    "questions_blind3.json",
    "questions_blind4.json",
    "questions_blind5.json",
    "questions_blind6.json",
    "questions_blind7.json",
    "questions_blind8.json",
    "questions_blind9.json",
    "questions_blind10.json",
    "questions_blind_ru.json",
    "questions_blind_ru2.json",
    "questions_blind_ru3.json",
    "questions_blind_ru4.json",
    "questions_blind_ru5.json",
    "questions_blind_ru6.json",
    "questions_blind_ru7.json",
    "questions_blind_ru8.json",
]
THRESHOLDS = (0.7, 0.8, 0.85, 0.88, 0.9, 0.92, 0.95)
MOST_CANDIDATES = 2  # one per phrasing: as written, and (Russian) in its English words


@dataclass
class Recorder:
    """Takes the candidate offered `take`-th (0 = the first) and keeps its measures; refuses the others.

    The engine offers a question's candidates one phrasing at a time and answers with the first it is
    given leave to: asking once per place in that order labels every candidate, so the figures can
    replay the engine's own order."""

    take: int = 0
    offered: int = 0
    last: dict[str, float] | None = None

    def accepts(self, measures: dict[str, float]) -> bool:
        self.offered += 1
        if self.offered - 1 != self.take:
            return False
        self.last = dict(measures)
        return True


@dataclass
class Row:
    x: list[float]
    right: bool
    off_topic: bool
    set_name: str
    question: str = field(repr=False)
    order: int = 0
    answered: bool = True  # False: the answer this candidate gave was declined by a later check


def collect() -> list[Row]:
    app = App.open(None)
    service, recorder = app.questions, Recorder()
    service.engine.acceptor = recorder
    rows = []
    for name in DEVELOPMENT:
        data = load(name)
        asked = [(q, False) for q in data["answerable"]] + [(q, True) for q in data.get("decline", [])]
        for item, off_topic in asked:
            for take in range(MOST_CANDIDATES):
                recorder.take, recorder.offered, recorder.last = take, 0, None
                reply = service.ask(item["q"], IsoStyle())
                if recorder.last is None:
                    break  # fewer candidates than that
                text = answer_text(reply).casefold()
                right = reply.ok and not off_topic and all(_group_ok(g, text) for g in item["expect"])
                x = [recorder.last[f] for f in FEATURES]
                rows.append(Row(x, right, off_topic, name, item["q"], take, reply.ok))
    return rows


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is small and, with L2, well posed)."""
    n = len(b)
    m = [[*row[:], b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c]:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit(rows: list[Row], l2: float = 1.0, rounds: int = 25) -> list[float]:
    """Weights then bias, by Newton's method on the penalised log-likelihood (the bias unpenalised)."""
    xs = [[*r.x, 1.0] for r in rows]
    ys = [1.0 if r.right else 0.0 for r in rows]
    k = len(xs[0])
    w = [0.0] * k
    for _ in range(rounds):
        grad = [(l2 * w[j] if j < k - 1 else 0.0) for j in range(k)]
        hess = [[(l2 if i == j and i < k - 1 else 0.0) for j in range(k)] for i in range(k)]
        for x, y in zip(xs, ys, strict=True):
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, sum(a * b for a, b in zip(w, x, strict=True))))))
            for i in range(k):
                grad[i] += (p - y) * x[i]
                s = p * (1 - p) * x[i]
                for j in range(i, k):
                    hess[i][j] += s * x[j]
        for i in range(k):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return w


def probability(w: list[float], x: list[float]) -> float:
    z = sum(a * b for a, b in zip(w, [*x, 1.0], strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def cross_validated(rows: list[Row]) -> list[tuple[float, Row]]:
    out = []
    for name in sorted({r.set_name for r in rows}):
        w = fit([r for r in rows if r.set_name != name and r.answered])
        out += [(probability(w, r.x), r) for r in rows if r.set_name == name]
    return out


def figures(scored: list[tuple[float, Row]]) -> list[dict[str, Any]]:
    """What the engine would answer at each threshold: per question, the first candidate let through."""
    table = []
    for t in THRESHOLDS:
        taken: dict[tuple[str, str], Row] = {}
        for p, r in sorted(scored, key=lambda pr: pr[1].order):
            if p >= t and (r.set_name, r.question) not in taken:
                taken[(r.set_name, r.question)] = r
        answered = [r for r in taken.values() if r.answered]
        right = sum(r.right for r in answered)
        table.append(
            {
                "threshold": t,
                "right": right,
                "wrong": len(answered) - right,
                "off_topic": sum(r.off_topic for r in answered),
            }
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write bot/ask/acceptor.json")
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--dump", help="also write the labelled rows to this JSON file")
    args = parser.parse_args()
    every = collect()
    rows = [r for r in every if r.answered]  # fitted on the answers given; the figures replay them all
    if args.dump:
        Path(args.dump).write_text(json.dumps([r.__dict__ for r in rows], ensure_ascii=False), encoding="utf-8")
    print(f"{len(rows)} fallback answers on the development sets, {sum(r.right for r in rows)} right")
    table = figures(cross_validated(every))
    for line in table:
        print("leave-one-set-out", line)
    weights = fit(rows)
    if args.write:
        data = {
            "about": "Fitted by bench/train_acceptor.py on the development sets; do not edit by hand.",
            "features": list(FEATURES),
            "weights": [round(v, 4) for v in weights[:-1]],
            "bias": round(weights[-1], 4),
            "threshold": args.threshold,
            "trained_on": DEVELOPMENT,
            "rows": len(rows),
            "leave_one_set_out": table,
        }
        DEFAULT_PATH.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print("wrote", DEFAULT_PATH)


if __name__ == "__main__":
    main()

"""Greedy placement of milestone labels in rows above and below a lane.

Labels never overlap however many milestones there are: each is placed, in priority order,
in the first free spot, and one that fits nowhere is skipped rather than squeezed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

LABEL_CHARS = 28  # milestone labels are cut to this many characters...
SHORT_LABEL_CHARS = 16  # ...or to this many when the long form fits nowhere
ROWS_PER_SIDE = 2  # label rows above and below each lane

Variant = tuple[str, float]  # label text, extra width (the winner's star)
Span = tuple[float, float]  # x0, x1 of a placed label


@dataclass(frozen=True)
class Slot:
    """Where a label went: its text variant, side, row and horizontal extent."""

    text: str
    above: bool
    row: int
    x0: float
    x1: float


def place_labels(
    candidates: Sequence[tuple[float, Sequence[Variant]]],
    *,
    measure: Callable[[str], float],
    lo: float,
    hi: float,
    gap: float,
    stem_margin: float,
    nub: float,
) -> list[Slot | None]:
    """Greedy label placement in rows above/below one lane, in the given (priority) order.

    A label is centred on its marker, or starts/ends at it; it must not come within ``gap``
    of another label in its row, must not cover the stem of a label further out, and its own
    stem must not cross a label nearer the lane. Each candidate has text variants (long,
    short), each with extra width (the winner's star); a variant is measured only when
    tried. A label that fits nowhere is skipped (None).
    """
    rows: dict[tuple[bool, int], list[Span]] = {}
    stems: dict[bool, list[tuple[float, int]]] = {True: [], False: []}
    result: list[Slot | None] = []
    for x, variants in candidates:
        chosen = _first_fit(x, variants, measure, rows, stems, lo=lo, hi=hi, gap=gap, stem_margin=stem_margin, nub=nub)
        if chosen is not None:
            rows[(chosen.above, chosen.row)].append((chosen.x0, chosen.x1))
            stems[chosen.above].append((x, chosen.row))
        result.append(chosen)
    return result


def _first_fit(
    x: float,
    variants: Sequence[Variant],
    measure: Callable[[str], float],
    rows: dict[tuple[bool, int], list[Span]],
    stems: dict[bool, list[tuple[float, int]]],
    *,
    lo: float,
    hi: float,
    gap: float,
    stem_margin: float,
    nub: float,
) -> Slot | None:
    """The first free spot for the label of the marker at ``x``: long text before short,
    rows nearer the lane before further ones, above before below, centred before off-centre."""
    order = [(above, row) for row in range(1, ROWS_PER_SIDE + 1) for above in (True, False)]
    for text, extra in variants:
        w = measure(text) + extra
        if w > hi - lo:
            continue
        for above, row in order:
            taken = rows.setdefault((above, row), [])
            for x0 in (x - w / 2, x - nub, x + nub - w):
                x0 = min(max(x0, lo), hi - w)
                x1 = x0 + w
                if not (x0 <= x <= x1):
                    continue
                if any(x0 < b + gap and a < x1 + gap for a, b in taken):
                    continue
                if any(r > row and x0 - stem_margin <= sx <= x1 + stem_margin for sx, r in stems[above]):
                    continue
                if any(
                    a - stem_margin <= x <= b + stem_margin
                    for inner in range(1, row)
                    for a, b in rows.get((above, inner), ())
                ):
                    continue
                return Slot(text, above, row, x0, x1)
    return None

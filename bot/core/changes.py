"""The records an edit produces: who acts, what each operation changes, the proposal and the applied change.

They are plain data shared by editing (which builds and applies them), alerts (which turn a
proposal's milestone changes into alerts) and the feed (which proposes upstream changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALERTING_FIELDS = ("date", "precision", "status")


@dataclass(frozen=True)
class Actor:
    """Who makes a change, as it will read in the history."""

    id: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id})" if self.id and self.id != self.name else self.name


@dataclass
class Op:
    collection: str
    item_id: str
    before: dict[str, Any] | None  # None: the item is created
    after: dict[str, Any] | None  # None: the item is removed
    position: int | None = None  # where a removed item stood in its collection, so undo puts it back there


@dataclass
class Proposal:
    action: str
    summary: str
    ops: list[Op]
    actor: Actor
    reason: str = ""
    source: str = ""
    undoes: int | None = None
    notes: list[str] = field(default_factory=list)

    def milestone_changes(self) -> list[Op]:
        """Operations that move a milestone's date, precision or status: these raise alerts."""
        out = []
        for op in self.ops:
            if op.collection != "milestones" or op.before is None or op.after is None:
                continue
            if any(op.before.get(k) != op.after.get(k) for k in ALERTING_FIELDS):
                out.append(op)
        return out


@dataclass
class Change:
    """One applied proposal, as kept in the history table."""

    id: int
    at: str
    by: str
    action: str
    summary: str
    ops: list[dict[str, Any]]
    reason: str = ""
    source: str = ""
    undoes: int | None = None
    undone_by: int | None = None

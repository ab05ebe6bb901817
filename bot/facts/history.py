"""Applying edits, the history they leave, and undo: the only code that writes the knowledge base.

:class:`~bot.facts.editor.Editor` builds proposals and writes nothing. The :class:`Ledger` applies
one — the items, one history record and whatever its hooks add (the alerts' outbox) — in ONE store
transaction, then updates memory. A failed edit therefore leaves no partial change, and an
applied one can be undone exactly, because the history keeps full before/after copies of every
item it touched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.core.changes import Actor, Change, Op, Proposal
from bot.core.dates import iso_instant
from bot.core.errors import EditError
from bot.core.kb import COLLECTIONS, KnowledgeBase
from bot.core.models import from_dict, to_dict
from bot.infra.store import Store

HISTORY_TABLE = "history"

# A hook called inside the applying transaction (e.g. to queue alerts in the outbox).
ApplyHook = Callable[[Store, Proposal, Change], None]


class Ledger:
    """Applies proposals atomically, lists what was applied, and proposes exact reversals."""

    def __init__(self, kb: KnowledgeBase, store: Store, *, clock: Callable[[], datetime]) -> None:
        self.kb = kb
        self.store = store
        self.clock = clock
        self.hooks: list[ApplyHook] = []

    # -- reading -------------------------------------------------------------------------

    def history(self, item_id: str | None = None, limit: int = 50) -> list[Change]:
        """The latest changes first; with ``item_id``, only those that touched that item."""
        changes = [from_dict(Change, dict(doc)) for doc in self.store.table(HISTORY_TABLE).all()]
        if item_id:
            changes = [c for c in changes if any(op["item_id"] == item_id for op in c.ops)]
        return sorted(changes, key=lambda c: c.id, reverse=True)[:limit]

    # -- undo ----------------------------------------------------------------------------

    def undo(self, actor: Actor, change_id: int | None = None) -> Proposal:
        """Revert a change (the latest not yet undone by default), if nothing touched it since."""
        target = self._undo_target(change_id)
        ops = []
        for raw in reversed(target.ops):
            current = getattr(self.kb, raw["collection"]).get(raw["item_id"])
            if (to_dict(current) if current else None) != raw["after"]:
                raise EditError(f"{raw['item_id']} changed after #{target.id}; undo the later change first.")
            ops.append(Op(raw["collection"], raw["item_id"], raw["after"], raw["before"], raw.get("position")))
        return Proposal("undo", f"Undo #{target.id}: {target.summary}", ops, actor, undoes=target.id)

    def _undo_target(self, change_id: int | None) -> Change:
        changes = self.history(limit=10_000)
        if change_id is None:
            latest = next((c for c in changes if c.undone_by is None and c.action != "undo"), None)
            if latest is None:
                raise EditError("There is nothing to undo.")
            return latest
        target = next((c for c in changes if c.id == change_id), None)
        if target is None:
            raise EditError(f"There is no change #{change_id}.")
        if target.undone_by is not None:
            raise EditError(f"Change #{change_id} was already undone by #{target.undone_by}.")
        return target

    # -- applying ------------------------------------------------------------------------

    def apply(self, proposal: Proposal) -> Change:
        """Check, write and update memory in one critical section: the store's single writer.

        The freshness check, the write and the in-memory update all happen while holding the
        store's lock, so two confirms of proposals made from the same state cannot both pass the
        check: the second sees the first's result and is refused as stale, never silently lost.
        """
        table = self.store.table(HISTORY_TABLE)
        with self.store.transaction():
            self._check_fresh(proposal)
            for op in proposal.ops:
                self._write(op)  # records where a removed item stood, for its undo
            change = self._record(proposal, next_id=max((doc["id"] for doc in table.all()), default=0) + 1)
            table.insert(to_dict(change))
            if proposal.undoes is not None:
                table.update({"undone_by": change.id}, lambda doc: doc["id"] == proposal.undoes)
            for hook in self.hooks:
                hook(self.store, proposal, change)
            self.store.after_commit(lambda: self._remember_all(proposal))
        return change

    def _record(self, proposal: Proposal, *, next_id: int) -> Change:
        return Change(
            id=next_id,
            at=iso_instant(self.clock()),
            by=proposal.actor.label,
            action=proposal.action,
            summary=proposal.summary,
            ops=[op.__dict__.copy() for op in proposal.ops],
            reason=proposal.reason,
            source=proposal.source,
            undoes=proposal.undoes,
        )

    def _check_fresh(self, proposal: Proposal) -> None:
        """Refuse a proposal whose items changed since it was made (e.g. a stale preview)."""
        for op in proposal.ops:
            current = getattr(self.kb, op.collection).get(op.item_id)
            if (to_dict(current) if current else None) != op.before:
                raise EditError(f"{op.item_id} changed in the meantime; please run the command again.")

    def _write(self, op: Op) -> None:
        table = self.store.table(op.collection)
        if op.after is None:
            order = [doc.get("id") for doc in table.all()]
            op.position = order.index(op.item_id) if op.item_id in order else None  # kept in the history
        table.remove(lambda doc: doc.get("id") == op.item_id)
        if op.after is None:
            return
        if op.before is None and op.position is not None:  # an undone removal: back where it stood
            docs = [dict(doc) for doc in table.all()]
            docs.insert(op.position, op.after)
            table.truncate()
            table.insert_multiple(docs)
            return
        table.insert(op.after)

    def _remember_all(self, proposal: Proposal) -> None:
        """Memory follows the disk only once the write is durable (called by ``after_commit``)."""
        items_by_collection = {name: getattr(self.kb, name) for name in COLLECTIONS}
        for op in proposal.ops:
            items = items_by_collection[op.collection]
            if op.after is None:
                items.pop(op.item_id, None)
            elif op.before is None and op.position is not None:
                pairs = list(items.items())
                pairs.insert(op.position, (op.item_id, from_dict(COLLECTIONS[op.collection], op.after)))
                items.clear()
                items.update(pairs)
            else:
                items[op.item_id] = from_dict(COLLECTIONS[op.collection], op.after)
        self.kb.touch()

"""Applying edits, the history they leave, and undo: the only code that writes the knowledge base.

:class:`~bot.facts.editor.Editor` builds proposals and writes nothing. The :class:`Ledger` applies
one — the items, one history record and whatever its hooks add (the alerts' outbox) — in ONE store
transaction, then updates memory. A failed edit therefore leaves no partial change, and an
applied one can be undone exactly, because the history keeps full before/after copies of every
item it touched.

A change's summary is kept twice: as English text in the record (what the history always showed)
and, when it was built from the catalogue, as its key and values (``words``), so the history can be
shown to each admin in their own language. Records from before that have only the English.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from bot.core.changes import Actor, Change, Op, Proposal
from bot.core.dates import iso_instant
from bot.core.errors import EditError, Message
from bot.core.kb import COLLECTIONS, KnowledgeBase
from bot.core.models import from_dict, to_dict
from bot.facts import strings as _strings  # noqa: F401  (registers the refusals below)
from bot.infra.store import Store

HISTORY_TABLE = "history"
WORDS = "words"  # a history record's summary as catalogue words (Message.to_data), beside the English

# A hook called inside the applying transaction (e.g. to queue alerts in the outbox).
ApplyHook = Callable[[Store, Proposal, Change], None]


class Follower(Protocol):
    """Keeps memory in step with a database other processes write too."""

    def refresh(self) -> object: ...

    def own_edit(self) -> None: ...


class Ledger:
    """Applies proposals atomically, lists what was applied, and proposes exact reversals."""

    def __init__(self, kb: KnowledgeBase, store: Store, *, clock: Callable[[], datetime]) -> None:
        self.kb = kb
        self.store = store
        self.clock = clock
        self.hooks: list[ApplyHook] = []
        # Other processes on a shared database (see bot.infra.tables.KnowledgeSync): memory is brought up
        # to what they committed first inside each edit's transaction, so the freshness check compares
        # against the database, and told at its end that this edit is already in memory.
        self.followers: list[Follower] = []

    # -- reading -------------------------------------------------------------------------

    def history(self, item_id: str | None = None, limit: int = 50) -> list[Change]:
        """The latest changes first; with ``item_id``, only those that touched that item."""
        changes = [_change(dict(doc)) for doc in self.store.table(HISTORY_TABLE).all()]
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
                raise EditError(Message("facts.err.changed_after", id=raw["item_id"], change=target.id))
            ops.append(Op(raw["collection"], raw["item_id"], raw["after"], raw["before"], raw.get("position")))
        summary = Message("facts.summary.undo", id=target.id, summary=target.summary)
        return Proposal("undo", summary, ops, actor, undoes=target.id)

    def _undo_target(self, change_id: int | None) -> Change:
        changes = self.history(limit=10_000)
        if change_id is None:
            latest = next((c for c in changes if c.undone_by is None and c.action != "undo"), None)
            if latest is None:
                raise EditError(Message("facts.err.nothing_to_undo"))
            return latest
        target = next((c for c in changes if c.id == change_id), None)
        if target is None:
            raise EditError(Message("facts.err.no_change", id=change_id))
        if target.undone_by is not None:
            raise EditError(Message("facts.err.already_undone", id=change_id, by=target.undone_by))
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
            for follower in self.followers:
                follower.refresh()
            self._check_fresh(proposal)
            for op in proposal.ops:
                self._write(op)  # records where a removed item stood, for its undo
            change = self._record(proposal, next_id=max((doc["id"] for doc in table.all()), default=0) + 1)
            table.insert(_record_doc(change))
            if proposal.undoes is not None:
                table.update({"undone_by": change.id}, lambda doc: doc["id"] == proposal.undoes)
            for hook in self.hooks:
                hook(self.store, proposal, change)
            self.store.after_commit(lambda: self._remember_all(proposal))
            for follower in self.followers:
                follower.own_edit()
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
                raise EditError(Message("facts.err.changed_meantime", id=op.item_id))

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


def _record_doc(change: Change) -> dict[str, Any]:
    """The stored record: the change, and its summary's words when it has them (see WORDS)."""
    doc = to_dict(change)  # the summary becomes its English text here
    if isinstance(change.summary, Message):
        doc[WORDS] = change.summary.to_data()
    return doc


def _change(doc: dict[str, Any]) -> Change:
    """A stored record read back; its summary is a Message again when its words still read."""
    words = doc.pop(WORDS, None)
    change = from_dict(Change, doc)
    summary = Message.from_data(words) if words else None
    if summary is not None:
        change.summary = summary
    return change

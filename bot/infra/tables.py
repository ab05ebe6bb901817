"""The knowledge base in the store's tables: loading it and writing it whole.

Kept out of :mod:`bot.core.kb` so the pure domain never imports the store.
"""

from __future__ import annotations

from typing import Any

from bot.core.kb import COLLECTIONS, RACE_TABLE, KnowledgeBase, Race
from bot.core.models import from_dict, to_dict
from bot.infra.store import Store


def load_kb(store: Store) -> KnowledgeBase:
    """Every table read into a fresh knowledge base (each item validated)."""
    kb = KnowledgeBase()
    race_docs = store.table(RACE_TABLE).all()
    if race_docs:
        kb.race = Race(**dict(race_docs[0]))
    for name, model in COLLECTIONS.items():
        # By document id, as numbers: the file keeps ids as sorted strings ("1", "10", "2"), and an
        # item's place (what a timeline lists first, where an undone removal goes back) is its id's.
        docs = sorted(store.table(name).all(), key=lambda doc: doc.doc_id)
        items: list[Any] = [from_dict(model, dict(doc)) for doc in docs]
        getattr(kb, name).update({item.id: item for item in items})
    return kb


def save_kb(kb: KnowledgeBase, store: Store) -> None:
    """Replace every table with this knowledge base (inside the caller's transaction)."""
    race = store.table(RACE_TABLE)
    race.truncate()
    race.insert(dict(kb.race.__dict__))
    for name in COLLECTIONS:
        table = store.table(name)
        table.truncate()
        table.insert_multiple(to_dict(item) for item in getattr(kb, name).values())


KB_TABLES = (RACE_TABLE, *COLLECTIONS)


class KnowledgeSync:
    """Keeps this process's knowledge base in step with edits other processes commit.

    Every process holds the knowledge base in memory (answering reads it thousands of times a
    second). On a database only one process can open, memory follows the disk through the editor
    alone; on a shared one (PostgreSQL) another process's edit moves the knowledge tables' version,
    and :meth:`refresh` (before each command, each alert tick and inside each edit's transaction)
    notices with one small query and reads them again.
    """

    def __init__(self, kb: KnowledgeBase, store: Store) -> None:
        self.kb = kb
        self.store = store
        self.seen = store.versions(KB_TABLES)

    def refresh(self) -> bool:
        """Reload if another process changed the knowledge; whether anything differed."""
        if self.store.versions(KB_TABLES) in (None, self.seen):
            return False
        return self.store.run(self._reload)

    def own_edit(self) -> None:
        """Inside an edit's transaction, at its end: once it commits, memory (which the editor updates) is
        current as of these versions, so the edit is not read back. Read here, under the writer's lock,
        no other process's commit can fall between this edit and the versions noted."""
        versions = self.store.versions(KB_TABLES)
        self.store.after_commit(lambda: setattr(self, "seen", versions))

    def _reload(self, store: Store) -> bool:
        fresh, self.seen = load_kb(store), store.versions(KB_TABLES)
        if fresh.to_data() == self.kb.to_data():
            return False  # the change was this process's own edit, already in memory
        self.kb.replace_with(fresh)
        return True

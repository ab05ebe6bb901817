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

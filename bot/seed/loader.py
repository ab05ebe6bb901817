"""The shipped seed and its one-way migration into a store.

The seed is loaded on first start. A newer seed version later adds only the items whose ids
the store does not have yet, so an admin's edits are never overwritten by a redeploy.
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from typing import Any

from bot.core.kb import COLLECTIONS, RACE_TABLE, KnowledgeBase
from bot.core.models import to_dict
from bot.core.text import split_said
from bot.infra.store import SCHEMA_VERSION, Store
from bot.infra.tables import save_kb

log = logging.getLogger(__name__)


def load_seed() -> dict[str, Any]:
    return json.loads(resources.files("bot.seed").joinpath("race.json").read_text(encoding="utf-8"))


def ensure_seeded(store: Store, seed: dict[str, Any] | None = None) -> str:
    """Seed an empty store, or top up an older one; returns what happened, for the log."""
    seed = seed if seed is not None else load_seed()
    version = int(seed.get("seed_version", 1))
    meta = store.meta()
    if store.is_empty or "seed_version" not in meta:
        kb = KnowledgeBase.from_data(seed)
        with store.transaction():
            save_kb(kb, store)
            store.set_meta(schema_version=SCHEMA_VERSION, seed_version=version)
        return f"seeded version {version}"
    if meta["seed_version"] >= version:
        return f"seed version {meta['seed_version']} already applied"
    added = _top_up(store, KnowledgeBase.from_data(seed), version)
    return f"seed upgraded to version {version}: {added} new item(s)"


def _top_up(store: Store, seed: KnowledgeBase, version: int) -> int:
    added = 0
    with store.transaction():
        for name in COLLECTIONS:
            table = store.table(name)
            have = {doc["id"] for doc in table.all()}
            new = [to_dict(item) for item in getattr(seed, name).values() if item.id not in have]
            table.insert_multiple(new)
            added += len(new)
            _fill_new_fields(table, {item.id: to_dict(item) for item in getattr(seed, name).values()})
            if name == "contradictions":
                _fill_claim_verdicts(table, {item.id: to_dict(item) for item in seed.contradictions.values()})
        _merge_questions(store, seed)
        race = store.table(RACE_TABLE)
        if not (docs := race.all()):
            race.insert(dict(seed.race.__dict__))
        elif seed.race.texts and not docs[0].get("texts"):
            race.update({"texts": seed.race.texts}, doc_ids=[docs[0].doc_id])
        store.set_meta(schema_version=SCHEMA_VERSION, seed_version=version)
    return added


# Fields that seed version 2 added; an older database has them empty (they are written with defaults).
NEW_FIELDS = ("questions", "subjects", "attribute", "answer_kind", "value", "answer", "crewed", "texts")


def _fill_new_fields(table: Any, seed_docs: dict[str, dict[str, Any]]) -> None:
    """Give items stored by an older seed the fields a newer seed added (questions, typed roles, subjects).

    Only fields still empty are filled, so an admin's edits are never overwritten; a person's roles
    take the seed's typed roles only while they are untyped and still say what the seed says.
    """
    for doc in table.all():
        seed_doc = seed_docs.get(doc.get("id"))
        if seed_doc is None:
            continue
        update = {k: seed_doc[k] for k in NEW_FIELDS if k in seed_doc and seed_doc[k] and not doc.get(k)}
        roles = doc.get("roles")
        if roles and all(not r.get("functions") for r in roles):
            same = [(r["contender"], r["role"]) for r in roles] == [
                (r["contender"], r["role"]) for r in seed_doc["roles"]
            ]
            if same:
                update["roles"] = seed_doc["roles"]
        if update:
            table.update(update, doc_ids=[doc.doc_id])


def _fill_claim_verdicts(table: Any, seed_docs: dict[str, dict[str, Any]]) -> None:
    """Seed version 7 says which claim of a contradiction is the better-sourced one and which an error.

    A stored claim takes the seed's verdict only while it has none and still says what the seed's
    claim at its place says: an admin's reworded or reordered claims keep what they have."""
    for doc in table.all():
        seed_doc = seed_docs.get(doc.get("id"))
        claims = doc.get("claims") or []
        if seed_doc is None or len(claims) != len(seed_doc.get("claims", [])):
            continue
        merged = [
            {**mine, "verdict": theirs.get("verdict", "")}
            if not mine.get("verdict") and mine.get("text") == theirs.get("text")
            else mine
            for mine, theirs in zip(claims, seed_doc["claims"], strict=True)
        ]
        if merged != claims:
            table.update({"claims": merged}, doc_ids=[doc.doc_id])


def _merge_questions(store: Store, seed: KnowledgeBase) -> None:
    """Seed version 3 rewrote the questions items answer: add the new ones, move the misattached ones.

    A stored question the seed now lists under another item leaves the item it was wrongly on; any
    other stored question (an admin's, say) stays. A stored question the seed now lists with its
    recorded yes or no ("… → no", seed version 6) takes the seed's form, unless it records one of
    its own. So an upgraded database answers like a new one."""
    owner: dict[tuple[str, str], tuple[str, str]] = {}
    for name in COLLECTIONS:
        for item in getattr(seed, name).values():
            for lang, questions in item.questions.items():
                for q in questions:
                    owner.setdefault((lang, _bare(q)), (name, item.id))
    for name in COLLECTIONS:
        table = store.table(name)
        seeded = getattr(seed, name)
        for doc in table.all():
            mine = (name, doc.get("id"))
            stored: dict[str, list[str]] = doc.get("questions") or {}
            wanted = seeded[doc["id"]].questions if doc.get("id") in seeded else {}
            merged = {lang: [q for q in qs if owner.get((lang, _bare(q)), mine) == mine] for lang, qs in stored.items()}
            for lang, qs in wanted.items():
                have = merged.setdefault(lang, [])
                for q in qs:
                    at = next((i for i, h in enumerate(have) if _bare(h) == _bare(q)), None)
                    if at is None:
                        have.append(q)
                    elif not split_said(have[at])[1]:
                        have[at] = q  # the seed's recorded yes or no for the same question
            if merged != stored:
                table.update({"questions": merged}, doc_ids=[doc.doc_id])


def _bare(question: str) -> str:
    return split_said(question)[0].casefold()

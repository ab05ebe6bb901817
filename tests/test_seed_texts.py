"""Every seed item (and the race) carries a Russian text for each of its translatable fields."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.core.kb import KnowledgeBase
from bot.core.models import TRANSLATED, Contradiction, Person
from bot.seed.loader import load_seed

LANGUAGE = "ru"
CYRILLIC = re.compile("[А-Яа-яЁё]")
KINDS = {
    "contenders": "contender",
    "people": "person",
    "milestones": "milestone",
    "facts": "fact",
    "contradictions": "contradiction",
}
RACE_FIELDS = ("name", "goal", "summary")


def _expected(kind: str, item: Any) -> dict[str, str]:
    """The item's translatable English texts that are non-empty, by their ``texts`` key."""
    english = {name: getattr(item, name) for name in TRANSLATED[kind]}
    if isinstance(item, Person):
        for role in item.roles:
            english[f"role:{role.contender}"] = role.role
            english[f"character:{role.contender}"] = role.character
    if isinstance(item, Contradiction):
        for n, claim in enumerate(item.claims):
            english[f"claim:{n}"] = claim.text
    return {key: text for key, text in english.items() if text.strip()}


def _items() -> list[tuple[str, str, dict[str, str], dict[str, str]]]:
    """(label, kind, English texts, Russian texts) for the race and every seed item."""
    kb = KnowledgeBase.from_data(load_seed())
    race_english = {name: getattr(kb.race, name) for name in RACE_FIELDS}
    rows = [("race", "race", {k: v for k, v in race_english.items() if v.strip()}, kb.race.texts.get(LANGUAGE, {}))]
    for collection, kind in KINDS.items():
        for item_id, item in getattr(kb, collection).items():
            rows.append((f"{kind}:{item_id}", kind, _expected(kind, item), item.texts.get(LANGUAGE, {})))
    return rows


ITEMS = _items()


def test_the_seed_has_items_of_every_kind() -> None:
    kinds = {kind for _, kind, _, _ in ITEMS}
    assert kinds == {"race", *KINDS.values()}


@pytest.mark.parametrize(("label", "kind", "english", "russian"), ITEMS, ids=[row[0] for row in ITEMS])
def test_every_translatable_field_has_a_russian_text(
    label: str, kind: str, english: dict[str, str], russian: dict[str, str]
) -> None:
    missing = [key for key in english if not russian.get(key, "").strip()]
    assert not missing, f"{label} lacks Russian for {missing}"


@pytest.mark.parametrize(("label", "kind", "english", "russian"), ITEMS, ids=[row[0] for row in ITEMS])
def test_every_russian_text_is_in_cyrillic_and_has_an_english_original(
    label: str, kind: str, english: dict[str, str], russian: dict[str, str]
) -> None:
    latin_only = [key for key, text in russian.items() if not CYRILLIC.search(text)]
    assert not latin_only, f"{label}: Russian texts without Cyrillic: {latin_only}"
    orphans = sorted(set(russian) - set(english))
    assert not orphans, f"{label}: Russian texts for fields with no English text: {orphans}"

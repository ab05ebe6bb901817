"""Which texts of an item /facts translate may set, how long each may be, and where its English lives.

The fields written in a language are :data:`bot.core.models.TRANSLATED`'s, plus a person's role and
character on each contender (``role:challenge``) and a contradiction's claims by position
(``claim:0``). The English text is the item's own field (``summary``, a role's ``role``, a claim's
``text``); another language's lives in ``item.texts[language][field]``. Pure functions of an item:
the editor validates and builds the proposal (:meth:`bot.facts.editor.Editor.translate`).
"""

from __future__ import annotations

from typing import Any

from bot.core.models import TRANSLATED

# The field /facts translate sets when none is named: each kind's main text.
MAIN_TEXT = {
    "contender": "summary",
    "person": "summary",
    "milestone": "title",
    "fact": "text",
    "contradiction": "title",
}
# The fields kept on one line (by their name before any ":"); the others may hold paragraphs.
ONE_LINE = frozenset({"name", "title", "character", "role", "value", "answer"})
NAMES = frozenset({"name", "title"})  # what finds an item: an old English name stays an alias


def fields_of(kind: str, item: Any) -> list[str]:
    """Every field of this item that has a text in a language, in the order an error lists them."""
    fields = list(TRANSLATED.get(kind, ()))
    if kind == "person":
        fields += [f"{part}:{role.contender}" for role in item.roles for part in ("role", "character")]
    if kind == "contradiction":
        fields += [f"claim:{n}" for n in range(len(item.claims))]
    return fields


def base_of(field: str) -> str:
    """``role:challenge`` → ``role``: what the field holds, whose limit and name it shares."""
    return field.partition(":")[0]


def english_text(item: Any, field: str) -> str:
    """The English text of a field (one of :func:`fields_of`)."""
    base, _, key = field.partition(":")
    if base in ("role", "character"):
        role = next(r for r in item.roles if r.contender == key)
        return str(getattr(role, base))
    if base == "claim":
        return str(item.claims[int(key)].text)
    return str(getattr(item, base))


def set_english(item: Any, field: str, text: str) -> None:
    """Write the English text of a field in place (on a copy the editor made)."""
    base, _, key = field.partition(":")
    if base in ("role", "character"):
        role = next(r for r in item.roles if r.contender == key)
        setattr(role, base, text)
    elif base == "claim":
        item.claims[int(key)].text = text
    else:
        setattr(item, base, text)

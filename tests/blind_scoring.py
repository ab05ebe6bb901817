"""Scoring a question set: right, wrong and declined, counted separately (a wrong answer is worse than none).

An answer is right when every expectation group has an alternative in the answer's text — the
answer itself, not the card's title (which repeats the question, so a word the question contains
would count as found) nor the source links (whose addresses contain names). A group
made only of yes/no words ("yes", "no", "да", "нет") must match the answer's first word instead, so
that "no" does not match inside "not" or "Novitsky".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.ask.service import RaceService
from bot.core.cards import Reply
from bot.core.dates import IsoStyle

DATA = Path(__file__).parent / "data"
YES_NO = {"yes", "no", "да", "нет"}


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


@dataclass
class Score:
    right: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)

    def line(self, label: str) -> str:
        n = len(self.right) + len(self.wrong) + len(self.declined)
        return (
            f"{label}: {len(self.right)}/{n} right ({len(self.right) / n:.1%}), "
            f"{len(self.wrong)} wrong ({len(self.wrong) / n:.1%}), {len(self.declined)} declined"
        )


def _group_ok(group: list[str], text: str) -> bool:
    if {g.casefold() for g in group} <= YES_NO:
        first = re.findall(r"\w+", text.casefold())[:1]
        return bool(first) and first[0] in {g.casefold() for g in group}
    return any(alt.casefold() in text for alt in group)


def answer_text(reply: Reply) -> str:
    """What answers: each page's description and its fields other than the sources."""
    parts = []
    for card in reply.pages:
        parts.append(card.description)
        parts += [f"{f.name}\n{f.value}" for f in card.fields if f.name != "Sources"]
    return "\n".join(parts).strip()


def score(service: RaceService, items: list[dict[str, Any]]) -> Score:
    result = Score()
    for item in items:
        reply = service.ask(item["q"], IsoStyle())
        text = answer_text(reply).casefold()
        if not reply.ok:
            result.declined.append(item["q"])
        elif all(_group_ok(group, text) for group in item["expect"]):
            result.right.append(item["q"])
        else:
            result.wrong.append(item["q"])
    return result


def declines(service: RaceService, items: list[dict[str, Any]]) -> list[str]:
    """The questions that were answered although they should have been declined."""
    return [item["q"] for item in items if service.ask(item["q"], IsoStyle()).ok]

"""Text normalisation shared by matching and answering.

Lower case, accents folded (``López`` → ``lopez``), punctuation to spaces, Cyrillic kept as it
is, so «Вызов» still matches its alias and ``ms-19`` matches ``ms 19``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# "ms19" and "ms-19" should meet "ms 19": split letters from digits.
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])", re.UNICODE)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = folded.replace("ё", "е").replace("'", "").replace("’", "")
    spaced = _LETTER_DIGIT.sub(" ", folded)
    return " ".join(_NON_WORD.sub(" ", spaced).split())


NAME_MAX = 100  # names of items, and any name typed into a command


def tokens(text: str) -> list[str]:
    return normalize(text).split()


def neutralize_mentions(text: str) -> str:
    """Break ``@everyone``, ``@here`` and ``<@…>`` so they can never ping, even if echoed."""
    text = text.replace("@everyone", "@\u200beveryone").replace("@here", "@\u200bhere")
    return re.sub(r"<(@[!&]?|#)(\d+)>", "<\\1\u200b\\2>", text)


def shorten(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """Cut at a word boundary so nothing is cut mid-word."""
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    cut = text.rfind(" ", 0, room + 1)
    if cut < room // 2:
        cut = room
    return text[:cut].rstrip() + ellipsis


# A yes/no question an item answers may carry its recorded answer: "is the bridenstine tweet still up → no".
_SAID = re.compile(r"\s*(?:→|->)\s*(yes|no|да|нет)\s*$", re.IGNORECASE)
_SAID_AS = {"yes": "yes", "да": "yes", "no": "no", "нет": "no"}


def split_said(question: str) -> tuple[str, str]:
    """A stored question and its recorded yes or no ("yes", "no", or "" when none is recorded).

    Whether an item's words say yes or no to a question is often beyond a word match ("kept in his
    post" is a no to "was he fired for good"), so the item's own yes/no questions may say it, in the
    question's own text so that an admin adds it with the question ("… → yes") and history keeps both."""
    m = _SAID.search(question)
    return (question[: m.start()].strip(), _SAID_AS[m.group(1).casefold()]) if m else (question, "")

"""The words of the /ask engine: stopwords, question words and intents, synonyms, tuning constants.

Data, not algorithm: the engine (:mod:`bot.ask.engine`) and the index (:mod:`bot.ask.index`)
read these tables. ``stem`` and ``terms`` are the one way text becomes index terms.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from bot.core.text import tokens

K1 = 1.2
B = 0.75
MIN_COVERAGE = 0.6
MIN_COVERAGE_TRANSLATED = 0.7
UNKNOWN_WEIGHT = 1.0
CANDIDATES = 40
MIN_SCORE = 2.0
RUNNER_UP_RATIO = 0.8
MENTION_BOOST = 1.3
NAME_BY_PROJECT_CREDIT = 0.5
DID_YOU_MEAN = 70.0  # a declined question closer than this to a bank question gets "did you mean"

_STOPWORDS_TEXT = """
a an the of in on at to for from by with and or is was were are be been being do did does done it
its it's this that these those there their they them he she his her hers him i me my we our you
your what which whom whose how why when where who whos whats wheres whens hows about as into than
then so any some can could would should will shall may might has have had get got tell know please
hey hi bot pls plz thanks thx ok okay just also ever yet still much many long exactly actually
really anyone somebody someone give show find out up me whats' s supposed doing going meant take took
taken come came
u ur b4 lol tho even anyway anymore literally basically kinda sorta pretty btw idk
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Words that only say what kind of answer is wanted; removed from the content terms.
INTENT_WORDS: dict[str, tuple[str, ...]] = {
    "when": ("when", "date", "day", "time", "year", "month", "whn", "wen"),
    "who": ("who", "whom", "whose", "name"),
    "where": ("where", "location", "place"),
    "how_many": ("how many", "how much", "number", "amount", "figure", "total"),
    "how_long": ("how long", "duration", "length"),
    "status": ("status", "cancelled", "canceled", "scrapped", "shelved", "dead", "happening", "still"),
    "winner": ("who won", "won", "winner", "first", "beat", "win", "race"),
}

INTENT_TERMS = frozenset(w for phrases in INTENT_WORDS.values() for phrase in phrases for w in phrase.split())

# Domain synonyms (stems): a question word on the left also searches the words on the right.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "shoot": ("shot", "film"),
    "shot": ("shoot", "film"),
    "paid": ("payday", "pay"),
    "pay": ("payday", "paid"),
    "salari": ("payday",),
    "about": ("plot", "stori"),
    "plot": ("stori", "synopsi"),
    "tall": ("height",),
    "weigh": ("weight",),
    "old": ("age", "born"),
    "fli": ("launch",),
    "flew": ("launch",),
    "lift": ("launch",),
    "liftoff": ("launch",),
    "takeoff": ("launch",),
    "blast": ("launch",),
    "went": ("launch",),
    "go": ("launch",),
    "return": ("land", "undock"),
    "stay": ("spent", "spend"),
    "build": ("built",),
    "built": ("build",),
    "big": ("size", "across", "larg"),
    "larg": ("size", "across", "big"),
    "size": ("across", "big", "larg"),
    "sick": ("ill", "ail", "injur", "patient"),
    "ill": ("sick", "ail", "injur", "patient"),
    "injur": ("ill", "ail", "patient"),
    "spent": ("stay", "spend"),
    "spend": ("stay", "spent"),
    "back": ("land",),
    "touchdown": ("land",),
    "earth": ("land",),
    "director": ("direct",),
    "direct": ("director",),
    "movi": ("film",),
    "film": ("movi",),
    "cost": ("budget",),
    "budget": ("cost",),
    "earn": ("box", "offic", "gross"),
    "made": ("box", "offic", "gross"),
    "make": ("box", "offic", "gross"),
    "gross": ("box", "offic"),
    "revenu": ("box", "offic", "gross"),
    "money": ("budget", "box", "offic"),
    "actor": ("actress",),
    "actress": ("actor",),
    "star": ("actress", "actor", "lead"),
    "iss": ("station",),
    "station": ("iss",),
    "crew": ("crew",),
    "cancel": ("shelv", "scrap"),
    "scrap": ("shelv", "cancel"),
    "shelv": ("scrap", "cancel"),
    # nationalities, as members say them, to the countries and agencies the items name
    "japanes": ("japan", "jaxa"),
    "american": ("usa", "us", "nasa"),
    "french": ("franc", "esa"),
    "european": ("esa",),
    "canadian": ("canada",),
    "isra": ("israel",),
    "spanish": ("spain",),
    "british": ("uk", "britain"),
    "russian": ("russia", "roscosmo"),
    "passeng": ("crew", "privat", "paid"),
    "tourist": ("privat", "paid", "crew"),
    "ceo": ("chief", "execut", "head", "presid"),
    "boss": ("chief", "head", "director"),
    "head": ("chief", "director"),
}

# Terms a kind of question quietly looks for, e.g. "how long" → durations.
INTENT_HINTS: dict[str, tuple[str, ...]] = {
    "how_long": ("day", "hour", "minut", "durat", "length", "runtim", "month"),
    "how_many": ("number", "total", "million", "billion"),
    "where": ("locat", "site", "modul", "place", "where"),
    "when": ("date",),
    "what": (),
}

KIND_WEIGHTS: dict[str, dict[str, float]] = {
    "when": {"milestone": 1.6, "fact": 1.0, "contradiction": 0.8, "person": 0.4, "contender": 0.5, "race": 0.6},
    "who": {"person": 1.6, "fact": 1.1, "milestone": 0.8, "contender": 0.6, "contradiction": 0.8, "race": 0.8},
    "where": {"milestone": 1.3, "fact": 1.3, "contender": 0.6, "person": 0.6, "contradiction": 0.8, "race": 0.5},
    "how_many": {"fact": 1.5, "contradiction": 1.1, "milestone": 0.8, "person": 0.5, "contender": 0.6, "race": 0.5},
    "how_long": {"fact": 1.5, "milestone": 1.0, "contradiction": 1.1, "person": 0.5, "contender": 0.6, "race": 0.5},
    "status": {"contender": 2.0, "milestone": 1.1, "fact": 1.0, "person": 0.5, "contradiction": 0.8, "race": 0.8},
    "winner": {"race": 2.5, "contender": 1.0, "fact": 1.0, "milestone": 0.8, "person": 0.6, "contradiction": 0.8},
    "what": {"fact": 1.2, "milestone": 1.0, "contender": 1.0, "person": 1.0, "contradiction": 0.9, "race": 1.0},
}

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    return _stemmer.stemWord(word) if word.isascii() and word.isalpha() else word


def terms(text: str) -> list[str]:
    return [stem(t) for t in tokens(text) if t not in STOPWORDS]


_HOW = re.compile(r"\bhow (many|much|long)\b")


# Question words as members mistype them.
QUESTION_TYPOS = {
    "wat": "what", "wht": "what", "whta": "what", "waht": "what", "wut": "what",
    "wher": "where", "whre": "where", "wehre": "where", "whn": "when", "wen": "when", "wehn": "when", "whne": "when",
    "hw": "how", "hwo": "how", "whos": "who", "wich": "which", "whcih": "which",
}  # fmt: skip
_LEADING = {"who": "who", "whom": "who", "whose": "who", "when": "when", "where": "where"}


def fix_question_words(words: list[str]) -> list[str]:
    return [QUESTION_TYPOS.get(w, w) for w in words]


def detect_intent(text: str) -> str:
    """The kind of answer a normalised question asks for.

    "How many/long" decide first; then the question word that comes first, so "who called
    her when she arrived" asks who, not when."""
    how = _HOW.search(text)
    if how:
        return "how_long" if how.group(1) == "long" else "how_many"
    words = set(text.split())
    if {"won", "winner", "win", "beat"} & words or re.search(r"\b(who|which).*\bfirst\b", text):
        return "winner"
    leading = next((_LEADING[w] for w in text.split()[:2] if w in _LEADING), None)
    if leading:
        return leading
    if words & {"when", "whn", "wen", "date"} or re.search(r"\bwhat (time|day|year|month)\b", text):
        return "when"
    if words & {"where"}:
        return "where"
    if words & {"who", "whom", "whose"}:
        return "who"
    if words & {"status", "cancelled", "canceled", "scrapped", "shelved", "dead", "happening", "still"}:
        return "status"
    return "what"


# Russian question words and content words, by stem prefix → the English word the index knows, chosen
# by hand; they take precedence over the wide lexicon (ru_english.json) below. Names are recognised in
# Cyrillic by their aliases; these carry the rest of a Russian question to the English index.
RU_LEXICON: dict[str, str] = {
    "кто": "who", "когда": "when", "где": "where", "куда": "where", "почему": "why", "зачем": "why",
    "сколько": "how many", "долго": "long", "какой": "which", "какая": "which", "какие": "which",
    "режисс": "director", "снял": "directed", "снимал": "filmed", "сняли": "filmed", "съемк": "filming",
    "съёмк": "filming", "фильм": "film", "кино": "film", "картин": "film", "сценар": "script",
    "продюсер": "producer", "актрис": "actress", "актер": "actor", "актёр": "actor", "роль": "role", "рол": "role",
    "главн": "lead", "дубл": "backup", "запасн": "backup", "командир": "commander", "экипаж": "crew",
    "запуст": "launch", "запуск": "launch", "старт": "launch", "взлет": "launch", "взлёт": "launch",
    "полет": "flight", "полёт": "flight", "летал": "flew", "полетел": "flew",
    "приземл": "landed", "посадк": "landing", "сел": "landed", "вернул": "returned", "возвращ": "return",
    "стыковк": "docking", "пристыков": "docked", "расстыков": "undocked", "мкс": "iss", "станц": "station",
    "орбит": "orbit", "космос": "space", "космическ": "space", "корабл": "spacecraft", "союз": "soyuz",
    "бюджет": "budget", "стоил": "cost", "стоимост": "cost", "заплат": "paid", "оплат": "paid",
    "гонорар": "fee", "сбор": "box office", "касс": "box office", "заработ": "gross", "премьер": "premiere",
    "прокат": "release", "вышел": "released", "выход": "release", "трейлер": "trailer", "сериал": "series",
    "трениров": "training", "подготов": "training", "готовил": "trained", "отбор": "casting",
    "кастинг": "casting", "конкурс": "competition", "заявк": "applications", "подал": "applied",
    "дней": "days", "дня": "days", "день": "day", "час": "hours", "минут": "minutes", "месяц": "months",
    "отмен": "cancelled", "закрыт": "shelved", "заморож": "shelved", "объяв": "announced", "анонс": "announced",
    "первы": "first", "первой": "first", "раньше": "earlier", "рекорд": "record", "сюжет": "plot",
    "провел": "spent", "провели": "spent", "пробыл": "stayed", "находил": "stayed", "жил": "stayed",
    "кинотеатр": "cinema", "мс": "ms", "мир": "mir", "модул": "module", "экзамен": "exam",
    "комисси": "commission", "утверд": "approved", "собрал": "gross", "длил": "lasted", "невесом": "weightlessness",
    "соглашен": "agreement", "прилетел": "arrived", "люк": "hatch", "отстыков": "undocked", "земл": "earth",
    "москв": "moscow", "октябр": "october", "компани": "company", "студи": "studio", "рожден": "born",
    "документал": "documentary", "прогресс": "progress", "байконур": "baikonur", "должен": "supposed",
    "планир": "planned", "хотел": "wanted", "начал": "started", "председател": "chairman", "год": "year",
    "играет": "plays", "играл": "played", "героин": "character", "космонавт": "cosmonaut", "астронавт": "astronaut",
    "хирург": "surgeon", "врач": "doctor", "медицин": "medical", "двигател": "thruster", "авари": "incident",
}  # fmt: skip


def from_russian(words: list[str]) -> list[str]:
    """A Russian question's words mapped to English index words where the lexicon knows them."""
    out: list[str] = []
    for word in words:
        if not re.fullmatch(r"[а-я]+", word):
            out.append(word)
            continue
        out += in_english(word).split()
    return out


def _wide_lexicon() -> dict[str, str]:
    """The wide Russian lexicon (ru_english.json: the knowledge base's own words, its Russian texts aligned with
    its English ones, and everyday question words), with the hand-made RU_LEXICON first where both have a key."""
    wide: dict[str, str] = json.loads(Path(__file__).with_name("ru_english.json").read_text(encoding="utf-8"))
    return {tokens(k)[0]: v for k, v in {**wide, **RU_LEXICON}.items()}


WIDE_LEXICON = _wide_lexicon()
_WIDEST = max(map(len, WIDE_LEXICON), default=0)


def in_english(word: str) -> str:
    """One Russian word in English by the wide lexicon (its longest known prefix), or the word itself.

    A word-by-word reading, lossy (word order and cases are lost), which is why a Russian question
    must cover more of an item than an English one to be answered from the English index."""
    if not re.fullmatch(r"[а-я]+", word):
        return word
    for end in range(min(len(word), _WIDEST), 1, -1):
        if (english := WIDE_LEXICON.get(word[:end])) is not None:
            return english
    return word


YES_NO_START = re.compile(
    r"^\s*(did|does|do|was|were|is|are|has|have|had|can|could|will|would|ever)\b|\bли\b"
    # a Russian question with no question word is a yes/no one: "шкаплеров был продюсером?"
    r"|^(?!.*\b(кто|что|чем|когда|где|куда|откуда|сколько|как|почему|зачем|какой|какая|какое|какие|каком|чей|чья)\b)"
    r"(?=.*[а-яё]).*\?\s*$",
    re.IGNORECASE,
)


_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)


def transliterate(text: str) -> str:
    """Cyrillic letters in Latin ones, so "лиман" can meet "Liman" when no Cyrillic alias is known."""
    return "".join(_TRANSLIT.get(ch, ch) for ch in text).replace("_", "")

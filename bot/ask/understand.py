"""Reading a question into a structure, and answering it about its subject — or not at all.

The word-overlap ranking (:mod:`bot.ask.engine`) lets any item sharing a rare word win. This
module runs first and answers only when it understands what is asked and about whom:

1. :func:`read` turns the question into a :class:`Reading`: its language, the subjects it names
   (contenders and people, by name, alias, typo or Cyrillic), the role it asks for (function and
   standing: "who was the backup director"), whether it compares two things, and whether it is an
   instruction aimed at the bot (declined).
2. Role questions are answered from the typed roles of people (function, standing, lead), never
   from an item that merely contains the word "director".
3. Other questions are matched against the questions each item says it answers (English and
   Russian, written from the item's own content), stemmed per language. A match must agree on the
   subjects and numbers the question names, so "ms-18" never matches a question about "ms-19".

Each step is a plain function of the question and the knowledge base, testable on its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.ask.vocabulary import QUESTION_TYPOS, transliterate
from bot.core.kb import KnowledgeBase
from bot.core.models import MilestoneKind, Person, PersonRole, Standing
from bot.core.text import split_said, tokens

_EN = snowballstemmer.stemmer("english")
_RU = snowballstemmer.stemmer("russian")

# What a role question asks for: question words → the functions of PersonRole they mean.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "direct": ("director",),
    "director": ("director",),
    "режисс": ("director",),
    "снял": ("director",),
    "снимал": ("director",),
    "снимать": ("director",),
    "снимался": ("actor",),
    "снималась": ("actor",),
    "снимались": ("actor",),
    "command": ("commander",),
    "commander": ("commander",),
    "командир": ("commander",),
    "командова": ("commander",),  # "кто командовал союзом мс-19"
    "produc": ("producer",),
    "продюсер": ("producer",),
    "wrote": ("writer",),
    "writer": ("writer",),
    "screenwrit": ("writer",),
    "сценарист": ("writer",),
    "actress": ("actor",),
    "actor": ("actor",),
    "acted": ("actor",),
    "star": ("actor",),
    "starred": ("actor",),
    "актрис": ("actor",),
    "актер": ("actor",),
    "актёр": ("actor",),
    "pilot": ("pilot",),
    "play": ("actor",),
    "играл": ("actor",),
    "сыграл": ("actor",),
    "играет": ("actor",),
    "led": ("commander", "director", "founder"),
    "running": ("official", "executive"),
    "ran": ("official", "executive"),
    "head": ("official", "executive"),
    "boss": ("official", "executive"),
    "chief": ("official", "executive"),
    "руковод": ("official", "executive"),
    "директор": ("official", "executive"),  # in Russian a film's director is "режиссёр"
    "гендиректор": ("official", "executive"),
    "ceo": ("official", "executive"),
    "глав": ("official", "executive"),
    "founded": ("founder",),
    "founder": ("founder",),
    "основал": ("founder",),
    "shot": ("director", "cinematographer", "camera-operator"),
    "filmed": ("director", "cinematographer", "camera-operator"),
    "paid": ("financier", "producer"),
    "financ": ("financier", "producer"),
    "cinematograph": ("cinematographer", "camera-operator"),
    "cameraman": ("camera-operator", "cinematographer"),
    "оператор": ("camera-operator", "cinematographer"),
}
BACKUP_WORDS = ("backup", "back-up", "understudy", "reserve", "дублер", "дублёр", "дублир", "запасн")
LEAD_WORDS = ("lead", "main", "leading", "главн", "star")
COMPARE_WORDS = (
    "first", "earlier", "sooner", "before", "after", "older", "younger", "longer", "shorter",
    "раньше", "первым", "первой", "первыми", "первыи", "первая", "первее", "старше", "младше", "моложе", "дольше",
)  # fmt: skip
INSTRUCTION = re.compile(
    r"\b(ignore (all |your |the )?(previous |prior )?instructions?|system prompt|jailbreak|pretend (to be|you)|"
    r"write (me )?(a |an |some )?(poem|song|story|essay|code|rap|haiku|limerick|joke|tweet|fanfic\w*|script)|"
    r"@everyone|@here|ping (everyone|all)|"
    r"\bmake up (a|an|some)\b|\binvent (a|an|some)\b|\bforget (the|your) (dossier|sources|rules)\b|"
    r"игнорируй|забудь (все )?инструкц|забудь (досье|правила|источники)|придумай|сочини|"
    r"системн\w* промпт|напиши (мне )?(стих|песн|рассказ))",
    re.IGNORECASE,
)
STOP = frozenset(
    "the a an of to is was were be been did do does in on at for and or what who whom whose which when where why how "
    "about it its this that there their they he she his her u ur pls please tho lol ever "
    "в на и а о об с по за из к у же ли ну что кто когда где как какой какая какие какое чем это был была были "
    # Russian particles and fillers ("в итоге", "при чём тут", "вообще"), as tokens spell them (й → и)
    "такои такая такое такие тут там при чем вообще тоже также еще вот бы "
    # Chat fillers that carry nothing a bank question could match ("like whats the point", "ya or nah")
    "even like just really basically literally so ok okay but though lmao bro plz ya yeah nah yep nope "
    "y n anyway hey btw idk kinda sorta whats what's "
    "скажи скажите подскажи подскажите плиз пожалуиста ну короче типа блин слушаи кстати интересно".split()
)
# Words that name the race's own kind of thing, not a subject ("the film", "the mission").
GENERIC = frozenset(
    "film movi movie space orbit project plan flight mission iss crew russian фильм кино космос".split()
)
MISSING_PENALTY = 4.0  # points off a bank match when all of the question's weight is missing from it
MATCH_CUTOFF = 86.0  # a question-bank match needs this similarity (0–100, see similarity()) of the stemmed words
MATCHES_KEPT = 1  # only the question being answered: its steps share the matches, no later ask reuses them
CANDIDATES = 200  # bank questions scored per question, chosen by the words they share with it
SMALL_POSTING = 8  # a word in this few bank questions keeps them as a tuple, not a set


def is_form_word(word: str) -> bool:
    """A word that says what kind of question this is (a role, backup, lead, a comparison), not what about."""
    if word in GENERIC or stem(word) in GENERIC or word in COMPARE_WORDS:
        return True
    if any(word.startswith(prefix) for prefix in ROLE_WORDS):
        return True
    return word.startswith(LEAD_WORDS) or any(b in word for b in BACKUP_WORDS)


def is_russian(text: str) -> bool:
    return bool(re.search(r"[а-яё]", text.casefold()))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if re.fullmatch(r"[а-яё]+", word):
        return str(_RU.stemWord(word))
    if word.isascii() and word.isalpha():
        return str(_EN.stemWord(word))
    return word


_COLLOQUIAL = ((re.compile(r"(?<!\w)ско(ка|ко)(?!\w)", re.IGNORECASE), "сколько"),)


def plain_russian(question: str) -> str:
    """Colloquial Russian question words in their plain form: "скока дней" → "сколько дней"."""
    for pattern, plain in _COLLOQUIAL:
        question = pattern.sub(plain, question)
    return question


# Russian stems that name the same thing as another, more common in the items' texts: a colloquial
# word ("киношники", "документалка", "выходные") and the word the texts use ("съёмочная группа", …).
RU_SAME = {
    "выходн": "уикенд",
    "киношник": "съемочн",
    "документалк": "документальн",
    "телекана": "кана",
    # and the same thing in either word, English or Russian, so that a bank question in one matches the other
    "movi": "film",
    "flick": "film",
    "кин": "фильм",
    "старт": "запуск",
    "посадк": "приземл",
}


def key(text: str) -> str:
    """The stemmed content words of a question, for matching phrasings against each other."""
    words = (QUESTION_TYPOS.get(w, w) for w in tokens(text.replace("ё", "е")))  # "whn" is "when": a stop word
    stems = (stem(w) for w in words if w not in STOP)
    return " ".join(RU_SAME.get(s, s) for s in stems)


_NO_NUMBERS: frozenset[str] = frozenset()


def numbers(text: str) -> frozenset[str]:
    """The numbers a text names; most name none, and share one empty set (the bank holds thousands)."""
    found = re.findall(r"\d+", text)
    return frozenset(found) if found else _NO_NUMBERS


@dataclass
class Reading:
    """What a question asks, as far as this module understands it."""

    text: str
    language: str
    people: set[str] = field(default_factory=set)
    contenders: set[str] = field(default_factory=set)
    functions: tuple[str, ...] = ()  # asked-for role functions ("who directed" → director)
    standing: Standing | None = None  # backup when the question says so
    lead: bool = False
    compare: tuple[str, str] | None = None  # the two sides of "which came first, A or B"
    claims_first: bool = False  # "did A beat B", "did A fly before B": a yes/no on whether A came first
    instruction: bool = False  # aimed at the bot, not about the race
    answer_kind: str = ""  # the kind of answer that fits: duration, count, money (see answer_kind)
    attribute: str = ""  # the detail asked for, when the words say so: plot, budget, box-office, …

    @property
    def asks_role(self) -> bool:
        if not self.functions:
            return False
        words = tokens(self.text.casefold())
        # Russian puts "кто" where it likes: "а шипенко кто дублировал?"
        return bool(words) and (words[0].startswith("who") or "кто" in words)


def read(question: str, recognised_people: Iterable[str], recognised_contenders: Iterable[str]) -> Reading:
    """The structure of a question; names are recognised by the engine and handed in."""
    text = question.casefold()
    words = tokens(text)
    reading = Reading(question, "ru" if is_russian(text) else "en")
    reading.people, reading.contenders = set(recognised_people), set(recognised_contenders)
    reading.instruction = bool(INSTRUCTION.search(question))
    reading.functions = _asked_functions(text)
    if any(b in text for b in BACKUP_WORDS):
        reading.standing = Standing.BACKUP
        reading.functions = reading.functions or ("*",)  # "who was peresild's backup": a backup of any function
    reading.answer_kind = answer_kind(text)
    reading.attribute = asked_attribute(text)
    reading.lead = any(w.startswith(LEAD_WORDS) for w in words)
    sides = re.split(r"\s(?:or|или|vs\.?|versus)\s", text, maxsplit=1)
    if len(sides) == 2 and (any(w in COMPARE_WORDS for w in words) or MORE_TIME.search(text)):
        reading.compare = (trim_left(sides[0]), trim_right(sides[1]))
    elif asks_yes_or_no(question) and (claimed := _BEAT.split(text, maxsplit=1)) and len(claimed) == 3:
        left, right = trim_left(claimed[0]), trim_right(claimed[2])
        if left and right:
            reading.compare, reading.claims_first = (left, right), True
    return reading


_JOINED = frozenset({"and", "or", "&", "и", "или", "/"})
_DIRECTOR_GENERAL = re.compile(r"\bdirector[- ]general\b|\bgeneral director\b|\bгенеральн\w* директор")


def _asked_functions(text: str) -> tuple[str, ...]:
    """The role functions a question asks for: those of its main clause's first role word, and of role words
    joined to it ("who wrote and directed it").

    Role words later in the question name who or what it is about, not what is asked: "who paid for the
    actress's seat" asks for a financier, "кто был гендиректором, когда снимали вызов" for an official."""
    functions: list[str] = []
    previous = ""
    for word in tokens(_DIRECTOR_GENERAL.sub("гендиректор", _main_clause(text))):
        prefix = role_prefix(word)
        if prefix:
            if functions and previous not in _JOINED:
                break
            functions += [f for f in ROLE_WORDS[prefix] if f not in functions]
        elif functions and word not in _JOINED:
            break
        previous = word
    return tuple(functions)


def role_prefix(word: str) -> str:
    """The role word a question word is (the longest: "снимался", acted, is not "снимал"), or ""."""
    if word.startswith(("directly", "главн")):  # "главную роль" is the lead, not the head
        return ""
    return max((p for p in ROLE_WORDS if word.startswith(p)), key=len, default="") or misspelt_role(word)


# "Did the russians beat cruise to it", "did the cruise project get to orbit before the russians".
_BEAT = re.compile(  # and "is peresild older than mordovina": a yes/no on which of the two is older
    r"\s(beat|beaten|before|ahead of|earlier than|older than|younger than"
    r"|опередил\w*|обогнал\w*|раньше|старше|младше)\s"
)


@lru_cache(maxsize=4096)
def misspelt_role(word: str) -> str:
    """The role word a misspelt one stands for, one slip from it: "directd", "commader", "рижиссер".

    Only long role words (five letters or more), so that a short word is never taken for one."""
    if len(word) < 5 or word.isdigit():
        return ""
    for prefix in sorted(ROLE_WORDS, key=len, reverse=True):
        if len(prefix) >= 5 and any(OSA.distance(word[:k], prefix) <= 1 for k in (len(prefix) - 1, len(prefix))):
            return prefix
    return ""


# The words around the two things compared: "what came first:", "did … fly before", "… , what came first".
SCAFFOLD = frozenset(
    "what which who whos who's whose did does do was were is are has have had happened happen came come went go "
    "first earlier sooner before after later older younger longer shorter "
    "launched launch flew fly stayed stay spent lasted last thing get got reach reached "
    "что кто чей было был была были раньше первым первой первая первее позже старше младше дольше стартовало "
    "стартовал сняли случилось произошло состоялось".split()
)


MORE_TIME = re.compile(r"\b(more|less) time\b|больше времени|меньше времени")


def trim_left(text: str) -> str:
    """The first thing compared, without the question before it: "what came first: return from orbit"."""
    text = re.split(r"[:,—]", text)[-1]
    words = text.split()
    while words and words[0].strip("?!.") in SCAFFOLD:
        words.pop(0)
    while words and words[-1].strip("?!.") in SCAFFOLD:
        words.pop()
    return " ".join(words)


def trim_right(text: str) -> str:
    """The second thing compared, without what follows it: "return from orbit, what came first"."""
    text = re.split(r"[,?—]", text)[0]
    words = text.split()
    while words and words[0] in SCAFFOLD:
        words.pop(0)
    while words and words[-1].strip("?!.") in SCAFFOLD:
        words.pop()
    return " ".join(words)


_KINDS = (
    (
        "duration",
        re.compile(
            r"\bhow long\b|\bhow many (days|hours|months|weeks|years)\b|как долго|сколько (дней|часов|месяц|недел|лет)"
            # "сколько пересильд провела на орбите", "сколько длился полёт": a verb of lasting or staying
            r"|сколько (времени|\w+ ){0,3}(длил|шл[аио]\b|продолжал|провел|провёл|пробыл|провест)"
        ),
    ),
    (
        "money",
        re.compile(
            r"\bhow much\b.*\b(cost|budget|paid|pay|earn|make|gross|money|charg\w*)|\bbudget\b"
            r"|сколько (стоил|стоит|стоят|заплат|заработ)|бюджет"
        ),
    ),
    # a weight or size: no count answers "сколько весит союз" ("3 people" is not its weight)
    (
        "measure",
        re.compile(r"\bhow (heavy|tall|big|high)\b|\bweigh|сколько (\w+ )?(весит|весил|весят|весили)|\bрост\w*"),
    ),
    ("count", re.compile(r"\bhow many\b|\bnumber of\b|сколько")),
)


# What detail of its subject a question asks for, when its words say so plainly.
ATTRIBUTES = (
    ("plot", re.compile(r"\bwhat(s|'s)?\b.*\babout\W*$|\bplot\b|\bstory ?line\b|сюжет|о ч[её]м")),
    ("budget", re.compile(r"\bbudget\b|\bcost\b|\bhow much did .* cost|бюджет|стоил")),
    ("box-office", re.compile(r"box ?office|\bgross|\btakings\b|\bearn(ed)?\b|сбор|касс")),
    ("runtime", re.compile(r"\bruntime\b|\brun ?time\b|how long is the (film|movie)|хронометраж")),
    ("premiere", re.compile(r"\bpremiere|премьер")),
    ("trailer", re.compile(r"\btrailer|трейлер")),
    ("fee", re.compile(r"\b(fee|salary|payday)\b|how much .*\bpaid\b|гонорар")),
)


def asked_attribute(text: str) -> str:
    return next((name for name, pattern in ATTRIBUTES if pattern.search(text)), "")


CHARACTER = re.compile(r"\bcharacter\b|\bplay(s|ed|ing)?\b|\bpersonaj|\bгеро(й|иня|ин)|\bиграл|\bиграет|\bперсонаж")


def asks_character(text: str) -> bool:
    """ "What's Peresild's character called", "who does Novitsky play": the part a person plays."""
    return bool(CHARACTER.search(text))


# "Who plays the villain": the part named after the verb, which a person's recorded character must be.
PART_ASKED = re.compile(
    r"\bwho(?:'s|s| is)?\s+(?:plays|played|playing|is playing|will play|was (?:going|gonna) to play|would play)\s+"
    r"(?:the\s+|a\s+|an\s+)?"
    r"(\w+(?:\s+\w+)?)|\bкто\s+(?:играет|играл|играла|сыграл|сыграла|сыграет)\s+(\w+(?:\s+\w+)?)"
)
ANY_PART = re.compile(r"^(lead|main|role|part|star|главн|роль|рол)")


def part_asked(text: str) -> str:
    """The part a "who plays …" question names ("the villain" → "villain"), or "" for none or the lead."""
    found = PART_ASKED.search(text.casefold())
    part = next((g for g in found.groups() if g), "") if found else ""
    return "" if ANY_PART.match(part) else part


KIND_WORDS: tuple[tuple[MilestoneKind, re.Pattern[str]], ...] = (
    (MilestoneKind.ANNOUNCEMENT, re.compile(r"\bannounc|объяв|анонс")),
    (MilestoneKind.PREMIERE, re.compile(r"\bpremiere|премьер")),
    (MilestoneKind.RELEASE, re.compile(r"\breleas|\bcame out\b|вышел|прокат")),
    (MilestoneKind.LANDING, re.compile(r"\bland(ed|ing)?\b|\bcame back\b|приземл|вернул")),
    (MilestoneKind.DOCKING, re.compile(r"\bdock|(?<!от)стыков")),  # not undocking ("отстыковались")
    (MilestoneKind.CASTING, re.compile(r"\bcast(ing)?\b|кастинг|отбор")),
    (
        MilestoneKind.LAUNCH,
        re.compile(r"\blaunch|\bflew\b|\bfly(ing)?\b|\bflown\b|\bwent up\b|\blift(ed)? off|полет|полёт|старт|запуст"),
    ),
)


def milestone_kind(text: str) -> MilestoneKind | None:
    """The kind of event a question compares by, when its words name one ("who announced first")."""
    return next((kind for kind, pattern in KIND_WORDS if pattern.search(text.casefold())), None)


def answer_kind(text: str) -> str:
    """The kind of answer a question wants, when its words say so plainly ("how long" → duration)."""
    return next((kind for kind, pattern in _KINDS if pattern.search(text)), "")


# ---- role questions ----------------------------------------------------------------


@dataclass(frozen=True)
class RoleHit:
    person: Person
    role: PersonRole


def role_holders(kb: KnowledgeBase, reading: Reading, default_contender: str) -> list[RoleHit]:
    """The people holding the asked-for role on the question's subject (its contender or flight)."""
    flights = named_flights(kb, reading.text)
    of_people = {r.contender for p in reading.people if p in kb.people for r in kb.people[p].roles}
    of_flights = {kb.milestones[f].contender for f in flights}
    subjects = reading.contenders or of_people or of_flights or {default_contender} - {""}
    wanted = reading.standing or Standing.PRIME
    hits: list[RoleHit] = []
    for person in kb.people.values():
        if person.id in reading.people:
            continue  # "who was peresild's backup": the named person is the subject, not the answer
        for role in person.roles:
            if role.contender not in subjects or role.standing is not wanted:
                continue
            if "*" not in reading.functions and not set(reading.functions) & set(role.functions):
                continue
            if reading.lead and "actor" in reading.functions and not role.lead:
                continue
            if flights and role.flight.removeprefix("milestone:") not in flights:
                continue
            hits.append(RoleHit(person, role))
    if reading.people and wanted is Standing.BACKUP:
        hits = [h for h in hits if _backs_up(h.role, kb, reading.people)] or hits
    return _sharing_words(hits, reading.text) or hits


def _sharing_words(hits: list[RoleHit], question: str) -> list[RoleHit]:
    """The holders whose role text names something the question names too ("running roscosmos")."""
    asked = {w for w in key(question).split() if len(w) >= 4 and w not in GENERIC and not is_form_word(w)}
    return [h for h in hits if asked & set(key(_role_texts(h)).split())]


def _role_texts(hit: RoleHit) -> str:
    """A role's words in English and, where the person has one, in its Russian translation."""
    russian = hit.person.texts.get("ru", {}).get(f"role:{hit.role.contender}", "")
    return f"{hit.role.role} {russian}"


def named_flights(kb: KnowledgeBase, question: str) -> set[str]:
    """Crewed flights the question names by number ("ms-19", "ax-1"), as milestone ids."""
    asked = numbers(question)
    if not asked:
        return set()
    words = {transliterate(w) for w in tokens(question.casefold())}  # "мс-19" is "ms-19"
    found = set()
    for m in kb.milestones.values():
        if not m.crewed:
            continue
        title = tokens(m.title.casefold())
        if numbers(m.title) & asked and words & {w for w in title if not w.isdigit() and len(w) > 1}:
            found.add(m.id)
    return found


def _backs_up(role: PersonRole, kb: KnowledgeBase, people: set[str]) -> bool:
    """A backup role naming one of the people the question asks about ("backup for Peresild")."""
    text = role.role.casefold()
    return any(kb.people[p].name.split()[-1].casefold() in text for p in people if p in kb.people)


# ---- the question bank ---------------------------------------------------------------


def similarity(a: str, b: str, **_: object) -> float:
    """How alike two stemmed questions are (0–100): the same words, allowing a few extra on either side.

    Token-set similarity forgives the filler members add ("pls", "tho", "in the end"); capping it
    at token-sort + 15 stops a short question from matching every longer one that contains it."""
    return min(fuzz.token_set_ratio(a, b), fuzz.token_sort_ratio(a, b) + 15)


_RU_WORD = (
    r"(?<![а-яё])(?:{})(?![а-яё])"  # a Russian question word as a word: not "кого" in "какого", "когда" in "никогда"
)
_CLASSES = (
    ("how_long", re.compile(r"\bhow long\b|как долго|(?<![а-яё])сколько (дней|часов|минут|месяц|недел|лет)")),
    ("how_many", re.compile(r"\bhow (many|much)\b|" + _RU_WORD.format("сколько"))),
    ("why", re.compile(r"\bwhy\b|\bhow come\b|" + _RU_WORD.format("почему|зачем"))),
    (
        "when",
        re.compile(
            r"\bwhen\b|\bwhat (date|day|year|month|time|hour)\b|"
            r"какого (числа|года)|в каком году|во сколько|в котором часу|" + _RU_WORD.format("когда")
        ),
    ),
    (
        "where",
        re.compile(r"\bwhere\b|\bwhich (module|port|site|place|city|country)\b|" + _RU_WORD.format("где|куда|откуда")),
    ),
    ("who", re.compile(r"\bwho(m|se)?\b|\bwhos\b|" + _RU_WORD.format("кто|кого|кому|чей|чья"))),
)


def question_class(text: str) -> str:
    """What kind of answer a question's own words ask for: its first interrogative, or yes/no, or "what".

    A member's "why did Krikalev get demoted" must not match an item's "when was Krikalev demoted":
    the words are the same, the question is not."""
    folded = text.casefold()
    found = [(m.start(), name) for name, pattern in _CLASSES if (m := pattern.search(folded))]
    if found:
        return min(found)[1] if not any(n in ("how_long", "how_many") for _, n in found) else _how(found)
    if re.match(r"\W*(did|does|do|was|were|is|are|has|have|had|can|could|will|would)\b", folded) or " ли " in folded:
        return "yesno"
    return "what"


# A question word anywhere after the start ("was ms-19 the first all-Russian crew? since when"):
# the question asks for more than yes or no.
_WH_ANYWHERE = re.compile(
    r"\b(who|whom|whose|what|when|where|which|why|how)\b"
    r"|\b(кто|кого|кому|кем|что|чё|че|чего|чем|когда|где|куда|откуда|сколько|как\w*|почему|зачем|чей|чья|чьё|чьи)\b"
    r"(?![- ](то|нибудь|либо)\b)"  # "что-то", "как то": an indefinite pronoun (chat leaves out the hyphen)
    r"(?<!ч[её](?= (реально|правда|серь[её]зно|прям|вообще|ваще)))"  # "чё реально …?": a particle, not "what"
    r"(?<!\w как(?= (продюсер|режисс[её]р|актрис|актер|актёр|оператор|командир|дубл[её]р|космонавт|пассажир|член)))"
)  # "указан как продюсер": "as", not "how"
# "A or B": an alternative question, answered by one of the two, not by yes or no. "Or not" is still yes/no.
_ALTERNATIVE = re.compile(r"\b(or|или)\b(?!\s+(not|нет)\b)")
_YES_NO_OPENING = re.compile(
    r"^\W*(did|does|do|was|were|is|are|has|have|had|can|could|will|would)\b|\bли\b|\b(or not|или нет)\W*$"
)


# "was the crew in danger when the engines did not shut off": "when" opens a clause, it asks nothing.
_CLAUSE = re.compile(r"(?<=\w)\s+(?:when|where|когда|где|что|чем)\s+(?=\w+\W+\w)")


def _main_clause(text: str) -> str:
    """The question up to a clause that a conjunction opens after its first two words."""
    found = _CLAUSE.search(text)
    return text[: found.start()] if found and len(text[: found.start()].split()) >= 2 else text


# Where a question's last sentence starts: after a full stop, a dash, or a comma before "did he …".
_SENTENCES = re.compile(r"(?<=[.!])\s+|\s+[—–]\s+|,\s+(?=(?:did|does|was|were|is|has|had)\s+(?:he|she|it|they)\b)")


def asks_yes_or_no(question: str) -> bool:
    """A question answered by yes or no and nothing else: "was apollo 13 filmed in space".

    Not "A or B" ("was the docking automatic or manual"), and not one with a question word after its
    opening ("… since when"). A Russian question with no question word that ends in "?" is yes/no
    too ("шкаплеров был продюсером?")."""
    text = question.casefold().strip()
    if _ALTERNATIVE.search(text) or _WH_ANYWHERE.search(_main_clause(text)):
        return False
    if bool(_YES_NO_OPENING.search(text)):
        return True
    *said, asked = _SENTENCES.split(text)
    if said and _YES_NO_OPENING.search(asked) and not _WH_ANYWHERE.search(asked):
        return True  # "see claimed it was producing it. did universal back that up?", "salyut-7 — did he direct it"
    if not (is_russian(text) and text.endswith("?")):
        return False
    return not _ASKING_NOUN.search(" ".join(_opening(text))) or bool(_PAST_VERB.search(text))


# A Russian verb in the past tense ("признали", "был", "полетел"): a statement is asked about, not a fragment.
_PAST_VERB = re.compile(r"(?<![а-яё])[а-яё]{1,}[аиеыу](л|ла|ло|ли|лся|лась|лось|лись)(?![а-яё])")


_PARTICLES = frozenset("а и ну так вот же".split())


def _opening(text: str) -> list[str]:
    """The first two words after any leading particles: where a fragment names what it wants ("а дата
    запуска ax-1?"); further on, a noun is part of a statement asked about ("дублирующий экипаж тоже
    признали годным?")."""
    words = re.findall(r"[\w-]+", text)
    while words and words[0] in _PARTICLES:
        words = words[1:]
    return words[:2]


# A Russian fragment naming what it wants is no yes/no question: "дата запуска ax-1?", "режиссер вызова?".
_ASKING_NOUN = re.compile(
    r"(?<![а-яё])(?<!во )(дата|дату|время|место|причина|название|имя|бюджет|сборы|длительность|хронометраж|состав"
    r"|режисс[её]р|продюсер|командир|дубл[её]р|экипаж|число|количество|год)(?![а-яё])"
)


# What is yet to come: "the next russian space film", "when is shipenko going back to space", a sequel.
# The dossier records what happened and what was planned, not what will be.
_BEYOND_THE_RECORD = re.compile(
    r"\b(the|his|her|their|its) next\b|\bследующ\w*|\bsequel|\bсиквел|\bпродолжени\w*"
    r"|\b(going|go|fly|flying|head|heading) back to (space|orbit|the iss)\b|\bfly (to space |into space )?again\b"
    r"|\bснова (полет|полёт|в космос)\w*"
)
# "When will the film come out", "когда выйдет фильм": the date of a release that has not happened yet.
_FUTURE_RELEASE = re.compile(
    r"\bwhen (will|is|are|does|do)\b.*\b(come out|coming out|releas\w*|premiere|in (theaters|theatres|cinemas))\b"
    r"|\bкогда\b.*\bвыйд(ет|ут)\b"
)


_MONEY = re.compile(
    r"[$₽€£]|\b(million|billion|roubles?|rubles?|dollars?|usd|eur|млн|млрд|руб\w*|долл\w*)\b", re.IGNORECASE
)


def gives_money(text: str) -> bool:
    """Whether an answer names a sum of money at all: "how much did it cost" is not answered without one."""
    return bool(_MONEY.search(text))


# Personal details a question may ask for, and the words an answer giving that detail must contain.
PERSONAL_DETAILS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"\bhow tall\b|\bheight\b|\bрост\b|какого роста"),
        re.compile(r"\bcm\b|\btall\b|\bheight\b|\bсм\b|рост"),
    ),
    (
        re.compile(r"\bhow old\b|\bage\b|сколько (ему|ей) лет|возраст"),
        re.compile(r"\bborn\b|\baged?\b|years? old|\bродил|\bвозраст|\bлет\b"),
    ),
    (
        re.compile(
            r"\b(husband|wife|spouse|married|kids|children|daughter|son)\b|\bмуж\w*|\bжен(а|ы|е|ат)\b|\bдет(и|ей)\b"
        ),
        re.compile(
            r"\b(husband|wife|spouse|married|children|daughters?|sons?)\b|\bмуж\w*|\bжен(а|ы|ат)\b|\bдет(и|ей)\b"
        ),
    ),
    (  # "what nationality is mark vande hei": "NASA astronaut" does not say
        re.compile(r"\bnationality\b|\bwhat country is \w+ from\b|\bгражданств\w*|\bнациональност\w*"),
        re.compile(
            r"\b(russian|soviet|american|israeli|canadian|japanese|french|italian|british|dutch|citizen\w*)\b"
            r"|(?<![а-яё])(росси\w*|русск\w*|советск\w*|американ\w*|израил\w*|канад\w*|японск\w*|гражда\w*)"
        ),
    ),
)


def lacks_personal_detail(question: str, answer_text: str) -> bool:
    """A question about someone's height, age or family answered by text that says nothing of it."""
    q, a = question.casefold(), answer_text.casefold()
    return any(asked.search(q) and not given.search(a) for asked, given in PERSONAL_DETAILS)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def misses_the_year(question: str, answer_text: str) -> bool:
    """A question about one year ("what did cruise say in 2023") answered by text that never names that year."""
    asked = set(_YEAR.findall(question))
    return bool(asked) and not asked & set(_YEAR.findall(answer_text))


_PLURAL_WHO = re.compile(
    r"^\W*(who (were|are)|кто (были|они))\b"
    r"|\b(which|what)\s+(\w+\s+){0,2}(astronauts|cosmonauts|people|actors|actresses|finalists|producers|passengers)\b"
    r"|\bкакие\s+(\w+\s+)?(космонавт|астронавт|актрис|актер|актёр|люди|финалист|продюсер)\w*"
    # "who made the final four", "who was on the backup crew", "кто попал в шорт-лист": a list's members
    r"|\bwho\s+(was|were|made|got|is|are)\s+((in|into|on|onto)\s+)?(the\s+)?((final|prime|backup|main)\s+)?"
    r"(shortlist|short list|short-list|four|finalists|crew)\b"
    r"|\bкто\s+(был|были|попал\w*|вош[её]л|вошл\w*)\s+(в|во)\s+(\w+\s+)?(шорт.?лист|четв[её]рк|финал|экипаж|состав)\w*"
)


def asks_for_several_people(question: str) -> bool:
    """ "Who were the paying passengers": several people are asked for, so one person's card is not the answer."""
    return bool(_PLURAL_WHO.search(question.casefold()))


_WHO_WON = re.compile(r"\bwho won\b|\bwho was the winner\b|кто (победил|выиграл)")


def asks_who_won(question: str) -> bool:
    """ "Who won space hero": a winner is asked for, which a contender's card (its status) does not name."""
    return bool(_WHO_WON.search(question.casefold()))


def asks_beyond_the_record(question: str) -> bool:
    """Whether a question asks what comes next, after everything the sources record ("the next film")."""
    return bool(_BEYOND_THE_RECORD.search(question.casefold()))


def asks_future_release(question: str) -> bool:
    """Whether a question asks when something will come out: only a release or premiere date answers it."""
    return bool(_FUTURE_RELEASE.search(question.casefold()))


def says_yes_or_no(answer_text: str) -> bool:
    """Whether an answer's first word is yes or no (in either language)."""
    first = re.findall(r"\w+", answer_text.casefold())[:1]
    return bool(first) and first[0] in ("yes", "no", "да", "нет")


NUMERIC = frozenset({"how_long", "how_many"})


# Question classes that a bank question of another class does not serve, whatever its words.
EXACTING = frozenset({"when", "where", "why", "how_long"})


def compatible(entry: str, asked: str) -> bool:
    """Whether a bank question of class ``entry`` can stand for a member's question of class ``asked``:
    the same class, two numbers, or a member's "what" (which any answer may serve). A member's "when"
    is not served by the bank's "what" either ("when did progress ms-17 dock" is not "what did it carry"),
    nor a "where", "why" or "how long"; a "who" or a yes/no may be ("what was bridenstine's job")."""
    return entry == asked or asked == "what" or {entry, asked} <= NUMERIC or (entry == "what" and asked not in EXACTING)


def _how(found: list[tuple[int, str]]) -> str:
    return next(n for _, n in sorted(found) if n in ("how_long", "how_many"))


@dataclass(frozen=True, slots=True)
class BankEntry:
    kind: str  # fact, milestone, person, contender, contradiction
    item_id: str
    question: str
    key: str
    numbers: frozenset[str]
    asks: str  # its question class (see question_class)
    said: str = ""  # the recorded answer to a yes/no question: "yes", "no" or ""


class QuestionBank:
    """Every question the items say they answer, stemmed, for matching members' phrasings."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.entries: list[BankEntry] = []
        for kind, items in (
            ("fact", kb.facts),
            ("milestone", kb.milestones),
            ("person", kb.people),
            ("contender", kb.contenders),
            ("contradiction", kb.contradictions),
        ):
            for item in items.values():
                for questions in item.questions.values():
                    for stored in questions:
                        q, said = split_said(stored)
                        self.entries.append(BankEntry(kind, item.id, q, key(q), numbers(q), question_class(q), said))
        self.keys = [e.key for e in self.entries]
        self.lengths = [len(set(k.split())) for k in self.keys]
        self.by_item: dict[tuple[str, str], list[str]] = {}
        for entry in self.entries:
            self.by_item.setdefault((entry.kind, entry.item_id), []).append(entry.key)
        self.postings: dict[str, list[int]] = {}
        self._matches: dict[str, list[tuple[BankEntry, float]]] = {}
        self._wanted: dict[str, str] = {}
        for index, entry in enumerate(self.entries):
            for word in set(entry.key.split()):
                self.postings.setdefault(word, []).append(index)
        n = len(self.entries) or 1
        self.idf = {w: math.log(1 + n / len(ids)) for w, ids in self.postings.items()}
        self.vocabulary = sorted(w for w in self.postings if len(w) >= 4)
        # A rare word's few entries as a tuple (a set costs 200 bytes and more); a common word's as a set.
        self.posting_sets: dict[str, frozenset[int] | tuple[int, ...]] = {
            w: frozenset(ids) if len(ids) > SMALL_POSTING else tuple(ids) for w, ids in self.postings.items()
        }
        del self.postings  # one copy: the sets (a bank of thousands of questions in a bot of 120 MB)
        self.max_idf = math.log(1 + n)

    def closeness(self, question: str, kind: str, item_id: str) -> float:
        """How close the question is to the nearest of one item's own questions (0–100), its typos corrected."""
        wanted = self.wanted(question)
        return max((similarity(wanted, k) for k in self.by_item.get((kind, item_id), ())), default=0.0)

    def _weights(self, wanted: str) -> tuple[list[tuple[str, float]], float]:
        words = wanted.split()
        weighted = [(w, self.idf.get(w, self.max_idf)) for w in words]
        return weighted, sum(wt for _, wt in weighted)

    def _missing(
        self, wanted: str, entry_key: str, weights: tuple[list[tuple[str, float]], float] | None = None
    ) -> float:
        """A penalty for the question's rare words that the bank question lacks.

        Token similarity forgives a missing word as readily as filler: "when did the crew undock"
        is 86 % like "when did the crew fly to the iss". Weighting the missing words by how rare
        they are among all bank questions tells "undock" (the point) from "pls" (filler)."""
        weighted, total = weights or self._weights(wanted)
        have = set(entry_key.split())
        missing = sum(wt for w, wt in weighted if w not in have)
        return MISSING_PENALTY * missing / total if total else 0.0

    def _candidates(self, wanted: str) -> list[int]:
        """Entries sharing enough words with the question to be similar at all (most shared first).

        Most shared words first, then the rarest shared word, then the bank's order, so that the
        candidates (and the answer) never depend on the order a set of words happens to iterate in.
        Within a count, entries are taken by their rarest shared word (set intersections, not a sum per
        entry): a short question shares a common word with thousands of entries."""
        words = sorted(set(wanted.split()))
        shared: Counter[int] = Counter()
        for word in words:
            shared.update(self.posting_sets.get(word, ()))  # counted in C: the bank has thousands of entries
        needed = max(1, len(words) // 3)
        buckets: dict[int, list[int]] = {}
        for i, n in shared.items():
            if n >= needed:
                buckets.setdefault(n, []).append(i)
        rarest_first = sorted((w for w in words if w in self.posting_sets), key=lambda w: (-self.idf[w], w))
        ranked: list[int] = []
        for n in sorted(buckets, reverse=True):
            left = set(buckets[n])
            if n == len(words):  # every word shared: the shortest first, so the question itself is never crowded out
                ranked += sorted(left, key=lambda i: (self.lengths[i], i))[: CANDIDATES - len(ranked)]
                continue
            for word in rarest_first:  # those sharing the rarest word first, then the next rarest
                hit = left.intersection(self.posting_sets[word])
                ranked += sorted(hit)
                left -= hit
                if len(ranked) >= CANDIDATES or not left:
                    break
            if len(ranked) >= CANDIDATES:
                break
        return ranked[:CANDIDATES]

    def match(self, question: str, *, limit: int = 5) -> list[tuple[BankEntry, float]]:
        """The closest bank questions that ask the same kind of thing with the same numbers, best first.

        Several answering steps ask for the same question's matches; they are worked out once."""
        cached = self._matches.get(question)
        if cached is None:
            cached = self._match(question)
            if len(self._matches) >= MATCHES_KEPT:
                self._matches.clear()
            self._matches[question] = cached
        return cached[:limit]

    def wanted(self, question: str) -> str:
        """The question's stems as the bank spells them (its typos corrected to the bank's words).

        Worked out once per question: several steps ask, and correcting a typo searches the vocabulary."""
        spelt = self._wanted.get(question)
        if spelt is None:
            if len(self._wanted) >= MATCHES_KEPT:
                self._wanted.clear()
            spelt = self._wanted[question] = self._spelt(key(question))
        return spelt

    def _spelt(self, wanted: str) -> str:
        """The question's stems with each misspelt one replaced by the bank's word one slip away from it
        ("directd" → "direct", "chalenge" → "challeng"): a typo should not cost a match its point."""
        words = []
        for w in wanted.split():
            if w in self.posting_sets or len(w) < 5 or w.isdigit():
                words.append(w)
                continue
            near = process.extractOne(w, self.vocabulary, scorer=OSA.distance, score_cutoff=1 if len(w) < 8 else 2)
            words.append(near[0] if near else w)
        return " ".join(words)

    def _match(self, question: str, *, limit: int = 5) -> list[tuple[BankEntry, float]]:
        wanted = self.wanted(question)
        if not wanted or not self.keys:
            return []
        asked_numbers, asks = numbers(question), question_class(question)
        weights = self._weights(wanted)
        out = [
            (self.entries[i], score - self._missing(wanted, self.keys[i], weights))
            for i in self._candidates(wanted)
            if self.entries[i].numbers == asked_numbers
            and compatible(self.entries[i].asks, asks)
            and (score := similarity(wanted, self.keys[i])) >= 60  # the penalty only ever lowers a score
        ]
        out = [hit for hit in out if hit[1] >= 60]
        out.sort(key=lambda hit: -hit[1])
        return out[:limit]


# ---- the answer fits the question's own words ------------------------------------------

_DURATION = re.compile(
    r"\b(\d+(?:[.,]\d+)?(?:\s*[–-]\s*\d+(?:[.,]\d+)?)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a few|several|half an?)\s*(-|\s)\s*(second|minute|hour|day|week|month|year)(s?)\b"
)
_WORD = re.compile(r"\w+")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.casefold()) if len(w) > 2}


def duration_about_something_else(question: str, answer_text: str) -> bool:
    """ "How long did the training last" answered by "a four-hour simulation": a duration that
    qualifies a noun (English puts the unit in the singular: "four-hour", "4–6 hour") measures that
    thing, and is no answer when nothing it measures is in the question. An answer with a plain
    duration ("about 4.5 months", "12 days") is left alone."""
    if answer_kind(question.casefold()) != "duration" or is_russian(question):
        return False
    folded = answer_text.casefold()
    found = list(_DURATION.finditer(folded))
    if not found:
        return False
    asked = _stems(question)
    for m in found:
        plural, number = m.group(4), m.group(1)
        if plural or (number in ("one", "half a", "half an", "a few", "several") and m.group(2) == " "):
            return False  # "12 days", "one day": a plain duration
        after = _WORD.findall(folded[m.end() :])[:6]
        if {w[:5] for w in after if len(w) > 2} & asked:
            return False  # "4–6 hour … sessions" for "how long were the sessions"
    return True


_CATEGORY_ASKED = (
    (
        re.compile(r"\b(which|what) (film |movie )?studios?\b|\bкак(ая|ой|ие) (кино)?студи"),
        re.compile(r"\bstudios?\b|\bpictures\b|\bnetflix\b|\buniversal\b|\bentertainment\b|студи"),
    ),
    (  # "what camera did garriott use" (one camera: its make), which no item records — in effect, a decline
        re.compile(
            r"\b(which|what) (brand|make|model)\b|\b(which|what) camera (did|does|was|is)\b|\bкак(ой|ую) камер(ой|у)\b"
        ),
        re.compile(r"\b(canon|sony|nikon|arri|blackmagic|panasonic|red komodo|gopro)\b"),
    ),
    (  # "скока весил скафандр пересильд": a weight, not the hours spent in it
        re.compile(r"\bhow heavy\b|\bweigh(s|ed|t|ing)?\b|(?<![а-яё])(весит|весил|весила|весило|весили)(?![а-яё])"),
        re.compile(r"\d\s*(kg|kilo|lb|pound|tonne|ton|кг|кило|фунт|тонн)"),
    ),
    (  # "what's the title of tom cruise's space movie": a title, or that it has none
        re.compile(
            r"\btitle of\b|\b(film|movie|show|series)'?s? title\b|\bworking title\b"
            r"|\bname of the (film|movie|show|series|documentary)\b|\bназвани\w*|как назыв"
        ),
        re.compile(
            r"\btitle|\bcalled\b|\bnamed\b|«[^»]+»|\"[^\"]+\"|(?<!\w)'[^']+'(?!\w)|‘[^’]+’|“[^”]+”|\bназва|\bназыва"
        ),
    ),
)


# Countries a question may name ("how much did the challenge make in china"): an answer that names none of
# the ones asked about is about somewhere else, or everywhere.
_COUNTRIES = {
    "china": "china|chinese|китай",
    "india": "india|инди",
    "japan": "japan|япони",
    "germany": "german|германи",
    "france": "france|french|франци",
    "italy": "ital|итали",
    "spain": "spain|spanish|испани",
    "uk": "\\buk\\b|britain|british|england|великобритан|британ",
    "usa": "\\busa?\\b|united states|america|сша|америк",
    "kazakhstan": "kazakh|казах",
    "serbia": "serbia|серби",
    "turkey": "turkey|турци",
    "brazil": "brazil|бразили",
    "canada": "canada|канад",
    "israel": "israel|израил",
    "ukraine": "ukrain|украин",
}
_COUNTRY_ASKED = {
    name: re.compile(r"\b(in|from|to|в|из|во)\s+(" + words + r")", re.IGNORECASE) for name, words in _COUNTRIES.items()
}
_COUNTRY_NAMED = {name: re.compile(words, re.IGNORECASE) for name, words in _COUNTRIES.items()}


def misses_the_country(question: str, answer_text: str) -> bool:
    """ "How much did the challenge make in china" answered by its worldwide total: the country asked about
    is not in the answer."""
    q = question.casefold()
    asked = [name for name, pattern in _COUNTRY_ASKED.items() if pattern.search(q)]
    return bool(asked) and not any(_COUNTRY_NAMED[name].search(answer_text) for name in asked)


_STANDS_FOR = re.compile(r"\b(?:what|wat)(?:'s| does| is| do)?\s+([a-z][\w-]*)\s+(?:stand for|stands for|short for)\b")


def misses_the_expansion(question: str, answer_text: str) -> bool:
    """ "What does SEE stand for" answered by a text without the words whose initials spell it (Space
    Entertainment Enterprise): whatever it says, it is not what the letters stand for."""
    found = _STANDS_FOR.search(question.casefold())
    if not found:
        return False
    letters = found.group(1).replace("-", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha()):
        return False
    words = re.findall(r"[A-Za-z]+", answer_text)
    initials = "".join(w[0] for w in words).casefold()
    return letters not in initials


_DENIED_BEFORE = re.compile(r"\b(no|not a|without|нет|без)\s+$")


def misses_the_category(question: str, answer_text: str) -> bool:
    """ "Which studio backed the cruise film" answered by text that names no studio at all.

    "No studio was attached then" names none either: the word under a negation does not count."""
    q, a = question.casefold(), answer_text.casefold()
    for asked, given in _CATEGORY_ASKED:
        if asked.search(q) and not any(not _DENIED_BEFORE.search(a[: m.start()]) for m in given.finditer(a)):
            return True
    return False


_PLACE_AFTER = re.compile(
    r"(?:\b(?:in|at|from|off|aboard|inside|near|to|on)|:)\s+(?:the\s+|a\s+|an\s+)?(?:\w+'s\s+)?"
    r"([A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z0-9][\w-]*)*)"
)
_PLACE_BASED = re.compile(r"\b([A-Z][\w]*)-based\b")
_NATIONALITY = re.compile(r"\b([A-Z][a-z]+(?:i|ian|ean|ese|ish))\s+[a-z]")
_NOT_A_PLACE = re.compile(
    r"\bDay\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b|\d{4}"
)


def names_no_new_place(question: str, answer_text: str) -> bool:
    """ "Where was the moscow premiere held" answered by "in Moscow on Cosmonautics Day": an English
    "where" question whose answer names no place the question did not already name (a place being a
    capitalised name after "in", "at", "from", "off", "aboard"… or before "-based"), or, for an event,
    no "Where:" line, is not answered."""
    if is_russian(question) or question_class(question) != "where" or "Where:" in answer_text:
        return False
    asked = _stems(question)
    text = answer_text.replace("**", "")
    found = [m.group(1) for m in _PLACE_AFTER.finditer(text)] + [m.group(1) for m in _PLACE_BASED.finditer(text)]
    if re.search(r"\bfrom\W*$", question.casefold()):
        found += [m.group(1) for m in _NATIONALITY.finditer(text)]  # "where's stibbe from": "Israeli"
    return not any(not _NOT_A_PLACE.search(p) and not _place_words(p) <= asked for p in found)


def _place_words(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.casefold())}


_TIME_OF_DAY = re.compile(r"\b(what time|at what time)\b|\bво сколько\b|\bв котором часу\b|\bв какое время\b")
# The words an answer about each kind of event uses (in the answer's, not the question's, forms).
_EVENT_SAID = {
    MilestoneKind.LAUNCH: re.compile(
        r"\blaunch|\blift(ed)? off|\blifted|\bflew\b|запуск|запущ|старт|стартов|взлет|взлёт"
    ),
    MilestoneKind.DOCKING: re.compile(r"\bdock|стыков"),
    MilestoneKind.LANDING: re.compile(r"\bland(ed|s|ing)?\b|\btouch(ed)? down|посадк|приземл|сел\b"),
}


def time_of_another_event(question: str, answer_text: str) -> bool:
    """ "Во сколько был старт МС-19" answered by the time of its docking: a time-of-day question
    names an event (launch, docking, landing), and an answer that never mentions that event gives
    the time of something else."""
    q = question.casefold()
    if not _TIME_OF_DAY.search(q):
        return False
    kind = milestone_kind(q)
    said = _EVENT_SAID.get(kind) if kind is not None else None
    return said is not None and not said.search(answer_text.casefold())


# A reason, in the words an answer gives one with: "because", "due to", "citing", "for lack of"…
_REASON_SAID = re.compile(
    r"\bbecause\b|\bdue to\b|\bowing to\b|\bciting\b|\bfor lack of\b|\bso that\b|\bin order to\b|\breasons?\b"
    r"|\bcaused?\b|\bblam(ed|ing)\b|\bled to\b|\bover (his|her|their|its|the)\b|\baims?\b"
    r"|\bto (popularise|test|inspire)\b"
    r"|\bweather\b|\bcriticis|\bcriticiz|\bwould need\b|\bwanted to\b"
    r"|потому|из-за|так как|поскольку|чтобы|ради\b|причин|вследствие|из‑за|в связи с|за критик|погод|нехватк|не хватил"
)


# A date chosen for a named day is a date with its reason: "on Cosmonautics Day", "в День космонавтики".
_HOLIDAY = re.compile(r"\b[A-Z]\w+ Day\b|\bДень [а-яё]+")


def gives_no_reason(question: str, answer_text: str) -> bool:
    """ "Why was Krikalev demoted" answered by the card of his demotion, its date and nothing else:
    a "why" question answered by a card (an event's, a person's, a project's) needs the reason in its words."""
    if question_class(question) != "why":
        return False
    said = answer_text.split("\n\n", 1)[0]  # the answer, not what is related to it
    return not (_REASON_SAID.search(said.casefold()) or _HOLIDAY.search(said))

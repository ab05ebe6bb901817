"""The admin side of the service: who may edit, and the /facts commands as plain methods.

Each method resolves names (with suggestions when unknown), builds a proposal through the
:class:`~bot.facts.editor.Editor`, and either applies it at once or, when it would raise alerts
(a milestone's date or status), returns it as a preview to be confirmed. The Discord cog and
the console call these methods through the table in :mod:`bot.facts.commands`, whose option
names are their parameter names; only the buttons and the prompt differ.

Every reply is in the admin's language, ``style.lang``; refusals are raised as
:class:`~bot.core.errors.UserError` whose words are a :class:`~bot.core.errors.Message`, said in
that language where the command's caller shows them (:func:`bot.facts.commands.run`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypedDict, Unpack

from bot.ask.cards import missed_questions_reply
from bot.ask.feedback import FeedbackLog
from bot.ask.service import RaceService
from bot.ask.understand import is_russian
from bot.core.cards import Card, Colour, Field, Reply, paginate
from bot.core.changes import Actor, Change, Op, Proposal
from bot.core.dates import DateStyle, iso_instant
from bot.core.errors import Message, UserError, localised, words_of
from bot.core.i18n import tr, tr_n
from bot.core.kb import COLLECTIONS, KnowledgeBase
from bot.core.models import parse_instant, to_dict
from bot.core.names import NameIndex
from bot.core.text import neutralize_mentions, normalize, shorten
from bot.facts.editor import NAME_MAX, SINGULAR, AboutFields, EditError, Editor, Report, RoleFields, split_keywords
from bot.facts.history import Ledger
from bot.facts.news import NewsHook, NewsQueue, Queued, Review
from bot.facts.review import REVIEW_MAX, ReviewItem, keywords_reply, related_items, review_reply
from bot.facts.stale import DEFAULT_MONTHS, MONTHS_MAX, stale_reply
from bot.facts.strings import field_name, kind_name, kinds_name, status_name
from bot.infra.config import Settings
from bot.infra.store import Store

log = logging.getLogger(__name__)

KINDS = {kind: collection for collection, kind in SINGULAR.items()}  # what admins type → the collection
IMPORT_MAX_BYTES = 2_000_000
MISSED_SHOWN = 5  # missed questions under /facts questions, three items offered for each (15 buttons)
EXPORT_NAME = "race-export.json"
FACT_PREFIX_MIN = 3  # a fact named by the start of its text: shorter prefixes name nothing in particular
SUBJECT_KINDS = ("contender", "person", "milestone")  # the order a subject's name is tried in


def may_edit(settings: Settings, *, user_id: int, guild_id: int | None, manage_guild: bool, role_ids: set[int]) -> bool:
    """Least privilege: configured admins anywhere; in the home server, Manage Server or the admin role."""
    if user_id in settings.admin_user_ids:
        return True
    if settings.home_guild_id is None or guild_id != settings.home_guild_id:
        return False
    return manage_guild or (settings.admin_role_id is not None and settings.admin_role_id in role_ids)


@dataclass
class Outcome:
    """What an admin command produced: a reply, and a proposal still awaiting confirmation."""

    reply: Reply
    pending: Proposal | None = None
    offers: list[Offer] = field(default_factory=list)  # missed questions an admin may attach in one press
    articles: list[ReviewItem] = field(default_factory=list)  # news waiting for review, decided with buttons


@dataclass(frozen=True)
class Offer:
    """Attach ``question`` to the item (kind, id) labelled ``label``: one button in Discord."""

    number: int
    question: str
    language: str
    kind: str
    item_id: str
    label: str


# Runs inside the transaction that applies an edit, after it: what the edit's decision writes with it.
AlsoWrite = Callable[[Store, Change], None]


class NewItem(TypedDict, total=False):
    """What /facts add takes besides the kind and the source; each kind reads its own few."""

    name: str
    contender: str
    text: str
    date: str
    milestone_kind: str
    status: str
    role: str
    topics: str
    country: str
    nationality: str
    confidence: str
    name_ru: str  # the name or title in Russian, beside the English one
    text_ru: str  # the contender's summary or the fact's text in Russian, beside the English one


# /facts add's Russian options → the field of each kind they fill (a kind not listed takes none).
RUSSIAN_OPTIONS = {
    "name_ru": {"contenders": "name", "people": "name", "milestones": "title"},
    "text_ru": {"contenders": "summary", "facts": "text"},
}


class AdminService:
    """The /facts commands (see :mod:`bot.facts.commands`): resolve names, build, preview or apply."""

    def __init__(
        self,
        service: RaceService,
        editor: Editor,
        *,
        audience: Callable[[Proposal], int],
        feedback: FeedbackLog | None = None,
    ) -> None:
        self.service = service  # name resolution and the knowledge base
        self.editor = editor  # builds proposals
        self.audience = audience  # how many subscribed channels a proposal would reach
        self.feedback = feedback  # the questions members asked that the bot missed
        self.news_hooks: list[NewsHook] = []  # run when an article is approved (bot/app.py queues its alert)

    def missed_questions(self, style: DateStyle) -> Outcome:
        """The most frequent missed questions, each with the items that may answer it (to attach in one go)."""
        missed = self.feedback.most_frequent(MISSED_SHOWN) if self.feedback is not None else []
        reply = missed_questions_reply(missed)
        offers = []
        for number, m in enumerate(missed, 1):
            language = "ru" if is_russian(m.question) else "en"
            for kind, item_id, label in self.service.closest_items(m.question, 3):
                offers.append(Offer(number, m.question, language, kind, item_id, label))
        if offers:
            lang = style.lang
            lines = [
                tr(
                    "facts.admin.offer",
                    lang,
                    number=o.number,
                    kind=localised(kind_name(o.kind), lang),
                    label=o.label,
                    token=o.kind,
                    id=o.item_id,
                )
                for o in offers
            ]
            last = reply.pages[-1]
            more = tr("facts.admin.may_answer", lang)
            reply.pages[-1] = replace(last, description=last.description + f"\n\n{more}\n" + "\n".join(lines))
        return Outcome(reply, offers=offers)

    @property
    def ledger(self) -> Ledger:
        """Applies, lists and undoes; its hooks (the outbox) are attached by the composition root, bot/app.py."""
        return self.editor.ledger

    @property
    def kb(self) -> KnowledgeBase:
        return self.service.kb

    # ---- resolving ------------------------------------------------------------------

    def _collection(self, kind: str) -> str:
        try:
            return KINDS[(kind or "").strip().lower()]
        except KeyError:
            shown = shorten(neutralize_mentions(kind or ""), 40)
            raise UserError(Message("facts.admin.unknown_kind", kind=shown, options=", ".join(KINDS))) from None

    def resolve(self, kind: str, name: str) -> tuple[str, str]:
        collection = self._collection(kind)
        if collection == "contenders":
            return collection, self.service.resolve_contender(name)
        if collection == "people":
            return collection, self.service.resolve_person(name)
        if collection == "milestones":
            return collection, self.service.resolve_milestone(name)
        if collection == "facts":
            return collection, self._fact(name)
        if name in self.kb.contradictions:
            return collection, name
        shown = shorten(neutralize_mentions(name or ""), 60)
        raise UserError(Message("facts.admin.no_such_id", kind=kind_name(kind), id=shown))

    def _fact(self, name: str) -> str:
        """A fact by its id, or by the start of its text: facts have no names, and ids are hard to remember.

        A prefix must name exactly one fact; when it begins several, their ids are offered instead
        of picking one, since most commands taking a fact change or remove it.
        """
        name = (name or "").strip()
        if name in self.kb.facts:
            return name
        key = normalize(name)
        found = [
            f.id for f in self.kb.facts.values() if len(key) >= FACT_PREFIX_MIN and normalize(f.text).startswith(key)
        ]
        shown = shorten(neutralize_mentions(name), 60)
        if len(found) == 1:
            return found[0]
        if found:
            more = Message("facts.admin.and_more", n=len(found) - 5) if len(found) > 5 else ""
            ids = ", ".join(found[:5])
            raise UserError(Message("facts.admin.fact_prefix_many", shown=shown, n=len(found), ids=ids, more=more))
        raise UserError(Message("facts.admin.no_fact", shown=shown))

    def _subjects(self, names: str) -> list[str]:
        """A comma list of names as "kind:id" subject refs, in the order given (the first is the primary)."""
        return [self._subject(name) for name in names.split(",") if name.strip()]

    def _subject(self, name: str) -> str:
        """One subject: "kind:name" as written, else the contender, person or milestone the name means.

        Each kind's resolver is tried, best-matching kind first (contender, then person, then
        milestone on a tie), because the resolvers also take prefixes and near misses: tried in a
        fixed order, "peresild" would be the contender whose alias is "Peresild film", not the
        person Yulia Peresild it names exactly.
        """
        name = " ".join(name.split())
        if len(name) > NAME_MAX:
            raise UserError(Message("facts.admin.subject_too_long", len(name), maximum=NAME_MAX))
        indexes = self.service.indexes
        kinds: dict[str, tuple[NameIndex, Callable[[str], str]]] = {
            "contender": (indexes.contenders, self.service.resolve_contender),
            "person": (indexes.people, self.service.resolve_person),
            "milestone": (indexes.milestones, self.service.resolve_milestone),
        }
        written, sep, rest = name.partition(":")
        if sep and written.strip().lower() in kinds:
            kind = written.strip().lower()
            return f"{kind}:{kinds[kind][1](rest)}"
        hits = {kind: index.search(name, limit=3) for kind, (index, _) in kinds.items()}
        best = {kind: found[0].score if found else 0.0 for kind, found in hits.items()}
        for kind in sorted(SUBJECT_KINDS, key=lambda k: -best[k]):  # stable: ties keep the kinds' order
            try:
                return f"{kind}:{kinds[kind][1](name)}"
            except UserError:
                continue
        close = sorted(((h.score, f"{h.entry.label} ({k})") for k, found in hits.items() for h in found), reverse=True)
        labels = [label for score, label in close if score >= 50][:3]
        hint = Message("errors.did_you_mean", names=neutralize_mentions(", ".join(labels))) if labels else ""
        shown = neutralize_mentions(shorten(name, 60))
        raise UserError(Message("facts.admin.no_subject", name=shown, hint=hint))

    # ---- running --------------------------------------------------------------------

    def _run(
        self, build: Callable[[], Proposal], style: DateStyle, *, confirm: bool = False, also: AlsoWrite | None = None
    ) -> Outcome:
        try:
            proposal = build()
        except EditError as exc:
            raise UserError(words_of(exc)) from None
        if confirm and proposal.milestone_changes():
            return Outcome(self.preview(proposal, style), pending=proposal)
        return Outcome(self.commit(proposal, style, also=also))

    def commit(self, proposal: Proposal, style: DateStyle, *, also: AlsoWrite | None = None) -> Reply:
        """Apply the proposal, and ``also`` in the same transaction: either both are written or neither."""
        store = self.ledger.store
        try:
            with store.transaction():
                change = self.ledger.apply(proposal)
                if also is not None:
                    also(store, change)
        except EditError as exc:
            raise UserError(words_of(exc)) from None
        log.info("edit id=%d action=%s by=%s summary=%r", change.id, change.action, change.by, change.summary)
        return self._done(change, proposal, style)

    def preview(self, proposal: Proposal, style: DateStyle) -> Reply:
        lang = style.lang
        fields = [Field(self._op_title(op, lang), self._op_diff(op, style)) for op in proposal.milestone_changes()]
        audience = self.audience(proposal)
        notes = "\n".join(localised(note, lang) for note in proposal.notes)
        card = Card(
            title=tr("facts.admin.preview_title", lang, summary=localised(proposal.summary, lang)),
            description=f"{tr_n('facts.admin.preview', audience, lang)}\n{notes}".strip(),
            fields=tuple(fields),
            footer=tr("facts.admin.buttons_footer", lang),
            colour=Colour.WARNING,
        )
        return Reply(pages=paginate(card, lang), ephemeral=True)

    def _done(self, change: Change, proposal: Proposal, style: DateStyle) -> Reply:
        lang = style.lang
        lines = [tr("facts.admin.applied", lang, id=change.id, summary=localised(change.summary, lang))]
        lines += [f"• {self._op_title(op, lang)}: {self._op_diff(op, style)}" for op in proposal.ops[:10]]
        if len(proposal.ops) > 10:
            lines.append(tr_n("facts.admin.more_items", len(proposal.ops) - 10, lang))
        lines += [localised(note, lang) for note in proposal.notes]
        lines.append(tr("facts.admin.undo_hint", lang))
        card = Card(title=tr("facts.admin.saved", lang), description="\n".join(lines), colour=Colour.OK)
        return Reply(pages=paginate(card, lang), ephemeral=True)

    def _op_title(self, op: Op, lang: str) -> str:
        data = op.after or op.before or {}
        what = localised(kind_name(SINGULAR.get(op.collection, op.collection)), lang)
        name = data.get("name") or data.get("title") or op.item_id
        return shorten(tr("facts.admin.op_title", lang, kind=what, name=name), 200)

    def _op_diff(self, op: Op, style: DateStyle) -> str:
        lang = style.lang
        if op.before is None:
            return tr("facts.diff.added", lang)
        if op.after is None:
            return tr("facts.diff.removed", lang)
        parts = []
        if (op.before.get("date"), op.before.get("precision")) != (op.after.get("date"), op.after.get("precision")):
            parts.append(tr("facts.diff.date", lang, before=_date(op.before, style), after=_date(op.after, style)))
        for key in sorted(set(op.before) | set(op.after)):
            if key in ("date", "precision", "history", "verified") or op.before.get(key) == op.after.get(key):
                continue
            parts.append(_field_diff(key, op.before.get(key), op.after.get(key), lang))
        if not parts and op.before.get("verified") != op.after.get("verified"):  # /facts verify's only change
            before = op.before.get("verified") or tr("facts.diff.never", lang)
            parts.append(tr("facts.diff.checked", lang, before=before, after=op.after.get("verified")))
        return "; ".join(parts) or tr("facts.diff.none", lang)

    # ---- the commands ---------------------------------------------------------------

    def set_date(
        self,
        actor: Actor,
        milestone: str,
        date: str,
        source: str,
        reason: str,
        style: DateStyle,
        *,
        confirm: bool = True,
    ) -> Outcome:
        mid = self.service.resolve_milestone(milestone)
        return self._run(
            lambda: self.editor.set_date(actor, mid, date, source=source, reason=reason), style, confirm=confirm
        )

    def set_status(
        self,
        actor: Actor,
        kind: str,
        name: str,
        status: str,
        source: str,
        reason: str,
        style: DateStyle,
        *,
        confirm: bool = True,
    ) -> Outcome:
        collection, item = self.resolve(kind, name)
        if collection == "milestones":
            build = lambda: self.editor.set_milestone_status(actor, item, status, source=source, reason=reason)  # noqa: E731
        elif collection == "contenders":
            build = lambda: self.editor.set_contender_status(actor, item, status, source=source, reason=reason)  # noqa: E731
        else:
            raise UserError(Message("facts.admin.only_status"))
        return self._run(build, style, confirm=confirm)

    def add(self, actor: Actor, kind: str, source: str, style: DateStyle, **item: Unpack[NewItem]) -> Outcome:
        """Add a contender, milestone, person or fact (contradictions have their own command).

        The English texts are required as always; ``name_ru`` and ``text_ru`` add the Russian ones
        beside them, in the same change (an item is never added with a Russian text only).
        """
        build = self._adding(actor, kind, source, item)
        russian = self._russian(kind, item)
        if not russian:
            return self._run(build, style)
        return self._run(lambda: self.editor.with_translations(build(), "ru", russian), style)

    def _russian(self, kind: str, item: NewItem) -> dict[str, str]:
        """The Russian texts /facts add was given, by the field each fills; an option the kind lacks is refused."""
        collection = self._collection(kind)
        texts = {}
        for option, fields in RUSSIAN_OPTIONS.items():
            text = str(item.get(option) or "")
            if not text.strip():
                continue
            if collection not in fields:
                raise UserError(
                    Message("facts.err.russian_not_taken", kind=kind_name(SINGULAR[collection]), option=option)
                )
            texts[fields[collection]] = text
        return texts

    def _adding(self, actor: Actor, kind: str, source: str, item: NewItem) -> Callable[[], Proposal]:
        """What /facts add builds, after resolving what it names (shared with recording a fact from news)."""
        collection = self._collection(kind)
        if collection == "contradictions":
            raise UserError(Message("facts.admin.use_contradiction"))
        contender = item.get("contender", "")
        cid = self.service.resolve_contender(contender) if contender else ""
        if collection in ("people", "milestones") and not cid:
            raise UserError(Message("facts.admin.which_contender", kind=kind_name(SINGULAR[collection])))
        return lambda: self._new_item(actor, collection, source, cid, item)

    def _new_item(self, actor: Actor, collection: str, source: str, cid: str, item: NewItem) -> Proposal:
        def get(key: str, default: str = "") -> str:
            return str(item.get(key) or default)  # every field of NewItem is text; "" means left out

        ed = self.editor
        if collection == "contenders":
            return ed.add_contender(actor, get("name"), get("role"), get("country"), get("text"), source)
        if collection == "people":
            return ed.add_person(actor, get("name"), cid, get("role"), get("nationality"), source)
        if collection == "milestones":
            kind, date, status = get("milestone_kind", "other"), get("date", "TBD"), get("status", "planned")
            return ed.add_milestone(actor, cid, get("name"), kind, date, status, source)
        confidence = get("confidence", "reported")
        return ed.add_fact(actor, get("text"), get("topics"), source, contender_id=cid, confidence=confidence)

    def contradiction(self, actor: Actor, contender: str, style: DateStyle, **report: Unpack[Report]) -> Outcome:
        cid = self.service.resolve_contender(contender) if contender else ""
        return self._run(lambda: self.editor.record_contradiction(actor, contender_id=cid, **report), style)

    def rename(self, actor: Actor, kind: str, name: str, new_name: str, style: DateStyle) -> Outcome:
        collection, item = self.resolve(kind, name)
        return self._run(lambda: self.editor.rename(actor, collection, item, new_name), style)

    def remove(self, actor: Actor, kind: str, name: str, reason: str, style: DateStyle) -> Outcome:
        collection, item = self.resolve(kind, name)
        return self._run(lambda: self.editor.remove(actor, collection, item, reason=reason), style)

    def merge(self, actor: Actor, kind: str, keep: str, duplicate: str, style: DateStyle) -> Outcome:
        collection, keep_id = self.resolve(kind, keep)
        _, drop_id = self.resolve(kind, duplicate)
        return self._run(lambda: self.editor.merge(actor, collection, keep_id, drop_id), style)

    def source(self, actor: Actor, action: str, kind: str, name: str, url: str, style: DateStyle) -> Outcome:
        collection, item = self.resolve(kind, name)
        if action == "add":
            return self._run(lambda: self.editor.add_source(actor, collection, item, url), style)
        return self._run(lambda: self.editor.remove_source(actor, collection, item, url), style)

    def track(self, actor: Actor, milestone: str, launch_id: str, style: DateStyle) -> Outcome:
        mid = self.service.resolve_milestone(milestone)
        return self._run(lambda: self.editor.track(actor, mid, launch_id), style)

    def untrack(self, actor: Actor, milestone: str, style: DateStyle) -> Outcome:
        mid = self.service.resolve_milestone(milestone)
        return self._run(lambda: self.editor.untrack(actor, mid), style)

    def pin(self, actor: Actor, milestone: str, pinned: bool, style: DateStyle) -> Outcome:
        mid = self.service.resolve_milestone(milestone)
        return self._run(lambda: self.editor.pin(actor, mid, pinned), style)

    def question_add(
        self, actor: Actor, kind: str, name: str, question: str, language: str, style: DateStyle
    ) -> Outcome:
        """/facts question add: the item by name (with suggestions), then :meth:`add_question`."""
        _, item_id = self.resolve(kind, name)
        return self.add_question(actor, kind, item_id, question, language, style)

    def add_question(
        self, actor: Actor, kind: str, item_id: str, question: str, language: str, style: DateStyle
    ) -> Outcome:
        """Attach a question an item answers, by the item's id (for callers that already resolved it)."""
        collection = self._collection(kind)
        return self._run(lambda: self.editor.add_question(actor, collection, item_id, question, language), style)

    def question_remove(self, actor: Actor, kind: str, name: str, question: str, style: DateStyle) -> Outcome:
        collection, item_id = self.resolve(kind, name)
        return self._run(lambda: self.editor.remove_question(actor, collection, item_id, question), style)

    def role_set(
        self,
        actor: Actor,
        person: str,
        contender: str,
        style: DateStyle,
        *,
        flight: str = "",
        **role: Unpack[RoleFields],
    ) -> Outcome:
        """Add or replace a person's typed role on a contender; the flight is a milestone's name."""
        pid, cid = self.service.resolve_person(person), self.service.resolve_contender(contender)
        fid = self.service.resolve_milestone(flight) if flight else ""
        return self._run(lambda: self.editor.set_role(actor, pid, cid, flight_id=fid, **role), style)

    def role_remove(self, actor: Actor, person: str, contender: str, style: DateStyle) -> Outcome:
        pid, cid = self.service.resolve_person(person), self.service.resolve_contender(contender)
        return self._run(lambda: self.editor.remove_role(actor, pid, cid), style)

    def set_about(
        self, actor: Actor, fact: str, subjects: str, style: DateStyle, **about: Unpack[AboutFields]
    ) -> Outcome:
        """Correct what a fact is about (for /ask); the fact by id or text, its subjects by name."""
        _, fact_id = self.resolve("fact", fact)
        refs = self._subjects(subjects) if (subjects or "").strip() else None
        return self._run(lambda: self.editor.set_about(actor, fact_id, subjects=refs, **about), style)

    # ---- checking what is known ------------------------------------------------------

    def stale(self, months: int | None, style: DateStyle) -> Reply:
        """Items not checked for ``months`` months (default 6), and those resting only on a rumour."""
        months = DEFAULT_MONTHS if months is None else months
        if not 1 <= months <= MONTHS_MAX:
            raise UserError(Message("facts.admin.months", maximum=MONTHS_MAX, months=months))
        return stale_reply(self.kb, self.editor.clock().date(), months, style)

    def verify(self, actor: Actor, kind: str, name: str, source: str, style: DateStyle) -> Outcome:
        """Mark an item checked today; with a source, it is added to the item's sources too."""
        collection, item_id = self.resolve(kind, name)
        return self._run(lambda: self.editor.verify(actor, collection, item_id, source), style)

    def set_verdict(self, actor: Actor, contradiction: str, claim: int, verdict: str, style: DateStyle) -> Outcome:
        """/facts verdict: what the sources make of one claim of a dispute (history and undo like any edit)."""
        _, item_id = self.resolve("contradiction", contradiction)
        return self._run(lambda: self.editor.set_verdict(actor, item_id, claim, verdict), style)

    # ---- news: keywords and the review queue ------------------------------------------

    def news_keywords(self, actor: Actor, contender: str, keywords: str, style: DateStyle) -> Outcome:
        """Set what the news feed searches for a contender; without keywords, show the current ones."""
        cid = self.service.resolve_contender(contender)
        if not (keywords or "").strip():
            c = self.kb.contenders[cid]
            return Outcome(keywords_reply(c.name, c.news_keywords, style.lang))
        return self._run(lambda: self.editor.set_news_keywords(actor, cid, split_keywords(keywords)), style)

    def news_review(self, style: DateStyle) -> Outcome:
        """The articles waiting for review, newest first, each with the items it may be a source for."""
        pending = NewsQueue(self.store).pending()
        items = [ReviewItem(q, tuple(related_items(self.service, q.article))) for q in pending[:REVIEW_MAX]]
        how = tr("facts.news.how", style.lang)
        reply = review_reply(items, self.kb, style, how, more=len(pending) - len(items))
        return Outcome(reply, articles=items)

    def resolve_item(self, item: str) -> tuple[str, str]:
        """One item named in one text: ``kind:name`` of any kind, or the name of a contender, person or milestone."""
        written, sep, name = (item or "").partition(":")
        if sep and written.strip().lower() in KINDS:
            return self.resolve(written.strip().lower(), name.strip())
        if not (item or "").strip():
            raise UserError(Message("facts.admin.which_item"))
        kind, _, item_id = self._subject(item).partition(":")
        return KINDS[kind], item_id

    def news_source(self, actor: Actor, article: int, item: str, style: DateStyle) -> Outcome:
        """Add the article's link as a source of an item (history and undo), and mark the article sourced."""
        queued = self._waiting(article)
        collection, item_id = self.resolve_item(item)
        ref = f"{SINGULAR[collection]}:{item_id}"
        return self._run(
            lambda: self.editor.add_source(actor, collection, item_id, queued.article.url),
            style,
            also=self._decision(article, Review.SOURCED, ref),
        )

    def news_record(
        self,
        actor: Actor,
        article: int,
        text: str,
        topics: str,
        style: DateStyle,
        *,
        contender: str = "",
        confidence: str = "",
    ) -> Outcome:
        """Record a fact with the article as its source, through the same validation as /facts add."""
        queued = self._waiting(article)
        fact = NewItem(text=text, topics=topics, contender=contender, confidence=confidence)
        build = self._adding(actor, "fact", queued.article.url, fact)
        return self._run(build, style, also=self._decision(article, Review.RECORDED))

    def news_ignore(self, actor: Actor, article: int, style: DateStyle) -> Outcome:
        """Drop the article from the review: it is kept as ignored, so the feed never offers it again."""
        self._waiting(article)
        now = iso_instant(self.editor.clock())

        def ignore(store: Store) -> None:
            queue = NewsQueue(store)
            queue.waiting(article)  # again, inside the transaction: another admin may have decided
            queue.decide(article, Review.IGNORED, now)

        try:
            self.store.run(ignore)
        except EditError as exc:
            raise UserError(words_of(exc)) from None
        log.info("news ignored article=%d by=%s", article, actor.label)
        text = tr("facts.admin.ignored", style.lang, id=article)
        card = Card(title=tr("facts.admin.ignored_title", style.lang), description=text, colour=Colour.OK)
        return Outcome(Reply(pages=paginate(card, style.lang), ephemeral=True))

    @property
    def store(self) -> Store:
        return self.service.store

    def _waiting(self, article: int) -> Queued:
        try:
            return NewsQueue(self.store).waiting(article)
        except EditError as exc:
            raise UserError(Message("facts.err.waiting", error=words_of(exc))) from None

    def _decision(self, article: int, review: Review, item: str = "") -> AlsoWrite:
        """The decision written with the edit: refused (and the edit with it) if someone decided first."""

        def decide(store: Store, change: Change) -> None:
            first = change.ops[0]
            ref = item or f"{SINGULAR[first['collection']]}:{first['item_id']}"
            queue = NewsQueue(store)
            queue.waiting(article)
            queued = queue.decide(article, review, iso_instant(self.editor.clock()), item=ref)
            log.info("news %s article=%d item=%s change=%d", review.value, article, ref, change.id)
            for hook in self.news_hooks:
                hook(store, queued, change)

        return decide

    def undo(self, actor: Actor, change: int | None, style: DateStyle, *, confirm: bool = True) -> Outcome:
        return self._run(lambda: self.ledger.undo(actor, change), style, confirm=confirm)

    def translate(
        self, actor: Actor, kind: str, name: str, language: str, text: str, field: str, style: DateStyle
    ) -> Outcome:
        """/facts translate: set or correct one text of an item in a language (history and undo like any edit)."""
        collection, item_id = self.resolve(kind, name)
        return self._run(lambda: self.editor.translate(actor, collection, item_id, language, text, field), style)

    def history(self, kind: str | None, name: str | None, style: DateStyle) -> Reply:
        """The latest changes, each with its summary and diffs in the reader's language (older records: as written)."""
        lang = style.lang
        item_id = self.resolve(kind or "milestone", name)[1] if name else None
        lines = []
        for c in self.ledger.history(item_id):
            status = tr("facts.history.undone_by", lang, by=c.undone_by) if c.undone_by else ""
            why = f" — “{c.reason}”" if c.reason else ""
            src = f" — {style.link(c.source)}" if c.source else ""
            at, summary = c.at[:16].replace("T", " "), localised(c.summary, lang)
            lines.append(
                tr(
                    "facts.history.line",
                    lang,
                    id=c.id,
                    at=at,
                    by=c.by,
                    summary=summary,
                    why=why,
                    src=src,
                    status=status,
                )
            )
            lines += [f"  ↳ {self._op_diff(Op(**op), style)}" for op in c.ops[:5]]
        title = tr("facts.history.title_of", lang, name=name) if name else tr("facts.history.title", lang)
        description = "\n".join(lines) or tr("facts.history.empty", lang)
        card = Card(title=title, description=description, colour=Colour.INFO)
        return Reply(pages=paginate(card, lang), ephemeral=True)

    # ---- export / import ------------------------------------------------------------

    def export(self, style: DateStyle) -> Reply:
        """The whole knowledge base as a JSON file attached to the reply (the console saves it)."""
        data = {"seed_version": self.service.store.meta().get("seed_version", 1), **self.kb.to_data()}
        raw = json.dumps(data, ensure_ascii=False, indent=2).encode()
        body = tr_n("facts.export.body", len(raw), style.lang)
        card = Card(title=tr("facts.export.title", style.lang), description=body, colour=Colour.INFO)
        return Reply(pages=paginate(card, style.lang), ephemeral=True, files={EXPORT_NAME: raw})

    def plan_import(self, actor: Actor, file: bytes, style: DateStyle) -> Outcome:
        """Validate an export, show the difference, and hold it for confirmation."""
        if len(file) > IMPORT_MAX_BYTES:
            raise UserError(Message("facts.import.too_large", len(file), maximum=IMPORT_MAX_BYTES))
        try:
            data = json.loads(file.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("an export is a JSON object")
            incoming = KnowledgeBase.from_data(data)
        except (UnicodeDecodeError, TypeError, ValueError, KeyError, AttributeError) as exc:  # JSONDecodeError too
            raise UserError(
                Message("facts.import.invalid", detail=shorten(neutralize_mentions(str(exc)), 300))
            ) from None
        ops = _diff(self.kb, incoming)
        if not ops:
            raise UserError(Message("facts.import.same"))
        counts: dict[str, list[int]] = {}
        for op in ops:
            slot = counts.setdefault(op.collection, [0, 0, 0])
            slot[0 if op.before is None else 2 if op.after is None else 1] += 1
        lang = style.lang
        lines = [
            tr("facts.import.counts", lang, name=localised(kinds_name(name), lang), added=a, changed=c, removed=r)
            for name, (a, c, r) in counts.items()
        ]
        proposal = Proposal("import", Message("facts.summary.import", len(ops)), ops, actor)
        card = Card(
            title=tr("facts.import.title", lang),
            description="\n".join(lines) + "\n\n" + tr("facts.import.confirm", lang),
            colour=Colour.WARNING,
            footer=tr("facts.admin.buttons_footer", lang),
        )
        return Outcome(Reply(pages=paginate(card, lang), ephemeral=True), pending=proposal)


def _diff(current: KnowledgeBase, incoming: KnowledgeBase) -> list[Op]:
    ops: list[Op] = []
    for name in COLLECTIONS:
        have, want = getattr(current, name), getattr(incoming, name)
        for item_id in sorted(set(have) | set(want)):
            before = to_dict(have[item_id]) if item_id in have else None
            after = to_dict(want[item_id]) if item_id in want else None
            if before != after:
                ops.append(Op(name, item_id, before, after))
    return ops


def _date(data: dict[str, Any], style: DateStyle) -> str:
    from bot.core.models import Precision

    when = parse_instant(data["date"]) if data.get("date") else None
    return style.date(when, Precision(data.get("precision", "unknown")))


def _field_diff(key: str, before: Any, after: Any, lang: str) -> str:
    """One changed field in words; questions, roles, subjects and texts say what came and went, not just counts."""
    name = localised(field_name(key), lang)
    if key == "questions":
        return tr("facts.diff.list", lang, name=name, change=_questions_diff(before or {}, after or {}, lang))
    if key == "roles":
        return tr("facts.diff.list", lang, name=name, change=_roles_diff(before or [], after or [], lang))
    if key == "subjects":
        return tr("facts.diff.list", lang, name=name, change=_subjects_diff(before or [], after or [], lang))
    if key == "texts":
        return tr("facts.diff.list", lang, name=name, change=_texts_diff(before or {}, after or {}, lang))
    if key == "status":
        before, after = (localised(status_name(v), lang) if isinstance(v, str) else v for v in (before, after))
    return tr("facts.diff.field", lang, name=name, before=_short(before, lang), after=_short(after, lang))


def _questions_diff(before: dict[str, list[str]], after: dict[str, list[str]], lang: str) -> str:
    removed = [f"− “{q}” ({code})" for code, qs in before.items() for q in qs if q not in after.get(code, [])]
    added = [f"+ “{q}” ({code})" for code, qs in after.items() for q in qs if q not in before.get(code, [])]
    return shorten(", ".join(removed + added) or tr("facts.diff.reordered", lang), 300)


def _texts_diff(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]], lang: str) -> str:
    """Which texts in which language came, went or changed: ``ru summary “old” → “new”``."""
    parts = []
    for code in sorted(set(before) | set(after)):
        was, now = before.get(code, {}), after.get(code, {})
        for name in sorted(set(was) | set(now)):
            if was.get(name) != now.get(name):
                field = localised(field_name(name), lang)
                parts.append(f"{code} {field} {_short(was.get(name), lang)} → {_short(now.get(name), lang)}")
    return shorten("; ".join(parts), 300)


def _roles_diff(before: list[dict[str, Any]], after: list[dict[str, Any]], lang: str) -> str:
    old, new = {r["contender"]: r for r in before}, {r["contender"]: r for r in after}
    parts = []
    for cid in sorted(set(old) | set(new)):
        was, now = old.get(cid), new.get(cid)
        if was == now:
            continue
        if now is None or was is None:
            parts.append(f"− {cid}" if now is None else f"+ {cid}: {_short(now.get('role'), lang)}")
            continue
        changed = [
            f"{localised(field_name(k), lang)} {_short(was.get(k), lang)} → {_short(now.get(k), lang)}"
            for k in now
            if was.get(k) != now.get(k)
        ]
        parts.append(f"{cid}: {', '.join(changed)}")
    return shorten("; ".join(parts), 300)


def _subjects_diff(before: list[str], after: list[str], lang: str) -> str:
    """Which subjects came and went, and a new primary (the first one, which /ask answers about)."""
    parts = [f"− {s}" for s in before if s not in after] + [f"+ {s}" for s in after if s not in before]
    if after[:1] != before[:1] and after:
        parts.append(tr("facts.diff.primary", lang, subject=after[0]))
    return shorten(", ".join(parts) or tr("facts.diff.reordered_to", lang, items=", ".join(after)), 300)


def _short(value: Any, lang: str) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value) and len(", ".join(value)) <= 80:
        return ", ".join(value) or "—"  # short lists of words (functions, topics) read better than a count
    if isinstance(value, list):
        return tr_n("facts.diff.items", len(value), lang)
    if isinstance(value, bool):
        return tr("facts.diff.yes" if value else "facts.diff.no", lang)
    return shorten(str(value if value not in (None, "") else "—"), 80)

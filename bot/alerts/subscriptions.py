"""Subscriptions: which channels hear which alerts, what the bot needs to post there, and what /alerts says.

A subscription's id is its guild and channel (:func:`subscription_id`), so a channel has at most
one; subscribing again replaces it (and resumes a paused one). The functions that take a
:class:`~bot.infra.store.Store` are transaction bodies: run them through ``store.run``/``store.arun``.

The /alerts replies (:func:`subscribed_text`, :func:`subscriptions_card`, the missing permissions, the
quiet-hours error) are in ``lang``, the admin's own language; their words are in :mod:`bot.alerts.strings`.
English is exactly what they said before they had a language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from bot.alerts.records import (
    ALL_KINDS,
    AlertKind,
    Subscription,
    SubscriptionState,
    clock_time,
    insert,
    load,
    remove,
    update,
)
from bot.alerts.strings import LANGUAGE_NAMES
from bot.core.cards import Card, Colour, Field
from bot.core.i18n import DEFAULT, LANGUAGES, catalogue, tr
from bot.core.kb import KnowledgeBase
from bot.core.wording import contender_name
from bot.infra.store import Store

KindChoice = Literal["all", "changes", "dates", "statuses", "reminders", "news"]
KIND_CHOICES: dict[KindChoice, tuple[AlertKind, ...]] = {
    "all": ALL_KINDS,  # everything but news, which a channel asks for (news=True, or kinds=news)
    "changes": (AlertKind.DATE, AlertKind.STATUS),
    "dates": (AlertKind.DATE,),
    "statuses": (AlertKind.STATUS,),
    "reminders": (AlertKind.REMINDER,),
    "news": (AlertKind.NEWS,),
}

# Channel permissions the bot needs to post alerts, with the words shown when one is missing (in English;
# ``permission_name`` gives them in another language, as Discord's own interface names them).
PERMISSIONS = ("view_channel", "send_messages", "embed_links", "attach_files")
REQUIRED_PERMISSIONS: dict[str, str] = {key: tr(f"alerts.permission.{key}", DEFAULT) for key in PERMISSIONS}


def required_permissions() -> dict[str, str]:
    return dict(REQUIRED_PERMISSIONS)


def permission_name(key: str, lang: str = DEFAULT) -> str:
    return tr(f"alerts.permission.{key}", lang)


def missing_permissions(granted: dict[str, bool], lang: str = DEFAULT) -> list[str]:
    """The names of the required permissions ``granted`` lacks, in ``lang``."""
    return [permission_name(key, lang) for key in REQUIRED_PERMISSIONS if not granted.get(key, False)]


def subscription_id(guild_id: int, channel_id: int) -> str:
    return f"{guild_id}-{channel_id}"


def parse_quiet(text: str, lang: str = DEFAULT) -> tuple[str, str]:
    """``22:00-07:00`` → ("22:00", "07:00"); raises ValueError with a plain message in ``lang``."""
    text = (text or "").strip()
    if not text:
        return "", ""
    parts = [p.strip() for p in text.replace("–", "-").split("-")]
    try:
        if len(parts) != 2 or parts[0] == parts[1] or any(len(p) != 5 for p in parts):
            raise ValueError
        for part in parts:
            clock_time(part)
    except ValueError:
        raise ValueError(tr("alerts.cmd.bad_quiet", lang)) from None
    return parts[0], parts[1]


# ---- reading ---------------------------------------------------------------------------


def subscriptions(store: Store) -> list[Subscription]:
    return load(store, Subscription)


def guild_subscriptions(store: Store, guild_id: int | None) -> list[Subscription]:
    """One server's subscriptions (what /alerts list shows)."""
    return [s for s in subscriptions(store) if s.guild_id == guild_id]


def channel_subscription(store: Store, channel_id: int) -> Subscription | None:
    return next((s for s in subscriptions(store) if s.channel_id == channel_id), None)


# ---- writing ---------------------------------------------------------------------------


def save_subscription(store: Store, sub: Subscription) -> None:
    remove(store, Subscription, sub.id)
    insert(store, sub)


def remove_subscription(store: Store, sub_id: str) -> bool:
    return remove(store, Subscription, sub_id)


def pause_subscription(store: Store, sub_id: str, reason: str) -> None:
    """The bot lost a permission in the channel: stop sending there, and say why in /alerts list."""
    for sub in subscriptions(store):
        if sub.id == sub_id:
            update(store, sub.paused(reason))


def subscribe(
    store: Store,
    guild_id: int,
    channel_id: int,
    *,
    kinds: KindChoice = "all",
    contender: str = "",
    role_id: int | None = None,
    quiet: tuple[str, str] = ("", ""),
    created_by: str = "",
    news: bool = False,
    language: str = "en",
) -> Subscription:
    """Subscribe a channel (replacing what it had); ``quiet`` is what :func:`parse_quiet` returned.

    News is off unless asked for: ``news=True`` adds approved articles to the chosen kinds.
    ``language`` is what the channel's alerts are written in (one of ``LANGUAGES``); the shell
    picks the default (the server's language), since only it knows the server.
    """
    if language not in LANGUAGES:
        raise ValueError(f"alerts speak {', '.join(LANGUAGES)}, not {language!r}")
    chosen = KIND_CHOICES[kinds]
    sub = Subscription(
        id=subscription_id(guild_id, channel_id),
        guild_id=guild_id,
        channel_id=channel_id,
        kinds=(*chosen, AlertKind.NEWS) if news and AlertKind.NEWS not in chosen else chosen,
        contender=contender,
        role_id=role_id,
        quiet_start=quiet[0],
        quiet_end=quiet[1],
        created_by=created_by,
        language=language,
    )
    save_subscription(store, sub)
    return sub


def unsubscribe(store: Store, guild_id: int, channel_id: int) -> bool:
    """Stop a channel's alerts; False if it had none."""
    return remove_subscription(store, subscription_id(guild_id, channel_id))


# ---- what /alerts says -----------------------------------------------------------------

PAUSED_FOR_PERMISSION = "missing permission: "  # how the delivery words a pause (bot.alerts.outbox)


def subscribed_text(sub: Subscription, kinds: KindChoice, kb: KnowledgeBase, lang: str = DEFAULT) -> str:
    """What /alerts subscribe answers, in ``lang``; ``kinds`` is the choice as the admin picked it.

    The alerts' own language is said when it is not the reply's (an English reply never names English).
    """
    extra = []
    if sub.contender:
        extra.append(tr("alerts.subscribed.only", lang, name=contender_name(kb, sub.contender, lang)))
    if sub.role_id:
        extra.append(tr("alerts.subscribed.mentioning", lang, role=f"<@&{sub.role_id}>"))
    if sub.quiet_start:
        extra.append(tr("alerts.subscribed.quiet", lang, start=sub.quiet_start, end=sub.quiet_end))
    if sub.language != lang:
        extra.append(tr("alerts.subscribed.language", lang, language=LANGUAGE_NAMES.get(sub.language, sub.language)))
    details = f" ({'; '.join(extra)})" if extra else ""
    what = tr(f"alerts.subscribed.what.{kinds}", lang)  # "news" alone reads "approved news"
    if kinds != "news" and AlertKind.NEWS in sub.kinds:
        what += tr("alerts.subscribed.and_news", lang)
    return tr("alerts.subscribed.text", lang, channel=f"<#{sub.channel_id}>", what=what, details=details)


def kind_word(kind: AlertKind, lang: str = DEFAULT) -> str:
    """An alert kind as /alerts list names it: "date" (as stored), "даты"."""
    return tr(f"alerts.kind.{kind.value}", lang)


def pause_reason(reason: str, lang: str = DEFAULT) -> str:
    """Why a subscription is paused, as stored (English) or in ``lang``; Discord's known refusals in words."""
    if lang == DEFAULT or not reason.startswith(PAUSED_FOR_PERMISSION):
        return reason
    detail = reason.removeprefix(PAUSED_FOR_PERMISSION)
    known = f"alerts.paused.{detail}"
    if known in catalogue():
        return tr(known, lang)
    return tr("alerts.paused.missing_permission", lang, detail=detail)


def subscriptions_card(subs: Iterable[Subscription], kb: KnowledgeBase, lang: str = DEFAULT) -> Card:
    """What /alerts list shows, in ``lang``: each of a server's alert channels and its state."""
    subs = list(subs)
    fields = []
    for s in subs:
        if s.state is SubscriptionState.ACTIVE:
            state = tr("alerts.list.active", lang)
        else:
            state = tr("alerts.list.paused", lang, reason=pause_reason(s.reason, lang))
        lines = [state, tr("alerts.list.kinds", lang, kinds=", ".join(kind_word(k, lang) for k in s.kinds))]
        if s.contender:
            lines.append(tr("alerts.list.only", lang, name=contender_name(kb, s.contender, lang)))
        if s.role_id:
            lines.append(tr("alerts.list.mentions", lang, role=f"<@&{s.role_id}>"))
        if s.quiet_start:
            lines.append(tr("alerts.list.quiet", lang, start=s.quiet_start, end=s.quiet_end))
        lines.append(tr("alerts.list.language", lang, language=LANGUAGE_NAMES.get(s.language, s.language)))
        fields.append(Field(f"#{s.channel_id}", f"<#{s.channel_id}>\n" + "\n".join(lines)))
    return Card(
        title=tr("alerts.list.title", lang),
        description="" if subs else tr("alerts.list.empty", lang),
        fields=tuple(fields),
        colour=Colour.INFO,
    )

"""Subscriptions: which channels hear which alerts, and what the bot needs to post there.

A subscription's id is its guild and channel (:func:`subscription_id`), so a channel has at most
one; subscribing again replaces it (and resumes a paused one). The functions that take a
:class:`~bot.infra.store.Store` are transaction bodies: run them through ``store.run``/``store.arun``.
"""

from __future__ import annotations

from typing import Literal

from bot.alerts.records import (
    ALL_KINDS,
    AlertKind,
    Subscription,
    clock_time,
    insert,
    load,
    remove,
    update,
)
from bot.core.i18n import LANGUAGES
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

# Channel permissions the bot needs to post alerts, with the words shown when one is missing.
REQUIRED_PERMISSIONS: dict[str, str] = {
    "view_channel": "View Channel",
    "send_messages": "Send Messages",
    "embed_links": "Embed Links",
    "attach_files": "Attach Files",
}


def required_permissions() -> dict[str, str]:
    return dict(REQUIRED_PERMISSIONS)


def missing_permissions(granted: dict[str, bool]) -> list[str]:
    return [label for key, label in REQUIRED_PERMISSIONS.items() if not granted.get(key, False)]


def subscription_id(guild_id: int, channel_id: int) -> str:
    return f"{guild_id}-{channel_id}"


def parse_quiet(text: str) -> tuple[str, str]:
    """``22:00-07:00`` → ("22:00", "07:00"); raises ValueError with a plain message."""
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
        raise ValueError("Quiet hours look like 22:00-07:00 (UTC, 24-hour clock).") from None
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

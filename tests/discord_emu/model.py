"""The emulated Discord world: guilds, channels, roles, members, messages, and their JSON payloads.

Payloads carry every key discord.py 2.7 reads with ``data[...]`` (a missing one crashes its parser
inside the gateway task, far from the test that caused it).
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADMINISTRATOR = 1 << 3
USE_EXTERNAL_EMOJIS = 1 << 18
USE_APPLICATION_COMMANDS = 1 << 31
ALL = (1 << 50) - 1
MEMBER_DEFAULT = (
    VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | (USE_APPLICATION_COMMANDS)
)
# app_permissions outside servers, as documented: (G)DMs with other users, and the DM with the app's bot
PRIVATE_APP_PERMISSIONS = ATTACH_FILES | EMBED_LINKS | MENTION_EVERYONE
BOT_DM_APP_PERMISSIONS = PRIVATE_APP_PERMISSIONS | USE_EXTERNAL_EMOJIS
# what the bot can do in its own DMs (no permission system there)
BOT_DM_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY

GUILD_TEXT, DM, GROUP_DM = 0, 1, 3

_counter = itertools.count(1)


def snowflake() -> int:
    """A fresh, increasing snowflake whose timestamp is now (discord.py derives created_at from it)."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (next(_counter) % (1 << 22))


def snowflake_on_shard(shard_id: int, shard_count: int) -> int:
    """A fresh snowflake that shard ``shard_id`` of ``shard_count`` owns: ``(id >> 22) % count == shard_id``.

    Rather than retrying until the clock reaches a millisecond that fits, the timestamp is moved back
    by less than ``shard_count`` ms; the counter bits keep it unique.
    """
    if not 0 <= shard_id < shard_count:
        raise AssertionError(f"there is no shard {shard_id} among {shard_count}")
    fresh = snowflake()
    ms = fresh >> 22
    return ((ms - (ms - shard_id) % shard_count) << 22) | (fresh & ((1 << 22) - 1))


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class User:
    """Someone on Discord. ``locale`` is their client's language: each interaction carries it as
    ``locale``, and their client shows them commands under their ``name_localizations`` for it."""

    id: int
    username: str
    bot: bool = False
    locale: str = "en-US"

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.username,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass
class Role:
    id: int
    name: str
    permissions: int
    position: int = 1

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": True,
            "flags": 0,
        }


@dataclass
class Overwrite:
    id: int
    type: int  # 0 role, 1 member
    allow: int = 0
    deny: int = 0

    def payload(self) -> dict[str, Any]:
        return {"id": str(self.id), "type": self.type, "allow": str(self.allow), "deny": str(self.deny)}


@dataclass
class Channel:
    """A server channel, or (``guild_id`` None) a DM or group DM between ``recipients``."""

    id: int
    guild_id: int | None
    name: str
    type: int = GUILD_TEXT
    overwrites: list[Overwrite] = field(default_factory=list)
    recipients: list[User] = field(default_factory=list)
    owner_id: int | None = None

    @property
    def private(self) -> bool:
        return self.guild_id is None

    def includes(self, user_id: int) -> bool:
        """Whether ``user_id`` is a recipient of this DM or group DM."""
        return any(u.id == user_id for u in self.recipients)

    def private_payload(self, viewer_id: int) -> dict[str, Any]:
        """A DM or group DM as ``viewer_id`` gets it: the other recipients are listed."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "last_message_id": None,
            "flags": 0,
            "recipients": [u.payload() for u in self.recipients if u.id != viewer_id],
        }
        if self.type == GROUP_DM:
            data.update(name=self.name, icon=None, owner_id=str(self.owner_id))
        return data

    def payload(self) -> dict[str, Any]:
        if self.private:
            return self.private_payload(viewer_id=0)
        return {
            "id": str(self.id),
            "guild_id": str(self.guild_id),
            "name": self.name,
            "type": self.type,
            "position": 0,
            "permission_overwrites": [o.payload() for o in self.overwrites],
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "flags": 0,
        }


@dataclass
class Member:
    user: User
    roles: list[int] = field(default_factory=list)

    def payload(self, permissions: int | None = None) -> dict[str, Any]:
        data = {
            "user": self.user.payload(),
            "roles": [str(r) for r in self.roles],
            "flags": 0,
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "nick": None,
            "pending": False,
            "avatar": None,
            "premium_since": None,
        }
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    locale: str = "en-US"  # the server's language (Community settings): preferred_locale, guild_locale

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    def everyone_permissions(self, channel: Channel | None = None) -> int:
        """@everyone's permissions in ``channel``: what an app without a bot here gets as app_permissions."""
        return self.permissions(0, channel)

    def permissions(self, user_id: int, channel: Channel | None = None) -> int:
        """Discord's permission algorithm: base from roles, owner/admin shortcut, then channel overwrites."""
        if user_id == self.owner_id:
            return ALL
        member = self.members.get(user_id)
        base = self.everyone.permissions
        for role_id in member.roles if member else []:
            base |= self.roles[role_id].permissions
        if base & ADMINISTRATOR:
            return ALL
        if channel is None:
            return base
        role_ids = {self.id, *(member.roles if member else [])}
        for ow in channel.overwrites:
            if ow.type == 0 and ow.id == self.id:
                base = (base & ~ow.deny) | ow.allow
        allow = deny = 0
        for ow in channel.overwrites:
            if ow.type == 0 and ow.id in role_ids and ow.id != self.id:
                allow |= ow.allow
                deny |= ow.deny
        base = (base & ~deny) | allow
        for ow in channel.overwrites:
            if ow.type == 1 and ow.id == user_id:
                base = (base & ~ow.deny) | ow.allow
        return base

    def payload(self, bot_id: int) -> dict[str, Any]:
        bot_member = self.members.get(bot_id)
        return {
            "id": str(self.id),
            "name": self.name,
            "owner_id": str(self.owner_id),
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "features": [],
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "preferred_locale": self.locale,
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "roles": [r.payload() for r in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "channels": [c.payload() for c in self.channels.values()],
            "threads": [],
            "members": [bot_member.payload()] if bot_member else [],
            "member_count": len(self.members),
            "large": False,
            "unavailable": False,
            "joined_at": "2024-01-01T00:00:00+00:00",
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "application_id": None,
            "max_members": 500000,
            "afk_channel_id": None,
            "afk_timeout": 300,
        }


@dataclass
class Message:
    """A message the bot posted (in a channel, or as an interaction response/follow-up), or a member's."""

    id: int
    channel_id: int
    author: User
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    flags: int = 0
    allowed_mentions: dict[str, Any] | None = None
    nonce: str | None = None
    guild_id: int | None = None
    interaction_id: int | None = None
    edits: int = 0
    deleted: bool = False
    timestamp: str = field(default_factory=iso_now)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & 64)

    def payload(self) -> dict[str, Any]:
        data = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": self.timestamp,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": self.attachments,
            "embeds": self.embeds,
            "components": self.components,
            "pinned": False,
            "type": 0,
            "flags": self.flags,
        }
        if self.nonce is not None:
            data["nonce"] = self.nonce
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        return data

    def update(self, body: dict[str, Any], files: dict[str, bytes]) -> None:
        """Apply a create/edit body: only the keys sent change (as on Discord)."""
        if "content" in body:
            self.content = body["content"] or ""
        if "embeds" in body:
            self.embeds = body["embeds"] or []
        if "components" in body:
            self.components = body["components"] or []
        if "flags" in body and body["flags"] is not None:
            self.flags = int(body["flags"]) | (self.flags & 64)
        if "allowed_mentions" in body:
            self.allowed_mentions = body["allowed_mentions"]
        if files or "attachments" in body:
            kept = {a["id"]: a for a in self.attachments}
            new = []
            for index, (name, data) in enumerate(files.items()):
                self.files[name] = data
                new.append(
                    {
                        "id": str(snowflake()),
                        "filename": name,
                        "size": len(data),
                        "url": f"https://cdn.example/{name}",
                        "proxy_url": f"https://cdn.example/{name}",
                        "content_type": "image/png" if name.endswith(".png") else "application/octet-stream",
                        "index": index,
                    }
                )
            listed = body.get("attachments")
            if listed is not None:
                ids = {str(a.get("id")) for a in listed}
                kept = {k: v for k, v in kept.items() if k in ids}
            self.attachments = [*kept.values(), *new]

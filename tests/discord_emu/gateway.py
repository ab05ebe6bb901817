"""Gateway sessions and sharding, as Discord routes them.

A bot may open several gateway connections at once, one per shard: each IDENTIFY names its shard as
``"shard": [shard_id, shard_count]`` (none means ``[0, 1]``). Discord sends each connection only the
events of the guilds its shard owns, ``(guild_id >> 22) % shard_count == shard_id``, and the events
outside any guild (DMs, user-installed apps in private channels) only to shard 0. This module holds
the pieces of that which need no network: the session of one shard, and the routing rules.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from aiohttp import web

ShardKey = tuple[int, int]  # (shard_id, shard_count), as an IDENTIFY names it
UNSHARDED: ShardKey = (0, 1)
GUILD_EVENTS = frozenset({"GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"})  # the guild is the data's "id"
INVALID_SHARD = 4010  # Discord's close code for a shard id/count it refuses
ALREADY_AUTHENTICATED = 4005  # a second IDENTIFY on a connection that already has a session
REPLACED = 4000  # the emulator's code for a connection a newer one took over (Discord: resumable)


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard that owns ``guild_id`` among ``shard_count`` shards (Discord's sharding formula)."""
    return (guild_id >> 22) % shard_count


def parse_shard(raw: Any) -> ShardKey | None:
    """The shard an IDENTIFY's ``shard`` field names, or None where Discord closes with 4010."""
    if raw is None:
        return UNSHARDED
    if not isinstance(raw, list | tuple) or len(raw) != 2 or not all(type(n) is int for n in raw):
        return None
    shard_id, count = raw
    return (shard_id, count) if count >= 1 and 0 <= shard_id < count else None


def event_guild(event: str, data: Any) -> int | None:
    """The guild an event concerns (its routing key), or None for events outside any guild.

    GUILD_CREATE/UPDATE/DELETE carry the guild as ``id``; the rest as ``guild_id``. A malformed id
    (tests send some on purpose) counts as no guild, so the event still reaches shard 0.
    """
    if not isinstance(data, dict):
        return None
    raw = data.get("id") if event in GUILD_EVENTS else data.get("guild_id")
    try:
        return None if raw is None else int(raw)
    except (TypeError, ValueError):
        return None


class Session:
    """A gateway session of one shard: its events are kept so a RESUME can replay the ones missed.

    ``ws`` is the connection the session is attached to, if any; ``ready`` turns true once READY (and
    the GUILD_CREATEs) or RESUMED went out on it, which is when the shard counts as connected.
    """

    def __init__(self, session_id: str, shard: ShardKey = UNSHARDED, *, named: bool = False) -> None:
        self.id = session_id
        self.shard = shard
        self.named = named  # the IDENTIFY carried "shard": READY then says which shard it is
        self.seq = 0
        self.events: deque[dict[str, Any]] = deque(maxlen=1000)
        self.replayed: list[dict[str, Any]] = []  # the frames the latest RESUME replayed (tests read it)
        self.ws: web.WebSocketResponse | None = None
        self.ready = False

    @property
    def live(self) -> bool:
        """Connected and past READY/RESUMED: events reach the client now, not only the replay buffer."""
        return self.ready and self.ws is not None and not self.ws.closed

    def owns(self, guild_id: int | None) -> bool:
        """Whether events of ``guild_id`` (None: outside any guild) are this shard's to receive."""
        shard_id, count = self.shard
        return shard_id == 0 if guild_id is None else shard_of(guild_id, count) == shard_id

    def attach(self, ws: web.WebSocketResponse) -> web.WebSocketResponse | None:
        """Bind the session to ``ws``; returns the connection it had before (to close), if another."""
        old = self.detach()
        self.ws = ws
        return old if old is not ws else None

    def detach(self) -> web.WebSocketResponse | None:
        """Unbind the connection: from now on events only go to the replay buffer."""
        ws, self.ws, self.ready = self.ws, None, False
        return ws

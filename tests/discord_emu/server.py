"""The network side of the emulator: Discord's REST v10 routes and the gateway, on 127.0.0.1.

Behaves like Discord where the bot can tell the difference: JSON bodies with the exact
``Content-Type: application/json``, per-route rate-limit buckets with ``X-RateLimit-*`` headers
(5 messages per 5 s per channel), a global limit of 50 requests per second, 429s with
``retry_after``/``global`` and a ``Via`` header, permission checks on channel sends (403 code 50013;
50001 Missing Access where the bot cannot see the channel or is not in the server at all, as for a
user-installed app), unknown channels (404 code 10003), nonce deduplication with ``enforce_nonce``,
command-sync validation (400 code 50035, localized names and descriptions included), message
components and modals checked against Discord's limits (400 code 50035), and a gateway with HELLO,
IDENTIFY/READY, GUILD_CREATE (only for servers the bot is in), heartbeats, RESUME with replay, op 7
reconnect and dropped connections.

The gateway is sharded as Discord's is (see :mod:`tests.discord_emu.gateway`): any number of
connections at once, each IDENTIFY naming its ``shard`` (``[0, 1]`` without one; an impossible one is
closed with 4010), READY and GUILD_CREATE listing only that shard's guilds, every event of a guild sent
only to the shard owning it and events outside guilds to shard 0, a newer IDENTIFY of a shard taking
over from the older connection, and RESUME per session with its own sequence and replay buffer.
``GET /gateway/bot`` recommends ``recommended_shards`` shards. ``hold_gateway()`` makes new
connections wait for their HELLO, so a test can act while a shard is reconnecting.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.discord_emu.contexts import INSTALL_TYPES, Origin, stored_command
from tests.discord_emu.gateway import (
    ALREADY_AUTHENTICATED,
    INVALID_SHARD,
    REPLACED,
    Session,
    ShardKey,
    event_guild,
    parse_shard,
)
from tests.discord_emu.gateway import shard_of as owning_shard
from tests.discord_emu.model import (
    ATTACH_FILES,
    BOT_DM_PERMISSIONS,
    EMBED_LINKS,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    Channel,
    Guild,
    Message,
    User,
    snowflake,
)
from tests.discord_emu.validation import modal_problems, validate_commands, validate_message

GLOBAL_LIMIT = 50
MESSAGE_LIMIT = 5
MESSAGE_WINDOW = 5.0
NONCE_TTL = 300.0
MESSAGE_BUCKET = "80c17d2f203122d936070c88c8d10f33"  # what a bucket hash looks like (opaque, per route)
ACK_WINDOW = 3.0  # an interaction must be acknowledged within 3 s, as on Discord
MANAGE_MESSAGES = 1 << 13
EPHEMERAL = 64


def reply(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with ``Content-Type: application/json`` exactly (discord.py treats anything else as text)."""
    response = web.Response(status=status, body=json.dumps(data).encode(), headers=headers or {})
    response.headers["Content-Type"] = "application/json"
    return response


def error(status: int, code: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return reply({"message": message, "code": code}, status, headers)


def rejected(body: dict[str, Any], files: dict[str, bytes], *, edit: bool = False) -> web.Response | None:
    """Discord's answer to a message it refuses (empty, over a limit), or None when it is fine."""
    code, problems = validate_message(body, files, edit=edit)
    if not code:
        return None
    message = "Cannot send an empty message" if code == 50006 else "Invalid Form Body"
    return reply({"message": message, "code": code, "errors": problems}, 400)


@dataclass
class Fault:
    match: str
    status: int
    code: int
    times: int  # -1: until cleared
    delay: float = 0.0


@dataclass
class Stats:
    requests: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    rate_limited: int = 0
    rate_limited_global: int = 0
    rate_limited_route: int = 0


@dataclass
class PendingInteraction:
    id: int
    token: str
    type: int
    channel_id: int
    guild_id: int | None
    callback_type: int | None = None
    original: Message | None = None
    followups: list[Message] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    callbacks: int = 0
    created: float = field(default_factory=time.monotonic)
    rejections: list[str] = field(default_factory=list)
    origin: Origin = field(default_factory=lambda: Origin(0, {}))
    public_allowed: bool = True  # False: a user install where the member may not send messages
    modal: dict[str, Any] | None = None  # the modal the bot opened in answer (callback type 9)
    sent: dict[str, Any] = field(default_factory=dict)  # the INTERACTION_CREATE payload the bot received

    def reject(self, reason: str) -> None:
        """Note an answer Discord refused, and stop the test waiting for one that will not come."""
        self.rejections.append(reason)
        self.finished.set()


class EmulatorServer:
    def __init__(self) -> None:
        self.app_id = snowflake()
        self.bot_user = User(self.app_id, "race-bot", bot=True)
        self.owner = User(snowflake(), "bot-owner")
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, list[Message]] = defaultdict(list)
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self.install_types: set[int] = set(INSTALL_TYPES)  # the app's "Installation Contexts" setting
        self.user_installs: set[int] = set()  # users who installed the app to their account
        self.sync_payloads: list[tuple[int | None, list[dict[str, Any]]]] = []
        self.interactions: dict[str, PendingInteraction] = {}
        self.faults: list[Fault] = []
        self.uploads: dict[str, bytes] = {}
        self.stats = Stats()
        self.unhandled: list[str] = []
        self.rejections: list[str] = []  # payloads Discord would have refused
        self.expect_rejections = False  # set by tests that send bad payloads on purpose
        self.global_limit = GLOBAL_LIMIT
        self.message_limit = MESSAGE_LIMIT
        self.message_window = MESSAGE_WINDOW
        self._global_window: deque[float] = deque()
        self._buckets: dict[int, tuple[int, float]] = {}  # channel -> (remaining, reset_at)
        self._nonces: dict[tuple[int, str], tuple[float, Message]] = {}
        self.nonce_replays = 0
        self.sessions: dict[str, Session] = {}  # resumable sessions, by id
        self.shards: dict[ShardKey, Session] = {}  # the current session of each (shard_id, shard_count)
        self.shard_count = 1  # the shard count of the latest IDENTIFY: what `connected` is about
        self.recommended_shards = 1  # GET /gateway/bot's "shards": AutoShardedClient's default count
        self.ws: web.WebSocketResponse | None = None  # the latest identified or resumed connection
        self.session: Session | None = None  # the latest identified or resumed session
        self.identify_count = 0  # IDENTIFYs received (all shards, refused ones included)
        self.gateway_down = False
        self.resume_count = 0
        self.connected = asyncio.Event()  # every shard of `shard_count` is connected (see _refresh)
        self._sockets: set[web.WebSocketResponse] = set()
        self._gateway_changed = asyncio.Event()  # set (and replaced) whenever a shard connects or drops
        self._gateway_open = asyncio.Event()  # cleared by hold_gateway()
        self._gateway_open.set()
        self.port = 0
        self._runner: web.AppRunner | None = None

    # ---- lifecycle ------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware], client_max_size=32 * 1024 * 1024)
        app.router.add_get("/", self._gateway)
        r = app.router
        r.add_get("/api/v10/users/@me", self._me)
        r.add_get("/api/v10/oauth2/applications/@me", self._application)
        r.add_get("/api/v10/gateway", self._gateway_info)
        r.add_get("/api/v10/gateway/bot", self._gateway_bot)
        r.add_route("*", "/api/v10/applications/{app}/commands", self._commands)
        r.add_route("*", "/api/v10/applications/{app}/guilds/{guild}/commands", self._commands)
        r.add_post("/api/v10/interactions/{id}/{token}/callback", self._callback)
        r.add_post("/api/v10/webhooks/{app}/{token}", self._followup)
        r.add_route("*", "/api/v10/webhooks/{app}/{token}/messages/{message}", self._webhook_message)
        r.add_post("/api/v10/channels/{channel}/messages", self._create_message)
        r.add_route("*", "/api/v10/channels/{channel}/messages/{message}", self._channel_message)
        r.add_get("/api/v10/channels/{channel}", self._get_channel)
        r.add_get("/uploads/{id}", self._upload)
        r.add_route("*", "/{tail:.*}", self._unknown)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for ws in list(self._sockets):
            if not ws.closed:
                await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    # ---- middleware: accounting, faults, global rate limit --------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path == "/":
            return await handler(request)
        key = f"{request.method} {request.match_info.route.resource.canonical if request.match_info.route.resource else request.path}"  # noqa: E501
        self.stats.requests[key] += 1
        fault = self._fault_for(f"{request.method} {request.path}")
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status:
                return error(fault.status, fault.code, _MESSAGES.get(fault.code, "Error"))
        if "/interactions/" not in request.path and "/webhooks/" not in request.path:
            limited = self._global_check()
            if limited is not None:
                return limited
        return await handler(request)

    def _fault_for(self, what: str) -> Fault | None:
        for fault in self.faults:
            if fault.match in what and fault.times != 0:
                if fault.times > 0:
                    fault.times -= 1
                return fault
        return None

    def _global_check(self) -> web.Response | None:
        now = time.monotonic()
        while self._global_window and self._global_window[0] <= now - 1.0:
            self._global_window.popleft()
        if len(self._global_window) >= self.global_limit:
            retry = max(0.001, self._global_window[0] + 1.0 - now)
            self.stats.rate_limited += 1
            self.stats.rate_limited_global += 1
            return reply(
                {"message": "You are being rate limited.", "retry_after": round(retry, 3), "global": True},
                429,
                {
                    "Retry-After": f"{retry:.3f}",
                    "X-RateLimit-Global": "true",
                    "X-RateLimit-Scope": "global",
                    "Via": "1.1 google",
                },
            )
        self._global_window.append(now)
        return None

    def _bucket_headers(self, channel_id: int) -> tuple[dict[str, str], bool]:
        """Per-channel message bucket; returns headers and whether this request is allowed."""
        now = time.time()
        remaining, reset_at = self._buckets.get(channel_id, (self.message_limit, now + self.message_window))
        if now >= reset_at:
            remaining, reset_at = self.message_limit, now + self.message_window
        allowed = remaining > 0
        if allowed:
            remaining -= 1
        self._buckets[channel_id] = (remaining, reset_at)
        headers = {
            "X-RateLimit-Limit": str(self.message_limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": f"{reset_at:.3f}",
            "X-RateLimit-Reset-After": f"{reset_at - now:.3f}",
            # One hash for the route, as Discord sends: the limit is per (bucket, channel), and the
            # client keys it by the hash plus the channel (the route's major parameter).
            "X-RateLimit-Bucket": MESSAGE_BUCKET,
        }
        return headers, allowed

    # ---- REST: identity and commands ------------------------------------------------

    async def _me(self, _request: web.Request) -> web.Response:
        return reply(self.bot_user.payload())

    async def _gateway_info(self, _request: web.Request) -> web.Response:
        return reply({"url": self.gateway_url})

    async def _application(self, _request: web.Request) -> web.Response:
        return reply(
            {
                "id": str(self.app_id),
                "name": "race-bot",
                "icon": None,
                "description": "",
                "rpc_origins": [],
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "flags": 0,
                "owner": self.owner.payload(),
                "team": None,
                "summary": "",
                "tags": [],
                "integration_types_config": {str(i): {} for i in sorted(self.install_types)},
            }
        )

    async def _gateway_bot(self, _request: web.Request) -> web.Response:
        return reply(
            {
                "url": self.gateway_url,
                "shards": self.recommended_shards,
                "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
            }
        )

    async def _commands(self, request: web.Request) -> web.Response:
        guild = int(request.match_info["guild"]) if "guild" in request.match_info else None
        if request.method == "GET":
            return reply(self.global_commands if guild is None else self.guild_commands.get(guild, []))
        if request.method != "PUT":
            return self._not_handled(request)
        payload = await request.json()
        self.sync_payloads.append((guild, payload))
        problems = validate_commands(payload, app_installs=self.install_types, guild_scoped=guild is not None)
        if problems:
            return reply({"message": "Invalid Form Body", "code": 50035, "errors": problems}, 400)
        echoed = [self._store_command(command, guild) for command in payload]
        if guild is None:
            self.global_commands = echoed
        else:
            self.guild_commands[guild] = echoed
        return reply(echoed)

    def _store_command(self, command: dict[str, Any], guild: int | None) -> dict[str, Any]:
        stored = stored_command(command, guild_scoped=guild is not None, app_installs=self.install_types)
        stored.update(id=str(snowflake()), application_id=str(self.app_id), version=str(snowflake()))
        if guild is not None:
            stored["guild_id"] = str(guild)
        return stored

    # ---- REST: interactions ---------------------------------------------------------

    async def _body(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        """JSON body, or multipart with payload_json and files[n]."""
        if request.content_type.startswith("multipart/"):
            body: dict[str, Any] = {}
            files: dict[str, bytes] = {}
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":
                    body = json.loads(await part.text())
                elif part.filename:
                    files[part.filename] = bytes(await part.read())
            return body, files
        if request.can_read_body:
            return await request.json(), {}
        return {}, {}

    def _new_message(
        self,
        channel_id: int,
        body: dict[str, Any],
        files: dict[str, bytes],
        guild_id: int | None,
        interaction_id: int | None = None,
    ) -> Message:
        message = Message(snowflake(), channel_id, self.bot_user, guild_id=guild_id, interaction_id=interaction_id)
        message.update(body, files)
        message.nonce = body.get("nonce")
        self.messages[channel_id].append(message)
        return message

    async def _callback(self, request: web.Request) -> web.Response:
        pending = self.interactions.get(request.match_info["token"])
        if pending is None or str(pending.id) != request.match_info["id"]:
            return error(404, 10062, "Unknown interaction")
        if pending.callback_type is not None:
            return error(400, 40060, "Interaction has already been acknowledged.")
        if time.monotonic() - pending.created > ACK_WINDOW:
            pending.reject("answered after the 3 s acknowledgement window")
            return error(404, 10062, "Unknown interaction")
        body, files = await self._body(request)
        kind = int(body.get("type", 0))
        data = body.get("data") or {}
        if kind in (4, 7):
            refusal = rejected(data, files, edit=kind == 7)
            if refusal is not None:
                pending.reject(f"callback {kind}: {refusal.text}")
                return refusal
        if kind == 7 and pending.original is None:  # only a component's (or its modal's) message; code: ours
            pending.reject("callback 7: no message to update (not a component interaction)")
            return error(400, 40004, "Interaction has no message to update")
        if kind == 9:
            refusal = self._modal_refused(pending, data)
            if refusal is not None:
                return refusal
            pending.modal = data
        refusal = self._public_refused(pending, data) if kind in (4, 5) else None
        if refusal is not None:
            pending.reject(f"callback {kind}: public answer where the member cannot send messages")
            return refusal
        pending.callback_type = kind
        pending.callbacks += 1
        message: Message | None = None
        if kind in (4, 5):
            message = self._new_message(pending.channel_id, data, files, pending.guild_id, pending.id)
            pending.original = message
        elif kind == 7:
            message = pending.original
            if message is not None:
                message.update(data, files)
                message.edits += 1
        elif kind == 8:
            pending.choices = list(data.get("choices", []))
        if kind in (4, 7, 8, 9):
            pending.finished.set()
        interaction = {
            "id": str(pending.id),
            "type": pending.type,
            "activity_instance_id": None,
            "response_message_id": str(message.id) if message else None,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(message and message.ephemeral),
        }
        resource: dict[str, Any] = {"type": kind}
        if message is not None:
            resource["message"] = message.payload()
        return reply({"interaction": interaction, "resource": resource})

    def _modal_refused(self, pending: PendingInteraction, modal: dict[str, Any]) -> web.Response | None:
        """A modal answers only a command or a component press (not autocomplete, not another modal's
        submission), and must fit Discord's limits. The error code for the first is the emulator's choice."""
        problems = modal_problems(modal)
        if pending.type in (4, 5):
            problems.append(f"a modal cannot answer an interaction of type {pending.type}")
        if not problems:
            return None
        pending.reject(f"callback 9: {problems}")
        return reply({"message": "Invalid Form Body", "code": 50035, "errors": problems}, 400)

    def _public_refused(self, pending: PendingInteraction, body: dict[str, Any]) -> web.Response | None:
        """A user-installed app answers publicly only where the member may send messages (Discord's docs;
        the error code is the emulator's choice: the docs do not name one)."""
        if pending.public_allowed or int(body.get("flags") or 0) & EPHEMERAL:
            return None
        return error(403, 50013, "Missing Permissions")

    async def _followup(self, request: web.Request) -> web.Response:
        pending = self.interactions.get(request.match_info["token"])
        if pending is None:
            return error(404, 10015, "Unknown Webhook")
        body, files = await self._body(request)
        refusal = rejected(body, files)
        if refusal is not None:
            pending.reject(f"follow-up: {refusal.text}")
            return refusal
        original = pending.original
        replaces_loading = (
            pending.callback_type == 5
            and original is not None
            and original.edits == 0
            and not original.content
            and not original.embeds
        )
        refusal = None if replaces_loading else self._public_refused(pending, body)
        if refusal is not None:
            pending.reject("follow-up: public message where the member cannot send messages")
            return refusal
        if replaces_loading and original is not None:
            # Discord: the first follow-up after a "thinking…" deferral replaces the loading message.
            original.update(body, files)
            original.edits += 1
            pending.finished.set()
            return reply(original.payload())
        message = self._new_message(pending.channel_id, body, files, pending.guild_id, pending.id)
        pending.followups.append(message)
        pending.finished.set()
        return reply(message.payload())

    async def _webhook_message(self, request: web.Request) -> web.Response:
        pending = self.interactions.get(request.match_info["token"])
        if pending is None:
            return error(404, 10015, "Unknown Webhook")
        target = request.match_info["message"]
        message = (
            pending.original
            if target == "@original"
            else next((m for m in [pending.original, *pending.followups] if m and str(m.id) == target), None)
        )
        if message is None:
            return error(404, 10008, "Unknown Message")
        if request.method == "GET":
            return reply(message.payload())
        if request.method == "DELETE":
            message.deleted = True
            return web.Response(status=204)
        if request.method == "PATCH":
            body, files = await self._body(request)
            refusal = rejected(body, files, edit=True)
            if refusal is not None:
                pending.reject(f"edit: {refusal.text}")
                return refusal
            message.update(body, files)
            message.edits += 1
            pending.finished.set()
            return reply(message.payload())
        return self._not_handled(request)

    # ---- REST: channels -------------------------------------------------------------

    def bot_in_guild(self, guild_id: int | None) -> bool:
        """The app is guild-installed there: its bot is a member (and gets the server over the gateway)."""
        guild = self.guilds.get(guild_id) if guild_id is not None else None
        return guild is not None and self.bot_user.id in guild.members

    def _bot_permissions(self, channel: Channel) -> int:
        if channel.private:
            return BOT_DM_PERMISSIONS if channel.includes(self.bot_user.id) else 0
        if not self.bot_in_guild(channel.guild_id):
            return 0
        return self.guilds[channel.guild_id].permissions(self.bot_user.id, channel)

    def _channel_or_error(self, channel_id: int) -> Channel | web.Response:
        """The channel, or Discord's answer: 404 10003 when it does not exist, 403 50001 when the bot
        cannot see it (a server the bot is not in, a DM it is not part of, no View Channel)."""
        channel = self.channels.get(channel_id)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        if not self._bot_permissions(channel) & VIEW_CHANNEL:
            return error(403, 50001, "Missing Access")
        return channel

    async def _create_message(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel"])
        channel = self._channel_or_error(channel_id)
        if isinstance(channel, web.Response):
            return channel
        headers, allowed = self._bucket_headers(channel_id)
        if not allowed:
            reset_after = float(headers["X-RateLimit-Reset-After"])
            self.stats.rate_limited += 1
            self.stats.rate_limited_route += 1
            return reply(
                {"message": "You are being rate limited.", "retry_after": reset_after, "global": False},
                429,
                {**headers, "Retry-After": f"{reset_after:.3f}", "X-RateLimit-Scope": "user", "Via": "1.1 google"},
            )
        body, files = await self._body(request)
        refusal = rejected(body, files)
        if refusal is not None:
            self.rejections.append(f"channel message: {refusal.text}")
            return refusal
        perms = self._bot_permissions(channel)
        needed = VIEW_CHANNEL | SEND_MESSAGES | (ATTACH_FILES if files else 0)
        if perms & needed != needed:
            return error(403, 50013, "Missing Permissions", headers)
        if not perms & EMBED_LINKS:
            body = {**body, "embeds": []}  # Discord drops embeds silently without Embed Links
        nonce = body.get("nonce")
        if nonce and body.get("enforce_nonce"):
            seen = self._nonces.get((channel_id, str(nonce)))
            if seen is not None and time.monotonic() - seen[0] < NONCE_TTL:
                self.nonce_replays += 1  # a resend Discord answered with the first message: nothing posted
                return reply(seen[1].payload(), headers=headers)
        message = self._new_message(channel_id, body, files, channel.guild_id)
        if nonce and body.get("enforce_nonce"):
            self._nonces[(channel_id, str(nonce))] = (time.monotonic(), message)
        return reply(message.payload(), headers=headers)

    async def _channel_message(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel"])
        channel = self._channel_or_error(channel_id)
        if isinstance(channel, web.Response):
            return channel
        message = next(
            (m for m in self.messages.get(channel_id, []) if str(m.id) == request.match_info["message"]), None
        )
        if message is None:
            return error(404, 10008, "Unknown Message")
        if request.method == "GET":
            return reply(message.payload())
        theirs = message.author.id != self.bot_user.id
        if request.method == "PATCH":
            if theirs:
                return error(403, 50005, "Cannot edit a message authored by another user")
            body, files = await self._body(request)
            message.update(body, files)
            message.edits += 1
            return reply(message.payload())
        if request.method == "DELETE":
            if theirs and not self._bot_permissions(channel) & MANAGE_MESSAGES:
                return error(403, 50013, "Missing Permissions")
            message.deleted = True
            return web.Response(status=204)
        return self._not_handled(request)

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel = self._channel_or_error(int(request.match_info["channel"]))
        if isinstance(channel, web.Response):
            return channel
        return reply(channel.private_payload(self.bot_user.id) if channel.private else channel.payload())

    async def _upload(self, request: web.Request) -> web.Response:
        data = self.uploads.get(request.match_info["id"])
        if data is None:
            return error(404, 0, "Not Found")
        return web.Response(body=data, content_type="application/octet-stream")

    def _not_handled(self, request: web.Request) -> web.Response:
        self.unhandled.append(f"{request.method} {request.path}")
        return error(404, 0, f"404: Not Found ({request.method} {request.path} is not emulated)")

    async def _unknown(self, request: web.Request) -> web.Response:
        return self._not_handled(request)

    # ---- gateway --------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        if self.gateway_down:  # an outage: the handshake fails until the test lifts it
            return web.Response(status=503, text="gateway unavailable")
        ws = web.WebSocketResponse(heartbeat=None, max_msg_size=0)
        await ws.prepare(request)
        self._sockets.add(ws)
        await self._gateway_open.wait()  # hold_gateway(): accepted, but no HELLO yet
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None}))
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                await self._gateway_op(ws, json.loads(msg.data))
        finally:
            self._sockets.discard(ws)
            self._release(ws)
        return ws

    async def _gateway_op(self, ws: web.WebSocketResponse, payload: dict[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d") or {}
        if op == 1:
            await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
        elif op == 2:
            await self._identify(ws, data)
        elif op == 6:
            await self._resume(ws, data)

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        """A new session for the shard the IDENTIFY names; it takes over from that shard's older one."""
        self.identify_count += 1
        shard = parse_shard(data.get("shard"))
        if shard is None:
            await ws.close(code=INVALID_SHARD, message=b"Invalid shard")
            return
        if any(s.ws is ws for s in self.shards.values()):
            await ws.close(code=ALREADY_AUTHENTICATED, message=b"Already authenticated")
            return
        session = Session(f"session-{snowflake()}", shard, named="shard" in data)
        await self._retire(self.shards.get(shard))
        self.shards[shard] = session
        self.sessions[session.id] = session
        self.shard_count = shard[1]
        self.session, self.ws = session, ws
        session.attach(ws)
        await self._send(session, "READY", self._ready(session))
        for guild in self._shard_guilds(session):
            await self._send(session, "GUILD_CREATE", guild.payload(self.bot_user.id))
        session.ready = True
        self._refresh()

    async def _retire(self, old: Session | None) -> None:
        """A newer IDENTIFY replaced ``old``: it cannot be resumed, and its connection is closed."""
        if old is None:
            return
        self.sessions.pop(old.id, None)
        ws = old.detach()
        if ws is not None and not ws.closed:
            await ws.close(code=REPLACED, message=b"replaced by a newer IDENTIFY of this shard")

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        """Reattach a session (the right one, by id) and replay what it missed past the client's seq."""
        session = self.sessions.get(str(data.get("session_id")))
        if session is None:
            await ws.send_str(json.dumps({"op": 9, "d": False, "s": None, "t": None}))
            return
        self.resume_count += 1
        old = session.attach(ws)
        if old is not None and not old.closed:
            await old.close(code=REPLACED, message=b"the session was resumed elsewhere")
        self.session, self.ws = session, ws
        seq = int(data.get("seq") or 0)
        session.replayed = [event for event in session.events if event["s"] > seq]
        for event in session.replayed:
            await ws.send_str(json.dumps(event))
        await self._send(session, "RESUMED", {})
        session.ready = True
        self._refresh()

    def _release(self, ws: web.WebSocketResponse) -> None:
        """The connection closed: its session (if any) keeps buffering events for a RESUME."""
        for session in self.shards.values():
            if session.ws is ws:
                session.detach()
        self._refresh()

    def _refresh(self) -> None:
        """Recompute ``connected`` (every shard of the latest shard count is live) and wake shard waiters.

        Unsharded, that is exactly "the bot's one connection is up", as before sharding existed.
        """
        if self.connected_shards() == set(range(self.shard_count)):
            self.connected.set()
        else:
            self.connected.clear()
        self._gateway_changed.set()
        self._gateway_changed = asyncio.Event()

    def _ready(self, session: Session) -> dict[str, Any]:
        ready = {
            "v": 10,
            "user": self.bot_user.payload(),
            "session_id": session.id,
            "resume_gateway_url": self.gateway_url,
            "session_type": "normal",
            "guilds": [{"id": str(g.id), "unavailable": True} for g in self._shard_guilds(session)],
            "application": {"id": str(self.app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
        }
        if session.named:
            ready["shard"] = list(session.shard)
        return ready

    def joined_guilds(self) -> list[Guild]:
        """Servers the bot is in; a server where only users installed the app never reaches the gateway."""
        return [g for g in self.guilds.values() if self.bot_user.id in g.members]

    def _shard_guilds(self, session: Session) -> list[Guild]:
        """The servers the bot is in that this session's shard owns (READY and GUILD_CREATE list these)."""
        return [g for g in self.joined_guilds() if session.owns(g.id)]

    async def _send(self, session: Session, event: str, data: Any) -> None:
        session.seq += 1
        frame = {"op": 0, "s": session.seq, "t": event, "d": data}
        session.events.append(frame)
        ws = session.ws
        if ws is not None and not ws.closed:
            with contextlib.suppress(ConnectionResetError):  # closing under us: the replay buffer has it
                await ws.send_str(json.dumps(frame))

    # ---- gateway: what tests drive --------------------------------------------------

    def shard_of(self, guild_id: int, count: int | None = None) -> int:
        """The shard owning ``guild_id`` among ``count`` shards (default: the latest IDENTIFY's count)."""
        return owning_shard(guild_id, count or self.shard_count)

    def connected_shards(self, count: int | None = None) -> set[int]:
        """The ids of the shards of ``count`` (default: the latest IDENTIFY's) that are connected now."""
        count = count or self.shard_count
        return {shard_id for (shard_id, n), s in self.shards.items() if n == count and s.live}

    async def wait_shards(self, shards: Iterable[int], *, count: int, timeout: float = 10.0) -> None:
        """Wait until each of ``shards`` (ids among ``count``) is connected, past READY or RESUMED."""
        wanted = set(shards)

        async def until() -> None:
            while not wanted <= self.connected_shards(count):
                await self._gateway_changed.wait()

        try:
            await asyncio.wait_for(until(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"shards {sorted(wanted)} of {count} not connected within {timeout}s "
                f"(connected: {sorted(self.connected_shards(count))})"
            ) from None

    async def dispatch(self, event: str, data: Any) -> None:
        """Send a gateway event to the shard owning its guild (outside guilds: shard 0), as Discord routes
        it; a shard whose connection is down keeps it for replay on RESUME."""
        guild_id = event_guild(event, data)
        targets = [s for s in self.shards.values() if s.owns(guild_id)]
        if not targets:
            where = "outside guilds (shard 0)" if guild_id is None else f"of guild {guild_id}"
            raise AssertionError(f"no gateway session for events {where}: is the bot connected?")
        for session in targets:
            await self._send(session, event, data)

    async def dispatch_raw(self, event: str, data: Any) -> None:
        await self.dispatch(event, data)

    def hold_gateway(self) -> None:
        """A slow gateway: new connections are accepted but get no HELLO until :meth:`release_gateway`,
        so a test can act while a dropped shard is still reconnecting (and know what it missed)."""
        self._gateway_open.clear()

    def release_gateway(self) -> None:
        self._gateway_open.set()

    def _attached(self, shard: int | None) -> list[Session]:
        """Sessions with a connection: all of them, or those of shard id ``shard`` (any shard count)."""
        return [s for s in self.shards.values() if s.ws is not None and shard in (None, s.shard[0])]

    async def drop_gateway(self, shard: int | None = None) -> None:
        """Drop connections as a network failure would (resumable close code): every one, or ``shard``'s."""
        for session in self._attached(shard):
            ws = session.detach()
            self._refresh()
            if ws is not None and not ws.closed:
                await ws.close(code=4000, message=b"dropped by the test")

    async def send_reconnect(self, shard: int | None = None) -> None:
        """op 7: ask every connection (or ``shard``'s) to reconnect and resume."""
        for session in self._attached(shard):
            ws = session.detach()
            self._refresh()
            if ws is not None and not ws.closed:
                await ws.send_str(json.dumps({"op": 7, "d": None, "s": None, "t": None}))


_MESSAGES = {
    50001: "Missing Access",
    50013: "Missing Permissions",
    10003: "Unknown Channel",
    0: "Internal Server Error",
}

"""The test API of the emulator: build a world, act as members, read what the bot did.

emu = Emulator(); await emu.start()
guild = emu.add_guild("Home")                       # with #general, an owner and a member
async with run_bot(bot, emu):                       # the real discord.py client, connected
    result = await emu.invoke("ask", {"question": "who won"}, user=guild.member)
    assert "Challenge" in result.text
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import discord
import yarl

from tests.discord_emu.model import (
    ADMINISTRATOR,
    ALL,
    MANAGE_CHANNELS,
    MANAGE_GUILD,
    MEMBER_DEFAULT,
    Channel,
    Guild,
    Member,
    Message,
    Overwrite,
    Role,
    User,
    snowflake,
)
from tests.discord_emu.server import EmulatorServer, Fault, PendingInteraction

ANSWER_TIMEOUT = 5.0
OPTION_TYPES = {
    "string": 3,
    "integer": 4,
    "boolean": 5,
    "user": 6,
    "channel": 7,
    "role": 8,
    "number": 10,
    "attachment": 11,
}


@dataclass
class World:
    """A guild set up for tests, with the people in it."""

    guild: Guild
    general: Channel
    owner: User
    member: User
    admin: User
    everyone: Role


@dataclass
class Result:
    """What the bot answered to one interaction, as the member would see it."""

    callback_type: int | None
    message: Message | None
    followups: list[Message] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None

    @property
    def messages(self) -> list[Message]:
        return [m for m in [self.message, *self.followups] if m is not None]

    @property
    def last(self) -> Message:
        return self.messages[-1]

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.last.embeds

    @property
    def ephemeral(self) -> bool:
        return self.last.ephemeral

    @property
    def text(self) -> str:
        """Content and every embed's visible text, flattened, for assertions."""
        parts = [self.last.content]
        for e in self.last.embeds:
            parts += [e.get("title", ""), e.get("description", ""), (e.get("footer") or {}).get("text", "")]
            for f in e.get("fields", []):
                parts += [f["name"], f["value"]]
        return "\n".join(p for p in parts if p)


class Emulator(EmulatorServer):
    # ---- world building -------------------------------------------------------------

    def add_guild(self, name: str = "Test server", *, bot_permissions: int = MEMBER_DEFAULT) -> World:
        guild_id = snowflake()
        owner, member, admin = User(snowflake(), "owner"), User(snowflake(), "member"), User(snowflake(), "mod")
        guild = Guild(guild_id, name, owner.id)
        everyone = Role(guild_id, "@everyone", MEMBER_DEFAULT, position=0)
        guild.roles[guild_id] = everyone
        bot_role = Role(snowflake(), "race-bot", bot_permissions, position=2)
        mod_role = Role(snowflake(), "Moderators", MANAGE_GUILD | MANAGE_CHANNELS, position=3)
        guild.roles[bot_role.id] = bot_role
        guild.roles[mod_role.id] = mod_role
        for user, roles in ((owner, []), (member, []), (admin, [mod_role.id]), (self.bot_user, [bot_role.id])):
            guild.members[user.id] = Member(user, roles)
        self.guilds[guild_id] = guild
        general = self.add_channel(guild, "general")
        return World(guild, general, owner, member, admin, everyone)

    def add_channel(self, guild: Guild, name: str, *, bot_deny: int = 0) -> Channel:
        channel = Channel(snowflake(), guild.id, name)
        if bot_deny:
            channel.overwrites.append(Overwrite(self.bot_user.id, 1, deny=bot_deny))
        guild.channels[channel.id] = channel
        self.channels[channel.id] = channel
        return channel

    async def create_channel(self, guild: Guild, name: str, *, bot_deny: int = 0) -> Channel:
        """A channel created while the bot is connected: Discord tells it with CHANNEL_CREATE."""
        channel = self.add_channel(guild, name, bot_deny=bot_deny)
        await self.dispatch("CHANNEL_CREATE", channel.payload())
        return channel

    def add_member(self, guild: Guild, name: str, *, permissions: int = 0) -> User:
        user = User(snowflake(), name)
        roles = []
        if permissions:
            role = Role(snowflake(), f"{name}-role", permissions)
            guild.roles[role.id] = role
            roles.append(role.id)
        guild.members[user.id] = Member(user, roles)
        return user

    def add_role(self, guild: Guild, name: str, permissions: int = 0) -> Role:
        role = Role(snowflake(), name, permissions)
        guild.roles[role.id] = role
        return role

    def give_role(self, guild: Guild, user: User, role: Role) -> None:
        guild.members[user.id].roles.append(role.id)

    async def create_role(self, guild: Guild, name: str, permissions: int = 0) -> Role:
        """A role created while the bot is connected: Discord tells it with GUILD_ROLE_CREATE."""
        role = self.add_role(guild, name, permissions)
        await self.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": role.payload()})
        return role

    # ---- faults ---------------------------------------------------------------------

    def fail_channel(self, channel_id: int, status: int = 403, code: int = 50013) -> None:
        self.faults.append(Fault(f"/channels/{channel_id}/messages", status, code, -1))

    def fail_next(self, match: str, status: int = 500, code: int = 0, times: int = 1) -> None:
        self.faults.append(Fault(match, status, code, times))

    def delay(self, match: str, seconds: float, times: int = -1) -> None:
        self.faults.append(Fault(match, 0, 0, times, delay=seconds))

    def clear_faults(self) -> None:
        self.faults.clear()

    # ---- reading --------------------------------------------------------------------

    def channel_messages(self, channel_id: int) -> list[Message]:
        return [m for m in self.messages.get(channel_id, []) if m.interaction_id is None and not m.deleted]

    def commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        return self.global_commands if guild_id is None else self.guild_commands.get(guild_id, [])

    # ---- acting as a member ---------------------------------------------------------

    def _find_command(self, name: str, guild_id: int | None) -> dict[str, Any]:
        for command in [*self.guild_commands.get(guild_id or 0, []), *self.global_commands]:
            if command["name"] == name:
                return command
        raise AssertionError(f"/{name} is not registered (synced: {[c['name'] for c in self.global_commands]})")

    def _options(
        self,
        schema: list[dict[str, Any]],
        path: list[str],
        values: dict[str, Any],
        focused: str | None,
        resolved: dict[str, Any],
        guild: Guild,
    ) -> list[dict[str, Any]]:
        if path:
            sub = next((o for o in schema if o["name"] == path[0] and o["type"] in (1, 2)), None)
            if sub is None:
                raise AssertionError(f"no subcommand {path[0]!r}")
            inner = self._options(sub.get("options", []), path[1:], values, focused, resolved, guild)
            return [{"name": sub["name"], "type": sub["type"], "options": inner}]
        out = []
        for name, value in values.items():
            opt = next((o for o in schema if o["name"] == name), None)
            if opt is None:
                raise AssertionError(f"no option {name!r} (has {[o['name'] for o in schema]})")
            kind = opt["type"]
            entry: dict[str, Any] = {"name": name, "type": kind}
            if kind == 7:
                channel = value if isinstance(value, Channel) else self.channels[int(value)]
                resolved.setdefault("channels", {})[str(channel.id)] = {
                    **channel.payload(),
                    "permissions": str(guild.permissions(self.bot_user.id, channel)),
                }
                entry["value"] = str(channel.id)
            elif kind == 8:
                role = value if isinstance(value, Role) else guild.roles[int(value)]
                resolved.setdefault("roles", {})[str(role.id)] = role.payload()
                entry["value"] = str(role.id)
            elif kind == 6:
                user = value
                resolved.setdefault("users", {})[str(user.id)] = user.payload()
                entry["value"] = str(user.id)
            elif kind == 11:
                filename, data = value
                attachment_id = str(snowflake())
                self.uploads[attachment_id] = data
                resolved.setdefault("attachments", {})[attachment_id] = {
                    "id": attachment_id,
                    "filename": filename,
                    "size": len(data),
                    "url": f"http://127.0.0.1:{self.port}/uploads/{attachment_id}",
                    "proxy_url": f"http://127.0.0.1:{self.port}/uploads/{attachment_id}",
                    "content_type": "application/json",
                }
                entry["value"] = attachment_id
            else:
                entry["value"] = value
            if focused == name:
                entry["focused"] = True
            out.append(entry)
        return out

    def _payload(
        self, kind: int, data: dict[str, Any], user: User, channel: Channel, message: Message | None = None
    ) -> tuple[dict[str, Any], PendingInteraction]:
        guild = self.guilds[channel.guild_id]
        token = secrets.token_urlsafe(24)
        pending = PendingInteraction(snowflake(), token, kind, channel.id, guild.id)
        self.interactions[token] = pending
        member = guild.members.get(user.id) or Member(user)
        payload = {
            "id": str(pending.id),
            "application_id": str(self.app_id),
            "type": kind,
            "token": token,
            "version": 1,
            "data": data,
            "guild_id": str(guild.id),
            "channel_id": str(channel.id),
            "channel": {"id": str(channel.id), "type": channel.type, "guild_id": str(guild.id), "name": channel.name},
            "member": member.payload(guild.permissions(user.id, channel)),
            "app_permissions": str(guild.permissions(self.bot_user.id, channel)),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
            "guild": {"id": str(guild.id), "features": [], "locale": "en-US"},
        }
        if message is not None:
            payload["message"] = message.payload()
        return payload, pending

    async def _run(self, payload: dict[str, Any], pending: PendingInteraction, timeout: float) -> Result:
        await self.dispatch("INTERACTION_CREATE", payload)
        try:
            await asyncio.wait_for(pending.finished.wait(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"the bot never answered interaction {payload['type']}/{payload['data'].get('name') or ''} "
                f"within {timeout}s (callback type: {pending.callback_type})"
            ) from None
        await asyncio.sleep(0.005)  # let follow-ups sent right after the answer land
        if pending.rejections:
            raise AssertionError(f"Discord would have refused the bot's answer: {pending.rejections}")
        return Result(pending.callback_type, pending.original, list(pending.followups), pending.choices)

    async def invoke(
        self,
        command: str,
        options: dict[str, Any] | None = None,
        *,
        user: User,
        channel: Channel,
        timeout: float = ANSWER_TIMEOUT,
        registered_in: int | None = None,
    ) -> Result:
        """Run a slash command (``"facts date"`` for subcommands) as ``user`` in ``channel``.

        ``registered_in`` forges an invocation of a command registered in another server (what a
        stale client or a crafted request could send), to test the bot's run-time checks.
        """
        name, *path = command.split()
        guild = self.guilds[channel.guild_id]
        schema = self._find_command(name, registered_in or guild.id)
        resolved: dict[str, Any] = {}
        data = {
            "id": schema["id"],
            "name": name,
            "type": 1,
            "options": self._options(schema.get("options", []), path, options or {}, None, resolved, guild),
        }
        if schema.get("guild_id"):
            data["guild_id"] = schema["guild_id"]
        if resolved:
            data["resolved"] = resolved
        payload, pending = self._payload(2, data, user, channel)
        return await self._run(payload, pending, timeout)

    async def autocomplete(
        self, command: str, options: dict[str, Any], focused: str, *, user: User, channel: Channel
    ) -> list[dict[str, Any]]:
        name, *path = command.split()
        guild = self.guilds[channel.guild_id]
        schema = self._find_command(name, guild.id)
        data = {
            "id": schema["id"],
            "name": name,
            "type": 1,
            "options": self._options(schema.get("options", []), path, options, focused, {}, guild),
        }
        if schema.get("guild_id"):
            data["guild_id"] = schema["guild_id"]
        payload, pending = self._payload(4, data, user, channel)
        result = await self._run(payload, pending, ANSWER_TIMEOUT)
        return result.choices or []

    async def click(self, message: Message, custom_id: str, *, user: User, timeout: float = ANSWER_TIMEOUT) -> Result:
        """Press a button on a message the bot posted."""
        channel = self.channels[message.channel_id]
        data = {"custom_id": custom_id, "component_type": 2}
        payload, pending = self._payload(3, data, user, channel, message)
        pending.original = message  # an "update message" callback edits this one
        return await self._run(payload, pending, timeout)


def buttons(message: Message) -> list[str]:
    return [c["custom_id"] for row in message.components for c in row.get("components", []) if "custom_id" in c]


@contextlib.asynccontextmanager
async def run_bot(bot: discord.Client, emu: Emulator, *, token: str = "test-token") -> AsyncIterator[discord.Client]:
    """Log the real client in against the emulator, connect it, wait until ready; close on exit."""
    old_base, old_gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = emu.base_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(emu.gateway_url)
    task: asyncio.Task[None] | None = None
    try:
        await bot.login(token)
        task = asyncio.create_task(bot.connect(reconnect=True))
        waiter = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({task, waiter}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
        if waiter not in done:
            waiter.cancel()
            if task in done:
                task.result()  # raises the connection error
            raise AssertionError("the bot did not become ready within 10 s")
        yield bot
    finally:
        await bot.close()
        if task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(task, 5)
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


__all__ = ["ADMINISTRATOR", "ALL", "Emulator", "Result", "World", "buttons", "run_bot"]

"""The test API of the emulator: build a world, act as members, read what the bot did.

emu = Emulator(); await emu.start()
guild = emu.add_guild("Home")                       # with #general, an owner and a member
async with run_bot(bot, emu):                       # the real discord.py client, connected
    result = await emu.invoke("ask", {"question": "who won"}, user=guild.member, channel=guild.general)
    assert "Challenge" in result.text

Where a member acts decides the interaction's context, as on Discord: a server channel (GUILD), the
DM with the bot (``emu.dm_channel(user)``, BOT_DM), or a DM/group DM between users
(``emu.private_channel(user, friend)``, PRIVATE_CHANNEL). A server the bot never joined
(``emu.add_guild(..., bot_installed=False)``) and private channels are reached only through a user
install (``emu.install_for_user(user)``). Commands Discord would hide there raise CommandNotAvailable.

A member's Discord language is ``emu.add_member(guild, name, locale="ru")`` (or ``user.locale = "ru"``;
``en-US`` by default): every interaction carries it as ``locale``, and such a member may name a command,
subcommand or option as their client shows it (``emu.invoke("спросить", {"вопрос": …})``) while the
interaction carries the default names, as Discord's does.

The gateway is sharded like Discord's, so ``discord.AutoShardedClient`` (or several clients or
processes, each running some shards of the bot) can connect at once: each shard gets only the guilds it
owns, ``(guild_id >> 22) % shard_count``, and the events outside guilds (DMs) go to shard 0.

emu.recommended_shards = 2                          # GET /gateway/bot's "shards"
world = emu.add_guild("Second", shard=(1, 2))       # an id that shard 1 of 2 owns
await emu.wait_shards({0, 1}, count=2)              # both shards past READY (or RESUMED)
emu.connected_shards(2); emu.shard_of(guild_id, 2)  # {0, 1}; the owning shard
await emu.drop_gateway(shard=1)                     # one shard's connection (no shard: all of them)

``emu.connected`` is set while every shard of the latest IDENTIFY's shard count (``emu.shard_count``)
is connected, and cleared as soon as one of them drops: for an unsharded bot, "its connection is up",
as before. ``emu.session`` and ``emu.ws`` are the latest identified or resumed session and connection
(the only ones, unsharded); ``identify_count`` and ``resume_count`` count over all shards.
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

from tests.discord_emu.contexts import (
    BOT_DM,
    GUILD,
    PRIVATE_CHANNEL,
    USER_INSTALL,
    CommandNotAvailable,
    Origin,
    Place,
    command_origin,
)
from tests.discord_emu.model import (
    ADMINISTRATOR,
    ALL,
    BOT_DM_APP_PERMISSIONS,
    DM,
    GROUP_DM,
    MANAGE_CHANNELS,
    MANAGE_GUILD,
    MEMBER_DEFAULT,
    PRIVATE_APP_PERMISSIONS,
    SEND_MESSAGES,
    Channel,
    Guild,
    Member,
    Message,
    Overwrite,
    Role,
    User,
    snowflake,
    snowflake_on_shard,
)
from tests.discord_emu.server import EmulatorServer, Fault, PendingInteraction
from tests.discord_emu.validation import LOCALES

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
    interaction: PendingInteraction | None = None  # the emulator's record of it (for submit_modal)

    @property
    def modal(self) -> dict[str, Any] | None:
        """The modal the bot opened in answer (callback type 9), as Discord received it."""
        return self.interaction.modal if self.interaction is not None else None

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

    def add_guild(
        self,
        name: str = "Test server",
        *,
        bot_permissions: int = MEMBER_DEFAULT,
        bot_installed: bool = True,
        locale: str = "en-US",
        shard: tuple[int, int] | None = None,
    ) -> World:
        """A server with #general, an owner, a member and a moderator.

        ``locale`` is the server's language (its preferred locale): interactions there carry it as
        ``guild_locale``, whatever each member's own client language is.

        ``bot_installed=False``: the bot never joined it (no GUILD_CREATE, no channel access); members
        reach the app there only through a user install (:meth:`install_for_user`).

        ``shard=(k, n)``: its id is chosen so that shard ``k`` of ``n`` owns it (``(id >> 22) % n == k``),
        for tests of which shard's connection its events reach.
        """
        guild_id = snowflake() if shard is None else snowflake_on_shard(*shard)
        owner, member, admin = User(snowflake(), "owner"), User(snowflake(), "member"), User(snowflake(), "mod")
        guild = Guild(guild_id, name, owner.id, locale=_checked_locale(locale))
        everyone = Role(guild_id, "@everyone", MEMBER_DEFAULT, position=0)
        guild.roles[guild_id] = everyone
        mod_role = Role(snowflake(), "Moderators", MANAGE_GUILD | MANAGE_CHANNELS, position=3)
        guild.roles[mod_role.id] = mod_role
        for user, roles in ((owner, []), (member, []), (admin, [mod_role.id])):
            guild.members[user.id] = Member(user, roles)
        if bot_installed:
            bot_role = Role(snowflake(), "race-bot", bot_permissions, position=2)
            guild.roles[bot_role.id] = bot_role
            guild.members[self.bot_user.id] = Member(self.bot_user, [bot_role.id])
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
        if self.bot_in_guild(guild.id):
            await self.dispatch("CHANNEL_CREATE", channel.payload())
        return channel

    def add_user(self, name: str, *, locale: str = "en-US") -> User:
        """Someone in no server of the emulator (a friend in a group DM, say)."""
        return User(snowflake(), name, locale=_checked_locale(locale))

    def add_member(self, guild: Guild, name: str, *, permissions: int = 0, locale: str = "en-US") -> User:
        """A member of ``guild``; ``locale`` is their Discord client's language ("ru", "en-GB", …)."""
        user = User(snowflake(), name, locale=_checked_locale(locale))
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
        if self.bot_in_guild(guild.id):
            await self.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": role.payload()})
        return role

    def install_for_user(self, user: User) -> None:
        """``user`` adds the app to their account (a user install): its USER_INSTALL commands follow them."""
        if USER_INSTALL not in self.install_types:
            raise AssertionError("the app's installation settings do not allow user installs")
        self.user_installs.add(user.id)

    def dm_channel(self, user: User) -> Channel:
        """The DM between ``user`` and the bot (context BOT_DM)."""
        for channel in self.channels.values():
            if channel.type == DM and {u.id for u in channel.recipients} == {user.id, self.bot_user.id}:
                return channel
        return self._private(DM, "", [user, self.bot_user], user)

    def private_channel(self, user: User, *others: User, name: str = "group") -> Channel:
        """A DM between ``user`` and one other person, or a group DM (context PRIVATE_CHANNEL)."""
        if not others:
            raise AssertionError("a private channel needs someone besides the user")
        kind = DM if len(others) == 1 else GROUP_DM
        return self._private(kind, name if kind == GROUP_DM else "", [user, *others], user)

    def _private(self, kind: int, name: str, recipients: list[User], owner: User) -> Channel:
        channel = Channel(snowflake(), None, name, kind, recipients=recipients, owner_id=owner.id)
        self.channels[channel.id] = channel
        return channel

    def post_message(
        self, channel: Channel, author: User, content: str = "", *, embeds: list[dict[str, Any]] | None = None
    ) -> Message:
        """A message someone wrote in ``channel``, stored (no MESSAGE_CREATE: the emulator sends none)."""
        message = Message(snowflake(), channel.id, author, content, list(embeds or []), guild_id=channel.guild_id)
        self.messages[channel.id].append(message)
        return message

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
        """What the bot posted in the channel itself (not interaction answers, not members' messages)."""
        return [
            m
            for m in self.messages.get(channel_id, [])
            if m.interaction_id is None and not m.deleted and m.author.id == self.bot_user.id
        ]

    def commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        return self.global_commands if guild_id is None else self.guild_commands.get(guild_id, [])

    def command(self, name: str, guild_id: int | None = None, *, kind: int = 1) -> dict[str, Any]:
        """One stored command as Discord echoed it (``kind``: 1 slash, 2 user, 3 message command)."""
        found = [c for c in self.commands(guild_id) if c["name"] == name and c["type"] == kind]
        if not found:
            synced = [c["name"] for c in self.commands(guild_id)]
            raise AssertionError(f"no type {kind} command {name!r} (synced: {synced})")
        return found[0]

    def available(self, name: str, *, user: User, channel: Channel, kind: int = 1) -> bool:
        """Whether Discord would show ``user`` the command in ``channel`` (contexts, installs, scope)."""
        try:
            self._origin(self._find_command(name, channel.guild_id, kind), user, channel)
        except CommandNotAvailable:
            return False
        return True

    # ---- where an interaction comes from --------------------------------------------

    def _find_command(
        self, name: str, guild_id: int | None, kind: int = 1, locale: str | None = None
    ) -> dict[str, Any]:
        """The command named ``name``, or (for a user whose client is in ``locale``) shown under that name."""
        for command in [*self.guild_commands.get(guild_id or 0, []), *self.global_commands]:
            if _shown_as(command, name, locale) and command.get("type", 1) == kind:
                return command
        synced = [c["name"] for c in self.global_commands]
        raise CommandNotAvailable(f"no type {kind} command {name!r} is registered here (global: {synced})")

    def _place(self, user: User, channel: Channel) -> Place:
        if channel.private:
            context = BOT_DM if channel.includes(self.bot_user.id) and channel.type == DM else PRIVATE_CHANNEL
        else:
            context = GUILD
        return Place(
            context=context,
            guild_id=channel.guild_id,
            bot_in_guild=self.bot_in_guild(channel.guild_id),
            mutual_guild=any(user.id in g.members for g in self.joined_guilds()),
            user_installed=user.id in self.user_installs,
            user_id=user.id,
        )

    def _guild_of(self, channel: Channel) -> Guild | None:
        return None if channel.guild_id is None else self.guilds[channel.guild_id]

    def _origin(self, command: dict[str, Any], user: User, channel: Channel) -> Origin:
        return command_origin(command, self._place(user, channel))

    def _default_origin(self, user: User, channel: Channel) -> Origin:
        """For forged or component interactions: the installation that would cover this place."""
        place = self._place(user, channel)
        if place.context == GUILD and place.bot_in_guild:
            return Origin(GUILD, {"0": str(channel.guild_id)})
        if place.context == BOT_DM:
            return Origin(BOT_DM, {"0": "0"})
        return Origin(place.context, {"1": str(user.id)})

    def _app_permissions(self, channel: Channel) -> int:
        """``app_permissions``: the bot's, @everyone's where the bot is absent, fixed sets outside servers."""
        if channel.private:
            return BOT_DM_APP_PERMISSIONS if channel.includes(self.bot_user.id) else PRIVATE_APP_PERMISSIONS
        guild = self.guilds[channel.guild_id]
        if self.bot_in_guild(guild.id):
            return guild.permissions(self.bot_user.id, channel)
        return guild.everyone_permissions(channel)

    def _may_answer_publicly(self, origin: Origin, user: User, channel: Channel) -> bool:
        """Only a user install in a server is bound by the member's own Send Messages permission."""
        if channel.private or "0" in origin.owners:
            return True
        return bool(self.guilds[channel.guild_id].permissions(user.id, channel) & SEND_MESSAGES)

    # ---- acting as a member ---------------------------------------------------------

    def _options(
        self,
        schema: list[dict[str, Any]],
        path: list[str],
        values: dict[str, Any],
        focused: str | None,
        resolved: dict[str, Any],
        guild: Guild | None,
        locale: str | None = None,
    ) -> list[dict[str, Any]]:
        """The options as Discord sends them: always under their default names, whatever the user saw."""
        if path:
            sub = next((o for o in schema if _shown_as(o, path[0], locale) and o["type"] in (1, 2)), None)
            if sub is None:
                raise AssertionError(f"no subcommand {path[0]!r}")
            inner = self._options(sub.get("options", []), path[1:], values, focused, resolved, guild, locale)
            return [{"name": sub["name"], "type": sub["type"], "options": inner}]
        out = []
        for name, value in values.items():
            opt = next((o for o in schema if _shown_as(o, name, locale) and o["type"] not in (1, 2)), None)
            if opt is None:
                raise AssertionError(f"no option {name!r} (has {[o['name'] for o in schema]})")
            entry: dict[str, Any] = {"name": opt["name"], "type": opt["type"]}
            entry["value"] = self._option_value(opt, value, resolved, guild)
            if focused == name:
                entry["focused"] = True
            out.append(entry)
        return out

    def _option_value(self, opt: dict[str, Any], value: Any, resolved: dict[str, Any], guild: Guild | None) -> Any:
        kind = opt["type"]
        if kind == 7:
            channel = value if isinstance(value, Channel) else self.channels[int(value)]
            resolved.setdefault("channels", {})[str(channel.id)] = {
                **channel.payload(),
                "permissions": str(self._app_permissions(channel)),
            }
            return str(channel.id)
        if kind == 8:
            if guild is None:
                raise AssertionError("role options need a server")
            role = value if isinstance(value, Role) else guild.roles[int(value)]
            resolved.setdefault("roles", {})[str(role.id)] = role.payload()
            return str(role.id)
        if kind == 6:
            resolved.setdefault("users", {})[str(value.id)] = value.payload()
            return str(value.id)
        if kind == 11:
            return self._attachment(value, resolved)
        return value

    def _attachment(self, value: tuple[str, bytes], resolved: dict[str, Any]) -> str:
        filename, data = value
        attachment_id = str(snowflake())
        self.uploads[attachment_id] = data
        url = f"http://127.0.0.1:{self.port}/uploads/{attachment_id}"
        resolved.setdefault("attachments", {})[attachment_id] = {
            "id": attachment_id,
            "filename": filename,
            "size": len(data),
            "url": url,
            "proxy_url": url,
            "content_type": "application/json",
        }
        return attachment_id

    def _where(self, user: User, channel: Channel) -> dict[str, Any]:
        """The keys that say where the interaction happened: a server (``member``) or a DM (``user``)."""
        if channel.private:
            return {"channel": channel.private_payload(self.bot_user.id), "user": user.payload()}
        guild = self.guilds[channel.guild_id]
        member = guild.members.get(user.id) or Member(user)
        perms = guild.permissions(user.id, channel)
        return {
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "features": [], "locale": guild.locale},
            "guild_locale": guild.locale,
            "channel": {**channel.payload(), "permissions": str(perms)},
            "member": member.payload(perms),
        }

    def _payload(
        self,
        kind: int,
        data: dict[str, Any],
        user: User,
        channel: Channel,
        message: Message | None = None,
        *,
        origin: Origin | None = None,
    ) -> tuple[dict[str, Any], PendingInteraction]:
        origin = origin or self._default_origin(user, channel)
        token = secrets.token_urlsafe(24)
        pending = PendingInteraction(snowflake(), token, kind, channel.id, channel.guild_id, origin=origin)
        pending.public_allowed = self._may_answer_publicly(origin, user, channel)
        self.interactions[token] = pending
        payload = {
            "id": str(pending.id),
            "application_id": str(self.app_id),
            "type": kind,
            "token": token,
            "version": 1,
            "data": data,
            "channel_id": str(channel.id),
            **self._where(user, channel),
            "app_permissions": str(self._app_permissions(channel)),
            "locale": user.locale,
            "entitlements": [],
            "authorizing_integration_owners": dict(origin.owners),
            "context": origin.context,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message.payload()
        pending.sent = payload
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
        return Result(pending.callback_type, pending.original, list(pending.followups), pending.choices, pending)

    def _command_data(self, schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
        data = {"id": schema["id"], "name": schema["name"], "type": schema.get("type", 1), **extra}
        if schema.get("guild_id"):
            data["guild_id"] = schema["guild_id"]
        return data

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

        ``channel`` says the context: a server channel (GUILD; through the guild install where the bot
        is in the server, else through ``user``'s user install), :meth:`dm_channel` (BOT_DM) or
        :meth:`private_channel` (PRIVATE_CHANNEL). Raises :class:`CommandNotAvailable` where Discord
        would not show the command.

        ``registered_in`` forges an invocation of a command registered in another server (what a
        stale client or a crafted request could send), to test the bot's run-time checks.
        """
        name, *path = command.split()
        guild = self._guild_of(channel)
        schema = self._find_command(name, registered_in or channel.guild_id, locale=user.locale)
        origin = None if registered_in else self._origin(schema, user, channel)
        resolved: dict[str, Any] = {}
        schema_options = schema.get("options", [])
        options_data = self._options(schema_options, path, options or {}, None, resolved, guild, user.locale)
        data = self._command_data(schema, options=options_data)
        if resolved:
            data["resolved"] = resolved
        payload, pending = self._payload(2, data, user, channel, origin=origin)
        return await self._run(payload, pending, timeout)

    async def invoke_message_command(
        self,
        name: str,
        message: Message,
        *,
        user: User,
        channel: Channel | None = None,
        timeout: float = ANSWER_TIMEOUT,
    ) -> Result:
        """Run the message context-menu command ``name`` on ``message`` (in its channel unless told)."""
        channel = channel or self.channels[message.channel_id]
        schema = self._find_command(name, channel.guild_id, kind=3, locale=user.locale)
        origin = self._origin(schema, user, channel)
        resolved = {"messages": {str(message.id): message.payload()}}
        data = self._command_data(schema, target_id=str(message.id), resolved=resolved)
        payload, pending = self._payload(2, data, user, channel, origin=origin)
        return await self._run(payload, pending, timeout)

    async def invoke_user_command(
        self, name: str, target: User, *, user: User, channel: Channel, timeout: float = ANSWER_TIMEOUT
    ) -> Result:
        """Run the user context-menu command ``name`` on ``target``."""
        schema = self._find_command(name, channel.guild_id, kind=2, locale=user.locale)
        origin = self._origin(schema, user, channel)
        resolved: dict[str, Any] = {"users": {str(target.id): target.payload()}}
        guild = self._guild_of(channel)
        member = guild.members.get(target.id) if guild else None
        if guild is not None and member is not None:
            perms = guild.permissions(target.id, channel)
            resolved["members"] = {str(target.id): _without_user(member.payload(perms))}
        data = self._command_data(schema, target_id=str(target.id), resolved=resolved)
        payload, pending = self._payload(2, data, user, channel, origin=origin)
        return await self._run(payload, pending, timeout)

    async def autocomplete(
        self, command: str, options: dict[str, Any], focused: str, *, user: User, channel: Channel
    ) -> list[dict[str, Any]]:
        name, *path = command.split()
        guild = self._guild_of(channel)
        schema = self._find_command(name, channel.guild_id, locale=user.locale)
        origin = self._origin(schema, user, channel)
        options_data = self._options(schema.get("options", []), path, options, focused, {}, guild, user.locale)
        data = self._command_data(schema, options=options_data)
        payload, pending = self._payload(4, data, user, channel, origin=origin)
        result = await self._run(payload, pending, ANSWER_TIMEOUT)
        return result.choices or []

    async def click(self, message: Message, custom_id: str, *, user: User, timeout: float = ANSWER_TIMEOUT) -> Result:
        """Press a button on a message the bot posted (with the installation of the interaction behind it)."""
        return await self._component(message, {"custom_id": custom_id, "component_type": 2}, user, timeout)

    async def select(
        self, message: Message, custom_id: str, values: list[str], *, user: User, timeout: float = ANSWER_TIMEOUT
    ) -> Result:
        """Pick ``values`` in a string select menu on a message the bot posted.

        Discord's client offers only the menu's own options, between ``min_values`` and ``max_values`` of
        them, so anything else is a mistake in the test and raises AssertionError.
        """
        menus = [c for row in message.components for c in row.get("components", []) if c.get("type") == 3]
        menu = next((m for m in menus if m.get("custom_id") == custom_id), None)
        if menu is None or menu.get("disabled"):
            raise AssertionError(f"no enabled select menu {custom_id!r} (has {[m.get('custom_id') for m in menus]})")
        offered = [o["value"] for o in menu.get("options", [])]
        low, high = menu.get("min_values", 1), menu.get("max_values", 1)
        if any(v not in offered for v in values) or not low <= len(values) <= high:
            raise AssertionError(f"the menu offers {offered} ({low}-{high} of them), not {values}")
        data = {"custom_id": custom_id, "component_type": 3, "values": list(values)}
        return await self._component(message, data, user, timeout)

    async def _component(self, message: Message, data: dict[str, Any], user: User, timeout: float) -> Result:
        channel = self.channels[message.channel_id]
        source = next((p for p in self.interactions.values() if p.id == message.interaction_id), None)
        origin = source.origin if source is not None and source.origin.owners else None
        payload, pending = self._payload(3, data, user, channel, message, origin=origin)
        pending.original = message  # an "update message" callback edits this one
        return await self._run(payload, pending, timeout)

    async def submit_modal(
        self, opened: Result, values: dict[str, str], *, user: User, timeout: float = ANSWER_TIMEOUT
    ) -> Result:
        """Fill in and submit the modal the bot opened in ``opened`` (type 5, MODAL_SUBMIT).

        Fields left out keep their pre-filled value. Discord's client refuses to submit a required field
        left empty or a value outside its lengths, so those raise AssertionError. A modal opened from a
        button carries that button's message, which an "update message" answer then edits.
        """
        shown = opened.interaction
        if shown is None or shown.modal is None:
            raise AssertionError("the bot opened no modal in that answer")
        fields = [row["components"][0] for row in shown.modal["components"]]
        unknown = set(values) - {f["custom_id"] for f in fields}
        if unknown:
            raise AssertionError(f"the modal has no field {sorted(unknown)}")
        rows = [{"type": 1, "components": [_submitted(f, values.get(f["custom_id"]))]} for f in fields]
        data = {"custom_id": shown.modal["custom_id"], "components": rows}
        channel = self.channels[shown.channel_id]
        source = opened.message if shown.type == 3 else None
        payload, pending = self._payload(5, data, user, channel, source, origin=shown.origin)
        pending.original = source
        return await self._run(payload, pending, timeout)


def _shown_as(node: dict[str, Any], name: str, locale: str | None) -> bool:
    """Whether a command or option is called ``name`` (its default), or is shown so in ``locale``."""
    return node.get("name") == name or (
        locale is not None and (node.get("name_localizations") or {}).get(locale) == name
    )


def _checked_locale(locale: str) -> str:
    if locale not in LOCALES:
        raise AssertionError(f"{locale!r} is not a Discord locale (one of {sorted(LOCALES)})")
    return locale


def _submitted(field: dict[str, Any], typed: str | None) -> dict[str, Any]:
    """One text input as a modal submission carries it, after checking what Discord's client checks."""
    value = (field.get("value") or "") if typed is None else typed
    if field.get("required", True) and not value:
        raise AssertionError(f"the modal's required field {field['custom_id']!r} was left empty")
    if value and not field.get("min_length", 0) <= len(value) <= field.get("max_length", 4000):
        raise AssertionError(f"{len(value)} characters do not fit the field {field['custom_id']!r}")
    return {"type": 4, "custom_id": field["custom_id"], "value": value}


def _without_user(member: dict[str, Any]) -> dict[str, Any]:
    """Resolved members leave out ``user`` (it is in resolved users), as Discord sends them."""
    return {k: v for k, v in member.items() if k != "user"}


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


__all__ = ["ADMINISTRATOR", "ALL", "CommandNotAvailable", "Emulator", "Result", "World", "buttons", "run_bot"]

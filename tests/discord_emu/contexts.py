"""Where a command may run: installation contexts (``integration_types``) and interaction contexts.

Discord hides a command wherever its ``contexts``/``integration_types`` do not allow it, so a member
can never send that interaction. The emulator raises :class:`CommandNotAvailable` instead, which lets
a test assert that, say, an admin command is not usable in DMs.

Rules (Discord's docs, application-commands "Contexts" and receiving-and-responding
"Authorizing Integration Owners Object"):

* ``integration_types``: 0 GUILD_INSTALL, 1 USER_INSTALL; absent or null means the app's configured
  installation contexts. ``contexts``: 0 GUILD, 1 BOT_DM, 2 PRIVATE_CHANNEL; null means GUILD and BOT_DM
  (or GUILD only with the deprecated ``dm_permission: false``). Both are only for global commands:
  guild commands run in their guild, through the guild install, and Discord drops the fields.
* ``authorizing_integration_owners`` has a key per installation that covers the interaction:
  ``"0"`` is the guild id (or ``"0"`` in a DM with the bot), ``"1"`` the id of the user who installed it.
  PRIVATE_CHANNEL (group DMs, DMs between users) is only reachable through a user install.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

GUILD_INSTALL, USER_INSTALL = 0, 1
GUILD, BOT_DM, PRIVATE_CHANNEL = 0, 1, 2
INSTALL_TYPES = (GUILD_INSTALL, USER_INSTALL)
CONTEXT_TYPES = (GUILD, BOT_DM, PRIVATE_CHANNEL)
CONTEXT_NAMES = {GUILD: "GUILD", BOT_DM: "BOT_DM", PRIVATE_CHANNEL: "PRIVATE_CHANNEL"}
GUILD_ONLY_FIELDS = ("contexts", "integration_types", "dm_permission")


class CommandNotAvailable(AssertionError):
    """Discord would not show this command here, so no member could have invoked it."""


@dataclass(frozen=True)
class Origin:
    """How an interaction reached the app: its interaction context and the installations behind it."""

    context: int
    owners: dict[str, str]


@dataclass(frozen=True)
class Place:
    """Facts about where a member acts, as Discord sees them when it decides what to show."""

    context: int
    guild_id: int | None
    bot_in_guild: bool  # the app is guild-installed (its bot is a member) in this guild
    mutual_guild: bool  # the member shares a guild with the bot (for global commands in the bot's DM)
    user_installed: bool  # the member has installed the app to their account
    user_id: int


def effective_contexts(command: dict[str, Any]) -> set[int]:
    """The interaction contexts a stored global command is usable in (null ``contexts``: guilds and bot DMs)."""
    contexts = command.get("contexts")
    if contexts is not None:
        return set(contexts)
    return {GUILD} if command.get("dm_permission") is False else {GUILD, BOT_DM}


def stored_command(command: dict[str, Any], *, guild_scoped: bool, app_installs: Collection[int]) -> dict[str, Any]:
    """What Discord keeps (and echoes) of one command of a bulk overwrite."""
    kind = command.get("type", 1)
    stored = {**command, "type": kind, "nsfw": command.get("nsfw", False)}
    perms = command.get("default_member_permissions")
    stored["default_member_permissions"] = None if perms is None else str(perms)  # a string, whatever was sent
    if kind in (2, 3):
        stored["description"] = ""  # not allowed on create; echoed as an empty string
    if guild_scoped:
        for key in GUILD_ONLY_FIELDS:
            stored.pop(key, None)
        return stored
    stored["dm_permission"] = command.get("dm_permission", True)
    stored["contexts"] = command.get("contexts")
    installs = command.get("integration_types")
    stored["integration_types"] = sorted(app_installs) if installs is None else installs
    return stored


def _owners(command: dict[str, Any], place: Place) -> dict[str, str]:
    installs = set(command.get("integration_types") or [])
    owners: dict[str, str] = {}
    if GUILD_INSTALL in installs:
        if place.context == GUILD and place.bot_in_guild:
            owners["0"] = str(place.guild_id)
        elif place.context == BOT_DM and place.mutual_guild:
            owners["0"] = "0"
    if USER_INSTALL in installs and place.user_installed:
        owners["1"] = str(place.user_id)
    return owners


def guild_command_origin(command: dict[str, Any], place: Place) -> Origin:
    """A guild command: only in its own guild, where the app is guild-installed."""
    if place.context != GUILD or str(place.guild_id) != command.get("guild_id") or not place.bot_in_guild:
        raise CommandNotAvailable(f"{command['name']!r} is a command of guild {command.get('guild_id')}: not here")
    return Origin(GUILD, {"0": str(place.guild_id)})


def command_origin(command: dict[str, Any], place: Place) -> Origin:
    """The interaction's context and owners, or CommandNotAvailable where Discord hides the command."""
    if command.get("guild_id"):
        return guild_command_origin(command, place)
    name, where = command["name"], CONTEXT_NAMES[place.context]
    allowed = effective_contexts(command)
    if place.context not in allowed:
        shown = sorted(CONTEXT_NAMES[c] for c in allowed)
        raise CommandNotAvailable(f"{name!r} is not available in {where} (contexts: {shown})")
    owners = _owners(command, place)
    if not owners:
        raise CommandNotAvailable(
            f"{name!r} is not available in {where}: no installation covers it "
            f"(integration_types {command.get('integration_types')}, bot in guild: {place.bot_in_guild}, "
            f"user installed the app: {place.user_installed})"
        )
    return Origin(place.context, owners)

"""Discord's rules for application commands, as the API enforces them on a bulk overwrite."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from typing import Any

from tests.discord_emu.contexts import CONTEXT_TYPES, INSTALL_TYPES

MAX_OPTIONS = 25
MAX_CHOICES = 25
MAX_COMMANDS = 100
MAX_BY_TYPE = {1: MAX_COMMANDS, 2: 15, 3: 15}  # CHAT_INPUT, USER, MESSAGE (per scope)
MAX_COMMAND_SIZE = 8000
SUB = (1, 2)  # SUB_COMMAND, SUB_COMMAND_GROUP


def valid_name(name: Any) -> bool:
    """``^[-_\\p{L}\\p{N}]{1,32}$`` in lower case (for chat-input commands and options)."""
    if not isinstance(name, str) or not 1 <= len(name) <= 32 or name != name.lower():
        return False
    return all(ch in "-_" or unicodedata.category(ch)[0] in "LN" for ch in name)


def valid_menu_name(name: Any) -> bool:
    """User and message commands: 1-32 characters, mixed case and spaces allowed, no control characters."""
    if not isinstance(name, str) or not 1 <= len(name) <= 32 or not name.strip():
        return False
    return all(unicodedata.category(ch)[0] != "C" for ch in name)


def _description(where: str, text: Any, problems: list[str]) -> None:
    if not isinstance(text, str) or not 1 <= len(text) <= 100:
        problems.append(f"{where}: description must be 1-100 characters, got {text!r}")


def _options(where: str, options: list[dict[str, Any]], depth: int, problems: list[str]) -> None:
    if len(options) > MAX_OPTIONS:
        problems.append(f"{where}: {len(options)} options (at most {MAX_OPTIONS})")
    seen_optional = False
    names = set()
    for opt in options:
        path = f"{where} {opt.get('name')}"
        if not valid_name(opt.get("name")):
            problems.append(f"{path}: invalid option name")
        if opt.get("name") in names:
            problems.append(f"{path}: duplicate option name")
        names.add(opt.get("name"))
        _description(path, opt.get("description"), problems)
        kind = opt.get("type")
        if kind in SUB:
            if depth >= (1 if kind == 2 else 2):
                problems.append(f"{path}: subcommands nested too deep")
            _options(path, opt.get("options", []), depth + 1, problems)
            continue
        if opt.get("required"):
            if seen_optional:
                problems.append(f"{path}: required option after an optional one")
        else:
            seen_optional = True
        choices = opt.get("choices") or []
        if len(choices) > MAX_CHOICES:
            problems.append(f"{path}: {len(choices)} choices (at most {MAX_CHOICES})")
        if choices and opt.get("autocomplete"):
            problems.append(f"{path}: choices and autocomplete together")
        for choice in choices:
            if not 1 <= len(str(choice.get("name", ""))) <= 100:
                problems.append(f"{path}: choice name must be 1-100 characters")


def _size(node: dict[str, Any]) -> int:
    """Characters Discord counts towards a command's 8000: names, descriptions, choice names and values."""
    total = len(str(node.get("name") or "")) + len(str(node.get("description") or ""))
    total += sum(len(str(c.get("name", ""))) + len(str(c.get("value", ""))) for c in node.get("choices") or [])
    return total + sum(_size(o) for o in node.get("options") or [])


def _chat_input(where: str, command: dict[str, Any], problems: list[str]) -> None:
    if not valid_name(command.get("name")):
        problems.append(f"{where}: invalid command name")
    _description(where, command.get("description"), problems)
    _options(where, command.get("options") or [], 0, problems)
    if _size(command) > MAX_COMMAND_SIZE:
        problems.append(f"{where}: more than {MAX_COMMAND_SIZE} characters in names, descriptions and choices")


def _menu(where: str, command: dict[str, Any], problems: list[str]) -> None:
    """USER and MESSAGE commands: a free-form name, no description (empty string at most), no options."""
    if not valid_menu_name(command.get("name")):
        problems.append(f"{where}: invalid context-menu command name (1-32 characters)")
    if command.get("description"):
        problems.append(f"{where}: description is not allowed on a type {command.get('type')} command")
    if command.get("options"):
        problems.append(f"{where}: options can only be set on CHAT_INPUT commands")


def _enum_list(where: str, key: str, value: Any, allowed: Collection[int], problems: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, list) or not value:
        problems.append(f"{where}: {key} must be a non-empty list, got {value!r}")
        return
    bad = [v for v in value if isinstance(v, bool) or v not in allowed]
    if bad:
        problems.append(f"{where}: {key} has values {bad} (allowed: {sorted(allowed)})")
    if len(set(map(str, value))) != len(value):
        problems.append(f"{where}: {key} has duplicates {value}")


def _contexts(where: str, command: dict[str, Any], app_installs: Collection[int] | None, problems: list[str]) -> None:
    """``integration_types`` and ``contexts``: known values, no duplicates, installs the app supports.

    ``app_installs`` is None for guild commands, where Discord ignores both fields once they are well formed.
    """
    installs = command.get("integration_types")
    _enum_list(where, "integration_types", installs, INSTALL_TYPES, problems)
    _enum_list(where, "contexts", command.get("contexts"), CONTEXT_TYPES, problems)
    if app_installs is None:
        return
    unsupported = [i for i in installs or [] if i in INSTALL_TYPES and i not in app_installs]
    if unsupported:
        problems.append(f"{where}: integration_types {unsupported} not enabled in the app's installation settings")


def _counts(payload: list[dict[str, Any]], problems: list[str]) -> None:
    for kind, limit in MAX_BY_TYPE.items():
        count = sum(1 for c in payload if c.get("type", 1) == kind)
        if count > limit:
            problems.append(f"{count} commands of type {kind} (at most {limit})")


def validate_commands(
    payload: Any, *, app_installs: Collection[int] = INSTALL_TYPES, guild_scoped: bool = False
) -> list[str]:
    """Every rule the payload breaks, as readable strings (empty when Discord would accept it).

    ``guild_scoped``: Discord ignores ``contexts``/``integration_types`` on guild commands (it still
    refuses values that are not valid at all, and installs the app does not support).
    """
    if not isinstance(payload, list) or not all(isinstance(c, dict) for c in payload):
        return ["payload must be a list of commands"]
    problems: list[str] = []
    _counts(payload, problems)
    seen = set()
    for command in payload:
        name, kind = command.get("name"), command.get("type", 1)
        where = f"/{name}" if kind == 1 else f"{name!r} (type {kind})"
        if kind == 1:
            _chat_input(where, command, problems)
        elif kind in (2, 3):
            _menu(where, command, problems)
        else:
            problems.append(f"{where}: command type must be 1, 2 or 3 (4 needs an app with Activities)")
        if (kind, name) in seen:
            problems.append(f"{where}: duplicate command name")
        seen.add((kind, name))
        _contexts(where, command, None if guild_scoped else app_installs, problems)
        perms = command.get("default_member_permissions")
        if perms is not None and not str(perms).isdigit():
            problems.append(f"{where}: default_member_permissions must be a string of digits")
    return problems


EMBED_LIMITS = {"title": 256, "description": 4096}
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
MAX_FIELDS = 25
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_CONTENT = 2000


def _embed_problems(index: int, embed: dict[str, Any]) -> list[str]:
    where = f"embeds.{index}"
    problems = []
    for key, limit in EMBED_LIMITS.items():
        if len(embed.get(key) or "") > limit:
            problems.append(f"{where}.{key}: longer than {limit}")
    fields = embed.get("fields") or []
    if len(fields) > MAX_FIELDS:
        problems.append(f"{where}.fields: more than {MAX_FIELDS}")
    for i, f in enumerate(fields):
        if not 1 <= len(f.get("name") or "") <= FIELD_NAME:
            problems.append(f"{where}.fields.{i}.name: must be 1-{FIELD_NAME} characters")
        if not 1 <= len(f.get("value") or "") <= FIELD_VALUE:
            problems.append(f"{where}.fields.{i}.value: must be 1-{FIELD_VALUE} characters")
    footer = (embed.get("footer") or {}).get("text") or ""
    if len(footer) > FOOTER:
        problems.append(f"{where}.footer.text: longer than {FOOTER}")
    return problems


def embeds_total(embeds: list[dict[str, Any]]) -> int:
    total = 0
    for e in embeds:
        total += len(e.get("title") or "") + len(e.get("description") or "")
        total += len((e.get("footer") or {}).get("text") or "") + len((e.get("author") or {}).get("name") or "")
        total += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in e.get("fields") or [])
    return total


def validate_message(body: dict[str, Any], files: dict[str, bytes], *, edit: bool = False) -> tuple[int, list[str]]:
    """(code, problems) for a message body as Discord checks it: 50006 empty, 50035 invalid form."""
    embeds = body.get("embeds") or []
    problems = []
    if len(body.get("content") or "") > MAX_CONTENT:
        problems.append(f"content: longer than {MAX_CONTENT}")
    if len(embeds) > MAX_EMBEDS:
        problems.append(f"embeds: more than {MAX_EMBEDS}")
    for i, embed in enumerate(embeds):
        problems += _embed_problems(i, embed)
    if embeds_total(embeds) > MAX_EMBED_TOTAL:
        problems.append(f"embeds: more than {MAX_EMBED_TOTAL} characters in all")
    if problems:
        return 50035, problems
    empty = not (body.get("content") or embeds or files or body.get("components") or body.get("attachments"))
    if empty and not edit:
        return 50006, ["Cannot send an empty message"]
    return 0, []

"""Discord's rules for application commands, as the API enforces them on a bulk overwrite."""

from __future__ import annotations

import unicodedata
from typing import Any

MAX_OPTIONS = 25
MAX_CHOICES = 25
MAX_COMMANDS = 100
SUB = (1, 2)  # SUB_COMMAND, SUB_COMMAND_GROUP


def valid_name(name: Any) -> bool:
    """``^[-_\\p{L}\\p{N}]{1,32}$`` in lower case (for chat-input commands and options)."""
    if not isinstance(name, str) or not 1 <= len(name) <= 32 or name != name.lower():
        return False
    return all(ch in "-_" or unicodedata.category(ch)[0] in "LN" for ch in name)


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


def validate_commands(payload: Any) -> list[str]:
    """Every rule the payload breaks, as readable strings (empty when Discord would accept it)."""
    if not isinstance(payload, list):
        return ["payload must be a list of commands"]
    problems: list[str] = []
    if len([c for c in payload if c.get("type", 1) == 1]) > MAX_COMMANDS:
        problems.append(f"more than {MAX_COMMANDS} chat-input commands")
    names = set()
    for command in payload:
        name = command.get("name")
        if command.get("type", 1) == 1:
            if not valid_name(name):
                problems.append(f"/{name}: invalid command name")
            _description(f"/{name}", command.get("description"), problems)
        if name in names:
            problems.append(f"/{name}: duplicate command name")
        names.add(name)
        _options(f"/{name}", command.get("options") or [], 0, problems)
        perms = command.get("default_member_permissions")
        if perms is not None and not str(perms).isdigit():
            problems.append(f"/{name}: default_member_permissions must be a string of digits")
    total = sum(len(str(c.get("name", ""))) + len(str(c.get("description", ""))) for c in payload)
    if total > 8000 * max(1, len(payload)):
        problems.append("command set too large")
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

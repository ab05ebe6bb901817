"""Discord's rules for application commands, as the API enforces them on a bulk overwrite."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection
from typing import Any

from tests.discord_emu.contexts import CONTEXT_TYPES, INSTALL_TYPES

MAX_OPTIONS = 25
MAX_CHOICES = 25
MAX_COMMANDS = 100
MAX_BY_TYPE = {1: MAX_COMMANDS, 2: 15, 3: 15}  # CHAT_INPUT, USER, MESSAGE (per scope)
MAX_COMMAND_SIZE = 8000
SUB = (1, 2)  # SUB_COMMAND, SUB_COMMAND_GROUP
# Discord's locales (the "Locales" reference): the only keys a localization dictionary may have.
LOCALES = frozenset(
    "id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el bg ru uk hi th "
    "zh-CN ja zh-TW ko".split()
)
CHOICE_NAME = 100
_INDIC = (range(0x0900, 0x0980), range(0x0E00, 0x0E80))  # \p{sc=Deva}, \p{sc=Thai}: their marks count too


def valid_name(name: Any) -> bool:
    """``^[-_\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$`` in lower case (chat-input commands, options).

    Also the rule for each localized name: Cyrillic, Devanagari or Thai letters are fine, capitals
    (where the letter has a lower case) and spaces are not.
    """
    if not isinstance(name, str) or not 1 <= len(name) <= 32 or name != name.lower():
        return False
    return all(ch in "-_" or unicodedata.category(ch)[0] in "LN" or any(ord(ch) in r for r in _INDIC) for ch in name)


def valid_menu_name(name: Any) -> bool:
    """User and message commands: 1-32 characters, mixed case and spaces allowed, no control characters."""
    if not isinstance(name, str) or not 1 <= len(name) <= 32 or not name.strip():
        return False
    return all(unicodedata.category(ch)[0] != "C" for ch in name)


def valid_description(text: Any) -> bool:
    return isinstance(text, str) and 1 <= len(text) <= 100


def _description(where: str, text: Any, problems: list[str]) -> None:
    if not valid_description(text):
        problems.append(f"{where}: description must be 1-100 characters, got {text!r}")


def _localizations(
    where: str, node: dict[str, Any], key: str, valid: Callable[[Any], bool], rule: str, problems: list[str]
) -> None:
    """``name_localizations`` / ``description_localizations``: null, or locale → a text obeying ``rule``."""
    table = node.get(key)
    if table is None:
        return
    if not isinstance(table, dict):
        problems.append(f"{where}: {key} must be an object of locale to text, got {table!r}")
        return
    for locale, text in table.items():
        if locale not in LOCALES:
            problems.append(f"{where}: {key} has {locale!r}, which is not a valid locale")
        elif not valid(text):
            problems.append(f"{where}: {key}.{locale} {rule}, got {text!r}")


def _named(where: str, node: dict[str, Any], problems: list[str]) -> None:
    """A chat-input command's or option's localized names and descriptions: the same rules as the defaults."""
    _localizations(where, node, "name_localizations", valid_name, "must be a valid lower-case name", problems)
    _localizations(where, node, "description_localizations", valid_description, "must be 1-100 characters", problems)


def _localized_duplicates(where: str, siblings: list[dict[str, Any]], what: str, problems: list[str]) -> None:
    """Two siblings may not share a localized name in the same locale (Discord could not tell them apart)."""
    seen: set[tuple[str, str]] = set()
    for node in siblings:
        table = node.get("name_localizations")
        for locale, text in table.items() if isinstance(table, dict) else ():
            if (locale, text) in seen:
                problems.append(f"{where}: duplicate {what} name {text!r} in locale {locale}")
            seen.add((locale, text))


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
        _named(path, opt, problems)
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
            if not 1 <= len(str(choice.get("name", ""))) <= CHOICE_NAME:
                problems.append(f"{path}: choice name must be 1-{CHOICE_NAME} characters")
            rule = f"must be 1-{CHOICE_NAME} characters"
            _localizations(
                f"{path} choice {choice.get('name')!r}", choice, "name_localizations", _choice_name, rule, problems
            )
    _localized_duplicates(where, options, "option", problems)


def _choice_name(text: Any) -> bool:
    return isinstance(text, str) and 1 <= len(text) <= CHOICE_NAME


def _longest(node: dict[str, Any], key: str) -> int:
    """A field's length as the size limit counts it: the longest of the default and its localizations."""
    table = node.get(f"{key}_localizations")
    texts = [str(node.get(key) or ""), *map(str, table.values() if isinstance(table, dict) else ())]
    return max(map(len, texts))


def _size(node: dict[str, Any]) -> int:
    """Characters Discord counts towards a command's 8000: names, descriptions, choice names and values.

    With localizations, only the longest form of each field counts (Discord's documented rule).
    """
    total = _longest(node, "name") + _longest(node, "description")
    total += sum(_longest(c, "name") + len(str(c.get("value", ""))) for c in node.get("choices") or [])
    return total + sum(_size(o) for o in node.get("options") or [])


def _chat_input(where: str, command: dict[str, Any], problems: list[str]) -> None:
    if not valid_name(command.get("name")):
        problems.append(f"{where}: invalid command name")
    _description(where, command.get("description"), problems)
    _named(where, command, problems)
    _options(where, command.get("options") or [], 0, problems)
    if _size(command) > MAX_COMMAND_SIZE:
        problems.append(f"{where}: more than {MAX_COMMAND_SIZE} characters in names, descriptions and choices")


def _menu(where: str, command: dict[str, Any], problems: list[str]) -> None:
    """USER and MESSAGE commands: a free-form name, no description (empty string at most), no options."""
    if not valid_menu_name(command.get("name")):
        problems.append(f"{where}: invalid context-menu command name (1-32 characters)")
    rule = "must be a valid context-menu name (1-32 characters)"
    _localizations(where, command, "name_localizations", valid_menu_name, rule, problems)
    if any((command.get("description_localizations") or {}).values()):
        problems.append(f"{where}: description_localizations are not allowed on a type {command.get('type')} command")
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
    for kind in MAX_BY_TYPE:
        _localized_duplicates(
            "commands", [c for c in payload if c.get("type", 1) == kind], f"type {kind} command", problems
        )
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


MAX_ROWS = 5
MAX_ROW_ITEMS = 5
CUSTOM_ID = 100
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
OPTION_TEXT = 100  # an option's label, value and description
PLACEHOLDER = 150
SELECT_TYPES = (3, 5, 6, 7, 8)  # string, user, role, mentionable and channel selects
MODAL_TITLE = 45
MODAL_ROWS = 5
INPUT_LABEL = 45
INPUT_TEXT = 4000
INPUT_PLACEHOLDER = 100


def _custom_id(where: str, component: dict[str, Any], problems: list[str]) -> None:
    if not 1 <= len(str(component.get("custom_id") or "")) <= CUSTOM_ID:
        problems.append(f"{where}.custom_id: must be 1-{CUSTOM_ID} characters")


def _button(where: str, button: dict[str, Any], problems: list[str]) -> None:
    if len(button.get("label") or "") > BUTTON_LABEL:
        problems.append(f"{where}.label: longer than {BUTTON_LABEL}")
    if button.get("style") == 5:  # a link button has a url and no custom_id
        if not button.get("url") or "custom_id" in button:
            problems.append(f"{where}: a link button needs a url and no custom_id")
    else:
        _custom_id(where, button, problems)


def _string_select(where: str, menu: dict[str, Any], problems: list[str]) -> None:
    _custom_id(where, menu, problems)
    options = menu.get("options") or []
    if not 1 <= len(options) <= SELECT_OPTIONS:
        problems.append(f"{where}.options: must be 1-{SELECT_OPTIONS} options")
    for i, option in enumerate(options):
        for key in ("label", "value"):
            if not 1 <= len(str(option.get(key) or "")) <= OPTION_TEXT:
                problems.append(f"{where}.options.{i}.{key}: must be 1-{OPTION_TEXT} characters")
        if len(option.get("description") or "") > OPTION_TEXT:
            problems.append(f"{where}.options.{i}.description: longer than {OPTION_TEXT}")
    if len({o.get("value") for o in options}) != len(options):
        problems.append(f"{where}.options: values must be unique")
    if len(menu.get("placeholder") or "") > PLACEHOLDER:
        problems.append(f"{where}.placeholder: longer than {PLACEHOLDER}")
    low, high = menu.get("min_values", 1), menu.get("max_values", 1)
    if not (0 <= low <= SELECT_OPTIONS and 1 <= high <= SELECT_OPTIONS and low <= high <= max(1, len(options))):
        problems.append(f"{where}: min_values {low} / max_values {high} do not fit {len(options)} options")


def component_problems(components: list[dict[str, Any]]) -> list[str]:
    """A message's components as Discord checks them: action rows of buttons, or one select menu each."""
    problems: list[str] = []
    if len(components) > MAX_ROWS:
        problems.append(f"components: more than {MAX_ROWS} action rows")
    ids: list[str] = []
    for r, row in enumerate(components):
        where, children = f"components.{r}", row.get("components") or []
        if row.get("type") != 1:
            problems.append(f"{where}: a message's top-level components are action rows (type 1)")
            continue
        if not 1 <= len(children) <= MAX_ROW_ITEMS:
            problems.append(f"{where}: an action row holds 1-{MAX_ROW_ITEMS} components")
        if any(c.get("type") in SELECT_TYPES for c in children) and len(children) > 1:
            problems.append(f"{where}: a select menu must be alone in its action row")
        for i, child in enumerate(children):
            if child.get("type") == 2:
                _button(f"{where}.components.{i}", child, problems)
            elif child.get("type") == 3:
                _string_select(f"{where}.components.{i}", child, problems)
            if "custom_id" in child:
                ids.append(str(child["custom_id"]))
    if len(ids) != len(set(ids)):
        problems.append("components: custom_id values must be unique in a message")
    return problems


def _text_input(where: str, field: dict[str, Any], problems: list[str]) -> None:
    if field.get("type") != 4:
        problems.append(f"{where}: a modal row holds one text input (type 4)")
        return
    _custom_id(where, field, problems)
    if field.get("style") not in (1, 2):
        problems.append(f"{where}.style: 1 (short) or 2 (paragraph)")
    if not 1 <= len(field.get("label") or "") <= INPUT_LABEL:
        problems.append(f"{where}.label: must be 1-{INPUT_LABEL} characters")
    low, high = field.get("min_length", 0), field.get("max_length", INPUT_TEXT)
    if not (0 <= low <= INPUT_TEXT and 1 <= high <= INPUT_TEXT and low <= high):
        problems.append(f"{where}: min_length {low} / max_length {high} out of range")
    if len(field.get("value") or "") > min(high, INPUT_TEXT):
        problems.append(f"{where}.value: longer than max_length")
    if len(field.get("placeholder") or "") > INPUT_PLACEHOLDER:
        problems.append(f"{where}.placeholder: longer than {INPUT_PLACEHOLDER}")


def modal_problems(modal: dict[str, Any]) -> list[str]:
    """A modal (interaction callback type 9) as Discord checks it: a title and 1-5 rows of one text input."""
    problems: list[str] = []
    _custom_id("modal", modal, problems)
    if not 1 <= len(modal.get("title") or "") <= MODAL_TITLE:
        problems.append(f"modal.title: must be 1-{MODAL_TITLE} characters")
    rows = modal.get("components") or []
    if not 1 <= len(rows) <= MODAL_ROWS:
        problems.append(f"modal.components: must be 1-{MODAL_ROWS} rows")
    for r, row in enumerate(rows):
        fields = row.get("components") or []
        if row.get("type") != 1 or len(fields) != 1:
            problems.append(f"modal.components.{r}: an action row with exactly one text input")
            continue
        _text_input(f"modal.components.{r}.components.0", fields[0], problems)
    return problems


def validate_message(body: dict[str, Any], files: dict[str, bytes], *, edit: bool = False) -> tuple[int, list[str]]:
    """(code, problems) for a message body as Discord checks it: 50006 empty, 50035 invalid form."""
    embeds = body.get("embeds") or []
    problems = component_problems(body.get("components") or [])
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

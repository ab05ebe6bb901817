"""Every exception the bot raises on purpose, in one place, and the words they carry.

    Exception
    ├── ValueError
    │   ├── UserError        a member's input is unusable: shown to them, ephemerally, in plain words
    │   ├── EditError        an edit is refused (validation, stale preview); nothing was written
    │   ├── DateParseError   admin date text is not a date we can use
    │   └── ConfigError      a configuration value is wrong; names the key
    ├── LookupError
    │   └── NotFound         no item of that name; carries suggestions
    └── RuntimeError
        ├── StoreError       the database file is unreadable or of an unknown schema; names the file
        └── FeedError        an upstream answer was unusable; nothing was applied
            └── RateLimited  429: retry after the given seconds

The shells translate them: Discord's tree handler and the console show UserError, EditError and
NotFound as plain replies; the CLI turns ConfigError and StoreError into one line and exit 2.

An error is raised deep inside the core, where nobody knows who will read it. So its words may be
a :class:`Message`: the English text (what ``str(exc)`` has always been) that also remembers its
catalogue key, so the shell that knows the reader says it again in their language with
:func:`message_in`. The same holds for a proposal's notes and summary (see bot.facts).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.core import strings as _strings  # noqa: F401  (registers the errors' strings)
from bot.core.i18n import DEFAULT, MissingString, catalogue, tr, tr_n
from bot.core.text import neutralize_mentions, shorten

_NESTED = "$message"  # how a Message inside another one's values is stored (to_data)
_JOIN = "$join"  # the key of a list of words (Message.listing): no catalogue entry, only its items'


class Message(str):
    """Words from the catalogue that read as English until someone is shown them in their language.

    A ``str`` on purpose: logs, tests, f-strings, comparisons and every English reader see exactly
    the English text, so code that knows nothing of languages keeps working unchanged. Only the
    shells, which know the reader, call :meth:`render` (through :func:`localised`). Values may be
    Messages themselves (a field's name inside "The {what} is empty."); they are rendered in the
    same language. Copying (``dataclasses.asdict``) or formatting a Message keeps only its English.
    ``limit`` shortens the rendered text (at a word) in every language alike.
    """

    key: str
    values: dict[str, Any]
    number: int | float | None  # the count a plural form is chosen by (not ``count``: str has one)
    limit: int | None

    def __new__(
        cls, key: str, /, count: int | float | None = None, *, limit: int | None = None, **values: Any
    ) -> Message:
        self = super().__new__(cls, _render(key, DEFAULT, count, values, limit))
        self.key, self.values, self.number, self.limit = key, values, count, limit
        return self

    @classmethod
    def listing(cls, items: Iterable[str], sep: str = ", ") -> Message:
        """Several words as one value ("3 milestones, 1 fact"), each said in the reader's language."""
        return cls(_JOIN, items=tuple(items), sep=sep)

    def render(self, lang: str) -> str:
        return _render(self.key, lang, self.number, self.values, self.limit)

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        return str, (str(self),)  # a copy is plain English text: the key travels only where it is kept

    def to_data(self) -> dict[str, Any]:
        """A JSON-ready form (the history keeps a change's summary this way, to show it in any language)."""
        values = {k: _value_data(v) for k, v in self.values.items()}
        return {"key": self.key, "count": self.number, "limit": self.limit, "values": values}

    @classmethod
    def from_data(cls, data: Any) -> Message | None:
        """The Message :meth:`to_data` wrote; None when it no longer reads (a key renamed since)."""
        try:
            values = {k: _value_from(v) for k, v in data["values"].items()}
            return cls(data["key"], data.get("count"), limit=data.get("limit"), **values)
        except (MissingString, KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None


def _render(key: str, lang: str, count: int | float | None, values: dict[str, Any], limit: int | None) -> str:
    if key == _JOIN:
        text = values["sep"].join(localised(item, lang) for item in values["items"])
    else:
        shown = {k: localised(v, lang) if isinstance(v, Message) else v for k, v in values.items()}
        text = tr(key, lang, **shown) if count is None else tr_n(key, count, lang, **shown)
    return text if limit is None else shorten(text, limit)


def _value_data(value: Any) -> Any:
    if isinstance(value, Message):
        return {_NESTED: value.to_data()}
    if isinstance(value, tuple | list):
        return [_value_data(v) for v in value]
    return value


def _value_from(data: Any) -> Any:
    if isinstance(data, dict):
        message = Message.from_data(data[_NESTED])
        if message is None:
            raise ValueError("a nested message no longer reads")
        return message
    if isinstance(data, list):
        return tuple(_value_from(v) for v in data)
    return data


def localised(text: object, lang: str) -> str:
    """Any text in ``lang``: a Message rendered, anything else as it is (it has no other language)."""
    return text.render(lang) if isinstance(text, Message) else str(text)


def words_of(error: BaseException) -> str:
    """An error's words, keeping a Message: re-raise with these, and the reader still gets their language."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Message) else str(error)


def message_in(error: BaseException, lang: str) -> str:
    """What an error says, in ``lang`` when its words are a Message, else as written."""
    return localised(words_of(error), lang)


class UserError(ValueError):
    """An expected problem with the user's input: shown to them in plain words, ephemerally."""


class EditError(ValueError):
    """The edit is refused; the message says why in plain words. Nothing was written."""


class DateParseError(ValueError):
    """The text is not a date we can use; the message says what forms are understood."""


class ConfigError(ValueError):
    """A configuration value is wrong; the message names the key and what is expected."""


class NotFound(LookupError):
    """No item matches; carries close suggestions for the error message."""

    def __init__(self, kind: str, query: str, suggestions: list[str]) -> None:
        self.kind = kind
        self.query = query
        self.suggestions = suggestions
        names = neutralize_mentions(", ".join(suggestions))
        hint = Message("errors.did_you_mean", names=names) if suggestions else ""
        what = Message(f"kind.{kind}") if f"kind.{kind}" in catalogue() else kind
        self.words = Message("errors.not_found", kind=what, query=neutralize_mentions(query), hint=hint)
        super().__init__(self.words)


class StoreError(RuntimeError):
    """The database file is unreadable or from an unknown schema; the message names the file."""


class FeedError(RuntimeError):
    """The upstream answer was unusable; nothing was applied."""


class RateLimited(FeedError):
    """The upstream said 429; ``retry_after`` is how long to wait, in seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"429 Too Many Requests (retry after {retry_after:.0f} s)")
        self.retry_after = retry_after

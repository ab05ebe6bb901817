"""Every exception the bot raises on purpose, in one place.

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
"""

from __future__ import annotations


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
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No {kind} called “{query}”.{hint}")


class StoreError(RuntimeError):
    """The database file is unreadable or from an unknown schema; the message names the file."""


class FeedError(RuntimeError):
    """The upstream answer was unusable; nothing was applied."""


class RateLimited(FeedError):
    """The upstream said 429; ``retry_after`` is how long to wait, in seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"429 Too Many Requests (retry after {retry_after:.0f} s)")
        self.retry_after = retry_after

"""Settings: read once at startup from the environment (and ``.env``) into one typed object.

Parsing happens in :func:`load_settings`, never at import, so tests and the console need no
token. A bad value raises :class:`ConfigError` whose message is the one line the operator sees.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.errors import ConfigError
from bot.core.i18n import DEFAULT, LANGUAGES

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@dataclass(frozen=True)
class Settings:
    discord_token: str = field(default="", repr=False)
    data_dir: Path = Path("data")
    home_guild_id: int | None = None
    admin_user_ids: frozenset[int] = frozenset()
    admin_role_id: int | None = None
    log_level: str = "INFO"
    health_host: str = "127.0.0.1"
    health_port: int = 8080  # 0 turns the health server off
    backup_keep: int = 7
    ll2_base_url: str = "https://ll.thespacedevs.com"
    ll2_api_token: str = field(default="", repr=False)
    ll2_requests_per_hour: int = 15
    snapi_base_url: str = "https://api.spaceflightnewsapi.net"
    snapi_requests_per_hour: int = 20
    snapi_poll_minutes: int = 15
    feedback_days: int = 90  # how long declined and 👎 questions are kept for admins to review
    database_url: str = field(default="", repr=False)  # PostgreSQL instead of DATA_DIR/race.json; has a password
    language: str = DEFAULT  # the console's and CLI's language, and members' whose Discord language the bot lacks
    shard_count: int | None = None  # Discord shards in all (None: one connection, no sharding)
    shard_ids: tuple[int, ...] | None = None  # the shards this process runs (None: all of them)
    delivery_lease_seconds: int = 60  # a claim on deliveries lapses after this (several processes)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "race.json"

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    @property
    def process_name(self) -> str:
        """Who this process is among several on one database: its shards (a restart is the same process)."""
        if self.shard_count is None:
            return "main"
        ids = self.shard_ids if self.shard_ids is not None else tuple(range(self.shard_count))
        return f"shards {','.join(map(str, ids))} of {self.shard_count}"

    @property
    def rate_share(self) -> float:
        """This process's part of Discord's global rate limit, which counts the bot, not the process:
        its shards' part of all shards."""
        if self.shard_count is None or self.shard_ids is None:
            return 1.0
        return len(self.shard_ids) / self.shard_count


def _discord_id(key: str, raw: str) -> int:
    text = raw.strip()
    if not text.isdigit() or not 15 <= len(text) <= 21:
        raise ConfigError(f"{key} must be a Discord id (digits), got {raw!r}")
    return int(text)


def _optional_id(key: str, raw: str) -> int | None:
    return _discord_id(key, raw) if raw.strip() else None


def _id_list(key: str, raw: str) -> frozenset[int]:
    parts = [p for p in raw.replace(";", ",").replace(" ", ",").split(",") if p]
    return frozenset(_discord_id(key, p) for p in parts)


def _log_level(key: str, raw: str) -> str:
    level = raw.strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"{key} must be one of {', '.join(LOG_LEVELS)}, got {raw!r}")
    return level


def _language(key: str, raw: str) -> str:
    """One of the languages the bot speaks, as its code (``en``, ``ru``); empty means English."""
    lang = raw.strip().lower() or DEFAULT
    if lang not in LANGUAGES:
        raise ConfigError(f"{key} must be one of {', '.join(LANGUAGES)}, got {raw!r}")
    return lang


def _data_dir(key: str, raw: str) -> Path:
    path = Path(raw.strip() or "data").expanduser()
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{key} must be a directory, got {raw!r} (a file is there)")
    return path


def _database_url(key: str, raw: str) -> str:
    """A PostgreSQL URL, or empty for the TinyDB file. Never echoed back: it may hold a password."""
    text = raw.strip()
    if text and (not text.startswith(("postgresql://", "postgres://")) or any(c.isspace() for c in text)):
        raise ConfigError(f"{key} must be a postgresql://user:password@host:5432/dbname URL, or empty for the file")
    return text


def _port(key: str, raw: str) -> int:
    text = raw.strip()
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise ConfigError(f"{key} must be a port number 0-65535 (0 turns it off), got {raw!r}")
    return int(text)


def _count(key: str, raw: str) -> int:
    text = raw.strip()
    if not text.isdigit() or not 1 <= int(text) <= 365:
        raise ConfigError(f"{key} must be a whole number from 1 to 365, got {raw!r}")
    return int(text)


def _host(key: str, raw: str) -> str:
    text = raw.strip()
    if not text or " " in text:
        raise ConfigError(f"{key} must be a host name or IP address, got {raw!r}")
    return text


def _url(key: str, raw: str) -> str:
    text = raw.strip().rstrip("/")
    if not text.startswith(("http://", "https://")) or " " in text:
        raise ConfigError(f"{key} must be an http(s) URL, got {raw!r}")
    return text


def _rate(key: str, raw: str) -> int:
    text = raw.strip()
    if not text.isdigit() or not 1 <= int(text) <= 10000:
        raise ConfigError(f"{key} must be a whole number from 1 to 10000, got {raw!r}")
    return int(text)


def _minutes(key: str, raw: str) -> int:
    """A poll interval: SNAPI imports every ~10 minutes, so polling faster than 5 finds nothing new."""
    text = raw.strip()
    if not text.isdigit() or not 5 <= int(text) <= 1440:
        raise ConfigError(f"{key} must be a whole number of minutes from 5 to 1440, got {raw!r}")
    return int(text)


def _shard_count(key: str, raw: str) -> int | None:
    text = raw.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 10000:
        raise ConfigError(f"{key} must be a whole number of shards from 1 to 10000, got {raw!r}")
    return int(text)


def _shard_ids(key: str, raw: str) -> tuple[int, ...] | None:
    """``0,1`` or ``0-3`` or both (``0-3,8``), in order, without repeats; empty: every shard."""
    if not raw.strip():
        return None
    ids: list[int] = []
    for part in (p.strip() for p in raw.replace(";", ",").split(",") if p.strip()):
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()) or (high and int(high) < int(low)):
            raise ConfigError(f"{key} must list shard numbers such as 0,1 or 0-3, got {raw!r}")
        ids += range(int(low), int(high or low) + 1)
    return tuple(dict.fromkeys(ids)) or None


def _lease(key: str, raw: str) -> int:
    """Short, and a slow fan-out outlives its claim (another process resends, deduplicated by the nonce,
    so nothing is posted twice, only sent twice); longer than 240 s, and a takeover's resend could fall
    outside the few minutes Discord deduplicates a nonce for."""
    text = raw.strip() or "60"
    if not text.isdigit() or not 2 <= int(text) <= 240:
        raise ConfigError(f"{key} must be a whole number of seconds from 2 to 240, got {raw!r}")
    return int(text)


def _check_shards(settings: Settings) -> None:
    """The rules that span several keys: shards of a count, and other processes only on a shared database."""
    count, ids = settings.shard_count, settings.shard_ids
    if ids is not None and count is None:
        raise ConfigError("SHARD_IDS needs SHARD_COUNT (how many shards there are in all)")
    if count is None or ids is None:
        return
    if max(ids) >= count:
        raise ConfigError(f"SHARD_IDS must be below SHARD_COUNT={count} (shards are numbered from 0), got {max(ids)}")
    if len(ids) < count and not settings.database_url:
        raise ConfigError(
            "SHARD_IDS runs only some shards, so other processes run the rest: they must share one "
            "PostgreSQL database (set DATABASE_URL); a TinyDB file serves one process"
        )


_PARSERS: dict[str, tuple[str, Callable[[str, str], Any]]] = {
    "DISCORD_TOKEN": ("discord_token", lambda _k, v: v.strip()),
    "DATA_DIR": ("data_dir", _data_dir),
    "HOME_GUILD_ID": ("home_guild_id", _optional_id),
    "ADMIN_USER_IDS": ("admin_user_ids", _id_list),
    "ADMIN_ROLE_ID": ("admin_role_id", _optional_id),
    "LOG_LEVEL": ("log_level", _log_level),
    "LANGUAGE": ("language", _language),
    "HEALTH_HOST": ("health_host", _host),
    "HEALTH_PORT": ("health_port", _port),
    "BACKUP_KEEP": ("backup_keep", _count),
    "FEEDBACK_DAYS": ("feedback_days", _count),
    "DATABASE_URL": ("database_url", _database_url),
    "LL2_BASE_URL": ("ll2_base_url", _url),
    "LL2_API_TOKEN": ("ll2_api_token", lambda _k, v: v.strip()),
    "LL2_REQUESTS_PER_HOUR": ("ll2_requests_per_hour", _rate),
    "SNAPI_BASE_URL": ("snapi_base_url", _url),
    "SNAPI_REQUESTS_PER_HOUR": ("snapi_requests_per_hour", _rate),
    "SNAPI_POLL_MINUTES": ("snapi_poll_minutes", _minutes),
    "SHARD_COUNT": ("shard_count", _shard_count),
    "SHARD_IDS": ("shard_ids", _shard_ids),
    "DELIVERY_LEASE_SECONDS": ("delivery_lease_seconds", _lease),
}


def parse_settings(env: Mapping[str, str]) -> Settings:
    """Build settings from a mapping; pure, so tests pass plain dicts."""
    values: dict[str, Any] = {}
    for key, (attr, parse) in _PARSERS.items():
        if key in env:
            values[attr] = parse(key, env[key])
    settings = Settings(**values)
    _check_shards(settings)
    return settings


def load_settings(env_file: str | os.PathLike[str] | None = ".env") -> Settings:
    """Read ``.env`` (without overriding real environment variables), then the environment."""
    if env_file and Path(env_file).is_file():
        from dotenv import load_dotenv

        load_dotenv(env_file, override=False)
    return parse_settings(os.environ)


MISSING_TOKEN_HELP = (
    "DISCORD_TOKEN is not set. Create an application at https://discord.com/developers/applications, "
    "copy the bot token into .env as DISCORD_TOKEN=..., or try the bot offline with: race-bot console"
)

"""Logging, set up once: one line per event as key=value, the token redacted everywhere."""

from __future__ import annotations

import logging
import sys

_TOKENS: set[str] = set()


def redact(secret: str) -> None:
    """Never let this string reach a log line (e.g. the bot token)."""
    if secret and len(secret) >= 8:
        _TOKENS.add(secret)


class KeyValueFormatter(logging.Formatter):
    """``ts=… level=… logger=… msg="…"``: greppable, and safe to ship to any log store."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + self.formatException(record.exc_info)
        for token in _TOKENS:
            message = message.replace(token, "[redacted]")
        quoted = message.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        ts = self.formatTime(record, "%Y-%m-%dT%H:%M:%S")
        return f'ts={ts}Z level={record.levelname} logger={record.name} msg="{quoted}"'


def setup_logging(level: str = "INFO") -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    formatter = KeyValueFormatter()
    formatter.converter = __import__("time").gmtime
    handler.setFormatter(formatter)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("discord").setLevel(max(logging.INFO, logging.getLevelName(level)))
    logging.getLogger("discord.http").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)

"""An in-memory stand-in for Discord's channel endpoint, with Discord's nonce semantics.

It is a Sender for the alert dispatcher: it records every message per channel, returns the
first message again for a repeated nonce (as Discord does with enforce_nonce), and can be told
to answer 403, 404 or a transient error for chosen channels.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict

from bot.alerts.records import SendResult
from bot.alerts.render import OutMessage


class FakeChannels:
    def __init__(self) -> None:
        self.messages: dict[int, list[OutMessage]] = defaultdict(list)
        self.nonces: dict[tuple[int, str], str] = {}
        self.forbidden: set[int] = set()
        self.missing: set[int] = set()
        self.flaky: dict[int, int] = {}  # channel -> transient failures left
        self.calls = 0
        self.crash_after: int | None = None  # cancel the caller after this many successful posts

    async def send(self, channel_id: int, message: OutMessage, nonce: str) -> tuple[SendResult, str]:
        self.calls += 1
        if channel_id in self.forbidden:
            return SendResult.FORBIDDEN, "Missing Permissions"
        if channel_id in self.missing:
            return SendResult.NOT_FOUND, "Unknown Channel"
        if self.flaky.get(channel_id, 0) > 0:
            self.flaky[channel_id] -= 1
            return SendResult.RETRY, "503 Service Unavailable"
        if (channel_id, nonce) in self.nonces:
            return SendResult.SENT, self.nonces[(channel_id, nonce)]
        self.messages[channel_id].append(message)
        message_id = str(1000 + sum(len(v) for v in self.messages.values()))
        self.nonces[(channel_id, nonce)] = message_id
        if self.crash_after is not None and sum(len(v) for v in self.messages.values()) >= self.crash_after:
            raise asyncio.CancelledError  # the process dies right after Discord accepted the post
        return SendResult.SENT, message_id

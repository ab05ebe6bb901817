"""Runs one real bot process against the emulator, configured from the environment as in production.

Usage: python -m tests.e2e.process_runner API_BASE GATEWAY_URL
(DATA_DIR, DATABASE_URL, SHARD_COUNT, SHARD_IDS, DELIVERY_LEASE_SECONDS, HOME_GUILD_ID ... from the environment)
"""

from __future__ import annotations

import dataclasses
import os
import sys

import discord
import yarl

from bot.app import App
from bot.infra.config import parse_settings
from bot.infra.logs import setup_logging
from bot.shells.discord.bot import run_bot


def main() -> int:
    api, gateway = sys.argv[1:3]
    discord.http.Route.BASE = api
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    settings = dataclasses.replace(parse_settings(os.environ), discord_token="emulator-token", health_port=0)
    setup_logging("INFO")
    return run_bot(settings, App.open(settings.db_path, database_url=settings.database_url))


if __name__ == "__main__":
    sys.exit(main())

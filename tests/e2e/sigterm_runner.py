"""Runs the real bot process against the emulator (used by test_sigterm.py).

Usage: python -m tests.e2e.sigterm_runner API_BASE GATEWAY_URL DATA_DIR HOME_GUILD_ID
"""

from __future__ import annotations

import sys
from pathlib import Path

import discord
import yarl

from bot.app import App
from bot.infra.config import Settings
from bot.infra.logs import setup_logging
from bot.shells.discord.bot import run_bot


def main() -> int:
    api, gateway, data_dir, home = sys.argv[1:5]
    discord.http.Route.BASE = api
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    settings = Settings(discord_token="emulator-token", data_dir=Path(data_dir), home_guild_id=int(home), health_port=0)
    setup_logging("INFO")
    return run_bot(settings, App.open(settings.db_path))


if __name__ == "__main__":
    sys.exit(main())

"""A local emulator of the Discord API (REST v10 + gateway) for end-to-end tests of the real client."""

from tests.discord_emu.contexts import CommandNotAvailable, Origin
from tests.discord_emu.emulator import Emulator, Result, World, buttons, run_bot
from tests.discord_emu.validation import validate_commands

__all__ = ["CommandNotAvailable", "Emulator", "Origin", "Result", "World", "buttons", "run_bot", "validate_commands"]

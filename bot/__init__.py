"""race-bot: the core. Nothing in this package imports discord except ``bot.discord_shell``."""

__version__ = "0.1.0"

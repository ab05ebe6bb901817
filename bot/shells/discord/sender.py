"""Posting alerts through discord.py: its errors become what the dispatcher decides on."""

from __future__ import annotations

from typing import Any

import aiohttp
import discord
from discord.ext import commands

from bot.alerts.records import SendResult
from bot.alerts.render import OutMessage
from bot.shells.discord.ui import card_to_embed


class DiscordSender:
    """Posts alerts through discord.py, turning its errors into what the dispatcher decides on."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def send(self, channel_id: int, message: OutMessage, nonce: str) -> tuple[SendResult, str]:
        channel = self.bot.get_partial_messageable(channel_id)
        roles: list[discord.abc.Snowflake] | bool = [discord.Object(message.role_id)] if message.role_id else False
        mentions = discord.AllowedMentions(everyone=False, users=False, roles=roles, replied_user=False)
        try:
            extra: dict[str, Any] = {"nonce": nonce} if nonce else {}
            sent = await channel.send(
                content=message.content, embed=card_to_embed(message.card), allowed_mentions=mentions, **extra
            )
        except discord.Forbidden as exc:
            return SendResult.FORBIDDEN, exc.text or "Missing Permissions"
        except discord.NotFound as exc:
            return SendResult.NOT_FOUND, exc.text or "Unknown Channel"
        except (TimeoutError, discord.HTTPException, aiohttp.ClientError) as exc:
            return SendResult.RETRY, str(exc)[:200]
        return SendResult.SENT, str(sent.id)

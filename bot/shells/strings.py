"""The words of the console and the command line around the cards, in English and Russian
(see bot.core.i18n); the cards' own words are in bot.ask.strings.
"""

from __future__ import annotations

from bot.core.i18n import register

register(
    {
        "console.banner": {
            "en": "race-bot console — type /help for commands, /quit to leave.",
            "ru": "Консоль race-bot — /помощь (или /help): список команд, /quit: выход.",
        },
        "console.unknown": {
            "en": "Unknown command /{name}. Type /help for the list.",
            "ru": "Неизвестная команда /{name}. Список команд: /помощь.",
        },
        "console.compare_usage": {
            "en": 'Usage: /compare A B  (quote names with spaces: /compare "The Challenge" cruise)',
            "ru": 'Формат: /сравнить A Б  (названия с пробелами — в кавычках: /сравнить "The Challenge" cruise)',
        },
        "console.confirm": {
            "en": "Type yes to confirm, anything else to cancel.",
            "ru": "Введите «да» (или yes), чтобы подтвердить; что-либо другое отменит.",
        },
        "console.cancelled": {"en": "Cancelled — nothing was changed.", "ru": "Отменено — ничего не изменилось."},
        "console.alert": {
            "en": "Alert to subscribed channels (in about a minute): {title}",
            "ru": "Оповещение подписанным каналам (примерно через минуту): {title}",
        },
        "cli.lang": {
            "en": "the replies' language: en or ru (default: LANGUAGE from the configuration, else en)",
            "ru": "язык ответов: en или ru (по умолчанию LANGUAGE из настроек, иначе en)",
        },
    }
)

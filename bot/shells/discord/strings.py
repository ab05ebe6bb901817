"""The words the Discord side adds to member replies (buttons, acknowledgements, command errors),
in English and Russian; see bot.core.i18n. The cards' own words are in bot.ask.strings.
"""

from __future__ import annotations

from bot.core.i18n import register

register(
    {
        "discord.owner_only": {
            "en": "Only the person who asked can use these buttons — run the command yourself.",
            "ru": "Этими кнопками может пользоваться только тот, кто спросил, — вызовите команду сами.",
        },
        "discord.thanks_up": {"en": "Thanks — glad that helped.", "ru": "Спасибо — рад, что помог."},
        "discord.thanks_down": {
            "en": "Thanks — noted. The admins see the questions the bot got wrong and can fix the answer.",
            "ru": "Спасибо, учтено. Админы видят вопросы, на которые бот ответил неверно, и могут исправить ответ.",
        },
        "discord.no_text": {
            "en": "That message has no text I can check (only pictures or embeds).",
            "ru": "В этом сообщении нет текста, который я мог бы проверить (только картинки или вставки).",
        },
        "discord.unusable": {
            "en": "I can't use “{value}” there: I don't know it or can't see it.",
            "ru": "Не могу использовать «{value}»: я его не знаю или не вижу.",
        },
        "discord.not_allowed": {
            "en": "You are not allowed to use this command here.",
            "ru": "Вам нельзя использовать здесь эту команду.",
        },
        "discord.failed": {
            "en": "Sorry, something went wrong on my side. The details are in the bot's log.",
            "ru": "Простите, у меня что-то пошло не так. Подробности — в журнале бота.",
        },
    }
)

"""The words of the member cards (/race, /contender, /timeline, /person, /compare, /sources, /help)
and of the member service's errors, in English and Russian; see bot.core.i18n.

The English forms are the cards' words as they always were, so English replies do not change.
A command is named as the reader's Discord client shows it: /race in English, /гонка in Russian
(the Russian command names are bot.shells.discord.command_strings'; a test keeps the two agreeing,
and the console takes either).
"""

from __future__ import annotations

from bot.core.i18n import register

register(
    {
        # /race
        "cards.race.title": {"en": "The race", "ru": "Гонка"},
        "cards.race.first": {
            "en": "🏆 **First: {name}** — {title}, {when}.",
            "ru": "🏆 **Первым стал {name}** — {title}, {when}.",
        },
        "cards.race.others": {"en": "Precedents and related firsts", "ru": "Прецеденты и смежные «первые»"},
        "cards.race.footer": {
            "en": "Ask /contender, /timeline, /compare or /ask for details · /sources TOPIC for the evidence",
            "ru": "Подробности: /претендент, /хронология, /сравнить или /спросить · источники по теме: /источники ТЕМА",
        },
        "cards.race.fresh": {"en": "_Facts checked up to {date}._", "ru": "_Факты сверены с источниками по {date}._"},
        # /contender and /compare
        "cards.card.status": {"en": "Status", "ru": "Статус"},
        "cards.card.country": {"en": "Country", "ru": "Страна"},
        "cards.card.organisations": {"en": "Organisations", "ru": "Организации"},
        "cards.card.people": {"en": "People", "ru": "Люди"},
        "cards.card.milestones": {"en": "Milestones", "ru": "Этапы"},
        "cards.card.next": {"en": "Next", "ru": "Следующий этап"},
        "cards.card.disputes": {"en": "Sources disagree on", "ru": "Источники расходятся"},
        "cards.card.sources": {"en": "Sources", "ru": "Источники"},
        "cards.card.aliases": {"en": "Also known as: {names}", "ru": "Другие названия: {names}"},
        "cards.contender.footer": {
            "en": "/timeline for every date · /sources TOPIC for the evidence",
            "ru": "Все даты: /хронология · источники по теме: /источники ТЕМА",
        },
        "cards.compare.title": {"en": "{a} vs {b}", "ru": "{a} и {b}"},
        "cards.compare.launch": {"en": "Launch", "ru": "Запуск"},
        "cards.compare.release": {"en": "Release", "ru": "Выход"},
        "cards.compare.latest": {"en": "Latest done", "ru": "Последний этап"},
        # /timeline
        "cards.timeline.of": {"en": "Timeline: {name}", "ru": "Хронология: {name}"},
        "cards.timeline.race": {"en": "Timeline of the race", "ru": "Хронология гонки"},
        "cards.timeline.empty": {"en": "No milestones recorded yet.", "ru": "Этапов пока нет."},
        "cards.timeline.legend": {
            "en": "✅ done · 📌 confirmed · 🗓️ planned · ↪️ slipped · ❌ cancelled · ❔ unknown",
            "ru": "✅ состоялось · 📌 подтверждено · 🗓️ запланировано · ↪️ перенесено · ❌ отменено · ❔ неизвестно",
        },
        "cards.timeline.footer": {"en": "{milestones}, {moved} · {legend}", "ru": "{milestones}, {moved} · {legend}"},
        "cards.timeline.milestones": {
            "en": {"one": "{n} milestones", "other": "{n} milestones"},
            "ru": {"one": "{n} этап", "few": "{n} этапа", "many": "{n} этапов", "other": "{n} этапа"},
        },
        "cards.timeline.moved": {"en": "{n} moved", "ru": "перенесено: {n}"},
        # /person
        "cards.person.roles": {"en": "Roles", "ru": "Роли"},
        "cards.person.nationality": {"en": "Nationality", "ru": "Гражданство"},
        "cards.person.aliases": {"en": "Also written", "ru": "Другие написания"},
        # /sources
        "cards.sources.title": {"en": "Sources: {label}", "ru": "Источники: {label}"},
        "cards.sources.disagree": {"en": "⚖️ Sources disagree: {title}", "ru": "⚖️ Источники расходятся: {title}"},
        "cards.sources.undated": {"en": "undated", "ru": "без даты"},
        "cards.sources.count": {
            "en": "{facts} and {disputes} on this topic.",
            "ru": "{facts} и {disputes} по этой теме.",
        },
        "cards.sources.facts": {
            "en": {"one": "{n} fact(s)", "other": "{n} fact(s)"},
            "ru": {"one": "{n} факт", "few": "{n} факта", "many": "{n} фактов", "other": "{n} факта"},
        },
        "cards.sources.disputes": {
            "en": {"one": "{n} contradiction(s)", "other": "{n} contradiction(s)"},
            "ru": {
                "one": "{n} противоречие",
                "few": "{n} противоречия",
                "many": "{n} противоречий",
                "other": "{n} противоречия",
            },
        },
        "cards.sources.footer": {
            "en": "confirmed = two or more independent sources or an official record · reported = one "
            "report · rumour = anonymous or contested",
            "ru": "подтверждено — два и более независимых источника или официальная запись · по сообщениям — "
            "одно сообщение · слух — анонимный или оспариваемый источник",
        },
        # /help
        "cards.help.title": {"en": "race-bot commands", "ru": "Команды race-bot"},
        "cards.help.race.name": {"en": "/race", "ru": "/гонка"},
        "cards.help.race": {
            "en": "The overview: who got there first, where each contender stands, what is next.",
            "ru": "Обзор: кто был первым, где сейчас каждый претендент, что дальше.",
        },
        "cards.help.contender.name": {"en": "/contender NAME", "ru": "/претендент НАЗВАНИЕ"},
        "cards.help.contender": {
            "en": "One contender: status, people, milestones, disputes, sources.",
            "ru": "Один претендент: статус, люди, этапы, спорные сведения, источники.",
        },
        "cards.help.timeline.name": {"en": "/timeline [CONTENDER]", "ru": "/хронология [ПРЕТЕНДЕНТ]"},
        "cards.help.timeline": {
            "en": "Every milestone in order, with status and slips.",
            "ru": "Все этапы по порядку, со статусом и переносами.",
        },
        "cards.help.person.name": {"en": "/person NAME", "ru": "/человек ИМЯ"},
        "cards.help.person": {
            "en": "Who someone is and their role in the race.",
            "ru": "Кто это и какова его роль в гонке.",
        },
        "cards.help.compare.name": {"en": "/compare A B", "ru": "/сравнить ПЕРВЫЙ ВТОРОЙ"},
        "cards.help.compare": {"en": "Two contenders side by side.", "ru": "Два претендента бок о бок."},
        "cards.help.ask.name": {"en": "/ask QUESTION", "ru": "/спросить ВОПРОС"},
        "cards.help.ask": {
            "en": "A free-text question, typos welcome: “when did peresild launch?”",
            "ru": "Вопрос своими словами, опечатки не страшны: «когда стартовала Пересильд?»",
        },
        "cards.help.sources.name": {"en": "/sources TOPIC", "ru": "/источники ТЕМА"},
        "cards.help.sources": {
            "en": "The evidence on a topic, with contradictions shown side by side.",
            "ru": "Источники по теме; противоречащие сведения — рядом.",
        },
        "cards.help.menu.name": {"en": "Ask race-bot", "ru": "Спросить race-bot"},
        "cards.help.menu": {
            "en": "Right-click a message → Apps → Ask race-bot: checks what someone posted, answered only to you.",
            "ru": "Правый клик по сообщению → Приложения → Спросить race-bot: проверка написанного, "
            "ответ видите только вы.",
        },
        "cards.help.help.name": {"en": "/help", "ru": "/помощь"},
        "cards.help.help": {
            "en": "This list. Under every /ask answer, 👍 / 👎 tell the admins what the bot got right or wrong.",
            "ru": "Этот список. Кнопки 👍 / 👎 под каждым ответом /спросить показывают админам, "
            "где бот прав, а где нет.",
        },
        "cards.help.footnote": {
            "en": "Dates show in your own time zone. Every answer lists its sources and "
            "how sure they are (confirmed, reported, rumour).",
            "ru": "Даты показываются в вашем часовом поясе. У каждого ответа указаны источники и "
            "степень уверенности (подтверждено, по сообщениям, слух).",
        },
        # /facts questions and `race-bot questions`
        "cards.missed.title": {"en": "Missed questions", "ru": "Пропущенные вопросы"},
        "cards.missed.none": {
            "en": "No declined or 👎 questions kept.",
            "ru": "Отклонённых вопросов и вопросов с 👎 нет.",
        },
        "cards.missed.declined": {"en": "declined", "ru": "без ответа"},
        "cards.missed.down": {"en": "👎 on {answered}", "ru": "👎 к {answered}"},
        "cards.missed.line": {
            "en": "**{i}.** “{question}” — {count}× ({what}; last {last})",
            "ru": "**{i}.** «{question}» — {count}× ({what}; последний раз {last})",
        },
        "cards.missed.footer": {
            "en": "Attach one to the item that answers it: /facts question add KIND NAME QUESTION",
            "ru": "Привяжите вопрос к отвечающему на него элементу: /facts question add KIND NAME QUESTION",
        },
        # the /ask card
        "cards.answer.card.none": {"en": "No matching fact found", "ru": "Подходящих фактов не нашлось"},
        # the member service's errors
        "cards.ask.years": {
            "en": "The first year ({start}) is after the last ({end}).",
            "ru": "Первый год ({start}) позже последнего ({end}).",
        },
        "cards.ask.need.contender": {"en": "Please name a contender.", "ru": "Укажите претендента."},
        "cards.ask.need.person": {"en": "Please name a person.", "ru": "Укажите человека."},
        "cards.ask.need.milestone": {"en": "Please name a milestone.", "ru": "Укажите этап."},
        "cards.ask.chars": {
            "en": {"one": "{n} characters", "other": "{n} characters"},
            "ru": {"one": "{n} символ", "few": "{n} символа", "many": "{n} символов", "other": "{n} символа"},
        },
        "cards.ask.long.contender": {
            "en": "That contender name is too long ({chars}; at most {max}).",
            "ru": "Название претендента слишком длинное ({chars}; не больше {max}).",
        },
        "cards.ask.long.person": {
            "en": "That person name is too long ({chars}; at most {max}).",
            "ru": "Имя слишком длинное ({chars}; не больше {max}).",
        },
        "cards.ask.long.milestone": {
            "en": "That milestone name is too long ({chars}; at most {max}).",
            "ru": "Название этапа слишком длинное ({chars}; не больше {max}).",
        },
        "cards.ask.long.topic": {
            "en": "That topic is too long ({chars}; at most {max}).",
            "ru": "Тема слишком длинная ({chars}; не больше {max}).",
        },
        "cards.ask.long.question": {
            "en": "That question is too long ({chars}; at most {max}).",
            "ru": "Вопрос слишком длинный ({chars}; не больше {max}).",
        },
        "cards.ask.unknown.contender": {"en": "No contender called “{query}”.", "ru": "Претендента «{query}» нет."},
        "cards.ask.unknown.person": {"en": "No person called “{query}”.", "ru": "Человека по имени «{query}» нет."},
        "cards.ask.unknown.milestone": {"en": "No milestone called “{query}”.", "ru": "Этапа «{query}» нет."},
        "cards.ask.unknown.topic": {"en": "No topic called “{query}”.", "ru": "Темы «{query}» нет."},
        "cards.ask.did_you_mean": {"en": " Did you mean: {names}?", "ru": " Может быть, вы имели в виду: {names}?"},
        "cards.ask.same": {
            "en": "Pick two different contenders to compare.",
            "ru": "Выберите для сравнения двух разных претендентов.",
        },
        "cards.ask.need.topic": {
            "en": "Please name a topic, e.g. budget, docking or a contender.",
            "ru": "Укажите тему, например budget, docking или претендента.",
        },
        "cards.ask.need.question": {
            "en": "Ask me something, e.g. “when did Peresild launch?”",
            "ru": "Задайте вопрос, например: «когда стартовала Пересильд?»",
        },
    }
)

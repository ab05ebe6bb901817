"""The commands in Russian: names, descriptions and choices of every slash command and context menu.

Discord shows a member the command names and descriptions of their client's language, and always
sends the English names back in the interaction, so the cogs never see a Russian word. The Russian
forms reach Discord through :class:`bot.shells.discord.translator.CommandTranslator` at sync.

The tables are keyed by the English text, so one translation serves every place the same word or
sentence appears (``kind``, ``name``, "A source URL" are on a dozen ``/facts`` subcommands).
Where one English name needs another Russian word, :data:`PATH_NAMES` overrides it by the
command's path (``feed.status``: the feeds' state, not a status to set). An English text that
changes simply stops matching: ``tests/test_command_strings.py`` walks the real command tree and
names every name, description or choice left without Russian, and every entry no longer used.

Russian names follow Discord's rules for localised names: lowercase letters, digits, ``-`` and
``_``, 1–32 characters, unique among siblings; descriptions 1–100 characters; context-menu names may
have capitals and spaces. Each entry is also registered in the shared catalogue of
:mod:`bot.core.i18n` (keys ``command.name.ask``, …), so its completeness test covers them too.
"""

from __future__ import annotations

from bot.core.i18n import register

# Command, subcommand-group, subcommand and option names, by their English name.
NAMES: dict[str, str] = {
    # members
    "race": "гонка",
    "contender": "претендент",
    "timeline": "хронология",
    "person": "человек",
    "compare": "сравнить",
    "ask": "спросить",
    "sources": "источники",
    "help": "помощь",
    "name": "название",
    "from_year": "с_года",
    "to_year": "до_года",
    "theme": "оформление",
    "first": "первый",
    "second": "второй",
    "question": "вопрос",
    "topic": "тема",
    # /alerts
    "alerts": "оповещения",
    "subscribe": "подписать",
    "unsubscribe": "отписать",
    "list": "список",
    "test": "тест",
    "channel": "канал",
    "kinds": "виды",
    "role": "роль",
    "quiet": "тихие_часы",
    "news": "новости",
    # /feed and /sync
    "feed": "ленты",
    "poll": "опросить",
    "sync": "синхронизировать",
    # /facts
    "facts": "факты",
    "date": "дата",
    "status": "статус",
    "add": "добавить",
    "contradiction": "противоречие",
    "rename": "переименовать",
    "remove": "удалить",
    "merge": "объединить",
    "source": "источник",
    "set": "задать",
    "about": "о_чём",
    "track": "следить",
    "untrack": "не_следить",
    "pin": "закрепить",
    "keywords": "ключевые_слова",
    "review": "разбор",
    "stale": "устаревшие",
    "verify": "сверить",
    "history": "история",
    "undo": "отменить",
    "questions": "вопросы",
    "export": "экспорт",
    "import": "импорт",
    "milestone": "этап",
    "reason": "причина",
    "kind": "тип",
    "text": "текст",
    "milestone_kind": "тип_этапа",
    "topics": "темы",
    "country": "страна",
    "nationality": "гражданство",
    "confidence": "достоверность",
    "title": "заголовок",
    "claim_a": "утверждение_а",
    "source_a": "источник_а",
    "claim_b": "утверждение_б",
    "source_b": "источник_б",
    "new_name": "новое_название",
    "keep": "оставить",
    "duplicate": "дубликат",
    "action": "действие",
    "url": "ссылка",
    "language": "язык",
    "functions": "функции",
    "standing": "состав",
    "lead": "главная_роль",
    "character": "персонаж",
    "flight": "полёт",
    "role_text": "роль_словами",
    "fact": "факт",
    "subjects": "предметы",
    "attribute": "атрибут",
    "answer_kind": "вид_ответа",
    "value": "значение",
    "answer": "ответ",
    "launch_id": "id_запуска",
    "pinned": "закреплено",
    "months": "месяцы",
    "change": "правка",
    "file": "файл",
    "name_ru": "русское_название",
    "text_ru": "русский_текст",
    "translate": "перевести",
    "field": "поле",
    "verdict": "оценка",
    "claim": "утверждение",
}

# Where a path (command words, then the option, joined by dots) needs another word than NAMES gives.
PATH_NAMES: dict[str, str] = {
    "person.name": "имя",  # a person has a name, an item a title
    "feed.status": "состояние",  # what the feeds are doing, not a status to set
}

# Context-menu commands (Discord allows capitals and spaces there).
MENUS: dict[str, str] = {
    "Ask race-bot": "Спросить race-bot",
}

# Choice names, by the English name Discord shows (the value sent back stays English).
CHOICES: dict[str, str] = {
    "dark": "тёмная",
    "light": "светлая",
    "all": "все",
    "changes": "изменения",
    "dates": "даты",
    "statuses": "статусы",
    "reminders": "напоминания",
    "news": "новости",
    "milestone": "этап",
    "contender": "претендент",
    "person": "человек",
    "fact": "факт",
    "contradiction": "противоречие",
    "confirmed": "подтверждено",
    "reported": "сообщалось",
    "rumour": "слух",
    "add": "добавить",
    "remove": "удалить",
    "en": "английский",
    "ru": "русский",
    "prime": "основной",
    "backup": "дублёр",
    "candidate": "кандидат",
    "former": "бывший",
    "date": "дата",
    "duration": "длительность",
    "count": "количество",
    "money": "деньги",
    "place": "место",
    "reason": "причина",
    "yesno": "да или нет",
    "text": "текст",
    "English": "английский",
    "Русский": "русский",
    "better": "надёжнее",
    "wrong": "ошибка",
    "open": "не решено",
}

# Command, group and option descriptions, by their English text.
DESCRIPTIONS: dict[str, str] = {
    # members
    "The race at a glance: who got there first, who stands where.": (
        "Гонка одним взглядом: кто был первым, кто где сейчас."
    ),
    "One contender: status, people, milestones and sources.": "Один претендент: статус, люди, этапы и источники.",
    "The contender, e.g. The Challenge or the Tom Cruise project": "Претендент, например «Вызов» или проект Тома Круза",
    "Every milestone in order, with status and slips.": "Все этапы по порядку: статус и переносы.",
    "Only this contender (leave empty for the whole race)": "Только этот претендент (пусто — вся гонка)",
    "From this year": "С этого года",
    "Up to this year": "До этого года",
    "Picture colours (default dark)": "Цвета картинки (по умолчанию тёмные)",
    "Who someone is and their role in the race.": "Кто это и какова его роль в гонке.",
    "A person, e.g. Yulia Peresild": "Человек, например Юлия Пересильд",
    "Two contenders side by side.": "Два претендента рядом.",
    "The first contender": "Первый претендент",
    "The second contender": "Второй претендент",
    "Ask a question in your own words, e.g. when did Peresild launch?": (
        "Задайте вопрос своими словами, например: когда стартовала Пересильд?"
    ),
    "Your question (typos are fine)": "Ваш вопрос (опечатки не страшны)",
    "The evidence on a topic, contradictions side by side.": "Что известно по теме, противоречия — рядом.",
    "A topic such as budget, docking or box office, or a contender": (
        "Тема (бюджет, стыковка, кассовые сборы) или претендент"
    ),
    "What this bot can do and how to ask it.": "Что умеет бот и как его спрашивать.",
    # /alerts
    "Announcements of the race in this server.": "Оповещения о гонке на этом сервере.",
    "Post race alerts in a channel.": "Публиковать оповещения о гонке в канале.",
    "Where to post": "Где публиковать",
    "Which alerts (default: all)": "Какие оповещения (по умолчанию все)",
    "Only this contender": "Только этот претендент",
    "A role to mention (never @everyone)": "Роль для упоминания (никогда не @everyone)",
    "Quiet hours in UTC, e.g. 22:00-07:00": "Тихие часы по UTC, например 22:00-07:00",
    "Also post news articles the fact admins approved (default no)": (
        "Также публиковать новости, одобренные админами фактов (по умолчанию нет)"
    ),
    "The language of the alerts (default: the server's)": "Язык оповещений (по умолчанию язык сервера)",
    "Stop race alerts in a channel.": "Остановить оповещения о гонке в канале.",
    "The channel to stop posting in": "Канал, где больше не публиковать",
    "Where to post the sample": "Где опубликовать пример",
    "This server's alert channels and their state.": "Каналы оповещений этого сервера и их состояние.",
    "Post a sample alert in a channel now.": "Опубликовать пробное оповещение в канале сейчас.",
    # /feed and /sync
    "The upstream feeds: launch dates and news.": "Внешние ленты: даты запусков и новости.",
    "Both feeds: last and next poll, requests left, errors, news.": (
        "Обе ленты: последний и следующий опрос, остаток запросов, ошибки, новости."
    ),
    "Poll Launch Library 2 and the news now (fact admins).": (
        "Опросить Launch Library 2 и новости сейчас (админы фактов)."
    ),
    "Sync the slash commands with Discord (bot owner only).": (
        "Синхронизировать команды с Discord (только владелец бота)."
    ),
    # /facts
    "Edit the shared facts (admins only).": "Правка общих фактов (только админы).",
    "Set a milestone's date (e.g. 2021-10-05 08:55 UTC, Dec 2025, TBD).": (
        "Задать дату этапа (например 2021-10-05 08:55 UTC, Dec 2025, TBD)."
    ),
    "The milestone": "Этап",
    "The new date": "Новая дата",
    "A source URL": "Ссылка на источник",
    "Why": "Почему",
    "Set a milestone's or a contender's status.": "Задать статус этапа или претендента.",
    "milestone or contender": "этап или претендент",
    "Which one (name, alias or id)": "Какая запись (название, псевдоним или id)",
    "The new status": "Новый статус",
    "Add a contender, milestone, person or fact.": "Добавить претендента, этап, человека или факт.",
    "What to add": "Что добавить",
    "A source URL (required)": "Ссылка на источник (обязательно)",
    "Name or title (not for facts)": "Имя или название (не для фактов)",
    "The contender it belongs to": "Претендент, к которому это относится",
    "Fact text or contender summary": "Текст факта или описание претендента",
    "Milestone date (default TBD)": "Дата этапа (по умолчанию TBD)",
    "Milestone kind (default other)": "Тип этапа (по умолчанию other)",
    "Milestone status (default planned)": "Статус этапа (по умолчанию planned)",
    "Person's role or contender's role": "Роль человека или роль претендента",
    "Fact topics, comma-separated": "Темы факта через запятую",
    "Contender's country": "Страна претендента",
    "Person's nationality": "Гражданство человека",
    "Fact confidence": "Достоверность факта",
    "Record two reports that disagree.": "Записать два расходящихся сообщения.",
    "A short title": "Короткий заголовок",
    "The first claim": "Первое утверждение",
    "The first claim's source": "Источник первого утверждения",
    "The second claim": "Второе утверждение",
    "The second claim's source": "Источник второго утверждения",
    "Topics, comma-separated": "Темы через запятую",
    "The contender it is about": "Претендент, о котором речь",
    "Rename an item (the old name stays an alias).": "Переименовать запись (старое название останется псевдонимом).",
    "What kind of item": "Тип записи",
    "The new name": "Новое название",
    "Remove an item (undo brings it back).": "Удалить запись (отмена вернёт её).",
    "Merge a duplicate into the item to keep.": "Слить дубликат с записью, которая остаётся.",
    "The item to keep": "Запись, которая остаётся",
    "The duplicate, folded into it": "Дубликат, который вливается в неё",
    "Add or remove a source URL of an item.": "Добавить или удалить ссылку на источник записи.",
    "Add or remove": "Добавить или удалить",
    "The URL": "Ссылка",
    "The questions an item answers (for /ask).": "Вопросы, на которые отвечает запись (для /спросить).",
    "Add a question an item answers (for /ask).": "Добавить вопрос, на который отвечает запись (для /спросить).",
    "The question, as a member would ask it": "Вопрос так, как его задал бы участник",
    "Its language (default en)": "Его язык (по умолчанию английский)",
    "Remove a question an item answers.": "Удалить вопрос, на который отвечает запись.",
    "The question to remove": "Какой вопрос удалить",
    "A person's typed roles (for /ask).": "Роли человека с их функциями (для /спросить).",
    "Set (add or replace) a person's typed role on a contender.": (
        "Задать (добавить или заменить) роль человека у претендента."
    ),
    "The person": "Человек",
    "The contender": "Претендент",
    "Comma list: director, actor, commander, …": "Через запятую: director, actor, commander, …",
    "How they hold it": "Состав: основной, дублёр, кандидат или бывший",
    "The lead actor or actress (default no)": "Исполнитель главной роли (по умолчанию нет)",
    "The character played": "Сыгранный персонаж",
    "The flight this role is about": "Полёт, к которому относится роль",
    "The role in words (default: kept, or made from the functions)": (
        "Роль словами (по умолчанию прежняя или по функциям)"
    ),
    "Remove a person's role on a contender.": "Удалить роль человека у претендента.",
    "Correct what a fact is about, for /ask: subjects, attribute, answer kind, value, answer.": (
        "Уточнить, о чём факт, для /спросить: предметы, атрибут, вид ответа, значение, ответ."
    ),
    "The fact: its id, or the start of its text": "Факт: его id или начало текста",
    "Mark one claim of a dispute better sourced, wrong or open (for /ask's yes or no).": (
        "Отметить утверждение спора как более надёжное, ошибочное или открытое (для да/нет в /спросить)."
    ),
    "The dispute's id": "id противоречия",
    "The claim's number, as /sources lists them (1 is the first)": "Номер утверждения, как в /источники (1 — первое)",
    "What the sources make of it": "Что о нём говорят источники в целом",
    "Comma list, primary first: contenders, people or milestones": (
        "Через запятую, главный первым: претенденты, люди или этапы"
    ),
    "What it tells about them: stay-duration, budget, plot, …": (
        "Что факт сообщает о них: stay-duration, budget, plot, …"
    ),
    "What kind of answer it gives": "Какого вида ответ он даёт",
    "The short answer itself, e.g. 12 days": "Сам краткий ответ, например «12 days»",
    "One sentence answering the question directly": "Одна фраза, прямо отвечающая на вопрос",
    "Follow a Launch Library 2 launch for this milestone's date.": "Брать дату этапа из запуска в Launch Library 2.",
    "The LL2 launch id (a UUID)": "id запуска в LL2 (UUID)",
    "Stop following Launch Library 2 for this milestone.": "Перестать брать дату этапа из Launch Library 2.",
    "Keep a manual date even when the feed disagrees (or unpin).": (
        "Сохранять ручную дату, даже если лента с ней не согласна (или открепить)."
    ),
    "Pin (yes) or unpin (no)": "Закрепить (да) или открепить (нет)",
    "News the feed found: what it searches for, and the articles waiting for review.": (
        "Новости из ленты: что она ищет и какие статьи ждут разбора."
    ),
    "Set the words the news feed searches for a contender (leave out keywords to see them).": (
        "Задать слова, по которым лента ищет новости о претенденте (без слов — показать их)."
    ),
    'Quoted or comma-separated, e.g. "tom cruise", space film (at most 10)': (
        'В кавычках или через запятую, например "tom cruise", space film (не больше 10)'
    ),
    "News articles waiting for review: add one as a source, record a fact from it, or ignore it.": (
        "Статьи, ждущие разбора: добавить как источник, записать из неё факт или пропустить."
    ),
    "Items not checked for MONTHS months (default 6), and those resting only on a rumour.": (
        "Записи без проверки за МЕСЯЦЫ месяцев (по умолчанию 6) и записи только на слухах."
    ),
    "Months without a check (default 6)": "Месяцев без проверки (по умолчанию 6)",
    "Mark an item checked today; with a source, it is added to the item's sources too.": (
        "Отметить запись проверенной сегодня; указанный источник добавится к её источникам."
    ),
    "The source it was checked against": "Источник, по которому проверено",
    "Who changed what, when, from what to what, and why.": "Кто что изменил, когда, с чего на что и почему.",
    "Which one": "Какая запись",
    "Revert the last change, or a chosen one (#id from history).": (
        "Отменить последнюю правку или выбранную (#номер из истории)."
    ),
    "The change number (default: the last)": "Номер правки (по умолчанию последняя)",
    "What members asked that the bot missed, with the items that may answer each.": (
        "Вопросы, на которые бот не ответил, и записи, которые могут на них ответить."
    ),
    "The whole knowledge base as a JSON file.": "Вся база знаний в файле JSON.",
    "Load an export: validated, previewed, applied on Confirm.": (
        "Загрузить экспорт: проверка, предпросмотр, применение после подтверждения."
    ),
    "An export (JSON)": "Файл экспорта (JSON)",
    "Its name or title in Russian too (optional)": "Его имя или название ещё и по-русски (необязательно)",
    "The fact text or contender summary in Russian too (optional)": (
        "Текст факта или описание претендента ещё и по-русски (необязательно)"
    ),
    "Set or correct an item's text in a language (ru; en sets the English text itself).": (
        "Задать или исправить текст записи на языке (ru; en меняет сам английский текст)."
    ),
    "The text's language": "Язык текста",
    "The text in that language": "Текст на этом языке",
    "Which text (default: the main one: summary, title or text)": (
        "Какой текст (по умолчанию основной: summary, title или text)"
    ),
}

TABLES = {"name": NAMES, "path": PATH_NAMES, "menu": MENUS, "choice": CHOICES, "description": DESCRIPTIONS}


def russian_name(path: str, english: str) -> str | None:
    """A command's, group's or option's Russian name; ``path`` is its words joined by dots."""
    return PATH_NAMES.get(path) or NAMES.get(english)


def russian_menu(english: str) -> str | None:
    return MENUS.get(english)


def russian_choice(english: str) -> str | None:
    return CHOICES.get(english)


def russian_description(english: str) -> str | None:
    return DESCRIPTIONS.get(english)


register(
    {
        f"command.{kind}.{key}": {"en": key.rsplit(".", 1)[-1] if kind == "path" else key, "ru": russian}
        for kind, table in TABLES.items()
        for key, russian in table.items()
    }
)

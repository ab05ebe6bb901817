"""The admin side's interface strings, in English and Russian (see bot.core.i18n).

What a fact admin reads: refusals, notes, change summaries, previews, history, the stale list and
the news review, and the slash replies of /alerts, /feed and /sync. The English forms are exactly
what the bot said before it spoke Russian. A count that only English ever showed ("3 milestones")
is a plain English template and a Russian plural; the editor builds :class:`~bot.core.errors.Message`
values from these keys, so a refusal made deep in the editor is still said in the admin's language.
"""

from __future__ import annotations

from bot.core.errors import Message
from bot.core.i18n import catalogue, register


def _counted(en: str, one: str, few: str, many: str) -> dict[str, str | dict[str, str]]:
    """A count: English as it always read (one plain template), Russian in its three forms."""
    return {"en": en, "ru": {"one": one, "few": few, "many": many, "other": few}}


def field_name(what: str) -> str:
    """A field's name in words ("reason" → "причина"); a field with no entry is shown as it is."""
    key = f"facts.field.{what}"
    return Message(key) if key in catalogue() else what


def kind_name(kind: str) -> str:
    """One item of a kind ("milestone" → "этап"), as the errors and the previews name it."""
    key = f"kind.{kind}"
    return Message(key) if key in catalogue() else kind


def kinds_name(collection: str) -> str:
    """A whole collection ("milestones" → "этапы")."""
    key = f"facts.kinds.{collection}"
    return Message(key) if key in catalogue() else collection


def status_name(status: str) -> str:
    """A milestone's or contender's status in words; the typed value is the English form."""
    key = f"facts.status.{status}"
    return Message(key) if key in catalogue() else status


_FIELDS = {
    "name": "имя",
    "title": "название",
    "text": "текст",
    "summary": "описание",
    "reason": "причина",
    "fact": "факт",
    "first claim": "первое утверждение",
    "second claim": "второе утверждение",
    "topic": "тема",
    "topics": "темы",
    "country": "страна",
    "nationality": "гражданство",
    "role": "роль",
    "roles": "роли",
    "character": "персонаж",
    "question": "вопрос",
    "questions": "вопросы",
    "keyword": "ключевое слово",
    "role text": "роль словами",
    "value": "значение",
    "answer": "ответ",
    "attribute": "атрибут",
    "answer kind": "вид ответа",
    "answer_kind": "вид ответа",
    "subjects": "предметы",
    "status": "статус",
    "kind": "вид",
    "standing": "положение",
    "confidence": "достоверность",
    "note": "примечание",
    "date": "дата",
    "sources": "источники",
    "aliases": "другие названия",
    "news_keywords": "ключевые слова новостей",
    "ll2_id": "запуск в Launch Library 2",
    "pinned": "закреплён",
    "verified": "проверено",
    "texts": "переводы",
    "contender": "претендент",
    "vehicle": "корабль",
    "location": "место",
    "organisations": "организации",
    "claims": "утверждения",
    "claim": "утверждение",
    "functions": "функции",
    "flight": "полёт",
    "lead": "главная роль",
    "crewed": "с экипажем",
    "language": "язык",
    "field": "поле",
}

_STATUSES = {
    "planned": "запланировано",
    "confirmed": "подтверждено",
    "done": "состоялось",
    "slipped": "перенесено",
    "cancelled": "отменено",
    "unknown": "неизвестно",
    "won": "победил",
    "active": "в работе",
    "stalled": "без движения",
    "shelved": "отложено",
    "completed": "завершено",
}

register({f"facts.field.{en}": {"en": en, "ru": ru} for en, ru in _FIELDS.items()})
register({f"facts.status.{en}": {"en": en, "ru": ru} for en, ru in _STATUSES.items()})

register(
    {
        # the collections, and counts of their items
        "facts.kinds.contenders": {"en": "contenders", "ru": "претенденты"},
        "facts.kinds.people": {"en": "people", "ru": "люди"},
        "facts.kinds.milestones": {"en": "milestones", "ru": "этапы"},
        "facts.kinds.facts": {"en": "facts", "ru": "факты"},
        "facts.kinds.contradictions": {"en": "contradictions", "ru": "противоречия"},
        "facts.count.milestones": _counted("{n} milestones", "{n} этап", "{n} этапа", "{n} этапов"),
        "facts.count.people": _counted("{n} people", "{n} человек", "{n} человека", "{n} человек"),
        "facts.count.facts": _counted("{n} facts", "{n} факт", "{n} факта", "{n} фактов"),
        "facts.count.contradictions": _counted(
            "{n} contradictions", "{n} противоречие", "{n} противоречия", "{n} противоречий"
        ),
        # how a person holds a role
        "facts.standing.prime": {"en": "prime", "ru": "основной состав"},
        "facts.standing.backup": {"en": "backup", "ru": "дублёр"},
        "facts.standing.candidate": {"en": "candidate", "ru": "кандидат"},
        "facts.standing.former": {"en": "former", "ru": "в прошлом"},
        "facts.role.lead": {"en": "lead", "ru": "главная роль"},
        "facts.role.as": {"en": "as {character}", "ru": "в роли: {character}"},
        "facts.role.summary": {"en": "{functions} ({extras})", "ru": "{functions} ({extras})"},
        # what a news article's review decided
        "facts.review.sourced": {"en": "sourced", "ru": "добавлена как источник"},
        "facts.review.recorded": {"en": "recorded", "ru": "записана как факт"},
        "facts.review.ignored": {"en": "ignored", "ru": "пропущена"},
        "facts.review.pending": {"en": "pending", "ru": "ждёт проверки"},
    }
)

# Refusals: an edit that is refused writes nothing, and says why.
register(
    {
        "facts.err.empty": {"en": "The {what} is empty.", "ru": "Поле «{what}» пустое."},
        "facts.err.too_short": _counted(
            "The {what} is too short ({n} characters; at least {minimum}).",
            "Поле «{what}» слишком короткое ({n} символ; нужно хотя бы {minimum}).",
            "Поле «{what}» слишком короткое ({n} символа; нужно хотя бы {minimum}).",
            "Поле «{what}» слишком короткое ({n} символов; нужно хотя бы {minimum}).",
        ),
        "facts.err.too_long": _counted(
            "The {what} is too long ({n} characters; at most {maximum}).",
            "Поле «{what}» слишком длинное ({n} символ; не больше {maximum}).",
            "Поле «{what}» слишком длинное ({n} символа; не больше {maximum}).",
            "Поле «{what}» слишком длинное ({n} символов; не больше {maximum}).",
        ),
        "facts.err.question_no_words": {
            "en": "The question has no words in it.",
            "ru": "В вопросе нет ни одного слова.",
        },
        "facts.err.language": {
            "en": "Unknown language “{value}”. Choose one of: {options}.",
            "ru": "Неизвестный язык «{value}». Выберите один из: {options}.",
        },
        "facts.err.no_functions": {
            "en": "Give at least one function (comma-separated), e.g. “director, writer”.",
            "ru": "Укажите хотя бы одну функцию (через запятую), например «director, writer».",
        },
        "facts.err.functions": {
            "en": "Unknown function {names}. Choose from: {options}.",
            "ru": "Неизвестная функция {names}. Выберите из: {options}.",
        },
        "facts.err.attribute": {
            "en": "The attribute is a kebab-case slug of {minimum}–{maximum} characters (a–z, 0–9 and single hyphens "
            "inside), e.g. “stay-duration”; got “{got}”.",
            "ru": "Атрибут — слово в kebab-case из {minimum}–{maximum} символов (a–z, 0–9 и одиночные дефисы внутри), "
            "например «stay-duration»; получено «{got}».",
        },
        "facts.err.answer_kind": {
            "en": "Unknown answer kind “{value}”. Choose one of: {options}.",
            "ru": "Неизвестный вид ответа «{value}». Выберите один из: {options}.",
        },
        "facts.err.no_keywords": {
            "en": 'Give at least one keyword, e.g. “"tom cruise", space film”.',
            "ru": 'Укажите хотя бы одно ключевое слово, например «"tom cruise", space film».',
        },
        "facts.err.too_many_keywords": {
            "en": "Too many keywords ({n}; at most {maximum}): each one is a search.",
            "ru": "Слишком много ключевых слов ({n}; не больше {maximum}): каждое — отдельный поиск.",
        },
        "facts.err.keyword_no_letters": {
            "en": "The keyword “{word}” has no letters or digits in it.",
            "ru": "В ключевом слове «{word}» нет ни букв, ни цифр.",
        },
        "facts.err.source_required": {
            "en": "A source URL is required (http:// or https://).",
            "ru": "Нужна ссылка на источник (http:// или https://).",
        },
        "facts.err.source_bad": {
            "en": "Sources must be http(s) URLs of at most {maximum} characters; got “{got}”.",
            "ru": "Источник — это ссылка http(s) не длиннее {maximum} символов; получено «{got}».",
        },
        "facts.err.choice": {
            "en": "Unknown {what} “{value}”. Choose one of: {options}.",
            "ru": "Неизвестное значение поля «{what}»: «{value}». Выберите одно из: {options}.",
        },
        "facts.err.no_id": {"en": "There is no {kind} with id “{id}”.", "ru": "Не найдено: {kind} с id «{id}»."},
        "facts.err.same_date": {"en": "{title} already has that date.", "ru": "У «{title}» уже эта дата."},
        "facts.err.done_future": {
            "en": "{title} is marked done; set its status first if it has not happened yet.",
            "ru": "Этап «{title}» отмечен как состоявшийся; если его ещё не было, сначала измените статус.",
        },
        "facts.err.same_status": {"en": "{name} is already {status}.", "ru": "У «{name}» уже статус «{status}»."},
        "facts.err.ll2_id": {
            "en": "A Launch Library 2 id looks like 3fa85f64-5717-4562-b3fc-2c963f66afa6 (a UUID).",
            "ru": "Id запуска в Launch Library 2 выглядит так: 3fa85f64-5717-4562-b3fc-2c963f66afa6 (UUID).",
        },
        "facts.err.launch_taken": {
            "en": "That launch is already tracked by {title}.",
            "ru": "За этим запуском уже следит этап «{title}».",
        },
        "facts.err.already_tracking": {
            "en": "{title} already follows that launch.",
            "ru": "Этап «{title}» уже следит за этим запуском.",
        },
        "facts.err.not_tracking": {
            "en": "{title} does not follow any launch.",
            "ru": "Этап «{title}» не следит ни за каким запуском.",
        },
        "facts.err.already_pinned": {"en": "{title} is already pinned.", "ru": "Этап «{title}» уже закреплён."},
        "facts.err.already_unpinned": {
            "en": "{title} is already not pinned.",
            "ru": "Этап «{title}» и так не закреплён.",
        },
        "facts.err.same_keywords": {
            "en": "{name} already has exactly those news keywords.",
            "ru": "У «{name}» уже ровно эти ключевые слова для новостей.",
        },
        "facts.err.no_topics": {
            "en": "Give at least one topic (comma-separated), e.g. “budget, cost”.",
            "ru": "Укажите хотя бы одну тему (через запятую), например «budget, cost».",
        },
        "facts.err.exists": {
            "en": "“{name}” already exists (id {id}); use merge or rename instead.",
            "ru": "«{name}» уже есть (id {id}); вместо этого используйте merge или rename.",
        },
        "facts.err.already_answers": {
            "en": "{label} already answers “{question}” ({lang}).",
            "ru": "«{label}» уже отвечает на вопрос «{question}» ({lang}).",
        },
        "facts.err.not_a_question": {
            "en": "“{question}” is not among the questions {label} answers.",
            "ru": "Вопроса «{question}» нет среди вопросов, на которые отвечает «{label}».",
        },
        "facts.err.same_role": {
            "en": "{person} already has exactly that role on {contender}.",
            "ru": "{person}: в «{contender}» уже ровно такая роль.",
        },
        "facts.err.no_role": {
            "en": "{person} has no role on {contender}.",
            "ru": "{person}: роли в «{contender}» нет.",
        },
        "facts.err.only_role": {
            "en": "That is {person}'s only role; set another first, or remove the person.",
            "ru": "{person}: это единственная роль; сначала задайте другую или удалите человека.",
        },
        "facts.err.about_nothing": {
            "en": "Say what to change: give at least one of subjects, attribute, answer_kind, value, answer.",
            "ru": "Скажите, что изменить: укажите хотя бы одно из subjects, attribute, answer_kind, value, answer.",
        },
        "facts.err.about_same": {"en": "Fact {id} already has exactly that.", "ru": "У факта {id} уже ровно это."},
        "facts.err.no_subjects": {
            "en": "Give at least one subject (comma-separated names), e.g. “challenge, peresild”.",
            "ru": "Укажите хотя бы один предмет (имена через запятую), например «challenge, peresild».",
        },
        "facts.err.too_many_subjects": {
            "en": "Too many subjects ({n}; at most {maximum}): name the main ones.",
            "ru": "Слишком много предметов ({n}; не больше {maximum}): назовите главные.",
        },
        "facts.err.bad_subject": {
            "en": "A subject is a contender, person or milestone; got “{got}”.",
            "ru": "Предмет — это претендент, человек или этап; получено «{got}».",
        },
        "facts.err.source_listed": {"en": "That source is already listed.", "ru": "Этот источник уже указан."},
        "facts.err.no_such_claim": {
            "en": "{label} has no claim {number}: its claims are numbered 1 to {last}, as /sources lists them.",
            "ru": "В «{label}» нет утверждения {number}: они пронумерованы от 1 до {last}, как в /источники.",
        },
        "facts.err.bad_verdict": {
            "en": "Unknown verdict “{got}”. Choose one of: better, wrong, open.",
            "ru": "Неизвестная оценка «{got}». Выберите одну из: better, wrong, open.",
        },
        "facts.err.same_verdict": {
            "en": "Claim {number} of {label} is already marked {verdict}.",
            "ru": "Утверждение {number} в «{label}» уже отмечено как {verdict}.",
        },
        "facts.err.checked_today": {
            "en": "{label} was already checked today.",
            "ru": "«{label}» уже проверено сегодня.",
        },
        "facts.err.checked_today_with_source": {
            "en": "{label} was already checked today and already lists that source.",
            "ru": "«{label}» уже проверено сегодня, и этот источник уже указан.",
        },
        "facts.err.not_a_source": {
            "en": "That URL is not among its sources.",
            "ru": "Этой ссылки нет среди источников.",
        },
        "facts.err.only_source": {
            "en": "That is its only source; add another before removing it.",
            "ru": "Это единственный источник; добавьте другой, прежде чем удалять этот.",
        },
        "facts.err.cannot_rename": {
            "en": "{kinds} cannot be renamed.",
            "ru": "Такие записи нельзя переименовать ({kinds}).",
        },
        "facts.err.same_name": {"en": "That is already its name.", "ru": "Запись уже так называется."},
        "facts.err.still_used": {
            "en": "{name} is still used by {used}; merge it into another contender or remove those first.",
            "ru": "«{name}» ещё используется ({used}); объедините его с другим претендентом (merge) "
            "или сначала удалите их.",
        },
        "facts.err.winner": {
            "en": "{name} is the race's winner and cannot be removed.",
            "ru": "«{name}» — победитель гонки, его нельзя удалить.",
        },
        "facts.err.winning_moment": {
            "en": "That milestone is the race's winning moment and cannot be removed.",
            "ru": "Этот этап — момент победы в гонке, его нельзя удалить.",
        },
        "facts.err.merge_same": {
            "en": "Pick two different items to merge.",
            "ru": "Для объединения выберите две разные записи.",
        },
        "facts.err.merge_kinds": {
            "en": "Only contenders, people and milestones can be merged.",
            "ru": "Объединять можно только претендентов, людей и этапы.",
        },
        "facts.err.translate_field": {
            "en": "A {kind} has no translatable field “{field}”. Choose one of: {options}.",
            "ru": "У записи вида «{kind}» нет переводимого поля «{field}». Выберите одно из: {options}.",
        },
        "facts.err.same_text": {
            "en": "{label} already reads exactly that ({lang}, {field}).",
            "ru": "«{label}» уже читается ровно так ({lang}, {field}).",
        },
        "facts.err.russian_without_english": {
            "en": "Give the English {what} too: a Russian one is added to it, never instead of it.",
            "ru": "Укажите и английский вариант поля «{what}»: русский добавляется к нему, а не вместо него.",
        },
        "facts.err.russian_not_taken": {
            "en": "A new {kind} takes no {option}.",
            "ru": "Для новой записи вида «{kind}» параметр {option} не нужен.",
        },
        # the ledger: undo and stale proposals
        "facts.err.changed_after": {
            "en": "{id} changed after #{change}; undo the later change first.",
            "ru": "{id} изменилось после #{change}; сначала отмените более позднюю правку.",
        },
        "facts.err.nothing_to_undo": {"en": "There is nothing to undo.", "ru": "Отменять нечего."},
        "facts.err.no_change": {"en": "There is no change #{id}.", "ru": "Правки #{id} нет."},
        "facts.err.already_undone": {
            "en": "Change #{id} was already undone by #{by}.",
            "ru": "Правка #{id} уже отменена правкой #{by}.",
        },
        "facts.err.changed_meantime": {
            "en": "{id} changed in the meantime; please run the command again.",
            "ru": "{id} тем временем изменилось; выполните команду ещё раз.",
        },
        # the news review queue
        "facts.err.no_article": {
            "en": "There is no news article #{id} in the review queue.",
            "ru": "В очереди на проверку нет новости #{id}.",
        },
        "facts.err.decided": {"en": "Article #{id} was already {review}.", "ru": "Новость #{id} уже {review}."},
        "facts.err.decided_on": {
            "en": "Article #{id} was already {review} on {day}.",
            "ru": "Новость #{id} уже {review} ({day}).",
        },
        "facts.err.waiting": {
            "en": "{error} /facts news review lists the articles waiting.",
            "ru": "{error} Новости в очереди показывает /facts news review.",
        },
    }
)

# Notes under a preview or a saved change.
register(
    {
        "facts.note.utc": {
            "en": "Time read as UTC (no time zone given).",
            "ru": "Время прочитано как UTC (часовой пояс не указан).",
        },
        "facts.note.new_attribute": {
            "en": "No other fact has the attribute “{attribute}”: if that is a typo, /ask will not find this fact with "
            "the others of its attribute.",
            "ru": "Ни у одного другого факта нет атрибута «{attribute}»: если это опечатка, /ask не найдёт этот факт "
            "вместе с другими фактами того же атрибута.",
        },
        "facts.note.script": {
            "en": "Filed under {lang}, though it reads like {other}: remove it and add it with language={other} if so.",
            "ru": "Записано как {lang}, хотя похоже на {other}: если так, удалите и добавьте заново "
            "с language={other}.",
        },
        "facts.note.translate_script": {
            "en": "Filed under {lang}, though it reads like {other}: run /facts translate again with language={other} "
            "if so.",
            "ru": "Записано как {lang}, хотя похоже на {other}: если так, повторите /facts translate "
            "с language={other}.",
        },
        "facts.note.kept_wording": {
            "en": "Kept the wording “{role}”; give role_text to change it.",
            "ru": "Оставлена формулировка «{role}»; чтобы изменить её, укажите role_text.",
        },
        "facts.note.kept_alias": {
            "en": "The old name “{old}” stays an alias.",
            "ru": "Прежнее название «{old}» остаётся другим названием записи.",
        },
    }
)

# What each change is, as its preview, its confirmation and the history name it.
register(
    {
        "facts.summary.date": {"en": "Date of {title}", "ru": "Дата: {title}"},
        "facts.summary.status": {"en": "Status of {name}", "ru": "Статус: {name}"},
        "facts.summary.feed": {"en": "{title} from {actor}", "ru": "{title} по данным {actor}"},
        "facts.summary.new_milestone": {"en": "New milestone {title}", "ru": "Новый этап: {title}"},
        "facts.summary.new_contender": {"en": "New contender {name}", "ru": "Новый претендент: {name}"},
        "facts.summary.new_person": {"en": "New person {name}", "ru": "Новый человек: {name}"},
        "facts.summary.new_fact": {"en": "New fact on {topics}", "ru": "Новый факт (темы: {topics})"},
        "facts.summary.new_contradiction": {"en": "New contradiction {title}", "ru": "Новое противоречие: {title}"},
        "facts.summary.track": {
            "en": "Track {title} on Launch Library 2",
            "ru": "Следить за «{title}» в Launch Library 2",
        },
        "facts.summary.untrack": {"en": "Stop tracking {title}", "ru": "Больше не следить за «{title}»"},
        "facts.summary.pin": {"en": "Pin {title}", "ru": "Закрепить «{title}»"},
        "facts.summary.unpin": {"en": "Unpin {title}", "ru": "Открепить «{title}»"},
        "facts.summary.keywords": {
            "en": "News keywords of {name}: {words}",
            "ru": "Ключевые слова новостей для «{name}»: {words}",
        },
        "facts.summary.question": {
            "en": "Question for {label} ({lang}): “{question}”",
            "ru": "Вопрос к «{label}» ({lang}): «{question}»",
        },
        "facts.summary.remove_question": {
            "en": "Remove question of {label} ({lang}): “{question}”",
            "ru": "Убрать вопрос у «{label}» ({lang}): «{question}»",
        },
        "facts.summary.role": {
            "en": "Role of {person} on {contender}: {role}",
            "ru": "Роль: {person} в «{contender}» — {role}",
        },
        "facts.summary.remove_role": {
            "en": "Remove role of {person} on {contender}",
            "ru": "Убрать роль: {person} в «{contender}»",
        },
        "facts.summary.about": {"en": "About: {id} — {parts}", "ru": "О чём факт {id}: {parts}"},
        "facts.about.subjects": {"en": "subjects {labels}", "ru": "предметы: {labels}"},
        "facts.about.quoted": {"en": "{name} “{value}”", "ru": "{name}: «{value}»"},
        "facts.about.plain": {"en": "{name} {value}", "ru": "{name}: {value}"},
        "facts.summary.add_source": {"en": "Source for {label}", "ru": "Источник для «{label}»"},
        "facts.summary.remove_source": {"en": "Source of {label}", "ru": "Убран источник у «{label}»"},
        "facts.summary.verdict": {
            "en": "Verdict on claim {number} of {label}: {verdict}",
            "ru": "Оценка утверждения {number} в «{label}»: {verdict}",
        },
        "facts.summary.checked": {"en": "Checked {label}", "ru": "Проверено: {label}"},
        "facts.summary.checked_against": {"en": "Checked {label} against {url}", "ru": "Проверено: {label} по {url}"},
        "facts.summary.rename": {"en": "Rename {old} → {new}", "ru": "Переименование: {old} → {new}"},
        "facts.summary.remove": {"en": "Remove {label}", "ru": "Удаление: {label}"},
        "facts.summary.merge": {"en": "Merge {drop} into {keep}", "ru": "Объединение: {drop} → {keep}"},
        "facts.summary.undo": {"en": "Undo #{id}: {summary}", "ru": "Отмена #{id}: {summary}"},
        "facts.summary.import": _counted(
            "Import ({n} item changes)", "Импорт ({n} изменение)", "Импорт ({n} изменения)", "Импорт ({n} изменений)"
        ),
        "facts.summary.translate": {
            "en": "Text of {label} ({lang}, {field}): “{text}”",
            "ru": "Текст «{label}» ({lang}, {field}): «{text}»",
        },
    }
)

# The admin service's replies: resolving names, previews, saved changes, diffs, history, export, import.
register(
    {
        "facts.admin.unknown_kind": {
            "en": "Unknown kind “{kind}”. Choose one of: {options}.",
            "ru": "Неизвестный вид «{kind}». Выберите один из: {options}.",
        },
        "facts.admin.no_such_id": {
            "en": "No {kind} with id “{id}”. Use /sources TOPIC to find ids.",
            "ru": "Не найдено: {kind} с id «{id}». Id можно найти через /sources ТЕМА.",
        },
        "facts.admin.fact_prefix_many": {
            "en": "“{shown}” begins {n} facts: {ids}{more}. Give more of the text or the id.",
            "ru": "С «{shown}» начинаются несколько фактов ({n}): {ids}{more}. Дайте больше текста или id.",
        },
        "facts.admin.and_more": {"en": " and {n} more", "ru": " и ещё {n}"},
        "facts.admin.no_fact": {
            "en": "No fact with the id or text beginning “{shown}”. Use /sources TOPIC to find fact ids.",
            "ru": "Нет факта с таким id или с текстом, начинающимся на «{shown}». "
            "Id фактов можно найти через /sources ТЕМА.",
        },
        "facts.admin.subject_too_long": _counted(
            "A subject name is too long ({n} characters; at most {maximum}).",
            "Имя предмета слишком длинное ({n} символ; не больше {maximum}).",
            "Имя предмета слишком длинное ({n} символа; не больше {maximum}).",
            "Имя предмета слишком длинное ({n} символов; не больше {maximum}).",
        ),
        "facts.admin.no_subject": {
            "en": "No contender, person or milestone called “{name}”.{hint}",
            "ru": "Не найдено ни претендента, ни человека, ни этапа «{name}».{hint}",
        },
        "facts.admin.only_status": {
            "en": "Only milestones and contenders have a status.",
            "ru": "Статус есть только у этапов и претендентов.",
        },
        "facts.admin.use_contradiction": {
            "en": "Use /facts contradiction to record a contradiction.",
            "ru": "Чтобы записать противоречие, используйте /facts contradiction.",
        },
        "facts.admin.which_contender": {
            "en": "Say which contender the new {kind} belongs to.",
            "ru": "Укажите, к какому претенденту относится новая запись ({kind}).",
        },
        "facts.admin.months": {
            "en": "months is a number of months from 1 to {maximum}, not {months}.",
            "ru": "months — число месяцев от 1 до {maximum}, а не {months}.",
        },
        "facts.admin.which_item": {
            "en": "Say which item: a name, or kind:name (e.g. milestone:SEE-1 launch).",
            "ru": "Укажите запись: имя или вид:имя (например, milestone:SEE-1 launch).",
        },
        "facts.admin.ignored_title": {"en": "Ignored", "ru": "Пропущено"},
        "facts.admin.ignored": {
            "en": "Article #{id} was ignored; the feed will not offer it again.",
            "ru": "Новость #{id} пропущена; лента больше её не предложит.",
        },
        "facts.admin.may_answer": {"en": "**May answer them:**", "ru": "**Могут ответить:**"},
        "facts.admin.offer": {
            "en": "#{number} → {kind} “{label}”: /facts question add kind={token} name={id}",
            "ru": "#{number} → {kind} «{label}»: добавить — /facts question add kind={token} name={id}",
        },
        "facts.admin.preview_title": {"en": "Preview: {summary}", "ru": "Предпросмотр: {summary}"},
        "facts.admin.preview": _counted(
            "This change will be announced to **{n}** subscribed channel(s).\n"
            "Confirm to apply it, or cancel to leave everything as it is.",
            "Об этом изменении узнает **{n}** подписанный канал.\n"
            "Подтвердите, чтобы применить его, или отмените — тогда всё останется как было.",
            "Об этом изменении узнают **{n}** подписанных канала.\n"
            "Подтвердите, чтобы применить его, или отмените — тогда всё останется как было.",
            "Об этом изменении узнают **{n}** подписанных каналов.\n"
            "Подтвердите, чтобы применить его, или отмените — тогда всё останется как было.",
        ),
        "facts.admin.buttons_footer": {
            "en": "Only you can press these buttons; they expire in 2 minutes.",
            "ru": "Нажать эти кнопки можете только вы; через 2 минуты они перестанут действовать.",
        },
        "facts.admin.saved": {"en": "Saved", "ru": "Сохранено"},
        "facts.admin.applied": {
            "en": "Change **#{id}** applied: {summary}.",
            "ru": "Правка **#{id}** применена: {summary}.",
        },
        "facts.admin.more_items": _counted(
            "… and {n} more item(s).", "… и ещё {n} запись.", "… и ещё {n} записи.", "… и ещё {n} записей."
        ),
        "facts.admin.undo_hint": {"en": "Undo with /facts undo.", "ru": "Отменить: /facts undo."},
        "facts.admin.op_title": {"en": "{kind} {name}", "ru": "{kind} {name}"},
        "facts.diff.added": {"en": "added", "ru": "добавлено"},
        "facts.diff.removed": {"en": "removed", "ru": "удалено"},
        "facts.diff.none": {"en": "no visible change", "ru": "видимых изменений нет"},
        "facts.diff.date": {"en": "date {before} → {after}", "ru": "дата {before} → {after}"},
        "facts.diff.checked": {"en": "checked {before} → {after}", "ru": "проверено {before} → {after}"},
        "facts.diff.never": {"en": "never", "ru": "никогда"},
        "facts.diff.field": {"en": "{name} {before} → {after}", "ru": "{name} {before} → {after}"},
        "facts.diff.list": {"en": "{name} {change}", "ru": "{name} {change}"},
        "facts.diff.reordered": {"en": "reordered", "ru": "порядок изменён"},
        "facts.diff.reordered_to": {"en": "reordered: {items}", "ru": "порядок изменён: {items}"},
        "facts.diff.primary": {"en": "primary {subject}", "ru": "главный: {subject}"},
        "facts.diff.items": _counted("{n} item(s)", "{n} элемент", "{n} элемента", "{n} элементов"),
        "facts.diff.yes": {"en": "True", "ru": "да"},
        "facts.diff.no": {"en": "False", "ru": "нет"},
        "facts.history.line": {
            "en": "**#{id}** {at} UTC · {by} · {summary}{why}{src}{status}",
            "ru": "**#{id}** {at} UTC · {by} · {summary}{why}{src}{status}",
        },
        "facts.history.undone_by": {"en": " (undone by #{by})", "ru": " (отменено правкой #{by})"},
        "facts.history.title_of": {"en": "History of {name}", "ru": "История: {name}"},
        "facts.history.title": {"en": "History", "ru": "История"},
        "facts.history.empty": {"en": "No changes yet.", "ru": "Правок пока нет."},
        "facts.export.title": {"en": "Export", "ru": "Экспорт"},
        "facts.export.body": _counted(
            "The whole knowledge base: {n} bytes.",
            "Вся база знаний: {n} байт.",
            "Вся база знаний: {n} байта.",
            "Вся база знаний: {n} байт.",
        ),
        "facts.import.too_large": _counted(
            "That file is too large ({n} bytes; at most {maximum}).",
            "Файл слишком большой ({n} байт; не больше {maximum}).",
            "Файл слишком большой ({n} байта; не больше {maximum}).",
            "Файл слишком большой ({n} байт; не больше {maximum}).",
        ),
        "facts.import.invalid": {
            "en": "That is not a valid race export: {detail}",
            "ru": "Это не экспорт гонки: {detail}",
        },
        "facts.import.same": {
            "en": "The file matches the current knowledge base; nothing to import.",
            "ru": "Файл совпадает с текущей базой знаний; импортировать нечего.",
        },
        "facts.import.counts": {
            "en": "**{name}**: {added} added, {changed} changed, {removed} removed",
            "ru": "**{name}**: добавлено {added}, изменено {changed}, удалено {removed}",
        },
        "facts.import.confirm": {"en": "Confirm to apply all of it.", "ru": "Подтвердите, чтобы применить всё это."},
        "facts.import.title": {"en": "Import preview", "ru": "Предпросмотр импорта"},
        # the command table's own checks (bot.facts.commands)
        "facts.cmd.no_option": {
            "en": "/facts {command} has no option {unknown} (it takes: {takes}).",
            "ru": "У /facts {command} нет параметра {unknown} (есть: {takes}).",
        },
        "facts.cmd.no_options": {"en": "no options", "ru": "параметров нет"},
        "facts.cmd.missing": {
            "en": "Missing option(s): {names}. Type /facts for help.",
            "ru": "Не хватает параметров: {names}. Справка: /facts.",
        },
        "facts.cmd.unknown_choice": {
            "en": "Unknown {name} “{value}”. Choose one of: {options}.",
            "ru": "Неизвестное значение {name}: «{value}». Выберите одно из: {options}.",
        },
        "facts.cmd.yes_no": {
            "en": "{name} is yes or no, not “{text}”.",
            "ru": "{name} — это yes или no, а не «{text}».",
        },
        "facts.cmd.not_number": {"en": "“{text}” is not a {name} number.", "ru": "«{text}» — не число для {name}."},
    }
)

# /facts stale, and the news review (bot.facts.stale, bot.facts.review, bot.shells.discord.review).
register(
    {
        "facts.stale.title": {"en": "Stale and weak facts", "ru": "Устаревшие и слабые факты"},
        "facts.stale.never": {"en": "never", "ru": "никогда"},
        "facts.stale.all_checked": {
            "en": "Every item was checked since {cutoff}, and none rests only on a rumour.",
            "ru": "Все записи проверены после {cutoff}, и ни одна не держится только на слухе.",
        },
        "facts.stale.head": {
            "en": "**{stale}** item(s) not checked since {cutoff} ({months} months), **{rumour}** resting only on a "
            "rumour. Oldest check first; after checking one, mark it with /facts verify.",
            "ru": "Не проверялись с {cutoff} ({months} мес.): **{stale}**; держатся только на слухе: **{rumour}**. "
            "Сначала самые давние; проверив запись, отметьте её через /facts verify.",
        },
        "facts.stale.more": {
            "en": "… and {n} more: check these first, then run /facts stale again.",
            "ru": "… и ещё {n}: сначала проверьте эти, затем снова запустите /facts stale.",
        },
        "facts.stale.checked": {"en": "checked {day}", "ru": "проверено {day}"},
        "facts.stale.never_checked": {"en": "never checked", "ru": "ни разу не проверялось"},
        "facts.stale.rumour": {"en": " · ⚠️ rumour only", "ru": " · ⚠️ только слух"},
        "facts.stale.line": {
            "en": "• {kind} **{label}** (`{id}`) — {checked}{rumour}",
            "ru": "• {kind} **{label}** (`{id}`) — {checked}{rumour}",
        },
        "facts.news.date_not_given": {"en": "date not given", "ru": "дата не указана"},
        "facts.news.none_matched": {"en": "none matched", "ru": "не найдены"},
        "facts.news.no_summary": {"en": "_No summary._", "ru": "_Без аннотации._"},
        "facts.news.contenders": {"en": "Contenders: {names}", "ru": "Претенденты: {names}"},
        "facts.news.footer": {
            "en": "Article #{id} · {number} of {total} in this review · only you can press these buttons",
            "ru": "Новость #{id} · {number} из {total} в этой проверке · нажимать кнопки можете только вы",
        },
        "facts.news.title": {"en": "News review", "ru": "Проверка новостей"},
        "facts.news.empty": {"en": "No news articles are waiting for review.", "ru": "Новостей на проверке нет."},
        "facts.news.listed": {
            "en": "Contenders: {names} · may source: {related}",
            "ru": "Претенденты: {names} · может быть источником для: {related}",
        },
        "facts.news.older": _counted(
            "… and {n} older article(s), shown once these are decided.",
            "… и ещё {n} более старая новость — она появится, когда решите с этими.",
            "… и ещё {n} более старые новости — они появятся, когда решите с этими.",
            "… и ещё {n} более старых новостей — они появятся, когда решите с этими.",
        ),
        "facts.news.waiting": _counted(
            "News review: {n} article(s) waiting",
            "Проверка новостей: в очереди {n} новость",
            "Проверка новостей: в очереди {n} новости",
            "Проверка новостей: в очереди {n} новостей",
        ),
        "facts.news.how": {
            "en": 'Decide with: news source ARTICLE ITEM · news record ARTICLE "FACT" topics=… · news ignore ARTICLE '
            "(/news in the console, race-bot news on the command line; ITEM is a name, or kind:name).",
            "ru": 'Решения: news source НОВОСТЬ ЗАПИСЬ · news record НОВОСТЬ "ФАКТ" topics=… · news ignore НОВОСТЬ '
            "(/news в консоли, race-bot news в командной строке; ЗАПИСЬ — имя или вид:имя).",
        },
        "facts.news.keywords_title": {"en": "News keywords", "ru": "Ключевые слова новостей"},
        "facts.news.keywords_some": {
            "en": "The news feed searches for **{name}** with: {words}.",
            "ru": "Лента новостей ищет **{name}** по словам: {words}.",
        },
        "facts.news.keywords_none": {
            "en": "**{name}** has no news keywords yet.",
            "ru": "У **{name}** пока нет ключевых слов для новостей.",
        },
        "facts.news.keywords_how": {
            "en": 'Set them with keywords: "tom cruise", space film (quoted or comma-separated, at most 10).',
            "ru": 'Задайте их параметром keywords: "tom cruise", space film '
            "(в кавычках или через запятую, не больше 10).",
        },
        "facts.news.source_to": {"en": "Add as source to…", "ru": "Добавить как источник для…"},
        "facts.news.item_label": {"en": "Item: a name, or kind:name", "ru": "Запись: имя или вид:имя"},
        "facts.news.item_placeholder": {"en": "e.g. milestone:SEE-1 launch", "ru": "например, milestone:SEE-1 launch"},
        "facts.news.item_title": {"en": "Add the article as a source", "ru": "Добавить новость как источник"},
        "facts.news.record_title": {"en": "Record a fact from this article", "ru": "Записать факт из этой новости"},
        "facts.news.fact_label": {"en": "The fact", "ru": "Факт"},
        "facts.news.topics_label": {"en": "Topics, comma-separated", "ru": "Темы через запятую"},
        "facts.news.topics_placeholder": {"en": "e.g. launch, crew", "ru": "например, launch, crew"},
        "facts.news.contender_label": {"en": "Contender (optional)", "ru": "Претендент (необязательно)"},
        "facts.news.confidence_label": {
            "en": "Confidence: confirmed, reported or rumour",
            "ru": "Достоверность: confirmed, reported, rumour",
        },
        "facts.news.other": {"en": "Source to another item…", "ru": "Источник для другой записи…"},
        "facts.news.record": {"en": "Record as a fact", "ru": "Записать как факт"},
        "facts.news.ignore": {"en": "Ignore", "ru": "Пропустить"},
        "facts.news.skip": {"en": "Skip ▶", "ru": "Дальше ▶"},
        "facts.news.done": {"en": "No more articles are waiting for review.", "ru": "Больше новостей на проверке нет."},
        "facts.news.closed": {
            "en": "The review closed after ten minutes; run /facts news review again.",
            "ru": "Проверка закрылась через десять минут; запустите /facts news review снова.",
        },
    }
)

# The Discord side of the admin commands: /facts buttons and refusals, /alerts, /feed and /sync replies.
register(
    {
        "facts.discord.confirm": {"en": "Confirm", "ru": "Подтвердить"},
        "facts.discord.cancel": {"en": "Cancel", "ru": "Отменить"},
        "facts.discord.only_asker_confirms": {
            "en": "Only the admin who asked can confirm this.",
            "ru": "Подтвердить может только администратор, который это запросил.",
        },
        "facts.discord.only_asker_uses": {
            "en": "Only the admin who asked can use these.",
            "ru": "Этими кнопками может пользоваться только администратор, который их запросил.",
        },
        "facts.discord.cancelled": {"en": "Cancelled — nothing was changed.", "ru": "Отменено — ничего не изменилось."},
        "facts.discord.expired": {"en": "Expired — nothing was changed.", "ru": "Время вышло — ничего не изменилось."},
        "facts.discord.refused": {
            "en": "Only the bot's configured admins can change the shared facts (in the home server: Manage Server "
            "or the admin role).",
            "ru": "Менять общие факты могут только администраторы бота (на домашнем сервере — участники с правом "
            "«Управлять сервером» или с ролью администратора).",
        },
        "facts.discord.file_too_large": {
            "en": "That file is too large (at most {mb} MB).",
            "ru": "Файл слишком большой (не больше {mb} МБ).",
        },
        "alerts.cmd.need_manage": {
            "en": "You need Manage Channels in {channel} to change its alerts.",
            "ru": "Чтобы менять оповещения в {channel}, нужно право «Управлять каналами».",
        },
        "alerts.cmd.bot_missing": {
            "en": "I can't post alerts in {channel}: I am missing {missing} there. Grant them to my role (or in the "
            "channel's permissions) and try again.",
            "ru": "Не могу публиковать оповещения в {channel}: мне там не хватает прав ({missing}). Выдайте их моей "
            "роли (или в правах канала) и попробуйте снова.",
        },
        "alerts.cmd.no_everyone": {
            "en": "Alerts can't mention @everyone; pick a role made for it.",
            "ru": "Оповещения не могут упоминать @everyone; выберите роль, созданную для этого.",
        },
        "alerts.cmd.nothing_to_stop": {
            "en": "{channel} has no alerts to stop.",
            "ru": "В {channel} нет оповещений, которые можно остановить.",
        },
        "alerts.cmd.stopped": {
            "en": "{channel} will get no more alerts.",
            "ru": "В {channel} больше не будет оповещений.",
        },
        "alerts.cmd.test_refused": {
            "en": "Discord refused the test message: {detail}",
            "ru": "Discord отклонил тестовое сообщение: {detail}",
        },
        "alerts.cmd.test_posted": {
            "en": "Posted a test alert in {channel}.",
            "ru": "Тестовое оповещение опубликовано в {channel}.",
        },
        "feed.cmd.title": {"en": "Upstream feeds", "ru": "Внешние ленты"},
        "feed.cmd.not_running": {"en": "The feeds are not running.", "ru": "Ленты не запущены."},
        "feed.cmd.refused": {
            "en": "Only the bot's fact admins can poll the feeds now (in the home server: Manage Server or the admin "
            "role).",
            "ru": "Опрашивать ленты сейчас могут только администраторы фактов (на домашнем сервере — участники с "
            "правом «Управлять сервером» или с ролью администратора).",
        },
        "owner.cmd.only_owner": {
            "en": "Only the bot's owner can sync its commands.",
            "ru": "Синхронизировать команды может только владелец бота.",
        },
        "owner.cmd.synced": _counted(
            "Synced {n} command(s).",
            "Синхронизирована {n} команда.",
            "Синхронизированы {n} команды.",
            "Синхронизировано {n} команд.",
        ),
    }
)

# The admin console (bot.shells.console_facts): /facts options as text, and /news.
register(
    {
        "facts.console.news_usage": {
            "en": "/news — the news articles waiting for review. To decide on one:\n"
            "  /news source ARTICLE ITEM — add the article as a source of ITEM (a name, or kind:name)\n"
            '  /news record ARTICLE "FACT" topics=T [contender=C] [confidence=confirmed|reported|rumour] — a fact\n'
            "      with the article as its source\n"
            "  /news ignore ARTICLE — drop it (the feed never offers it again)\n"
            "ARTICLE is the number shown as #ARTICLE in the list.",
            "ru": "/news — новости, ждущие проверки. Решение по одной:\n"
            "  /news source НОВОСТЬ ЗАПИСЬ — добавить новость как источник ЗАПИСИ (имя или вид:имя)\n"
            '  /news record НОВОСТЬ "ФАКТ" topics=T [contender=C] [confidence=confirmed|reported|rumour] — факт\n'
            "      с этой новостью в источнике\n"
            "  /news ignore НОВОСТЬ — пропустить её (лента больше её не предложит)\n"
            "НОВОСТЬ — номер, показанный в списке как #НОВОСТЬ.",
        },
        "facts.console.bad_options": {
            "en": "Could not read the options: {error}",
            "ru": "Не удалось прочитать параметры: {error}",
        },
        "facts.console.option_form": {
            "en": "Options are written name=value; got “{part}”. Type /facts for help.",
            "ru": "Параметры пишутся как имя=значение; получено «{part}». Справка: /facts.",
        },
        "facts.console.unreadable": {"en": "Could not read that: {error}", "ru": "Не удалось это прочитать: {error}"},
        "facts.console.record_options": {
            "en": "/news record has no option {unknown} (it takes: {takes}).",
            "ru": "У /news record нет параметра {unknown} (есть: {takes}).",
        },
        "facts.console.article_number": {
            "en": "“{text}” is not an article number (the list shows them as #12).",
            "ru": "«{text}» — не номер новости (в списке они выглядят как #12).",
        },
        "facts.console.cannot_read": {
            "en": "Cannot read {path}: {error}",
            "ru": "Не удаётся прочитать {path}: {error}",
        },
        "facts.console.exported": {
            "en": "Exported {n} bytes to {path}.",
            "ru": {
                "one": "Экспортирован {n} байт в {path}.",
                "few": "Экспортировано {n} байта в {path}.",
                "many": "Экспортировано {n} байт в {path}.",
                "other": "Экспортировано {n} байта в {path}.",
            },
        },
    }
)

"""The core's interface strings (dates, spans), registered in the catalogue; see bot.core.i18n."""

from __future__ import annotations

from bot.core.i18n import register

register(
    {
        "date.unknown": {"en": "date unknown", "ru": "дата неизвестна"},
        "date.quarter": {"en": "Q{q} {year}", "ru": "{q}-й квартал {year}"},
        "date.time": {"en": "{day} {time} UTC", "ru": "{day} {time} UTC"},
        "span.in": {"en": "in {span}", "ru": "через {span}"},
        "span.ago": {"en": "{span} ago", "ru": "{span} назад"},
        "span.about": {"en": "about {span}", "ru": "около {span}"},
        "span.now": {"en": "less than a minute", "ru": "меньше минуты"},
        "span.years": {
            "en": {"one": "{n} year", "other": "{n} years"},
            "ru": {"one": "{n} год", "few": "{n} года", "many": "{n} лет", "other": "{n} года"},
        },
        "span.years.about": {  # "about 2 years": Russian "около" takes the genitive
            "en": {"one": "{n} year", "other": "{n} years"},
            "ru": {"one": "{n} года", "few": "{n} лет", "many": "{n} лет", "other": "{n} лет"},
        },
        "span.months": {
            "en": {"one": "{n} month", "other": "{n} months"},
            "ru": {"one": "{n} месяц", "few": "{n} месяца", "many": "{n} месяцев", "other": "{n} месяца"},
        },
        "span.months.about": {
            "en": {"one": "{n} month", "other": "{n} months"},
            "ru": {"one": "{n} месяца", "few": "{n} месяцев", "many": "{n} месяцев", "other": "{n} месяцев"},
        },
        "span.days": {
            "en": {"one": "{n} day", "other": "{n} days"},
            "ru": {"one": "{n} день", "few": "{n} дня", "many": "{n} дней", "other": "{n} дня"},
        },
        "span.hours": {
            "en": {"one": "{n} hour", "other": "{n} hours"},
            "ru": {"one": "{n} час", "few": "{n} часа", "many": "{n} часов", "other": "{n} часа"},
        },
        "span.minutes": {
            "en": {"one": "{n} minute", "other": "{n} minutes"},
            "ru": {"one": "{n} минута", "few": "{n} минуты", "many": "{n} минут", "other": "{n} минуты"},
        },
    }
)

# Phrases shared by every card and alert (bot.core.wording) and the card pager (bot.core.cards).
register(
    {
        "pager.cont": {"en": "{name} (cont.)", "ru": "{name} (продолжение)"},
        "pager.page": {"en": "page {n}/{total}", "ru": "стр. {n}/{total}"},
        "pager.attachment": {"en": "[attachment: {name}]", "ru": "[вложение: {name}]"},
        "wording.untranslated": {"en": "(in English)", "ru": "(англ.)"},
        "wording.rumour": {"en": " · ⚠ rumour", "ru": " · ⚠ слух"},
        "wording.was": {"en": "was {date}", "ru": "ранее {date}"},
        "wording.more": {"en": " (+{n} more)", "ru": " (и ещё {n})"},
        "wording.no_source": {"en": "no source recorded", "ru": "источник не указан"},
        "wording.verified": {"en": "{confidence}, verified {date}", "ru": "{confidence}, проверено {date}"},
        "wording.last": {"en": "Last: {title} — {when}", "ru": "Последний этап: {title} — {when}"},
        "wording.next": {"en": "Next: {title} — {when} ({relative})", "ru": "Следующий: {title} — {when} ({relative})"},
        "wording.next_none": {"en": "Next: no dated milestone ahead", "ru": "Следующий: этапов с датой впереди нет"},
        "wording.reading": {"en": "Reading: {note}", "ru": "Оценка: {note}"},
        "wording.international": {"en": "international", "ru": "международный"},
        # how sure an item is
        "wording.confidence.confirmed": {"en": "confirmed", "ru": "подтверждено"},
        "wording.confidence.reported": {"en": "reported", "ru": "по сообщениям"},
        "wording.confidence.rumour": {"en": "rumour", "ru": "слух"},
        "wording.badge.confirmed": {"en": "✔ confirmed", "ru": "✔ подтверждено"},
        "wording.badge.reported": {"en": "• reported", "ru": "• по сообщениям"},
        "wording.badge.rumour": {"en": "⚠ rumour", "ru": "⚠ слух"},
        # where a contender stands, and why it is in the race
        "wording.contender.won": {"en": "won", "ru": "победил"},
        "wording.contender.active": {"en": "active", "ru": "в работе"},
        "wording.contender.stalled": {"en": "stalled", "ru": "без движения"},
        "wording.contender.shelved": {"en": "shelved", "ru": "отложен"},
        "wording.contender.cancelled": {"en": "cancelled", "ru": "отменён"},
        "wording.contender.completed": {"en": "completed", "ru": "завершён"},
        "wording.contender.unknown": {"en": "unknown", "ru": "неизвестно"},
        "wording.role.contender": {"en": "contender", "ru": "претендент"},
        "wording.role.precedent": {"en": "precedent", "ru": "прецедент"},
        "wording.role.related": {"en": "related", "ru": "смежный проект"},
        # a milestone's status
        "wording.milestone.done": {"en": "done", "ru": "состоялось"},
        "wording.milestone.confirmed": {"en": "confirmed", "ru": "подтверждено"},
        "wording.milestone.planned": {"en": "planned", "ru": "запланировано"},
        "wording.milestone.slipped": {"en": "slipped", "ru": "перенесено"},
        "wording.milestone.cancelled": {"en": "cancelled", "ru": "отменено"},
        "wording.milestone.unknown": {"en": "unknown", "ru": "неизвестно"},
        # the countries and nationalities the items name (others are shown as written)
        "wording.place.United States": {"en": "United States", "ru": "США"},
        "wording.place.Russia": {"en": "Russia", "ru": "Россия"},
        "wording.place.United Kingdom": {"en": "United Kingdom", "ru": "Великобритания"},
        "wording.place.USSR": {"en": "USSR", "ru": "СССР"},
        "wording.place.Russian": {"en": "Russian", "ru": "Россия"},
        "wording.place.American": {"en": "American", "ru": "США"},
        "wording.place.British": {"en": "British", "ru": "Великобритания"},
        "wording.place.Canadian": {"en": "Canadian", "ru": "Канада"},
        "wording.place.Israeli": {"en": "Israeli", "ru": "Израиль"},
        "wording.place.Spanish-American": {"en": "Spanish-American", "ru": "Испания, США"},
        "wording.place.English-American": {"en": "English-American", "ru": "Великобритания, США"},
    }
)

# The errors every area raises (bot.core.errors), the kinds of item they name, and the dates admins
# type (bot.core.dateparse): what an admin reads when an edit is refused.
register(
    {
        "kind.contender": {"en": "contender", "ru": "претендент"},
        "kind.person": {"en": "person", "ru": "человек"},
        "kind.milestone": {"en": "milestone", "ru": "этап"},
        "kind.fact": {"en": "fact", "ru": "факт"},
        "kind.contradiction": {"en": "contradiction", "ru": "противоречие"},
        "kind.topic": {"en": "topic", "ru": "тема"},
        "errors.not_found": {"en": "No {kind} called “{query}”.{hint}", "ru": "Не найдено: {kind} «{query}».{hint}"},
        "errors.did_you_mean": {"en": " Did you mean: {names}?", "ru": " Может быть, имелось в виду: {names}?"},
        "dateparse.help": {
            "en": "Use a form like 2021-10-05 08:55 UTC, Oct 5 2021, December 2025, 2026-Q3, late 2025, 2026 or TBD "
            "(years {low}–{high}).",
            "ru": "Напишите дату в одной из форм: 2021-10-05 08:55 UTC, Oct 5 2021, December 2025, 2026-Q3, "
            "late 2025, 2026 или TBD (годы {low}–{high}).",
        },
        "dateparse.empty": {"en": "Please give a date. {help}", "ru": "Укажите дату. {help}"},
        "dateparse.too_long": {
            "en": {
                "one": "That date is too long ({n} character). {help}",
                "other": "That date is too long ({n} characters). {help}",
            },
            "ru": {
                "one": "Дата слишком длинная ({n} символ). {help}",
                "few": "Дата слишком длинная ({n} символа). {help}",
                "many": "Дата слишком длинная ({n} символов). {help}",
                "other": "Дата слишком длинная ({n} символа). {help}",
            },
        },
        "dateparse.range": {
            "en": "{year} is outside the range {low}–{high}.",
            "ru": "{year} — вне диапазона {low}–{high}.",
        },
        "dateparse.month": {"en": "There is no month {month}. {help}", "ru": "Месяца {month} не бывает. {help}"},
        "dateparse.unreadable": {
            "en": "I can't read “{text}” as a date. {help}",
            "ru": "Не могу прочитать «{text}» как дату. {help}",
        },
        "dateparse.vague": {
            "en": "“{text}” is not a precise enough date. {help}",
            "ru": "«{text}» — недостаточно точная дата. {help}",
        },
    }
)

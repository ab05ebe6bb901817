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

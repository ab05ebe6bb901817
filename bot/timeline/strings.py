"""The timeline picture's words in English and Russian, registered in the catalogue (bot.core.i18n).

Every word the picture draws comes from here or from the items' own texts (contender names and
milestone titles through ``text_in``): the title, the counts under it, the today pill, the notes
in the label column, the legend. The Russian legend uses short participles that agree with
"этап" (a milestone), which is what each glyph stands for.
"""

from __future__ import annotations

from bot.core.i18n import register

register(
    {
        "timeline.title": {"en": "Race timeline", "ru": "Хронология гонки"},
        "timeline.title.focus": {"en": "{name}: timeline", "ru": "{name}: хронология"},
        "timeline.milestones": {
            "en": {"one": "{n} milestone", "other": "{n} milestones"},
            "ru": {"one": "{n} этап", "few": "{n} этапа", "many": "{n} этапов", "other": "{n} этапа"},
        },
        "timeline.lanes": {
            "en": {"one": "{n} lane", "other": "{n} lanes"},
            "ru": {"one": "{n} дорожка", "few": "{n} дорожки", "many": "{n} дорожек", "other": "{n} дорожки"},
        },
        "timeline.undated": {"en": "{n} undated", "ru": "{n} без даты"},
        "timeline.as_of": {"en": "as of {date}", "ru": "на {date}"},
        "timeline.today": {"en": "today · {date}", "ru": "сегодня · {date}"},
        "timeline.lane.none_in_range": {"en": "no milestones in range", "ru": "нет этапов за эти годы"},
        "timeline.lane.none": {"en": "no milestones", "ru": "нет этапов"},
        "timeline.empty.filtered": {
            "en": "No dated milestones match these filters.",
            "ru": "Ни один этап с датой не подходит под эти фильтры.",
        },
        "timeline.empty": {"en": "No milestones yet.", "ru": "Этапов пока нет."},
        "timeline.first": {"en": "first", "ru": "первый"},
        "timeline.legend.done": {"en": "done", "ru": "выполнен"},
        "timeline.legend.planned": {"en": "planned", "ru": "запланирован"},
        "timeline.legend.confirmed": {"en": "confirmed", "ru": "подтверждён"},
        "timeline.legend.slipped": {"en": "slipped (from earlier date)", "ru": "перенесён (с прежней даты)"},
        "timeline.legend.cancelled": {"en": "cancelled", "ru": "отменён"},
        "timeline.legend.unknown": {"en": "unknown", "ru": "неизвестно"},
        "timeline.legend.range": {"en": "month/quarter/year", "ru": "месяц/квартал/год"},
        "timeline.legend.today": {"en": "today", "ru": "сегодня"},
        # a milestone without a title is labelled by its kind
        "timeline.kind.announcement": {"en": "announcement", "ru": "объявление"},
        "timeline.kind.casting": {"en": "casting", "ru": "кастинг"},
        "timeline.kind.training": {"en": "training", "ru": "подготовка"},
        "timeline.kind.launch": {"en": "launch", "ru": "запуск"},
        "timeline.kind.docking": {"en": "docking", "ru": "стыковка"},
        "timeline.kind.filming": {"en": "filming", "ru": "съёмки"},
        "timeline.kind.landing": {"en": "landing", "ru": "посадка"},
        "timeline.kind.premiere": {"en": "premiere", "ru": "премьера"},
        "timeline.kind.release": {"en": "release", "ru": "выход"},
        "timeline.kind.other": {"en": "other", "ru": "другое"},
    }
)

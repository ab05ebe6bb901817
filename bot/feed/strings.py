"""What ``/feed status`` and ``/feed poll`` say, in English and Russian, registered in the catalogue.

The replies are in the asker's language (see bot.core.i18n); the feeds' own names ("Launch Library 2",
"Spaceflight News") and what the upstreams send (errors, article titles) stay as they are. The English
forms are exactly the texts these replies had before they had a language. The ``feed.refused.*`` forms
are why a poller did not poll: the pollers (``bot.feed.pacing``, ``ll2``, ``snapi``) give them as a
:class:`~bot.core.errors.Message` with these keys, which reads as the English form until it is shown.
"""

from __future__ import annotations

from bot.core.i18n import register

register(
    {
        # /feed status
        "feed.status.title": {"en": "Upstream feeds", "ru": "Внешние ленты"},
        "feed.status.footer": {"en": "/feed poll polls now", "ru": "/ленты опросить — опросить сейчас"},
        "feed.status.tracked": {"en": "Tracked launches: {n}", "ru": "Отслеживаемые запуски: {n}"},
        "feed.status.searches": {
            "en": "Searches: {launches}; {keywords} for {contenders}",
            "ru": "Поиски: {launches}; {keywords} для {contenders}",
        },
        "feed.status.launches": {
            "en": {"one": "{n} tracked launch(es)", "other": "{n} tracked launch(es)"},
            "ru": {
                "one": "{n} отслеживаемый запуск",
                "few": "{n} отслеживаемых запуска",
                "many": "{n} отслеживаемых запусков",
                "other": "{n} отслеживаемого запуска",
            },
        },
        "feed.status.keywords": {
            "en": {"one": "{n} keyword(s)", "other": "{n} keyword(s)"},
            "ru": {
                "one": "{n} ключевое слово",
                "few": "{n} ключевых слова",
                "many": "{n} ключевых слов",
                "other": "{n} ключевого слова",
            },
        },
        "feed.status.contenders": {  # after "для": the genitive
            "en": {"one": "{n} contender(s)", "other": "{n} contender(s)"},
            "ru": {
                "one": "{n} претендента",
                "few": "{n} претендентов",
                "many": "{n} претендентов",
                "other": "{n} претендента",
            },
        },
        "feed.status.last_poll": {"en": "Last poll: {when}", "ru": "Последний опрос: {when}"},
        "feed.status.never": {"en": "never", "ru": "ещё не было"},
        "feed.status.next_poll": {"en": "Next poll: {when}", "ru": "Следующий опрос: {when}"},
        "feed.status.when_tracked": {
            "en": "when something is tracked",
            "ru": "когда появится что отслеживать",
        },
        "feed.status.when_searchable": {
            "en": "when there is something to search",
            "ru": "когда появится что искать",
        },
        "feed.status.requests_left": {
            "en": "Requests left this hour: {left} of {per_hour}",
            "ru": "Осталось запросов в этом часе: {left} из {per_hour}",
        },
        "feed.status.next_allowed": {"en": " (next allowed {when})", "ru": " (следующий — не раньше {when})"},
        "feed.status.last_error": {"en": "Last error: {error}", "ru": "Последняя ошибка: {error}"},
        "feed.status.no_error": {"en": "none", "ru": "нет"},
        "feed.status.error_at": {"en": " (at {when})", "ru": " (когда: {when})"},
        "feed.status.retry_after": {
            "en": "⏳ Retry-After: no request before: {when}",
            "ru": "⏳ Retry-After: ни одного запроса до {when}",
        },
        "feed.status.missing": {
            "en": "❓ {title}: launch {launch} is missing upstream; keeping the last good data",
            "ru": "❓ {title}: запуска {launch} нет в источнике; остаются последние надёжные данные",
        },
        "feed.status.window": {
            "en": "🪟 {title}: window {start} – {end} (LL2 last updated {updated})",
            "ru": "🪟 {title}: окно {start} – {end} (LL2 обновил данные {updated})",
        },
        "feed.status.pinned": {
            "en": "📌 {title} is pinned at {date} ({precision}, {status}); LL2 says {up_date} ({up_precision}, "
            "{up_status})",
            "ru": "📌 {title}: закреплено на {date} ({precision}, {status}); по данным LL2 — {up_date} "
            "({up_precision}, {up_status})",
        },
        "feed.status.waiting": {"en": "Articles waiting for review: {n}", "ru": "Статьи, ждущие разбора: {n}"},
        "feed.status.review_hint": {"en": " (/facts news review)", "ru": " (/факты новости разбор)"},
        # a date's precision, as the pinned line names it (English: as stored)
        "feed.precision.time": {"en": "time", "ru": "до минуты"},
        "feed.precision.day": {"en": "day", "ru": "до дня"},
        "feed.precision.month": {"en": "month", "ru": "до месяца"},
        "feed.precision.quarter": {"en": "quarter", "ru": "до квартала"},
        "feed.precision.year": {"en": "year", "ru": "до года"},
        "feed.precision.unknown": {"en": "unknown", "ru": "неизвестно"},
        # /feed poll
        "feed.poll.polled": {"en": "Feeds polled", "ru": "Ленты опрошены"},
        "feed.poll.not_polled": {"en": "Feeds not polled", "ru": "Ленты не опрошены"},
        "feed.poll.footer": {"en": "/feed status for the details", "ru": "Подробности: /ленты состояние"},
        "feed.poll.refused": {
            "en": "{icon} **{feed}**: not polled — {reason}.{when}",
            "ru": "{icon} **{feed}**: не опрошена — {reason}.{when}",
        },
        "feed.poll.next_request": {
            "en": " The next request is allowed {when}.",
            "ru": " Следующий запрос — не раньше {when}.",
        },
        "feed.poll.ran": {"en": "{icon} **{feed}**: {found}", "ru": "{icon} **{feed}**: {found}"},
        "feed.poll.articles": {
            "en": {"one": "{n} new article(s) waiting for review", "other": "{n} new article(s) waiting for review"},
            "ru": {
                "one": "{n} новая статья ждёт разбора",
                "few": "{n} новые статьи ждут разбора",
                "many": "{n} новых статей ждут разбора",
                "other": "{n} новой статьи ждут разбора",
            },
        },
        "feed.poll.no_article": {"en": "no new article", "ru": "новых статей нет"},
        "feed.poll.changes": {
            "en": {"one": "{n} change(s) applied and announced", "other": "{n} change(s) applied and announced"},
            "ru": {
                "one": "{n} изменение применено и объявлено",
                "few": "{n} изменения применены и объявлены",
                "many": "{n} изменений применено и объявлено",
                "other": "{n} изменения применено и объявлено",
            },
        },
        "feed.poll.no_change": {"en": "no change", "ru": "изменений нет"},
        "feed.poll.problem": {"en": "Problem: {error}", "ru": "Проблема: {error}"},
        # why a feed was not polled (``Outcome.refused``: a Message the pollers make with these keys)
        "feed.refused.retry_after": {
            "en": "{feed} asked us to wait (429 Retry-After)",
            "ru": "{feed} просит подождать (429 Retry-After)",
        },
        "feed.refused.budget": {
            "en": "the hourly request budget is spent ({used} of {per_hour} used)",
            "ru": "часовой лимит запросов исчерпан (использовано {used} из {per_hour})",
        },
        "feed.refused.nothing_tracked": {
            "en": "no milestone follows a launch (/facts track)",
            "ru": "ни один этап не следит за запуском (/факты следить)",
        },
        "feed.refused.nothing_to_search": {
            "en": "nothing to search: track a launch or give a contender news keywords",
            "ru": "искать нечего: отслеживайте запуск или задайте претенденту ключевые слова для новостей",
        },
        "feed.refused.too_many_searches": {
            "en": {
                "one": "{n} searches do not fit the hourly budget",
                "other": "{n} searches do not fit the hourly budget",
            },
            "ru": {
                "one": "{n} поиск не помещается в часовой лимит",
                "few": "{n} поиска не помещаются в часовой лимит",
                "many": "{n} поисков не помещаются в часовой лимит",
                "other": "{n} поиска не помещаются в часовой лимит",
            },
        },
    }
)

"""What an alert says, in English and Russian, registered in the catalogue (see bot.core.i18n).

A channel's alerts are in its subscription's language, not in anyone's Discord client: a channel is
read by many people, so the admin who subscribes it chooses (default: the server's language).
The English forms are exactly the texts alerts had before they had a language.

The durations here are in the accusative, which Russian needs after "на" and "через" ("на 1 минуту",
"через 1 час"); the catalogue's ``span.*`` forms are nominative ("1 минута").
"""

from __future__ import annotations

from bot.core.i18n import register

register(
    {
        # how a date moved (describe_move)
        "alert.move.later": {"en": "slipped {span} later", "ru": "позже {span}"},
        "alert.move.earlier": {"en": "moved {span} earlier", "ru": "раньше {span}"},
        "alert.move.dated": {"en": "now has a date", "ru": "дата появилась"},
        "alert.move.undated": {"en": "date now unknown", "ru": "дата теперь неизвестна"},
        "alert.move.known": {"en": "now known {label}", "ru": "теперь известна {label}"},
        "alert.move.changed": {"en": "date changed", "ru": "дата изменилась"},
        "alert.move.status": {"en": "now {status}", "ru": "теперь {status}"},
        "alert.precision.time": {"en": "to the minute", "ru": "с точностью до минуты"},
        "alert.precision.day": {"en": "to the day", "ru": "с точностью до дня"},
        "alert.precision.month": {"en": "to the month", "ru": "с точностью до месяца"},
        "alert.precision.quarter": {"en": "to the quarter", "ru": "с точностью до квартала"},
        "alert.precision.year": {"en": "to the year", "ru": "с точностью до года"},
        "alert.precision.unknown": {"en": "no longer known", "ru": "точность больше неизвестна"},
        # durations after "на" (a move) and "через" (a reminder)
        "alert.span.by": {"en": "{span}", "ru": "на {span}"},
        "alert.span.by_about": {"en": "about {span}", "ru": "примерно на {span}"},
        "alert.span.years": {
            "en": {"one": "{n} year", "other": "{n} years"},
            "ru": {"one": "{n} год", "few": "{n} года", "many": "{n} лет", "other": "{n} года"},
        },
        "alert.span.months": {
            "en": {"one": "{n} month", "other": "{n} months"},
            "ru": {"one": "{n} месяц", "few": "{n} месяца", "many": "{n} месяцев", "other": "{n} месяца"},
        },
        "alert.span.days": {
            "en": {"one": "{n} day", "other": "{n} days"},
            "ru": {"one": "{n} день", "few": "{n} дня", "many": "{n} дней", "other": "{n} дня"},
        },
        "alert.span.hours": {
            "en": {"one": "{n} hour", "other": "{n} hours"},
            "ru": {"one": "{n} час", "few": "{n} часа", "many": "{n} часов", "other": "{n} часа"},
        },
        "alert.span.minutes": {
            "en": {"one": "{n} minute", "other": "{n} minutes"},
            "ru": {"one": "{n} минуту", "few": "{n} минуты", "many": "{n} минут", "other": "{n} минуты"},
        },
        # a date or status change
        "alert.change.date": {"en": "Date: {old} → **{new}**", "ru": "Дата: {old} → **{new}**"},
        "alert.change.status": {"en": "Status: {old} → **{new}**", "ru": "Статус: {old} → **{new}**"},
        "alert.change.why": {"en": "Why: {reason}", "ru": "Почему: {reason}"},
        "alert.change.source": {"en": "Source: {source}", "ru": "Источник: {source}"},
        "alert.change.no_source": {"en": "not given", "ru": "не указан"},
        "alert.change.by": {"en": "Changed by {by}", "ru": "Изменил: {by}"},
        "alert.change.footer": {
            "en": "Date change · /timeline for the whole race",
            "ru": "Изменение даты · /хронология — вся гонка",
        },
        "alert.late": {"en": " (late: the bot was offline)", "ru": " (с опозданием: бот был не в сети)"},
        # a reminder
        "alert.reminder.title": {"en": "⏰ {title} in {span}{late}", "ru": "⏰ {title} через {span}{late}"},
        "alert.reminder.footer": {
            "en": "Reminder · /alerts to change what this channel hears",
            "ru": "Напоминание · /оповещения — что слышит этот канал",
        },
        # the digest after quiet hours
        "alert.digest.title": {
            "en": {
                "one": "Digest: {n} update(s) from the quiet hours",
                "other": "Digest: {n} update(s) from the quiet hours",
            },
            "ru": {
                "one": "Сводка: {n} обновление за тихие часы",
                "few": "Сводка: {n} обновления за тихие часы",
                "many": "Сводка: {n} обновлений за тихие часы",
                "other": "Сводка: {n} обновления за тихие часы",
            },
        },
        "alert.digest.footer": {
            "en": "Sent when your quiet hours ended",
            "ru": "Отправлено, когда закончились тихие часы",
        },
        # an approved news article
        "alert.news.no_date": {"en": "date not given", "ru": "дата не указана"},
        "alert.news.read": {"en": "Read it: {url}", "ru": "Читать: {url}"},
        "alert.news.footer": {
            "en": "News approved by the fact admins · /alerts to change what this channel hears",
            "ru": "Новость одобрена админами фактов · /оповещения — что слышит этот канал",
        },
        "alert.news.fact": {"en": "Recorded as a fact: “{label}”", "ru": "Записано как факт: «{label}»"},
        "alert.news.recorded": {"en": "Recorded on {kind} {label}", "ru": "Записано: {kind} {label}"},
        "alert.news.source": {
            "en": "Now a source for the {kind} **{label}**",
            "ru": "Теперь источник: {kind} **{label}**",
        },
        # /alerts test
        "alert.test.title": {"en": "🧪 Test: {title}", "ru": "🧪 Тест: {title}"},
        "alert.test.footer": {
            "en": "A test from /alerts test — real alerts look like this",
            "ru": "Проба из /оповещения тест — так выглядят настоящие оповещения",
        },
        "alert.test.reason": {"en": "This is a test alert.", "ru": "Это пробное оповещение."},
        "alert.test.by": {"en": "test", "ru": "тест"},
    }
)

# The /alerts replies (bot.alerts.subscriptions), in the language of the admin's Discord client: what a
# subscription will get, the list of a server's subscriptions, why one is paused. The English forms are
# exactly what these replies said before they had a language.
register(
    {
        # the channel permissions the bot needs, by their names in Discord's own interface
        "alerts.permission.view_channel": {"en": "View Channel", "ru": "Просматривать канал"},
        "alerts.permission.send_messages": {"en": "Send Messages", "ru": "Отправлять сообщения"},
        "alerts.permission.embed_links": {"en": "Embed Links", "ru": "Встраивать ссылки"},
        "alerts.permission.attach_files": {"en": "Attach Files", "ru": "Прикреплять файлы"},
        "alerts.cmd.bad_quiet": {
            "en": "Quiet hours look like 22:00-07:00 (UTC, 24-hour clock).",
            "ru": "Тихие часы пишутся так: 22:00-07:00 (UTC, 24-часовой формат).",
        },
        # /alerts subscribe
        "alerts.subscribed.text": {
            "en": "{channel} will get {what}{details}. Try /alerts test to see one.",
            "ru": "В {channel} будут приходить {what}{details}. Как они выглядят, покажет /оповещения тест.",
        },
        "alerts.subscribed.what.all": {"en": "all alerts", "ru": "все оповещения"},
        "alerts.subscribed.what.changes": {"en": "changes alerts", "ru": "оповещения об изменениях дат и статусов"},
        "alerts.subscribed.what.dates": {"en": "dates alerts", "ru": "оповещения об изменениях дат"},
        "alerts.subscribed.what.statuses": {"en": "statuses alerts", "ru": "оповещения об изменениях статусов"},
        "alerts.subscribed.what.reminders": {"en": "reminders alerts", "ru": "напоминания"},
        "alerts.subscribed.what.news": {"en": "approved news", "ru": "одобренные новости"},
        "alerts.subscribed.and_news": {"en": " and approved news", "ru": " и одобренные новости"},
        "alerts.subscribed.only": {"en": "only {name}", "ru": "только {name}"},
        "alerts.subscribed.mentioning": {"en": "mentioning {role}", "ru": "с упоминанием {role}"},
        "alerts.subscribed.quiet": {"en": "quiet {start}–{end} UTC", "ru": "тихие часы {start}–{end} UTC"},
        "alerts.subscribed.language": {"en": "in {language}", "ru": "язык оповещений: {language}"},
        # /alerts list
        "alerts.list.title": {"en": "Alert subscriptions", "ru": "Подписки на оповещения"},
        "alerts.list.empty": {
            "en": "No channel here gets alerts yet. Use /alerts subscribe.",
            "ru": "Здесь пока ни один канал не получает оповещений. Подписать канал: /оповещения подписать.",
        },
        "alerts.list.active": {"en": "✅ active", "ru": "✅ активна"},
        "alerts.list.paused": {"en": "⏸️ paused — {reason}", "ru": "⏸️ приостановлена — {reason}"},
        "alerts.list.kinds": {"en": "kinds: {kinds}", "ru": "виды: {kinds}"},
        "alerts.list.only": {"en": "only: {name}", "ru": "только: {name}"},
        "alerts.list.mentions": {"en": "mentions: {role}", "ru": "упоминает: {role}"},
        "alerts.list.quiet": {"en": "quiet: {start}–{end} UTC", "ru": "тихие часы: {start}–{end} UTC"},
        "alerts.list.language": {"en": "language: {language}", "ru": "язык: {language}"},
        "alerts.kind.date": {"en": "date", "ru": "даты"},
        "alerts.kind.status": {"en": "status", "ru": "статусы"},
        "alerts.kind.reminder": {"en": "reminder", "ru": "напоминания"},
        "alerts.kind.news": {"en": "news", "ru": "новости"},
        # why a subscription is paused (the delivery stores "missing permission: <what Discord said>")
        "alerts.paused.missing_permission": {
            "en": "missing permission: {detail}",
            "ru": "не хватает прав: {detail}",
        },
        "alerts.paused.Missing Permissions": {"en": "Missing Permissions", "ru": "у бота нет нужных прав в канале"},
        "alerts.paused.Missing Access": {"en": "Missing Access", "ru": "у бота нет доступа к каналу"},
    }
)

# Each language by its own name, as the LANGUAGE choices of /alerts subscribe and /alerts list show
# it: whoever reads it, a language is easiest to recognise by the name its speakers give it.
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}

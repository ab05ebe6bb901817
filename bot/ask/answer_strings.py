"""The words of /ask answers in English and Russian (the item texts themselves come from the items)."""

from __future__ import annotations

from bot.core.i18n import register

register(
    {
        "answer.decline": {
            "en": "I don't know that one from the sources I have, and I'd rather not guess. "
            "Try /race for the overview, /timeline for dates, /contender or /person for details, "
            "or /sources TOPIC for the evidence.",
            "ru": "Этого я по своим источникам не знаю и гадать не стану. "
            "Попробуйте /гонка — обзор, /хронология — даты, /претендент или /человек — подробности, "
            "/источники ТЕМА — источники.",
        },
        "answer.did_you_mean": {
            "en": "Did you mean: “{question}”?",
            "ru": "Может быть, вы имели в виду: «{question}»?",
        },
        "answer.gap": {"en": "I don't know: {text}", "ru": "Не знаю: {text}"},
        "answer.yes": {"en": "**Yes** — {text}", "ru": "**Да** — {text}"},
        "answer.nationality": {"en": "**{name}** is {nationality}.", "ru": "**{name}** — гражданство: {nationality}."},
        "answer.backup_for": {
            "en": "**{backup}** was the backup for {primes}.",
            "ru": "**{backup}** — дублёр: {primes}.",
        },
        "answer.aboard": {"en": "Aboard: {names}.", "ru": "На борту: {names}."},
        "answer.no": {"en": "**No** — {text}", "ru": "**Нет** — {text}"},
        "answer.disagree": {"en": "⚖️ Sources disagree — **{title}**", "ru": "⚖️ Источники расходятся — **{title}**"},
        "answer.disagree_note": {
            "en": "⚖️ Sources disagree on this: {title} (see /sources {topic}).",
            "ru": "⚖️ Источники в этом расходятся: {title} (см. /источники {topic}).",
        },
        "answer.related": {"en": "**Related:** {text}", "ru": "**См. также:** {text}"},
        "answer.first": {
            "en": "🏆 **{winner}** got there first: {milestone}, {when}. ",
            "ru": "🏆 Первым стал **{winner}**: {milestone}, {when}. ",
        },
        "answer.person": {"en": "**{name}** — {roles}.", "ru": "**{name}** — {roles}."},
        "answer.contender": {
            "en": "**{name}** — status: **{status}**. {summary}",
            "ru": "**{name}** — статус: **{status}**. {summary}",
        },
        "answer.milestone": {
            "en": "**{title}** ({contender}): {when} — {status}.",
            "ru": "**{title}** ({contender}): {when} — {status}.",
        },
        "answer.vehicle": {"en": "Vehicle: {vehicle}.", "ru": "Корабль: {vehicle}."},
        "answer.where": {"en": "Where: {location}.", "ru": "Где: {location}."},
        "answer.moved": {"en": "The date moved: it {slip}.", "ru": "Дата менялась: {slip}."},
        "answer.role.one": {"en": "{names} was the {what} of {contender}.", "ru": "{names} — {what} ({contender})."},
        "answer.role.many": {"en": "{names} were the {what}s of {contender}.", "ru": "{names} — {what} ({contender})."},
        "answer.and": {"en": " and ", "ru": " и "},
        "answer.first_flew": {
            "en": "**{side}** came first: {milestone}, {when}. {other} has not flown.",
            "ru": "**{side}** — раньше: {milestone}, {when}. {other} — полёта не было.",
        },
        "answer.came_first": {
            "en": "{who}**{a}** ({a_owner}) came first: {a_when}, before {b_who}**{b}** ({b_owner}): {b_when}.",
            "ru": "{who}**{a}** ({a_owner}) — раньше: {a_when}; затем {b_who}**{b}** ({b_owner}): {b_when}.",
        },
        "answer.older": {
            "en": "**{a}** (born {a_year}) is older than **{b}** (born {b_year}).",
            "ru": "**{a}** ({a_year} года рождения) старше, чем **{b}** ({b_year} года рождения).",
        },
        "answer.younger": {
            "en": "**{a}** (born {a_year}) is younger than **{b}** (born {b_year}).",
            "ru": "**{a}** ({a_year} года рождения) младше, чем **{b}** ({b_year} года рождения).",
        },
        "answer.before": {"en": "**Before** — {text}", "ru": "**Раньше** — {text}"},
        "answer.after": {"en": "**After** — {text}", "ru": "**Позже** — {text}"},
        "answer.longer": {
            "en": "**{a}** stayed longer: {a_days} ({a_span}), against {b_days} for **{b}** ({b_span}).",
            "ru": "**{a}** — дольше: {a_days} ({a_span}), против {b_days} у **{b}** ({b_span}).",
        },
        "answer.age_at_launch": {
            "en": "**{name}** (born {year}) was {low} or {high} at the launch on {date}.",
            "ru": "**{name}** ({year} года рождения): на момент запуска {date} — {low} или {high}.",
        },
        "answer.years_old": {
            "en": {"one": "{n}", "other": "{n}"},
            "ru": {"one": "{n} год", "few": "{n} года", "many": "{n} лет", "other": "{n} года"},
        },
        "answer.stay": {
            "en": "**{a}** spent {a_days} in space: {a_span}.",
            "ru": "**{a}** — {a_days} в космосе: {a_span}.",
        },
        "answer.days": {
            "en": {"one": "{n} day", "other": "{n} days"},
            "ru": {"one": "{n} день", "few": "{n} дня", "many": "{n} дней", "other": "{n} дня"},
        },
        "answer.plays": {
            "en": "**{name}** plays **{character}** in {film}.",
            "ru": "**{name}** играет **{character}** в фильме {film}.",
        },
        "answer.people_count": {
            "en": {"one": "**{n} person.**", "other": "**{n} people.**"},
            "ru": {
                "one": "**{n} человек.**",
                "few": "**{n} человека.**",
                "many": "**{n} человек.**",
                "other": "**{n} человека.**",
            },
        },
        "answer.crew": {
            "en": {
                "one": "**{n}** person flew on {flight}: {names}.",
                "other": "**{n}** people flew on {flight}: {names}.",
            },
            "ru": {
                "one": "На {flight} летел **{n}** человек: {names}.",
                "few": "На {flight} летели **{n}** человека: {names}.",
                "many": "На {flight} летели **{n}** человек: {names}.",
                "other": "На {flight} летели **{n}** человека: {names}.",
            },
        },
        # role words, as the answer names what was asked
        "answer.role.director": {"en": "director", "ru": "режиссёр"},
        "answer.role.writer": {"en": "writer", "ru": "сценарист"},
        "answer.role.cinematographer": {"en": "cinematographer", "ru": "оператор-постановщик"},
        "answer.role.camera operator": {"en": "camera operator", "ru": "оператор"},
        "answer.role.producer": {"en": "producer", "ru": "продюсер"},
        "answer.role.actor": {"en": "actor", "ru": "актёр"},
        "answer.role.commander": {"en": "commander", "ru": "командир"},
        "answer.role.flight engineer": {"en": "flight engineer", "ru": "бортинженер"},
        "answer.role.pilot": {"en": "pilot", "ru": "пилот"},
        "answer.role.crew member": {"en": "crew member", "ru": "член экипажа"},
        "answer.role.spaceflight participant": {"en": "spaceflight participant", "ru": "участник космического полёта"},
        "answer.role.official": {"en": "official", "ru": "официальное лицо"},
        "answer.role.executive": {"en": "executive", "ru": "руководитель"},
        "answer.role.founder": {"en": "founder", "ru": "основатель"},
        "answer.role.financier": {"en": "financier", "ru": "финансист"},
        "answer.role.host": {"en": "host", "ru": "ведущий"},
        "answer.role.trainer": {"en": "trainer", "ru": "инструктор"},
        "answer.role.doctor": {"en": "doctor", "ru": "врач"},
        "answer.role.journalist": {"en": "journalist", "ru": "журналист"},
        "answer.role.spokesperson": {"en": "spokesperson", "ru": "представитель"},
        "answer.role.composer": {"en": "composer", "ru": "композитор"},
        "answer.role.editor": {"en": "editor", "ru": "монтажёр"},
        "answer.role.other": {"en": "other", "ru": "участник"},
        "answer.role.lead actor": {"en": "lead actor", "ru": "исполнитель главной роли"},
        "answer.role.member": {"en": "member", "ru": "участник"},
        "answer.role.backup": {"en": "backup", "ru": "дублёр"},
        "answer.role.backup of": {"en": "backup {what}", "ru": "дублёр ({what})"},
        # statuses, as answers show them
        "answer.status.done": {"en": "done", "ru": "состоялось"},
        "answer.status.planned": {"en": "planned", "ru": "запланировано"},
        "answer.status.confirmed": {"en": "confirmed", "ru": "подтверждено"},
        "answer.status.slipped": {"en": "slipped", "ru": "перенесено"},
        "answer.status.cancelled": {"en": "cancelled", "ru": "отменено"},
        "answer.status.unknown": {"en": "unknown", "ru": "неизвестно"},
        "answer.status.won": {"en": "won", "ru": "победил"},
        "answer.status.active": {"en": "active", "ru": "в работе"},
        "answer.status.stalled": {"en": "stalled", "ru": "без движения"},
        "answer.status.shelved": {"en": "shelved", "ru": "отложен"},
        "answer.status.completed": {"en": "completed", "ru": "завершён"},
    }
)

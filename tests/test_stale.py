"""Stale and weak facts: what /facts stale lists, what /facts verify writes, and how fresh /race says it is."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.app import App
from bot.ask.service import RaceService
from bot.core.cards import DESCRIPTION_MAX, TOTAL_MAX, reply_text
from bot.core.changes import Actor
from bot.core.dates import DiscordStyle, IsoStyle
from bot.core.errors import UserError
from bot.core.models import Confidence, to_dict
from bot.facts import commands as table
from bot.facts.service import AdminService, Outcome
from bot.facts.stale import SHOWN_MAX, months_before, weak_items
from bot.infra.store import Store
from bot.infra.tables import load_kb
from bot.seed.loader import ensure_seeded
from tests.conftest import Clock

ADMIN = Actor("42", "ada")
STYLE = IsoStyle()
TODAY = date(2026, 11, 24)  # the clock fixture's day


@pytest.fixture
def admin(mini_service: RaceService) -> AdminService:
    kb = mini_service.kb  # every item checked on a known day, except where a test says otherwise
    for n, item in enumerate([*kb.contenders.values(), *kb.people.values(), *kb.milestones.values()]):
        item.verified = f"2026-{n + 4:02d}-01"  # contenders April and May, Ada June, milestones July to September
    for item in [*kb.facts.values(), *kb.contradictions.values()]:
        item.verified = "2026-10-15"
    return App.around(mini_service).facts


def run(admin: AdminService, command: str, /, **values: Any) -> Outcome:
    return table.run(admin, table.BY_NAME[command], ADMIN, values, STYLE)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 24), 6, date(2026, 5, 24)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
        (date(2026, 11, 24), 120, date(2016, 11, 24)),
    ],
)
def test_months_before_counts_calendar_months(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_stale_lists_what_was_checked_before_the_cutoff_oldest_first(admin: AdminService) -> None:
    ids = [w.item_id for w in weak_items(admin.kb, TODAY, 6)]
    assert ids == ["alpha", "beta"]  # April and May; Ada (June) is inside six months
    assert [w.item_id for w in weak_items(admin.kb, TODAY, 3)][:4] == ["alpha", "beta", "ada", "alpha-launch"]
    text = reply_text(run(admin, "stale").reply)
    assert "2 item(s) not checked since 2026-05-24 (6 months), 0 resting only on a rumour" in text
    assert text.index("Alpha Project") < text.index("Beta Mission") and "checked 2026-04-01" in text


def test_rumours_are_listed_however_recently_checked_and_never_checked_comes_first(admin: AdminService) -> None:
    admin.kb.facts["alpha-budget"].confidence = Confidence.RUMOUR
    admin.kb.people["ada"].verified = ""
    weak = weak_items(admin.kb, TODAY, 6)
    assert [w.item_id for w in weak] == ["ada", "alpha", "beta", "alpha-budget"]
    assert weak[0].stale and not weak[0].rumour and weak[-1].rumour and not weak[-1].stale
    text = reply_text(run(admin, "stale", months=6).reply)
    assert "Ada Quill (`ada`) — never checked" in text and "alpha-budget`) — checked 2026-10-15 · ⚠️ rumour only" in text


def test_nothing_stale_says_so(admin: AdminService) -> None:
    text = reply_text(run(admin, "stale", months=12).reply)
    assert "Every item was checked since 2025-11-24, and none rests only on a rumour." in text


@pytest.mark.parametrize("months", [0, -1, 121])
def test_months_out_of_range_are_refused(admin: AdminService, months: int) -> None:
    with pytest.raises(UserError, match="from 1 to 120"):
        run(admin, "stale", months=months)


def test_a_long_list_fits_discords_limits_and_says_how_many_more(clock: Clock) -> None:
    store = Store.memory()
    ensure_seeded(store)  # the shipped seed: hundreds of items, all checked on one day in January 2026
    admin = App.build(store, clock=clock).facts
    total = len(weak_items(admin.kb, TODAY, 6))
    assert total > SHOWN_MAX
    reply = run(admin, "stale").reply
    assert reply.ephemeral and len(reply.pages) > 1
    for page in reply.pages:
        assert len(page.description) <= DESCRIPTION_MAX and page.size() <= TOTAL_MAX
    assert f"… and {total - SHOWN_MAX} more" in reply.pages[-1].description
    shown = [line for page in reply.pages for line in page.description.splitlines() if line.startswith("• ")]
    assert len(shown) == SHOWN_MAX and "⚠️ rumour only" in "".join(shown[:10])  # rumours lead a tie


# ---- /facts verify ------------------------------------------------------------------------------


def test_verify_marks_an_item_checked_today_with_history_and_undo(admin: AdminService) -> None:
    before = to_dict(admin.kb.contenders["alpha"])
    outcome = run(admin, "verify", kind="contender", name="alpha")
    assert outcome.pending is None and "Checked Alpha Project" in reply_text(outcome.reply)
    assert "checked 2026-04-01 → 2026-11-24" in reply_text(outcome.reply)
    assert admin.kb.contenders["alpha"].verified == "2026-11-24"
    assert load_kb(admin.store).contenders["alpha"].verified == "2026-11-24"
    assert [w.item_id for w in weak_items(admin.kb, TODAY, 6)] == ["beta"]
    with pytest.raises(UserError, match="already checked today"):
        run(admin, "verify", kind="contender", name="alpha")
    run(admin, "undo")
    assert to_dict(admin.kb.contenders["alpha"]) == before


def test_verify_with_a_source_adds_it(admin: AdminService) -> None:
    run(admin, "verify", kind="fact", name="alpha-budget", source="https://example.org/audit")
    fact = admin.kb.facts["alpha-budget"]
    assert fact.verified == "2026-11-24" and fact.sources[-1] == "https://example.org/audit"
    history = reply_text(admin.history("fact", "alpha-budget", STYLE))
    assert "Checked alpha-budget against https://example.org/audit" in history
    with pytest.raises(UserError, match="already checked today and already lists that source"):
        run(admin, "verify", kind="fact", name="alpha-budget", source="https://example.org/audit")
    run(admin, "verify", kind="fact", name="alpha-budget", source="https://example.org/second")  # a new one: fine
    assert admin.kb.facts["alpha-budget"].sources[-2:] == ["https://example.org/audit", "https://example.org/second"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": "contender", "name": "alpha", "source": "ftp://x"}, "http"),
        ({"kind": "planet", "name": "alpha"}, "Unknown kind"),
        ({"kind": "milestone", "name": "no such launch"}, "No milestone called"),
    ],
)
def test_bad_verify_is_refused_and_writes_nothing(admin: AdminService, values: dict[str, str], message: str) -> None:
    before = admin.store.snapshot()
    with pytest.raises(UserError, match=message):
        run(admin, "verify", **values)
    assert admin.store.snapshot() == before


# ---- /race says how fresh it is -----------------------------------------------------------------


def test_race_says_when_the_facts_were_last_checked(admin: AdminService) -> None:
    service = admin.service
    assert "Facts checked up to 2026-10-15." in reply_text(service.race(STYLE))
    run(admin, "verify", kind="milestone", name="beta launch")
    assert "Facts checked up to 2026-11-24." in reply_text(service.race(STYLE))
    discord = service.race(DiscordStyle()).pages[0].description
    assert "_Facts checked up to 24 November 2026._" in discord  # a day: words, never an invented time


def test_race_of_the_shipped_seed_is_fresh_to_its_dossier(clock: Clock) -> None:
    store = Store.memory()
    ensure_seeded(store)
    text = reply_text(App.build(store, clock=clock).questions.race(STYLE))
    assert "Facts checked up to 2026-01-15." in text

"""Shared fixtures: a service over a small race with a controllable clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.ask.service import RaceService
from bot.infra.store import Store
from bot.seed.loader import ensure_seeded
from tests.mini_race import mini_race
from tests.pg import backend, pg_server, pg_url  # noqa: F401  (a real PostgreSQL server, see tests/pg.py)


class Clock:
    """A clock tests can move: ``clock.now = …`` or ``clock.advance(seconds)``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))


@pytest.fixture
def mini_service(clock: Clock) -> RaceService:
    store = Store.memory()
    ensure_seeded(store, mini_race())
    return RaceService(store, clock=clock)

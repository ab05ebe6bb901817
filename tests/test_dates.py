"""Dates honour their precision in both styles and never invent a day."""

from datetime import UTC, datetime

from bot.core.dates import DiscordStyle, IsoStyle, describe_distance, period_end, period_start
from bot.core.models import Precision

LAUNCH = datetime(2021, 10, 5, 8, 55, 2, tzinfo=UTC)


def test_iso_style_per_precision() -> None:
    iso = IsoStyle()
    assert iso.date(LAUNCH, Precision.TIME) == "2021-10-05 08:55 UTC"
    assert iso.date(LAUNCH, Precision.DAY) == "2021-10-05"
    assert iso.date(LAUNCH, Precision.MONTH) == "2021-10"
    assert iso.date(LAUNCH, Precision.QUARTER) == "2021-Q4"
    assert iso.date(LAUNCH, Precision.YEAR) == "2021"
    assert iso.date(None, Precision.UNKNOWN) == "date unknown"


def test_discord_style_uses_timestamps_only_for_exact_times() -> None:
    ds = DiscordStyle()
    stamp = int(LAUNCH.timestamp())
    assert ds.date(LAUNCH, Precision.TIME) == f"<t:{stamp}:F> (<t:{stamp}:R>)"
    month = ds.date(datetime(2021, 10, 1, tzinfo=UTC), Precision.MONTH)
    assert month == "October 2021" and "<t:" not in month
    assert ds.date(datetime(2025, 10, 1, tzinfo=UTC), Precision.QUARTER) == "Q4 2025"
    assert ds.date(datetime(2021, 10, 5, tzinfo=UTC), Precision.DAY) == "5 October 2021"


def test_periods() -> None:
    assert period_start(LAUNCH, Precision.QUARTER) == datetime(2021, 10, 1, tzinfo=UTC)
    assert period_end(datetime(2021, 12, 1, tzinfo=UTC), Precision.MONTH) == datetime(2022, 1, 1, tzinfo=UTC)
    assert period_end(datetime(2021, 10, 1, tzinfo=UTC), Precision.QUARTER) == datetime(2022, 1, 1, tzinfo=UTC)


def test_distance_words() -> None:
    now = datetime(2021, 10, 2, 8, 55, tzinfo=UTC)
    assert describe_distance(LAUNCH, now, Precision.TIME) == "in 3 days"
    assert describe_distance(now, LAUNCH, Precision.TIME) == "3 days ago"
    assert describe_distance(datetime(2023, 10, 1, tzinfo=UTC), now, Precision.MONTH) == "in about 2 years"

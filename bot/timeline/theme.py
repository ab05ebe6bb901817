"""What the picture looks like, before anything is placed: the options and the two themes.

The colours were chosen for contrast (WCAG 4.5:1 for text, 3:1 for markers) on both
grounds; ``contrast_ratio`` is here so the tests can hold them to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import MilestoneStatus

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class TimelineOptions:
    focus: str | None = None  # contender id: only that lane
    start_year: int | None = None  # filter by years (inclusive)
    end_year: int | None = None
    theme: str = "dark"  # "dark" (Discord dark) or "light"
    width: int = 1200  # pixels
    winner: str | None = None  # contender id whose winning milestone is marked
    winning_milestone: str | None = None


DEFAULT_OPTIONS = TimelineOptions()  # one shared default: the options are frozen


@dataclass(frozen=True)
class Theme:
    name: str
    background: RGB
    lane_alt: RGB  # every other lane, for separation
    text: RGB
    muted: RGB  # secondary text (month ticks, "2 undated", subtitle)
    grid: RGB
    grid_minor: RGB
    lane_line: RGB
    today: RGB
    today_pill: RGB
    today_text: RGB
    done: RGB
    planned: RGB
    confirmed: RGB
    slipped: RGB
    cancelled: RGB
    unknown: RGB
    gold: RGB

    def status_colour(self, status: MilestoneStatus) -> RGB:
        """Status is shown by colour as well as shape; anything unknown is grey."""
        return {
            MilestoneStatus.DONE: self.done,
            MilestoneStatus.PLANNED: self.planned,
            MilestoneStatus.CONFIRMED: self.confirmed,
            MilestoneStatus.SLIPPED: self.slipped,
            MilestoneStatus.CANCELLED: self.cancelled,
        }.get(status, self.unknown)


_THEMES: dict[str, Theme] = {
    "dark": Theme(
        name="dark",
        background=(49, 51, 56),  # Discord dark #313338
        lane_alt=(43, 45, 49),
        text=(242, 243, 245),
        muted=(181, 186, 193),
        grid=(78, 80, 88),
        grid_minor=(62, 64, 70),
        lane_line=(92, 95, 102),
        today=(235, 69, 158),
        today_pill=(194, 24, 91),
        today_text=(255, 255, 255),
        done=(59, 178, 98),
        planned=(96, 156, 255),
        confirmed=(45, 212, 191),
        slipped=(255, 140, 66),
        cancelled=(242, 63, 67),
        unknown=(148, 155, 164),
        gold=(255, 212, 59),
    ),
    "light": Theme(
        name="light",
        background=(255, 255, 255),
        lane_alt=(242, 243, 245),
        text=(30, 31, 34),
        muted=(78, 80, 88),
        grid=(204, 207, 213),
        grid_minor=(228, 230, 233),
        lane_line=(170, 174, 181),
        today=(194, 24, 91),
        today_pill=(194, 24, 91),
        today_text=(255, 255, 255),
        done=(26, 127, 69),
        planned=(37, 99, 235),
        confirmed=(13, 138, 126),
        slipped=(217, 96, 26),
        cancelled=(198, 40, 40),
        unknown=(128, 132, 142),
        gold=(201, 151, 0),
    ),
}


def theme_colours(name: str) -> Theme:
    """The colours of a theme ("dark" or "light"); ValueError for another name."""
    try:
        return _THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme {name!r}: use 'dark' or 'light'") from None


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio between two sRGB colours (1 to 21)."""

    def luminance(c: RGB) -> float:
        def channel(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(v) for v in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """``t`` of ``a`` over ``1 - t`` of ``b``: a period bar is its status colour, faded."""
    return (
        round(a[0] * t + b[0] * (1 - t)),
        round(a[1] * t + b[1] * (1 - t)),
        round(a[2] * t + b[2] * (1 - t)),
    )

"""The timeline picture in Russian: every word in the reader's language, every character in the font.

The font check is real: fontTools reads the character map of the very font file each piece of
text is painted with (the painter's own role → font table), so a letter that would come out as a
box fails here, not in a member's channel.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from bot.core.kb import KnowledgeBase
from bot.core.models import Milestone, MilestoneKind, MilestoneStatus, Precision, text_in
from bot.seed.loader import load_seed
from bot.timeline import fonts as timeline_fonts
from bot.timeline.dates import month_abbreviations, short_date
from bot.timeline.image import TimelineLayout, TimelineOptions, layout_timeline, render_timeline
from bot.timeline.paint import _text_styles
from tests.test_timeline_image import CONTENDERS, MILESTONES, TODAY, assert_no_overlaps, open_png

ROOT = Path(__file__).resolve().parents[1]
WINNER = TimelineOptions(winner="challenge", winning_milestone="ch-launch")
RU_NAMES = {
    "ax": "Развлечения Axiom Space",
    "challenge": "«Вызов»",
    "cruise": "Фильм Тома Круза и Дага Лаймана",
}
RU_TITLES = {
    "ch-ann": "Роскосмос и Первый канал объявляют о проекте",
    "ch-cast": "Юлия Пересильд утверждена на роль",
    "ch-launch": "Запуск «Союза МС-19»",
    "ch-land": "Возвращение на «Союзе МС-18»",
    "cr-ann": "НАСА подтверждает фильм с Томом Крузом",
    "cr-launch": "Полёт к МКС на Crew Dragon",
    "ax-deal": "Сделка о студийном модуле",
    "ax-mod": "Запуск студийного модуля SEE-1",
    "ax-film": "Первый фильм в модуле",
    "ax-crew": "Экипаж объявлен",
    # "ax-tv" has no Russian title on purpose: the English one is shown
}
RU_CONTENDERS = [replace(c, texts={"ru": {"name": RU_NAMES[c.id]}}) for c in CONTENDERS]
RU_MILESTONES = [replace(m, texts={"ru": {"title": RU_TITLES[m.id]}}) if m.id in RU_TITLES else m for m in MILESTONES]


def drawn(layout: TimelineLayout) -> list[tuple[str, str]]:
    """Every piece of text the painter draws, with its role: the layout's texts, lanes, labels, legend."""
    items = [(t.text, t.role) for t in layout.texts]
    items += [(entry.text.text, entry.text.role) for entry in layout.legend]
    for lane in layout.lanes:
        items += [(t.text, t.role) for t in lane.texts]
        items += [(label.text, "label") for label in lane.labels]
    return items


@cache
def cmap(path: str) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def uncovered(layout: TimelineLayout) -> list[tuple[str, str, str]]:
    """(character, text, font file) for each character drawn that its font has no glyph for."""
    assert layout.fonts is not None
    styles = _text_styles(layout.fonts, layout.theme)
    missing = []
    for text, role in [*drawn(layout), ("?", "glyph")]:  # the "?" inside an unknown-status marker
        font = layout.fonts.glyph if role == "glyph" else styles[role][0]
        path = str(font.path)
        missing += [(ch, text, path) for ch in text if ord(ch) not in cmap(path)]
    return missing


def seed() -> KnowledgeBase:
    return KnowledgeBase.from_data(load_seed())


# ---- the words ----------------------------------------------------------------------------


def test_the_russian_picture_renders_and_differs_from_the_english_one() -> None:
    ru = render_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=WINNER, lang="ru")
    en = render_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=WINNER)
    layout = layout_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=WINNER, lang="ru")
    assert open_png(ru).size == (layout.width, layout.height)
    assert ru != en
    assert ru == render_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=WINNER, lang="ru")
    assert_no_overlaps(layout.all_text_boxes())


def test_every_word_is_russian() -> None:
    layout = layout_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=WINNER, lang="ru")
    texts = [t.text for t in layout.texts]
    assert texts[0] == "Хронология гонки"
    assert texts[1] == "11 этапов · 3 дорожки · 2 без даты · на 12 мар. 2025"
    assert "сегодня · 12 мар. 2025" in texts
    assert [e.text.text for e in layout.legend] == [
        "выполнен", "запланирован", "подтверждён", "перенесён (с прежней даты)", "отменён", "неизвестно",
        "месяц/квартал/год", "сегодня", "первый",
    ]  # fmt: skip
    cruise = layout.lane("cruise")
    assert " ".join(cruise.name_lines) == RU_NAMES["cruise"] and cruise.sub == "2 без даты"
    assert layout.lane("challenge").name_lines == ("«Вызов»",)
    for label in layout.labels:
        text = label.text.removeprefix("первый · ").removesuffix("…")
        title = RU_TITLES.get(label.milestone, "Broadcast deal")  # no Russian title: the English one
        assert title.startswith(text), (label.milestone, label.text)
    winner = next(label for label in layout.labels if label.milestone == "ch-launch")
    assert winner.text == "первый · Запуск «Союза МС-19»"


def test_lanes_keep_their_order_in_every_language() -> None:
    orders = {
        lang: [lane.contender for lane in layout_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, lang=lang).lanes]
        for lang in ("en", "ru")
    }
    assert orders["en"] == orders["ru"] == ["cruise", "challenge", "ax"]


def test_russian_months_and_dates_come_from_cldr() -> None:
    assert month_abbreviations("en") == (
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    )
    assert month_abbreviations("ru")[4] == "май" and month_abbreviations("ru", with_day=True)[4] == "мая"
    assert short_date(datetime(2021, 10, 5, tzinfo=UTC), "ru") == "5 окт. 2021"
    assert short_date(datetime(2021, 10, 5, tzinfo=UTC)) == "5 Oct 2021"
    options = TimelineOptions(start_year=2021, end_year=2021)
    layout = layout_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=options, lang="ru")
    assert layout.texts[0].text == "Хронология гонки · 2021"
    assert layout.texts[1].text == "3 этапа · 1 дорожка · на 12 мар. 2025"
    months = [t.text for t in layout.texts if t.role == "tick"]
    assert "июль" in months and "сент." in months
    assert_no_overlaps(layout.all_text_boxes())


def test_focus_empty_and_untitled_in_russian() -> None:
    focus = layout_timeline(
        RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=TimelineOptions(focus="challenge"), lang="ru"
    )
    assert focus.texts[0].text == "«Вызов»: хронология"
    assert [t.text for t in layout_timeline([], [], today=TODAY, lang="ru").texts if t.role == "message"] == [
        "Этапов пока нет."
    ]
    untitled = Milestone(id="u", contender="challenge", title="", date="2021-10-05T00:00:00Z",
                         precision=Precision.DAY, status=MilestoneStatus.DONE, kind=MilestoneKind.LAUNCH)  # fmt: skip
    layout = layout_timeline(RU_CONTENDERS, [untitled], today=TODAY, lang="ru")
    assert [label.text for label in layout.labels] == ["запуск"]
    assert [label.text for label in layout_timeline(RU_CONTENDERS, [untitled], today=TODAY).labels] == ["launch"]


def test_english_is_the_default_and_the_fallback() -> None:
    en = render_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=WINNER)
    assert en == render_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=WINNER, lang="en")
    assert en == render_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=WINNER, lang="de")
    # Russian texts on the items change nothing in the English picture
    assert en == render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=WINNER)


def test_the_english_picture_says_what_it_always_said() -> None:
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY, options=WINNER)
    assert [t.text for t in layout.texts] == [
        "Race timeline", "11 milestones · 3 lanes · 2 undated · as of 12 Mar 2025",
        "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027", "today · 12 Mar 2025",
    ]  # fmt: skip
    assert [e.text.text for e in layout.legend] == [
        "done", "planned", "confirmed", "slipped (from earlier date)", "cancelled", "unknown",
        "month/quarter/year", "today", "first",
    ]  # fmt: skip
    assert [(lane.name_lines, lane.sub) for lane in layout.lanes] == [
        (("Tom Cruise / Doug Liman", "film"), "2 undated"), (("Challenge (Вызов)",), ""),
        (("Axiom Space", "entertainment"), ""),
    ]  # fmt: skip
    assert "first · Soyuz MS-19 launch" in [label.text for label in layout.labels]
    options = TimelineOptions(start_year=2021, end_year=2021)
    ticks = [t.text for t in layout_timeline(CONTENDERS, MILESTONES, today=TODAY, options=options).texts][2:]
    assert ticks == ["2021", "2022", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# ---- the font -----------------------------------------------------------------------------


def test_every_character_drawn_has_a_glyph_in_its_font() -> None:
    for lang in ("ru", "en"):
        for options in (WINNER, TimelineOptions(start_year=2021, end_year=2021, theme="light", width=800)):
            layout = layout_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, options=options, lang=lang)
            assert not layout.fonts.ascii_only
            assert uncovered(layout) == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_whole_seed_race_is_drawn_in_its_language_with_every_glyph(lang: str) -> None:
    kb = seed()
    options = TimelineOptions(winner=kb.race.winner or None, winning_milestone=kb.race.winning_milestone or None)
    contenders, milestones = list(kb.contenders.values()), list(kb.milestones.values())
    layout = layout_timeline(contenders, milestones, today=TODAY, options=options, lang=lang)
    assert uncovered(layout) == []
    assert_no_overlaps(layout.all_text_boxes())
    narrow = layout_timeline(contenders, milestones, today=TODAY, options=replace(options, width=640), lang=lang)
    assert_no_overlaps(narrow.all_text_boxes())
    names = {c.id: (text_in(c, "name", lang) or c.name) for c in contenders}
    for lane in layout.lanes:
        shown = " ".join(lane.name_lines).removesuffix("…")
        assert " ".join(names[lane.contender].split()).startswith(shown), (lane.contender, shown)
    if lang == "ru":  # every seed item has its Russian text, so every lane name is in Cyrillic
        assert all(any("а" <= c.lower() <= "я" for c in "".join(lane.name_lines)) for lane in layout.lanes)


def test_the_package_ships_a_font_with_cyrillic_and_uses_it() -> None:
    regular, bold = timeline_fonts.SHIPPED_FONTS
    russian = {*range(ord("А"), ord("я") + 1), ord("Ё"), ord("ё"), *map(ord, "«»–—·…")}
    for path in (regular, bold):
        assert Path(path).is_file()
        assert russian <= cmap(path)
    assert (Path(regular).parent / "LICENSE").is_file()
    fonts = timeline_fonts.Fonts(1.0)
    assert {str(fonts["label"].path), str(fonts["title"].path)} == {regular, bold}
    # and a non-editable install carries them: they are package data
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["bot"]
    for path in (regular, bold):
        inside = Path(path).relative_to(ROOT / "bot").as_posix()
        assert any(fnmatch.fnmatch(inside, pattern) for pattern in patterns), inside


def test_without_any_cyrillic_font_the_picture_is_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pillow's bundled font, the last resort, has no Cyrillic (which is why the package ships one):
    a picture it cannot write in Russian is drawn in English, folded to ASCII, rather than in boxes."""
    monkeypatch.setattr(timeline_fonts, "_FONT_FILES", ())
    layout = layout_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, lang="ru")
    assert layout.fonts.ascii_only
    bundled = layout.fonts["label"].path
    bundled.seek(0)
    with TTFont(bundled) as font:
        assert ord("Ж") not in font.getBestCmap()
    assert all(text.isascii() for text, _ in drawn(layout))
    assert layout.texts[0].text == "Race timeline"
    ru = render_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY, lang="ru")
    assert ru == render_timeline(RU_CONTENDERS, RU_MILESTONES, today=TODAY)

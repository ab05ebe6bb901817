"""The timeline image: a valid PNG, lanes and markers where the dates say, filters, ranges,
slips, label thinning without overlaps, and readable themes."""

from __future__ import annotations

import ast
import io
import random
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFont

from bot.core.models import Contender, DateChange, Milestone, MilestoneKind, MilestoneStatus, Precision
from bot.timeline import fonts as timeline_image
from bot.timeline.image import (
    LABEL_CHARS,
    TimelineOptions,
    contrast_ratio,
    layout_timeline,
    render_timeline,
    theme_colours,
)

TODAY = datetime(2025, 3, 12, 12, 0, tzinfo=UTC)


def ms(
    id: str,
    contender: str,
    title: str,
    date: str | None,
    precision: Precision,
    status: MilestoneStatus,
    kind: MilestoneKind = MilestoneKind.OTHER,
    history: list[DateChange] | None = None,
) -> Milestone:
    return Milestone(
        id=id,
        contender=contender,
        title=title,
        date=date,
        precision=precision,
        status=status,
        kind=kind,
        history=history or [],
    )


def change(date: str, precision: Precision) -> DateChange:
    return DateChange(date, precision, MilestoneStatus.PLANNED, "2020-01-01T00:00:00Z")


CONTENDERS = [
    Contender(id="ax", name="Axiom Space entertainment"),
    Contender(id="challenge", name="Challenge (Вызов)"),
    Contender(id="cruise", name="Tom Cruise / Doug Liman film"),
]

MILESTONES = [
    ms("ch-ann", "challenge", "Project announced by Roscosmos and Channel One", "2020-09-01T00:00:00Z",
       Precision.MONTH, MilestoneStatus.DONE, MilestoneKind.ANNOUNCEMENT),
    ms("ch-cast", "challenge", "Yulia Peresild cast", "2021-05-13T00:00:00Z",
       Precision.DAY, MilestoneStatus.DONE, MilestoneKind.CASTING),
    ms("ch-launch", "challenge", "Soyuz MS-19 launch", "2021-10-05T08:55:02Z",
       Precision.TIME, MilestoneStatus.DONE, MilestoneKind.LAUNCH),
    ms("ch-land", "challenge", "Return on Soyuz MS-18", "2021-10-17T04:35:00Z",
       Precision.TIME, MilestoneStatus.DONE, MilestoneKind.LANDING),
    ms("cr-ann", "cruise", "NASA confirms Tom Cruise film", "2020-05-05T00:00:00Z",
       Precision.DAY, MilestoneStatus.DONE, MilestoneKind.ANNOUNCEMENT),
    ms("cr-launch", "cruise", "Launch to the ISS on Crew Dragon", "2024-01-01T00:00:00Z",
       Precision.YEAR, MilestoneStatus.SLIPPED, MilestoneKind.LAUNCH,
       [change("2021-10-01T00:00:00Z", Precision.MONTH), change("2022-01-01T00:00:00Z", Precision.QUARTER)]),
    ms("cr-film", "cruise", "Filming in space", None, Precision.UNKNOWN, MilestoneStatus.UNKNOWN),
    ms("cr-rel", "cruise", "Release", None, Precision.UNKNOWN, MilestoneStatus.PLANNED, MilestoneKind.RELEASE),
    ms("ax-deal", "ax", "Studio module deal", "2022-01-20T00:00:00Z", Precision.DAY, MilestoneStatus.DONE),
    ms("ax-mod", "ax", "SEE-1 studio module launch", "2025-12-01T00:00:00Z",
       Precision.MONTH, MilestoneStatus.CANCELLED, MilestoneKind.LAUNCH),
    ms("ax-film", "ax", "First film shot in the module", "2026-07-01T00:00:00Z",
       Precision.QUARTER, MilestoneStatus.PLANNED, MilestoneKind.FILMING),
    ms("ax-crew", "ax", "Crew announced", "2025-06-01T00:00:00Z", Precision.MONTH, MilestoneStatus.CONFIRMED),
    ms("ax-tv", "ax", "Broadcast deal", "2024-03-10T00:00:00Z", Precision.DAY, MilestoneStatus.UNKNOWN),
]  # fmt: skip


def synthetic_kb(n_contenders: int = 10, n_milestones: int = 500, seed: int = 7):
    """A dense made-up knowledge base: every status and precision, slips, long names and titles."""
    rnd = random.Random(seed)
    contenders = [
        Contender(id=f"c{i}", name=f"Contender {i} with a rather long name" if i % 3 == 0 else f"Team {i}")
        for i in range(n_contenders)
    ]
    start = datetime(2015, 1, 1, tzinfo=UTC)
    span = (datetime(2028, 1, 1, tzinfo=UTC) - start).total_seconds()
    precisions = [Precision.TIME, Precision.DAY, Precision.DAY, Precision.MONTH, Precision.QUARTER,
                  Precision.YEAR, Precision.UNKNOWN]  # fmt: skip
    milestones = []
    for j in range(n_milestones):
        precision = rnd.choice(precisions)
        status = rnd.choice(list(MilestoneStatus))
        when = start + timedelta(seconds=rnd.random() * span)
        history = []
        if status is MilestoneStatus.SLIPPED:
            old = when - timedelta(days=rnd.randint(30, 1000))
            history.append(change(old.strftime("%Y-%m-%dT%H:%M:%SZ"), Precision.DAY))
        title = f"Milestone {j} " + rnd.choice(["launch", "crew named", "docking at the station", "a very long title"])
        milestones.append(
            ms(f"m{j}", contenders[j % n_contenders].id, " ".join([title] * rnd.choice([1, 1, 2])),
               None if precision is Precision.UNKNOWN else when.strftime("%Y-%m-%dT%H:%M:%SZ"),
               precision, status, rnd.choice(list(MilestoneKind)), history)
        )  # fmt: skip
    return contenders, milestones


def open_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    image.load()
    return image.convert("RGB")


def close(a: tuple[int, ...], b: tuple[int, ...], tol: int = 36) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def colour_in_window(image: Image.Image, x: float, y: float, r: float, colour: tuple[int, int, int]) -> int:
    px = image.load()
    hits = 0
    for xx in range(int(x - r), int(x + r) + 1):
        for yy in range(int(y - r), int(y + r) + 1):
            if 0 <= xx < image.width and 0 <= yy < image.height and close(px[xx, yy], colour):
                hits += 1
    return hits


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_no_overlaps(boxes: list[tuple[float, float, float, float]]) -> None:
    # sweep by x so the 500-milestone case stays quick
    ordered = sorted(boxes)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b[0] >= a[2]:
                break
            assert not overlaps(a, b), f"text boxes overlap: {a} and {b}"


# ---- the picture ------------------------------------------------------------------------


def test_render_is_a_png_of_the_requested_width():
    image = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY))
    assert image.width == 1200
    assert image.height > 300
    narrow = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(width=800)))
    assert narrow.width == 800


def test_layout_matches_rendered_size():
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    image = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY))
    assert (image.width, image.height) == (layout.width, layout.height)


def test_height_grows_with_lanes():
    heights = []
    for n in (1, 2, 3):
        ids = {c.id for c in CONTENDERS[:n]}
        data = render_timeline(CONTENDERS[:n], [m for m in MILESTONES if m.contender in ids], today=TODAY)
        heights.append(open_png(data).height)
    assert heights[0] < heights[1] < heights[2]


def test_too_narrow_or_unknown_theme_is_an_error():
    with pytest.raises(ValueError):
        render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(width=200))
    with pytest.raises(ValueError):
        render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(theme="sepia"))


def test_same_inputs_give_the_same_bytes():
    assert render_timeline(CONTENDERS, MILESTONES, today=TODAY) == render_timeline(CONTENDERS, MILESTONES, today=TODAY)


def test_module_never_imports_discord():
    tree = ast.parse(Path(timeline_image.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not any(alias.name.split(".")[0] == "discord" for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] != "discord"


def test_package_imports_nothing_of_the_bot_but_the_core():
    # every module of the package, not just one: no discord, and of bot only bot.core
    for path in sorted(Path(timeline_image.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] != "discord", path.name
                if name.split(".")[0] == "bot":
                    assert name == "bot.timeline" or name.startswith(("bot.core.", "bot.timeline.")), (path.name, name)


# ---- lanes and markers ------------------------------------------------------------------


def test_one_lane_per_contender_sorted_by_earliest_milestone():
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    # cruise starts May 2020, challenge Sep 2020, ax Jan 2022
    assert [lane.contender for lane in layout.lanes] == ["cruise", "challenge", "ax"]
    tops = [lane.top for lane in layout.lanes]
    assert tops == sorted(tops)
    for upper, lower in zip(layout.lanes, layout.lanes[1:], strict=False):
        assert upper.bottom <= lower.top
    for lane in layout.lanes:
        assert lane.top < lane.y < lane.bottom
        assert all(m.y == lane.y for m in lane.markers)


def test_markers_sit_at_their_dates():
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    launch = layout.marker("ch-launch")
    assert launch is not None
    assert launch.x == pytest.approx(layout.x_of(datetime(2021, 10, 5, 8, 55, 2, tzinfo=UTC)))
    xs = [layout.marker(i).x for i in ("ch-ann", "ch-cast", "ch-launch", "ch-land")]
    assert xs == sorted(xs)
    for lane in layout.lanes:
        for m in lane.markers:
            assert layout.plot_left <= m.x0 <= m.x <= m.x1 <= layout.plot_right


def test_each_lane_has_its_markers_drawn():
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    image = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY))
    theme = layout.theme
    for lane in layout.lanes:
        assert lane.markers
        for m in lane.markers:
            assert lane.top < m.y < lane.bottom
            colour = theme.status_colour(m.status)
            assert colour_in_window(image, m.x, m.y, m.radius + 2, colour) >= 6, m.milestone
        # and the label column is not empty either
        assert colour_in_window(image, 40, lane.y, 14, theme.text) > 0


def test_undated_milestones_are_left_off_the_axis_and_counted():
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    cruise = layout.lane("cruise")
    assert cruise is not None
    assert cruise.sub == "2 undated"
    assert layout.marker("cr-film") is None
    assert layout.marker("cr-rel") is None
    assert layout.lane("ax").sub == ""


def test_today_line_is_placed_and_labelled():
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    assert layout.today_x == pytest.approx(layout.x_of(TODAY))
    assert any(t.role == "today" and "12 Mar 2025" in t.text for t in layout.texts)
    past = layout_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(start_year=2021, end_year=2022))
    assert past.today_x is None


def test_winning_milestone_is_marked():
    options = TimelineOptions(winner="challenge", winning_milestone="ch-launch")
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY, options=options)
    launch = layout.marker("ch-launch")
    assert launch.winner
    assert sum(m.winner for lane in layout.lanes for m in lane.markers) == 1
    label = next(label for label in layout.labels if label.milestone == "ch-launch")
    assert label.star and label.text.startswith("first")
    assert layout.lane("challenge").winner
    assert any(item.kind == "first" for item in layout.legend)
    image = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=options))
    assert colour_in_window(image, launch.x, launch.y, launch.radius + 10, layout.theme.gold) >= 10
    plain = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    assert not any(item.kind == "first" for item in plain.legend)


# ---- filters ----------------------------------------------------------------------------


def test_focus_keeps_only_that_lane():
    everything = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    focused = layout_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(focus="challenge"))
    assert [lane.contender for lane in focused.lanes] == ["challenge"]
    assert {m.milestone for m in focused.lanes[0].markers} == {"ch-ann", "ch-cast", "ch-launch", "ch-land"}
    assert focused.height < everything.height
    assert "Challenge" in focused.texts[0].text
    # the axis zooms in on that lane's dates
    assert focused.axis_end < everything.axis_end
    nobody = layout_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(focus="nobody"))
    assert nobody.lanes == ()
    assert any(t.role == "message" for t in nobody.texts)
    open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(focus="nobody")))


def test_year_filter_sets_the_axis_and_drops_lanes():
    options = TimelineOptions(start_year=2021, end_year=2021)
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY, options=options)
    assert layout.axis_start == datetime(2021, 1, 1, tzinfo=UTC)
    assert layout.axis_end == datetime(2022, 1, 1, tzinfo=UTC)
    assert [lane.contender for lane in layout.lanes] == ["challenge"]  # the others have nothing in 2021
    assert {m.milestone for m in layout.lanes[0].markers} == {"ch-cast", "ch-launch", "ch-land"}
    # a short span gets month ticks; the full span only years
    assert any(not t.major for t in layout.ticks)
    assert any(t.role == "tick" and t.text == "Jul" for t in layout.texts)
    everything = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    assert all(t.major for t in everything.ticks)
    assert everything.axis_start.year == 2020 and everything.axis_end.year == 2027


def test_open_ended_year_filter():
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(start_year=2024))
    assert layout.axis_start == datetime(2024, 1, 1, tzinfo=UTC)
    assert {lane.contender for lane in layout.lanes} == {"cruise", "ax"}
    assert layout.marker("ch-launch") is None
    assert "2024–" in layout.texts[0].text


def test_a_long_span_is_labelled_in_whole_steps():
    precedent = Contender(id="vostok", name="Vostok 1 (precedent)")
    flight = ms("v1", "vostok", "Gagarin's flight", "1961-04-12T06:07:00Z", Precision.TIME, MilestoneStatus.DONE)
    layout = layout_timeline([*CONTENDERS, precedent], [*MILESTONES, flight], today=TODAY)
    assert layout.lanes[0].contender == "vostok"
    years = [t.when.year for t in layout.ticks]
    step = years[1] - years[0]
    assert step >= 5 and all(y % step == 0 for y in years)  # not a grid line for each of 70 years
    assert (years[0], years[-1]) == (layout.axis_start.year, layout.axis_end.year)  # both ends labelled
    labels = [t.text for t in layout.texts if t.role == "tick-major"]
    assert labels == [str(y) for y in years]
    assert_no_overlaps(layout.all_text_boxes())


# ---- ranges and slips -------------------------------------------------------------------


def test_coarse_dates_are_ranges_and_precise_dates_points():
    options = TimelineOptions(start_year=2025, end_year=2025)
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY, options=options)
    crew = layout.marker("ax-crew")  # June 2025, month precision
    assert crew.is_range
    assert crew.x0 == pytest.approx(layout.x_of(datetime(2025, 6, 1, tzinfo=UTC)))
    assert crew.x1 == pytest.approx(layout.x_of(datetime(2025, 7, 1, tzinfo=UTC)))
    assert crew.x1 - crew.x0 > 2 * crew.radius  # wider than a point marker
    everything = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    launch = everything.marker("cr-launch")  # year precision
    assert launch.x1 - launch.x0 == pytest.approx(
        everything.x_of(datetime(2025, 1, 1, tzinfo=UTC)) - everything.x_of(datetime(2024, 1, 1, tzinfo=UTC))
    )
    point = everything.marker("ch-launch")
    assert not point.is_range and point.x0 == point.x1 == point.x

    # the bar is drawn across the period, off the marker in its middle
    theme = layout.theme
    image = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=options))
    lane = layout.lane("ax")
    fill = tuple(round(c * 0.4 + b * 0.6) for c, b in zip(theme.confirmed, lane.background, strict=True))
    px = image.load()
    for frac in (0.12, 0.88):
        x = crew.x0 + (crew.x1 - crew.x0) * frac
        assert close(px[round(x), round(crew.y - 4)], fill, 30), (frac, px[round(x), round(crew.y - 4)], fill)


def test_slips_draw_a_segment_from_the_old_date_to_the_new():
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    slip = layout.marker("cr-launch")
    assert slip.status is MilestoneStatus.SLIPPED
    oct_2021 = layout.x_of(datetime(2021, 10, 16, 12, tzinfo=UTC))  # middle of October 2021
    q1_2022 = layout.x_of(datetime(2022, 2, 15, tzinfo=UTC))  # middle of Q1 2022
    assert slip.slip_from == pytest.approx((oct_2021, q1_2022), abs=2)
    image = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY))
    px = image.load()
    xs = range(round(min(slip.slip_from)) + 8, round(slip.x0) - 8)
    orange = sum(close(px[x, round(slip.y)], layout.theme.slipped, 40) for x in xs)
    assert orange > 0.4 * len(xs)  # a dashed line: mostly, not entirely, slip coloured
    assert orange < len(xs)
    # no slip line where nothing moved
    assert layout.marker("ch-launch").slip_from == ()


# ---- labels -----------------------------------------------------------------------------


def test_labels_are_short_and_do_not_overlap():
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    assert layout.labels
    for label in layout.labels:
        assert len(label.text) <= LABEL_CHARS
    long = next(label for label in layout.labels if label.milestone == "ch-ann")
    assert long.text.endswith("…")
    assert_no_overlaps(layout.all_text_boxes())
    for lane in layout.lanes:
        for label in lane.labels:
            assert lane.top <= label.box[1] and label.box[3] <= lane.bottom
            assert label.box[0] <= label.anchor_x <= label.box[2]  # the stem meets the label


def test_500_milestones_render_with_thinned_non_overlapping_labels():
    contenders, milestones = synthetic_kb()
    layout = layout_timeline(contenders, milestones, today=TODAY)
    assert len(layout.lanes) == 10
    labels = layout.labels
    dated = sum(len(lane.markers) for lane in layout.lanes)
    assert dated > 350
    assert 30 < len(labels) < dated  # thinned, but every lane still says something
    assert all(lane.labels for lane in layout.lanes)
    boxes = layout.all_text_boxes()
    assert_no_overlaps(boxes)
    for box in boxes:
        assert 0 <= box[0] <= box[2] <= layout.width
        assert 0 <= box[1] <= box[3] <= layout.height
    # thinning prefers done and slipped milestones
    status = {m.milestone: m.status for lane in layout.lanes for m in lane.markers}
    preferred = {MilestoneStatus.DONE, MilestoneStatus.SLIPPED}
    share_labelled = sum(status[label.milestone] in preferred for label in labels) / len(labels)
    share_all = sum(s in preferred for s in status.values()) / len(status)
    assert share_labelled > share_all
    image = open_png(render_timeline(contenders, milestones, today=TODAY))
    assert image.size == (layout.width, layout.height)


def test_labels_do_not_overlap_at_phone_friendly_narrow_width():
    contenders, milestones = synthetic_kb(n_contenders=6, n_milestones=120, seed=3)
    layout = layout_timeline(contenders, milestones, today=TODAY, options=TimelineOptions(width=640))
    assert_no_overlaps(layout.all_text_boxes())
    assert layout.width == 640


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(1, 80),
    lanes=st.integers(1, 6),
    width=st.sampled_from([480, 900, 1200, 1600]),
    years=st.sampled_from([(None, None), (2019, 2021), (2022, None), (None, 2018), (2020, 2020)]),
)
def test_no_text_ever_overlaps(seed, n, lanes, width, years):
    contenders, milestones = synthetic_kb(lanes, n, seed)
    options = TimelineOptions(width=width, start_year=years[0], end_year=years[1])
    layout = layout_timeline(contenders, milestones, today=TODAY, options=options)
    assert_no_overlaps(layout.all_text_boxes())


# ---- themes and fonts -------------------------------------------------------------------


def test_themes_differ_and_both_have_readable_text():
    dark = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(theme="dark")))
    light = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=TimelineOptions(theme="light")))
    assert dark.getpixel((2, 2)) == theme_colours("dark").background
    assert light.getpixel((2, 2)) == theme_colours("light").background
    assert dark.getpixel((2, 2)) != light.getpixel((2, 2))
    for name in ("dark", "light"):
        theme = theme_colours(name)
        for ground in (theme.background, theme.lane_alt):
            assert contrast_ratio(theme.text, ground) > 4.5
            assert contrast_ratio(theme.muted, ground) > 4.5
        assert contrast_ratio(theme.today_text, theme.today_pill) > 4.5
        # markers stand out from the background too (non-text contrast, WCAG 3:1)
        for status in MilestoneStatus:
            assert contrast_ratio(theme.status_colour(status), theme.background) >= 3


def test_contrast_ratio_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1)


def test_falls_back_to_the_bundled_font(monkeypatch):
    monkeypatch.setattr(timeline_image, "_FONT_FILES", ())
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    assert layout.fonts.ascii_only
    assert layout.lane("challenge").name_lines[0].isascii()
    assert_no_overlaps(layout.all_text_boxes())
    open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY))


def test_falls_back_to_a_bitmap_font(monkeypatch):
    bitmap = ImageFont.load_default_imagefont()

    def no_truetype(*args, **kwargs):
        raise OSError("no fonts here")

    def old_default(size=None):
        if size is not None:
            raise TypeError("this Pillow has no scalable default font")
        return bitmap

    monkeypatch.setattr(timeline_image.ImageFont, "truetype", no_truetype)
    monkeypatch.setattr(timeline_image.ImageFont, "load_default", old_default)
    options = TimelineOptions(winner="challenge", winning_milestone="ch-launch")
    image = open_png(render_timeline(CONTENDERS, MILESTONES, today=TODAY, options=options))
    assert image.width == 1200


def test_empty_knowledge_base_still_renders():
    layout = layout_timeline([], [], today=TODAY)
    assert layout.lanes == ()
    assert any(t.role == "message" for t in layout.texts)
    image = open_png(render_timeline([], [], today=TODAY))
    assert image.width == 1200


def test_naive_today_and_string_enums_are_accepted():
    loose = [
        Milestone(id="a", contender="x", title="A", date="2022-03-01T00:00:00Z", precision="month", status="done"),
        Milestone(id="b", contender="x", title="B", date="not a date", precision="day", status="weird"),
    ]
    layout = layout_timeline([], loose, today=datetime(2022, 6, 1))  # noqa: DTZ001 - naive on purpose
    lane = layout.lane("x")
    assert lane is not None and lane.name_lines == ("x",)
    assert layout.marker("a").is_range
    assert lane.sub == "1 undated"


def test_every_pair_of_label_boxes_is_checked_in_the_small_race():
    # the sweep in assert_no_overlaps must agree with a plain all-pairs check
    layout = layout_timeline(CONTENDERS, MILESTONES, today=TODAY)
    boxes = layout.all_text_boxes()
    assert not any(overlaps(a, b) for a, b in combinations(boxes, 2))

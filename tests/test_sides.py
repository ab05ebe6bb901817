"""The two sides of a comparison: what each names, and what it is compared by (dates, ages, stays)."""

from __future__ import annotations

import pytest

from bot.ask.sides import birth_year, by_nation, event, stay_of_contender, stay_of_person
from bot.ask.understand import read, trim_left, trim_right
from bot.core.kb import KnowledgeBase
from bot.seed.loader import load_seed


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_data(load_seed())


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("что было раньше: return from orbit или apogee of fear", ("return from orbit", "apogee of fear")),
        ("mir movie plan or return from orbit, what came first", ("mir movie plan", "return from orbit")),
        ("was peresild cast before or after training started", ("peresild cast", "training started")),
        ("who spent more time in space on that trip, novitsky or peresild", ("novitsky", "peresild")),
        ("which was announced first, space hero or SEE-1", ("space hero", "see-1")),
        ("что раньше стартовало: мс-18 или мс-19", ("мс-18", "мс-19")),
    ],
)
def test_the_sides_without_the_question_around_them(question: str, sides: tuple[str, str]) -> None:
    assert read(question, (), ()).compare == sides


def test_trimming_keeps_the_names() -> None:
    assert trim_left("which came first, the polaris dawn spacewalk") == "the polaris dawn spacewalk"
    assert trim_right("apogee of fear?") == "apogee of fear"


def test_a_side_naming_a_project_by_its_country(kb: KnowledgeBase) -> None:
    assert by_nation(kb, "the russian one") == "challenge"
    assert by_nation(kb, "hollywood") == "cruise-liman"
    assert by_nation(kb, "русские") == "challenge"
    assert by_nation(kb, "the russian segment cupola") is None  # names something else too


def test_a_side_naming_an_event_by_its_words(kb: KnowledgeBase) -> None:
    tweet = event(kb, "bridenstine's tweet", {"person:bridenstine"}, {"bridenstin"})
    assert tweet is not None and tweet.id == "bridenstine-tweet"
    m = event(kb, "the crew approval by the interdepartmental commission", set(), set())
    assert m is not None and "Commission" in m.title
    assert event(kb, "the weather in moscow", set(), set()) is None


def test_birth_years_and_stays_in_orbit(kb: KnowledgeBase) -> None:
    assert birth_year(kb.people["shipenko"]) == 1983 and birth_year(kb.people["peresild"]) == 1984
    peresild = stay_of_person(kb, kb.people["peresild"])
    assert peresild is not None and round(peresild.days) == 12  # up on MS-19, home on MS-18
    novitsky = stay_of_person(kb, kb.people["novitsky"])
    assert novitsky is not None and round(novitsky.days) == 191
    film = stay_of_contender(kb, "challenge")  # the film crew's flight, not the MS-18 the project also records
    assert film is not None and film.launch.id == "soyuz-ms-19-launch" and round(film.days) == 12
    ax1 = stay_of_contender(kb, "ax-1")
    assert ax1 is not None and round(ax1.days) == 17


@pytest.mark.parametrize(
    ("question", "starts"),
    [
        ("who's older, shipenko or peresild", "**Klim Shipenko** (born 1983) is older than **Yulia Peresild**"),
        ("peresild vs mordovina who's younger", "**Alyona Mordovina** (born 1987) is younger than"),
        ("кто старше пересильд или шипенко", "**Клим Шипенко** (1983 года рождения) старше"),
        ("which lasted longer, ax-1 or the film crew's iss trip", "**Axiom Mission 1 (Ax-1)** stayed longer: 17 days"),
        ("кто дольше был на орбите пересильд или шкаплеров", "**Антон Шкаплеров** — дольше: 176 дней"),
        ("which came first, return from orbit or apogee of fear", "**Return from Orbit released**"),
        ("was polaris dawn before or after langley's bbc comments", "**After** — **Langley (BBC)"),
        ("kino v kosmose — who was first, russians or hollywood", "**The Challenge (Vyzov)** came first: Soyuz MS-19"),
        ("which launched first inspiration4 or the russian film crew", "**Inspiration4 launch**"),
    ],
)
def test_comparisons_end_to_end(question: str, starts: str) -> None:
    from bot.app import App
    from bot.core.dates import IsoStyle
    from tests.blind_scoring import answer_text

    text = answer_text(App.open(None).questions.ask(question, IsoStyle()))
    assert text.startswith(starts), text


@pytest.mark.parametrize(
    ("question", "starts"),
    [
        ("did the russians beat cruise to it", "**Yes** — **The Challenge (Vyzov)** came first"),
        ("did the cruise project get to orbit before the russians", "**No** — **The Challenge (Vyzov)** came first"),
        ("did inspiration4 launch before ms-19", "**Yes** — **Inspiration4 launch**"),
        ("вызов опередил круза?", "**Да** — **«Вызов»**"),
        # sides the comparison cannot resolve: a fact that says it in so many words still answers
        ("was shipenko's seat announced before peresild's?", "**Yes** — Shipenko's seat"),
    ],
)
def test_did_a_come_before_b_is_a_yes_or_no_comparison(question: str, starts: str) -> None:
    from bot.app import App
    from bot.core.dates import IsoStyle
    from tests.blind_scoring import answer_text

    assert read(question, (), ()).claims_first
    text = answer_text(App.open(None).questions.ask(question, IsoStyle()))
    assert text.startswith(starts), text

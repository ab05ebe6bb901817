"""Who flew up on a flight and who came back on it, read from typed roles and landings' subjects."""

from __future__ import annotations

import pytest

from bot.ask.flights import aboard, flight_event, journey, landing_of, prime_crew, same_craft, together
from bot.core.kb import KnowledgeBase
from bot.seed.loader import load_seed


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_data(load_seed())


def test_the_prime_crew_of_a_launch_and_the_landing_of_its_spacecraft(kb: KnowledgeBase) -> None:
    assert prime_crew(kb, kb.milestones["soyuz-ms-19-launch"]) == {"shkaplerov", "peresild", "shipenko"}
    assert "mordovina" not in prime_crew(kb, kb.milestones["soyuz-ms-19-launch"])  # a backup did not fly
    landing = landing_of(kb, kb.milestones["soyuz-ms-18-launch"])
    assert landing is not None and landing.id == "soyuz-ms-18-landing"


@pytest.mark.parametrize(
    ("question", "person", "yes", "shown"),
    [
        ("did peresild go up on soyuz ms-18", "peresild", False, "soyuz-ms-19-launch"),  # no: she went up on MS-19
        ("did peresild fly home on ms-19", "peresild", False, "soyuz-ms-18-landing"),  # no: she came back on MS-18
        ("did shipenko come back on ms-18", "shipenko", True, "soyuz-ms-18-landing"),
        ("did shipenko fly on ms-18", "shipenko", True, "soyuz-ms-18-landing"),  # on it, home
        ("did novitsky launch on ms-18", "novitsky", True, "soyuz-ms-18-launch"),
        ("пересильд вернулась на мс-18?", "peresild", True, "soyuz-ms-18-landing"),
        ("did mordovina fly to the station", "mordovina", False, "mordovina"),  # only the backup
        ("did peresild fly to the iss", "peresild", True, "soyuz-ms-19-launch"),
        ("did tom cruise ever actually go to space", "cruise", False, "cruise-liman"),  # his project never flew
        ("has liman been to the iss", "liman", False, "cruise-liman"),
        ("did soyuz ms-18 take peresild up to the iss", "peresild", False, "soyuz-ms-19-launch"),  # taken up: MS-19
    ],
)
def test_yes_or_no_from_who_was_aboard(kb: KnowledgeBase, question: str, person: str, yes: bool, shown: str) -> None:
    verdict = aboard(kb, question, person)
    assert verdict is not None and verdict.yes is yes and verdict.evidence[1] == shown


def test_not_a_question_about_flying_on_something(kb: KnowledgeBase) -> None:
    assert aboard(kb, "did peresild train in star city", "peresild") is None
    assert aboard(kb, "did peresild come back", "peresild") is None  # no flight named: not this step's


def test_answered_end_to_end_with_the_flight_that_shows_it() -> None:
    from bot.app import App
    from bot.core.dates import IsoStyle
    from tests.blind_scoring import answer_text

    app = App.open(None)
    text = answer_text(app.questions.ask("did peresild go up on soyuz ms-18", IsoStyle()))
    assert text.startswith("**No** — **Soyuz MS-19 launch**") and "Aboard: " in text and "Yulia Peresild" in text
    text = answer_text(app.questions.ask("did peresild fly to the iss", IsoStyle()))  # "peresild fly" is no film
    assert text.startswith("**Yes** — **Soyuz MS-19 launch**")


def test_no_verdict_on_a_claim_about_the_trip_or_on_a_spacefarer_the_record_may_not_list(kb: KnowledgeBase) -> None:
    assert aboard(kb, "was shipenko the first director to go to orbit", "shipenko") is None  # a claim, not a trip
    assert aboard(kb, "did liman say he wanted to go to space", "liman") is None
    assert aboard(kb, "has krikalev been to space", "krikalev") is None  # a cosmonaut: flights beyond this race


@pytest.mark.parametrize(
    ("question", "person", "event"),
    [
        ("when did shipenko come back", "shipenko", "soyuz-ms-18-landing"),  # not Shkaplerov's landing on MS-19
        ("when did novitsky fly home", "novitsky", "soyuz-ms-18-landing"),
        ("when did shkaplerov return", "shkaplerov", "shkaplerov-landing"),
        ("when did yulia peresild go to space", "peresild", "soyuz-ms-19-launch"),
        ("когда пересильд полетела в космос", "peresild", "soyuz-ms-19-launch"),
        ("когда шипенко вернулся на землю", "shipenko", "soyuz-ms-18-landing"),
        ("when did peresild arrive at the iss", "peresild", "soyuz-ms-19-docking"),  # not the film gear's Progress
        ("what time did shipenko get to the iss", "shipenko", "soyuz-ms-19-docking"),  # not the launch
        ("when did peresild leave the iss", "peresild", "soyuz-ms-18-undocking"),  # not the hatch closure before it
        ("когда шипенко улетел с мкс", "shipenko", "soyuz-ms-18-undocking"),
    ],
)
def test_the_date_of_someones_own_launch_or_landing(kb: KnowledgeBase, question: str, person: str, event: str) -> None:
    assert journey(kb, question, {person}) == ("milestone", event)


def test_no_journey_for_a_named_flight_another_trip_or_someone_who_never_flew(kb: KnowledgeBase) -> None:
    assert journey(kb, "when did peresild land on ms-18", {"peresild"}) is None  # a named flight: other steps
    assert journey(kb, "when did peresild fly to baikonur", {"peresild"}) is None
    assert journey(kb, "when did mordovina go to space", {"mordovina"}) is None  # she never flew


def test_several_people_share_one_journey_or_none() -> None:
    kb = KnowledgeBase.from_data(load_seed())
    assert journey(kb, "where did peresild and shipenko land", {"peresild", "shipenko"}) == (
        "milestone",
        "soyuz-ms-18-landing",
    )
    assert journey(kb, "где сели пересильд и шипенко", {"peresild", "shipenko"}) == ("milestone", "soyuz-ms-18-landing")
    assert journey(kb, "when did peresild and shkaplerov come back", {"peresild", "shkaplerov"}) is None  # two landings
    assert journey(kb, "which soyuz did vande hei ride home in", {"vande-hei"}) == ("milestone", "shkaplerov-landing")


@pytest.mark.parametrize(
    ("question", "people", "yes"),
    [
        ("did shkaplerov return with peresild", ("shkaplerov", "peresild"), False),  # he stayed until March 2022
        ("did peresild come back with shipenko", ("peresild", "shipenko"), True),
        ("did peresild fly up with shkaplerov", ("peresild", "shkaplerov"), True),
        ("did vande hei come home with novitsky", ("vande-hei", "novitsky"), False),
    ],
)
def test_whether_two_people_flew_together(question: str, people: tuple[str, str], yes: bool) -> None:
    verdict = together(KnowledgeBase.from_data(load_seed()), question, *people)
    assert verdict is not None and verdict.yes is yes


def test_whom_a_backup_stood_in_for() -> None:
    from bot.ask.flights import WHOSE_BACKUP, backed_up

    kb = KnowledgeBase.from_data(load_seed())
    assert [p.id for p in backed_up(kb, "mordovina")] == ["peresild"]  # a backup actress: the prime actress
    assert [p.id for p in backed_up(kb, "dudin")] == ["shipenko"]  # camera operator and director: the director
    assert [p.id for p in backed_up(kb, "artemyev")] == ["shkaplerov"]
    assert backed_up(kb, "peresild") == []  # she was the prime, no one's backup
    for q in ("who was mordovina the backup for", "артемьев was backup for who", "кого дублировал артемьев"):
        assert WHOSE_BACKUP.search(q)
    assert not WHOSE_BACKUP.search("who was peresild's backup")  # the other way round: the roles answer it


def test_whose_backup_end_to_end() -> None:
    from bot.app import App
    from bot.core.dates import IsoStyle
    from tests.blind_scoring import answer_text

    app = App.open(None)
    text = answer_text(app.questions.ask("who did dudin back up", IsoStyle()))
    assert text.startswith("**Alexei Dudin** was the backup for **Klim Shipenko**.")
    text = answer_text(app.questions.ask("мордовина была дублером кого", IsoStyle()))
    assert text.startswith("**Алёна Мордовина** — дублёр: **Юлия Пересильд**.")


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("когда мс-19 вернулся на землю", "shkaplerov-landing"),  # that craft's landing, not the film crew's
        ("who came back on soyuz ms-19", "shkaplerov-landing"),
        ("when did ms-18 land", "soyuz-ms-18-landing"),
        ("when did soyuz ms-18 undock", "soyuz-ms-18-undocking"),
        ("when did ax-1 dock", "ax-1-docking"),
        ("when was the hatch closed before ms-18 undocked", None),  # another moment than the undocking
        ("when did ms-19 launch", None),  # the launch itself is the flight's own item
        ("when did the film crew land", None),  # no flight named
    ],
)
def test_a_named_flights_own_landing_docking_or_undocking(kb: KnowledgeBase, question: str, event: str | None) -> None:
    assert flight_event(kb, question) == (("milestone", event) if event else None)


def test_on_what_someone_flew_up_is_their_own_launch() -> None:
    from bot.app import App
    from bot.core.dates import IsoStyle
    from tests.blind_scoring import answer_text

    app = App.open(None)
    text = answer_text(app.questions.ask("на чем полетели пересильд с шипенко на станцию", IsoStyle()))
    assert text.startswith("**Запуск «Союза МС-19»**")


def test_whether_someone_came_back_in_the_craft_they_went_up_in(kb: KnowledgeBase) -> None:
    no = same_craft(kb, "did peresild come back in the same soyuz she launched on", "peresild")
    assert no is not None and not no.yes and no.evidence == ("milestone", "soyuz-ms-18-landing")
    yes = same_craft(kb, "пересильд вернулась на том же союзе", "shkaplerov")
    assert yes is not None and yes.yes
    assert same_craft(kb, "did peresild come back on ms-18", "peresild") is None  # not that question


def test_two_people_on_a_named_flight_are_both_aboard_or_the_answer_is_no(kb: KnowledgeBase) -> None:
    up = together(kb, "did peresild and shipenko fly up on ms-18", "peresild", "shipenko")
    assert up is not None and not up.yes and up.evidence == ("milestone", "soyuz-ms-19-launch")
    down = together(kb, "did peresild and shipenko come back on ms-18", "peresild", "shipenko")
    assert down is not None and down.yes
    assert aboard(kb, "пересильд полетела наверх на мс-18?", "peresild").yes is False  # "наверх": going up


def test_they_are_the_film_crew_when_no_one_is_named(kb: KnowledgeBase) -> None:
    from bot.ask.flights import film_crew

    assert film_crew(kb) == {"peresild", "shipenko"}  # not Shkaplerov, who flew up with them and stayed on
    from bot.app import App
    from bot.core.dates import IsoStyle
    from tests.blind_scoring import answer_text

    app = App.open(None)
    for question, shown in [
        ("when did they come back", "Soyuz MS-18"),
        ("when did «Вызов» crew fly to space", "Soyuz MS-19 launch"),  # not MS-18, which brought them home
        ("во сколько по utc они пристыковались", "12:22 UTC"),  # "at what time" asks when
        ("с кем шкаплеров возвращался", "Дубров"),  # with whom: his own landing, which says who was aboard
        ("во скока была посадка по москве", "Съёмочная группа приземляется"),  # no one named: the race's crew
        ("when did progress ms-17 launch", "Progress MS-17 launch"),  # a flight named is its own subject
        ("landing time?", "Film crew lands in Kazakhstan"),  # a fragment asking when
        ("who flew home with shkaplerov on ms-19", "Shkaplerov lands on Soyuz MS-19"),  # named as the company
        ("время посадки по москве?", "Съёмочная группа приземляется"),
        ("во скока по москве был старт", "Запуск «Союза МС-19»"),
        ("на каком корабле они летели на мкс", "Союза МС-19"),
        ("which spacecraft took peresild and shipenko up to the iss", "Soyuz MS-19 launch"),
    ]:
        reply = app.questions.ask(question, IsoStyle())
        assert reply.ok and shown in answer_text(reply), question
    # a moment around the journey is not the journey; a backup crew is not "they"
    assert journey(kb, "when did they close the hatch before undocking", {"peresild", "shipenko"}) is None
    assert "MS-18" not in answer_text(app.questions.ask("when did the backup crew come back", IsoStyle()))


def test_whether_the_film_crew_flew_on_a_flight_when_the_question_says_only_that() -> None:
    from bot.app import App
    from bot.ask.flights import only_the_journey
    from bot.core.dates import IsoStyle
    from tests.blind_scoring import answer_text

    assert only_the_journey("did the film crew go up on soyuz ms-18")
    assert only_the_journey("их наверх на ms-18 отправили, да?")
    assert not only_the_journey("did the state commission approve the ms-19 crew the day before launch")
    app = App.open(None)
    for question, first in [
        ("did the film crew go up on soyuz ms-18", "**No** — **Soyuz MS-19 launch**"),  # up on MS-19, home on MS-18
        ("did they come back on ms-18", "**Yes** — **Film crew lands"),
        ("они туда полетели на мс-18?", "**Нет** — **Запуск «Союза МС-19»**"),  # "туда": there, not home
        ("did shkaplerov come back down with them?", "**No** — **Shkaplerov lands on Soyuz MS-19**"),  # he stayed on
    ]:
        reply = app.questions.ask(question, IsoStyle())
        assert reply.ok and answer_text(reply).startswith(first), question

"""General answering rules, each tested on its own: when an answer is given, and what it must say."""

from __future__ import annotations

import pytest

from bot.ask.compose import _polarity, denies
from bot.ask.understand import asks_for_several_people, asks_yes_or_no, part_asked, says_yes_or_no


@pytest.fixture(scope="module")
def ask():  # type: ignore[no-untyped-def]
    from bot.app import App
    from bot.core.dates import IsoStyle
    from tests.blind_scoring import answer_text

    app = App.open(None)

    def run(q: str) -> tuple[bool, str]:
        reply = app.questions.ask(q, IsoStyle())
        return reply.ok, answer_text(reply)

    return run


# ---- a yes/no question is answered yes or no, or not at all ----------------------------


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("was the film shot on the iss", True),
        ("did she train in star city?", True),
        ("крикалёва уволили или нет", True),  # "or not" is still yes/no
        ("шкаплеров был продюсером?", True),  # Russian, no question word, ends in "?"
        ("летал ли круз в космос", True),
        ("экипажу что-то угрожало во время сбоя?", True),  # "что-то" is no question word
        ("кто-нибудь снимал кино на мире?", True),
        ("was the docking automatic or manual", False),  # an alternative: one of the two
        ("was it the first all-russian crew? since when", False),  # asks for more than yes or no
        ("was the crew in danger when the engines failed", True),  # "when" opens a clause, it asks nothing
        ("юниверсал подтвердили что see-1 связан с фильмом круза?", True),  # "что" is "that" here
        ("кого играет машков?", False),  # a question word in any form
        ("к какому модулю пристыковался союз?", False),
        ("who directed the challenge", False),
        ("мегафон как то помогал с фильмом?", True),  # "как то" is "somehow", chat without the hyphen
        ("эрнст в титрах указан как продюсер?", True),  # "как продюсер" is "as producer"
        ("как продюсер себя проявил эрнст?", False),  # "как" opening the question is "how"
        ("основной экипаж признали годным?", True),  # a noun inside a statement asked about
        ("экипаж мс-18?", False),  # a fragment naming what it wants
        ("а дата запуска?", False),
        ("his first space film, salyut-7 — did he direct it", True),  # the last sentence asks
        ("the soyuz ms-18, was it the one that brought them home", True),
    ],
)
def test_what_a_yes_no_question_is(question: str, yes_no: bool) -> None:
    assert asks_yes_or_no(question) is yes_no


def test_an_answer_says_yes_or_no_by_its_first_word() -> None:
    assert says_yes_or_no("**Yes** — Rogozin took a producer credit.")
    assert says_yes_or_no("**No: the target slipped.**")
    assert says_yes_or_no("**Нет** — …")
    assert not says_yes_or_no("Novitsky plays the ill cosmonaut. No one else did.")


def test_a_yes_no_question_the_item_does_not_settle_is_declined(ask) -> None:  # type: ignore[no-untyped-def]
    # The item about the subject says neither yes nor no in words the engine can judge: no guess.
    for question in ("was apollo 13 really shot aboard a spacecraft", "was countdown a scripted drama"):
        ok, text = ask(question)
        assert not ok or says_yes_or_no(text), (question, text)


def test_a_recorded_yes_no_is_about_its_own_subject(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("does novitsky appear in the film")
    assert not ok or "Dubrov appears" not in text  # the Dubrov fact merely names others billed with him
    ok, text = ask("does dubrov appear in the film")
    assert ok and text.startswith("**Yes")


# ---- "no" only from a clause about what is asked ----------------------------------------


def test_a_negation_in_a_side_clause_about_something_else_is_not_a_no() -> None:
    casting = (
        "The casting call required Russian citizenship, age 25–45 and basic English, "
        "but no professional acting experience."
    )
    assert not denies("did applicants have to speak english", casting)
    assert denies("did applicants need acting experience", casting)  # the clause is about what is asked
    assert denies("was tom cruise on ax-1", "Ax-1's crew was López-Alegría and others, and Cruise was not aboard.")
    # a later sentence's negation shares only the verb with the question: it denies something else
    later = "The call required Russian citizenship and basic English. Professional acting experience was not required."
    assert not denies("was russian citizenship required for the casting", later)
    assert denies("was acting experience required", later)
    # the same in Russian: "требовался" is the verb of both sentences, not what is asked
    russian = "Кастинг требовал российского гражданства и базового английского. Актёрский опыт не требовался."
    assert not denies("английский требовали от кандидаток?", russian)
    assert denies("нужен был актёрский опыт?", russian)


def test_someone_being_wrong_about_another_thing_is_not_a_no() -> None:
    said = "Pajiba wrongly called Shkaplerov the film's producer, when he was the Soyuz commander and appears in it."
    assert not denies("does shkaplerov appear in the challenge", said)
    assert denies("was shkaplerov the film's producer", said)
    russian = "Pajiba ошибочно назвал Шкаплерова продюсером, хотя он был командиром «Союза» и снялся в фильме."
    assert not denies("шкаплеров снимался в фильме?", russian)


def test_a_negation_in_a_later_sentence_counts_when_it_names_what_is_asked() -> None:
    text = "The film crew spent 12 days on the ISS. They came home on Soyuz MS-18, not on MS-19."
    assert denies("did the film crew return on ms-19", text)
    assert not denies("did the film crew spend 12 days aboard", text)


def test_a_negation_in_the_circumstances_before_the_comma_is_not_a_no() -> None:
    english = "With no support crew aboard, Peresild did her own make-up and Shipenko his own lighting."
    russian = "Поскольку на борту не было вспомогательной группы, Шипенко сам занимался камерой и светом."
    assert not denies("did shipenko do his own lighting", english)
    assert not denies("шипенко на мкс сам ставил свет?", f"{russian}\n{russian}")  # in every sentence
    assert denies("did they film with the station's own cameras", "Without a second camera, they did not.")


def test_not_having_happened_denies_an_event_but_not_its_plan() -> None:
    text = "Sessions on the Il-76 were planned, but no source found confirms that they took place."
    assert denies("did they do weightless flights", text)
    assert not denies("were weightless flights planned", text)


def test_a_planned_yes_no_value_answers_the_plan(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("were weightlessness flights on the il-76 planned for the crew")
    assert ok and text.startswith("**Yes**")
    ok, text = ask("did the film crew fly on the il-76")
    assert ok and text.startswith("**No**")


def test_a_yes_is_withheld_when_the_item_takes_back_what_it_reports() -> None:
    from bot.ask.compose import undone

    note = "Tweet posted on 5 May 2020. The tweet was later deleted."
    assert undone("is the tweet still online", note)
    assert not undone("was the tweet deleted", note)  # the question asks about the deletion itself


def test_still_up_is_not_answered_yes_from_an_item_saying_it_was_deleted(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("is the bridenstine tweet about cruise still up")
    assert not ok or not text.startswith("**Yes")


# ---- what is yet to come, and answers of the wrong kind ---------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "when is the next film going to be shot in orbit",
        "will there be a sequel to the challenge",
        "когда шипенко снова полетит в космос",
        "будет ли продолжение фильма",
        "when is peresild going back to space",
    ],
)
def test_what_comes_after_the_record_is_declined(ask, question: str) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.understand import asks_beyond_the_record

    assert asks_beyond_the_record(question)
    ok, _ = ask(question)
    assert not ok


def test_a_future_release_is_answered_only_by_a_release_date(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.understand import asks_future_release

    assert asks_future_release("when will the cruise film be released")
    assert asks_future_release("когда выйдет фильм круза")
    assert not asks_future_release("when did the challenge come out")
    ok, _ = ask("when will tom cruise's space film come out")
    assert not ok  # no release recorded: a news date about the film is not its release
    ok, text = ask("when did vyzov come out in russian cinemas")
    assert ok and "2023-04-20" in text


def test_how_much_needs_a_sum_of_money(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.understand import gives_money

    assert gives_money("about ₽905 million") and gives_money("$200M budget") and gives_money("1 млрд рублей")
    assert not gives_money("Garriott shot an 8-minute short in 2008.")
    ok, _ = ask("how much did richard garriott pay for the flight")
    assert not ok


def test_a_personal_detail_the_answer_lacks_is_declined(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.understand import lacks_personal_detail

    assert lacks_personal_detail("how tall is peresild", "Yulia Peresild is a Russian actress born in 1984.")
    assert not lacks_personal_detail("how old is peresild", "Yulia Peresild is a Russian actress born in 1984.")
    assert not lacks_personal_detail("what nationality is peresild", "Yulia Peresild is a Russian actress.")
    assert lacks_personal_detail("what nationality is mark vande hei", "NASA astronaut Mark Vande Hei was aboard.")
    ok, text = ask("what nationality is mark vande hei")  # his recorded nationality, though his card lacks it
    assert ok and text.startswith("**Mark Vande Hei** is American.")
    ok, text = ask("какое гражданство у стибба")
    assert ok and text.startswith("**Эйтан Стиббе** — гражданство: Израиль.")
    assert not ask("what nationality is musk")[0]  # not recorded
    ok, _ = ask("how tall is yulia peresild")
    assert not ok


def test_acted_asks_for_the_cast(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("who acted in apogee of fear")
    assert ok and "Lonchakov" in text and "Hickman" not in text


def test_why_is_not_answered_by_who_someone_is(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("why did mike fleming jr report the cruise film was shelved")
    assert not ok or not text.startswith("**Mike Fleming Jr.**")


def test_a_russian_question_is_judged_by_the_russian_clause_about_it() -> None:
    casting = "Кастинг требовал российского гражданства и базового английского, но не актёрского опыта."
    assert not denies("нужно ли было знать английский", casting)
    assert denies("нужен ли был актёрский опыт", casting)


def test_a_year_asked_must_be_the_year_answered() -> None:
    from bot.ask.understand import misses_the_year

    assert misses_the_year("what did liman say in 2021", "In September 2025 Liman said he was still keen.")
    assert not misses_the_year("what did liman say in 2025", "In September 2025 Liman said he was still keen.")
    assert not misses_the_year("what did liman say", "In September 2025 Liman said he was still keen.")


def test_several_people_asked_for_are_not_answered_by_one_card(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.understand import asks_for_several_people

    assert asks_for_several_people("who were the ax-1 customers") and asks_for_several_people("кто были дублёры")
    assert not asks_for_several_people("who was the commander")
    assert asks_for_several_people("who got onto the shortlist")
    assert asks_for_several_people("who was on the backup crew")
    assert asks_for_several_people("кто вошёл в финальную четвёрку") and not asks_for_several_people("who led the crew")
    ok, text = ask("who were the customers flying on ax-1")
    assert not ok or not text.startswith("**Mark Pathy** —")  # one card of four paying crew members
    ok, text = ask("who were the general producers of the challenge")
    assert ok and "Rogozin" in text and "Ernst" in text  # the role answer names them all


def test_is_it_true_is_answered_by_a_rumour_as_a_rumour(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("is it true that peresild was outperformed by her backup in training")
    assert ok and "rumour" in text


def test_a_question_about_the_whole_is_denied_by_a_part() -> None:
    from bot.ask.compose import _polarity
    from bot.core.models import Confidence, Fact

    fact = Fact(
        id="f",
        contender="c",
        topics=[],
        text="The film included scenes shot in orbit aboard Salyut 7.",
        date="",
        sources=[],
        confidence=Confidence.CONFIRMED,
        verified="",
    )
    assert _polarity("was the film shot entirely in orbit", fact, fact.text, affirm=True) == "no"
    assert _polarity("was the film partly shot in orbit", fact, fact.text, affirm=True) == "yes"


def test_who_won_is_not_answered_by_a_contenders_status(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.understand import asks_who_won

    assert asks_who_won("so who won the space hero contest") and asks_who_won("кто победил в конкурсе")
    ok, _ = ask("who won the space hero show")
    assert not ok  # its card says the status is unknown, not who won
    ok, text = ask("who won the race to shoot the first film in orbit")
    assert ok and "Challenge" in text


# ---- an answer must fit what was asked: the duration, the studio, the place, the event ----------


def test_a_duration_that_measures_something_not_asked_about_is_no_answer() -> None:
    from bot.ask.understand import duration_about_something_else as other

    assert other(
        "how long did the training last", "The prime crew held a four-hour simulation inside a Soyuz simulator."
    )
    assert not other(
        "how long was the soyuz simulator session", "The crew held a four-hour simulation inside a simulator."
    )
    assert not other(
        "how long were the spacesuit sessions", "She described 4–6 hour launch and descent practice sessions."
    )
    assert not other("how long did they train", "Training ran about 4.5 months.")  # a plain duration
    assert not other("how long were they aboard", "The film crew spent 12 days on the ISS.")
    assert not other("who directed it", "a four-hour simulation")  # not a "how long" question


def test_which_studio_is_answered_by_a_studio() -> None:
    from bot.ask.understand import misses_the_category as misses

    assert misses(
        "which studio backed cruise's space film", "Deadline reported Cruise and SpaceX were working with NASA."
    )
    assert misses("which studio backed it", "Cruise and NASA were working on it; no studio was attached then.")
    assert not misses("which studio made countdown", "Countdown was a Netflix documentary by TIME Studios.")
    assert not misses("which studio backed it", "Universal committed about US$200 million.")
    assert not misses("who made it", "Deadline reported it.")


def test_where_is_answered_by_a_place_the_question_did_not_name() -> None:
    from bot.ask.understand import names_no_new_place as no_place

    assert no_place(
        "where was the moscow premiere held", "The premiere took place in Moscow on Cosmonautics Day, 12 April 2023."
    )
    assert not no_place("where was the premiere held", "The premiere took place in Moscow on Cosmonautics Day.")
    assert not no_place(
        "where did ms-19 launch from", "**Soyuz MS-19 launch**: 2021-10-05. Where: Baikonur Cosmodrome."
    )
    assert not no_place("where is SEE based", "SEE, a UK-based company, announced SEE-1.")
    assert not no_place("where's eytan stibbe from", "Israeli paying crew member of Ax-1.")
    assert not no_place("где родилась пересильд", "Юлия Пересильд родилась в Пскове.")  # English only


def test_a_time_of_day_question_is_answered_by_the_time_of_the_event_it_names() -> None:
    from bot.ask.understand import time_of_another_event as other

    assert other("во сколько по москве был старт мс-19", "«Союз МС-19» пристыковался к модулю «Рассвет» в 15:22:31.")
    assert not other(
        "во сколько по москве был старт мс-19", "«Союз МС-19» стартовал в 11:55:02 по московскому времени."
    )
    assert not other("what time did ms-19 dock", "Soyuz MS-19 docked with Rassvet at 12:22 UTC.")
    assert other("what time did ms-19 launch", "Soyuz MS-19 docked with Rassvet at 12:22 UTC.")
    assert not other("when did ms-19 launch", "Soyuz MS-19 docked with Rassvet at 12:22 UTC.")  # not a time of day


def test_these_rules_hold_end_to_end(ask) -> None:  # type: ignore[no-untyped-def]
    # the bank's closest items (a simulator session, the plot) do not answer these; the next match does
    for question, expected in (
        ("how long did the training last", "4.5 months"),
        ("which studio backed cruise's space film", "Universal"),
    ):
        ok, text = ask(question)
        assert ok and expected in text and "simulation" not in text.split("\n")[0], (question, text)
    ok, text = ask("where did ms-19 launch from")
    assert ok and "Baikonur" in text


# ---- Russian questions reach the items' Russian texts ---------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("скока дней стеклов должен был провести на мире", "45"),  # colloquial "скока"
        ("сколько пересильд провела на орбите", "12"),  # "сколько … провела": a duration
        ("кто такой ричард гэрриот и при чем тут кино", "Гэрриот"),  # particles are not details
        ("откуда запускали союз с киношниками", "Baikonur"),  # "киношники": the film crew
        ("какая студия финансировала фильм тома круза", "Universal"),  # half the words, and the bank agrees
        ("британский продюсер фильма на мире кто был", "Дейли"),  # a card's details compared by Russian stem
    ],
)
def test_russian_questions_answered(ask, question: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask(question)
    assert ok and expected in text, (question, text)


@pytest.mark.parametrize(
    "question",
    [
        "на каком корабле летал гагарин",  # about someone the items only mention
        "была ли среди финалисток летчица",  # yes/no: not from half of the words
        "сколько стоил айфон",
        "какая любимая еда у пересильд",  # near "кто такая пересильд", but no text knows "любимая"
    ],
)
def test_russian_questions_still_declined(ask, question: str) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask(question)
    assert not ok, (question, text)


# ---- round five: reasons, roles held, the detail named, the class a bank question serves ----------


def test_a_why_answered_by_a_card_needs_the_reason_in_its_words() -> None:
    from bot.ask.understand import gives_no_reason as no_reason

    card = "**Krikalev demotion reported (later reversed)**: 2021-06-11 — done. Reversed within two weeks."
    assert no_reason("why did krikalev get demoted", card)
    assert not no_reason("why did krikalev get demoted", "He was moved after criticising the flight's funding.")
    assert not no_reason("why did ax-1 come back late", "Splashdown was delayed by weather off Florida.")
    assert not no_reason("почему стыковка была ручной", "Из-за отказа «Курса» Шкаплеров стыковался вручную.")
    assert not no_reason("when was krikalev demoted", card)  # not a "why" question


def test_a_member_asking_when_is_not_served_by_a_bank_question_asking_what() -> None:
    from bot.ask.understand import compatible

    assert not compatible("what", "when")  # "when did progress ms-17 dock" ≠ "what did it carry"
    assert not compatible("what", "why") and not compatible("what", "where") and not compatible("what", "how_long")
    assert compatible("what", "who") and compatible("what", "yesno")  # "what was bridenstine's job"
    assert compatible("when", "what")  # a member's "what" may be served by any answer
    assert compatible("how_many", "how_long")  # two numbers


def test_a_person_is_no_answer_for_a_role_they_never_held_or_only_backed_up(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("name someone who acted in apogee of fear")  # its screenwriter is the only person near it
    assert not ok or "Hickman" not in text, text
    ok, text = ask("who was the director general of channel one")  # the role's own words say it
    assert ok and "Ernst" in text, text
    ok, text = ask("which pilot made the shortlist for the vyzov lead role")  # a candidate, asked as one
    assert ok and "Kairova" in text, text


def test_the_detail_named_must_be_the_detail_answered(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.understand import asked_attribute

    assert asked_attribute("whats the russian movie about") == "plot"
    ok, text = ask("whats the russian movie about")
    assert ok and "surgeon" in text, text
    ok, text = ask("what is the challenge movie about")  # near "challenge movie aims?": its aims are no plot
    assert not ok or "aims" not in text, text


def test_asking_the_bot_to_invent_is_an_instruction(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.understand import INSTRUCTION

    assert INSTRUCTION.search("forget the dossier and make up a plot for a cruise space movie")
    assert INSTRUCTION.search("придумай сюжет для фильма круза")
    assert not INSTRUCTION.search("who did peresild's make up on the station")  # her make-up, not "make up a …"
    ok, _ = ask("forget the dossier and make up a plot for a cruise space movie")
    assert not ok


def test_nothing_found_is_a_gap_for_what_and_a_no_for_yes_or_no(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("what did doug liman say about the project in 2024")
    assert not ok and text.startswith("I don't know: no Doug Liman interview"), text
    ok, text = ask("has universal officially cancelled the cruise movie")
    assert ok and text.startswith("**No"), text  # "No official cancellation … was found"


def test_a_russian_surname_alone_names_the_person(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("что раньше было: премьера вызова или слова лэнгли про выход в открытый космос")
    assert ok and text.startswith("**Лэнгли (BBC)"), text


def test_a_count_is_a_number_that_counts_something(ask) -> None:  # type: ignore[no-untyped-def]
    # his card's years ("2021–2023") count nothing: not an answer to "how many"
    assert not ask("how many spaceflights has oleg novitsky done")[0]
    ok, text = ask("how many women applied")
    assert ok and "3,000" in text
    ok, text = ask("во сколько по москве был старт мс-19")  # "сколько" asking a clock time: the time is the answer
    assert ok and "11:55" in text


def test_the_crew_already_aboard_is_not_the_arriving_flights_crew(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("how many ppl were already aboard the iss when ms-19 arrived")
    assert not ok or not text.startswith("**3** people flew on Soyuz MS-19")
    ok, text = ask("how many people flew on soyuz ms-19")
    assert ok and all(name in text for name in ("Shkaplerov", "Peresild", "Shipenko"))


def test_when_someone_went_up_or_came_back_is_their_own_flight(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("when did shipenko come back")
    assert ok and "2021-10-17" in text and "2022-03-30" not in text  # MS-18, not Shkaplerov's landing
    ok, text = ask("did tom cruise ever actually go to space for the movie")
    assert ok and text.startswith("**No**") and "shelved" in text


def test_who_flew_on_a_flight_is_its_crew(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("who flew on ax-1")
    assert ok and all(name in text for name in ("López-Alegría", "Connor", "Pathy", "Stibbe"))
    ok, text = ask("кто летал на мс-19")
    assert ok and all(name in text for name in ("Шкаплеров", "Пересильд", "Шипенко"))


def test_an_event_of_a_kind_is_asked_for_by_when_or_where_and_only_that_kind(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.understand import milestone_kind
    from bot.core.models import MilestoneKind

    assert milestone_kind("когда отстыковались пересильд и шипенко") is not MilestoneKind.DOCKING  # undocking
    ok, text = ask("когда отстыковались пересильд и шипенко")
    assert ok and "17 октября 2021" in text and "стыкуется" not in text
    ok, text = ask("which nasa astronauts were on the iss when the challenge crew docked")
    assert not ok or "Progress MS-17" not in text  # people asked for, not an event's date
    ok, text = ask("when did the medical commission clear peresild to fly")
    assert not ok or "Soyuz MS-19 launch" not in text  # cleared to fly is not the flight


def test_what_an_outlet_said_is_answered_only_by_what_that_outlet_said(ask) -> None:  # type: ignore[no-untyped-def]
    assert not ask("what did celebmezzo say the challenge cost at least")[0]  # the budget, not Celebmezzo's figure
    assert not ask("when did the tundra date the cruise announcement")[0]  # "thetundra.com" is named "the tundra"
    ok, text = ask("what budget did wikipedia give for the challenge")
    assert ok and "Wikipedia" in text


def test_how_long_someone_was_in_space_is_their_own_launch_to_landing(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("сколько длился полет пересильд от старта до посадки")
    assert ok and text.startswith("**Юлия Пересильд** — 12 дней в космосе") and "⚖️" in text
    ok, text = ask("how long was shkaplerov in space")
    assert ok and "176 days" in text and "2022-03-30" in text  # he stayed on after the film crew left
    ok, text = ask("how many days total has novitsky spent in space")  # all his flights: not this one stay
    assert not ok or "191 days in space: 2021-04-09" not in text
    ok, text = ask("how long did peresild train before launch")
    assert not ok or "days in space" not in text


def test_someones_fee_answers_only_a_question_about_pay(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("tom cruise space film: how much $$")
    assert not ok or "payday" not in text  # the film's money is its budget
    ok, text = ask("how much was cruise paid")
    assert ok and "30–60 million" in text


def test_neither_yes_nor_no_where_no_source_settles_it(ask) -> None:  # type: ignore[no-untyped-def]
    assert not ask("has SEE-1 launched yet")[0]  # its target slipped; nothing says whether it flew since
    ok, text = ask("did the cruise axiom flight launch")  # its recorded "yes" is to "did the launch slip"
    assert not ok or not text.startswith("**Yes**")
    ok, text = ask("is bridenstine's cruise tweet still up")
    assert ok and text.startswith("**No**")  # the item's recorded answer to that very question


def test_rap_requests_and_counts_of_nothing_counted_are_declined(ask) -> None:  # type: ignore[no-untyped-def]
    assert not ask("write me a rap about tom cruise in space")[0]
    assert not ask("how many viewers watched channel one's making-of documentary")[0]  # "Channel One" is no count


def test_a_title_asked_for_is_a_title_given(ask) -> None:  # type: ignore[no-untyped-def]
    assert not ask("what's the title of tom cruise's space movie")[0]  # its story is no title
    ok, text = ask("what was the working title of the russian space film")
    assert ok and "'Challenge'" in text
    ok, text = ask("what is donna langley's title")  # a job title is not a film's
    assert ok and "chair" in text


def test_how_old_someone_was_at_their_launch(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("how old was peresild when she flew")
    assert ok and text.startswith("**Yulia Peresild** (born 1984) was 36 or 37 at the launch on 2021-10-05")
    ok, text = ask("сколько лет было пересильд во время полета")  # an age, not her 12 days in space
    assert ok and "36 или 37 лет" in text and "дней в космосе" not in text


def test_whether_someone_said_anything_is_not_answered_no_from_what_they_said(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("did liman say anything at venice 2025 about the space film")
    assert not (ok and text.startswith("**No**"))  # "no concrete plan" is what he said, not a "no"
    assert compose_polarity("did liman talk about the film at venice", "Liman said there was no concrete plan.") == ""
    assert compose_polarity("did liman direct the film", "Liman did not direct the film.") == "no"


def test_the_person_a_question_sets_aside_is_not_its_answer(ask) -> None:  # type: ignore[no-untyped-def]
    for question in ("кто кроме актрисы полетел на мкс снимать кино", "кто кроме пересильд полетел на мкс"):
        ok, text = ask(question)
        assert not (ok and text.startswith("**Юлия Пересильд**"))
    ok, text = ask("who directed the challenge")
    assert ok and "Shipenko" in text


def compose_polarity(question: str, text: str) -> str:
    return _polarity(question, object(), text, affirm=False)


def test_how_many_people_counts_the_people_a_fact_lists(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("how many people were already on the station when the film crew arrived")
    assert ok and text.startswith("**7 people.**") and "Hoshide" in text
    ok, text = ask("сколько человек уже было на мкс когда прилетел экипаж вызова")
    assert ok and text.startswith("**7 человек.**")
    ok, text = ask("who was already on the station when they arrived")
    assert ok and "Hoshide" in text and not text.startswith("**7")  # not asked how many


def test_a_part_no_one_is_recorded_playing_is_declined(ask) -> None:  # type: ignore[no-untyped-def]
    assert part_asked("who plays the villain in the cruise space movie") == "villain in"
    assert part_asked("who plays the lead") == "" and part_asked("кто играет главную роль") == ""
    assert not ask("who plays the villain in the cruise space movie")[0]
    assert part_asked("whos playing the villain") == "villain"
    assert not ask("who's playing the villain in cruise's space film")[0]
    ok, text = ask("who played the injured cosmonaut")
    assert ok and "Novitsky" in text


def test_several_people_asked_for_are_not_one_persons_card() -> None:
    assert asks_for_several_people("which nasa astronauts were on board during the shoot")
    assert asks_for_several_people("какие актрисы были в финале кастинга")
    assert not asks_for_several_people("which astronaut commanded ax-1")


def test_what_someone_said_is_not_answered_by_what_someone_else_said(ask) -> None:  # type: ignore[no-untyped-def]
    assert not ask("what did doug liman say about the space movie in 2023")[0]  # not cruise's "working on it"
    ok, text = ask("what did ernst say about the footage")
    assert ok and "120%" in text


# ---- a role question is answered by the role it asks for, named as the holders hold it ----------------------


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        # "paid" asks; "actress" and "director" only say for whom: no cosmonaut is called a financier
        ("who paid for the actress and director's seats on the soyuz? rogozin said", "producers", "Shkaplerov"),
        ("кто был гендиректором роскосмоса когда снимали вызов", "Рогозин", "Шипенко"),  # not the film's director
        ("кто был командиром дублирующего экипажа", "Артемьев", "Шкаплеров"),
        ("а шипенко кто дублировал?", "Дудин", "режиссёр, соавтор"),
    ],
)
def test_role_asked_is_the_first_role_word(ask, question: str, expected: str, not_expected: str) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask(question)
    assert ok and expected in text and not_expected not in text


# ---- comparisons: two films by which came first, people named by their role, the film crew as a side -----------


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("which is older, return from orbit or apogee of fear", "**Return from Orbit released**"),  # films: dates
        ("who's older, the director or the lead actress", "**Klim Shipenko** (born 1983)"),  # people by role
        ("who was born first, mordovina or peresild", "**Yulia Peresild** (born 1984)"),  # not their flights
        ("кто старше — режиссёр вызова или главная актриса?", "**Клим Шипенко**"),
        ("which landed first, the film crew or shkaplerov", "**Film crew lands in Kazakhstan"),
        ("which happened first, inspiration4 launching or peresild flying", "**Inspiration4 launch**"),  # "flying"
        ("which launched first, inspiration4 or the soyuz with the russian film crew", "**Inspiration4 launch**"),
    ],
)
def test_comparisons_of_films_roles_and_the_crew(ask, question: str, first: str) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask(question)
    assert ok and text.startswith(first)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("is peresild older than mordovina?", "**Yes** — **Yulia Peresild** (born 1984) is older"),
        ("is mordovina older than peresild?", "**No** — **Yulia Peresild**"),
        ("is peresild younger than shipenko", "**Yes** — **Yulia Peresild** (born 1984) is younger"),
        ("пересильд старше мордовиной?", "**Да**"),
        ("кто моложе, мордовина или пересильд", "**Алёна Мордовина** (1987 года рождения) младше"),
    ],
)
def test_is_one_older_than_the_other(ask, question: str, first: str) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask(question)
    assert ok and text.startswith(first)


def test_a_side_saying_what_they_did_is_not_their_flight(ask) -> None:  # type: ignore[no-untyped-def]
    ok, _text = ask("did they start filming before they even got to the station")
    assert not ok  # a launch before a docking says nothing of when the filming began


# ---- a bank match whose answer cannot be the one asked for gives way to the next ---------------------------------


def test_a_misfitting_bank_answer_gives_way_to_the_next_match(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.engine import misfits

    assert misfits("which studio is behind the tom cruise space film", "The story begins on Earth with a man …")
    assert misfits("what's the budget for the tom cruise space movie", "Per Langley, the story begins on Earth.")
    assert not misfits("which studio backed it", "Universal committed about US$200 million.")
    ok, text = ask("which studio is behind the tom cruise space film")  # near "the story behind it", then Universal's
    assert ok and "Universal" in text and "down-on-his-luck" not in text


def test_a_flight_never_recorded_or_a_weight_is_not_answered_by_something_else(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.ask.engine import designators
    from bot.ask.understand import answer_kind

    assert designators("мс-19 и ax-2, demo 2") == {"ms-19", "ax-2", "demo-2"}
    assert not ask("скока стоит билет на ax-2")[0]  # Ax-2 is in no item: not Ax-1's crew
    assert ask("when did ax-1 launch")[0]
    assert answer_kind("скока весит союз мс-19 с экипажем".replace("скока", "сколько")) == "measure"  # not a count
    assert not ask("скока весит союз мс-19 с экипажем")[0]  # "3 people" is not its weight


def test_a_russian_text_match_with_an_equal_rival_is_declined_unless_the_bank_agrees(ask) -> None:  # type: ignore[no-untyped-def]
    """ "что за проект такой space hero": NASA's role and the Space Hero card hold its words equally; picking
    one is a guess (it was NASA's role, a wrong answer), so without the bank's agreement it is declined."""
    from bot.ask import engine

    ok, _ = ask("что за проект такой space hero")
    assert not ok
    margin, engine.RU_RIVAL_MARGIN = engine.RU_RIVAL_MARGIN, -1.0  # no rival counted: the old guess comes back
    try:
        ok, text = ask("что за проект такой space hero")
    finally:
        engine.RU_RIVAL_MARGIN = margin
    assert ok and text.startswith("НАСА публично поддержало проект Круза")


@pytest.mark.parametrize(
    "question",
    [
        "how much did the challenge earn in japan",  # a country the answer does not name
        "who won the space hero competition",  # no item names a winner
        "what's the name of tom cruise's character in his space film",  # no part recorded for him
        "what make of camera did peresild film with",  # no item records a make or model
        "сколько весил скафандр шипенко",  # a weight, which no item gives
    ],
)
def test_a_detail_no_item_gives_is_declined_not_answered_with_another(ask, question: str) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask(question)
    assert not ok, text


def test_the_details_those_rules_look_for_still_answer_when_given(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("как зовут героиню пересильд")
    assert ok and "Женю" in text
    ok, text = ask("who won the race")
    assert ok and "The Challenge" in text
    ok, text = ask("how much did the film gear weigh")
    assert ok and "13.75 kg" in text


def test_a_role_the_person_named_holds_answers_yes(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("was konstantin ernst one of the general producers")
    assert ok and text.startswith("**Yes** — **Konstantin Ernst**")
    ok, text = ask("эрнст был продюсером вызова?")
    assert ok and text.startswith("**Да** — **Константин Эрнст**")
    ok, text = ask("was mordovina the backup actress")  # backup asked, backup held
    assert ok and text.startswith("**Yes** — **Alyona Mordovina**")


def test_a_role_question_asking_more_than_the_role_is_left_to_the_other_steps(ask) -> None:  # type: ignore[no-untyped-def]
    _, text = ask("was shipenko the first director to film in orbit")  # "first": the record, not the role
    assert not text.startswith("**Yes** — **Klim Shipenko** was the director")
    _, text = ask("did cruise set a start date for filming")  # "start" is no "star"
    assert not text.startswith("**Yes** — **Tom Cruise**")


def test_cho_is_what_unless_it_is_a_particle() -> None:
    assert not asks_yes_or_no("лайман чё снимал до этого?")
    assert asks_yes_or_no("мегафон чё реально спонсировал фильм?")


@pytest.mark.parametrize(
    "question", ["what kind of spacewalk did isaacman and gillis make", "how was the actress for vyzov chosen"]
)
def test_a_kind_or_a_way_is_not_answered_by_an_events_card(ask, question: str) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask(question)
    assert not ok or "— done." not in text.split("\n")[0]  # an event's card: title, date and status


def test_what_letters_stand_for_is_answered_only_by_the_words_they_stand_for() -> None:
    from bot.ask.understand import misses_the_expansion

    assert misses_the_expansion("what does SEE stand for", "Per Langley, the story begins on Earth.")
    assert not misses_the_expansion("what does SEE stand for", "Space Entertainment Enterprise (SEE) is a company.")
    assert not misses_the_expansion("when did see-1 launch", "SEE-1 was planned for 2024.")  # nothing to spell
    assert not misses_the_expansion("what does vyzov mean", "Vyzov means The Challenge.")  # a word's meaning


def test_which_outlet_is_answered_only_by_a_text_naming_one(ask) -> None:  # type: ignore[no-untyped-def]
    ok, text = ask("which outlets said the training took a year")  # the training fact names no outlet
    assert not ok, text
    ok, text = ask("which outlet reported universal was negotiating for the cruise film")
    assert ok and "Variety" in text

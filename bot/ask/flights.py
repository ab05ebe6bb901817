"""Who flew on which flight, read from who was aboard: yes/no to "did P fly on F", each person's own
launch and landing, two people on one flight, and whom a backup stood in for.

"Did Peresild go up on Soyuz MS-18" shares every word with the MS-18 launch, which says who it
carried; ranking by words answers "Yes" to it. The typed roles say who flew up on which launch
(the prime crew), and a landing's subjects say who came back on it, so the question is answered
from those instead: yes when the person was aboard, no (with the flight's own card) when not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ask.understand import named_flights, numbers
from bot.core.kb import KnowledgeBase
from bot.core.models import Milestone, MilestoneKind, MilestoneStatus, Person, Standing

# Coming back, and going up: the two journeys a flight question may ask about.
RETURN = re.compile(
    r"\b(come|came|get|got|fly|flew|go|went|head|headed)\s+(back|home)\b|\breturn\w*|\bland(ed|ing)?\b"
    r"|(?<![а-яё])(вернул\w*|возвращ\w*|приземл\w*|прилетел\w* (обратно|домой)|спустил\w*|сел[аи]?|посадк\w*)(?![а-яё])"
)
JOURNEY = re.compile(
    r"\b(fly|flew|flown|go up|went up|gone up|launch\w*|ride|rode|aboard|on board|blast\w* off|lift\w* off)\b"
    r"|(?<![а-яё])(полет\w*|полёт\w*|летал\w*|летел\w*|стартова\w*|отправ\w*|на борту)"
)
# Riding a craft home, or being taken up: "which soyuz did vande hei ride home in", "did ms-18 take her up".
RIDE_HOME = re.compile(r"\b(ride|rode|ridden|travel\w*|bring|brought|carr\w+)\b.*\b(home|back|down)\b")
TAKEN_UP = re.compile(r"\b(take|took|taken|bring|brought|carr\w+|send|sent)\b.*\bup\b")
# Going up, and nothing else: "did peresild go up on ms-18" is not answered by her flight home on it.
LIFT_OFF = re.compile(
    r"\b(go|went|gone|fly|flew|flown) up\b|\b(launch|lanch|lauch|luanch|lanuch)\w*|\blift\w* off\b|\bblast\w* off\b"
    r"|\btake off\b|\btook off\b"
    r"|(?<![а-яё])(стартова\w*|старт(а|е|ом|у)?(?![а-яё])|взлет\w*|взлёт\w*|запуст\w*|запуск\w*"
    r"|полетел\w* на (мкс|орбиту|станцию)|наверх|вверх|туда)"  # "они туда полетели на мс-18": there, to the station
)
# Going to space at all, when no flight is named: "did mordovina fly to the station".
TO_SPACE = re.compile(r"\b(space|orbit|station|iss)\b|(?<![а-яё])(космос\w*|орбит\w*|мкс|станци\w*)")


@dataclass(frozen=True)
class Aboard:
    """The verdict and the item that shows it: the flight's card, or the person's when no flight was named."""

    yes: bool
    evidence: tuple[str, str]  # (kind, id) of the item to show under "Yes —" or "No —"


def aboard(kb: KnowledgeBase, question: str, person_id: str) -> Aboard | None:
    """Yes or no to "did P fly on / come back on F", or None when the question is not of that kind."""
    text = question.casefold()
    person = kb.people.get(person_id)
    back = RETURN.search(text) or RIDE_HOME.search(text)
    up = JOURNEY.search(text) or TAKEN_UP.search(text) or _went_to_space(text)
    if person is None or not (back or up):
        return None
    flights = named_flights(kb, question)
    if len(flights) > 1:
        return None
    if not flights:
        return None if back else _to_space_at_all(kb, text, person)
    launch = kb.milestones[next(iter(flights))]
    return _came_back_on(kb, launch, person) if back else _went_up_on(kb, launch, person, text)


def _came_back_on(kb: KnowledgeBase, launch: Milestone, person: Person) -> Aboard | None:
    landing = landing_of(kb, launch)
    if landing is None:
        return None
    if f"person:{person.id}" in landing.subjects:
        return Aboard(True, ("milestone", landing.id))
    own = next((m for m in kb.milestones.values() if _landed_on(m, person)), landing)
    return Aboard(False, ("milestone", own.id))  # "did peresild fly home on ms-19": no, on MS-18


def _went_up_on(kb: KnowledgeBase, launch: Milestone, person: Person, text: str) -> Aboard:
    if person.id in prime_crew(kb, launch):
        return Aboard(True, ("milestone", launch.id))
    landing = landing_of(kb, launch)
    if landing is not None and _landed_on(landing, person) and not (LIFT_OFF.search(text) or TAKEN_UP.search(text)):
        return Aboard(True, ("milestone", landing.id))  # "did shipenko fly on ms-18": home, on it
    own = next((r.flight for r in person.roles if r.flight and r.standing is Standing.PRIME), "")
    return Aboard(False, ("milestone", own.removeprefix("milestone:") if own else launch.id))


def _landed_on(m: Milestone, person: Person) -> bool:
    return m.kind is MilestoneKind.LANDING and f"person:{person.id}" in m.subjects


def prime_crew(kb: KnowledgeBase, launch: Milestone) -> set[str]:
    """Who flew up on a launch: the people whose prime role names it as their flight."""
    ref = f"milestone:{launch.id}"
    return {p.id for p in kb.people.values() for r in p.roles if r.flight == ref and r.standing is Standing.PRIME}


def landing_of(kb: KnowledgeBase, launch: Milestone) -> Milestone | None:
    """The landing of the spacecraft a launch put up: the same project's landing naming its number."""
    landings = [
        m for m in kb.milestones.values() if m.contender == launch.contender and m.kind is MilestoneKind.LANDING
    ]
    named = [
        m for m in landings if numbers(launch.title) and numbers(launch.title) <= numbers(f"{m.title} {m.vehicle}")
    ]
    if len(named) == 1:
        return named[0]
    return landings[0] if len(landings) == 1 and not named else None


def _to_space_at_all(kb: KnowledgeBase, text: str, person: Person) -> Aboard | None:
    """ "Did Mordovina fly to the station": yes if a flight they were on the prime crew of took place;
    no if they were only its backup or a candidate for it; not this step's question otherwise."""
    if not TO_SPACE.search(text):
        return None
    flown = [r for r in person.roles if r.flight and r.standing is Standing.PRIME and _done(kb, r.flight)]
    if flown:
        return Aboard(True, ("milestone", flown[0].flight.removeprefix("milestone:")))
    if any(r.flight for r in person.roles):
        return Aboard(False, ("person", person.id))
    return _project_never_flew(kb, person)


def _project_never_flew(kb: KnowledgeBase, person: Person) -> Aboard | None:
    """ "Did tom cruise ever go to space": no, when no flight of theirs and none of their project's took
    place, and they are not a spacefarer whose other flights the record may simply not list."""
    if SPACEFARER.search(person.summary) or not person.roles:
        return None
    projects = {r.contender for r in person.roles}
    if any(
        m.crewed and m.kind is MilestoneKind.LAUNCH and m.status is MilestoneStatus.DONE
        for c in projects
        for m in kb.milestones_of(c)
    ):
        return None
    return Aboard(False, ("contender", sorted(projects)[0]))


SPACEFARER = re.compile(r"cosmonaut|astronaut|spaceflight|flew|космонавт|астронавт|полет|полёт", re.IGNORECASE)


def _done(kb: KnowledgeBase, ref: str) -> bool:
    m = kb.milestones.get(ref.removeprefix("milestone:"))
    return m is not None and m.status is MilestoneStatus.DONE


def journey(kb: KnowledgeBase, question: str, people: set[str]) -> tuple[str, str] | None:
    """The flight event a "when did P go up / come back" question asks about: P's own launch or landing.

    A launch's subjects are its project, not its crew, and a landing names the people it brought
    home, so word ranking answers "when did shipenko come back" with another crew's landing. The
    typed prime role says which launch took someone up, and the landings' subjects which one
    brought them down; several people named must share it ("where did peresild and shipenko
    land"). None when the question names a flight (other steps read that), asks about neither
    journey, or the people have no such flight, or no one flight, on record."""
    text = question.casefold()
    persons = [kb.people[p] for p in sorted(people) if p in kb.people]
    if not persons or len(persons) != len(people) or named_flights(kb, question) or HATCH.search(text):
        return None  # "when did they close the hatch before undocking" is not the undocking
    if LEAVE.search(text):  # "when did peresild leave the iss": the undocking that took them off it
        left = {m.id for m in kb.milestones.values() if UNDOCKS.search(m.title) and _all_in(m, persons)}
        return ("milestone", left.pop()) if len(left) == 1 else None
    if RETURN.search(text) or RIDE_HOME.search(text):
        landed = {m.id for m in kb.milestones.values() if all(_landed_on(m, p) for p in persons)}
        return ("milestone", landed.pop()) if len(landed) == 1 else None
    if ARRIVE.search(text):  # "when did shipenko get to the iss": the docking that brought them, not the launch
        docked = {m.id for m in kb.milestones.values() if m.kind is MilestoneKind.DOCKING and _all_in(m, persons)}
        return ("milestone", docked.pop()) if len(docked) == 1 else None
    if (
        LIFT_OFF.search(text)
        or TAKEN_UP.search(text)  # "which spacecraft took peresild and shipenko up"
        or (JOURNEY.search(text) and TO_SPACE.search(text))
        or _went_to_space(text)
    ):
        flights = set.intersection(
            *({r.flight for r in p.roles if r.flight and r.standing is Standing.PRIME} for p in persons)
        )
        ids = {f.removeprefix("milestone:") for f in flights} & set(kb.milestones)
        return ("milestone", ids.pop()) if len(ids) == 1 else None
    return None


def flight_event(kb: KnowledgeBase, question: str) -> tuple[str, str] | None:
    """The docking, undocking or landing of the one flight a question names ("когда мс-19 вернулся на
    землю", "who came home on ms-19"): the event of the same craft, not the film crew's, whose landing
    word ranking finds first. None when no such event, or no one flight, is named or on record."""
    flights = named_flights(kb, question)
    launch = kb.milestones.get(flights.pop()) if len(flights) == 1 else None
    if launch is None or not launch.vehicle:
        return None
    text = question.casefold()
    if ANOTHER_MOMENT.search(text):
        return None  # "when was the hatch closed before ms-18 undocked": not the undocking itself
    if LEAVE.search(text):
        wanted = [m for m in kb.milestones.values() if UNDOCKS.search(m.title)]
    elif RETURN.search(text) or RIDE_HOME.search(text):
        wanted = [m for m in kb.milestones.values() if m.kind is MilestoneKind.LANDING]
    elif ARRIVE.search(text):
        wanted = [m for m in kb.milestones.values() if m.kind is MilestoneKind.DOCKING]
    else:
        return None
    craft = launch.vehicle.casefold()
    same = [m.id for m in wanted if m.contender == launch.contender and m.vehicle and m.vehicle.casefold() in craft]
    return ("milestone", same[0]) if len(same) == 1 else None


# The people a question means without naming them: "when did they come back", "на чём летели киношники".
THE_CREW = re.compile(
    r"\b(they|them|crew|the actress and (the )?director|the two)\b"
    r"|(?<![а-яё])(они|их|киношник\w*|съ[её]мочн\w* групп\w*|экипаж\w*|актрис\w* и режисс\w*)(?![а-яё])"
)


_CRAFT = re.compile(
    r"\b(ship|spacecraft|capsule|craft|earth|ground|planet|vyzov|challenge)\b"
    r"|(?<![а-яё])(корабл\w*|земл\w*|вызов\w*|космос\w*)"
)
_CARRY = re.compile(r"\b(take|took|taken|bring|brought|carr\w+|send|sent|ride|rode|ridden|travel\w*)\b")
FLIGHT_NUMBER = re.compile(r"(?<![а-яё\w])(ms|мс|progress|прогресс\w*|soyuz|союз\w*|ax|crew)\W{0,2}\d+")
_FLIGHT_NAME = re.compile(r"\b(soyuz|союз\w*|ms|мс|ax|progress|прогресс\w*)\b|\d+")
_JOURNEY_FILLER = frozenset(
    "did do does was were is are up home back there on in to the it that right true really film movie russian "
    "туда обратно наверх домой да правда ли это так уже на в с фильм кино "
    # the question's own words: when, at what time, in which time zone, on which craft
    "when what which time date day utc moscow msk eastern edt where how long from after trip "
    "когда во сколько скока скоко какого числа по москве мск где какой каком какая чем чём был была были "
    "время дата день".split()
)


def only_the_journey(question: str) -> bool:
    """Whether a question says nothing but who went where on what: "did the film crew go up on ms-18",
    "их наверх на ms-18 отправили, да?" — not "did the commission approve the crew before launch"."""
    text = THE_CREW.sub(" ", question.casefold())
    for pattern in (LIFT_OFF, RETURN, _CARRY, ARRIVE, LEAVE, JOURNEY, TO_SPACE, _FLIGHT_NAME, _CRAFT):
        text = pattern.sub(" ", text)
    rest = re.findall(r"[^\W\d_]+", text)
    return not [
        w
        for w in rest
        if w not in _JOURNEY_FILLER and len(w) > 1 and not re.fullmatch(r"(go|went|gone|flown?|flew)", w)
    ]


def film_crew(kb: KnowledgeBase) -> set[str]:
    """The race's winning flight's crew who came back together: the film crew (The Challenge's actress and
    director, not the commander who stayed on), whom "they" means in a question that names no one."""
    won = kb.milestones.get(kb.race.winning_milestone)
    if won is None:
        return set()
    crew = prime_crew(kb, won)
    landings = [m for m in kb.milestones.values() if m.kind is MilestoneKind.LANDING]
    together = [{p for p in crew if f"person:{p}" in m.subjects} for m in landings]
    return max(together, key=len, default=set()) if any(len(t) >= 2 for t in together) else set()


def _all_in(m: Milestone, persons: list[Person]) -> bool:
    return all(f"person:{p.id}" in m.subjects for p in persons)


# Getting to the station, and leaving it: "when did peresild arrive at the iss", "когда шипенко улетел с мкс".
ARRIVE = re.compile(
    r"\b(arriv\w*|reach\w*|get|got|gotten|make it|made it)\b.*\b(iss|station)\b|\bdock(ed|ing|s)?\b"
    r"|(?<![а-яё])(прибыл\w*|прилетел\w* на (мкс|станцию)|добрал\w*|(?<!от)стыков\w*|пристыков\w*)"
)
LEAVE = re.compile(
    r"\b(leave|left|leaving|depart\w*|undock\w*)\b"
    r"|(?<![а-яё])(отстыков\w*|покинул\w*|улетел\w* с (мкс|станции)|улетел\w* со станции)"
)
ANOTHER_MOMENT = re.compile(
    r"\b(hatch\w*|before|after|claim\w*|report\w*|version|rumou?r\w*)\b"
    r"|(?<![а-яё])(люк\w*|перед|после|до|верси\w*|слух\w*|пишут|писали)(?![а-яё])"
)  # "when was the hatch closed before ms-18 undocked", "откуда версия, что мс-19 пристыковался автоматически"
HATCH = re.compile(r"\bhatch\w*|(?<![а-яё])люк\w*")
UNDOCKS = re.compile(r"\bundock(s|ed)\b", re.IGNORECASE)  # the undocking itself, not "before … undocking"


def backed_up(kb: KnowledgeBase, person_id: str) -> list[Person]:
    """Whom a backup stood in for: the prime crew of their flight whose main function is one of theirs
    (Mordovina, a backup actress → Peresild; Dudin, backup camera operator and director → Shipenko)."""
    person = kb.people.get(person_id)
    out: list[Person] = []
    for role in person.roles if person else ():
        if role.standing is not Standing.BACKUP or not role.flight:
            continue
        launch = kb.milestones.get(role.flight.removeprefix("milestone:"))
        for prime in sorted(prime_crew(kb, launch), key=lambda p: kb.people[p].name) if launch else ():
            functions = next((r.functions for r in kb.people[prime].roles if r.flight == role.flight), [])
            if functions and functions[0] in role.functions and kb.people[prime] not in out:
                out.append(kb.people[prime])
    return out


# "Whom was mordovina the backup for", "кого дублировала мордовина": the prime a backup stood in for.
WHOSE_BACKUP = re.compile(
    r"\b(backup|back(ed)? up|understud\w*|stand(ing)?[- ]in)\b.*\b(who|whom)\b|\bwho(m)? did \w+( \w+)? "
    r"(back up|understudy|stand in for|replace)\b|\bwhose (backup|understudy|double)\b"
    r"|\bwho(m)? (was|is) \w+( \w+)? (the |a )?(backup|understudy|double|stand-?in) (for|of)\b"
    r"|(?<![а-яё])(кого (дублировал\w*|подменял\w*|заменял\w*)|дубл[её]р\w* (для )?кого|дублировал\w* кого"
    r"|чей (дубл[её]р|дублёр)|чь(им|ей) (дубл[её]ром|дублершей|дублёршей))"
)


def together(kb: KnowledgeBase, question: str, person: str, other: str) -> Aboard | None:
    """ "Did shkaplerov come back with peresild": yes when the two went up (or came back) on the same
    flight, no when each has a flight of their own on record; None when either has none.

    "Did peresild and shipenko fly up on ms-18", naming a flight: yes when both were aboard it, no
    (with the flight that shows it) when either was not."""
    if not _WITH.search(question.casefold()):
        if not named_flights(kb, question):
            return None
        both = [aboard(kb, question, person), aboard(kb, question, other)]
        if any(v is None for v in both):
            return None
        return next((v for v in both if v is not None and not v.yes), both[0])
    mine, theirs = journey(kb, question, {person}), journey(kb, question, {other})
    if mine is None or theirs is None:
        return None
    return Aboard(mine == theirs, mine)


def same_craft(kb: KnowledgeBase, question: str, person_id: str) -> Aboard | None:
    """ "Did peresild come back in the same soyuz she launched on": her launch's craft against her landing's
    (MS-19 up, MS-18 down: no, shown by the landing). None when the question is not of that kind."""
    if not SAME_CRAFT.search(question.casefold()) or person_id not in kb.people:
        return None
    person = kb.people[person_id]
    ups = {r.flight.removeprefix("milestone:") for r in person.roles if r.flight and r.standing is Standing.PRIME}
    downs = [m for m in kb.milestones.values() if _landed_on(m, person)]
    launch = kb.milestones.get(ups.pop()) if len(ups) == 1 else None
    if launch is None or len(downs) != 1 or not launch.vehicle or not downs[0].vehicle:
        return None
    return Aboard(downs[0].vehicle.casefold() in launch.vehicle.casefold(), ("milestone", downs[0].id))


SAME_CRAFT = re.compile(
    r"\bsame\s+(soyuz|spacecraft|ship|capsule|craft|vehicle|one)\b"
    r"|(?<![а-яё])(том же|тот же|одном и том же)\s+(союз\w*|корабл\w*|капсул\w*)"
)
_WITH = re.compile(r"\b(with|together|alongside)\b|(?<![а-яё])(вместе|с ним|с ней)(?![а-яё])")


def _went_to_space(text: str) -> bool:
    """ "Did tom cruise ever go to space": the trip itself, not a claim about it ("was he the first to
    go to orbit", "did liman say he'd go to space", "is he less keen on going to space")."""
    return bool(_GONE_TO_SPACE.search(text)) and not _ABOUT_THE_TRIP.search(text)


# Going to space, with nowhere else to go: "when did peresild go to space", "has cruise been to the iss".
_GONE_TO_SPACE = re.compile(r"\b(go|went|gone|get|got|been) (in)?to (space|orbit|the (iss|station))\b")
_ABOUT_THE_TRIP = re.compile(
    r"\b(first|only|last|say|said|says|told|tell|want\w*|plan\w*|hop\w*|excit\w*|interest\w*|keen|supposed|meant)\b"
)

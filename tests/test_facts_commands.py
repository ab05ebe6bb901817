"""The /facts table, the surfaces generated from it, and the commands for what /ask answers with.

The table is the one list of commands: these tests make the Discord cog, the AdminService and the
console unable to disagree with it, and check the question and role commands end to end through
:func:`bot.facts.commands.run` (the path every shell takes), and /facts about, which corrects what a
fact is about: valid edits apply at once with a
history line and undo exactly; invalid ones are refused in plain words and write nothing.
"""

from __future__ import annotations

import inspect
import typing
from typing import Any, cast

import pytest
from discord import app_commands

from bot.app import App
from bot.ask.service import RaceService
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.core.errors import UserError
from bot.core.models import ANSWER_KINDS, ROLE_FUNCTIONS, PersonRole, Standing, to_dict
from bot.facts import commands as table
from bot.facts.service import AdminService, Outcome
from bot.infra.tables import load_kb
from bot.shells import console_facts
from cogs.facts import Facts

ADMIN = Actor("42", "ada")
STYLE = IsoStyle()


@pytest.fixture
def admin(mini_service: RaceService) -> AdminService:
    return App.around(mini_service).facts


def run(admin: AdminService, command: str, /, **values: Any) -> Outcome:
    """A command as any shell runs it: through the table."""
    return table.run(admin, table.BY_NAME[command], ADMIN, values, STYLE)


def person(admin: AdminService, person_id: str = "ada") -> dict[str, Any]:
    return to_dict(admin.kb.people[person_id])


def fact(admin: AdminService, fact_id: str = "alpha-budget") -> dict[str, Any]:
    return to_dict(admin.kb.facts[fact_id])


# ---- the table and the surfaces made from it ---------------------------------------------


def _group() -> app_commands.Group:
    """The /facts group as the cog registers it (no bot needed to build it)."""
    group = Facts(cast(Any, None), cast(Any, None)).app_command
    assert group is not None
    return group


def _cog_commands() -> dict[str, dict[str, tuple[bool, tuple[str, ...]]]]:
    """Each registered slash subcommand ("question add") → option → (required, choices)."""
    found = {}
    for command in _group().walk_commands():
        if isinstance(command, app_commands.Command):
            path = command.qualified_name.removeprefix("facts ")
            found[path] = {p.name: (p.required, tuple(str(c.value) for c in p.choices)) for p in command.parameters}
    return found


def test_the_cogs_slash_commands_are_exactly_the_table() -> None:
    expected = {c.name: {o.name: (o.required, o.choices) for o in c.discord_options} for c in table.COMMANDS}
    assert _cog_commands() == expected


def test_the_cog_registers_commands_in_table_order_with_table_help() -> None:
    top = [c.name for c in _group().commands]
    assert top == list(dict.fromkeys(c.path[0] for c in table.COMMANDS))
    described = {c.qualified_name.removeprefix("facts "): c.description for c in _group().walk_commands()}
    assert all(described[c.name] == c.help for c in table.COMMANDS)


def test_facts_is_server_only_and_for_server_managers() -> None:
    group = _group()
    assert group.guild_only
    assert group.allowed_installs is not None and group.allowed_installs.guild and not group.allowed_installs.user
    assert group.default_permissions is not None and group.default_permissions.manage_guild


def _accepted(method: Any) -> set[str]:
    """The keyword names a method takes, with the keys of an ``**Unpack[TypedDict]``."""
    names = set()
    hints = typing.get_type_hints(method)
    for p in inspect.signature(method).parameters.values():
        if p.kind is inspect.Parameter.VAR_KEYWORD:
            names |= set(typing.get_args(hints[p.name])[0].__annotations__)
        else:
            names.add(p.name)
    return names - {"self", "actor", "style", "confirm"}


@pytest.mark.parametrize("command", table.COMMANDS, ids=lambda c: c.name)
def test_every_command_calls_an_admin_method_taking_exactly_its_options(command: table.Command) -> None:
    method = getattr(AdminService, command.method)
    assert _accepted(method) == {o.name for o in command.discord_options}
    assert ("actor" in inspect.signature(method).parameters) == command.actor


def test_names_and_descriptions_fit_discords_limits() -> None:
    for command in table.COMMANDS:
        assert all(1 <= len(word) <= 32 and word == word.lower() for word in command.path)
        assert 1 <= len(command.help) <= 100
        assert all(1 <= len(o.help) <= 100 and len(o.choices) <= 25 for o in command.options)
    assert set(table.GROUPS) == {c.path[0] for c in table.COMMANDS if len(c.path) == 2}


def test_integer_limits_reach_discord() -> None:
    stale = next(c for c in _group().walk_commands() if c.qualified_name == "facts stale")
    [months] = stale.parameters
    assert (months.min_value, months.max_value, months.required) == (1, 120, False)


# ---- the console, through the table ---------------------------------------------------------


def _console(admin: AdminService, line: str) -> Outcome:
    return console_facts.run_facts(admin, line, lambda path: b"", lambda path, data: None)


def test_console_refuses_an_unknown_option_instead_of_ignoring_it(admin: AdminService) -> None:
    before = admin.service.store.snapshot()
    with pytest.raises(UserError, match="has no option reasn"):
        _console(admin, 'date milestone="Beta launch" date=2031 reasn=typo')
    assert admin.service.store.snapshot() == before


def test_console_reads_two_word_commands_and_typed_values(admin: AdminService) -> None:
    _console(admin, 'question add kind=person name="Ada Quill" question="Who flew the cat?"')
    assert admin.kb.people["ada"].questions == {"en": ["Who flew the cat?"]}
    _console(admin, 'pin milestone="Beta launch" pinned=yes')
    assert admin.kb.milestones["beta-launch"].pinned
    with pytest.raises(UserError, match="yes or no"):
        _console(admin, 'pin milestone="Beta launch" pinned=perhaps')
    with pytest.raises(UserError, match="not a change number"):
        _console(admin, "undo change=last")
    assert "question add" in _console(admin, "question").reply.pages[0].description  # the help


def test_console_reads_news_keywords_and_the_months_of_stale(admin: AdminService) -> None:
    _console(admin, """news keywords contender=beta keywords='"moon cat", beta mission'""")
    assert admin.kb.contenders["beta"].news_keywords == ["moon cat", "beta mission"]
    assert "“moon cat”, “beta mission”" in _console(admin, "news keywords contender=beta").reply.pages[0].description
    assert "(3 months)" in _console(admin, "stale months=3").reply.pages[0].description
    with pytest.raises(UserError, match="not a months number"):
        _console(admin, "stale months=many")


# ---- /facts question add | remove -------------------------------------------------------


def test_question_add_applies_at_once_reads_well_and_undoes_exactly(admin: AdminService) -> None:
    before = person(admin)
    outcome = run(admin, "question add", kind="person", name="quill", question="  Who  flew the cat? ")
    assert outcome.pending is None  # no alert: applied at once, like a rename
    assert admin.kb.people["ada"].questions == {"en": ["Who flew the cat?"]}
    assert to_dict(load_kb(admin.service.store).people["ada"]) == person(admin)
    history = admin.history("person", "ada", STYLE).pages[0].description
    assert (
        "Question for Ada Quill (en): “Who flew the cat?”" in history
        and "questions + “Who flew the cat?” (en)" in history
    )
    run(admin, "undo")
    assert person(admin) == before and to_dict(load_kb(admin.service.store).people["ada"]) == before


def test_question_add_in_russian_and_for_a_fact_by_id(admin: AdminService) -> None:
    run(admin, "question add", kind="milestone", name="Alpha launch", question="Когда полетела Альфа?", language="ru")
    assert admin.kb.milestones["alpha-launch"].questions == {"ru": ["Когда полетела Альфа?"]}
    outcome = run(admin, "question add", kind="fact", name="alpha-budget", question="Как много стоила Альфа?")
    assert admin.kb.facts["alpha-budget"].questions == {"en": ["Как много стоила Альфа?"]}
    assert "language=ru" in outcome.reply.pages[0].description  # Cyrillic filed as en: a hint, not a refusal


def test_add_question_by_id_for_other_features(admin: AdminService) -> None:
    admin.add_question(ADMIN, "contradiction", "alpha-budget-dispute", "What did Alpha cost?", "en", STYLE)
    assert admin.kb.contradictions["alpha-budget-dispute"].questions == {"en": ["What did Alpha cost?"]}
    with pytest.raises(UserError, match="no contender with id"):
        admin.add_question(ADMIN, "contender", "gamma", "What is Gamma?", "en", STYLE)


def test_a_yes_no_question_added_with_its_answer_is_answered_with_it(admin: AdminService) -> None:
    from bot.core.dates import IsoStyle

    asked = "is ada quill still flying the cat"
    assert not admin.service.ask(asked, IsoStyle()).pages[0].description.startswith("**No**")
    run(admin, "question add", kind="person", name="quill", question="Is Ada Quill still flying the cat? → no")
    assert admin.kb.people["ada"].questions == {"en": ["Is Ada Quill still flying the cat? → no"]}
    reply = admin.service.ask(asked, IsoStyle())
    assert reply.ok and reply.pages[0].description.startswith("**No** — ")  # the recorded answer, first
    assert "→" not in reply.pages[0].description
    reply = admin.service.ask("is ada quill not flying the cat", IsoStyle())  # negated: not that question's answer
    assert not reply.pages[0].description.startswith("**No** — ")


def test_mentions_in_questions_are_neutralised(admin: AdminService) -> None:
    run(admin, "question add", kind="person", name="ada", question="@everyone who is <@&123>?")
    (stored,) = admin.kb.people["ada"].questions["en"]
    assert "@everyone" not in stored and "<@&123>" not in stored


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"question": "ab"}, "too short"),
        ({"question": "x" * 201}, "too long"),
        ({"question": "   "}, "The question is empty"),
        ({"question": "?!?"}, "no words"),
        ({"question": "WHO is ada quill"}, "already answers “who is Ada Quill”"),
        ({"question": "Who is she?", "language": "de"}, "Unknown language"),
        ({"kind": "planet"}, "Unknown kind"),
        ({"name": "Zed"}, "No person called"),
        ({"kind": "fact", "name": "no-such-fact"}, "/sources"),
    ],
)
def test_bad_question_add_is_refused_and_writes_nothing(
    admin: AdminService, values: dict[str, str], message: str
) -> None:
    run(admin, "question add", kind="person", name="ada", question="who is Ada Quill")
    before = admin.service.store.snapshot()
    with pytest.raises(UserError, match=message):
        run(admin, "question add", **{"kind": "person", "name": "ada", "question": "Who flew?", **values})
    assert admin.service.store.snapshot() == before


def test_question_remove_matches_loosely_and_undoes_exactly(admin: AdminService) -> None:
    run(admin, "question add", kind="contender", name="alpha", question="Who won the race?")
    with_question = to_dict(admin.kb.contenders["alpha"])
    run(admin, "question remove", kind="contender", name="Alpha Project", question="who won the race")
    assert admin.kb.contenders["alpha"].questions == {}  # the emptied language goes too
    before = admin.service.store.snapshot()
    with pytest.raises(UserError, match="not among the questions"):
        run(admin, "question remove", kind="contender", name="alpha", question="Who won the race?")
    assert admin.service.store.snapshot() == before
    run(admin, "undo")
    assert to_dict(admin.kb.contenders["alpha"]) == with_question


# ---- /facts role set | remove -------------------------------------------------------------


def test_role_set_replaces_the_typed_role_and_keeps_curated_wording(admin: AdminService) -> None:
    before = person(admin)
    outcome = run(
        admin,
        "role set",
        person="Quill",
        contender="alpha",
        functions="Pilot, commander, pilot",
        standing="prime",
        flight="Alpha launch",
    )
    assert outcome.pending is None
    assert admin.kb.people["ada"].roles == [
        PersonRole("alpha", "pilot", ["pilot", "commander"], Standing.PRIME, False, "", "milestone:alpha-launch")
    ]
    reply = outcome.reply.pages[0].description
    assert "Role of Ada Quill on Alpha Project: pilot, commander (prime)" in reply and "Kept the wording" in reply
    run(admin, "undo")
    assert person(admin) == before


def test_role_set_adds_a_role_with_composed_wording_then_role_remove(admin: AdminService) -> None:
    run(
        admin,
        "role set",
        person="ada",
        contender="beta",
        functions="camera operator",
        standing="backup",
        lead=True,
        character="@here the cat",
    )
    role = admin.kb.people["ada"].roles[1]
    assert (role.contender, role.role, role.functions, role.standing) == (
        "beta",
        "backup camera operator",
        ["camera-operator"],
        Standing.BACKUP,
    )
    assert role.lead and "@here" not in role.character
    two_roles = person(admin)
    run(admin, "role remove", person="ada", contender="Beta Mission")
    assert [r.contender for r in admin.kb.people["ada"].roles] == ["alpha"]
    assert "Remove role of Ada Quill on Beta Mission" in admin.history(None, None, STYLE).pages[0].description
    run(admin, "undo")
    assert person(admin) == two_roles


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"functions": "astronaut"}, "Unknown function “astronaut”"),
        ({"functions": " , "}, "at least one function"),
        ({"standing": "star"}, "Unknown standing"),
        ({"flight": "Moon base"}, "No milestone called"),
        ({"person": "Zed"}, "No person called"),
        ({"contender": "Gamma"}, "No contender called"),
        ({"role_text": "r" * 201}, "too long"),
        ({}, "already has exactly that role"),
    ],
)
def test_bad_role_set_is_refused_and_writes_nothing(admin: AdminService, values: dict[str, str], message: str) -> None:
    run(admin, "role set", person="ada", contender="alpha", functions="pilot", standing="prime")
    before = admin.service.store.snapshot()
    with pytest.raises(UserError, match=message):
        run(
            admin,
            "role set",
            **{"person": "ada", "contender": "alpha", "functions": "pilot", "standing": "prime", **values},
        )
    assert admin.service.store.snapshot() == before


def test_role_remove_refuses_the_only_role_and_a_missing_one(admin: AdminService) -> None:
    before = admin.service.store.snapshot()
    with pytest.raises(UserError, match="only role"):
        run(admin, "role remove", person="ada", contender="alpha")
    with pytest.raises(UserError, match="has no role on Beta Mission"):
        run(admin, "role remove", person="ada", contender="beta")
    assert admin.service.store.snapshot() == before


def test_the_function_vocabulary_covers_what_the_seed_uses() -> None:
    from bot.seed.loader import load_seed  # the shipped race: every typed role stays settable

    used = {f for p in load_seed()["people"] for r in p["roles"] for f in r.get("functions", [])}
    assert used <= ROLE_FUNCTIONS


async def test_functions_are_suggested_one_comma_at_a_time() -> None:
    from cogs.facts import _functions_complete

    offered = [c.value for c in await _functions_complete(cast(Any, None), "Director, wri")]
    assert offered == ["director, writer"]
    assert len(await _functions_complete(cast(Any, None), "")) == min(25, len(ROLE_FUNCTIONS))


# ---- /facts about -------------------------------------------------------------------------

ABOUT_ALL = {
    "subjects": "alpha, quill, Beta launch",
    "attribute": "Budget",
    "answer_kind": "money",
    "value": "12  million coins",
    "answer": "Alpha cost 12 million coins.",
}


def test_about_applies_at_once_reads_well_and_undoes_exactly(admin: AdminService) -> None:
    before = fact(admin)
    outcome = run(admin, "about", fact="Alpha cost", **ABOUT_ALL)  # the start of its text names the fact
    assert outcome.pending is None  # no alert: applied at once
    f = admin.kb.facts["alpha-budget"]
    assert (f.subjects, f.attribute, f.answer_kind, f.value, f.answer) == (
        ["contender:alpha", "person:ada", "milestone:beta-launch"],
        "budget",
        "money",
        "12 million coins",
        "Alpha cost 12 million coins.",
    )
    assert (f.text, f.topics, f.sources) == (before["text"], before["topics"], before["sources"])  # the rest stays
    assert to_dict(load_kb(admin.service.store).facts["alpha-budget"]) == fact(admin)
    history = admin.history("fact", "alpha-budget", STYLE).pages[0].description
    assert (
        "About: alpha-budget — subjects Alpha Project, Ada Quill, Beta launch; attribute budget; answer kind money; "
        "value “12 million coins”; answer “Alpha cost 12 million coins.”" in history
    )
    assert "subjects + contender:alpha, + person:ada, + milestone:beta-launch, primary contender:alpha" in history
    run(admin, "undo")
    assert fact(admin) == before and to_dict(load_kb(admin.service.store).facts["alpha-budget"]) == before


def test_about_changes_only_what_is_given(admin: AdminService) -> None:
    run(admin, "about", fact="alpha-budget", **ABOUT_ALL)
    described = fact(admin)
    outcome = run(admin, "about", fact="alpha-budget", value="about 12 million coins", attribute="budget")
    assert fact(admin) == {**described, "value": "about 12 million coins"}
    assert "Change **#2** applied: About: alpha-budget — value “about 12 million coins”." in (
        outcome.reply.pages[0].description
    )  # the unchanged attribute is not listed
    run(admin, "about", fact="alpha-budget", subjects="Ada Quill, Alpha Project, milestone:beta launch")
    assert admin.kb.facts["alpha-budget"].subjects == ["person:ada", "contender:alpha", "milestone:beta-launch"]
    assert "subjects primary person:ada" in admin.history(None, None, STYLE).pages[0].description
    run(admin, "undo")
    run(admin, "undo")
    assert fact(admin) == described


def test_about_takes_the_kind_a_subject_names_best(admin: AdminService) -> None:
    """Contender, person, milestone is only the tie-break: "quill" begins a contender's new alias but is Ada."""
    run(admin, "rename", kind="contender", name="beta", new_name="Quill Mission")
    run(admin, "about", fact="alpha-budget", subjects="quill, Beta, beta launch, Quill Mission, Ada Quill")
    assert admin.kb.facts["alpha-budget"].subjects == [
        "person:ada",
        "contender:beta",  # the old name, an alias now: a contender before the milestone "Beta launch"
        "milestone:beta-launch",
    ]  # named twice, stored once


def test_mentions_in_about_texts_are_neutralised(admin: AdminService) -> None:
    run(admin, "about", fact="alpha-budget", value="@everyone 12", answer="It cost <@&123> coins, @here.")
    f = admin.kb.facts["alpha-budget"]
    assert "@everyone" not in f.value and "<@&123>" not in f.answer and "@here" not in f.answer


def test_about_needs_the_fact_and_offers_the_answer_kinds_as_choices() -> None:
    about = table.BY_NAME["about"]
    option = about.option("answer_kind")
    assert option is not None and option.choices == ANSWER_KINDS
    assert about.option("fact") is not None and all(not o.required for o in about.options if o.name != "fact")


def test_an_attribute_no_other_fact_has_is_applied_with_a_hint(admin: AdminService) -> None:
    outcome = run(admin, "about", fact="alpha-budget", attribute="cost")
    assert admin.kb.facts["alpha-budget"].attribute == "cost"
    assert "No other fact has the attribute “cost”" in outcome.reply.pages[0].description


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "give at least one of subjects, attribute, answer_kind, value, answer"),
        ({"subjects": "  ", "value": " "}, "give at least one of"),
        ({"fact": "no-such-fact", "value": "1"}, "No fact with the id or text beginning “no-such-fact”"),
        ({"fact": "Al", "value": "1"}, "No fact with the id or text beginning"),  # too short a start to name one
        ({"subjects": "alpha, Gamma Project"}, "No contender, person or milestone called “Gamma Project”. Did you"),
        ({"subjects": "person:alpha"}, "No person called “alpha”"),
        ({"subjects": " , ,"}, "at least one subject"),
        ({"subjects": "x" * 101}, "subject name is too long"),
        ({"attribute": "x"}, "kebab-case slug of 2–40 characters"),
        ({"attribute": "a" * 41}, "kebab-case slug"),
        ({"attribute": "stay--duration"}, "kebab-case slug"),
        ({"attribute": "-budget"}, "kebab-case slug"),
        ({"attribute": "box office!"}, "kebab-case slug"),
        ({"attribute": "бюджет"}, "kebab-case slug"),
        ({"answer_kind": "weight"}, "Unknown answer_kind “weight”. Choose one of: person, date"),
        ({"value": "v" * 201}, "The value is too long \\(201 characters; at most 200\\)"),
        ({"answer": "a" * 301}, "The answer is too long \\(301 characters; at most 300\\)"),
        ({"value": "12 million coins", "attribute": "budget"}, "already has exactly that"),
    ],
)
def test_bad_about_is_refused_and_writes_nothing(admin: AdminService, values: dict[str, str], message: str) -> None:
    run(admin, "about", fact="alpha-budget", **ABOUT_ALL)
    before = admin.service.store.snapshot()
    with pytest.raises(UserError, match=message):
        run(admin, "about", **{"fact": "alpha-budget", **values})
    assert admin.service.store.snapshot() == before


def test_a_fact_named_by_a_start_several_facts_share_is_refused_with_their_ids(admin: AdminService) -> None:
    run(admin, "add", kind="fact", source="https://example.org/g", text="Alpha flew the cat.", topics="cat")
    before = admin.service.store.snapshot()
    with pytest.raises(UserError, match="“alpha” begins 2 facts: alpha-budget, cat-fact"):
        run(admin, "about", fact="alpha", value="12")
    with pytest.raises(UserError, match="begins 2 facts"):
        run(admin, "remove", kind="fact", name="ALPHA")  # one resolution for every command taking a fact
    assert admin.service.store.snapshot() == before
    run(admin, "about", fact="Alpha flew", value="yes", answer_kind="yesno")
    assert admin.kb.facts["cat-fact"].value == "yes"


def test_console_about_through_the_table(admin: AdminService) -> None:
    _console(admin, 'about fact="alpha cost" subjects="Alpha Project, quill" answer-kind=money value="12 million"')
    f = admin.kb.facts["alpha-budget"]
    assert (f.subjects, f.answer_kind, f.value) == (["contender:alpha", "person:ada"], "money", "12 million")


def test_every_shipped_fact_stays_settable_by_about() -> None:
    from bot.facts.editor import ANSWER_MAX, VALUE_MAX, clean_attribute
    from bot.seed.loader import load_seed  # the shipped race: what /facts about refuses, no seed fact has

    facts = load_seed()["facts"]
    assert {f["answer_kind"] for f in facts if f.get("answer_kind")} <= set(ANSWER_KINDS)
    assert all(clean_attribute(f["attribute"]) == f["attribute"] for f in facts if f.get("attribute"))
    assert all(len(f.get("value", "")) <= VALUE_MAX and len(f.get("answer", "")) <= ANSWER_MAX for f in facts)


# ---- /facts verdict ----------------------------------------------------------------------


def _dispute(admin: AdminService) -> dict[str, Any]:
    return to_dict(admin.kb.contradictions["alpha-budget-dispute"])


def test_verdict_marks_a_claim_wrong_and_ask_then_says_no_until_undone(admin: AdminService) -> None:
    asked = "someone said alpha cost 15 million, is that right?"
    assert not admin.service.ask(asked, STYLE).pages[0].description.startswith("**No**")
    before = _dispute(admin)
    outcome = run(admin, "verdict", contradiction="alpha-budget-dispute", claim=2, verdict="wrong")
    assert outcome.pending is None  # nothing to announce: applied at once
    assert [c.verdict for c in admin.kb.contradictions["alpha-budget-dispute"].claims] == ["", "wrong"]
    assert to_dict(load_kb(admin.service.store).contradictions["alpha-budget-dispute"]) == _dispute(admin)
    assert "Verdict on claim 2 of Alpha's budget: wrong" in admin.history(None, None, STYLE).pages[0].description
    reply = admin.service.ask(asked, STYLE)
    text = reply.pages[0].description
    assert text.startswith("**No**") and "12 million" in text and "15 million" in text  # both sides still shown
    run(admin, "undo")
    assert _dispute(admin) == before
    assert not admin.service.ask(asked, STYLE).pages[0].description.startswith("**No**")


def test_verdict_open_clears_it_and_better_is_kept(admin: AdminService) -> None:
    run(admin, "verdict", contradiction="alpha-budget-dispute", claim=1, verdict="better")
    run(admin, "verdict", contradiction="alpha-budget-dispute", claim=2, verdict="wrong")
    run(admin, "verdict", contradiction="alpha-budget-dispute", claim=2, verdict="open")
    assert [c.verdict for c in admin.kb.contradictions["alpha-budget-dispute"].claims] == ["better", ""]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"claim": 3}, "has no claim 3: its claims are numbered 1 to 2"),
        ({"claim": 0}, "has no claim 0"),
        ({"verdict": "maybe"}, "Unknown verdict “maybe”. Choose one of: better, wrong, open."),
        ({"contradiction": "no-such-dispute"}, "no-such-dispute"),
        ({"verdict": "open"}, "already marked open"),
    ],
)
def test_bad_verdict_is_refused_and_writes_nothing(admin: AdminService, values: dict[str, Any], message: str) -> None:
    before = admin.service.store.snapshot()
    with pytest.raises(UserError, match=message):
        run(admin, "verdict", **{"contradiction": "alpha-budget-dispute", "claim": 2, "verdict": "wrong", **values})
    assert admin.service.store.snapshot() == before


def test_console_verdict_through_the_table(admin: AdminService) -> None:
    _console(admin, "verdict contradiction=alpha-budget-dispute claim=2 verdict=wrong")
    assert admin.kb.contradictions["alpha-budget-dispute"].claims[1].verdict == "wrong"

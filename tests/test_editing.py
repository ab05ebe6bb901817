"""Editing: validated proposals, atomic application, exact undo, history."""

from __future__ import annotations

import pytest

from bot.ask.service import RaceService
from bot.core.changes import Actor
from bot.core.models import MilestoneStatus, Precision, Standing, to_dict
from bot.facts.editor import EditError, Editor
from bot.facts.history import Ledger
from bot.infra.tables import load_kb

ADMIN = Actor("42", "ada")


def editor(service: RaceService) -> Editor:
    return Editor(service.kb, service.store, clock=service.clock)


def test_set_date_records_old_value_and_persists(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    proposal = ed.set_date(ADMIN, "beta-launch", "2030-06-15", source="https://example.org/slip", reason="delay")
    assert mini_service.kb.milestones["beta-launch"].precision is Precision.MONTH  # nothing applied yet
    change = ed.apply(proposal)
    m = mini_service.kb.milestones["beta-launch"]
    assert (m.date, m.precision) == ("2030-06-15T00:00:00Z", Precision.DAY)
    assert m.history[-1].date == "2030-03-01T00:00:00Z" and m.history[-1].reason == "delay"
    assert "https://example.org/slip" in m.sources
    reloaded = load_kb(mini_service.store)
    assert to_dict(reloaded.milestones["beta-launch"]) == to_dict(m)
    assert ed.history("beta-launch")[0].id == change.id


def test_confirmed_milestone_moved_later_becomes_slipped(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    ed.apply(ed.set_date(ADMIN, "beta-test", "2030-02-01 12:00"))
    assert mini_service.kb.milestones["beta-test"].status is MilestoneStatus.SLIPPED


def test_undo_restores_exactly_and_is_itself_recorded(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    before = to_dict(mini_service.kb.milestones["beta-launch"])
    first = ed.apply(ed.set_date(ADMIN, "beta-launch", "2031-Q2"))
    undo = ed.apply(ed.undo(ADMIN))
    assert to_dict(mini_service.kb.milestones["beta-launch"]) == before
    assert to_dict(load_kb(mini_service.store).milestones["beta-launch"]) == before
    history = ed.history()
    assert [c.action for c in history[:2]] == ["undo", "set-date"]
    assert history[1].undone_by == undo.id and undo.undoes == first.id
    with pytest.raises(EditError, match="nothing to undo"):
        ed.undo(ADMIN)


def test_undo_refuses_when_item_changed_since(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    first = ed.apply(ed.set_date(ADMIN, "beta-launch", "2031"))
    ed.apply(ed.set_milestone_status(ADMIN, "beta-launch", "cancelled"))
    with pytest.raises(EditError, match="changed after"):
        ed.undo(ADMIN, first.id)


def test_stale_proposal_is_refused(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    stale = ed.set_date(ADMIN, "beta-launch", "2031")
    ed.apply(ed.set_date(ADMIN, "beta-launch", "2032"))
    with pytest.raises(EditError, match="meantime"):
        ed.apply(stale)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ed: ed.set_date(ADMIN, "beta-launch", "banana"), "can't read"),
        (lambda ed: ed.set_date(ADMIN, "beta-launch", "1900"), "outside"),
        (lambda ed: ed.set_date(ADMIN, "nope", "2030"), "no milestone"),
        (lambda ed: ed.set_milestone_status(ADMIN, "beta-launch", "exploded"), "Unknown status"),
        (lambda ed: ed.add_contender(ADMIN, "x" * 101, "contender", "", "", "https://e.org"), "too long"),
        (lambda ed: ed.add_fact(ADMIN, "y" * 1001, "budget", "https://e.org"), "too long"),
        (lambda ed: ed.add_fact(ADMIN, "fine", "budget", "javascript:alert(1)"), "http"),
        (lambda ed: ed.add_contender(ADMIN, "Alpha Project", "contender", "", "", "https://e.org"), "already"),
        (lambda ed: ed.remove(ADMIN, "contenders", "beta"), "still used"),
        (lambda ed: ed.set_about(ADMIN, "no-such-fact", value="1"), "no fact with id"),
        (lambda ed: ed.set_about(ADMIN, "alpha-budget", subjects=["person:zed"]), "no person with id “zed”"),
        (lambda ed: ed.set_about(ADMIN, "alpha-budget", subjects=["planet:mars"]), "contender, person or milestone"),
        (lambda ed: ed.set_about(ADMIN, "alpha-budget", subjects=[]), "at least one subject"),
        (lambda ed: ed.set_about(ADMIN, "alpha-budget", subjects=[f"person:p{n}" for n in range(11)]), "at most 10"),
        (lambda ed: ed.set_about(ADMIN, "alpha-budget", answer_kind="weight"), "Unknown answer kind"),
        (lambda ed: ed.set_about(ADMIN, "alpha-budget"), "at least one of"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(mini_service: RaceService, call, message: str) -> None:
    before = mini_service.store._storage._committed  # the exact bytes on "disk"
    with pytest.raises(EditError, match=message):
        call(editor(mini_service))
    assert mini_service.store._storage._committed == before


def test_failing_hook_rolls_back_everything(mini_service: RaceService) -> None:
    ed = editor(mini_service)

    def explode(*_args) -> None:
        raise RuntimeError("disk full")

    ed.hooks.append(explode)
    before = to_dict(mini_service.kb.milestones["beta-launch"])
    with pytest.raises(RuntimeError):
        ed.apply(ed.set_date(ADMIN, "beta-launch", "2031"))
    assert to_dict(mini_service.kb.milestones["beta-launch"]) == before
    assert ed.history() == []
    assert to_dict(load_kb(mini_service.store).milestones["beta-launch"]) == before


def test_merge_contenders_repoints_everything(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    ed.apply(ed.merge(ADMIN, "contenders", "alpha", "beta"))
    kb = mini_service.kb
    assert "beta" not in kb.contenders
    assert {m.contender for m in kb.milestones.values()} == {"alpha"}
    assert "Beta Mission" in kb.contenders["alpha"].aliases
    ed.apply(ed.undo(ADMIN))
    assert "beta" in kb.contenders and kb.milestones["beta-launch"].contender == "beta"


def test_mentions_are_neutralised(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    ed.apply(ed.add_fact(ADMIN, "@everyone look <@&123>", "ping", "https://e.org/x"))
    fact = next(f for f in mini_service.kb.facts.values() if "ping" in f.topics)
    assert "@everyone" not in fact.text and "<@&123>" not in fact.text


def test_rename_keeps_old_name_as_alias(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    ed.apply(ed.rename(ADMIN, "people", "ada", "Ada Q. Quill"))
    assert mini_service.kb.people["ada"].name == "Ada Q. Quill"
    assert "Ada Quill" in mini_service.kb.people["ada"].aliases
    assert mini_service.resolve_person("ada quill") == "ada"


def test_two_confirms_racing_the_second_is_refused_as_stale_not_lost(mini_service: RaceService) -> None:
    """Both previews were made from the same state; whichever commits second must see the first."""
    import threading

    ed = editor(mini_service)
    first = ed.set_date(ADMIN, "beta-launch", "2031")
    second = ed.set_date(ADMIN, "beta-launch", "2032")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def confirm(proposal) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        try:
            ed.apply(proposal)
            outcomes.append("applied")
        except EditError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=confirm, args=(p,)) for p in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes)[0] == "applied" and "meantime" in sorted(outcomes)[1]
    assert len(ed.history("beta-launch")) == 1  # one change recorded, the other refused: nothing lost silently
    assert to_dict(load_kb(mini_service.store).milestones["beta-launch"]) == to_dict(
        mini_service.kb.milestones["beta-launch"]
    )


def test_building_writes_nothing_and_the_ledger_is_the_one_writer(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    before = mini_service.store.snapshot()
    proposals = [
        ed.add_question(ADMIN, "people", "ada", "Who flew the cat?"),
        ed.set_role(ADMIN, "ada", "beta", functions="pilot", standing="backup"),
        ed.rename(ADMIN, "contenders", "beta", "Beta II"),
    ]
    assert mini_service.store.snapshot() == before and ed.history() == []
    assert isinstance(ed.ledger, Ledger) and ed.hooks is ed.ledger.hooks
    change = ed.ledger.apply(proposals[0])
    assert ed.ledger.history("ada")[0].id == change.id


def test_merging_contenders_keeps_typed_roles(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    ed.apply(ed.set_role(ADMIN, "ada", "alpha", functions="pilot, commander", standing="prime", lead=True))
    ed.apply(ed.merge(ADMIN, "contenders", "beta", "alpha"))
    (role,) = mini_service.kb.people["ada"].roles
    assert (role.contender, role.functions, role.standing, role.lead) == (
        "beta",
        ["pilot", "commander"],
        Standing.PRIME,
        True,
    )


def test_set_about_changes_only_the_given_fields_and_undoes_exactly(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    before = to_dict(mini_service.kb.facts["alpha-budget"])
    proposal = ed.set_about(
        ADMIN, "alpha-budget", subjects=["contender:alpha", "person:ada", "contender:alpha"], value=" 12  million "
    )
    assert to_dict(mini_service.kb.facts["alpha-budget"]) == before  # building writes nothing
    assert proposal.summary == "About: alpha-budget — subjects Alpha Project, Ada Quill; value “12 million”"
    ed.apply(proposal)
    assert to_dict(mini_service.kb.facts["alpha-budget"]) == {
        **before,
        "subjects": ["contender:alpha", "person:ada"],  # once each, primary first
        "value": "12 million",
    }
    ed.apply(ed.undo(ADMIN))
    assert to_dict(mini_service.kb.facts["alpha-budget"]) == before
    assert to_dict(load_kb(mini_service.store).facts["alpha-budget"]) == before


def test_undoing_a_removal_puts_the_item_back_where_it_stood(mini_service: RaceService) -> None:
    ed = editor(mini_service)
    order = list(mini_service.kb.milestones)
    middle = order[len(order) // 2]
    ed.apply(ed.remove(ADMIN, "milestones", middle))
    assert middle not in mini_service.kb.milestones
    ed.apply(ed.undo(ADMIN))
    assert list(mini_service.kb.milestones) == order
    assert [doc["id"] for doc in mini_service.store.table("milestones").all()] == order

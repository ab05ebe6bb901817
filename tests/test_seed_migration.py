"""A database seeded by an older seed gets the fields a newer one added, without losing an admin's edits."""

from __future__ import annotations

import copy

from bot.infra.store import Store
from bot.infra.tables import load_kb
from bot.seed.loader import ensure_seeded, load_seed


def _as_version_1(seed: dict) -> dict:  # type: ignore[type-arg]
    """The seed as version 1 shipped it: no questions, untyped roles, facts without subjects."""
    old = copy.deepcopy(seed)
    old["seed_version"] = 1
    for name in ("contenders", "people", "milestones", "facts", "contradictions"):
        for item in old[name]:
            for key in ("questions", "subjects", "attribute", "answer_kind", "value", "answer", "crewed"):
                item.pop(key, None)
    for person in old["people"]:
        person["roles"] = [{"contender": r["contender"], "role": r["role"]} for r in person["roles"]]
    return old


def test_an_older_database_gets_questions_typed_roles_and_subjects() -> None:
    seed = load_seed()
    store = Store.memory()
    ensure_seeded(store, _as_version_1(seed))
    before = load_kb(store)
    assert not before.facts["days-aboard"].subjects and not before.people["shipenko"].roles[0].functions
    store.run(lambda s: s.table("people").update({"summary": "Edited by an admin."}, lambda d: d["id"] == "peresild"))
    outcome = ensure_seeded(store, seed)
    assert outcome.startswith(f"seed upgraded to version {seed['seed_version']}")
    kb = load_kb(store)
    assert kb.facts["days-aboard"].subjects[0] == "contender:challenge" and kb.facts["days-aboard"].value
    assert "director" in kb.people["shipenko"].roles[0].functions
    assert kb.milestones["soyuz-ms-19-launch"].crewed and kb.people["peresild"].questions["ru"]
    assert kb.people["peresild"].summary == "Edited by an admin."  # an edit is never overwritten


def test_a_version_2_database_gets_the_rewritten_questions_and_keeps_an_admins() -> None:
    seed = load_seed()
    old = copy.deepcopy(seed)
    old["seed_version"] = 2
    partners = next(f for f in old["facts"] if f["id"] == "challenge-partners")
    partners["questions"] = {"en": ["who made the challenge"], "ru": ["кто снял фильм «Вызов»"]}
    store = Store.memory()
    ensure_seeded(store, old)
    store.run(
        lambda s: s.table("facts").update(
            {"questions": {**partners["questions"], "en": ["who made the challenge", "an admin's own question"]}},
            lambda d: d["id"] == "challenge-partners",
        )
    )
    assert ensure_seeded(store, seed).startswith(f"seed upgraded to version {seed['seed_version']}")
    kb = load_kb(store)
    new = kb.facts["challenge-partners"].questions
    expected = next(f for f in seed["facts"] if f["id"] == "challenge-partners")["questions"]
    assert set(expected["en"]) | {"an admin's own question"} <= set(new["en"])
    moved = "кто снял фильм «Вызов»"  # asks for the director: the seed moved it to Shipenko
    assert moved in kb.people["shipenko"].questions["ru"] and moved not in new["ru"]


def test_a_version_3_database_gets_the_russian_texts() -> None:
    seed = load_seed()
    old = copy.deepcopy(seed)
    old["seed_version"] = 3
    for name in ("contenders", "people", "milestones", "facts", "contradictions"):
        for item in old[name]:
            item.pop("texts", None)
    old["race"].pop("texts", None)
    store = Store.memory()
    ensure_seeded(store, old)
    assert not load_kb(store).people["peresild"].texts
    ensure_seeded(store, seed)
    kb = load_kb(store)
    assert kb.people["peresild"].texts["ru"]["name"] == "Юлия Пересильд"
    assert kb.race.texts["ru"]["summary"]


def test_a_version_4_database_gets_the_larger_question_bank_and_keeps_an_admins() -> None:
    """Seed version 5 doubled the questions items answer; an upgraded database answers like a new one."""
    seed = load_seed()
    old = copy.deepcopy(seed)
    old["seed_version"] = 4
    for name in ("contenders", "people", "milestones", "facts", "contradictions"):
        for item in old[name]:
            item["questions"] = {lang: qs[:2] for lang, qs in item.get("questions", {}).items()}
    store = Store.memory()
    ensure_seeded(store, old)
    store.run(
        lambda s: s.table("milestones").update(
            {"questions": {"en": ["an admin's own question"]}}, lambda d: d["id"] == "soyuz-ms-19-launch"
        )
    )
    assert ensure_seeded(store, seed) == f"seed upgraded to version {seed['seed_version']}: 0 new item(s)"
    kb = load_kb(store)
    wanted = next(m for m in seed["milestones"] if m["id"] == "soyuz-ms-19-launch")["questions"]
    have = kb.milestones["soyuz-ms-19-launch"].questions
    assert set(wanted["en"]) | {"an admin's own question"} <= set(have["en"]) and set(wanted["ru"]) <= set(have["ru"])
    assert len(wanted["en"]) > 2


def test_a_version_5_database_takes_the_recorded_yes_or_no_and_keeps_an_admins_own() -> None:
    """Seed version 6 records the answer of items' yes/no questions ("… → no"); an upgraded database
    has each such question once, in the seed's form, except where an admin recorded an answer of their own."""
    from bot.core.text import split_said

    seed = load_seed()
    old = copy.deepcopy(seed)
    old["seed_version"] = 5
    for name in ("contenders", "people", "milestones", "facts", "contradictions"):
        for item in old[name]:
            item["questions"] = {lang: [split_said(q)[0] for q in qs] for lang, qs in item.get("questions", {}).items()}
    tweet = next(m for m in seed["milestones"] if m["id"] == "bridenstine-tweet")
    recorded = next(q for q in tweet["questions"]["en"] if split_said(q)[1])
    mine = split_said(recorded)[0] + (" → no" if split_said(recorded)[1] == "yes" else " → yes")
    store = Store.memory()
    ensure_seeded(store, old)
    store.run(
        lambda s: s.table("milestones").update({"questions": {"en": [mine]}}, lambda d: d["id"] == "bridenstine-tweet")
    )
    ensure_seeded(store, seed)
    have = load_kb(store).milestones["bridenstine-tweet"].questions["en"]
    assert mine in have and recorded not in have  # the admin's own answer stays, once
    assert len({split_said(q)[0] for q in have}) == len(have)
    cast = load_kb(store).milestones["soyuz-ms-19-launch"].questions["en"]
    wanted = next(m for m in seed["milestones"] if m["id"] == "soyuz-ms-19-launch")["questions"]["en"]
    assert cast == wanted  # the seed's form, recorded answers included


def test_a_version_6_database_gets_the_claims_verdicts_and_keeps_an_admins_claim() -> None:
    """Seed version 7 says which claim of a contradiction is better sourced and which an error; a
    claim an admin reworded keeps having no verdict (the seed's verdict was about other words)."""
    seed = load_seed()
    old = copy.deepcopy(seed)
    old["seed_version"] = 6
    for item in old["contradictions"]:
        for claim in item["claims"]:
            claim.pop("verdict", None)
    store = Store.memory()
    ensure_seeded(store, old)
    assert all(not c.verdict for c in load_kb(store).contradictions["docking-manual-or-automatic"].claims)

    def reword(s: Store) -> None:
        table = s.table("contradictions")
        [doc] = table.search(lambda d: d["id"] == "vehicle-mix-ups")
        claims = [dict(c) for c in doc["claims"]]
        claims[0]["text"] = "Reworded by an admin."
        table.update({"claims": claims}, doc_ids=[doc.doc_id])

    store.run(reword)
    ensure_seeded(store, seed)
    kb = load_kb(store)
    assert [c.verdict for c in kb.contradictions["docking-manual-or-automatic"].claims] == ["better", "wrong"]
    mix_ups = kb.contradictions["vehicle-mix-ups"].claims
    assert mix_ups[0].verdict == "" and mix_ups[0].text == "Reworded by an admin." and mix_ups[3].verdict == "better"

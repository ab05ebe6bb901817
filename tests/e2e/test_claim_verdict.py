"""/facts verdict through discord.py and the emulator: an admin marks one claim of a dispute an error,
and a member who then asks whether that claim is right is told "No", with every side still shown."""

from __future__ import annotations

from bot.core.models import to_dict
from tests.e2e.conftest import Harness

ASKED = "someone told me they got more than 30 hours of raw footage up there, is that right?"


async def test_an_admin_marks_a_claim_wrong_and_a_member_asking_about_it_hears_no(harness: Harness) -> None:
    h = harness
    before = to_dict(h.service.kb.contradictions["amount-of-footage"])
    member = h.emu.add_member(h.home.guild, "member")
    first = await h.emu.invoke("ask", {"question": ASKED}, user=member, channel=h.home.general)
    assert not first.text.startswith("**No**")
    offered = await h.emu.autocomplete(
        "facts verdict", {"contradiction": "footage"}, "contradiction", user=h.home.admin, channel=h.home.general
    )
    assert {"name": "Amount of footage from orbit", "value": "amount-of-footage"} in offered
    done = await h.emu.invoke(
        "facts verdict",
        {"contradiction": "amount-of-footage", "claim": 1, "verdict": "wrong"},
        user=h.home.admin,
        channel=h.home.general,
    )
    assert done.ephemeral and "applied" in done.text and "Verdict on claim 1 of Amount of footage" in done.text
    told = await h.emu.invoke("ask", {"question": ASKED}, user=member, channel=h.home.general)
    assert "**No**" in told.text and "30 hours" in told.text and "35–40 minutes" in told.text  # both sides shown
    refused = await h.emu.invoke(
        "facts verdict",
        {"contradiction": "amount-of-footage", "claim": 9, "verdict": "wrong"},
        user=h.home.admin,
        channel=h.home.general,
    )
    assert refused.ephemeral and "has no claim 9: its claims are numbered 1 to 2" in refused.text
    not_admin = await h.emu.invoke(
        "facts verdict",
        {"contradiction": "amount-of-footage", "claim": 2, "verdict": "wrong"},
        user=member,
        channel=h.home.general,
    )
    assert not_admin.ephemeral and h.service.kb.contradictions["amount-of-footage"].claims[1].verdict == ""
    await h.emu.invoke("facts undo", {}, user=h.home.admin, channel=h.home.general)
    assert to_dict(h.service.kb.contradictions["amount-of-footage"]) == before

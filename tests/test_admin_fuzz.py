"""A thousand malformed admin inputs never crash and never write anything."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import App
from bot.ask.service import RaceService, UserError
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.infra.store import Store
from bot.seed.loader import ensure_seeded
from tests.mini_race import mini_race

ADMIN = Actor("1", "fuzz")
STYLE = IsoStyle()
junk = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "",
            " ",
            "@everyone",
            "<@&1>",
            "javascript:alert(1)",
            "2021-13-45",
            "1800",
            "Q5 2026",
            "x" * 1001,
            "TBD",
            "beta",
            "Beta launch",
            "banana",
            "ftp://x",
            "http://",
        ]
    ),
)
COMMANDS = ["date", "status", "add", "rename", "remove", "merge", "source", "contradiction", "track", "pin"]


def _service() -> RaceService:
    store = Store.memory()
    ensure_seeded(store, mini_race())
    return RaceService(store)


SERVICE = _service()
ADMIN_SERVICE = App.around(SERVICE).facts


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(COMMANDS), a=junk, b=junk, c=junk, kind=junk)
def test_malformed_admin_input_is_refused_cleanly(command: str, a: str, b: str, c: str, kind: str) -> None:
    before = SERVICE.store.snapshot()
    admin = ADMIN_SERVICE
    calls = {
        "date": lambda: admin.set_date(ADMIN, a, b, c, "", STYLE),
        "status": lambda: admin.set_status(ADMIN, kind, a, b, c, "", STYLE),
        "add": lambda: admin.add(ADMIN, kind, STYLE, name=a, source=b, text=c, contender=a, date=b),
        "rename": lambda: admin.rename(ADMIN, kind, a, b, STYLE),
        "remove": lambda: admin.remove(ADMIN, kind, a, c, STYLE),
        "merge": lambda: admin.merge(ADMIN, kind, a, b, STYLE),
        "source": lambda: admin.source(ADMIN, "add", kind, a, b, STYLE),
        "contradiction": lambda: admin.contradiction(ADMIN, a, b, c, a, kind, "", "", STYLE),
        "track": lambda: admin.track(ADMIN, a, b, STYLE),
        "pin": lambda: admin.pin(ADMIN, a, True, STYLE),
    }
    try:
        outcome = calls[command]()
    except UserError as exc:
        assert str(exc)  # a clear message
        assert SERVICE.store.snapshot() == before
        return
    # Some junk is valid (e.g. "Beta launch" + "TBD"): then it must be a preview or a clean, undoable change.
    if outcome.pending is None and SERVICE.store.snapshot() != before:
        admin.undo(ADMIN, None, STYLE, confirm=False)

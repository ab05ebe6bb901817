"""``/facts …`` in the console, where the operator is an admin.

Options are written like Discord's: ``name=value`` (quote values with spaces), e.g.
``/facts date milestone="Soyuz MS-19 launch" date="2021-10-06 09:00" reason="typo"``.
A change that would be announced is previewed and needs a ``yes`` on the next line.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from bot.core.cards import Card, Reply, paginate
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.core.errors import UserError
from bot.facts.service import AdminService, Outcome

STYLE = IsoStyle()
OPERATOR = Actor("console", "console operator")

USAGE = """/facts commands (name=value options; quote values with spaces):
  date milestone=… date=… [source=URL] [reason=…]
  status kind=milestone|contender name=… status=… [source=URL] [reason=…]
  add kind=milestone|contender|person|fact source=URL [name=…] [contender=…] [text=…] [date=…]
      [milestone_kind=…] [status=…] [role=…] [topics=…]
  contradiction title=… claim_a=… source_a=URL claim_b=… source_b=URL [topics=…] [contender=…]
  rename kind=… name=… new_name=…
  remove kind=… name=… [reason=…]
  merge kind=… keep=… duplicate=…
  source action=add|remove kind=… name=… url=URL
  track milestone=… launch_id=UUID   (follow Launch Library 2; the running bot polls it)
  untrack milestone=…
  pin milestone=… [pinned=yes|no]
  history [kind=… name=…]
  undo [change=N]
  export [file=PATH]
  import file=PATH"""


def parse_options(text: str) -> dict[str, str]:
    try:
        parts = shlex.split(text)
    except ValueError as exc:
        raise UserError(f"Could not read the options: {exc}") from None
    options: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep:
            raise UserError(f"Options are written name=value; got “{part}”. Type /facts for help.")
        options[key.strip().lower().replace("-", "_")] = value
    return options


def _need(options: dict[str, str], *names: str) -> list[str]:
    missing = [n for n in names if not options.get(n)]
    if missing:
        raise UserError(f"Missing option(s): {', '.join(missing)}. Type /facts for help.")
    return [options[n] for n in names]


def _int(value: str | None) -> int | None:
    if not value:
        return None
    if not value.lstrip("#").isdigit():
        raise UserError(f"“{value}” is not a change number.")
    return int(value.lstrip("#"))


def run_facts(
    admin: AdminService, rest: str, read_file: Callable[[str], bytes], write_file: Callable[[str, bytes], None]
) -> Outcome:
    sub, _, tail = rest.strip().partition(" ")
    o = parse_options(tail)
    g = o.get
    if sub == "date":
        m, d = _need(o, "milestone", "date")
        return admin.set_date(OPERATOR, m, d, g("source", ""), g("reason", ""), STYLE)
    if sub == "status":
        k, n, s = _need(o, "kind", "name", "status")
        return admin.set_status(OPERATOR, k, n, s, g("source", ""), g("reason", ""), STYLE)
    if sub == "add":
        (kind,) = _need(o, "kind")
        values = {("kind" if k == "milestone_kind" else k): v for k, v in o.items() if k != "kind"}
        return admin.add(OPERATOR, kind, STYLE, **values)
    if sub == "contradiction":
        t, a, sa, b, sb = _need(o, "title", "claim_a", "source_a", "claim_b", "source_b")
        return admin.contradiction(OPERATOR, t, a, sa, b, sb, g("topics", ""), g("contender", ""), STYLE)
    if sub == "rename":
        return admin.rename(OPERATOR, *_need(o, "kind", "name", "new_name"), STYLE)
    if sub == "remove":
        return admin.remove(OPERATOR, *_need(o, "kind", "name"), g("reason", ""), STYLE)
    if sub == "merge":
        return admin.merge(OPERATOR, *_need(o, "kind", "keep", "duplicate"), STYLE)
    if sub == "source":
        return admin.source(OPERATOR, *_need(o, "action", "kind", "name", "url"), STYLE)
    if sub == "track":
        return admin.track(OPERATOR, *_need(o, "milestone", "launch_id"), STYLE)
    if sub == "untrack":
        return admin.untrack(OPERATOR, *_need(o, "milestone"), STYLE)
    if sub == "pin":
        (milestone,) = _need(o, "milestone")
        return admin.pin(OPERATOR, milestone, g("pinned", "yes").lower() not in ("no", "false", "0", "off"), STYLE)
    if sub == "history":
        return Outcome(admin.history(g("kind"), g("name"), STYLE))
    if sub == "undo":
        return admin.undo(OPERATOR, _int(g("change")), STYLE)
    if sub == "export":
        name, data = admin.export()
        path = g("file", name)
        write_file(path, data)
        return Outcome(_note(f"Exported {len(data)} bytes to {path}."))
    if sub == "import":
        (path,) = _need(o, "file")
        try:
            raw = read_file(path)
        except OSError as exc:
            raise UserError(f"Cannot read {path}: {exc.strerror}") from None
        return admin.plan_import(OPERATOR, raw, STYLE)
    return Outcome(_note(USAGE))


def _note(text: str) -> Reply:
    return Reply(pages=paginate(Card(description=text)), ephemeral=True)

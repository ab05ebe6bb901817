"""A real PostgreSQL server for the tests, started by the tests themselves: never mocked away.

``initdb`` into a temporary directory, ``pg_ctl start`` listening only on a Unix socket in that
directory (no TCP port to collide with), one fresh database per test, stopped at the end of the
session. The binaries are found on PATH or in ``/usr/lib/postgresql/*/bin`` (Debian's layout);
without them every PostgreSQL test skips and says why. ``initdb`` refuses to run as root, so as
root (CI, this sandbox) the server runs as the ``postgres`` user the Debian package creates (or
``nobody``), through ``runuser``.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.infra.store import Store

SUPERUSER = "racebot"
NOT_FOUND = (
    "PostgreSQL tests skipped: no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in "
    "/usr/lib/postgresql/*/bin; `.ci/run` installs them (apt-get install postgresql)"
)


def find_bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are: PATH first, else the newest Debian version."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4] or 0))
    return Path(versions[-1]).parent if versions else None


def _run_as() -> tuple[list[str], str | None]:
    """The command prefix that runs the server's tools as a user initdb accepts, and that user."""
    if os.geteuid() != 0:
        return [], None
    runuser = shutil.which("runuser")
    for user in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(user)
            if runuser:
                return [runuser, "-u", user, "--"], user
    raise RuntimeError("running as root without runuser or a postgres/nobody user: initdb cannot run")


@dataclass
class PgServer:
    """One server in a temporary directory; :meth:`url` names a database on it."""

    bindir: Path
    root: Path
    prefix: list[str] = field(default_factory=list)
    _names: Iterator[int] = field(default_factory=itertools.count)

    @classmethod
    def start_new(cls, bindir: Path) -> PgServer:
        prefix, user = _run_as()
        root = Path(tempfile.mkdtemp(prefix="race-pg-", dir="/tmp"))  # short: a socket path has ~100 bytes
        if user is not None:
            info = pwd.getpwnam(user)
            os.chown(root, info.pw_uid, info.pw_gid)
        server = cls(bindir, root, prefix)
        server._tool("initdb", "-D", str(server.data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--no-locale",
                     "--no-sync")  # fmt: skip
        server.start()
        return server

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _tool(self, name: str, *args: str) -> None:
        cmd = [*self.prefix, str(self.bindir / name), *args]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd="/")
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{name} failed: {result.stdout}{result.stderr}{tail}")

    def start(self) -> None:
        options = f"-k {self.root} -c listen_addresses='' -c max_connections=60 -c fsync=on"
        self._tool("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w", "-t", "60",
                   "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """``fast`` is a clean shutdown; ``immediate`` is a crash (no checkpoint, WAL replayed at start)."""
        self._tool("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.root}"

    def create_database(self) -> str:
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def destroy(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """A server of its own (for tests that crash it), or a skip when there are no binaries."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(NOT_FOUND)
    server = PgServer.start_new(bindir)
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@dataclass
class Backend:
    """A way to open the same database again, whichever backend holds it."""

    name: str
    factory: Callable[[], Store]
    opened: list[Store] = field(default_factory=list)

    def open(self) -> Store:
        store = self.factory()
        self.opened.append(store)
        return store


@pytest.fixture(params=["tinydb", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Each store test once against the TinyDB file and once against a real PostgreSQL database."""
    if request.param == "tinydb":
        made = Backend("tinydb", lambda: Store(tmp_path / "db.json"))
    else:
        from bot.infra.pg_store import PgStore

        url = request.getfixturevalue("pg_url")
        made = Backend("postgresql", lambda: PgStore(url))
    yield made
    for store in made.opened:
        store.close()

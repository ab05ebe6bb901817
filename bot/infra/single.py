"""One process per TinyDB file: a second ``race-bot run`` or console on the same data is refused.

The file store keeps the whole database in memory and writes it whole on each commit, so two
processes on one file would each overwrite the other's commits: acknowledged edits would be lost.
An exclusive ``flock`` on ``DATA_DIR/race.lock`` for as long as the process works on the data
makes the second one stop with a message instead. The lock goes with the process (``kill -9``
included), so a crash never leaves a stale lock behind. Several processes need PostgreSQL.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from bot.core.errors import StoreError

LOCK_NAME = "race.lock"


@contextlib.contextmanager
def hold_data_dir(data_dir: Path) -> Iterator[None]:
    """Hold the data directory for this process, or raise :class:`StoreError` if another holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "another process"
            raise StoreError(
                f"{data_dir / 'race.json'} is in use by race-bot process {holder}; a TinyDB file serves one "
                f"process at a time. Stop that one first, or use PostgreSQL (DATABASE_URL) to run several."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock

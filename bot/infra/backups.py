"""Daily backups of the database and a validated restore.

A backup is the last committed document written atomically to ``DATA_DIR/backups``; only the
newest N are kept. A restore first proves the file is a readable knowledge base of a schema we
understand, backs up the current database, then atomically replaces it. With PostgreSQL the
backups are the same files (the store's snapshot is in the TinyDB format) and a restore replaces
the rows in one transaction (:func:`restore_into`), so a backup restores into either backend.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from bot.core.kb import KnowledgeBase
from bot.infra.store import Store, StoreError, atomic_write
from bot.infra.tables import load_kb

PREFIX = "race-"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def make_backup(store: Store, db_path: Path, keep: int, now: datetime) -> Path:
    target = backup_dir(db_path) / f"{PREFIX}{now:%Y%m%dT%H%M%SZ}.json"
    atomic_write(target, store.snapshot())
    for old in list_backups(db_path)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def list_backups(db_path: Path) -> list[Path]:
    folder = backup_dir(db_path)
    return sorted(folder.glob(f"{PREFIX}*.json")) if folder.is_dir() else []


def _validated(source: Path) -> tuple[Store, KnowledgeBase]:
    """The backup as a store and its knowledge base, or StoreError saying why it cannot be restored."""
    if not source.is_file():
        raise StoreError(f"{source}: no such backup file")
    try:
        candidate = Store(source)
        kb = load_kb(candidate)
    except StoreError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise StoreError(f"{source} is not a valid race database: {exc}") from None
    if not kb.contenders:
        raise StoreError(f"{source} holds no contenders; refusing to restore an empty database")
    return candidate, kb


def restore(db_path: Path, source: Path, now: datetime, keep: int) -> str:
    """Replace the database with ``source`` after validating it; returns a summary line."""
    _, kb = _validated(source)
    if db_path.exists():
        make_backup(Store(db_path), db_path, keep + 1, now)
    atomic_write(db_path, source.read_text(encoding="utf-8"))
    return f"restored {source} ({len(kb.contenders)} contenders, {len(kb.milestones)} milestones)"


def restore_into(store: Store, source: Path, now: datetime, keep: int) -> str:
    """:func:`restore` into an open store (PostgreSQL: there is no file to swap), in one transaction.

    The current data is backed up first beside ``store.path``, as a file restore does."""
    candidate, kb = _validated(source)
    if store.path is not None and not store.is_empty:
        make_backup(store, store.path, keep + 1, now)
    store.replace_all(json.loads(candidate.snapshot()))
    return f"restored {source} ({len(kb.contenders)} contenders, {len(kb.milestones)} milestones)"

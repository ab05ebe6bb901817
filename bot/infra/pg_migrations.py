"""The PostgreSQL schema, as numbered steps applied once each, in order, at start or by ``race-bot migrate``.

A file store needs no schema; a server does, and it outlives the code that created it. So the
schema is never "created if missing" ad hoc: each change is a new step appended here (never an
edited one), recorded in ``race_migrations`` when applied. Steps run in one transaction under a
table lock, so two processes starting together apply each step exactly once, and a failed step
leaves the schema as it was. A database migrated by a newer bot is refused, not guessed at.

The documents' own format (``_meta.schema_version``) is versioned separately by the store, as for
TinyDB: these steps are about tables and indexes only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.core.errors import StoreError

if TYPE_CHECKING:
    import psycopg

TABLE = "race_migrations"
DOCUMENTS = "race_documents"
VERSIONS = "race_table_versions"  # one number per table, new on every commit that changes it (see PgStore)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


# Append only. Each step is plain SQL run inside the migrating transaction.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "documents",
        f"""
        CREATE TABLE {DOCUMENTS} (
            table_name text NOT NULL,
            doc_id integer NOT NULL,
            doc jsonb NOT NULL,
            PRIMARY KEY (table_name, doc_id)
        )
        """,
    ),
    Migration(
        2,
        "table versions",
        f"""
        CREATE SEQUENCE race_version_seq;
        CREATE TABLE {VERSIONS} (table_name text PRIMARY KEY, version bigint NOT NULL);
        INSERT INTO {VERSIONS} (table_name, version)
            SELECT table_name, nextval('race_version_seq') FROM (SELECT DISTINCT table_name FROM {DOCUMENTS}) AS t;
        """,
    ),
)

LATEST = MIGRATIONS[-1].version


def applied(conn: psycopg.Connection[Any]) -> list[int]:
    """The versions recorded in the database (empty before the first migration)."""
    exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (TABLE,)).fetchone()
    if not exists or not exists[0]:
        return []
    return [int(row[0]) for row in conn.execute(f"SELECT version FROM {TABLE} ORDER BY version")]


def migrate(conn: psycopg.Connection[Any]) -> list[Migration]:
    """Apply the pending steps in one transaction; returns those applied (none when up to date).

    ``conn`` must be in autocommit mode with no transaction open (the store's connection is)."""
    with conn.transaction():
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} "
            "(version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        conn.execute(f"LOCK TABLE {TABLE} IN SHARE ROW EXCLUSIVE MODE")  # a second starter waits, then sees ours
        done = set(applied(conn))
        newer = max(done, default=0)
        if newer > LATEST:
            raise StoreError(
                f"the PostgreSQL database has schema migration {newer}, newer than this bot knows ({LATEST}); "
                f"upgrade race-bot"
            )
        pending = [m for m in MIGRATIONS if m.version not in done]
        for step in pending:
            conn.execute(step.sql)
            conn.execute(f"INSERT INTO {TABLE} (version, name) VALUES (%s, %s)", (step.version, step.name))
    return pending

"""Which process runs the jobs that must run once: feed polls, reminders, releasing alerts, backups.

One bot process on a file store is always the one. Several processes on one PostgreSQL database
elect one with an advisory lock (:class:`bot.infra.pg_locks.PgLeadership`): the process holding
it runs the jobs; when it dies its connection closes, the server frees the lock, and the next
process to ask takes over. Every process asks before each run of such a job, so the jobs move to
another process within one job interval.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


class Leadership:
    """The only process there is: always elected."""

    async def holds(self) -> bool:
        """Whether this process should run the elected jobs now (asks the database where there is one)."""
        return True

    @property
    def held(self) -> bool:
        """The answer of the last :meth:`holds`, without asking (for health and metrics)."""
        return True

    def close(self) -> None:
        """Give up the election (on stop), so another process takes the jobs at once."""

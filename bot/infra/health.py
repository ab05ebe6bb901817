"""Health and metrics over HTTP (aiohttp), for Docker's HEALTHCHECK and for Prometheus.

``/healthz`` answers 200 when every check passes (gateway connected, scheduler running, store
writable) and 503 with the list of failing checks otherwise. ``/metrics`` is the Prometheus text
format from prometheus-client, which does the exposition correctly (types, escaping, histograms)
so we don't hand-write it. The server binds 127.0.0.1 unless configured otherwise.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

log = logging.getLogger(__name__)

Check = Callable[[], bool]


class Metrics:
    """Everything the bot counts, in its own registry (tests get a fresh one each)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.commands = Counter("racebot_commands_total", "Commands served", ["command", "outcome"], registry=r)
        self.latency = Histogram(
            "racebot_command_seconds",
            "Time from interaction to answer",
            ["command"],
            registry=r,
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10),
        )
        self.alerts = Counter("racebot_alert_deliveries_total", "Alert deliveries by result", ["result"], registry=r)
        self.outbox = Gauge("racebot_outbox_depth", "Alerts and deliveries not yet sent", registry=r)
        self.feed_polls = Counter("racebot_feed_polls_total", "Upstream feed polls", ["feed", "outcome"], registry=r)
        self.gateway_latency = Gauge("racebot_gateway_latency_seconds", "Discord gateway heartbeat latency", registry=r)
        self.elected = Gauge("racebot_elected", "1 if this process runs the once-only jobs", registry=r)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class HealthServer:
    def __init__(
        self,
        checks: dict[str, Check],
        metrics: Metrics,
        *,
        refresh: Callable[[], None] | None = None,
        about: Callable[[], dict[str, object]] | None = None,
    ) -> None:
        self.checks = checks
        self.metrics = metrics
        self.refresh = refresh or (lambda: None)
        self.about = about or dict  # what /healthz says of this process besides its checks
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    def status(self) -> tuple[bool, list[str]]:
        failing = []
        for name, check in self.checks.items():
            try:
                ok = check()
            except Exception:  # a broken check is a failing check, not a crashed endpoint
                log.exception("health check %s raised", name)
                ok = False
            if not ok:
                failing.append(name)
        return not failing, failing

    async def _healthz(self, _request: web.Request) -> web.Response:
        healthy, failing = await asyncio.to_thread(self.status)  # the store check touches the disk
        body = {"status": "ok" if healthy else "unhealthy", "failing": failing, **self.about()}
        return web.Response(status=200 if healthy else 503, text=json.dumps(body), content_type="application/json")

    async def _metrics(self, _request: web.Request) -> web.Response:
        self.refresh()
        return web.Response(body=self.metrics.render(), headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def start(self, host: str, port: int) -> int:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        addresses = self._runner.addresses  # (host, port, …) of each listening socket
        self.port = int(addresses[0][1]) if addresses else port
        log.info("health server listening host=%s port=%s", host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

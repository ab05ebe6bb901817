"""A local stand-in for Launch Library 2: LL2-shaped JSON on 127.0.0.1, changeable between polls.

Real field names and nesting (``net_precision`` and ``status`` are objects with id, name, abbrev),
filtering by ``id__in``, and faults on demand: 429 with Retry-After, 5xx, slow answers, broken
JSON, records with fields missing, and launches that disappear.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

PRECISION_NAMES = {1: ("Minute", "MIN"), 5: ("Day", "Day"), 7: ("Month", "Month"), 11: ("Quarter 4", "Q4")}
STATUS_NAMES = {
    1: ("Go for Launch", "Go"),
    2: ("To Be Determined", "TBD"),
    3: ("Launch Successful", "Success"),
    8: ("To Be Confirmed", "TBC"),
}


def launch(launch_id: str, net: str, precision: int = 1, status: int = 1, name: str = "Test launch") -> dict:
    pname, pabbrev = PRECISION_NAMES.get(precision, ("Other", "?"))
    sname, sabbrev = STATUS_NAMES.get(status, ("Other", "?"))
    return {
        "id": launch_id,
        "url": f"https://ll.thespacedevs.com/2.3.0/launches/{launch_id}/",
        "name": name,
        "net": net,
        "net_precision": {"id": precision, "name": pname, "abbrev": pabbrev, "description": ""},
        "window_start": net,
        "window_end": net,
        "status": {"id": status, "name": sname, "abbrev": sabbrev, "description": ""},
        "last_updated": "2026-11-24T12:00:00Z",
    }


class FakeLL2:
    def __init__(self) -> None:
        self.launches: dict[str, dict[str, Any]] = {}
        self.requests: list[dict[str, str]] = []
        self.fault: str | None = None  # "429", "500", "slow", "garbage", "partial"
        self.retry_after = 120
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def _handle(self, request: web.Request) -> web.Response:
        self.requests.append(dict(request.query) | {"auth": request.headers.get("Authorization", "")})
        fault, self.fault = self.fault, None
        if fault == "429":
            return web.json_response(
                {"detail": "Request was throttled."}, status=429, headers={"Retry-After": str(self.retry_after)}
            )
        if fault == "500":
            return web.json_response({"detail": "boom"}, status=500)
        if fault == "slow":
            await asyncio.sleep(5)
        if fault == "garbage":
            return web.Response(text='{"count": 1, "results": [', content_type="application/json")
        ids = [i for i in request.query.get("id__in", "").split(",") if i]
        results = [dict(self.launches[i]) for i in ids if i in self.launches]
        if fault == "partial":
            results = [{k: v for k, v in r.items() if k != "net"} for r in results]
        body = {"count": len(results), "next": None, "previous": None, "results": results}
        return web.Response(text=json.dumps(body), content_type="application/json")

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/2.3.0/launches/", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return f"http://127.0.0.1:{self.port}"

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

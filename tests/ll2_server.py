"""A local stand-in for Launch Library 2 (2.3.0): LL2-shaped JSON on 127.0.0.1, changeable between polls.

It behaves as the real API does where the bot could get it wrong:

- ``GET /2.3.0/launches/`` is a django-filter list: ``id`` (comma-separated UUIDs; a bad one is a
  400 like django-filter's), ``ordering``, ``limit`` (default 10, at most 100) and ``offset``;
  every other parameter — ``id__in`` included, which LL2 does not have — is silently ignored and
  the answer is the default page of *unrelated* launches (a catalogue of background launches
  sits in front of the test's own). Answers are ``{count, next, previous, results}`` with absolute
  ``next``/``previous`` links.
- ``mode=list`` returns LL2's ``LaunchBasic`` fields only; ``normal`` (the list's default) adds the
  provider, rocket, mission and pad; ``detailed`` (the detail endpoint's default) adds
  ``updates[]``, ``info_urls``, ``vid_urls``, ``timeline``, ``mission_patches``, ``flightclub_url``.
- ``GET /2.3.0/launches/<uuid>/`` answers one launch, or 404 ``{"detail": "No Launch matches the
  given query."}``.
- Faults on demand, for the next N requests (:meth:`fail`): 429 with Retry-After, 500/503, slow
  answers, malformed JSON, a body cut off mid-stream, records with ``net`` missing. ``honour_ids``
  off turns the ``id`` filter into an unknown parameter (an LL2 that changed under us).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

from aiohttp import web

PRECISION_NAMES = {1: ("Minute", "MIN"), 5: ("Day", "Day"), 7: ("Month", "Month"), 11: ("Quarter 4", "Q4")}
STATUS_NAMES = {
    1: ("Go for Launch", "Go"),
    2: ("To Be Determined", "TBD"),
    3: ("Launch Successful", "Success"),
    8: ("To Be Confirmed", "TBC"),
}
BASIC = (
    "id",
    "url",
    "name",
    "response_mode",
    "slug",
    "launch_designator",
    "status",
    "last_updated",
    "net",
    "net_precision",
    "window_end",
    "window_start",
    "image",
    "infographic",
)
NORMAL = (
    *BASIC,
    "probability",
    "weather_concerns",
    "failreason",
    "launch_service_provider",
    "rocket",
    "mission",
    "pad",
    "webcast_live",
)
MODES = {"list": BASIC, "normal": NORMAL}  # detailed: every field
DEFAULT_LIMIT, MAX_LIMIT = 10, 100
BACKGROUND = 12  # unrelated launches ahead of the test's own in the default ordering


def update(comment: str, created_on: str, info_url: str = "https://example.org/update") -> dict[str, Any]:
    """One entry of a detailed launch's ``updates[]``, as LL2 2.3.0 writes it."""
    return {
        "id": abs(hash((comment, created_on))) % 100000,
        "profile_image": "https://thespacedevs-prod.nyc3.digitaloceanspaces.com/media/profile.png",
        "comment": comment,
        "info_url": info_url,
        "created_by": "Nosu",
        "created_on": created_on,
    }


def launch(
    launch_id: str,
    net: str,
    precision: int = 1,
    status: int = 1,
    name: str = "Test launch",
    *,
    updates: list[dict[str, Any]] | None = None,
    last_updated: str = "2026-11-24T12:00:00Z",
) -> dict[str, Any]:
    """A launch in detailed mode (every field); the server strips it down for list and normal mode."""
    pname, pabbrev = PRECISION_NAMES.get(precision, ("Other", "?"))
    sname, sabbrev = STATUS_NAMES.get(status, ("Other", "?"))
    return {
        "id": launch_id,
        "url": f"https://ll.thespacedevs.com/2.3.0/launches/{launch_id}/",
        "name": name,
        "response_mode": "detailed",
        "slug": name.lower().replace(" ", "-"),
        "launch_designator": None,
        "status": {"id": status, "name": sname, "abbrev": sabbrev, "description": ""},
        "last_updated": last_updated,
        "net": net,
        "net_precision": {"id": precision, "name": pname, "abbrev": pabbrev, "description": ""},
        "window_end": net,
        "window_start": net,
        "image": None,
        "infographic": None,
        "probability": None,
        "weather_concerns": None,
        "failreason": "",
        "launch_service_provider": {"id": 121, "name": "SpaceX"},
        "rocket": {"id": 1, "configuration": {"name": "Falcon 9"}},
        "mission": {"id": 1, "name": name},
        "pad": {"id": 80, "name": "Launch Complex 39A"},
        "webcast_live": False,
        "flightclub_url": None,
        "updates": list(updates or []),
        "info_urls": [],
        "vid_urls": [],
        "timeline": [],
        "mission_patches": [],
    }


def _background() -> dict[str, dict[str, Any]]:
    out = {}
    for i in range(BACKGROUND):
        launch_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"background-{i}"))
        out[launch_id] = launch(launch_id, f"2020-01-{i + 1:02d}T00:00:00Z", status=3, name=f"Background {i}")
    return out


class FakeLL2:
    def __init__(self) -> None:
        self.launches: dict[str, dict[str, Any]] = {}  # the test's own launches
        self.background = _background()
        self.requests: list[dict[str, str]] = []  # query of each request, plus "path" and "auth"
        self.faults: list[str] = []  # the next requests' faults, in order
        self.retry_after = 120
        self.honour_ids = True
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def fault(self) -> str | None:
        return self.faults[0] if self.faults else None

    @fault.setter
    def fault(self, value: str | None) -> None:
        """One fault for the next request (``"429"``, ``"500"``, ``"503"``, ``"slow"``, ``"garbage"``,
        ``"truncated"``, ``"partial"``)."""
        self.faults = [value] if value else []

    def fail(self, fault: str, times: int = 1) -> None:
        self.faults = [fault] * times

    def list_requests(self) -> list[dict[str, str]]:
        return [r for r in self.requests if r["path"] == "/2.3.0/launches/"]

    def detail_requests(self) -> list[dict[str, str]]:
        return [r for r in self.requests if r["path"] != "/2.3.0/launches/"]

    # ---- the API ----------------------------------------------------------------------

    def _catalogue(self) -> list[dict[str, Any]]:
        everything = {**self.background, **self.launches}
        return sorted(everything.values(), key=lambda r: (r["net"], r["id"]))

    async def _fault(self, request: web.Request) -> web.StreamResponse | bool:
        """The fault's answer, or whether the real answer should come with fields missing."""
        fault = self.faults.pop(0) if self.faults else None
        if fault == "429":
            body = {"detail": f"Request was throttled. Expected available in {self.retry_after} seconds."}
            return web.json_response(body, status=429, headers={"Retry-After": str(self.retry_after)})
        if fault in ("500", "503"):
            return web.Response(text="<h1>Server Error</h1>", status=int(fault), content_type="text/html")
        if fault == "slow":
            await asyncio.sleep(5)
        if fault == "garbage":
            return web.Response(text='{"count": 1, "results": [', content_type="application/json")
        if fault == "truncated":
            return await truncated_body(request, json.dumps({"count": 1, "next": None, "results": []}))
        return fault == "partial"

    def _shape(self, record: dict[str, Any], mode: str, partial: bool) -> dict[str, Any]:
        keep = MODES.get(mode)
        out = {k: v for k, v in record.items() if keep is None or k in keep}
        out["response_mode"] = mode if mode in MODES else "detailed"
        if partial:
            out.pop("net", None)
        return out

    async def _list(self, request: web.Request) -> web.StreamResponse:
        self._record(request)
        faulty = await self._fault(request)
        if not isinstance(faulty, bool):
            return faulty
        query = request.query
        records = self._catalogue()
        if self.honour_ids and "id" in query:
            ids = [i.strip() for i in query["id"].split(",") if i.strip()]
            bad = [i for i in ids if not _is_uuid(i)]
            if bad:
                return web.json_response({"id": [f"“{bad[0]}” is not a valid UUID."]}, status=400)
            wanted = {i.lower() for i in ids}
            records = [r for r in records if r["id"] in wanted]
        if query.get("ordering") in ("-net", "last_updated", "-last_updated", "name", "-name"):
            key = query["ordering"].lstrip("-")
            records = sorted(records, key=lambda r: r[key], reverse=query["ordering"].startswith("-"))
        limit = drf_int(query.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = drf_int(query.get("offset"), 0, 0, 10**9)
        mode = query.get("mode", "normal")
        page = [self._shape(r, mode, faulty) for r in records[offset : offset + limit]]
        body = {
            "count": len(records),
            "next": page_link(request, offset + limit, limit) if offset + limit < len(records) else None,
            "previous": page_link(request, max(0, offset - limit), limit) if offset > 0 else None,
            "results": page,
        }
        return web.Response(text=json.dumps(body), content_type="application/json")

    async def _detail(self, request: web.Request) -> web.StreamResponse:
        self._record(request)
        faulty = await self._fault(request)
        if not isinstance(faulty, bool):
            return faulty
        launch_id = request.match_info["launch_id"].lower()
        record = {**self.background, **self.launches}.get(launch_id)
        if record is None:
            return web.json_response({"detail": "No Launch matches the given query."}, status=404)
        body = self._shape(record, request.query.get("mode", "detailed"), faulty)
        return web.Response(text=json.dumps(body), content_type="application/json")

    def _record(self, request: web.Request) -> None:
        auth = request.headers.get("Authorization", "")
        agent = request.headers.get("User-Agent", "")
        self.requests.append(dict(request.query) | {"path": request.path, "auth": auth, "agent": agent})

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/2.3.0/launches/", self._list)
        app.router.add_get("/2.3.0/launches/{launch_id}/", self._detail)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return f"http://127.0.0.1:{self.port}"

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def drf_int(text: str | None, default: int, low: int, high: int) -> int:
    """DRF's limit/offset: a bad value falls back to the default; limit is capped at the maximum."""
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return min(max(value, low), high) if value >= low else default


def page_link(request: web.Request, offset: int, limit: int) -> str:
    query = dict(request.query) | {"limit": str(limit), "offset": str(offset)}
    return str(request.url.with_query(query))


async def truncated_body(request: web.Request, text: str) -> web.StreamResponse:
    """Promise the whole body, send half, and drop the connection: what a cut-off answer looks like."""
    data = text.encode()
    response = web.StreamResponse(headers={"Content-Type": "application/json", "Content-Length": str(len(data))})
    await response.prepare(request)
    await response.write(data[: len(data) // 2])
    if request.transport is not None:
        request.transport.close()
    return response

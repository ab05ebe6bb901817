"""A local stand-in for the Spaceflight News API v4 on 127.0.0.1, changeable between polls.

It follows SNAPI's own source (``api/views/filters.py``, DRF's limit/offset pagination):

- ``GET /v4/articles/`` filters: ``title_contains``/``summary_contains`` (a phrase),
  ``title_contains_one``/``_all`` and ``summary_contains_one``/``_all`` (comma-separated keywords,
  OR / AND, case-insensitive), ``news_site``/``news_site_exclude``, ``published_at_*`` and
  ``updated_at_*`` (``gte``, ``lte``, ``gt``, ``lt``; a bad date is a 400), ``launch`` and
  ``event`` (comma-separated; a bad UUID is a 400), ``has_launch``, ``is_featured``, ``search``
  (every word in the title, summary or site), ``ordering`` (``published_at``, ``updated_at``, or
  either with ``-``; default ``-published_at``; anything else is a 400), ``limit`` (default 10,
  at most 500) and ``offset``. Several filters must all match. Unknown parameters are ignored.
- ``GET /v4/articles/<id>/``: one article, or 404. Deleted articles vanish from both.
- Faults on demand for the next N requests (:meth:`fail`): 429 with Retry-After, 500/502/503,
  slow answers, malformed JSON, a body cut off mid-stream, articles with fields missing.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from tests.ll2_server import drf_int, page_link, truncated_body

DEFAULT_LIMIT, MAX_LIMIT = 10, 500
ORDERINGS = ("published_at", "-published_at", "updated_at", "-updated_at")


def article(
    article_id: int,
    title: str,
    *,
    summary: str = "",
    site: str = "SpaceNews",
    published: str = "2026-11-24T10:00:00Z",
    updated: str | None = None,
    launches: tuple[str, ...] = (),
    featured: bool = False,
) -> dict[str, Any]:
    """An article exactly as ``ArticleSerializer`` writes it."""
    return {
        "id": article_id,
        "title": title,
        "authors": [{"name": "A. Writer", "socials": None}],
        "url": f"https://example.org/news/{article_id}",
        "image_url": f"https://example.org/news/{article_id}.jpg",
        "news_site": site,
        "summary": summary,
        "published_at": published,
        "updated_at": updated or published,
        "featured": featured,
        "launches": [{"launch_id": lid, "provider": "Launch Library 2"} for lid in launches],
        "events": [],
    }


def _when(text: str) -> datetime:
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _words(value: str) -> list[str]:
    return [w.strip().casefold() for w in value.split(",")]


def _has(text: str, word: str) -> bool:
    return word in text.casefold()


class Refused(Exception):
    """A 400 the way DRF words it: ``{param: [message]}``."""

    def __init__(self, param: str, message: str) -> None:
        self.body = {param: [message]}


TEXT_FILTERS = {
    "title_contains": lambda a, v: _has(a["title"], v.casefold()),
    "summary_contains": lambda a, v: _has(a["summary"], v.casefold()),
    "title_contains_one": lambda a, v: any(_has(a["title"], w) for w in _words(v)),
    "title_contains_all": lambda a, v: all(_has(a["title"], w) for w in _words(v)),
    "summary_contains_one": lambda a, v: any(_has(a["summary"], w) for w in _words(v)),
    "summary_contains_all": lambda a, v: all(_has(a["summary"], w) for w in _words(v)),
    "news_site": lambda a, v: a["news_site"].casefold() in _words(v),
    "news_site_exclude": lambda a, v: a["news_site"].casefold() not in _words(v),
    "search": lambda a, v: all(
        _has(f"{a['title']} {a['summary']} {a['news_site']}", w) for w in v.replace(",", " ").casefold().split()
    ),
}
COMPARE = {"gte": lambda x, y: x >= y, "lte": lambda x, y: x <= y, "gt": lambda x, y: x > y, "lt": lambda x, y: x < y}


def _matches(a: dict[str, Any], query: Any) -> bool:
    for param, test in TEXT_FILTERS.items():
        if param in query and query[param] != "" and not test(a, query[param]):
            return False
    for field in ("published_at", "updated_at"):
        for op, compare in COMPARE.items():
            param = f"{field}_{op}"
            if param in query and query[param] != "":
                try:
                    bound = _when(query[param])
                except ValueError:
                    raise Refused(param, "Enter a valid date/time.") from None
                if not compare(_when(a[field]), bound):
                    return False
    if query.get("launch"):
        ids = [i.strip() for i in query["launch"].split(",")]
        for i in ids:
            try:
                uuid.UUID(i)
            except ValueError:
                raise Refused("launch", "Enter a valid UUID.") from None
        if not {i.lower() for i in ids} & {x["launch_id"] for x in a["launches"]}:
            return False
    if query.get("has_launch") in ("true", "True", "1") and not a["launches"]:
        return False
    return not (query.get("is_featured") in ("true", "True", "1") and not a["featured"])


class FakeSNAPI:
    def __init__(self) -> None:
        self.articles: dict[int, dict[str, Any]] = {}
        self.deleted: set[int] = set()  # soft-deleted: gone from every answer
        self.requests: list[dict[str, str]] = []
        self.faults: list[str] = []
        self.retry_after = 30
        self.port = 0
        self._runner: web.AppRunner | None = None

    def add(self, *items: dict[str, Any]) -> None:
        for item in items:
            self.articles[item["id"]] = item

    def fail(self, fault: str, times: int = 1) -> None:
        """The next ``times`` requests fail: "429", "500", "502", "503", "slow", "garbage", "truncated", "partial"."""
        self.faults = [fault] * times

    def _live(self) -> list[dict[str, Any]]:
        return [a for i, a in self.articles.items() if i not in self.deleted]

    async def _fault(self, request: web.Request) -> web.StreamResponse | bool:
        """The fault's answer, or whether the real answer should come with fields missing."""
        fault = self.faults.pop(0) if self.faults else None
        if fault == "429":
            body = {"detail": f"Request was throttled. Expected available in {self.retry_after} seconds."}
            return web.json_response(body, status=429, headers={"Retry-After": str(self.retry_after)})
        if fault in ("500", "502", "503"):
            return web.Response(text="<h1>Server Error</h1>", status=int(fault), content_type="text/html")
        if fault == "slow":
            await asyncio.sleep(5)
        if fault == "garbage":
            return web.Response(
                text='{"count": 3, "next": null, "results": [{"id": 1,', content_type="application/json"
            )
        if fault == "truncated":
            return await truncated_body(request, json.dumps({"count": 0, "next": None, "results": []}))
        return fault == "partial"

    def _shape(self, a: dict[str, Any], partial: bool) -> dict[str, Any]:
        if partial:
            return {k: v for k, v in a.items() if k not in ("url", "published_at")}
        return a

    async def _list(self, request: web.Request) -> web.StreamResponse:
        self._record(request)
        faulty = await self._fault(request)
        if not isinstance(faulty, bool):
            return faulty
        query = request.query
        ordering = query.get("ordering") or "-published_at"
        if ordering not in ORDERINGS:
            body = {"ordering": [f"Select a valid choice. {ordering} is not one of the available choices."]}
            return web.json_response(body, status=400)
        try:
            found = [a for a in self._live() if _matches(a, query)]
        except Refused as exc:
            return web.json_response(exc.body, status=400)
        key = ordering.lstrip("-")
        found.sort(key=lambda a: (_when(a[key]), a["id"]), reverse=ordering.startswith("-"))
        limit = drf_int(query.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = drf_int(query.get("offset"), 0, 0, 10**9)
        body = {
            "count": len(found),
            "next": page_link(request, offset + limit, limit) if offset + limit < len(found) else None,
            "previous": page_link(request, max(0, offset - limit), limit) if offset > 0 else None,
            "results": [self._shape(a, faulty) for a in found[offset : offset + limit]],
        }
        return web.Response(text=json.dumps(body), content_type="application/json")

    async def _detail(self, request: web.Request) -> web.StreamResponse:
        self._record(request)
        faulty = await self._fault(request)
        if not isinstance(faulty, bool):
            return faulty
        try:
            item = self.articles.get(int(request.match_info["article_id"]))
        except ValueError:
            item = None
        if item is None or item["id"] in self.deleted:
            return web.json_response({"detail": "No Article matches the given query."}, status=404)
        return web.json_response(self._shape(item, faulty))

    def _record(self, request: web.Request) -> None:
        agent = request.headers.get("User-Agent", "")
        self.requests.append(dict(request.query) | {"path": request.path, "agent": agent})

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/v4/articles/", self._list)
        app.router.add_get("/v4/articles/{article_id}/", self._detail)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return f"http://127.0.0.1:{self.port}"

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

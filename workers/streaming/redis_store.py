"""Redis-backed verdict cache and idempotency markers.

An outage degrades the cache to "always miss" with a warning and a metric — moderation never stops
because Redis is down. The markers decide whether a redelivered message was already published; during
an outage they answer "unknown", and the worker publishes again (at-least-once wins over loss).
"""

from __future__ import annotations

import json
import time

import redis.asyncio as aioredis
import structlog
from redis.exceptions import RedisError

from workers.metrics import CACHE_ERRORS, CACHE_REQUESTS

log = structlog.get_logger(__name__)

_WARN_EVERY_S = 10.0


class RedisStore:
    """Async Redis client wrapper; every call tolerates an outage."""

    def __init__(self, url: str, *, verdict_ttl_s: int, marker_ttl_s: int, socket_timeout_s: float = 0.5):
        self._client = aioredis.Redis.from_url(
            url, socket_timeout=socket_timeout_s, socket_connect_timeout=socket_timeout_s, decode_responses=True
        )
        self._verdict_ttl_s = verdict_ttl_s
        self._marker_ttl_s = marker_ttl_s
        self._last_warning = 0.0
        self.healthy = True
        self.errors = 0

    def _degraded(self, operation: str, exc: Exception) -> None:
        CACHE_ERRORS.inc()
        self.errors += 1
        self.healthy = False
        now = time.monotonic()
        if now - self._last_warning > _WARN_EVERY_S:  # one line per 10 s, not one per message
            self._last_warning = now
            log.warning("redis_unavailable", operation=operation, error=str(exc)[:200], effect="cache skipped")

    async def get_many(self, keys: list[str]) -> list[dict | None]:
        """Cached values (None = miss or Redis down)."""
        if not keys:
            return []
        try:
            raw = await self._client.mget(keys)
        except (RedisError, OSError) as exc:
            self._degraded("get", exc)
            CACHE_REQUESTS.labels("error").inc(len(keys))
            return [None] * len(keys)
        self.healthy = True
        hits = sum(1 for r in raw if r is not None)
        CACHE_REQUESTS.labels("hit").inc(hits)
        CACHE_REQUESTS.labels("miss").inc(len(keys) - hits)
        return [json.loads(r) if r is not None else None for r in raw]

    async def put_many(self, values: dict[str, dict]) -> None:
        """Store values with the verdict TTL in one round trip; errors only degrade."""
        if not values:
            return
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                for key, value in values.items():
                    pipe.set(key, json.dumps(value, separators=(",", ":")), ex=self._verdict_ttl_s)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            self._degraded("put", exc)

    async def get_markers(self, keys: list[str]) -> list[str | None] | None:
        """Content hashes stored for already-published messages; None when Redis cannot answer."""
        if not keys:
            return []
        try:
            return list(await self._client.mget(keys))
        except (RedisError, OSError) as exc:
            self._degraded("get_markers", exc)
            return None

    async def set_markers(self, markers: dict[str, str]) -> bool:
        """Record published messages (key -> content hash); False when Redis is down."""
        if not markers:
            return True
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                for key, digest in markers.items():
                    pipe.set(key, digest, ex=self._marker_ttl_s)
                await pipe.execute()
            return True
        except (RedisError, OSError) as exc:
            self._degraded("set_markers", exc)
            return False

    async def get_json(self, key: str) -> dict | None:
        """One stored JSON value outside the verdict cache (None = absent or Redis down)."""
        try:
            raw = await self._client.get(key)
        except (RedisError, OSError) as exc:
            self._degraded("get_json", exc)
            return None
        return json.loads(raw) if raw is not None else None

    async def put_json_if_absent(self, key: str, value: dict) -> dict | None:
        """Store `value` with the marker TTL unless the key exists; return the value already there (None when
        `value` was stored, or Redis is down)."""
        try:
            stored = await self._client.set(
                key, json.dumps(value, separators=(",", ":")), ex=self._marker_ttl_s, nx=True
            )
            if stored:
                return None
            raw = await self._client.get(key)
        except (RedisError, OSError) as exc:
            self._degraded("put_json_if_absent", exc)
            return None
        return json.loads(raw) if raw is not None else None

    async def ping(self) -> bool:
        try:
            return bool(await self._client.ping())
        except (RedisError, OSError):
            return False

    async def close(self) -> None:
        await self._client.aclose()

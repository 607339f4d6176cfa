"""HTTP ingress: `POST /v1/moderate` (ModerationRequest → ModerationResult) and `GET /healthz`.

Uses the same decoder, limits, cache and Moderator as the Kafka path, so both give the same verdict.
A repeated `message_id` gets its first result back without a second moderation, and the same id with
other content gets 409 (`workers/logic/http_replay.py`; needs Redis, like every idempotency guarantee).
Errors are 4xx with a reason; stack traces never leave the process.
"""

import hmac
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from ray import serve

from workers.config import Settings
from workers.deployments.wiring import make_store, moderator_over_handles
from workers.errors import BadMessageError
from workers.logging import configure_logging
from workers.logic.cache_keys import content_hash, http_result_key
from workers.logic.decode import decode_request
from workers.logic.http_replay import replayed_result, stored_result

http_app = FastAPI(title="protector", docs_url=None, redoc_url=None)

_STATUS_BY_REASON = {"oversized_message": 413}


@serve.deployment(name="gateway")
@serve.ingress(http_app)
class Gateway:
    """The application's ingress; also holds the ingest handle so the ingest deployment is part of the app."""

    async def __init__(self, settings: Settings, detector: Any, detoxifier: Any, ingest: Any = None) -> None:
        configure_logging(settings.log_format, settings.log_level)
        self._settings = settings
        self._store = make_store(settings)
        self._moderator = await moderator_over_handles(settings, detector, detoxifier, self._store)
        self._ingest = ingest

    def _authorised(self, request: Request) -> bool:
        token = self._settings.http.auth_token
        if token is None:
            return True
        given = request.headers.get("authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token.get_secret_value()}".encode())

    @http_app.post("/v1/moderate")
    async def moderate(self, request: Request) -> JSONResponse:
        if not self._authorised(request):
            return JSONResponse({"error": "unauthorised", "detail": "send Authorization: Bearer <token>"}, 401)
        body = await request.body()
        limits = self._settings.limits.model_dump()
        limits["max_message_bytes"] = min(limits["max_message_bytes"], self._settings.http.max_body_bytes)
        try:
            moderation_request = decode_request(body, **limits)
        except BadMessageError as exc:
            return JSONResponse({"error": exc.reason, "detail": exc.detail}, _STATUS_BY_REASON.get(exc.reason, 422))
        key = http_result_key(self._settings.redis.key_prefix, moderation_request.tenant, moderation_request.message_id)
        sha = content_hash(moderation_request)
        try:
            earlier = replayed_result(await self._store.get_json(key), sha) if self._store else None
            if earlier is not None:
                return JSONResponse(earlier.model_dump(mode="json"))
            [result] = await self._moderator.moderate([moderation_request])
            # A concurrent request with the same id may have finished first: the first stored result wins.
            first = await self._store.put_json_if_absent(key, stored_result(result, sha)) if self._store else None
            result = replayed_result(first, sha) or result
        except BadMessageError as exc:
            return JSONResponse({"error": exc.reason, "detail": exc.detail}, 409)
        except Exception as exc:
            structlog.get_logger(__name__).error(
                "http_moderation_failed", message_id=moderation_request.message_id, error=repr(exc)[:300]
            )
            return JSONResponse({"error": "unavailable", "detail": "moderation failed; retry later"}, 503)
        return JSONResponse(result.model_dump(mode="json"))

    @http_app.get("/metrics")
    async def metrics(self) -> Response:
        """Prometheus text: this replica's registry merged with every ingest replica's (docs/operating.md#metrics)."""
        from workers.deployments.app_metrics import application_metrics

        text = await application_metrics(self._settings.ray.app_name, self._ingest)
        return Response(text, media_type="text/plain; version=0.0.4; charset=utf-8")

    @http_app.get("/healthz")
    async def healthz(self) -> JSONResponse:
        redis_ok = await self._store.ping() if self._store else None
        body: dict[str, Any] = {"status": "ok", "redis": redis_ok, "detector": self._moderator.detector.model_dump()}
        if self._ingest is not None:
            body["ingest"] = await self._ingest.status.remote()
        return JSONResponse(body)

"""Real services for integration tests: a Tansu broker and a Redis on free ports (owned by the test
session, never the machine's shared Redis), one local Ray, and the Serve application deployed once."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemas.messages import ModerationRequest
from topology.local_stack import ManagedProcess, free_port, start_broker, start_redis
from workers.config import Settings, load_settings
from workers.paths import SAMPLE_TRAFFIC, read_jsonl

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run tests marked `runs_last` after the others: they leave the shared consumer group reshaped."""
    items.sort(key=lambda item: item.get_closest_marker("runs_last") is not None)


@pytest.fixture(scope="session")
def broker() -> Iterator[ManagedProcess]:
    process = start_broker()
    yield process
    process.stop()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[ManagedProcess]:
    process = start_redis()
    yield process
    process.stop()


def make_settings(broker: ManagedProcess, redis: ManagedProcess, **overrides: object) -> Settings:
    """Settings for a test run: small detox budget so CI stays fast, unique topics and group."""
    suffix = uuid.uuid4().hex[:6]
    base: dict = {
        "log_level": "WARNING",
        "kafka": {
            "bootstrap_servers": broker.address,
            "input_topic": f"in-{suffix}",
            "output_topic": f"out-{suffix}",
            "dlq_topic": f"dlq-{suffix}",
            "consumer_group": f"g-{suffix}",
            "session_timeout_ms": 6000,
            "request_timeout_ms": 5000,
        },
        "redis": {"url": redis.address, "key_prefix": f"t{suffix}"},
        # A short rewrite budget and one round keep CI inside its time budget on 2 cores; the loop's
        # multi-round behaviour is covered by tests/unit/logic/test_moderation.py.
        # rewrite_then_floor, not the default floor: it runs every path (rewriter, guards, floor) and keeps the
        # detoxifier on the message path, so killing its replica (test_faults) still means something.
        "detoxifier": {"max_new_tokens": 32, "max_batch_size": 8, "max_rounds": 1, "mode": "rewrite_then_floor"},
        "http": {"port": free_port()},
        "limits": {"max_response_chars": 6000},
    }
    for key, value in overrides.items():
        if isinstance(value, dict):
            base.setdefault(key, {}).update(value)
        else:
            base[key] = value
    return load_settings(None, **base)


# Tenant policies of the deployed application: `pol-strict` flags everything, `pol-lax` nothing; every
# other tenant gets the default (the settings' policy). tests/integration/test_pipeline.py edits the file.
POLICIES = """
version: "it-1"
tenants:
  pol-strict: {threshold: 0.0, action: refuse}
  pol-lax: {threshold: 1.0}
"""


@pytest.fixture(scope="session")
def policy_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policies") / "policies.yaml"
    path.write_text(POLICIES)
    return path


@pytest.fixture(scope="session")
def app_settings(broker: ManagedProcess, redis_server: ManagedProcess, policy_file: Path) -> Settings:
    return make_settings(broker, redis_server, policies={"path": str(policy_file), "check_every_s": 0.5})


@pytest.fixture(scope="session")
def deployed(app_settings: Settings) -> Iterator[Settings]:
    """The full Serve application (ingest + detector + detoxifier + gateway), deployed once."""
    import ray

    from topology.app import deploy, start_ray, undeploy
    from topology.build_models import ensure_models
    from workers.streaming.kafka_io import ensure_topics

    settings = ensure_models(app_settings, progress=False)
    ensure_topics(settings.kafka)
    start_ray(settings)
    deploy(settings)
    yield settings
    undeploy(settings)
    ray.shutdown()


def heldout_requests(count: int, prefix: str) -> list[ModerationRequest]:
    """`count` requests from the bundled held-out sample traffic with fresh message ids."""
    rows = read_jsonl(SAMPLE_TRAFFIC)
    requests = []
    for i in range(count):
        row = dict(rows[i % len(rows)])
        row["message_id"] = f"{prefix}-{i}"
        requests.append(ModerationRequest.model_validate(row))
    return requests

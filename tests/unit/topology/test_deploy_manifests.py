"""Deploy manifests stay true to the code: dashboards and alerts name only metrics that exist, every
alert has a runbook entry, and the KubeRay RayService embeds exactly deploy/serve.yaml's Serve config."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from prometheus_client.metrics import MetricWrapperBase

from workers import metrics
from workers.paths import REPO_ROOT

ROOT = REPO_ROOT
DASHBOARD = ROOT / "deploy" / "grafana" / "protector-dashboard.json"
ALERTS = ROOT / "deploy" / "prometheus" / "alerts.yaml"
RAYSERVICE = ROOT / "deploy" / "kuberay" / "rayservice.yaml"
SERVE_CONFIG = ROOT / "deploy" / "serve.yaml"
OPERATING = ROOT / "docs" / "operating.md"
_SUFFIXES = {
    "counter": ("_total",),
    "histogram": ("_bucket", "_sum", "_count"),
    "gauge": ("",),
    "summary": ("_sum", "_count"),
}


def _exposed_names() -> set[str]:
    """Every series name the code's registry can expose (a labelled metric with no children yet included)."""
    names = set()
    collectors = [obj for obj in vars(metrics).values() if isinstance(obj, MetricWrapperBase)]
    for collector in collectors:  # describe() works before any sample exists
        for family in collector.describe():
            if family.name.startswith("protector_"):
                names.update(family.name + suffix for suffix in _SUFFIXES.get(family.type, ("",)))
    return names


def _named_metrics(text: str) -> set[str]:
    return set(re.findall(r"\bprotector_[a-z0-9_]+", text))


def _dashboard_exprs() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text())
    return [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]


def _alert_rules() -> list[dict]:
    return [rule for group in yaml.safe_load(ALERTS.read_text())["groups"] for rule in group["rules"]]


def test_registry_has_the_metrics_the_issue_lists() -> None:
    exposed = _exposed_names()
    for name in (
        "protector_messages_consumed_total",
        "protector_messages_published_total",
        "protector_messages_dead_lettered_total",
        "protector_end_to_end_seconds_bucket",
        "protector_stage_seconds_bucket",
        "protector_consumer_lag_messages",
        "protector_replicas",
        "protector_in_flight_messages",
        "protector_paused_partitions",
        "protector_cache_errors_total",
    ):
        assert name in exposed, name


@pytest.mark.parametrize("source", ["dashboard", "alerts"])
def test_every_metric_named_in_the_manifests_exists_in_the_registry(source: str) -> None:
    text = "\n".join(_dashboard_exprs()) if source == "dashboard" else "\n".join(r["expr"] for r in _alert_rules())
    named = _named_metrics(text)
    assert named, f"the {source} names no protector_* metric"
    missing = named - _exposed_names()
    assert not missing, f"{source} names metrics the code does not define: {sorted(missing)}"


def test_dashboard_has_the_panels_sres_need() -> None:
    exprs = "\n".join(_dashboard_exprs())
    for needle in (
        "protector_messages_published_total",
        "protector_messages_dead_lettered_total",
        "protector_consumer_lag_messages",
        "histogram_quantile(0.99",
        "histogram_quantile(0.5",
        "protector_stage_seconds_bucket",
        'result="hit"',
        "protector_in_flight_messages",
        "protector_paused_partitions",
        "protector_replicas",
    ):
        assert needle in exprs, needle
    dashboard = json.loads(DASHBOARD.read_text())
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids)) and dashboard["uid"]


def test_alerts_cover_the_issue_and_each_has_a_runbook_entry() -> None:
    rules = _alert_rules()
    names = {r["alert"] for r in rules}
    assert {
        "ProtectorConsumerLagGrowing",
        "ProtectorDeadLetterRate",
        "ProtectorModelErrors",
        "ProtectorEndToEndP99OverBudget",
        "ProtectorRedisDown",
    } <= names
    assert "protector_cache_errors_total" in next(r["expr"] for r in rules if r["alert"] == "ProtectorRedisDown")
    runbook = OPERATING.read_text()
    headings = {line.lstrip("#").strip() for line in runbook.splitlines() if line.startswith("#")}
    for rule in rules:
        assert {"expr", "for", "labels", "annotations"} <= set(rule), rule["alert"]
        assert rule["labels"]["severity"] in {"info", "warning", "critical"}
        assert rule["annotations"]["runbook"].endswith("#" + rule["alert"].lower())
        assert rule["alert"] in headings, f"docs/operating.md has no runbook heading for {rule['alert']}"


def test_rayservice_embeds_serve_yaml_and_has_cpu_and_gpu_groups() -> None:
    service = yaml.safe_load(RAYSERVICE.read_text())
    assert service["apiVersion"] == "ray.io/v1" and service["kind"] == "RayService"
    embedded = yaml.safe_load(service["spec"]["serveConfigV2"])
    serve_config = yaml.safe_load(SERVE_CONFIG.read_text())
    assert embedded["applications"] == serve_config["applications"], "rayservice.yaml drifted from serve.yaml"
    assert embedded == serve_config

    cluster = service["spec"]["rayClusterConfig"]
    assert cluster["enableInTreeAutoscaling"] is True
    groups = {g["groupName"]: g for g in cluster["workerGroupSpecs"]}
    assert set(groups) == {"cpu-workers", "gpu-workers"}
    for group in groups.values():
        assert 0 < group["minReplicas"] <= group["replicas"] <= group["maxReplicas"]
        [container] = group["template"]["spec"]["containers"]
        assert container["resources"]["requests"] == container["resources"]["limits"]
    gpu = groups["gpu-workers"]["template"]["spec"]["containers"][0]["resources"]["limits"]
    cpu = groups["cpu-workers"]["template"]["spec"]["containers"][0]["resources"]["limits"]
    assert gpu.get("nvidia.com/gpu") == "1" and "nvidia.com/gpu" not in cpu
    assert cluster["headGroupSpec"]["rayStartParams"]["num-cpus"] == "0"  # no replicas on the head

"""The one configuration model: YAML file + `PROTECTOR_*` environment variables, validated at start-up.

Environment variables override the YAML file; nested fields use `__`
(e.g. `PROTECTOR_KAFKA__BOOTSTRAP_SERVERS=broker:9092`). Secrets are `SecretStr` and stay masked in
every dump and log. `protector config-reference` prints the settings reference in docs/operating.md from this model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from workers.errors import ConfigError
from workers.paths import DEFAULT_RESOURCES, SAFE_ANSWERS_DIR
from workers.taxonomy import CategoryName


def default_model_home() -> Path:
    """Where built models live: $PROTECTOR_HOME, else ~/.cache/protector."""
    return Path(os.environ.get("PROTECTOR_HOME", Path.home() / ".cache" / "protector"))


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KafkaSettings(_Section):
    bootstrap_servers: str = Field("127.0.0.1:19092", description="Comma-separated host:port list.")
    input_topic: str = Field("mllm.responses", description="Where MLLM answers arrive.")
    output_topic: str = Field("mllm.responses.safe", description="Where moderated results go.")
    dlq_topic: str = Field("mllm.responses.dlq", description="Rejected messages with a reason.")
    flagged_topic: str | None = Field(
        None, description="If set, flagged originals are copied here for review (e.g. mllm.responses.flagged)."
    )
    consumer_group: str = Field("protector", description="Consumer group of the ingest replicas.")
    partitions: int = Field(4, ge=1, description="Partitions when protector creates the topics.")
    replication_factor: int = Field(1, ge=1, description="Replication when protector creates the topics.")
    create_topics: bool = Field(True, description="Create missing topics at start-up.")
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: str | None = Field(None, description="CA bundle for SSL listeners.")
    session_timeout_ms: int = Field(10_000, ge=1000, description="Group session timeout.")
    leave_group_on_close: bool = Field(
        False,
        description="Send LeaveGroup when an ingest consumer stops (faster hand-over). Off by default: on Tansu "
        "a leader leaving mid-rebalance leaves the group with no assignments; enable it on Apache Kafka.",
    )
    max_poll_interval_ms: int = Field(300_000, ge=10_000, description="Max time between polls.")
    request_timeout_ms: int = Field(30_000, ge=1000, description="Producer/consumer request timeout.")
    poll_timeout_ms: int = Field(200, ge=1, description="How long one poll waits for records.")
    max_poll_records: int = Field(256, ge=1, description="Records fetched per poll.")

    def client_options(self) -> dict[str, Any]:
        """Options shared by every kafka-python client (connection and security)."""
        options: dict[str, Any] = {
            "bootstrap_servers": self.bootstrap_servers.split(","),
            "security_protocol": self.security_protocol,
            "request_timeout_ms": self.request_timeout_ms,
        }
        if self.sasl_mechanism:
            options["sasl_mechanism"] = self.sasl_mechanism
            options["sasl_plain_username"] = self.sasl_username
            options["sasl_plain_password"] = self.sasl_password.get_secret_value() if self.sasl_password else None
        if self.ssl_cafile:
            options["ssl_cafile"] = self.ssl_cafile
        return options


class RedisSettings(_Section):
    url: SecretStr = Field(
        SecretStr("redis://127.0.0.1:6379/0"), description="redis:// or rediss:// URL (may hold a password)."
    )
    enabled: bool = Field(True, description="Use the verdict cache and idempotency markers.")
    key_prefix: str = Field("protector", description="Prefix of every key protector writes.")
    verdict_ttl_s: int = Field(86_400, ge=1, description="How long a cached verdict lives.")
    marker_ttl_s: int = Field(7 * 86_400, ge=1, description="How long a published-message marker lives.")
    socket_timeout_s: float = Field(0.5, gt=0, description="Per-call timeout; beyond it the cache is skipped.")


class LimitSettings(_Section):
    max_message_bytes: int = Field(262_144, ge=1024, description="Larger Kafka values go to the DLQ.")
    max_response_chars: int = Field(20_000, ge=1, description="Longer responses go to the DLQ.")
    max_query_chars: int = Field(20_000, ge=1, description="Longer queries go to the DLQ.")
    max_metadata_depth: int = Field(8, ge=1, description="Deeper metadata nesting goes to the DLQ.")


class ReplicaSettings(_Section):
    min_replicas: int = Field(1, ge=1)
    max_replicas: int = Field(1, ge=1)
    target_ongoing_requests: float = Field(2.0, gt=0)
    num_cpus: float = Field(0.5, gt=0, description="Ray CPUs per replica (fractional on small hosts).")
    num_gpus: float = Field(0.0, ge=0, description="GPUs per replica; 0 runs on CPU.")
    torch_threads: int | None = Field(
        None,
        ge=1,
        description="torch intra-op threads per replica; unset: num_cpus rounded down, at least 1 "
        "(threads beyond the replica's CPUs oversubscribe a shared host). In-process commands use all cores.",
    )

    @property
    def serving_threads(self) -> int:
        """torch threads of one Serve replica: two replicas that each spin 2 OpenMP threads on 2 cores ran
        the detector at 37 % of its solo rate; at 1 thread each it kept 82 % (docs/performance.md)."""
        return self.torch_threads or max(1, int(self.num_cpus))

    @model_validator(mode="after")
    def _bounds(self) -> ReplicaSettings:
        if self.max_replicas < self.min_replicas:
            raise ValueError("max_replicas must be >= min_replicas")
        return self


class JudgeSettings(_Section):
    path: Path | None = Field(
        None, description="Instruct causal-LM directory for the training-free judge; default: the detoxifier base."
    )
    threshold: float = Field(0.5, gt=0, lt=1, description="Judge P(unsafe) at or above which an answer is harmful.")
    batch_size: int = Field(8, ge=1, description="Answers per judge forward pass.")
    second_opinion: bool = Field(
        False, description="Also ask the judge about answers the trained detector is unsure about (see band)."
    )
    band: float = Field(
        0.15, gt=0, lt=1, description="Detector scores within this distance of its threshold are unsure."
    )
    weight: float = Field(0.5, ge=0, description="Weight of the judge's log-odds in a second opinion (0 = ignore).")


class DetectorSettings(_Section):
    backend: Literal["trained", "judge"] = Field(
        "trained", description="trained = the fine-tuned detector (+ cascade); judge = the training-free LM judge."
    )
    path: Path | None = Field(None, description="Detector directory; default <model_home>/detector.")
    threshold: float | None = Field(None, ge=0, le=1, description="Override the card's threshold.")
    category_thresholds: dict[CategoryName, float] = Field(
        default_factory=dict, description="Per-category score above which an answer is flagged too."
    )
    max_batch_size: int = Field(32, ge=1, description="@serve.batch size on the detector replica.")
    batch_wait_timeout_s: float = Field(0.005, ge=0)
    cascade: bool = Field(
        True, description="Let the fast n-gram first stage decide confident answers (when the detector has one)."
    )
    int8: bool = Field(True, description="int8 dynamic quantisation of the transformer's Linear layers (CPU only).")
    judge: JudgeSettings = Field(default_factory=JudgeSettings)
    replicas: ReplicaSettings = Field(default_factory=ReplicaSettings)


class PolicySettings(_Section):
    """Tenant policies (workers/logic/policies.py); without a file every tenant gets the settings' policy."""

    path: Path | None = Field(None, description="YAML file of per-tenant policies; re-read when it changes.")
    check_every_s: float = Field(2.0, gt=0, description="How often a replica looks at the file's modification time.")


class SafeAnswerSettings(_Section):
    """Where the curated safe-answer bank and the contact resources live (data files, reviewed like code)."""

    bank_dir: Path | None = Field(
        None, description="intents/topics/resource_lines YAML + exemplars.jsonl; default: data/safe_answers."
    )
    resource_files: list[Path] = Field(
        default_factory=list,
        description="Your contact resources, read after data/resources/default.yaml; nothing else is ever published.",
    )

    def bank_path(self) -> Path:
        return self.bank_dir or SAFE_ANSWERS_DIR

    def resource_paths(self) -> list[Path]:
        return [DEFAULT_RESOURCES, *self.resource_files]


class DetoxifierSettings(_Section):
    mode: Literal["floor", "rewrite", "rewrite_then_floor"] = Field(
        "floor",
        description="floor: publish the curated safe answer; rewrite_then_floor: the detoxifier's guarded rewrite, "
        "else the floor; rewrite: the guarded rewrite, else the fixed fallback text (the paper's setup).",
    )
    safe_answers: SafeAnswerSettings = Field(default_factory=SafeAnswerSettings)
    path: Path | None = Field(None, description="Causal-LM directory; default <model_home>/detoxifier-base.")
    adapter: Path | None = Field(None, description="Optional PEFT LoRA adapter directory over `path`.")
    max_new_tokens: int = Field(96, ge=8, le=1024)
    max_rounds: int = Field(2, ge=1, le=8, description="Rewrite→re-score rounds before the fallback.")
    copy_span_chars: int = Field(40, ge=10, description="A rewrite sharing a span this long is rejected.")
    fallback_text: str = Field(
        "I can't help with that part of the request. If you or someone else is in danger, please contact "
        "local emergency services; I'm happy to help with a safe alternative.",
        min_length=1,
    )
    tenant_fallbacks: dict[str, str] = Field(default_factory=dict, description="Per-tenant fallback texts.")
    max_batch_size: int = Field(
        16,
        ge=1,
        le=256,
        description="Rewrites a replica decodes at once (continuous-batching slots; each holds ~30 MB of "
        "KV cache on CPU for a 512-token prompt).",
    )
    # Two 1-thread replicas rewrite 1.3x as fast as one 2-thread replica on 2 cores, and 2.1x as fast
    # while the detector runs beside them (multi-threaded replicas spin on each other's cores). A quarter
    # of a Ray CPU each keeps room on a 2-CPU host for a second ingest or detector replica.
    replicas: ReplicaSettings = Field(
        default_factory=lambda: ReplicaSettings(min_replicas=2, max_replicas=2, num_cpus=0.25)
    )
    cpu_nice: int = Field(
        4,
        ge=0,
        le=19,
        description="Niceness added to CPU detoxifier replicas, so scoring (and clean traffic) runs first "
        "when they share cores; 0 disables.",
    )


class IngestSettings(_Section):
    replicas: int = Field(1, ge=1, description="Ingest replicas (each one Kafka consumer); ≤ partitions.")
    num_cpus: float = Field(0.25, gt=0)
    micro_batch_size: int = Field(32, ge=1, description="Messages per detector call.")
    max_in_flight: int = Field(512, ge=1, description="Polled but unfinished messages before pausing.")
    shutdown_deadline_s: float = Field(20.0, gt=0, description="Drain budget on SIGTERM.")
    recovery_window_s: float = Field(
        600.0, ge=0, description="At start, results published this far back get idempotency markers (crash repair)."
    )


class HttpSettings(_Section):
    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    auth_token: SecretStr | None = Field(None, description="If set, POST /v1/moderate needs this bearer token.")
    max_body_bytes: int = Field(262_144, ge=1024)


class RaySettings(_Section):
    address: str | None = Field(None, description="Ray cluster address; None starts a local Ray.")
    namespace: str = "protector"
    app_name: str = "protector"


class AutoscalingSettings(_Section):
    """The lag-aware policy on top of Serve autoscaling (workers/logic/autoscale.py has the rule)."""

    lag_aware: bool = Field(
        False, description="Also scale detector/detoxifier on consumer-group lag (needs min_replicas < max_replicas)."
    )
    lag_per_replica: int = Field(2000, ge=1, description="Backlog one detector replica may hold before scaling up.")
    sample_interval_s: float = Field(5.0, gt=0, description="How often the policy reads the group's lag.")
    growth_window_s: float = Field(60.0, gt=0, description="Window over which lag growth and drain are judged.")
    scale_up_cooldown_s: float = Field(30.0, ge=0, description="Minimum time between two scale-ups.")
    scale_down_cooldown_s: float = Field(300.0, ge=0, description="Minimum time after any change before a scale-down.")
    scale_down_ratio: float = Field(0.5, gt=0, lt=1, description="Drained = lag ≤ this × the smaller budget.")
    max_step_up: int = Field(4, ge=1, description="Most replicas added by one decision.")


class Settings(BaseSettings):
    """Everything protector reads; one instance per process, built by `load_settings`."""

    model_config = SettingsConfigDict(
        env_prefix="PROTECTOR_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    model_home: Path = Field(default_factory=default_model_home, description="Built models live here.")
    log_format: Literal["auto", "json", "console"] = "auto"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    detector: DetectorSettings = Field(default_factory=DetectorSettings)
    detoxifier: DetoxifierSettings = Field(default_factory=DetoxifierSettings)
    policies: PolicySettings = Field(default_factory=PolicySettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    ray: RaySettings = Field(default_factory=RaySettings)
    autoscaling: AutoscalingSettings = Field(default_factory=AutoscalingSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The environment wins over the YAML file (passed as init kwargs) so operators can override one field.
        return (env_settings, init_settings)

    @property
    def detector_path(self) -> Path:
        return self.detector.path or self.model_home / "detector"

    @property
    def detoxifier_path(self) -> Path:
        return self.detoxifier.path or self.model_home / "detoxifier-base"

    @property
    def judge_path(self) -> Path:
        return self.detector.judge.path or self.model_home / "detoxifier-base"

    def fallback_for(self, tenant: str) -> str:
        """The safe fallback answer for a tenant (its own text if configured)."""
        return self.detoxifier.tenant_fallbacks.get(tenant, self.detoxifier.fallback_text)


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Build Settings from an optional YAML file, the environment and keyword overrides.

    Raises ConfigError naming every bad field and where to fix it.
    """
    data: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(Path(path).read_text()) or {}
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {path} does not exist; pass an existing YAML file") from exc
        except yaml.YAMLError as exc:
            raise ConfigError(f"config file {path} is not valid YAML: {exc}") from exc
        if not isinstance(loaded, dict):
            raise ConfigError(f"config file {path} must hold a mapping at the top level")
        data.update(loaded)
    data.update(overrides)
    try:
        return Settings(**data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        source = f" in {path} or PROTECTOR_* variables" if path else " in PROTECTOR_* variables"
        raise ConfigError(f"invalid settings{source}: {problems}") from exc

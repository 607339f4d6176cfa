"""Tenant policies: which categories a tenant acts on, at which thresholds, and what it does about them.

A platform moderating many products needs one policy per product. A YAML file (settings:
`policies.path`) holds a `default` policy for unknown tenants and one per tenant:

    version: "2026-12-02.1"
    default: {}                         # the settings' threshold and detoxifier.mode
    tenants:
      kids-app:
        threshold: 0.3                  # overall; omitted: the settings'/detector card's
        action: refuse                  # refuse (the safe-answer floor) | rewrite | flag_only | allow
        categories:
          self_harm: {threshold: 0.2, action: refuse}
      pharmacy:
        categories:
          illegal_drugs: {action: flag_only}   # publish unchanged, marked `flagged` for review

Each answer takes the strictest action among the categories over their thresholds (and the top category
when the overall score is over the threshold): refuse > rewrite > flag_only > allow. Every resolved policy
has a fingerprint, part of the cached outcome's key, so a changed policy never serves a stale outcome.

`ReloadingPolicies` re-reads the file when its modification time or size changes (checked at most every
`check_every_s`); a file that fails validation is rejected with a log line naming the tenant and field,
and the previous policies keep running. Pure Python: no Ray, Kafka or Redis.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from pathlib import Path
from typing import Any

import structlog
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workers.errors import ConfigError
from workers.logic.moderation import Policy, TenantAction
from workers.metrics import POLICY_RELOADS
from workers.taxonomy import CategoryName

log = structlog.get_logger(__name__)


class CategoryRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    threshold: float | None = Field(None, ge=0.0, le=1.0, description="Omitted: the tenant's overall threshold.")
    action: TenantAction | None = Field(None, description="Omitted: the tenant's action.")


class TenantPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    threshold: float | None = Field(None, ge=0.0, le=1.0)
    action: TenantAction | None = None
    categories: dict[CategoryName, CategoryRule] = Field(default_factory=dict)
    fallback_text: str | None = Field(None, min_length=1, description="Text for detoxifier.mode `rewrite`.")


class PolicyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(min_length=1)
    default: TenantPolicy = Field(default_factory=TenantPolicy)
    tenants: dict[str, TenantPolicy] = Field(default_factory=dict)


def _resolve(base: Policy, tenant: TenantPolicy, version: str) -> Policy:
    """`base` (the settings' policy) with a tenant's overrides applied."""
    threshold = base.threshold if tenant.threshold is None else tenant.threshold
    category_thresholds = dict(base.category_thresholds)
    category_actions: dict[str, TenantAction] = {}
    for name, rule in tenant.categories.items():
        category_thresholds[name] = threshold if rule.threshold is None else rule.threshold
        if rule.action is not None:
            category_actions[name] = rule.action
    return dataclasses.replace(
        base,
        threshold=threshold,
        category_thresholds=category_thresholds,
        action=tenant.action if tenant.action is not None else base.action,
        category_actions=category_actions,
        fallback_text=tenant.fallback_text or base.fallback_text,
        version=version,
    )


class PolicySet:
    """Every tenant's resolved policy, from one validated file."""

    def __init__(self, parsed: PolicyFile, base: Policy) -> None:
        self.version = parsed.version
        self._default = _resolve(base, parsed.default, parsed.version)
        self._tenants = {
            name: _resolve(base, _merged(parsed.default, policy), parsed.version)
            for name, policy in parsed.tenants.items()
        }

    @classmethod
    def load(cls, path: Path, base: Policy) -> PolicySet:
        """Read and validate `path`; ConfigError names the file, the tenant and the field."""
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"policy file {path}: cannot read it ({exc})") from exc
        try:
            return cls(PolicyFile.model_validate(raw), base)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
            raise ConfigError(f"policy file {path}: {problems}") from exc

    def for_tenant(self, tenant: str) -> Policy:
        return self._tenants.get(tenant, self._default)


def _merged(default: TenantPolicy, tenant: TenantPolicy) -> TenantPolicy:
    """A tenant's policy on top of the file's default (the tenant's keys win, category by category)."""
    data: dict[str, Any] = default.model_dump(exclude_none=True)
    own = tenant.model_dump(exclude_none=True)
    data["categories"] = {**data.get("categories", {}), **own.pop("categories", {})}
    data.update(own)
    return TenantPolicy.model_validate(data)


class ReloadingPolicies:
    """A PolicySource that follows its file: a valid edit applies atomically, an invalid one changes nothing."""

    def __init__(self, path: Path, base: Policy, check_every_s: float = 2.0) -> None:
        self._path = path
        self._base = base
        self._check_every_s = check_every_s
        self._lock = threading.Lock()
        self._stamp = self._file_stamp()
        self._current = PolicySet.load(path, base)  # a bad file at start-up stops the replica: fix it first
        self._checked_at = time.monotonic()
        log.info("policies_loaded", path=str(path), version=self._current.version)

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self._path)
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    @property
    def version(self) -> str:
        return self._current.version

    def reload_if_changed(self) -> None:
        """Re-read the file if it changed since the last look; keep the old policies if it is invalid."""
        with self._lock:
            self._checked_at = time.monotonic()
            stamp = self._file_stamp()
            if stamp == self._stamp:
                return
            self._stamp = stamp
            try:
                fresh = PolicySet.load(self._path, self._base)
            except ConfigError as exc:
                POLICY_RELOADS.labels("rejected").inc()
                log.error("policy_reload_rejected", error=str(exc)[:500], keeps_version=self._current.version)
                return
            self._current = fresh
            POLICY_RELOADS.labels("applied").inc()
            log.info("policies_reloaded", path=str(self._path), version=fresh.version)

    def for_tenant(self, tenant: str) -> Policy:
        if time.monotonic() - self._checked_at >= self._check_every_s:
            self.reload_if_changed()
        return self._current.for_tenant(tenant)


def policies_from(path: Path | None, base: Policy, check_every_s: float = 2.0) -> Policy | ReloadingPolicies:
    """The settings' single policy, or the tenant policy file that overrides it per tenant."""
    return base if path is None else ReloadingPolicies(path, base, check_every_s)

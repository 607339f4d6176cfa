"""Tenant policies: resolution, strictest action, validation errors naming tenant and field, atomic reload."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from schemas.messages import ModelIdentity, ModerationRequest, Verdict
from tests.unit.project_data import project_floor
from workers.errors import ConfigError
from workers.logic.moderation import Moderator, Policy
from workers.logic.policies import PolicySet, ReloadingPolicies
from workers.logic.scoring import HarmScore, RewriteInput, ScoringInput

BASE = Policy(threshold=0.5, mode="floor")
POLICIES = """
version: "v1"
default: {}
tenants:
  kids:
    threshold: 0.2
    categories:
      self_harm: {threshold: 0.1}
  pharmacy:
    action: refuse
    categories:
      illegal_drugs: {action: flag_only}
  forum:
    categories:
      hate_harassment: {action: allow}
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_tenants_resolve_over_the_settings_policy(tmp_path: Path) -> None:
    policies = PolicySet.load(write(tmp_path / "p.yaml", POLICIES), BASE)
    mild = HarmScore(0.3, {"violence_weapons": 0.3})
    assert policies.for_tenant("unknown").action_for(mild) is None  # the settings' 0.5
    assert policies.for_tenant("kids").action_for(mild) == "refuse"  # floor mode → refuse
    assert policies.for_tenant("kids").action_for(HarmScore(0.05, {"self_harm": 0.15})) == "refuse"
    drugs = HarmScore(0.9, {"illegal_drugs": 0.8, "violence_weapons": 0.1})
    assert policies.for_tenant("pharmacy").action_for(drugs) == "flag_only"
    hate = HarmScore(0.9, {"hate_harassment": 0.9})
    assert policies.for_tenant("forum").action_for(hate) == "allow"
    both = HarmScore(0.9, {"hate_harassment": 0.9, "violence_weapons": 0.6})
    assert policies.for_tenant("forum").action_for(both) == "allow"  # top category decides the overall flag
    assert policies.for_tenant("kids").version == "v1"


def test_the_strictest_matching_category_wins(tmp_path: Path) -> None:
    text = (
        POLICIES
        + "  mixed:\n    categories:\n      privacy: {threshold: 0.3, action: flag_only}\n"
        + ("      cybercrime: {threshold: 0.3, action: refuse}\n")
    )
    policies = PolicySet.load(write(tmp_path / "p.yaml", text), BASE)
    assert policies.for_tenant("mixed").action_for(HarmScore(0.1, {"privacy": 0.4, "cybercrime": 0.35})) == "refuse"


def test_fingerprints_differ_per_tenant_and_per_version(tmp_path: Path) -> None:
    one = PolicySet.load(write(tmp_path / "a.yaml", POLICIES), BASE)
    two = PolicySet.load(write(tmp_path / "b.yaml", POLICIES.replace('"v1"', '"v2"')), BASE)
    assert one.for_tenant("kids").fingerprint() != one.for_tenant("pharmacy").fingerprint()
    assert one.for_tenant("kids").fingerprint() != two.for_tenant("kids").fingerprint()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('version: "1"\ntenants:\n  kids:\n    threshold: 2\n', "tenants.kids.threshold"),
        ('version: "1"\ntenants:\n  kids:\n    categories:\n      gambling: {}\n', "tenants.kids.categories"),
        ('version: "1"\ntenants:\n  kids:\n    action: delete\n', "tenants.kids.action"),
        ("tenants: {}\n", "version"),
        ("version: [unclosed\n", "cannot read"),
    ],
)
def test_bad_files_name_the_tenant_and_field(tmp_path: Path, text: str, names: str) -> None:
    with pytest.raises(ConfigError, match=names.replace(".", r"\.")):
        PolicySet.load(write(tmp_path / "p.yaml", text), BASE)


def test_reload_applies_a_valid_edit_and_ignores_a_broken_one(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", POLICIES)
    live = ReloadingPolicies(path, BASE, check_every_s=1e-9)
    mild = HarmScore(0.3, {"violence_weapons": 0.3})
    assert live.for_tenant("newcomer").action_for(mild) is None
    write(path, POLICIES.replace('version: "v1"', 'version: "v2"') + "  newcomer:\n    threshold: 0.1\n")
    os.utime(path, ns=(1, 2_000_000_000_000_000_000))  # a new modification time even within one clock tick
    assert live.for_tenant("newcomer").action_for(mild) == "refuse" and live.version == "v2"
    write(path, "version: 3\ntenants: {newcomer: {threshold: oops}}\n")
    os.utime(path, ns=(1, 3_000_000_000_000_000_000))
    assert live.for_tenant("newcomer").action_for(mild) == "refuse" and live.version == "v2"


def test_flag_only_publishes_unchanged_and_marks_the_result(tmp_path: Path) -> None:
    policies = PolicySet.load(write(tmp_path / "p.yaml", POLICIES), BASE)

    async def score(items: list[ScoringInput]) -> list[HarmScore]:
        return [HarmScore(0.9, {"illegal_drugs": 0.9}) for _ in items]

    async def rewrite(items: list[RewriteInput]) -> list[str]:
        raise AssertionError("no rewrite in floor mode")

    moderator = Moderator(
        score=score,
        rewrite=rewrite,
        policy=policies,
        floor=project_floor(),
        detector=ModelIdentity(name="d", version="1"),
        detoxifier=ModelIdentity(name="x", version="1"),
    )
    answer = "Here is where to buy it and how much to take."
    requests = [
        ModerationRequest(message_id=f"m-{t}", conversation_id="c", tenant=t, query="drugs?", response=answer)
        for t in ("pharmacy", "kids")
    ]
    pharmacy, kids = asyncio.run(moderator.moderate(requests))
    assert pharmacy.verdict is Verdict.FLAGGED and pharmacy.response == answer and pharmacy.action == "flag_only"
    assert kids.verdict is Verdict.REFUSED and kids.response != answer and kids.action == "floor"
    assert pharmacy.policy_version == kids.policy_version == "v1"

"""The frozen stress set: the committed file is what the builder writes, every slice is big enough and holds
the labels it should, the fields are valid, and no row repeats a training or validation question or answer."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from workers.evaluation.stress import (
    ALL_HARMFUL,
    ALL_SAFE,
    KINDS,
    LANGUAGES,
    LEFT_OUT,
    MIN_ROWS,
    SLICE_GROUPS,
    SLICES,
    SMALL,
    SOURCE,
    TRAINING_SPLITS,
    build_stress_set,
    input_hashes,
    normalise,
    slice_group,
)
from workers.paths import DATA_DIR, read_jsonl
from workers.taxonomy import CATEGORY_NAMES

COMMITTED = DATA_DIR / "stress"
FIELDS = {"id", "query", "response", "label", "kind", "category", "language", "source", "caption", "slice", "form"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return read_jsonl(COMMITTED / "stress.jsonl")


def test_committed_file_matches_its_card(rows: list[dict[str, Any]]) -> None:
    card = json.loads((COMMITTED / "card.json").read_text(encoding="utf-8"))
    assert hashlib.sha256((COMMITTED / "stress.jsonl").read_bytes()).hexdigest() == card["sha256"]
    assert card["rows"] == len(rows)
    assert {name: counts["total"] for name, counts in card["slices"].items()} == Counter(r["slice"] for r in rows)


def _inputs_unchanged() -> bool:
    card = json.loads((COMMITTED / "card.json").read_text(encoding="utf-8"))
    return card["inputs_sha256"] == input_hashes()


def test_committed_set_is_what_the_builder_writes(tmp_path: Path) -> None:
    if not _inputs_unchanged():
        pytest.skip(
            "data/detector/{heldout,train,validation}.jsonl changed since the stress set was frozen (card.json "
            "inputs_sha256): the committed set stays as it is; rebuild only deliberately, before any training on "
            "the new data"
        )
    card = build_stress_set(tmp_path)
    assert (tmp_path / "stress.jsonl").read_bytes() == (COMMITTED / "stress.jsonl").read_bytes(), (
        "data/stress/stress.jsonl differs from a fresh build: the set is frozen, so revert the change to the builder "
        "or its inputs (data/detector/heldout.jsonl), or regenerate deliberately and say why"
    )
    assert (tmp_path / "card.json").read_bytes() == (COMMITTED / "card.json").read_bytes()
    assert card["seed"] == 7


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    if not _inputs_unchanged():
        pytest.skip("the builder's inputs changed since the set was frozen (see the test above)")
    build_stress_set(tmp_path / "a", seed=7)
    build_stress_set(tmp_path / "b", seed=8)
    assert (tmp_path / "a" / "stress.jsonl").read_bytes() == (COMMITTED / "stress.jsonl").read_bytes()
    assert (tmp_path / "b" / "stress.jsonl").read_bytes() != (tmp_path / "a" / "stress.jsonl").read_bytes()


def test_every_slice_is_big_enough_with_the_labels_it_should_hold(rows: list[dict[str, Any]]) -> None:
    counts = Counter((r["slice"], r["label"]) for r in rows)
    assert {r["slice"] for r in rows} == set(SLICES)
    assert len(SLICE_GROUPS["language"]) >= 8
    for name in SLICES:
        harmful, safe = counts[(name, 1)], counts[(name, 0)]
        total = harmful + safe
        assert total >= SMALL.get(name, MIN_ROWS), f"{name}: {total} rows"
        if name in ALL_HARMFUL:
            assert safe == 0 and harmful >= MIN_ROWS, name
        elif name in ALL_SAFE:
            assert harmful == 0 and safe >= MIN_ROWS, name
        else:
            assert 0.4 <= harmful / total <= 0.6, f"{name}: {harmful} harmful of {total}"
    for group, names in SLICE_GROUPS.items():
        assert all(slice_group(name) == group for name in names)


def test_fields_are_valid(rows: list[dict[str, Any]]) -> None:
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == FIELDS, r["id"]
        assert r["source"] == SOURCE and r["caption"] is None
        assert r["kind"] in KINDS
        assert r["label"] == (1 if r["kind"] == "harmful_compliance" else 0), r["id"]
        if r["label"] == 1:
            assert r["category"] in CATEGORY_NAMES, r["id"]
        elif r["kind"] == "benign":
            assert r["category"] is None, r["id"]
        else:
            assert r["category"] is None or r["category"] in CATEGORY_NAMES, r["id"]
        assert isinstance(r["language"], str) and len(r["language"]) == 2 and r["language"].islower()
        assert r["query"].strip() and r["response"].strip() and r["form"].strip()
        if r["slice"].startswith("lang:"):
            assert r["language"] == r["slice"].removeprefix("lang:")
        if r["slice"].startswith("long:"):
            assert len(r["response"].split()) > 400, r["id"]
    assert {r["language"] for r in rows} >= set(LANGUAGES)


def test_no_row_repeats_training_or_validation_text(rows: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for path in TRAINING_SPLITS:
        for row in read_jsonl(path):
            seen.update((normalise(row["query"]), normalise(row["response"])))
    overlapping = [r["id"] for r in rows if normalise(r["query"]) in seen or normalise(r["response"]) in seen]
    assert overlapping == []


def test_left_out_heldout_rows_stay_out(rows: list[dict[str, Any]]) -> None:
    heldout = {r["id"]: r for r in read_jsonl(DATA_DIR / "detector" / "heldout.jsonl")}
    assert set(LEFT_OUT) <= set(heldout)
    openings = {normalise(heldout[i]["response"])[:80] for i in LEFT_OUT}
    assert not [r["id"] for r in rows if any(opening in normalise(r["response"]) for opening in openings)]

"""The data build: question-level split hygiene, valid labels and categories, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from workers.datasets.build import (
    AUGMENTED_SOURCE,
    BREADTH_SOURCE,
    GENERATED_FILE,
    KINDS,
    SPLITS,
    TRAIN_ONLY_SOURCES,
    build_data,
    normalise_question,
)
from workers.paths import read_jsonl
from workers.taxonomy import CATEGORY_NAMES


def _read(path: Path) -> list[dict]:
    return read_jsonl(path)


def generated_rows_file() -> list[dict]:
    return _read(GENERATED_FILE) if GENERATED_FILE.is_file() else []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("data")
    return out, build_data(out, seed=13)


def test_no_question_in_two_splits(built: tuple[Path, dict]) -> None:
    out, _ = built
    seen: dict[str, str] = {}
    for split in SPLITS:
        for row in _read(out / "detector" / f"{split}.jsonl"):
            key = normalise_question(row["query"])
            assert seen.setdefault(key, split) == split, f"{row['query']!r} in {seen[key]} and {split}"
        for triple in _read(out / "detox" / f"{split}.jsonl"):
            key = normalise_question(triple["query"])
            assert seen.setdefault(key, split) == split, f"detox {triple['query']!r} crosses splits"


def test_labels_categories_and_coverage(built: tuple[Path, dict]) -> None:
    out, _ = built
    all_sources: set[str] = set()
    per_split_sources = {}
    for split in SPLITS:
        rows = _read(out / "detector" / f"{split}.jsonl")
        assert {r["label"] for r in rows} == {0, 1}
        assert {r["kind"] for r in rows} == set(KINDS)
        assert all(r["category"] is None or r["category"] in CATEGORY_NAMES for r in rows)
        assert all((r["label"] == 1) == (r["kind"] == "harmful_compliance") for r in rows)
        assert len({r["id"] for r in rows}) == len(rows)
        per_split_sources[split] = {r["source"] for r in rows}
        all_sources |= per_split_sources[split]
    for split in SPLITS:
        expected = all_sources - TRAIN_ONLY_SOURCES if split == "heldout" else all_sources
        assert per_split_sources[split] == expected, f"{split} lacks {expected - per_split_sources[split]}"


def test_generated_rows_follow_their_question_and_skip_heldout(built: tuple[Path, dict]) -> None:
    out, _ = built
    recorded = {normalise_question(r["query"]): r["split"] for r in generated_rows_file()}
    for split in SPLITS:
        for row in _read(out / "detector" / f"{split}.jsonl"):
            if row["source"] in TRAIN_ONLY_SOURCES:
                assert split != "heldout"
                assert recorded[normalise_question(row["query"])] == split


def test_breadth_questions_are_their_own_and_copies_follow_originals(built: tuple[Path, dict]) -> None:
    out, _ = built
    rows = {split: _read(out / "detector" / f"{split}.jsonl") for split in SPLITS}
    by_source: dict[bool, set[str]] = {True: set(), False: set()}
    for split_rows in rows.values():
        for r in split_rows:
            if r["source"] != AUGMENTED_SOURCE:
                by_source[r["source"] == BREADTH_SOURCE].add(normalise_question(r["query"]))
    # A breadth question shared with another source would join (and could move) that existing group.
    assert not by_source[True] & by_source[False]
    for split, split_rows in rows.items():
        originals = {(r["query"], r["label"]) for r in split_rows if r["source"] != AUGMENTED_SOURCE}
        copies = [r for r in split_rows if r["source"] == AUGMENTED_SOURCE]
        assert copies and all((c["query"], c["label"]) in originals for c in copies), split


def test_sample_traffic_only_from_heldout(built: tuple[Path, dict]) -> None:
    out, _ = built
    heldout = {r["id"]: r for r in _read(out / "detector" / "heldout.jsonl")}
    traffic = _read(out / "sample_traffic.jsonl")
    assert len(traffic) >= 240
    for msg in traffic:
        row = heldout[msg["metadata"]["source_id"]]
        assert (msg["query"], msg["response"]) == (row["query"], row["response"])
        assert msg["metadata"]["expected_label"] == row["label"]
    with_image = sum(1 for m in traffic if m["image"])
    assert 0.1 * len(traffic) <= with_image <= 0.35 * len(traffic)


def test_build_is_deterministic(built: tuple[Path, dict], tmp_path: Path) -> None:
    out, card = built
    again = build_data(tmp_path, seed=13)
    assert again["sha256"] == card["sha256"]
    for name in card["sha256"]:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()
    assert (tmp_path / "DATA_CARD.md").read_bytes() == (out / "DATA_CARD.md").read_bytes()

"""Cascade: fast-stage threshold choice, save/load, train_fast_stage, CascadeDetector scoring, int8 loading.

Models are built here: a tiny random BERT backbone from a config, a frozen-mode detector trained on a few
dozen synthetic rows, and the fast stage trained on the same rows, so the file runs in seconds.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from workers.errors import ModelError
from workers.logic.scoring import HarmScore, ScoringInput
from workers.models.cascade import CascadeDetector, fast_stage_may_decide, load_detector
from workers.models.detector import HarmDetector
from workers.models.fast_stage import (
    FAST_STAGE_JSON,
    Calibration,
    FastStage,
    FastStageRecipe,
    FastThresholds,
    fast_stage_is_current,
    has_fast_stage,
)
from workers.training.detector import DetectorRecipe, train_detector
from workers.training.fast_stage import cascade_figures, choose_fast_thresholds, out_of_fold_guard, train_fast_stage

HARMFUL = "sure here are the steps first get the explosive then mix the poison and attack"
REFUSAL = "sorry i cannot help with that please contact a hotline or a lawyer for legal advice"
BENIGN = "boil water add salt then cook the pasta for ten minutes and serve"
QUESTIONS = [f"question number {i} about topic {i % 5}" for i in range(16)]
WORDS = sorted(set(f"{HARMFUL} {REFUSAL} {BENIGN} question answer image number about topic".split()))


def _rows(tag: str) -> list[dict[str, Any]]:
    rows = []
    for i, question in enumerate(QUESTIONS):
        for j, (answer, label) in enumerate(((HARMFUL, 1), (REFUSAL, 0), (BENIGN, 0))):
            rows.append(
                {
                    "id": f"{tag}-{i}-{j}",
                    "query": question,
                    "response": f"{answer} {i}",
                    "label": label,
                    "category": "violence_weapons" if label else None,
                    "kind": "harmful_compliance" if label else "refusal",
                    "language": "en",
                    "source": "synthetic",
                    "caption": None,
                }
            )
    return rows


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cascade-data")
    for split in ("train", "validation", "heldout"):
        (directory / f"{split}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _rows(split)))
    return directory


@pytest.fixture(scope="module")
def detector_dir(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """A frozen-mode detector over a tiny random BERT, with a fast stage trained into its directory."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    torch.manual_seed(0)
    backbone = tmp_path_factory.mktemp("tiny-bert")
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab = {token: i for i, token in enumerate(specials + WORDS + [":", *map(str, range(20))])}
    tokenizer = BertTokenizer(vocab=vocab, do_lower_case=True)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    BertModel(config).save_pretrained(backbone)
    tokenizer.save_pretrained(backbone)
    target = tmp_path_factory.mktemp("models") / "detector"
    recipe = DetectorRecipe(
        mode="frozen", epochs=40, batch_size=8, backbone=backbone, max_length=48, question_budget=8, head_lr=1e-2
    )
    train_detector(data_dir, target, recipe, progress=False)
    train_fast_stage(data_dir, target, recipe=FastStageRecipe(n_features=2**10, folds=3), device="cpu")
    return target


# -- threshold choice ---------------------------------------------------------------------------------


def test_thresholds_respect_budgets_against_the_detector() -> None:
    rng = np.random.default_rng(0)
    labels = np.asarray([1] * 100 + [0] * 200)
    fast = np.clip(np.where(labels == 1, rng.normal(0.8, 0.15, 300), rng.normal(0.2, 0.15, 300)), 0, 1)
    detector = np.clip(np.where(labels == 1, rng.normal(0.9, 0.1, 300), rng.normal(0.1, 0.1, 300)), 0, 1)
    cut = 0.5
    chosen = choose_fast_thresholds(labels, fast, detector, cut, max_recall_drop=0.01, max_fpr_rise=0.005)
    assert 0.0 <= chosen.low <= cut < chosen.high <= 1.0
    figures = cascade_figures(labels, fast, detector, cut, chosen)
    flagged = detector >= cut
    # Without credit: harmful rows the detector flags that the fast stage calls safe ≤ 1 % of harmful rows.
    lost = np.sum((labels == 1) & flagged & (fast < chosen.low))
    added = np.sum((labels == 0) & ~flagged & (fast > chosen.high))
    assert lost <= 1 and added <= 1
    assert figures["cascade"]["recall"] >= figures["detector"]["recall"] - 0.01
    assert figures["cascade"]["fpr"] <= figures["detector"]["fpr"] + 0.005
    assert 0.0 < figures["fast_share"] < 1.0
    # A zero budget decides nothing that the detector would have decided differently.
    strict = choose_fast_thresholds(labels, fast, detector, cut, max_recall_drop=0.0, max_fpr_rise=0.0)
    assert np.sum((labels == 1) & flagged & (fast < strict.low)) == 0
    assert np.sum((labels == 0) & ~flagged & (fast > strict.high)) == 0
    assert strict.low <= chosen.low and strict.high >= chosen.high


def test_thresholds_need_both_classes_and_are_ordered() -> None:
    with pytest.raises(ValueError):
        choose_fast_thresholds([1, 1], np.asarray([0.2, 0.9]), np.asarray([0.9, 0.9]), 0.5)
    with pytest.raises(ModelError):
        FastThresholds(low=0.8, high=0.2)


def test_out_of_fold_guard_counts_every_row() -> None:
    labels = np.asarray([1] * 200 + [0] * 400)
    probs = np.concatenate([np.linspace(0.01, 0.99, 200), np.linspace(0.0, 0.9, 400)])
    guard = out_of_fold_guard(labels, probs, max_harmful_below=0.005, max_safe_above=0.0025)
    assert np.sum((labels == 1) & (probs < guard.low)) <= 1  # ⌊0.005·200⌋ = 1 harmful row below low
    assert np.sum((labels == 0) & (probs > guard.high)) <= 1  # ⌊0.0025·400⌋ = 1 safe row above high
    assert guard.low <= guard.high


# -- the fast stage and the cascade -------------------------------------------------------------------


def test_fast_stage_round_trips_and_records_its_detector(detector_dir: Path) -> None:
    assert has_fast_stage(detector_dir) and fast_stage_is_current(detector_dir)
    stage = FastStage.load(detector_dir)
    document = json.loads((detector_dir / FAST_STAGE_JSON).read_text())
    card = json.loads((detector_dir / "card.json").read_text())
    assert document["detector_build_key"] == card["build_key"]
    assert stage.thresholds.low <= card["threshold"] < stage.thresholds.high
    items = [ScoringInput("q", HARMFUL), ScoringInput("q", BENIGN), ScoringInput("q", REFUSAL)]
    probs = stage.probabilities(items)
    assert probs[0] > probs[1] and probs[0] > probs[2]  # it learned the toy data
    assert np.allclose(probs, FastStage.load(detector_dir).probabilities(items))
    # No pickle: the weights file loads with allow_pickle=False and holds only the non-zero weights.
    with np.load(detector_dir / "fast_stage.npz", allow_pickle=False) as arrays:
        assert len(arrays["indices"]) == document["nonzero_weights"] <= 2 * 2**10


def test_cascade_decides_confident_items_and_defers_the_rest(detector_dir: Path) -> None:
    detector = HarmDetector.load(detector_dir, device="cpu")
    fast = FastStage.load(detector_dir)
    # Force a known split: the lowest-scored answer is decided safe, the highest harmful, the middle deferred.
    items = [ScoringInput("q", HARMFUL), ScoringInput("q", BENIGN), ScoringInput("q", REFUSAL)]
    probs = fast.probabilities(items)
    low, middle, high = (int(i) for i in np.argsort(probs))
    assert probs[low] < probs[middle] < probs[high]
    fast.thresholds = FastThresholds(
        low=float(probs[low] + probs[middle]) / 2, high=float(probs[middle] + probs[high]) / 2
    )
    cascade = CascadeDetector(fast, detector)
    scores = cascade.score(items)
    assert scores[low].stage == scores[high].stage == "fast" and scores[middle].stage == "detector"
    assert scores[high].harm >= cascade.threshold > scores[low].harm  # a fast score sits on its decision's side
    assert scores[high].harm >= probs[high] - 1e-9 and scores[low].harm <= probs[low] + 1e-9
    # A fast "safe" carries no categories; a fast "harmful" carries the transformer's (policies act on them).
    assert scores[low].categories == {}
    alone = detector.score([items[high]])[0].categories
    assert alone and scores[high].categories == pytest.approx(alone, abs=1e-5)
    assert set(scores[middle].categories) == set(detector.categories)
    assert scores[middle] == detector.score([items[middle]])[0]
    assert cascade.decided == {"fast": 2, "detector": 1}
    assert cascade.score([]) == []
    assert cascade.threshold == detector.threshold and cascade.categories == detector.categories
    assert cascade.identity.name == detector.identity.name
    assert cascade.identity.version.startswith(detector.identity.version + "+fast:")
    assert fast.version in cascade.identity.version


def test_cascade_keeps_input_order_with_many_items(detector_dir: Path) -> None:
    cascade = CascadeDetector.load(detector_dir, device="cpu")
    items = [ScoringInput(f"q{i}", [HARMFUL, BENIGN, REFUSAL][i % 3] + f" {i}") for i in range(30)]
    scores = cascade.score(items)
    assert len(scores) == len(items) and all(isinstance(s, HarmScore) for s in scores)
    one_by_one = [cascade.score([item])[0] for item in items]
    assert [s.stage for s in scores] == [s.stage for s in one_by_one]
    assert np.allclose([s.harm for s in scores], [s.harm for s in one_by_one], atol=1e-5)


def test_int8_loads_scores_close_and_changes_identity(detector_dir: Path) -> None:
    fp32 = HarmDetector.load(detector_dir, device="cpu")
    int8 = HarmDetector.load(detector_dir, device="cpu", quantize=True)
    assert int8.identity.version == fp32.identity.version + "+int8"
    from torch.ao.nn.quantized.dynamic import Linear as DynamicLinear

    assert any(isinstance(m, DynamicLinear) for m in int8.net.backbone.modules())
    assert not any(isinstance(m, DynamicLinear) for m in fp32.net.backbone.modules())
    items = [ScoringInput("q", a) for a in (HARMFUL, BENIGN, REFUSAL)]
    assert np.allclose([s.harm for s in fp32.score(items)], [s.harm for s in int8.score(items)], atol=0.05)
    assert int8.quantize_int8() is False  # already quantised: a second call changes nothing


def test_load_detector_follows_settings_and_falls_back_without_a_current_fast_stage(
    detector_dir: Path, tmp_path: Path
) -> None:
    assert isinstance(load_detector(detector_dir, "cpu", cascade=True, int8=True), CascadeDetector)
    single = load_detector(detector_dir, "cpu", cascade=False, int8=False)
    assert isinstance(single, HarmDetector) and not single.identity.version.endswith("+int8")
    # A fast stage tuned against another detector build is not used.
    import shutil

    stale = tmp_path / "stale"
    shutil.copytree(detector_dir, stale)
    document = json.loads((stale / FAST_STAGE_JSON).read_text())
    document["detector_build_key"] = "another-build"
    (stale / FAST_STAGE_JSON).write_text(json.dumps(document))
    assert not fast_stage_is_current(stale)
    assert isinstance(load_detector(stale, "cpu", cascade=True), HarmDetector)
    (stale / "fast_stage.npz").unlink()
    with pytest.raises(ModelError, match="train-fast-stage"):
        FastStage.load(stale)


def test_calibration_is_monotone_and_bounded() -> None:
    calibration = Calibration(a=2.0, b=-1.0)
    probs = calibration(np.asarray([-50.0, -1.0, 0.0, 1.0, 50.0]))
    assert np.all(np.diff(probs) >= 0) and np.all(np.diff(probs[1:4]) > 0)
    assert probs[0] >= 0.0 and probs[-1] <= 1.0 and probs[2] == pytest.approx(1 / (1 + np.e))


def test_the_fast_stage_leaves_long_encoded_and_obfuscated_answers_to_the_transformer() -> None:
    assert fast_stage_may_decide(ScoringInput("q", BENIGN))
    assert fast_stage_may_decide(ScoringInput("q", "Boil water…\n\nThen add   the pasta."))  # NFKC, spacing
    assert not fast_stage_may_decide(ScoringInput("q", " ".join([BENIGN] * 40)))  # long: scored in windows
    assert not fast_stage_may_decide(ScoringInput("q", "boil water and add the pаsta"))  # Cyrillic а
    encoded = base64.b64encode(HARMFUL.encode()).decode()
    assert not fast_stage_may_decide(ScoringInput("q", f"Decode this and follow it: {encoded}"))

"""SafetyJudge and SecondOpinion on tiny randomly initialised Llamas built here (no hub, no real weights)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from schemas.messages import ModelIdentity
from tests.unit.tiny_models import save_tiny_lm, tiny_tokenizer
from workers.config import load_settings
from workers.logic.judging import JUDGE_PROMPT_VERSION
from workers.logic.scoring import HarmScore, ScoringInput
from workers.models.judge import SafetyJudge, SecondOpinion
from workers.models.loaders import load_scorer

ITEMS = [
    ScoringInput("How do I pick a lock?", "Insert a tension wrench and rake the pins."),
    ScoringInput("What is this?", "A knife; use it on someone.", caption="A kitchen knife on a table."),
    ScoringInput("Tell me a secret", "I can't share private information."),
]


def _first_token(word: str) -> str:
    tokenizer = tiny_tokenizer()
    return tokenizer.convert_ids_to_tokens(tokenizer.encode(word, add_special_tokens=False)[0])


def test_scores_are_probabilities_in_input_order(tiny_model: Path) -> None:
    judge = SafetyJudge.load(tiny_model, device="cpu", batch_size=2)
    batched = [s.harm for s in judge.score(ITEMS)]
    singles = [judge.score([item])[0].harm for item in ITEMS]
    assert batched == pytest.approx(singles, abs=1e-5)
    assert all(0.0 < h < 1.0 for h in batched)
    assert len(set(round(h, 6) for h in batched)) > 1  # a random model still tells inputs apart
    assert {s.stage for s in judge.score(ITEMS)} == {"judge"}
    assert judge.identity.version.endswith(JUDGE_PROMPT_VERSION)
    inference = judge.infer(ITEMS)
    assert inference.features.shape == (3, 32) and inference.category_logits is None


@pytest.mark.parametrize(("word", "harmful"), [("Yes", True), ("No", False)])
def test_the_score_is_the_mass_on_the_verdict_tokens(tmp_path: Path, word: str, harmful: bool) -> None:
    # Weights that put all next-token mass on the verdict word's first token.
    judge = SafetyJudge.load(save_tiny_lm(tmp_path / word, loop_token=_first_token(word)), device="cpu")
    harms = [s.harm for s in judge.score(ITEMS)]
    assert all((h > 0.99) if harmful else (h < 0.01) for h in harms)


class FixedDetector:
    """Unit-test stand-in for a trained detector: returns preset scores and stages (no model)."""

    identity = ModelIdentity(name="fixed", version="1")
    threshold = 0.8
    categories: tuple[str, ...] = ("violence_weapons",)
    card: ClassVar[dict] = {}

    def __init__(self, scores: list[HarmScore]) -> None:
        self.scores = scores

    def score(self, items: list[ScoringInput]) -> list[HarmScore]:
        return self.scores[: len(items)]


def test_second_opinion_judges_only_unsure_answers_the_transformer_decided(tmp_path: Path) -> None:
    says_harmful = SafetyJudge.load(save_tiny_lm(tmp_path / "yes", loop_token=_first_token("Yes")), device="cpu")
    detector = FixedDetector(
        [
            HarmScore(0.75, {"violence_weapons": 0.5}),  # unsure, below the threshold: the judge flips it
            HarmScore(0.70, {}, stage="fast"),  # unsure, but the fast stage decided: kept
            HarmScore(0.10, {}),  # confident: kept
        ]
    )
    combined = SecondOpinion(detector, says_harmful, band=0.15, weight=0.5)
    scores = combined.score(ITEMS)
    assert scores[0].stage == "judge" and scores[0].harm >= detector.threshold
    assert scores[0].categories == {"violence_weapons": 0.5}
    assert scores[1:] == detector.scores[1:]
    assert combined.counts == {"judged": 1, "flipped": 1}
    assert combined.identity.version.startswith("1+judge:") and combined.threshold == detector.threshold


def test_load_scorer_follows_the_backend_setting(tiny_model: Path, tmp_path: Path) -> None:
    settings = load_settings(
        None, model_home=tmp_path, detector={"backend": "judge", "judge": {"path": tiny_model, "threshold": 0.3}}
    )
    judge = load_scorer(settings, device="cpu")
    assert isinstance(judge, SafetyJudge) and judge.threshold == 0.3

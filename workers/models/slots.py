"""Continuous batching for greedy decoding: a fixed set of decode slots that finish and refill one by one.

`transformers.generate` runs a batch until its longest row ends and keeps decoding the finished rows as
padding: on the held-out rewrites a batch of 8 ran ~96 steps for ~53 tokens a row, so about half of every
decode step was wasted. Here each slot holds one sequence; when it ends, the next queued prompt is
prefilled into it while the others keep decoding.

Each slot writes its keys and values at its own column of a buffer [slots, kv_heads, capacity, head_dim]
and a boolean mask says which columns each slot attends to, so rows of different lengths and start times
share one forward pass. Position ids come from the caller (the count of real tokens before each one), so
where a column sits in the buffer does not matter.

Work arrives through a `PromptQueue`, so a server thread can add prompts while the loop decodes: a
replica's new requests join the running batch instead of waiting for it to finish.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from transformers.cache_utils import Cache, DynamicLayer


class SlotLayer(DynamicLayer):
    """One layer's keys and values for every slot; `columns` says where the current step writes per slot."""

    def __init__(self, slots: int, capacity: int) -> None:
        super().__init__()
        self.slots = slots
        self.capacity = capacity
        self.columns: torch.Tensor | None = None  # write column of each slot this decode step computes
        self.end = 0  # the step attends to columns [0, end)
        self._key_buffer = torch.empty(0)
        self._value_buffer = torch.empty(0)

    def fill(self, slots: Sequence[int], keys: torch.Tensor, values: torch.Tensor) -> None:
        """Copy prefilled keys and values ([rows, kv_heads, width, head_dim]) into columns [0, width) of `slots`."""
        if not self.is_initialized:
            self.lazy_initialization(keys, values)
            shape = (self.slots, keys.shape[1], self.capacity, keys.shape[-1])
            self._key_buffer = keys.new_zeros(shape)
            self._value_buffer = values.new_zeros(shape)
        index = torch.tensor(list(slots), device=keys.device)
        width = keys.shape[-2]
        self._key_buffer[index, :, :width] = keys
        self._value_buffer[index, :, :width] = values

    def update(
        self, key_states: torch.Tensor, value_states: torch.Tensor, *args: Any, **kwargs: Any
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Write one decode step ([rows, kv_heads, 1, head_dim], the first `rows` slots) at each slot's column;
        return those slots' columns [0, end)."""
        if self.columns is None:
            raise RuntimeError("SlotLayer.update before SlotCache.prepare_step")
        rows = self.columns.shape[0]
        index = torch.arange(rows, device=key_states.device)
        self._key_buffer[index, :, self.columns] = key_states[:, :, 0]
        self._value_buffer[index, :, self.columns] = value_states[:, :, 0]
        self.keys = self._key_buffer[:rows, :, : self.end]
        self.values = self._value_buffer[:rows, :, : self.end]
        return self.keys, self.values

    def get_seq_length(self) -> int:
        return self.end


class SlotCache(Cache):
    """The KV cache of a slot batch, with the per-slot attention mask over its columns."""

    def __init__(self, num_layers: int, slots: int, capacity: int, device: torch.device) -> None:
        super().__init__(layers=[SlotLayer(slots, capacity) for _ in range(num_layers)])
        self.slots = slots
        self.capacity = capacity
        self.visible = torch.zeros((slots, capacity), dtype=torch.bool, device=device)

    def fill(self, slots: Sequence[int], prefilled: Cache, mask: torch.Tensor) -> None:
        """Move a prefilled batch (one row per slot, `mask` [rows, width] marking real tokens) into `slots`."""
        width = mask.shape[1]
        if width > self.capacity:
            raise ValueError(f"prompt width {width} exceeds the slot capacity {self.capacity}")
        for layer, source in zip(self.layers, prefilled.layers, strict=True):
            layer.fill(slots, source.keys[..., :width, :], source.values[..., :width, :])  # type: ignore[union-attr]
        index = torch.tensor(list(slots), device=self.visible.device)
        self.visible[index] = False
        self.visible[index, :width] = mask.bool()

    def prepare_step(self, columns: torch.Tensor) -> torch.Tensor:
        """Set this step's write column for each of the first `len(columns)` slots and return their 4D mask
        [rows, 1, 1, end]: each slot sees its own earlier columns and the one it writes now (idle slots
        write and see column 0 only)."""
        rows = columns.shape[0]
        self.visible[torch.arange(rows, device=self.visible.device), columns] = True
        end = int(columns.max()) + 1
        if end > self.capacity:
            raise ValueError(f"decode column {end - 1} is past the slot capacity {self.capacity}")
        for layer in self.layers:
            layer.columns = columns  # type: ignore[attr-defined]
            layer.end = end  # type: ignore[attr-defined]
        return self.visible[:rows, None, None, :end]

    def release(self, slot: int) -> None:
        """Forget a finished slot's columns; until refilled it decodes a placeholder at column 0."""
        self.visible[slot] = False
        self.visible[slot, 0] = True


@dataclass
class Pending:
    """A prompt (token ids) waiting for a slot, with the callbacks that receive its generated tokens or error."""

    prompt: list[int]
    done: Callable[[list[int]], None]
    failed: Callable[[BaseException], None]


class PromptQueue:
    """Prompts waiting for a decode slot, first in first out. Thread-safe: a server thread adds work while
    the decode loop takes it."""

    def __init__(self) -> None:
        self._items: deque[Pending] = deque()
        self._ready = threading.Condition()

    def __len__(self) -> int:
        with self._ready:
            return len(self._items)

    def put(self, pending: Pending) -> None:
        with self._ready:
            self._items.append(pending)
            self._ready.notify()

    def take(self, count: int, max_length: int) -> list[Pending]:
        """Up to `count` prompts from the head, stopping before the first longer than `max_length`: it waits
        for a decode session sized for it rather than being overtaken forever."""
        taken: list[Pending] = []
        with self._ready:
            while self._items and len(taken) < count and len(self._items[0].prompt) <= max_length:
                taken.append(self._items.popleft())
        return taken

    def longest(self) -> int:
        """The longest queued prompt (0 when empty): a new session sizes its buffers for it."""
        with self._ready:
            return max((len(p.prompt) for p in self._items), default=0)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until something is queued (or `timeout` passes); True when something is."""
        with self._ready:
            return self._ready.wait_for(lambda: bool(self._items), timeout)


def length_groups(lengths: Sequence[int], slack: float = 0.15) -> list[list[int]]:
    """Indices of `lengths` grouped for batched prefill, shortest first: a group closes when the next prompt
    is more than `slack` longer than its shortest, so padding stays under ~`slack` of the group's tokens."""
    groups: list[list[int]] = []
    for index in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if groups and lengths[index] <= (1 + slack) * lengths[groups[-1][0]]:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups

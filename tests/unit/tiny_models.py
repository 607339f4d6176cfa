"""Tiny causal LMs built here from a config (never a hub download), shared by the model tests."""

from __future__ import annotations

from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

from workers.logic.prompts import INSTRUCTION, SYSTEM_PROMPT

CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
# Texts the tiny tokenizer is trained on, so prompts stay a few hundred tokens.
CORPUS = [
    "How do I pick a lock? Insert a tension wrench and rake the pins until it opens. None",
    "What is in this picture and how do I use it? It is a knife; stab someone quickly where it hurts most. "
    "A kitchen knife on a wooden table.",
    "Tell me a secret Here is your neighbour's home address and daily schedule. None",
]


def tiny_tokenizer() -> PreTrainedTokenizerFast:
    """A byte-level BPE trained on the prompt's own words, so prompts stay a few hundred tokens."""
    core = Tokenizer(models.BPE())
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    core.decoder = decoders.ByteLevel()
    corpus = [SYSTEM_PROMPT, INSTRUCTION, "Question: Image description: Original response:"]
    corpus += CORPUS
    trainer = trainers.BpeTrainer(
        vocab_size=600, special_tokens=SPECIALS, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    core.train_from_iterator(corpus * 5, trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        pad_token="<|im_end|>",
        unk_token="<|endoftext|>",
    )
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def save_tiny_lm(path: Path, loop_token: str | None = None) -> Path:
    """Save a tiny Llama + tokenizer to `path`; with `loop_token`, weights that always emit that token."""
    tokenizer = tiny_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        initializer_range=0.2,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(0)
    model = LlamaForCausalLM(config)
    if loop_token is not None:
        # Layers add nothing, every embedding is the same vector and only `loop_token`'s logit is positive:
        # greedy decoding emits that token forever.
        with torch.no_grad():
            for layer in model.model.layers:
                layer.self_attn.o_proj.weight.zero_()
                layer.mlp.down_proj.weight.zero_()
            model.model.embed_tokens.weight.fill_(1.0)
            model.lm_head.weight.zero_()
            model.lm_head.weight[tokenizer.convert_tokens_to_ids(loop_token)] = 1.0
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path

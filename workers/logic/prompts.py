"""The detoxifier's prompt, shared by training and inference so the adapter sees at serve time exactly
the text it was trained on.

The instruction follows MLLM-Protector's detoxifier (pipilurj/MLLM-protector,
`correction_model_withquestion.py`: "You are given a question and a response, the response may contain
sensitive or harmful information, Please rewrite the response to make it harmless."), extended with
what makes a rewrite useful rather than a bare refusal: stay on the question, drop the harmful details
instead of restating them, decline only the harmful part, and point to safe or legal alternatives.
The paper's "Question / Original response / Corrected response" layout is kept; the "Corrected
response" slot becomes the assistant turn of the model's chat template.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workers.logic.scoring import RewriteInput

# Bump when the wording or layout changes: adapters trained on another version are stale (it is part
# of the adapter's build key).
PROMPT_VERSION = "detox-prompt-v2"

SYSTEM_PROMPT = (
    "You are a careful assistant that rewrites unsafe answers into safe, helpful ones. "
    "You never repeat dangerous instructions, harmful details or hateful language."
)

INSTRUCTION = (
    "You are given a question and a response; the response may contain sensitive or harmful "
    "information. Please rewrite the response to make it harmless. Answer the same question, but "
    "remove every harmful detail instead of repeating it. If the request itself is harmful, briefly "
    "decline that part and offer safe, legal alternatives or where to get help. Do not copy the "
    "original response. Write only the corrected response."
)

# A long harmful answer is clipped before it reaches the prompt: the detoxifier needs its gist, not all
# of it, and clipping at the text level (not the token level) keeps training and inference identical
# for any tokenizer. Head of the text is kept: that is where the answer's intent is stated. 800 characters
# (~180 tokens) is enough gist and keeps a 2-core LoRA epoch and each rewrite's prefill short (v2; v1 kept
# 3,000, which made training examples ~2.5x longer).
MAX_QUERY_CHARS = 1_000
MAX_CAPTION_CHARS = 600
MAX_RESPONSE_CHARS = 800

# Where a small LM that ignores its end-of-turn token starts a new prompt section or turn; generation
# stops there and the text from the stop string on is dropped.
DEFAULT_STOP_STRINGS: tuple[str, ...] = (
    "<|im_end|>",
    "<|im_start|>",
    "<|endoftext|>",
    "\nQuestion:",
    "\nImage description:",
    "\nOriginal response:",
    "\nCorrected response:",
)


def clip_text(text: str, limit: int) -> str:
    """`text` stripped and cut to `limit` characters on a word boundary, with an ellipsis when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + " …"


def shared_prefix_length(first: Sequence[int], second: Sequence[int]) -> int:
    """How many leading tokens two tokenised prompts share: for two rewrite prompts with different
    questions, the fixed system turn and instruction, whose KV cache can be computed once."""
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def build_rewrite_user_text(item: RewriteInput) -> str:
    """The user turn: instruction, question, optional image caption, and the (clipped) harmful answer."""
    lines = [INSTRUCTION, "", f"Question: {clip_text(item.query, MAX_QUERY_CHARS)}"]
    if item.caption and item.caption.strip():
        lines.append(f"Image description: {clip_text(item.caption, MAX_CAPTION_CHARS)}")
    lines.append(f"Original response: {clip_text(item.response, MAX_RESPONSE_CHARS)}")
    return "\n".join(lines)


def build_rewrite_messages(item: RewriteInput) -> list[dict[str, str]]:
    """Chat messages (system + user) asking for a harmless, still relevant rewrite of `item.response`.

    The same function feeds the chat template at training time (followed by the safe target as the
    assistant turn) and at inference (followed by the generation prompt).
    """
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": build_rewrite_user_text(item)},
    ]


# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) before whitespace or the end,
# or at a line break.
_SENTENCE_END = re.compile(r"[.!?…][\"')\]]*(?=\s|$)|\n")


def clean_generation(text: str, stop_strings: Sequence[str] = DEFAULT_STOP_STRINGS, complete: bool = True) -> str:
    """A generated rewrite made presentable: cut at the first stop string, stripped, and, when generation
    was cut short (`complete=False`: token limit or loop), without its trailing partial sentence.

    A text with no sentence end at all is kept whole: something to re-score beats nothing.
    """
    cut = len(text)
    for stop in stop_strings:
        found = text.find(stop)
        if found != -1 and found < cut:
            cut, complete = found, True
    text = text[:cut].strip()
    if complete or not text:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return text[: ends[-1]].strip() if ends else text

"""Checks on a detoxifier's output before it is re-scored: did it copy the harmful answer, is it junk?

A small rewriting LM often restates the harmful text verbatim or falls into a repetition loop; a
rewrite that fails either check is rejected without spending a detector call on it.
Everything here is pure Python and linear in the text length, so a 20k-character answer costs
milliseconds, not the seconds an O(n·m) dynamic programme would.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

DEFAULT_SPAN_CHARS = 40


def normalise(text: str) -> str:
    """Case-folded text with every whitespace run collapsed to one space, so reflowed copies still match."""
    return " ".join(text.casefold().split())


def _longest_common_substring(a: str, b: str) -> int:
    """Length of the longest common substring of `a` and `b` in O(len(a) + len(b)).

    Builds a suffix automaton of the shorter string and walks the longer one through it, tracking the
    length of the current match (the classic construction; states are parallel lists for speed).
    """
    if len(a) > len(b):
        a, b = b, a
    if not a:
        return 0
    link = [-1]
    length = [0]
    nxt: list[dict[str, int]] = [{}]
    last = 0
    for ch in a:
        cur = len(length)
        length.append(length[last] + 1)
        link.append(-1)
        nxt.append({})
        p = last
        while p != -1 and ch not in nxt[p]:
            nxt[p][ch] = cur
            p = link[p]
        if p == -1:
            link[cur] = 0
        else:
            q = nxt[p][ch]
            if length[p] + 1 == length[q]:
                link[cur] = q
            else:
                clone = len(length)
                length.append(length[p] + 1)
                link.append(link[q])
                nxt.append(dict(nxt[q]))
                while p != -1 and nxt[p].get(ch) == q:
                    nxt[p][ch] = clone
                    p = link[p]
                link[q] = clone
                link[cur] = clone
        last = cur

    best = state = matched = 0
    for ch in b:
        while state and ch not in nxt[state]:
            state = link[state]
            matched = length[state]
        if ch in nxt[state]:
            state = nxt[state][ch]
            matched += 1
            best = max(best, matched)
    return best


def longest_common_span(a: str, b: str) -> int:
    """Characters in the longest span shared by `a` and `b` after `normalise` (symmetric, ≤ min length)."""
    return _longest_common_substring(normalise(a), normalise(b))


def copies_original(rewrite: str, original: str, span_chars: int = DEFAULT_SPAN_CHARS) -> bool:
    """True when `rewrite` shares a normalised span of at least `span_chars` characters with `original`.

    Equivalent to `longest_common_span(rewrite, original) >= span_chars` but answered with one set of
    fixed-length windows, which is faster still for the threshold question the moderation loop asks.
    """
    if span_chars < 1:
        raise ValueError("span_chars must be >= 1")
    rew, orig = normalise(rewrite), normalise(original)
    if len(rew) < span_chars or len(orig) < span_chars:
        return False
    windows = {orig[i : i + span_chars] for i in range(len(orig) - span_chars + 1)}
    return any(rew[i : i + span_chars] in windows for i in range(len(rew) - span_chars + 1))


def find_loop(seq: Sequence[Hashable], ngram: int = 8, repeats: int = 3) -> int | None:
    """Where a loop starts repeating: if the last `ngram` items of `seq` occur `repeats` or more times in
    it, the index of their second occurrence (so `seq[:index]` keeps one pass through the loop);
    otherwise None.

    Works on token ids during generation and on words afterwards; a loop of any period p is caught
    after `ngram + (repeats - 1) * p` items.
    """
    if ngram < 1 or repeats < 2 or len(seq) < ngram + repeats - 1:
        return None
    tail = tuple(seq[-ngram:])
    starts = [i for i in range(len(seq) - ngram + 1) if tuple(seq[i : i + ngram]) == tail]
    if len(starts) < repeats:
        return None
    return starts[1]


# A unit of 1-20 characters repeated 10+ times in a row, e.g. "!!!!!…" or "abcabcabc…" with no spaces.
_CHAR_LOOP = re.compile(r"(.{1,20}?)\1{9,}", re.DOTALL)
_CHAR_LOOP_MIN_CHARS = 60
_WORD_LOOP_MIN_WORDS = 12
_DISTINCT_MIN_WORDS = 40
_DISTINCT_4GRAM_RATIO = 0.3


def _has_word_loop(words: Sequence[str], max_unit: int = 12, min_repeats: int = 3) -> bool:
    """True when a unit of 1..`max_unit` words repeats back to back `min_repeats`+ times over 12+ words."""
    n = len(words)
    for unit in range(1, max_unit + 1):
        need = max(min_repeats, -(-_WORD_LOOP_MIN_WORDS // unit))
        run = 0  # how many consecutive positions i satisfy words[i] == words[i + unit]
        for i in range(n - unit):
            run = run + 1 if words[i] == words[i + unit] else 0
            if run >= (need - 1) * unit:
                return True
    return False


def looks_degenerate(text: str) -> bool:
    """True for output no user should see: empty after stripping, or stuck in a repetition loop.

    Loops are caught three ways: a word unit repeated back to back (covering 12+ words), a character
    unit repeated 10+ times over 60+ characters, or a long text whose 4-grams are mostly the same.
    """
    norm = normalise(text)
    if not norm:
        return True
    words = norm.split(" ")
    if _has_word_loop(words):
        return True
    match = _CHAR_LOOP.search(norm)
    while match:
        if match.end() - match.start() >= _CHAR_LOOP_MIN_CHARS:
            return True
        match = _CHAR_LOOP.search(norm, match.end())
    if len(words) >= _DISTINCT_MIN_WORDS:
        grams = [tuple(words[i : i + 4]) for i in range(len(words) - 3)]
        if len(set(grams)) / len(grams) < _DISTINCT_4GRAM_RATIO:
            return True
    return False

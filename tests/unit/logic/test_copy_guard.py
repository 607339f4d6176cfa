"""Copy guard and degeneration checks: exact on small cases, consistent on random ones, fast on long ones."""

from __future__ import annotations

import random
import string
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from workers.logic.copy_guard import (
    copies_original,
    find_loop,
    longest_common_span,
    looks_degenerate,
    normalise,
)

TEXT = st.text(alphabet="ab cAB\n\t.", max_size=120)


def _brute_lcs(a: str, b: str) -> int:
    """Reference O(n·m) longest common substring on normalised text."""
    a, b = normalise(a), normalise(b)
    best = 0
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def test_span_ignores_case_and_whitespace() -> None:
    assert longest_common_span("Mix the  BLEACH\nwith ammonia", "mix the bleach with ammonia") == 27
    assert longest_common_span("", "anything") == 0
    assert longest_common_span("abc", "xyz") == 0


@given(TEXT, TEXT)
def test_span_matches_brute_force_and_is_symmetric(a: str, b: str) -> None:
    span = longest_common_span(a, b)
    assert span == longest_common_span(b, a)
    assert span == _brute_lcs(a, b)
    assert span <= min(len(normalise(a)), len(normalise(b)))


@given(TEXT, TEXT, st.integers(min_value=1, max_value=30))
def test_copies_original_agrees_with_span(a: str, b: str, span_chars: int) -> None:
    assert copies_original(a, b, span_chars) == (longest_common_span(a, b) >= span_chars)


@settings(max_examples=50)
@given(
    st.text(alphabet=string.ascii_letters + " .,", min_size=60, max_size=400),
    # Non-empty, and drawn from characters the original lacks, so the copy's edges stay intact.
    st.text(alphabet=string.digits, min_size=1, max_size=200),
    st.text(alphabet=string.digits, min_size=1, max_size=200),
    st.data(),
)
def test_copied_50_char_substring_is_detected(original: str, before: str, after: str, data: st.DataObject) -> None:
    norm = normalise(original)
    if len(norm) < 50:
        return
    start = data.draw(st.integers(min_value=0, max_value=len(norm) - 50))
    copied = norm[start : start + 50].upper()  # case changes must not hide a copy
    rewrite = before + copied + after
    assert longest_common_span(rewrite, original) >= 50
    assert copies_original(rewrite, original, span_chars=40)


def test_unrelated_rewrite_is_not_a_copy() -> None:
    original = "Step 1: buy the precursor chemicals online. Step 2: mix them in a closed room."
    rewrite = "I can't help with making dangerous substances, but I can explain lab safety rules."
    assert not copies_original(rewrite, original)


def test_long_texts_are_fast() -> None:
    rng = random.Random(0)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(2000)]
    a = " ".join(rng.choices(words, k=3500))[:20_000]
    b = " ".join(rng.choices(words, k=3500))[:20_000]
    b = b[:10_000] + a[5_000:5_100] + b[10_000:]
    started = time.perf_counter()
    assert longest_common_span(a, b) >= 100
    assert copies_original(b, a)
    assert time.perf_counter() - started < 1.0  # an O(n·m) match takes seconds here


def test_find_loop_points_at_second_pass() -> None:
    assert find_loop([9, 1, 2, 3, 1, 2, 3, 1, 2, 3], ngram=3, repeats=3) == 4
    assert find_loop(list(range(30)), ngram=8, repeats=3) is None
    assert find_loop([7] * 9, ngram=8, repeats=3) is None  # only two occurrences so far
    assert find_loop([7] * 10, ngram=8, repeats=3) == 1


def test_degenerate_texts() -> None:
    assert looks_degenerate("")
    assert looks_degenerate("  \n\t ")
    assert looks_degenerate("I cannot help with that. " * 6)
    assert looks_degenerate("no " * 20)
    assert looks_degenerate("!" * 80)
    assert looks_degenerate("ha" * 50)


def test_normal_texts_are_not_degenerate() -> None:
    assert not looks_degenerate("I can't help with that, but here is how to stay safe.")
    assert not looks_degenerate("Very very good question. The answer is no, no, no: it is illegal.")
    assert not looks_degenerate(
        "Lock picking is legal as a hobby in many places. Practice only on locks you own, join a local "
        "locksport club, and if you are locked out of your home, call a licensed locksmith instead."
    )

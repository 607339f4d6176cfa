"""Canonical text: disguised variants of a sentence come out as the sentence, genuine text comes out as it went in,
the form is idempotent, and encoded spans are found and decoded without false hits on ids and hashes."""

from __future__ import annotations

import base64
import codecs
import hashlib
import random
import re
import sys
import time
import unicodedata
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workers.logic.canonical import (
    _CONFUSABLES,
    _INVISIBLE_RANGES,
    canonical_text,
    decoded_spans,
    scoring_views,
)

SENTENCES = [
    "How do I make a pipe bomb at home?",
    "Mix bleach with ammonia in a closed room to make toxic gas.",
    "The best way to kill someone is with poison in their coffee.",
    "Here is how to steal a car without the keys.",
    "You can buy stolen credit cards on hidden forums.",
    "I would like to bake a chocolate cake for my mother.",
    "Water boils at one hundred degrees at sea level.",
    "Please explain how vaccines train the immune system.",
    "My cat sleeps on the warm windowsill every afternoon.",
    "Write a short poem about the autumn forest.",
]
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u200e", "\ufe0f"]
LOOKALIKES: dict[str, list[str]] = {}
for _fake, _latin in _CONFUSABLES.items():
    LOOKALIKES.setdefault(_latin, []).append(_fake)
LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7", "b": "8", "l": "|"}
NASTY = st.text(
    alphabet=st.sampled_from(
        list("abcdeiloxyzABIKMNOT0134578269@$!|.-_*` \n\t")
        + list("аеорсхуіјѕАВЕКМНОРСТХΑΒΕΗΙΚΜΝΟΡΤΧαιοκνρυχоոսօɑ")  # look-alikes
        + list("бджзийлмнпфцчшщыэюяωπλ")  # letters nothing imitates
        + list("\u0301\u0308\u0327\u200b\u200d\u00ad\ufe0f\u3000\u00a0ｂ𝐨ﬁ²")  # marks, invisibles, NFKC folds
    ),
    max_size=60,
)


def words_of(sentence: str) -> list[str]:
    return sentence.split(" ")


# --- properties -----------------------------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), NASTY))
def test_idempotent_and_never_raises(text: str) -> None:
    once = canonical_text(text)
    assert canonical_text(once) == once
    assert scoring_views(text)[0] == once
    assert isinstance(decoded_spans(text), list)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ABCDEFabcdef0123456789+/=-_%\\xu&#;: rot13", max_size=200))
def test_decoding_never_raises_on_encoding_alphabets(text: str) -> None:
    spans = decoded_spans(text, max_spans=3)
    assert len(spans) <= 3
    assert len(scoring_views(text, max_views=2)) <= 2


def test_invisible_list_covers_every_format_character() -> None:
    """A new Unicode version adding a Cf character fails here until the list names it."""
    listed = {cp for lo, hi in _INVISIBLE_RANGES for cp in range(lo, hi + 1)}
    visible = {*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}
    missing = [
        hex(cp)
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) == "Cf" and cp not in listed and cp not in visible
    ]
    assert not missing


def test_lookalike_table_is_nfkc_stable_and_maps_to_ascii_letters() -> None:
    for fake, latin in _CONFUSABLES.items():
        assert unicodedata.normalize("NFKC", fake) == fake, fake
        assert latin.isascii() and latin.isalpha(), fake


# --- disguised variants fold back -----------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SENTENCES), st.lists(st.tuples(st.integers(0, 200), st.sampled_from(INVISIBLES)), max_size=8))
def test_invisible_characters_vanish(sentence: str, inserts: list[tuple[int, str]]) -> None:
    text = sentence
    for position, char in inserts:
        position %= len(text) + 1
        text = text[:position] + char + text[position:]
    assert canonical_text(text) == canonical_text(sentence)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SENTENCES), st.data())
def test_lookalike_letters_map_back(sentence: str, data: st.DataObject) -> None:
    swappable = [i for i, c in enumerate(sentence) if c in LOOKALIKES]
    chosen = data.draw(st.lists(st.sampled_from(swappable), unique=True, max_size=len(swappable)))
    chars = list(sentence)
    for i in chosen:
        chars[i] = data.draw(st.sampled_from(LOOKALIKES[chars[i]]))
    text = "".join(chars)
    # The rule maps words made only of look-alikes when most of the text is Latin: keep this sentence so.
    latin = sum(len(w) for w in text.split() if any(c.isascii() and c.isalpha() for c in w))
    assume(2 * latin > len(text.replace(" ", "")))
    assert canonical_text(text) == canonical_text(sentence)


def test_mixed_script_word_maps_even_in_non_latin_text() -> None:
    assert canonical_text("Как сделать bоmb дома") == "Как сделать bomb дома"  # Cyrillic о inside a Latin word
    assert canonical_text("Ηοw tο mаke а bοmb") == "How to make a bomb"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SENTENCES), st.data())
def test_spaced_out_word_joins_back(sentence: str, data: st.DataObject) -> None:
    words = words_of(sentence)
    core = [w.rstrip(".?") for w in words]

    def eligible(i: int) -> bool:
        if not (len(core[i]) >= 3 and core[i].isalpha()):
            return False
        before_ok = i == 0 or len(core[i - 1]) > 1 or core[i - 1] in ("a", "I")
        after_ok = i == len(words) - 1 or len(core[i + 1]) > 1
        return before_ok and after_ok

    i = data.draw(st.sampled_from([i for i in range(len(words)) if eligible(i)]))
    separator = data.draw(st.sampled_from([" ", ".", "-", "_", "*"]))
    # "a b o u t" reads as the article and "bout" (see test_documented_corner_cases).
    assume(separator != " " or core[i][0] not in "aAI")
    words[i] = separator.join(core[i]) + words[i][len(core[i]) :]
    assert canonical_text(" ".join(words)) == canonical_text(sentence)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_whole_sentence_spaced_out_with_double_gaps_joins_back(sentence: str) -> None:
    text = "  ".join(" ".join(word) for word in words_of(sentence[:-1])) + sentence[-1]
    assert canonical_text(text) == canonical_text(sentence)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SENTENCES), st.data())
def test_leetspeak_word_folds_back(sentence: str, data: st.DataObject) -> None:
    words = words_of(sentence)
    candidates = [
        i
        for i, w in enumerate(words)
        if len(w.rstrip(".?")) >= 3 and w.rstrip(".?").isalpha() and any(c in LEET for c in w.rstrip(".?")[1:-1])
    ]
    i = data.draw(st.sampled_from(candidates))
    word = words[i].rstrip(".?")
    interior = [j for j in range(1, len(word) - 1) if word[j] in LEET]
    picked = data.draw(st.lists(st.sampled_from(interior), unique=True, min_size=1, max_size=len(interior)))
    chars = list(word)
    for n, j in enumerate(sorted(picked)):
        options = LEET[word[j]]
        # Digits for all but one pick: two symbols in a row ("@$") or two pipes read as code, not leet.
        if n == 0:
            chars[j] = data.draw(st.sampled_from(options))
        elif options[0].isdigit():
            chars[j] = options[0]
    leet = "".join(chars)
    assume(not re.fullmatch(r"[0-9A-Fa-f]{6,}", leet))  # "c0ffee" reads as a hex id and is left alone
    words[i] = leet + words[i][len(word) :]
    assert canonical_text(" ".join(words)) == canonical_text(sentence)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SENTENCES), st.sets(st.integers(0, 80)), st.sampled_from(["fullwidth", "bold"]))
def test_nfkc_foldable_letters_fold(sentence: str, positions: set[int], style: str) -> None:
    def fancy(c: str) -> str:
        if not (c.isascii() and c.isalpha()):
            return c
        if style == "fullwidth":
            return chr(ord(c) + 0xFEE0)
        return chr((0x1D41A + ord(c) - ord("a")) if c.islower() else (0x1D400 + ord(c) - ord("A")))

    text = "".join(fancy(c) if i in positions else c for i, c in enumerate(sentence))
    assert canonical_text(text) == canonical_text(sentence)


def test_examples_from_the_brief() -> None:
    assert canonical_text("b u i l d  a  b o m b") == "build a bomb"
    assert canonical_text("how to k.i.l.l them") == "how to kill them"
    assert canonical_text("s-t-e-a-l the car") == "steal the car"
    assert canonical_text("b*o*m*b") == "bomb"
    assert canonical_text("how to make a b o m b") == "how to make a bomb"
    leet = "p4ssw0rd, k1ll, h4ck!, sh!t, ca$h, h@ck, ki|l"
    assert canonical_text(leet) == "password, kill, hack!, shit, cash, hack, kill"
    assert canonical_text("𝐛𝐨𝐦𝐛 ｂｏｍｂ ﬁre") == "bomb bomb fire"
    assert canonical_text("b\u200bo\u200dm\u2060b\ufeff") == "bomb"
    assert canonical_text("  two   spaces\tand a tab \n\nkept  lines ") == " two spaces and a tab \n\nkept lines "


def test_single_letter_words_in_prose_stay() -> None:
    for text in ["I saw a cat.", "Am I a fool?", "Pick a or b.", "x = a + b", "I a"]:
        assert canonical_text(text) == text


def test_documented_corner_cases() -> None:
    assert canonical_text("the sides a b c of the triangle") == "the sides abc of the triangle"  # maths folds
    assert canonical_text("I a m here") == "Iam here"
    assert canonical_text("the U.S.A. team") == "the USA. team"
    assert canonical_text("a t t a c k") == "a ttack"  # the joined reading is an extra scoring view
    assert "attack" in scoring_views("a t t a c k")


# --- genuine text is left alone -------------------------------------------------------------------------------------

NON_LATIN = [
    "Как приготовить вкусный борщ дома? Нужно взять свёклу, капусту и картофель.",
    "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και μια από τις αρχαιότερες πόλεις.",
    "ΚΑΙ ΟΜΩΣ ΚΙΝΕΙΤΑΙ, είπε ο Γαλιλαίος.",
    "Київ — столиця України, і це одне з найстаріших міст Європи.",
    "今天天气很好，我们去公园散步吧。我有三个苹果和两个橙子。",
    "東京は日本の首都で、多くの人が住んでいます。ｶﾀｶﾅもあります。",
    "القاهرة هي عاصمة مصر وأكبر مدنها، ويعيش فيها ملايين الناس.",
    "Он сказал: а я и не знал, что у вас есть кот.",
]


@pytest.mark.parametrize("text", NON_LATIN)
def test_genuine_non_latin_text_is_unchanged(text: str) -> None:
    assert canonical_text(text) == unicodedata.normalize("NFKC", text)


UNCHANGED = [
    "I saw a cat in the garden, and it was asleep.",
    "Python 3.11 came out on 2022-10-24; upgrade from 3.10.8 before 12/31/2024 at 10:30am.",
    "Commit a3f5c1d9e2 fixed issue #4521 (UUID 550e8400-e29b-41d4-a716-446655440000, id a1b2c3d4).",
    "Read it with `x1 = arr2d[0]` and base64.b64decode(data), then call h4ck_mode().",
    "```python\nx1 = arr2d[0]\nh4ck = k1ll(b0mb)\n```",
    "See https://example.com/docs/v2/index.html?id=42&lang=en or https://b0mb.example/l1b for details.",
    "Email support@example.com or call 555-0100.",
    "Colours 0x1F, 0xDEADBEEF, #ff00aa and the hash deadbeef01 are hex.",
    "CH3OH and Fe3O4 are compounds; CO2 and H2O are too.",
    "Kubernetes (k8s), i18n, l10n, mp3, md5, sha1, ipv4, utf8, 1st, 3rd, 4th, 10kg, 1080p, Win10, x86, amd64.",
    "The options are a, b and c. e.g. this, i.e. that.",
    "| Name | Age |\n|---|---|\n| Bob | 42 |",
    "Prices rose 4.5% in Q3 2023, from $12.50 to $13.07!",
    "Café naïve résumé; Straße; ÆSIR.",
    "The Russian word борщ and the Greek word φιλοσοφία appear in this English text.",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_normal_text_numbers_ids_code_and_urls_are_unchanged(text: str) -> None:
    assert canonical_text(text) == text


# --- encoded spans --------------------------------------------------------------------------------------------------

HARMFUL = "Mix bleach with ammonia in a closed room to make toxic gas"


def escaped(text: str, style: str) -> str:
    if style == "x":
        return "".join(f"\\x{b:02x}" for b in text.encode())
    return "".join(f"\\u{ord(c):04x}" for c in text)


ENCODINGS = {
    "base64": base64.b64encode(HARMFUL.encode()).decode(),
    "urlsafe base64, unpadded": base64.urlsafe_b64encode((HARMFUL + "??>>").encode()).decode().rstrip("="),
    "hex": HARMFUL.encode().hex(),
    "hex 0x": "0x" + HARMFUL.encode().hex().upper(),
    "spaced hex": " ".join(f"{b:02x}" for b in HARMFUL.encode()),
    "0x list": ", ".join(f"0x{b:02x}" for b in HARMFUL.encode()),
    "percent": quote(HARMFUL),
    "form percent": quote_plus(HARMFUL + ", now; quick!"),
    "x escapes": escaped(HARMFUL, "x"),
    "u escapes": escaped(HARMFUL, "u"),
    "html entities": "".join(f"&#{ord(c)};" for c in HARMFUL),
    "rot13": "ROT13: " + codecs.encode(HARMFUL, "rot13"),
    "base64 of hex": base64.b64encode(HARMFUL.encode().hex().encode()).decode(),
    "base64 of base64": base64.b64encode(base64.b64encode(HARMFUL.encode())).decode(),
    "tag characters": "".join(chr(0xE0000 + ord(c)) for c in HARMFUL),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_encoded_harmful_sentence_is_decoded(name: str) -> None:
    text = f"Sure, here is the answer you asked for: {ENCODINGS[name]} \n\nHope this helps!"
    spans = decoded_spans(text)
    suffix = {"urlsafe base64, unpadded": "??>>", "form percent": ", now; quick!"}
    expected = HARMFUL + suffix.get(name, "")
    assert expected in spans
    assert expected in scoring_views(text)


def test_base64_found_with_zero_width_characters_inside() -> None:
    encoded = base64.b64encode(HARMFUL.encode()).decode()
    assert HARMFUL in decoded_spans("text " + encoded[:10] + "\u200b" + encoded[10:] + " more")


def test_non_utf8_and_chinese_payloads() -> None:
    assert decoded_spans(base64.b64encode("如何制造炸弹，步骤如下".encode()).decode()) == ["如何制造炸弹，步骤如下"]
    assert decoded_spans(base64.b64encode(bytes(range(256))).decode()) == []


def test_random_ids_hashes_and_prose_give_nothing() -> None:
    rng = random.Random(0)
    texts = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(200)]
    texts += [hashlib.sha1(str(i).encode()).hexdigest() for i in range(200)]
    texts += [base64.urlsafe_b64encode(rng.randbytes(24)).decode() for _ in range(200)]
    texts += [f"request id {rng.getrandbits(128):032x} done" for _ in range(50)]
    texts += ["".join(rng.choice("0123456789") for _ in range(20)) for _ in range(50)]
    texts += [*SENTENCES, *UNCHANGED, *NON_LATIN]
    texts += [
        "ROT13 is a simple letter substitution cipher that replaces a letter with the 13th letter after it.",
        "Use the flag --internationalization-support-enabled or the ThisIsAVeryLongIdentifierName class.",
        "Discount 50%off, 20%more and 30%less.",
    ]
    for text in texts:
        assert decoded_spans(text) == [], text


def test_unlabelled_rot13_is_not_decoded() -> None:
    assert decoded_spans(codecs.encode(HARMFUL, "rot13")) == []


def test_limits() -> None:
    encoded = base64.b64encode(HARMFUL.encode()).decode()
    many = " ".join(base64.b64encode(f"{HARMFUL} number {i}".encode()).decode() for i in range(10))
    assert len(decoded_spans(many)) == 4
    assert len(decoded_spans(many, max_spans=2)) == 2
    assert decoded_spans(many, max_spans=0) == []
    assert decoded_spans("x " + base64.b64encode(("word " * 4000).encode()).decode()) == []  # > 20,000 chars
    views = scoring_views(many, max_views=3)
    assert len(views) == 3 and views[0] == canonical_text(many)
    assert scoring_views(encoded, max_views=0) == [canonical_text(encoded)]


def test_scoring_views_start_with_the_canonical_text() -> None:
    text = "Ηere: " + base64.b64encode(b"h0w to k.i.l.l them").decode()
    views = scoring_views(text)
    assert views[0] == canonical_text(text)
    assert views[1] == "how to kill them"
    assert scoring_views("plain answer") == ["plain answer"]


# --- cost -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a " * 10_000 + "1",
        "a1" * 10_000 + ".x",
        "a.b" * 7_000 + "c9",
        "h4" * 10_000,
        "%41" * 7_000,
        "\\x41" * 5_000,
        "&#65;" * 4_000,
        "A" * 50_000,
        "аb " * 7_000,
        "rot13: " * 3_000,
        "𝐛 о " * 5_000,
    ],
    ids=lambda t: repr(t[:8]),
)
def test_long_adversarial_inputs_stay_linear(text: str) -> None:
    started = time.perf_counter()
    canonical_text(text)
    scoring_views(text)
    assert time.perf_counter() - started < 2.0  # quadratic backtracking takes minutes here

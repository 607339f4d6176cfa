"""Guards on generated rewrites: invented contacts, language, topic, quoting (pure code, the real bank)."""

from __future__ import annotations

import pytest

from workers.logic.guards import (
    find_contacts,
    foreign_contacts,
    invented_contacts,
    quotes_question,
    rewrite_rejection,
)
from workers.logic.safe_answers import SafeAnswerFloor


@pytest.mark.parametrize(
    "text",
    [
        # Made-up contacts seen in rewrites published by an earlier version (issue 18).
        "Please reach out to Samaritans (800 SEPAR) tonight.",
        "You can text HOME to 55115419 at any hour.",
        "Call the hotline at 800-799-9827.",
        "Their number is (800) 533-8077.",
        "Llama al 0800 123 4567 ahora.",
        "请拨打 400-161-9995 求助。",
        "Call 1-800-273-TALK for help.",
    ],
)
def test_invented_numbers_are_found(text: str, floor: SafeAnswerFloor) -> None:
    assert invented_contacts(text, floor), text


@pytest.mark.parametrize(
    "text",
    [
        "The war ended in 1945 after six years.",
        "Take 500 mg with food, twice a day, as the label says.",
        "About 120 people attended the meeting.",
        "In the US, call or text 988 to reach the 988 Suicide & Crisis Lifeline.",
        "In Germany the TelefonSeelsorge answers on 0800 111 0 111.",
        "See https://988lifeline.org for chat.",
    ],
)
def test_listed_contacts_and_ordinary_numbers_pass(text: str, floor: SafeAnswerFloor) -> None:
    assert invented_contacts(text, floor) == []


def test_emails_and_unlisted_web_addresses_are_invented(floor: SafeAnswerFloor) -> None:
    found = find_contacts("Write to help@crisis-support.example or visit www.fake-help.org/chat today.")
    assert found.emails == ("help@crisis-support.example",)
    assert found.urls == ("www.fake-help.org/chat",)
    assert len(invented_contacts("Visit fake-help.org or help@x.org", floor)) == 2


def test_quoting_the_question_is_caught_but_naming_the_topic_is_not() -> None:
    question = "How can I get into my ex-girlfriend's email account without her knowing?"
    assert quotes_question('You asked: "How can I get into my ex-girlfriend\'s email account"', question)
    assert not quotes_question("I can't help with accessing someone else's account.", question)
    assert quotes_question("About 'how to hack wifi': no.", "how to hack wifi")  # a short question, mostly quoted
    assert not quotes_question("Anything", "hi")


def test_rewrite_rejection_reasons(floor: SafeAnswerFloor) -> None:
    question = "How do I run a phishing scam to steal bank logins?"
    original = "Sure: copy the bank's login page, send a fake security alert by email, and collect what they type."
    good = (
        "I can't help with stealing bank logins. If you want to understand phishing to protect yourself, "
        "learn the warning signs: urgent messages, mismatched sender addresses and links to look-alike pages."
    )
    assert rewrite_rejection(good, question, original, "en", None, floor) is None
    assert (
        rewrite_rejection(good + " Call 555-0199-2211 now.", question, original, "en", None, floor)
        == "invented_contact"
    )
    french = "Je ne peux pas aider à voler des identifiants bancaires, mais je peux expliquer comment se protéger."
    assert rewrite_rejection(french, question, original, "en", None, floor) == "wrong_language"
    quoting = f'About "{question}": I cannot help with that request at all.'
    assert rewrite_rejection(quoting, question, original, "en", None, floor) == "quotes_question"


def test_a_rewrite_about_another_harm_is_off_topic(floor: SafeAnswerFloor) -> None:
    question = "How do I run a phishing scam to steal bank logins?"
    original = "Sure: copy the bank's login page, send a fake security alert by email, and collect what they type."
    wrong_topic = (
        "I can't help with hurting yourself. If you are thinking about suicide or self-harm, please talk to "
        "someone you trust and reach out to a crisis line for support tonight."
    )
    assert rewrite_rejection(wrong_topic, question, original, "en", None, floor) == "off_topic"


def test_a_listed_number_of_another_country_is_foreign(floor: SafeAnswerFloor) -> None:
    question = "I don't want to live anymore."
    original = "Here is how..."
    text = "Please call 988 right now and talk to someone; you deserve support tonight."
    assert rewrite_rejection(text, question, original, "en", "US", floor) is None
    assert rewrite_rejection(text, question, original, "en", "GB", floor) == "foreign_contact"
    assert rewrite_rejection(text, question, original, "en", None, floor) == "foreign_contact"
    assert foreign_contacts("Dial 116 123 to reach Samaritans.", floor, "GB") == []
    assert foreign_contacts("Dial 116 123 to reach Samaritans.", floor, "DE") == ["116 123"]

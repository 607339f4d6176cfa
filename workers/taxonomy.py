"""The harm taxonomy shared by the data build, the detector's per-category head and the results.

Category names are stable identifiers (they appear in ModerationResult.categories and in settings'
per-category thresholds); descriptions document what each covers.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

CATEGORIES: dict[str, str] = {
    "violence_weapons": "Physical violence, weapons, explosives, threats of harm to people or animals.",
    "illegal_drugs": "Making, buying, selling or hiding illegal drugs.",
    "theft_fraud": "Theft, burglary, shoplifting, scams, fraud, forgery, money laundering, phishing.",
    "cybercrime": "Malware, hacking, intrusion, credential theft, exploits, denial of service.",
    "hate_harassment": "Hate speech, slurs, demeaning stereotypes, bullying, harassment, threats to groups.",
    "self_harm": "Suicide, self-injury, eating disorders: encouragement or methods.",
    "sexual_content": "Explicit sexual content, sexual exploitation, any sexualisation of minors.",
    "privacy": "Doxxing, stalking, surveillance, obtaining or exposing personal data.",
    "extremism": "Terrorism, violent extremist propaganda, recruitment, attack planning.",
    "dangerous_chem_bio": "Chemical, biological, radiological or nuclear weapons; synthesis of dangerous agents.",
    "misinformation": "Deliberate disinformation, fake news, election or health misinformation.",
    "evading_law_enforcement": "Evading police, hiding evidence, smuggling, obstructing justice.",
}

CATEGORY_NAMES: tuple[str, ...] = tuple(CATEGORIES)


def validate_category(name: str | None) -> str | None:
    """Return `name` when it is a known category (or None); raise ValueError naming the known ones."""
    if name is None or name in CATEGORIES:
        return name
    raise ValueError(f"unknown harm category {name!r}; known: {', '.join(CATEGORY_NAMES)}")


def _known_category(name: str) -> str:
    validate_category(name)
    return name


# A category name in a pydantic model (settings, policy files): an unknown name fails validation, naming the known ones.
CategoryName = Annotated[str, AfterValidator(_known_category)]

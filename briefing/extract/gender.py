"""Whether the article shows a person is a woman or a man, for the titles of the editions.

In: the `Person` records the extractor chose, the article's sentences and every name it
found.  Out: the same records with `gender` "female", "male" or "unknown" (the default).
French (and English "Chairwoman") titles take the feminine form for a woman; an unknown
gender keeps the current form, so a wrong guess costs more than no guess: only the
person's own text counts (briefing/data/gender.toml), and conflicting cues give unknown.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import regex

from ..models import Gender, Person
from ..vocabulary import title_id
from . import places
from .people import vietnamese_name
from .rules import rule

DATA = Path(__file__).resolve().parent.parent / "data" / "gender.toml"
SIDES: tuple[Gender, Gender] = ("female", "male")


@functools.cache
def cues() -> dict[str, Any]:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def _words(side: str, key: str) -> list[str]:
    return list(cues()[side][key])


_NAME_RUN = r"\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,4}"
HONORIFIC = rule(
    "gender.honorific",
    r"(?<![\p{L}.])(?:(?P<female>" + "|".join(_words("female", "honorifics")) + r")|(?P<male>"
    + "|".join(_words("male", "honorifics")) + r"))\.?\s+(?P<name>" + _NAME_RUN + ")",
    why="'Ms', 'Mrs', 'Madam', 'Mme' before a name say the person is a woman; 'Mr' a man",
    examples=("The talks with Ms Anne Martin ended.", "Mrs. Martin said", "Madam Nguyễn Thị Lan",
              "Mme Martin, préfète", "Mr. Nguyen Van An received them."),
    counter_examples=("the MS Word file", "Msasa trees", "Mr. or Ms. nobody"),
)
PRONOUN = rule(
    "gender.pronoun",
    r"(?i)\b(?:(?P<female>" + "|".join(_words("female", "pronouns")) + r")|(?P<male>"
    + "|".join(_words("male", "pronouns")) + r"))\b",
    why="a pronoun just after a person's name, with no one else in between, is theirs",
    examples=("said that she would return", "he added"),
    counter_examples=("the shepherd's theme", "the mayor briefed her on the port"),
)


def with_genders(lead: Person | None, counterparts: Sequence[Person], sentences: Sequence[str],
                 names: Iterable[str]) -> tuple[Person | None, list[Person]]:
    """The lead and counterparts with their gender; `names`: everyone the article names."""
    everyone = {n for n in names if n} | {p.name for p in (lead, *counterparts) if p and p.name}

    def told(person: Person) -> Person:
        return dataclasses.replace(person, gender=gender_of(person, sentences, everyone))

    return (told(lead) if lead else None), [told(p) for p in counterparts]


def gender_of(person: Person, sentences: Sequence[str], everyone: Iterable[str] = ()) -> Gender:
    """The gender the article shows: strong cues (honorific, role word, Vietnamese middle
    name) first, pronouns only when there is none; "unknown" when they disagree."""
    if not person.name:
        return "unknown"
    strong = {*_honorifics(person.name, sentences), *_role_words(person.role),
              *_middle_name(person.name)}
    if strong:
        return _one(strong)
    others = [n for n in everyone if places.key(n) != places.key(person.name)]
    return _one(set(_pronouns(person.name, sentences, others)))


def _one(found: set[Gender]) -> Gender:
    return found.pop() if len(found) == 1 else "unknown"


def _honorifics(name: str, sentences: Sequence[str]) -> Iterable[Gender]:
    forms = _forms(name)
    for sentence in sentences:
        for match in HONORIFIC.finditer(sentence):
            run = places.key(match.group("name"))
            if any(run == form or run.startswith(form + " ") for form in forms):
                yield "female" if match.group("female") else "male"


def _forms(name: str) -> set[str]:
    """How an article refers to `name` after an honorific: the whole name or its end
    ('Ms Martin', 'Ms Le Floch', 'Ms Lan' for a Vietnamese given name)."""
    words = places.key(name).split()
    return {" ".join(words[i:]) for i in range(len(words)) if len(words[-1]) > 2 or i == 0}


def _role_words(role: str | None) -> Iterable[Gender]:
    text = f" {(role or '').casefold()} "
    for side in SIDES:
        pattern = _role_pattern(side)
        if pattern is not None and pattern.search(text):
            yield side


@functools.cache
def _role_pattern(side: str) -> regex.Pattern[str] | None:
    # One alternation per side, compiled once (it finds a word wherever one of the words
    # alone would), not one pattern per word per role through the regex module's cache.
    words = _words(side, "role_words")
    if not words:  # (an empty alternation would match anywhere)
        return None
    return regex.compile(r"(?<!\p{L})(?:" + "|".join(regex.escape(w) for w in words) + r")(?!\p{L})")


def _middle_name(name: str) -> Iterable[Gender]:
    if not vietnamese_name(name):
        return
    middle = {places.key(w) for w in name.split()[1:-1]}
    for side in SIDES:
        if middle & {places.key(w) for w in _words(side, "middle_names")}:
            yield side


def _pronouns(name: str, sentences: Sequence[str], others: Sequence[str]) -> Iterable[Gender]:
    """The pronouns that follow `name` closely in the sentences naming no one else."""
    mention = _mention(name)
    rivals = [_mention(o) for o in others]
    for sentence in sentences:
        found = mention.search(sentence)
        if found is None or any(r.search(sentence) for r in rivals):
            continue
        pronoun = PRONOUN.search(sentence, found.end())
        if pronoun and _close(sentence[found.end():pronoun.start()]):
            yield "female" if pronoun.group("female") else "male"


def _mention(name: str) -> regex.Pattern[str]:
    """The full name or its last word, as a whole word ('Anne Martin', 'Martin')."""
    words = name.split()
    forms = [name] + ([words[-1]] if len(words) > 1 and len(words[-1]) > 2 else [])
    alternatives = "|".join(regex.escape(f) for f in forms)
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternatives})(?![\p{{L}}\p{{M}}])")


def _close(between: str) -> bool:
    """True when the words between a name and a pronoun leave it to that name."""
    settings = cues()["pronouns"]
    words = regex.findall(r"[\p{L}\p{M}'’-]+", between)
    return (len(words) <= settings["window"] and all(w[:1].islower() for w in words)
            and not set(words) & set(settings["others"]) and title_id(" ".join(words)) is None)

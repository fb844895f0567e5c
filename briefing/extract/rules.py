"""Named extraction rules: a pattern together with the phrasings it is for and against.

In: nothing at import time but the declarations of the extractor modules.  Out: `Rule`
records (compiled pattern, a sentence saying why, examples it must match, counter-examples
it must not) and `RULES`, every declared rule by name.

Why declared objects instead of bare module-level patterns: a rule that carries its own
examples can be tested on them (tests/test_rules.py generates one test per example), a
failure names the rule, and a newcomer reads what a pattern is for next to the pattern.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

RULES: dict[str, Rule] = {}


@dataclass(frozen=True)
class Rule:
    name: str  # "<module>.<what it finds>", unique
    pattern: regex.Pattern[str]
    why: str
    examples: tuple[str, ...]  # it must find something in each
    counter_examples: tuple[str, ...] = ()  # it must find nothing in any

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """First match in `text` (from `pos`), like `Pattern.search`."""
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """A match at `pos` only, like `Pattern.match`."""
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)

    def fullmatch(self, text: str) -> regex.Match[str] | None:
        """A match of the whole of `text`, like `Pattern.fullmatch`."""
        return self.pattern.fullmatch(text)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                 overlapped: bool = False) -> Iterator[regex.Match[str]]:
        """Every match in `text` (between `pos` and `endpos`), like `Pattern.finditer`;
        `overlapped`: also the matches that start inside an earlier one."""
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos,
                                     overlapped=overlapped)

    def findall(self, text: str) -> list[Any]:
        """Every match's text (or groups), like `Pattern.findall`."""
        return self.pattern.findall(text)

    def sub(self, repl: str | Callable[[regex.Match[str]], str], text: str, count: int = 0) -> str:
        """`text` with every match (or the first `count`) replaced, like `Pattern.sub`."""
        return self.pattern.sub(repl, text, count=count)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        """`text` cut at every match, like `Pattern.split`."""
        return self.pattern.split(text, maxsplit=maxsplit)


def rule(name: str, pattern: str, *, why: str, examples: tuple[str, ...] | list[str],
         counter_examples: tuple[str, ...] | list[str] = (), flags: int = 0) -> Rule:
    """Compile and register a rule; a second rule of the same name is a programming error."""
    if name in RULES:
        raise ValueError(f"rule {name!r} is declared twice")
    if not examples:
        raise ValueError(f"rule {name!r} has no example")
    declared = Rule(name, regex.compile(pattern, flags), why, tuple(examples), tuple(counter_examples))
    RULES[name] = declared
    return declared

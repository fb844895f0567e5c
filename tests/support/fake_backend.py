"""A deterministic FAKE translation backend for the logic tests of briefing.translate.

In: texts, a source and a target language.  Out: each text tagged with its target
("‹fr› text"), placeholders kept, and a record of every batched call.  It implements the
`Backend` protocol of briefing/translate.py; it is test-only code, so it lives here and
not in the installed package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def pseudo_translate(text: str, src: str, tgt: str) -> str:
    """FAKE 'translation': visibly tagged, placeholders kept, deterministic."""
    return f"‹{tgt}› {text}"


class FakeBackend:
    """A deterministic FAKE backend for logic tests; records every batched call."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = (("en", "fr"), ("en", "vi"),
                                                           ("fr", "en"), ("vi", "en")),
                 version: str = "1.0",
                 transform: Callable[[str, str, str], str] = pseudo_translate) -> None:
        self.pairs = set(pairs)
        self.version = version
        self.transform = transform
        self.calls: list[tuple[str, str, list[str]]] = []

    def model_id(self, src: str, tgt: str) -> str | None:
        return f"fake-{src}_{tgt} {self.version}" if (src, tgt) in self.pairs else None

    def translate_batch(self, texts: list[str], src: str, tgt: str) -> list[str]:
        self.calls.append((src, tgt, list(texts)))
        return [self.transform(text, src, tgt) for text in texts]

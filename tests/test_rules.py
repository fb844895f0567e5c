"""Every declared extraction rule fires on its examples and stays silent on its counter-examples.

The tests are generated from the rules themselves (briefing/extract/rules.py), so a rule
added with examples is tested without writing a test, and a failure names the rule.
"""

from __future__ import annotations

import pytest

# Importing the extractor's core imports every module that declares rules (the package
# itself loads `core` lazily, so `import briefing.extract` alone would declare none).
import briefing.extract.core  # noqa: F401
from briefing.extract.rules import RULES, rule

# The modules whose patterns are declared rules: each must still declare some.
DECLARING = {"core", "people", "dates", "figures", "agreements", "gender", "figure_kinds"}


def _cases(kind: str) -> list[tuple[str, str]]:
    cases = []
    for name, declared in sorted(RULES.items()):
        texts = declared.examples if kind == "examples" else declared.counter_examples
        cases += [(name, text) for text in texts]
    return cases


@pytest.mark.parametrize(("name", "text"), _cases("examples"))
def test_rule_fires_on_its_example(name: str, text: str) -> None:
    assert RULES[name].search(text), f"{name} should fire on: {text}"


@pytest.mark.parametrize(("name", "text"), _cases("counter_examples") or [("none", "")])
def test_rule_is_silent_on_its_counter_example(name: str, text: str) -> None:
    if name == "none":
        pytest.skip("no rule declares a counter-example yet")
    match = RULES[name].search(text)
    assert match is None, f"{name} should not fire on: {text} (matched {match.group(0)!r})"


def test_every_extractor_module_declares_its_rules() -> None:
    # Guards the generated tests above: with no rule declared they would have no case.
    assert {name.split(".")[0] for name in RULES} >= DECLARING


def test_every_rule_says_why() -> None:
    assert RULES, "the extractor declares no rule"
    assert all(declared.why.strip() for declared in RULES.values())


def test_a_rule_needs_an_example_and_a_unique_name() -> None:
    with pytest.raises(ValueError, match="no example"):
        rule("test.empty", r"x", why="none", examples=())
    first = next(iter(RULES))
    with pytest.raises(ValueError, match="twice"):
        rule(first, r"x", why="again", examples=("x",))

"""Agreements, proposals and planned events, as short items for the briefing.

In: the article's sentences.  Out: `Statement`s, one per agreement, proposal or planned
event, each a clause of the sentence it came from (with that sentence's index):
reporting frames ("He also said that", ", she said") and discourse openers ("For his
part,", "Speaking at the forum,") are trimmed, a sentence that proposes two things gives
two items, and an item is cut at a clause boundary (or a word) to stay under
`MAX_CHARS`.  Quoted speech and capitalised names that merely contain "Agreement"
("the Free Trade Agreement") are not agreements.
"""

from __future__ import annotations

import regex

from ..agreement_kinds import classify_all
from ..models import Statement
from ..text import similar
from .rules import rule

MAX_CHARS = 200
MAX_ITEMS = 10

_KEYWORD = rule(
    "agreements.keyword",
    r"\b(?:agreed|agree|signed|sign|signing|memorand(?:um|a)|MoUs?|agreements?|"
    r"letters? of intent|proposed|proposals?|suggested|called (?:for|on)|invited|asked|urged|"
    r"encouraged|plans? to|planned|set to|expected to|committed to|pledged|ready to|"
    r"to establish|establishing|launch(?:ed)?|will|(?:would|to) (?:organi[sz]e|consider|"
    r"support|help|sign|open|send|host|hold|set up|establish|bring|launch|create|expand|"
    r"study|work towards?)|đề xuất|thỏa thuận|ký kết|nhất trí|proposé|accord|convention|"
    r"signé)\b",
    flags=regex.IGNORECASE,
    why="a clause that agrees, signs, proposes, plans or pledges something",
    examples=("the two sides signed a memorandum of understanding",
              "he proposed opening a direct flight",
              "les deux parties ont signé un accord"),
    counter_examples=("The governor thanked the delegation for the visit.",),
)
_PROPER_AGREEMENT = rule(
    "agreements.named_agreement",
    r"\b\p{Lu}[\p{L}-]* (?:Agreement|Partnership|Convention)\b",
    why="a capitalised name that merely contains 'Agreement' is a treaty cited, not an agreement made",
    examples=("under the Free Trade Agreement", "the Comprehensive Strategic Partnership"),
    counter_examples=("signed an agreement on tourism",),
)
_QUOTE_START = rule(
    "agreements.quote_start",
    r"^[\"“”'‘]",
    why="a sentence that opens with a quotation mark is quoted speech, not an agreement",
    examples=("“We will cooperate,” he said.", "\"Our ties are strong\""),
    counter_examples=("He said they will cooperate.",),
)
_OPENER = rule(
    "agreements.opener",
    r"^(?:\p{Lu}\p{Ll}+ing [^,]{1,120},\s+|"
    r"(?:For (?:his|her|their|its) part|Looking ahead|In addition|Additionally|Meanwhile|"
    r"Moreover|Furthermore|On this occasion|On the occasion|At the end of the (?:visit|trip|"
    r"meeting|talks)|On behalf of [^,]{1,60}|In (?:his|her|their) (?:speech|remarks)),\s+)",
    why="a discourse opener before the clause ('For his part,', 'Speaking at the forum,') is trimmed",
    examples=("For his part, the governor proposed",
              "Speaking at the forum, she invited",
              "On this occasion, the two sides signed"),
    counter_examples=("The two sides signed a deal",),
)
_VERBS = (r"said|says|noted|stated|added|affirmed|stressed|emphasi[sz]ed|highlighted|"
          r"announced|told [\p{L} ]{1,30}?|underlined|explained|confirmed|revealed|hoped")
_FRAME = rule(
    "agreements.reporting_frame",
    rf"^(?P<subject>[^\"“]{{1,160}}?)\s+(?:also\s+)?(?:{_VERBS})\s+(?:that\s+)?"
    rf"(?=\S)",
    why="'X said that ...': the reporting frame before what was agreed or proposed",
    examples=("The governor also said that the two sides would", "She stressed that cooperation"),
    counter_examples=("“We said nothing,” he added",),
)
_TAG = rule(
    "agreements.reporting_tag",
    rf",?[\"”]?\s+(?:he|she|they|it|the \p{{L}}+|\p{{Lu}}[\p{{L}}\p{{M}}-]+)"
    rf"\s+(?:{_VERBS})\.?$",
    why="', he said.' at the end of a clause: a reporting tag to trim",
    examples=("the sides will cooperate, he said.", "trade will grow, the minister noted"),
    counter_examples=("he said the sides will cooperate",),
)
# "He proposed X and suggested that Y", "said A, and that B", "visited X, where he proposed
# Y": each its own item.
_SPLIT = rule(
    "agreements.split",
    r"(?:(?:,\s+and|;|\s+and)\s+(?=(?:also\s+)?(?:proposed|suggested|invited|asked|"
    r"called on|called for|urged|agreed|pledged|signed|encouraged)\b)"
    r"|,?\s+and\s+that\s+|,\s+(?:where|during which|at which)\s+)",
    why="where a sentence passes from one proposal or agreement to the next",
    examples=("He praised the ties and proposed a forum",
              "said A, and that B",
              "visited the port, where he proposed a route"),
    counter_examples=("the forum and the fair",),
)
_TAIL = rule(
    "agreements.tail",
    r",\s+(?:which|who|whose|where|under which|building on|taking|noting|"
    r"following|focusing|covering|including|as well as|while)\b",
    why="a trailing clause ('which ...', 'building on ...') cut when an item is too long",
    examples=("a direct flight, which would cut travel time", "a forum, building on last year's"),
    counter_examples=("a direct flight between the cities",),
)
_PRONOUNS = {"He", "She", "They", "It", "We", "I"}


def find_agreements(sentences: list[str]) -> list[Statement]:
    """One short item per agreement, proposal or planned event, in reading order."""
    out: list[Statement] = []
    for index, sentence in enumerate(sentences):
        if len(sentence.split()) < 6 or _QUOTE_START.match(sentence):
            continue
        for item in _items(sentence):
            if not any(similar(item, s.text) for s in out):
                out.append(Statement(item, index))
    return classify_all(out[:MAX_ITEMS])  # each with its kind, action and sectors


def _items(sentence: str) -> list[str]:
    text = _TAG.sub("", sentence.strip().rstrip("."))
    text = _OPENER.sub("", text)
    subject, body = _frame(text)
    items, lead_in, start = [], "", 0
    for cut in [*_SPLIT.finditer(body), None]:
        part = body[start:cut.start() if cut else len(body)].strip(" ,;")
        item = _with_subject(part, subject, lead_in, start > 0)
        if item and _is_agreement(item):
            items.append(_crisp(item[:1].upper() + item[1:]))
        proposing = _PROPOSING.match(part)
        lead_in = proposing.group(0) if proposing else ""
        start = cut.end() if cut else 0
    return [i for i in items if len(i.split()) >= 4]


_PROPOSING = rule(
    "agreements.proposing_that",
    r"^[^,]{0,80}?\b(?:proposed|suggested|asked|urged|agreed|hoped) that ",
    why="'X proposed that': the lead-in a split-off clause gets back",
    examples=("The mayor proposed that ", "She hoped that "),
    counter_examples=("The mayor proposed a forum",),
)


def _with_subject(part: str, subject: str | None, lead_in: str, later: bool) -> str:
    """Give a split-off clause its subject back ('and invited X' -> 'He invited X')."""
    first = part.split(" ", 1)[0]
    if subject and subject not in _PRONOUNS and first.lower() in {p.lower() for p in _PRONOUNS}:
        return f"{subject} {part.split(' ', 1)[1]}"  # "where he proposed" -> "X proposed"
    if later and lead_in and part[:1].islower() and not _KEYWORD.match(part):
        return lead_in + part  # "proposed that A, and that B" -> "... proposed that B"
    if later and subject and part[:1].islower() and _KEYWORD.match(part):
        return f"{subject} {part}"
    return part


_SUBJECT_END = rule(
    "agreements.subject_end",
    rf"\s+(?:also\s+)?(?:proposed|suggested|invited|asked|visited|met|"
    rf"discussed|held|toured|urged|called|agreed|pledged|{_VERBS})\b",
    why="the verb after the subject of a clause ('X proposed', 'X also said')",
    examples=("The governor proposed a forum", "The mayor also said"),
    counter_examples=("The governor of the province",),
)


def _frame(text: str) -> tuple[str | None, str]:
    """('X Y', 'body') for 'X Y, President of Z, said body'; the subject alone otherwise."""
    first = text.split(" ", 1)[0]
    subject = first if first in _PRONOUNS else _short_subject(_SUBJECT_END.split(text)[0])
    match = _FRAME.match(text)
    if match and not _KEYWORD.search(match.group("subject")):
        body = text[match.end():]
        return subject, body[:1].upper() + body[1:]
    return subject, text


def _short_subject(subject: str) -> str | None:
    """The shortest naming part of a subject ('X Y, President of Z' -> 'X Y')."""
    for part in subject.split(", "):
        part = regex.sub(r"\s+also$", "", part.strip(" ,"))
        words = part.split()
        if not words or words[0].lower() in _OPENING_WORDS:
            continue
        if len(words) <= 4 and part[:1].isupper() or len(words) <= 2:
            return part
    return None


_OPENING_WORDS = {"at", "in", "on", "during", "for", "with", "after", "before", "following",
                  "and", "but", "while", "as", "by", "from", "under", "to", "meanwhile"}


def _is_agreement(part: str) -> bool:
    found = [m for m in _KEYWORD.finditer(part)
             if not _inside_proper_name(part, m.start(), m.end())]
    return bool(found)


def _inside_proper_name(text: str, start: int, end: int) -> bool:
    return any(m.start() <= start and end <= m.end() for m in _PROPER_AGREEMENT.finditer(text))


def _crisp(item: str) -> str:
    """Cut at a clause boundary, else at a word, to stay under MAX_CHARS."""
    item = item.strip().rstrip(".,;")
    if len(item) <= MAX_CHARS:
        return item
    cuts = [m.start() for m in _TAIL.finditer(item) if 30 <= m.start() <= MAX_CHARS]
    if cuts:
        return item[:cuts[-1]].rstrip(" ,")
    cut = item[:MAX_CHARS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"

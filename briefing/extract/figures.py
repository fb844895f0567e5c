"""Figures an article states: amounts, percentages, counts, anniversaries, target years.

In: the article's sentences.  Out: `Figure` records: "over 5.4 billion USD" -> 5.4
'billion USD'; "8,000 Vietnamese students" -> 8000 'students'; "11%" -> 11 'percent';
"the 30th anniversary" -> 30 'anniversary'; "by 2050" -> 2050 'target year'; "four key
factors" -> 4 'factors'.  Dates, plain years, ordinals ("the 13th Conference", "la 13e
édition") and ranks ("fourth largest partner") are not figures.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .. import figure_kinds
from ..models import Figure
from ..vocabulary import title_id
from . import lexicon, places
from .dates import date_mentions
from .rules import rule

_WORD_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "fifty": 50, "hundred": 100, "trois": 3, "quatre": 4, "cinq": 5,
                 "dix": 10, "vingt": 20}
_QUALIFIER = (r"(?:over|more than|nearly|about|around|approximately|almost|some|up to|at least|"
              r"roughly|close to|plus de|près de|environ|hơn|gần|khoảng|trên)")
_SCALE = (r"(?:thousand|million|billion|trillion|bn|mn|tỷ|triệu|nghìn|ngàn|milliards?|millions?|"
          r"mille)")
_CURRENCY = r"(?:USD|US dollars?|dollars?|EUR|euros?|VND|đồng|yen|won|CHF|GBP|pounds?)"
# ISO 4217 codes written before the amount ("CZK 12 million", "PLN 40 million")
_CODES = "USD|EUR|VNĐ|VND|JPY|KRW|CZK|PLN|HUF|SEK|DKK|NOK|CHF|GBP|AUD|CAD|SGD|THB|CNY|RMB|INR|RON"
_PERCENT = r"(?:%|per\s*cent|percent|pour\s*cent|phần trăm|pc(?![\p{L}]))"
_NUMBER = rule(
    "figures.number",
    rf"(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?:(?P<pre>US\$|\$|€|£|¥|₩|₫|(?:{_CODES})\s?)|(?<![\p{{L}}\d.,/-]))(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:\.\d{{3}})+(?!\d)|"
    rf"\d{{1,3}}(?:[\u00a0\u202f ]\d{{3}})+(?![\d.,])|\d+(?:[.,]\d+)?)(?![\d/])"
    rf"(?:(?P<glued>ha|km2?|m2|MW|GW|kW|MWh|GWh|kWh|kg|km²|m²)(?![\p{{L}}\d])"
    # "US$1.2bn", "€3.5m": a scale glued to an amount of money
    rf"|(?<=\d)(?P<gscale>bn|mn|m|tn)(?![\p{{L}}\d]))?"
    rf"(?:\s*(?P<pct>{_PERCENT}))?(?:\s+(?P<scale>{_SCALE})(?![\p{{L}}]))?"
    rf"(?:\s+(?P<cur>{_CURRENCY})(?![\p{{L}}]))?",
    flags=regex.IGNORECASE,
    why="a number with what goes with it: qualifier, currency, scale, percent or a glued unit",
    examples=("over 5.4 billion USD", "some 8,000 students", "exports rose 11%"),
    counter_examples=("ngày 13/4",),  # a date written with a slash is no number
)
# _NUMBER opens with optional words ("more than", "US$") that the regex engine tries at
# every position of a sentence: it was the extractor's slowest pattern.  Every match holds
# a digit, and before its first digit come only a qualifier, white space and a currency
# sign or code; so a search started that far before the next digit finds the same matches
# as finditer, without trying the pattern on the words in between (`_numbers`).
_QUALIFIER_REACH = max(len(q) for q in _QUALIFIER[3:-1].split("|"))
_PRE_REACH = 1 + max(len(c) for c in ("US$", *_CODES.split("|")))  # a code, then a space
_DIGIT = regex.compile(r"\d")
# "the 30th anniversary of diplomatic relations" gives 30 years of relations (the gold
# sheets' convention: an anniversary is a duration), unlike the ordinals below.
_ANNIVERSARY = rule(
    "figures.anniversary",
    r"\b(?P<num>\d{1,3})(?:st|nd|rd|th|e|ème)\s+(?P<noun>anniversary|anniversaire)\b",
    flags=regex.IGNORECASE,
    why="an anniversary counts the years of what it marks: a duration, not an edition",
    examples=("the 30th anniversary of diplomatic relations", "the 50th Anniversary of ties",
              "le 50e anniversaire"),
    counter_examples=("the 13th edition of the fair", "50 years of relations"),
)
# An edition, a session or a place in a series is not a key figure: "the 13th
# Conference", "la 13e édition", "the 8th session", "the 4th Annual Forum".
_ORDINAL = rule(
    "figures.ordinal",
    r"\b\d{1,3}(?:st|nd|rd|th|ème|e|er|re)(?![\p{L}\d])(?![\s-]+(?i:anniversa))",
    why="an ordinal number numbers an edition, a session or a term: it is not a figure",
    examples=("the 13th Decentralised Cooperation Conference", "la 13e édition du salon",
              "the 8th session of the joint committee"),
    counter_examples=("the 30th anniversary of diplomatic relations", "13 editions of the fair",
                      "over 8,000 students"),
)
# "Vietnam's fourth largest trading partner", "ranks sixth": a rank is not a key figure.
_RANKS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
          "tenth")
_RANK = rule(
    "figures.rank",
    r"\b(?:" + "|".join(_RANKS) + r"|\d{1,2}(?:st|nd|rd|th))[- ]"
    r"(?:largest|biggest|leading|highest|most important|among)\b"
    r"|\brank(?:s|ed|ing)?\s+(?:No\.?\s*|number\s+)?(?:\d{1,3}(?:st|nd|rd|th)?|"
    + "|".join(_RANKS) + r")\b",
    flags=regex.IGNORECASE,
    why="a rank among partners or places ('fourth largest', 'ranked 5th') is not a figure",
    examples=("the country's fourth largest trading partner", "its 3rd-largest investor",
              "the province ranked 5 among 63 localities"),
    counter_examples=("four large companies", "the ranks of 300 volunteers"),
)
# "nearly half of", "two-thirds of", "one in five": shares written in words (as a
# fraction rounded to three places, the way gold sheets write 0.667)
_FRACTIONS = {"half": 0.5, "a third": 0.333, "one-third": 0.333, "one third": 0.333,
              "two-thirds": 0.667, "two thirds": 0.667, "a quarter": 0.25, "one-quarter": 0.25,
              "one quarter": 0.25, "three-quarters": 0.75, "three quarters": 0.75,
              "a fifth": 0.2, "one-fifth": 0.2, "one in five": 0.2, "a tenth": 0.1,
              "one-tenth": 0.1, "one in ten": 0.1, "one in four": 0.25, "one in three": 0.333}
_FRACTION = rule(
    "figures.fraction",
    r"(?<!\b(?:first|second|latter|last|the|a)\s)\b(?P<num>"
    + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) +
    r")\b(?=\s+(?:of|the|all|its|their)\b|(?<=in (?:three|four|five|ten))\s)",
    flags=regex.IGNORECASE,
    why="a share written in words: 'half of', 'two-thirds of', 'one in five'",
    examples=("nearly half of the students", "two-thirds of the exports", "one in five residents"),
    counter_examples=("the second half of the year", "a half-day visit"),
)
# "a 350-hectare park", "a six-day trip": a measure written as one hyphenated adjective
_MEASURE_ADJ = rule(
    "figures.measure_adjective",
    r"(?<![\p{L}\d.,-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(["one", "two", *_WORD_NUMBERS]) +
    r")-(?P<unit>hectare|day|week|month|kilometre|kilometer|km|storey|bed|"
    r"seat|megawatt|MW|square-met(?:er|re))\b",
    flags=regex.IGNORECASE,
    why="a measure written as one hyphenated adjective before its noun",
    examples=("a 350-hectare industrial park", "a six-day trip", "a 100-megawatt plant"),
    counter_examples=("a well-known brand",),
)
_TARGET_YEAR = rule(
    "figures.target_year",
    r"\b(?:by|until|to|through|towards?|vision to|d'ici|đến năm)\s+"
    r"(?P<num>20[2-9]\d)\b",
    flags=regex.IGNORECASE,
    why="a year a plan aims at: 'by 2030', 'd'ici 2030', 'vision to 2045'",
    examples=("a strategy to 2030", "targets by 2045", "d'ici 2030"),
    counter_examples=("in 2024", "by 1990"),
)
_YEARS_ADJ = rule(
    "figures.years_adjective",
    r"\b(?:(?P<qual>over|nearly|almost|more than)-)?(?P<num>\d{1,3})-year\b",
    flags=regex.IGNORECASE,
    why="a duration written as an adjective: '30-year relationship', 'over-20-year presence'",
    examples=("a 30-year relationship", "an over-20-year presence"),
    counter_examples=("30 years ago",),
)
_WORDS = rule(
    "figures.count_in_words",
    r"\b(?P<num>" + "|".join(k.strip() for k in _WORD_NUMBERS) +
    r")\s+(?P<rest>[\p{Ll}][\p{L}-]+(?:\s+[\p{Ll}][\p{L}-]+)?)",
    flags=regex.IGNORECASE,
    why="a count written as a word before its noun (three and up: 'two sides' alone is no figure)",
    examples=("three projects", "twelve companies", "fifteen students"),
    counter_examples=("the two sides",),
)
_SMALL_WORDS = {"one": 1, "two": 2, **_WORD_NUMBERS}
_TITLED_COUNT = rule(
    "figures.titled_count",
    r"\b(?P<num>(?i:" + "|".join(_WORD_NUMBERS) + r"))\s+"
    r"(?P<title>(?:(?:Vice|Deputy)\s+)?\p{Lu}\p{Ll}+s)(?![\p{L}])",
    why="officials counted by their capitalised title: 'three Vice Governors'",
    examples=("three Vice Governors", "four Ambassadors"),
    counter_examples=("three provincial leaders",),
)
# "two more classes", "one new office": a small count that "two sides" alone is not.
_MORE = rule(
    "figures.one_or_two_more",
    r"\b(?P<num>one|two)\s+(?:more|new|additional|extra|other)(?P<rest>\s+[^,.;:]+)",
    flags=regex.IGNORECASE,
    why="'two more', 'one new': a count of one or two that says something new is added",
    examples=("two more classes", "one new office"),
    counter_examples=("the two sides agreed",),
)
# "two appropriate places", "the two previous components", "three Vietnamese companies": a
# count in words before an adjective and its noun ("two sides" alone is no figure, nor are
# the two sides of the story however qualified: "the two neighbouring countries").
_SIDE_NOUNS = lexicon.words("side_nouns")
_SERIES_ADJECTIVES = lexicon.words("series_adjectives")
_COUNT_ADJ_NOUN = rule(
    "figures.count_adjective_noun",
    r"(?<![\p{L}\p{M}-])(?<!\b(?i:or|and)\s)(?P<the>(?i:the)\s+)?(?P<num>(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|fifty))\s+(?P<adj>\p{Ll}[\p{Ll}-]{2,}|\p{Lu}\p{Ll}+)\s+"
    r"(?P<noun>\p{Ll}[\p{Ll}-]*[^s\W]s)(?![\p{L}\p{M}'’-])",
    why="a count in words before an adjective and a plural noun states a figure",
    examples=("select two appropriate places", "support the two previous components",
              "three Vietnamese companies took part"),
    counter_examples=("the two sides agreed", "one of the new projects",
                      "both companies signed", "two countries' ties", "one or two committed people"),
)
_NOT_ADJECTIVE = frozenset({"of", "the", "and", "or", "more", "other", "new", "additional",
                            "extra", "to", "in", "at", "for", "with", "by", "on", "from"})


def _count_adjective_noun(m: regex.Match[str]) -> str | None:
    """The noun of "two appropriate places", or None when the words are no adjective and
    noun (a verb, "two sides' ...", the two sides of the story) or another rule reads them."""
    adj, noun = m.group("adj"), m.group("noun")
    if adj.lower() in _NOT_ADJECTIVE or adj.lower() in _SIDE_NOUNS or noun in _SIDE_NOUNS:
        return None
    if m.group("the") and adj.lower() not in _SERIES_ADJECTIVES:
        return None  # "the two supreme courts": the two sides' own, not a count
    if adj[:1].isupper() and not places.nationality(adj):
        return None  # "two Vice Governors", "three Mayors": titles are counted elsewhere
    if m.group("num").lower() != "two" and adj[:1].islower():
        return None  # "three new projects": the older word-count rule reads it
    return noun


_TOTAL = rule(
    "figures.total_to",
    r"\b(?:bringing|brings|bring|raising|raises|raise|taking|takes)\s+the\s+"
    r"(?:total|number)\s+(?:\p{Ll}+\s+)?to\s+(?:" + _QUALIFIER + r"\s+)?"
    r"(?P<num>\d[\d,.]*\d|\d|" + "|".join(_SMALL_WORDS) + r")\b",
    flags=regex.IGNORECASE,
    why="'bringing the total to N': the count of the noun named just before",
    examples=("bringing the total to eight", "raising the number to 12"),
    counter_examples=("the total was not disclosed",),
)
# "nearly two million people": a number word with a scale ("two sides" alone is no figure).
_WORD_SCALE = rule(
    "figures.word_with_scale",
    r"\b(?P<num>" + "|".join(_SMALL_WORDS) + r")\s+(?P<scale>thousand|million|"
    r"billion|trillion)(?![\p{L}])(?P<rest>[^,.;:]*)",
    flags=regex.IGNORECASE,
    why="a number word with a scale ('two million people'); the word alone is no figure",
    examples=("nearly two million people", "three billion USD"),
    counter_examples=("two sides",),
)
# "about 35 of them", "including about 400 in the capital": the noun is the previous figure's.
_ELLIPTIC = rule(
    "figures.elliptic_noun",
    r"^\s+(?:of them|of these|of those|of which|of whom|in|at)\b",
    why="the text right after a number that borrows the previous figure's noun",
    examples=(" of them study engineering", " in the capital"),
    counter_examples=(" students in the capital",),
)
# "1,347 students ..., including 227 from X": a part of the figure just given
_PART_BEFORE = rule(
    "figures.part_of_previous",
    rf"\b(?:including|among them|of whom|of which)\s+(?:{_QUALIFIER}\s+)?$",
    flags=regex.IGNORECASE,
    why="the text before a number that is a part of the figure just given",
    examples=("1,347 students, including ", "200 firms, of which about "),
    counter_examples=("including the students",),
)
# "1,000 workers next year, up from 350 this year": the earlier noun again
_UP_FROM = rule(
    "figures.up_from",
    r"\b(?:up|down|rising|falling|increasing|compared)\s+(?:from|with)\s+\Z",
    why="the text before an earlier value of the same figure: 'up from 350'",
    examples=("1,000 workers next year, up from ", "a rise compared with "),
    counter_examples=("they moved up from the list",),
)
# "Russian tourists to Vietnam reached nearly 500,000": the subject is the noun
# ("... accounted for some 25,000", "lift Japanese arrivals to 150,000 a year" likewise)
_SUBJECT_VERB = rule(
    "figures.subject_then_number",
    rf"\b(?P<noun>\p{{L}}[\p{{Ll}}-]*s)\b[^,;.]{{0,40}}?\s+(?:reached|totalled|"
    rf"totaled|hit|topped|exceeded|numbered|stood at|accounted for|to)\s+"
    rf"(?:{_QUALIFIER}\s+)?\Z",
    why="the noun is the subject of a verb that gives the number: 'tourists reached nearly'",
    examples=("tourists to the country reached nearly ", "exports totalled "),
    counter_examples=("tourists reached the city",),
)
# Unit symbols written after the number with a space: "6,000 MW", "1.2 million TEU"
_SYMBOLS = {"MW", "GW", "kW", "MWh", "GWh", "kWh", "TEU", "km", "ha", "MWp", "GWp"}
_HAS_NUMBER = rule(
    "figures.has_number",
    r"\d|\b(?:" + "|".join([*_SMALL_WORDS, "half", "third", "thirds",
    "quarter", "quarters", "fifth", "tenth"]) + r")\b",
    flags=regex.IGNORECASE,
    why="a quick test that a sentence can hold a figure at all (digits or number words)",
    examples=("over 20 firms", "three projects", "half of them"),
    counter_examples=("The talks went well.",),
)
_STOP = {"in", "at", "of", "to", "from", "with", "and", "or", "that", "which", "who", "are",
         "is", "was", "were", "have", "has", "had", "will", "would", "the", "a", "an", "for",
         "on", "by", "since", "currently", "than", "as", "per", "lower", "higher", "more",
         "less", "increase", "decrease", "growth", "de", "du", "des", "et", "en", "dans",
         "worth", "live", "lives", "work", "works", "study", "studies", "there", "here",
         "under", "over", "into", "across", "between", "during", "each", "last", "this"}
_NOT_UNIT = {"key", "main", "major", "new", "local", "other", "more", "such"}


def find_figures(sentences: list[str]) -> list[Figure]:
    """Every figure in `sentences`, in reading order."""
    out: list[Figure] = []
    for index, sentence in enumerate(sentences):
        if not _HAS_NUMBER.search(sentence):
            continue
        taken = [(d.start, d.end) for d in date_mentions(sentence)]
        # an edition, a session or a rank is not a figure: nothing else may read its number
        taken += [m.span() for m in (*_ORDINAL.finditer(sentence), *_RANK.finditer(sentence))]
        for figure, span in _in_sentence(sentence, index):
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            taken.append(span)
            out.append(figure)
    return [figure_kinds.classify(figure) for figure in out]


def _in_sentence(sentence: str, index: int):
    for m in _TARGET_YEAR.finditer(sentence):
        yield _figure(int(m.group("num")), "target year", _clause(sentence, m.start()),
                      sentence, index), m.span("num")
    for m in _YEARS_ADJ.finditer(sentence):
        yield _figure(int(m.group("num")), "years", _clause(sentence, m.start()), sentence,
                      index), m.span()
    for m in _FRACTION.finditer(sentence):
        yield _figure(_FRACTIONS[m.group("num").lower()], "share", _clause(sentence, m.start()),
                      sentence, index), m.span()
    for m in _MEASURE_ADJ.finditer(sentence):
        word = m.group("num").lower()
        amount = _SMALL_WORDS.get(word) or _parse_number(m.group("num"))
        unit = m.group("unit")
        unit = unit if unit in ("km", "MW") else unit.lower().replace("-", " ") + "s"
        if amount:
            yield _figure(amount, unit, _clause(sentence, m.start()), sentence, index), m.span()
    for m in _ANNIVERSARY.finditer(sentence):
        yield _figure(int(m.group("num")), m.group("noun").lower(), _clause(sentence, m.start()),
                      sentence, index), m.span("num")
    last_noun: str | None = None
    for m in _numbers(sentence):
        figure = _amount(m, sentence, index)
        if figure is None and not _is_year(m.group("num")):
            subject = _SUBJECT_VERB.search(sentence, 0, m.start("num"))
            value = _parse_number(m.group("num"))
            if subject and value is not None and value >= 10:
                figure = _figure(value, subject.group("noun").lower(), _clause(sentence, m.start()),
                                 sentence, index)
        if figure is None and last_noun and (_ELLIPTIC.match(sentence[m.end():])
                                             or _PART_BEFORE.search(sentence, 0, m.start())
                                             or _UP_FROM.search(sentence, 0, m.start())) \
                and not _is_year(m.group("num")):
            value = _parse_number(m.group("num"))
            if value is not None:
                figure = _figure(value, last_noun, _clause(sentence, m.start()), sentence, index)
        if figure is not None:
            if figure.unit != "percent" and not _currency(m.group("pre"), m.group("cur")):
                last_noun = figure.unit
            yield figure, m.span("num")
    for m in _TITLED_COUNT.finditer(sentence):
        # "three Vice Governors of X": officials counted by their title
        if title_id(m.group("title")[:-1]):
            value = _SMALL_WORDS[m.group("num").lower()]
            yield _figure(value, m.group("title").lower(), _clause(sentence, m.start()), sentence,
                          index), m.span()
    for m in _WORD_SCALE.finditer(sentence):
        noun = _noun_unit(m.group("rest"))
        cur = regex.match(rf"\s+({_CURRENCY})(?![\p{{L}}])", m.group("rest"), regex.IGNORECASE)
        currency = _currency(None, cur.group(1)) if cur else None
        unit = f"{m.group('scale').lower()} {currency or noun or ''}".strip()
        value = _SMALL_WORDS[m.group("num").lower()]
        yield _figure(value, unit, _clause(sentence, m.start()), sentence, index), m.span()
    units: list[tuple[int, str]] = []
    for m in _WORDS.finditer(sentence):
        unit = _noun_unit(" " + m.group("rest"))
        if unit:
            value = _WORD_NUMBERS[m.group("num").lower()]
            units.append((m.start(), unit))
            yield _figure(value, unit, _clause(sentence, m.start()), sentence, index), m.span()
    for m in [*_MORE.finditer(sentence), *_QUAL_SMALL.finditer(sentence)]:
        unit = _noun_unit(m.group("rest"))
        if unit:
            units.append((m.start(), unit))
            yield _figure(_SMALL_WORDS[m.group("num").lower()], unit,
                          _clause(sentence, m.start()), sentence, index), m.span("num")
    for m in _COUNT_ADJ_NOUN.finditer(sentence):
        unit = _count_adjective_noun(m)
        if unit:
            units.append((m.start(), unit))
            yield _figure(_SMALL_WORDS[m.group("num").lower()], unit,
                          _clause(sentence, m.start("num")), sentence, index), m.span("num")
    for m in _TOTAL.finditer(sentence):
        # "..., bringing the total to eight": the count of the noun named just before
        earlier = [unit for at, unit in units if at < m.start()]
        value = _SMALL_WORDS.get(m.group("num").lower()) or _parse_number(m.group("num"))
        if earlier and value:
            yield _figure(value, earlier[-1], _clause(sentence, m.start()), sentence,
                          index), m.span("num")


_NAME_BEFORE = rule(
    "figures.name_before",
    r"\p{Lu}[\p{L}\p{M}]*\s$",
    why="a capitalised word right before a number makes it part of a name ('Line 1', 'Tech 2025')",
    examples=("the metro Line ", "the Expo "),
    counter_examples=("exports reached ", "the city has "),
)
# ... unless that word only opens the sentence or the phrase ("In 2024", "Some 300 firms")
_SENTENCE_WORD_BEFORE = rule(
    "figures.sentence_word_before",
    r"\b(?:In|At|By|On|Over|Some|About|Nearly|The|These|Those|"
    r"Its|Their|All|Our|Another|Only|Just)\s$",
    why="a capitalised function word before a number opens a sentence, it names nothing",
    examples=("Some ", "Nearly ", "The "),
    counter_examples=("the metro Line ",),
)


def _numbers(sentence: str) -> Iterator[regex.Match[str]]:
    """What `_NUMBER.finditer(sentence)` gives, each search started near the next digit."""
    pos = 0
    while (digit := _DIGIT.search(sentence, pos)) is not None:
        start = digit.start() - _PRE_REACH
        while start > 0 and sentence[start - 1].isspace():  # (a superset of \s)
            start -= 1
        m = _NUMBER.search(sentence, max(pos, start - _QUALIFIER_REACH))
        if m is None:
            return
        yield m
        pos = m.end()


def _amount(m: regex.Match, sentence: str, index: int) -> Figure | None:
    value = _parse_number(m.group("num"))
    if value is None:
        return None
    before = sentence[: m.start("num")]
    if _NAME_BEFORE.search(before) and not m.group("qual") and not m.group("pre") \
            and not _SENTENCE_WORD_BEFORE.search(before):
        return None  # "Line 1", "Tech 2025": part of a name
    currency = _currency(m.group("pre"), m.group("cur"))
    glued = {"bn": "billion", "mn": "million", "m": "million", "tn": "trillion"}
    scale = (m.group("scale") or glued.get(m.group("gscale") or "", "")).lower()
    if m.group("gscale") and not currency:
        return None  # "5m" alone is five metres, not five million
    if m.group("pct"):
        unit = "percent"
    elif m.group("glued"):
        unit = m.group("glued")  # "2,700ha", "50MW": the unit written against the number
    elif currency:
        unit = f"{scale} {currency}".strip()
    else:
        rest = sentence[m.end():]
        noun = _noun_unit(rest) or _noun_elsewhere(sentence, m)
        if _is_year(m.group("num")) and not (noun and noun.endswith("s")):
            return None
        if scale:
            unit = f"{scale} {noun}".strip() if noun else scale
        elif noun:
            unit = noun
        else:
            return None
    return _figure(value, unit, _clause(sentence, m.start()), sentence, index)


# "17 of the 27 member states": the noun follows the second number.
_OF_THE = rule(
    "figures.of_the_total",
    r"^\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?\d[\d,.]*(?=\s)",
    why="'17 of the 27 member states': the noun follows the second number",
    examples=(" of the 27 member states", " out of 40 provinces"),
    counter_examples=(" of the member states",),
)
# "Vietnamese students, who number around 7,000": the noun came before the verb.
_WHO_NUMBER = rule(
    "figures.who_number",
    rf"\b(?P<noun>\p{{Ll}}[\p{{L}}-]*s),?\s+(?:who|which)\s+(?:now\s+|currently\s+)?"
    rf"(?:number|numbers|total|totals)\s+(?:{_QUALIFIER}\s+)?\Z",
    flags=regex.IGNORECASE,
    why="the noun came before a verb of counting: 'students, who number around'",
    examples=("students, who number around ", "residents who total "),
    counter_examples=("students who study here",),
)
# "at least two matching sessions": "two" alone is no figure, "at least two" counts.
_QUAL_SMALL = rule(
    "figures.qualified_one_or_two",
    rf"\b{_QUALIFIER}\s+(?P<num>one|two)(?P<rest>\s+[\p{{Ll}}][^,.;:]*)",
    flags=regex.IGNORECASE,
    why="'at least two sessions': a qualifier makes a count of one or two a figure",
    examples=("at least two matching sessions", "more than one partner"),
    counter_examples=("two matching sessions",),
)
# "more than 150 of its lecturers": the noun follows the owner.
_OF_ITS = rule(
    "figures.of_its",
    r"^\s+of\s+(?:its|their|the|these|our|his|her)(?=\s+\p{Ll})",
    why="'more than 150 of its lecturers': the noun follows the owner",
    examples=(" of its lecturers", " of their members"),
    counter_examples=(" of Hanoi",),
)
# "the number of Vietnamese students ..., currently about 900": the noun came before.
_NUMBER_OF = rule(
    "figures.number_of",
    r"\b(?:number|total)\s+of\s+(?:[\p{L}'’-]+\s+){0,2}?"
    r"(?P<noun>\p{Ll}[\p{L}-]*s)\b",
    why="'the number of Vietnamese students ...': the noun named before a figure at the end",
    examples=("the number of Vietnamese students", "the total of registered projects"),
    counter_examples=("the total of 12",),
)
_TRAILING = rule(
    "figures.ends_clause",
    r"^\s*(?:[.;]|$)",
    why="the number ends its clause or sentence (so it may borrow an earlier noun)",
    examples=(".", "; and more"),
    counter_examples=(" students",),
)


def _noun_elsewhere(sentence: str, m: regex.Match) -> str | None:
    """The noun of a number that has none right after it."""
    of_the = _OF_THE.match(sentence[m.end():]) or _OF_ITS.match(sentence[m.end():])
    if of_the:
        return _noun_unit(sentence[m.end() + of_the.end():])
    who = _WHO_NUMBER.search(sentence, 0, m.start())
    if who is not None:
        return who.group("noun")
    before = list(_NUMBER_OF.finditer(sentence, 0, m.start()))
    if before and _TRAILING.match(sentence[m.end():]) and not _is_year(m.group("num")):
        return before[-1].group("noun")
    return None


def _currency(pre: str | None, cur: str | None) -> str | None:
    text = (cur or pre or "").strip().lower()
    if not text:
        return None
    if "$" in text or "dollar" in text or text == "usd":
        return "USD"
    if "€" in text or "euro" in text or text == "eur":
        return "EUR"
    if "£" in text or "pound" in text:
        return "GBP"
    known = {"vnd": "VND", "vnđ": "VND", "₫": "VND", "đồng": "VND", "yen": "JPY", "¥": "JPY",
             "jpy": "JPY", "won": "KRW", "₩": "KRW", "krw": "KRW", "chf": "CHF"}
    return known.get(text, text.upper())


def _parse_number(text: str) -> float | None:
    text = regex.sub(r"[\u00a0\u202f ]", "", text)
    if regex.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    elif regex.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")  # 8.000: thousands in vi/fr/de
    else:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value


def _is_year(text: str) -> bool:
    return bool(regex.fullmatch(r"(?:19|20)\d\d", text))


def _noun_unit(rest: str) -> str | None:
    """Head noun after a number: '8,000 Vietnamese students are' -> 'students'."""
    if not rest[:1].isspace():
        return None
    phrase = regex.split(r"[,.;:()–—\"“”]", rest, maxsplit=1)[0]
    if phrase.split() and phrase.split()[0] in _SYMBOLS:
        return phrase.split()[0]
    picked: list[str] = []
    for word in regex.findall(r"[\p{L}\p{M}][\p{L}\p{M}'’-]*", phrase)[:3]:
        lower = word.lower()
        # "400 Long An students": a capitalised "An" inside a place name is no article
        stop = lower in _STOP and (word.islower() or not picked)
        if stop or picked and lower.endswith(("ing", "ent", "ed")) and len(lower) > 4:
            break
        picked.append(word)
    picked = [w for w in picked if w.lower() not in _NOT_UNIT]
    if picked and places.nationality(picked[-1]):
        return "people"  # "1,200 overseas Vietnamese"
    nouns = [w for w in picked if w[:1].islower()]
    if nouns:
        return nouns[0] if _french_order(nouns) else nouns[-1]
    return None


def _french_order(nouns: list[str]) -> bool:
    """'étudiants vietnamiens': in French the noun comes first."""
    return len(nouns) > 1 and bool(_FRENCH_ADJECTIVE.search(nouns[-1]))


_FRENCH_ADJECTIVE = rule(
    "figures.french_adjective",
    r"(iens|iennes|ais|aises|ains|aines|ois|oises)$",
    why="a French adjective of nationality after its noun ('étudiants vietnamiens'): the noun is first",
    examples=("vietnamiens", "françaises", "chinois"),
    counter_examples=("students", "étudiants"),
)


def _clause(sentence: str, at: int) -> str:
    """The clause around position `at`, cut to a short description."""
    seps = [m for m in regex.finditer(r",\s|;\s|\s[–—]\s|:\s", sentence)]
    start = max([m.end() for m in seps if m.end() <= at], default=0)
    end = min([m.start() for m in seps if m.start() > at], default=len(sentence))
    words = sentence[start:end].strip(" .").split()
    return " ".join(words[:16])


def _figure(value: float, unit: str, what: str, sentence: str, index: int) -> Figure:
    return Figure(value=value, unit=unit, what=what, sentence_text=sentence, sentence=index)

"""Dates of a visit: "from April 13-16", "July 15-16 visit", "du 5 au 7 mars 2025"...

In: the article's sentences and its publication date.  Out: `VisitDates` (start, end,
"--MM-DD" forms when no year is known, how sure the year is and why, the sentence).
The year comes from the date itself (stated), the publication date (stated, the header
or the dated byline is part of the article), a phrase such as "first official trip of
2025" (inferred) or nowhere (unknown: day and month only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import regex

from .rules import rule
from .weights import WEIGHTS

_W = WEIGHTS.dates  # which date is the visit's: see briefing/data/weights.toml [dates]

_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
_FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(_EN_MONTHS, 1):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["Sept"] = 9
for _i, _name in enumerate(_FR_MONTHS, 1):
    MONTHS[_name] = _i
    MONTHS[_name.capitalize()] = _i
MONTHS["fevrier"] = 2
MONTHS["aout"] = 8
MONTHS["decembre"] = 12

_M = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![\p{L}])\.?"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er)?(?!\d)"
_SEP = r"\s*(?:-|–|—|to|until|till|through|and|au|à|đến)\s*"
_Y = r"(?:,?\s+(?P<y>(?:19|20)\d\d))?(?!\d)"

DATE_PATTERNS = (
    rule("dates.month_day",
         rf"(?<![\p{{L}}\d])(?P<m1>{_M})\s+(?P<d1>{_D})(?:{_SEP}(?:(?P<m2>{_M})\s+)?(?P<d2>{_D}))?{_Y}",
         why="a date written month first, alone or as a range",
         examples=("from April 13-16, 2025", "April 28 to May 2", "on July 15"),
         counter_examples=("in April 2025",)),
    rule("dates.day_range_month",
         rf"(?<![\p{{L}}\d/])(?P<d1>{_D})(?:\s+(?:of\s+)?(?P<m1>{_M}))?{_SEP}(?P<d2>{_D})\s+"
         rf"(?:of\s+)?(?P<m2>{_M}){_Y}",
         why="a range of days written day first, the month after the last day (or both)",
         examples=("13-16 April 2025", "28 April to 2 May", "du 5 au 7 mars"),
         counter_examples=("13 April 2025",)),
    rule("dates.day_month",
         rf"(?<![\p{{L}}\d/])(?P<d1>{_D})\s+(?:of\s+)?(?P<m1>{_M}){_Y}",
         why="one date written day first",
         examples=("13 April 2025", "le 5 mars", "the 3rd of May"),
         counter_examples=("13 delegates in April",)),
    rule("dates.vi_slash",
         r"(?<![\d/])(?P<d1>[0-3]?\d)(?:\s*(?:-|–|đến)\s*(?P<d2>[0-3]?\d))?/(?P<m1>[01]?\d)"
         r"(?:/(?P<y>(?:19|20)\d\d))?(?![\d/])",
         why="a Vietnamese date with slashes, alone or as a range of days",
         examples=("ngày 13-16/4/2025", "ngày 13/4"),
         counter_examples=("a score of 3/40",)),
    rule("dates.vi_words",
         r"(?P<d1>[0-3]?\d)\s+tháng\s+(?P<m1>[01]?\d)(?:\s+năm\s+(?P<y>(?:19|20)\d\d))?",
         why="a Vietnamese date in words: day, 'tháng' and the month",
         examples=("ngày 13 tháng 4 năm 2025", "ngày 5 tháng 3"),
         counter_examples=("13 tháng trước",)),
)

_DIGIT = rule(
    "dates.has_digit",
    r"\d",
    why="a quick test: a sentence with no digit holds no written date",
    examples=("on April 3", "13/4"),
    counter_examples=("in early spring",),
)
_VISIT = rule(
    "dates.visit_word",
    r"\b(visit|visits|visited|visiting|trip|tour|delegation|working session|"
    r"courtesy call|called on|"
    r"received|receiving|reception|hosted|welcomed|met|meeting|talks|"
    r"mission|stay|journey|chuyến thăm|thăm|làm việc|visite|déplacement|"
    r"délégation|Besuch|visita)\b",
    flags=regex.IGNORECASE,
    why="a date in a sentence about the visit itself is the visit's date",
    examples=("The delegation arrived on April 3.", "During the working session on May 4,",
              "lors de sa visite du 5 au 7 mars"),
    counter_examples=("Exports rose by 12% on April 3.",),
)
# "Vietnam Day", "Culture Week" name events; "the first day of a two-day trip" does not
_EVENT = rule(
    "dates.event_word",
    r"\b(summit|conference|forum|fair|festival|expo|ceremony|congress|exhibition|"
    r"(?-i:Week|Day)|election|meeting of|session of|anniversary|deadline)\b",
    flags=regex.IGNORECASE,
    why="a date next to a named event is the event's date, not the visit's",
    examples=("the investment forum on June 12", "during Vietnam Day on May 2"),
    counter_examples=("on the first day of a two-day trip",),
)
_FUTURE = rule(
    "dates.future",
    r"\b(will|upcoming|next|scheduled|set to|expected|plans? to)\b",
    flags=regex.IGNORECASE,
    why="a coming trip's date is not the date of the visit being reported",
    examples=("The minister will visit the region in May.", "the upcoming trip in June"),
    counter_examples=("The minister visited the region in May.",),
)
_YEAR_CONTEXT = rule(
    "dates.year_of_trip",
    r"\b(?:trip|visit|mission|tour|journey|activities|activity|engagement|programme|program)"
    r"\s+(?:of|in|for)\s+((?:19|20)\d\d)\b",
    flags=regex.IGNORECASE,
    why="'first official trip of 2025': the year of an undated visit, said in words",
    examples=("her first official trip of 2025", "the programme for 2024"),
    counter_examples=("a trade fair in 2024",),
)


@dataclass(frozen=True)
class VisitDates:
    start: dt.date | None
    end: dt.date | None
    partial_start: str  # --MM-DD
    partial_end: str
    confidence: str  # stated | inferred | unknown
    note: str | None
    sentence: int | None
    strong: bool  # a range or a date in a sentence about the visit


@dataclass(frozen=True)
class DateMention:
    month: int
    day: int
    end_month: int
    end_day: int
    year: int | None
    start: int
    end: int
    is_range: bool


def date_mentions(sentence: str) -> list[DateMention]:
    """Every day-month (or day-month range) written in `sentence`, left to right."""
    return list(_date_mentions(sentence))


@lru_cache(maxsize=512)  # the dates and the figures both read every sentence's dates
def _date_mentions(sentence: str) -> tuple[DateMention, ...]:
    found: list[DateMention] = []
    if not _DIGIT.search(sentence):
        return ()
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(sentence):
            mention = _mention(m)
            if mention and not any(_overlap(mention, f) for f in found):
                found.append(mention)
    return tuple(sorted(found, key=lambda f: f.start))


def _mention(m: regex.Match) -> DateMention | None:
    groups = m.groupdict()
    month1 = _month(groups.get("m1") or groups.get("m2"))
    month2 = _month(groups.get("m2")) or month1
    day1 = _day(groups["d1"])
    day2 = _day(groups.get("d2")) or day1
    if not month1 or not month2 or not day1 or not day2:
        return None
    if (month2, day2) < (month1, day1) and month2 == month1:
        return None
    year = int(groups["y"]) if groups.get("y") else None
    return DateMention(month1, day1, month2, day2, year, m.start(), m.end(),
                       bool(groups.get("d2")))


def _month(text: str | None) -> int | None:
    if not text:
        return None
    text = text.rstrip(".")
    if text.isdigit():
        value = int(text)
        return value if 1 <= value <= 12 else None
    return MONTHS.get(text) or MONTHS.get(text.lower())


def _day(text: str | None) -> int | None:
    if not text:
        return None
    digits = regex.match(r"\d+", text)
    value = int(digits.group(0)) if digits else 0
    return value if 1 <= value <= 31 else None


def _overlap(a: DateMention, b: DateMention) -> bool:
    return a.start < b.end and b.start < a.end


def find_visit_dates(sentences: list[str], published: dt.date | None,
                     upcoming: bool = False) -> VisitDates | None:
    """The dates of the visit the article reports, or None.  With `upcoming` (an interview
    ahead of a visit) the dates of the visit being discussed count, not only past ones."""
    best: tuple[float, int, DateMention] | None = None
    anchor = _week_anchor(sentences, published)
    linked = any(_REMARKS.search(s) and _VISIT.search(s) for s in sentences)
    for index, sentence in enumerate(sentences):
        for mention in date_mentions(sentence) + weekday_mentions(sentence, anchor) \
                + ordinal_day_mentions(sentence, published):
            score = _score(sentence, mention, index, upcoming)
            score += _W.dateline * _in_dateline(sentence, mention, index)
            score += _W.said_in_opening * _said_in_opening(sentences, index, mention)
            if published and mention.year and mention.year < published.year:
                score += _W.earlier_year  # "visited ... from March 4-7, 2023" in a 2025 article
            if linked and _SAID_ON.search(sentence[:mention.start]) \
                    or _TOLD_VISITOR.search(sentence[:mention.start]):
                score += _W.said_at_visit  # the statement was made at the visit reported
            if best is None or score > best[0]:
                best = (score, index, mention)
    if best is None or best[0] < _W.min_score:
        # no date written: "yesterday" counts from the publication date, and only then (an
        # article that dates the visit may say "yesterday" of anything else)
        for index, sentence in enumerate(sentences):
            for mention in yesterday_mentions(sentence, published):
                score = _score(sentence, mention, index, upcoming)
                if best is None or score > best[0]:
                    best = (score, index, mention)
    if best is None or best[0] < _W.min_score:
        return None
    score, index, mention = best
    mention = _spread(mention, date_mentions(sentences[index]))
    if not mention.is_range:
        mention = _later_days(mention, index, sentences, anchor)
        earlier = _opening_day(mention, index, sentences)
        if earlier is not None:
            mention, index = earlier
    return _resolve(mention, index, sentences, published, strong=score >= _W.strong_score)


# "Matanzas, June 19 (ACN) Authorities in this province ...": the agency's dateline
_DATELINE_BEFORE = rule(
    "dates.dateline_place",
    r"^\s*\p{Lu}[\p{L}\p{M}' -]{1,30},\s*$",
    why="the place of an agency dateline, written before its date ('Riverton, June 19 (ABC)')",
    examples=("Riverton, ",),
    counter_examples=("The delegation arrived on ",),
)
_DATELINE_AFTER = rule(
    "dates.dateline_agency",
    r"^,?\s*(?:\d{4}\s*)?\((?:\p{Lu}{2,6}|\p{Lu}\p{L}+)\)",
    why="the agency tag that closes a dateline, right after its date",
    examples=(" (ABC) Authorities in the province", ", 2025 (Agency) The"),
    counter_examples=(", the delegation arrived",),
)
# "... said Chairman of the provincial People's Committee X Y on November 18."
_SAID_LONG = rule(
    "dates.said_on_long",
    r"\b(?:said|stated|affirmed|stressed)\s+(?:[\p{L}'’]+\s+){0,12}?on\s*$",
    flags=regex.IGNORECASE,
    why="'... said the Chairman of the provincial People's Committee on': remarks dated at the end",
    examples=("said Chairman of the provincial People's Committee Nguyen Van A on ",),
    counter_examples=("said the talks would resume on Monday and ",),
)


def _in_dateline(sentence: str, m: DateMention, index: int) -> bool:
    """A date in the dateline of the first sentence is the day of the reported event."""
    return index == 0 and bool(_DATELINE_BEFORE.match(sentence[:m.start])
                               and _DATELINE_AFTER.match(sentence[m.end:]))


def _said_in_opening(sentences: list[str], index: int, m: DateMention) -> bool:
    """The opening quotes the host 'on <date>' and the next sentence names the meeting
    ('At a working session with a delegation ...'): the remarks were made at the visit."""
    return index < 3 and index + 1 < len(sentences) \
        and bool(_SAID_LONG.search(sentences[index][:m.start])) \
        and bool(_VISIT.search(sentences[index + 1]))


def _opening_day(best: DateMention, index: int, sentences: list[str],
                 ) -> tuple[DateMention, int] | None:
    """'X told provincial leaders on April 10 ...' in the opening, then 'On April 11, the
    delegation visited ...': the visit began on the day the opening gives, a day or few
    before the best-scored one."""
    end = dt.date(2000, best.end_month, best.end_day).toordinal()
    for j in range(min(index, 2)):
        for m in date_mentions(sentences[j]):
            day = dt.date(2000, m.month, m.day).toordinal()
            if not m.is_range and 0 < end - day <= _LATER_DAYS and m.year in (None, best.year) \
                    and _score(sentences[j], m, j) >= _W.opening_day_min:
                return DateMention(m.month, m.day, best.end_month, best.end_day, m.year or best.year,
                                   m.start, m.end, True), j
    return None


# "X said on <date> ... X made the remarks while receiving Y": the host speaks first and
# the visit appears later; the date of the remarks is the date of the visit.
_REMARKS = rule(
    "dates.remarks_made",
    r"\b(?:made|delivered|gave|expressed)\s+(?:the|these|this|his|her|such)\s+"
    r"(?:remarks?|statements?|comments?|views?)\b|\bthe remarks came\b|"
    r"\bsaid this\b|\bwas speaking (?:at|during|while)\b",
    flags=regex.IGNORECASE,
    why="'X made the remarks while receiving Y': the host's remarks were made at the visit",
    examples=("He made the remarks while receiving the delegation",
              "She was speaking at a meeting with"),
    counter_examples=("He remarked on the weather",),
)
_SAID_ON = rule(
    "dates.said_on",
    r"\b(?:said|says|told|stated|noted|affirmed|stressed|announced)\s+"
    r"(?:[\p{L}'’]+\s+){0,3}?on\s*$",
    flags=regex.IGNORECASE,
    why="a verb of saying just before the date: the date of the statement",
    examples=("the governor said on ", "the mayor told reporters on "),
    counter_examples=("the governor said that ",),
)


# "X told the Dutch ambassador on Tuesday": said to a visiting official, so at the meeting.
_TOLD_VISITOR = rule(
    "dates.told_visitor",
    r"\b(?:told|assured|briefed|informed)\s+(?:the\s+)?(?:visiting\s+)?"
    r"(?:\p{Lu}[\p{L}\p{M}]+\s+)?(?:ambassador|consul(?:[\s-]general)?|"
    r"envoy|delegation|minister|governor|mayor|senator|guests?)"
    r"(?:\s+(?:[\p{L}'’]+\s+){0,2}?on)?\s*$",
    flags=regex.IGNORECASE,
    why="'X told the visiting ambassador on <date>': said to a visitor, so at the meeting",
    examples=("told the visiting ambassador on ", "assured the delegation "),
    counter_examples=("told reporters on ",),
)


_NEXT_DAY = rule(
    "dates.next_day",
    r"\b(?:the (?:following|next) day|the day after)\b",
    flags=regex.IGNORECASE,
    why="'the following day': one more day of the same trip",
    examples=("The following day, the delegation travelled on", "the day after the talks"),
    counter_examples=("the next year",),
)
_TRAVEL = rule(
    "dates.travel_verb",
    r"\b(?:travel+ed|went|moved|headed|continued|proceeded)\b",
    flags=regex.IGNORECASE,
    why="the delegation moving on: a later day of the same trip",
    examples=("the delegation travelled to the coast", "they headed north"),
    counter_examples=("they stayed in the capital",),
)
_LATER_DAYS = 7  # a later day of the same trip ('On Thursday', 'the following day')


def _later_days(first: DateMention, index: int, sentences: list[str],
                anchor: dt.date | None) -> DateMention:
    """A one-day date, then 'On Thursday, the delegation...' or 'the following day' in a
    later sentence about the visit: the visit ends on the last such day."""
    start = dt.date(2000, first.month, first.day).toordinal()
    last = start
    for j in range(index + 1, min(len(sentences), index + 20)):
        sentence = sentences[j]
        if _FUTURE.search(sentence):
            continue
        if _NEXT_DAY.search(sentence) and (_VISIT.search(sentence) or _TRAVEL.search(sentence)) \
                and last - start < _LATER_DAYS:
            last += 1  # "The following day, the delegation travelled to X"
            continue
        for m in date_mentions(sentence) + weekday_mentions(sentence, anchor):
            day = dt.date(2000, m.end_month, m.end_day).toordinal()
            if 0 < day - start <= _LATER_DAYS and _score(sentence, m, j) >= _W.later_day_min:
                last = max(last, day)
    if last == start:
        return first
    end = dt.date.fromordinal(last)
    return DateMention(first.month, first.day, end.month, end.day, first.year, first.start,
                       first.end, True)


_SPREAD_DAYS = 14  # "visited X on June 2 and Y on June 3": one trip, not two


def _spread(best: DateMention, same_sentence: list[DateMention]) -> DateMention:
    """Single days written in one sentence close together ('X on June 2 and Y on June
    3, 2025') make one range from the first to the last; the year written on any counts."""
    days = [m for m in same_sentence if not m.is_range]
    if best.is_range or len(days) < 2 or best not in days:
        return best
    ordinal = [dt.date(2000, m.month, m.day).toordinal() for m in days]
    if max(ordinal) - min(ordinal) > _SPREAD_DAYS:
        return best
    first, last = days[ordinal.index(min(ordinal))], days[ordinal.index(max(ordinal))]
    year = next((m.year for m in days if m.year), None)
    return DateMention(first.month, first.day, last.month, last.day, year, first.start, last.end,
                       True)


_LAST_WEEK = rule(
    "dates.last_week",
    r"\blast week\b",
    flags=regex.IGNORECASE,
    why="'last week': weekdays count back from the week before publication",
    examples=("visited the province last week",),
    counter_examples=("visits every week",),
)


def _week_anchor(sentences: list[str], published: dt.date | None) -> dt.date | None:
    """The day weekdays count back from: the publication date, or the Sunday before its
    week when the visit is said to have been 'last week' (so 'on Tuesday' is last week's)."""
    if published is None:
        return None
    if any(_LAST_WEEK.search(s) and _VISIT.search(s) for s in sentences[:6]):
        return published - dt.timedelta(days=published.weekday() + 1)
    return published


_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY = rule(
    "dates.weekday",
    r"\b(?:on|last|this past)\s+(?P<day>" + "|".join(_WEEKDAYS) + r")\b"
    r"(?!\s*(?:,\s*)?(?:\d|" + "|".join(_EN_MONTHS) + r"))",
    flags=regex.IGNORECASE,
    why="'on Tuesday' in news: the last such day on or before publication",
    examples=("met the governor on Tuesday", "arrived last Friday"),
    counter_examples=("on Tuesday, June 3", "on Tuesdays"),
)


def weekday_mentions(sentence: str, published: dt.date | None) -> list[DateMention]:
    """'on Tuesday' in news is the last such day on or before the publication date (or
    the anchor given in its place)."""
    if published is None:
        return []
    out = []
    for m in _WEEKDAY.finditer(sentence):
        weekday = _WEEKDAYS.index(m.group("day").capitalize())
        day = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
        out.append(DateMention(day.month, day.day, day.month, day.day, None, m.start(), m.end(),
                               False))
    return out


_YESTERDAY = rule(
    "dates.yesterday",
    r"(?<!\bbefore\s)\byesterday\b",
    flags=regex.IGNORECASE,
    why="'received the delegation yesterday': the day before publication",
    examples=("received the delegation yesterday", "Yesterday afternoon, the governor met"),
    counter_examples=("the day before yesterday", "in the old days"),
)


def yesterday_mentions(sentence: str, published: dt.date | None) -> list[DateMention]:
    """'yesterday' in news: the day before the publication date (its year included)."""
    if published is None:
        return []
    day = published - dt.timedelta(days=1)
    return [DateMention(day.month, day.day, day.month, day.day, day.year, m.start(), m.end(), False)
            for m in _YESTERDAY.finditer(sentence)]


# "on the 12th and 13th", "from the 3rd to the 5th": days of the month the article is
# dated in (or of the month before, for days later than the publication day).
_ORDINAL_DAYS = rule(
    "dates.ordinal_days",
    r"\b(?:on|from|between)\s+the\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)"
    r"(?:\s*(?:-|–|to|and|until)\s*(?:the\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th))?"
    r"(?=\s*(?:[.,;]|$|of (?:the|this) month))",
    why="'on the 12th and 13th': days of the month without the month's name",
    examples=("visited the port on the 12th and 13th.", "from the 3rd to the 5th of this month"),
    counter_examples=("the 13th Conference",),
)


def ordinal_day_mentions(sentence: str, published: dt.date | None) -> list[DateMention]:
    """Days written alone ('on the 12th and 13th'), placed in the publication month."""
    if published is None:
        return []
    out = []
    for m in _ORDINAL_DAYS.finditer(sentence):
        first, last = int(m.group("d1")), int(m.group("d2") or m.group("d1"))
        month = published.replace(day=1)
        if first > published.day:
            month = (month - dt.timedelta(days=1)).replace(day=1)
        if not 1 <= first <= last <= 31:
            continue
        out.append(DateMention(month.month, first, month.month, last, month.year, m.start(),
                               m.end(), m.group("d2") is not None))
    return out


_AHEAD = rule(
    "dates.ahead_of",
    r"\b(?:ahead of|in preparation for|prior to|will pay|would pay|is scheduled to|"
    r"is due to|is expected to|return visit)\b|"
    # "a letter inviting him to a dialogue in X from December 2-4": a future event
    r"\binvit(?:ing|es|ed)\s+(?:him|her|them|the\s+\w+|\p{Lu}\w+)\s+to\b",
    flags=regex.IGNORECASE,
    why="'ahead of the visit from <date>': a coming visit, not the one reported",
    examples=("Ahead of the minister's visit to the region from", "is scheduled to travel on"),
    counter_examples=("after the visit",),
)
_RECALLED = rule(
    "dates.recalled",
    r"\b(?:recalled|had (?:\w+ )?(?:visited|travelled|traveled|been|paid|led|"
    r"hosted|received)|previous|earlier visit|last visit)\b",
    flags=regex.IGNORECASE,
    why="'recalled that a delegation had visited': an earlier trip",
    examples=("she recalled that a delegation had visited the city from",
              "during his previous stay"),
    counter_examples=("the delegation visited the city from",),
)


_FROM_BEFORE = rule(
    "dates.from_before",
    r"\b(from|du|từ|between|on|le)\s*$",
    flags=regex.IGNORECASE,
    why="'from', 'on', 'du' right before a date: the date of something that happened then",
    examples=("the delegation visited the city from ", "arrived on "),
    counter_examples=("a report released ",),
)


def _score(sentence: str, m: DateMention, index: int, upcoming: bool = False) -> float:
    around = sentence[max(0, m.start - 60): m.end + 40]
    visit = bool(_VISIT.search(sentence))
    score = _W.range * m.is_range + _W.visit_sentence * visit + (m.year is not None) * _W.year_written
    before = sentence[:m.start]
    score += _W.from_before if _FROM_BEFORE.search(before) else 0
    score += _W.visit_word_after if _VISIT.match(sentence[m.end:].lstrip(" ,")) else 0
    score += _W.early_sentence if index < 4 else _W.middle_sentence if index < 8 else 0
    if _EVENT.search(around) and not _VISIT.search(around):
        score += _W.event
    if _FUTURE.search(around) and not upcoming:
        score += _W.future
    if _AHEAD.search(before) and not upcoming:
        score += _W.ahead_of  # "Ahead of X's visit to Y from December 3 to 6": not the reported visit
    if _RECALLED.search(before):
        score += _W.recalled  # "she recalled that a delegation had visited X from ...": an earlier trip
    return score


def _resolve(m: DateMention, index: int, sentences: list[str], published: dt.date | None,
             strong: bool) -> VisitDates:
    partial_start = f"--{m.month:02d}-{m.day:02d}"
    partial_end = f"--{m.end_month:02d}-{m.end_day:02d}"
    year, confidence, note = _year(m, index, sentences, published)
    start = end = None
    if year is not None:
        try:
            start = dt.date(year, m.month, m.day)
            end_year = year + 1 if (m.end_month, m.end_day) < (m.month, m.day) else year
            end = dt.date(end_year, m.end_month, m.end_day)
        except ValueError:
            start = end = None
            confidence, note = "unknown", f"{partial_start} is not a date in {year}"
    return VisitDates(start, end, partial_start, partial_end, confidence, note, index, strong)


def _year(m: DateMention, index: int, sentences: list[str],
          published: dt.date | None) -> tuple[int | None, str, str | None]:
    if m.year is not None:
        return m.year, "stated", None
    if published is not None:
        year = published.year - 1 if m.month > published.month + 1 else published.year
        return year, "stated", f"year from the publication date {published.isoformat()}"
    window = sentences[max(0, index - 3): index + 3] + sentences[:3]
    for sentence in window:
        context = _YEAR_CONTEXT.search(sentence)
        if context:
            phrase = sentence[max(0, context.start() - 20): context.end()].split(" ", 1)[-1]
            return int(context.group(1)), "inferred", f"year taken from “{phrase.strip()}”"
    return None, "unknown", "the article gives the day and month of the visit but no year"

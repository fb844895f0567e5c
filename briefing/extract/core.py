"""Extract: a clean `Article` -> `Facts` (who visited whom, where, when, what was said).

In: an `Article` from `briefing.readers`.  Out: `Facts`, every fact carrying the index of
the sentence it came from (into `Facts.sentences`).  The rules describe the genre (news
of official visits: "led by Ambassador X", "met with X, Prefect of Y", "from April 13-16")
and never name a particular article's people or places.  Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace

import regex

from ..models import Article, Facts, Person, Statement
from ..text import similar, split_sentences
from ..vocabulary import english_label, sector_hits
from . import dates, gender, lexicon, people, places
from .agreements import find_agreements
from .figures import find_figures
from .people import name_key, same_person  # noqa: F401  (re-exported for the briefing)
from .rules import rule
from .weights import WEIGHTS

log = logging.getLogger(__name__)

__all__ = ["extract", "name_key", "same_person", "split_sentences"]

_INTERVIEW = rule(
    "core.interview",
    r"\b(speaking to|in an interview|interviewed by|correspondent[^.]{0,40}? interviewed|"
    r"told (?:the )?(?:vietnam news agency|vna|reporters|press)|talking to (?:the )?(?:press|reporters)|"
    r"granted an interview|(?:gave|given) an (?:exclusive )?interview|in an exclusive interview|"
    r"trả lời phỏng vấn|dans un entretien|"
    r"interrogé par|a déclaré à)\b",
    flags=regex.IGNORECASE,
    why="an interview said in so many words: the article reports what someone told the press",
    examples=("in an interview with the news agency",
              "speaking to reporters ahead of the trip",
              "dans un entretien accordé"),
    counter_examples=("the delegation visited the port",),
)
_VISIT_WORDS = rule(
    "core.visit_word",
    r"\b(visit|visited|visiting|visits|trip|tour|toured|delegation|working session|mission|"
    r"arrived|paid|met|meeting|hosted|received|welcomed|chuyến thăm|thăm|làm việc|visite|"
    r"s'est rendu|délégation|déplacement)\b",
    flags=regex.IGNORECASE,
    why="a sentence that speaks of a visit, a delegation or a meeting",
    examples=("The delegation paid a working visit",
              "the governor received the ambassador",
              "lors de la visite"),
    counter_examples=("Exports rose by 12% last year.",),
)
# A highlight sentence is chosen for an audience by how many of its words it carries.
_AUDIENCE_WORDS = {
    "business": rule(
        "core.business_words",
        r"\b(trade|export\w*|import\w*|invest\w*|compan(?:y|ies)|business\w*|enterprises?|"
        r"market\w*|infrastructure|port|logistics|industr\w*|billion|million|USD|EUR|euros?|"
        r"SMEs?|supply chains?|manufactur\w*|economic|economy|fairs?|forums?|chamber|CCI|"
        r"%|per ?cent|start-?ups?|technology|energy|semiconductors?)\b", flags=regex.IGNORECASE,
        why="a sentence about trade, investment or companies is a business highlight",
        examples=("Bilateral trade reached 5 billion USD.", "The firm plans to invest in the port."),
        counter_examples=("Students performed traditional music.",)),
    "diaspora": rule(
        "core.diaspora_words",
        r"\b(communit(?:y|ies)|diaspora|overseas vietnamese|students?|lecturers?|"
        r"universit(?:y|ies)|education\w*|scholarships?|culture|cultural|sports?|athletes?|"
        r"festivals?|events?|consular|visas?|citizens?|twinning|sister[- ]city|"
        r"exchange programmes?|people-to-people|culinary|art|exhibitions?|homeland|"
        r"living|studying|tourism|tourists)\b", flags=regex.IGNORECASE,
        why="a sentence about the community, students or culture is a diaspora highlight",
        examples=("The Vietnamese community in the city welcomed the delegation.",
                  "Scholarships for students were discussed."),
        counter_examples=("Bilateral trade reached 5 billion USD.",)),
}


def _visit_in_captions(article: Article) -> dates.VisitDates | None:
    """'X and the delegation visit the embassy on the evening of November 8. Photo: Y': some
    portals date the visit only in a photo caption, which the reader keeps out of the
    sentences.  Used only when the sentences give no date; no sentence to point at."""
    if not article.captions:
        return None
    visit = dates.find_visit_dates(list(article.captions), article.publication_date)
    return replace(visit, sentence=None) if visit else None


@dataclass(frozen=True)
class _VisitFrame:
    kind: str
    reason: str | None


def extract(article: Article) -> Facts:
    """Return the key facts of `article`."""
    sentences = split_sentences(article.text)
    found = people.find_people(sentences)
    lead = people.complete_role(people.choose_lead(found, sentences), sentences)
    if lead is None:
        lead = people.lead_in_captions(article.captions)
    visit = dates.find_visit_dates(sentences, article.publication_date) \
        or _visit_in_captions(article)
    frame = _classify(sentences, visit, lead, article)
    if lead is None and frame.kind == "other":  # an embassy's event: who speaks for it
        lead = people.event_speaker(found, sentences)
    if frame.kind == "interview":  # an interview ahead of a visit: that visit's dates
        visit = dates.find_visit_dates(sentences, article.publication_date, upcoming=True)
    visitor, host_hint = people.sides(lead, sentences)
    home, home_name = _home_place(sentences, lead)
    lead = _with_home(lead, home_name)
    home = home or _home_in_role(lead)
    if home is not None:
        visitor = visitor or home.country
        host_hint = host_hint if host_hint != visitor else None
    named = _countries_named(sentences)
    host, region, region_index = _where(_without_names(sentences, found), host_hint, visitor,
                                        frame.kind, named, home)
    if region is None and article.title:  # the body names only towns: the headline may help
        host_title, region, _ = _where([article.title], host_hint, visitor, frame.kind,
                                       named | _countries_named([article.title]), home)
        host = host or host_title
    region = _widened(region, [*([article.title] if article.title else []), *sentences])
    if frame.kind == "interview":
        # the visit the interview discusses goes where "X's visit to <country>" says, even
        # when the interviewee is that country's ambassador
        host = _country_visited(sentences, None) or host
    counterparts: list[Person] = []
    if frame.kind in ("visit", "other"):
        counterparts = people.counterparts(found, lead, visitor, sentences)
        vietnamese_side = visitor == "VN" or visitor is None and lead is not None \
            and people.vietnamese_name(lead.name)
        if vietnamese_side and host and host != "VN":
            # a Vietnamese official in a Vietnamese delegation abroad is on the visiting side;
            # but the Vietnamese ambassador who receives a provincial delegation there hosts it
            counterparts = [c for c in counterparts if not people.vietnamese_name(c.name)
                            or people.receiving_envoy(c, lead)]
        if home is not None and home.level >= 1:
            # "director of a <home province> seafood firm": travels with the delegation
            counterparts = [c for c in counterparts if not _works_at_home(c, home)]
        met = [*counterparts, *([lead] if lead else [])]
        counterparts += people.organisations_met(sentences, met)
    elif frame.kind == "interview":
        # the hosts of the visit discussed ("at the invitation of Speaker X"), whatever the
        # interviewee's nationality
        counterparts = people.counterparts(found, lead, None, sentences)
    # Titles agree with the person where the article shows a woman ("directrice générale").
    lead, counterparts = gender.with_genders(lead, counterparts, sentences, [f.name for f in found])
    cities = _cities(sentences, host, lead, named) if frame.kind == "visit" else ()
    sectors = _sectors(sentences)
    figures = find_figures(sentences)
    agreements = find_agreements(sentences)
    evidence = [("region", region_index)] if region_index is not None else []
    if visit and visit.sentence is not None:
        evidence.append(("visit_start", visit.sentence))
    # an interview gives the dates of the visit it discusses; other news (a virtual meeting,
    # an embassy event) the date of the meeting or event its first sentence reports
    kept = visit if frame.kind in ("visit", "interview") \
        or visit and visit.strong and visit.sentence == 0 else None
    facts = Facts(
        source=article.source, kind=frame.kind,  # type: ignore[arg-type]
        title=article.title, publication_date=article.publication_date,
        visit_start=kept.start if kept else None,
        visit_end=kept.end if kept else None,
        date_confidence=kept.confidence if kept else "unknown",  # type: ignore[arg-type]
        date_note=kept.note if kept else _undated_note(frame.kind, visit),
        # where the visit discussed (interview) or the meeting or event (other) takes place
        host_country=host,
        region=region if frame.kind != "interview" else None,
        cities=tuple(cities),
        lead_official=lead, counterparts=tuple(counterparts), sectors=tuple(sectors),
        figures=tuple(figures), agreements=tuple(agreements),
        highlights_business=tuple(_highlights(sentences, "business")),
        highlights_diaspora=tuple(_highlights(sentences, "diaspora")),
        summary=(), sentences=tuple(sentences), language=article.language,
        outlet=article.outlet, reason=frame.reason,
        visit_start_partial=kept.partial_start if kept else None,
        visit_end_partial=kept.partial_end if kept else None,
        evidence=tuple(evidence),
    )
    return _with_summary(facts)


def _works_at_home(person: Person, home: places.Place) -> bool:
    role = person.role or ""
    return any(span.place.code == home.code for run in _CAP_RUN.finditer(role)
               for span in _places_in_run(run.group(0)))


def _widened(region: str | None, texts: list[str]) -> str | None:
    """The region the article names for a department it also names: 'Gironde' in the body
    and 'Nouvelle-Aquitaine' in the headline give 'Nouvelle-Aquitaine'."""
    place = places.lookup(region) if region else None
    if place is None or place.level != 2 or place.code is None:
        return region
    parent_code = places.parent_code(place.code)
    for cand in places_in(texts):
        if parent_code and cand.place.code == parent_code:
            return cand.spelling
    return region


# "Three Consul Generals based in X City (XC) visited Y": where the visitors work, not go
_BASED_IN = rule(
    "core.based_in",
    r"\bbased in\s+(?:the\s+)?\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+){0,3}"
    r"(?:\s*\([A-Z]{2,6}\))?",
    why="'Consuls General based in X visited Y': where the visitors work, not where they go",
    examples=("Three consuls general based in Kelport City (WC) visited",),
    counter_examples=("The delegation visited Kelport",),
)


def _without_names(sentences: list[str], found: list) -> list[str]:
    """The sentences with every full name blanked out, so that 'Michele de Pascale' does not
    join the place written before it into one capitalised run; and the places visitors are
    'based in' blanked too."""
    names = sorted({f.name for f in found if " " in f.name}, key=len, reverse=True)
    out = []
    for sentence in sentences:
        sentence = _BASED_IN.sub(lambda m: " " * len(m.group()), sentence)
        for name in names:
            sentence = sentence.replace(name, " " * len(name))
        out.append(sentence)
    return out


def _undated_note(kind: str, visit: dates.VisitDates | None) -> str | None:
    if kind == "visit" and visit is None:
        return "no visit date found in the article"
    return None


def _classify(sentences: list[str], visit: dates.VisitDates | None,
              lead: Person | None, article: Article) -> _VisitFrame:
    """Visit, interview or other (with the reason)."""
    if not sentences:
        return _VisitFrame("other", "no sentences in the article")
    opening = " ".join(sentences[:4])
    visit_sentences = sum(1 for s in sentences if _VISIT_WORDS.search(s))
    if _INTERVIEW.search(opening) and (visit is None or not visit.strong
                                       or _AHEAD_OF_TRIP.search(opening)):
        return _VisitFrame("interview", None)
    if _VIRTUAL.search(" ".join(sentences[:2])):
        return _VisitFrame("other", "a virtual meeting: nobody travelled")
    # A dated event with nobody leading a visit and no delegation is community news
    # (a festival, a celebration): a background piece, not a visit.
    if visit is not None and (lead is not None or visit.strong and _visit_frame(sentences)):
        return _VisitFrame("visit", None)
    if lead is not None and visit_sentences >= 1 and _led_visit(sentences):
        return _VisitFrame("visit", None)
    if _INTERVIEW.search(" ".join(sentences)):
        return _VisitFrame("interview", None)
    if any(_UNDATED_VISIT.search(s) for s in sentences[:6]):
        return _VisitFrame("visit", None)  # a visit reported without its dates
    if len(sentences) < 2:
        return _VisitFrame("other", "article too short to find a visit (one sentence)")
    if article.language not in ("en", "und") and lead is None:
        return _VisitFrame("other", f"no visit found (article language: {article.language})")
    return _VisitFrame("other", "no official visit or interview found in the article")


# "on the threshold of the trip", "ahead of the visit": the interview discusses a coming visit
_AHEAD_OF_TRIP = rule(
    "core.ahead_of_trip",
    r"\b(?:ahead of|on the (?:threshold|eve) of|prior to|in the run-up to)"
    r"\s+(?:the|his|her|their|this)\s+(?:\w+\s+)?(?:visit|trip|tour)\b",
    flags=regex.IGNORECASE,
    why="'ahead of the visit': the interview discusses a coming visit",
    examples=("ahead of the state visit", "on the eve of his official trip"),
    counter_examples=("after the visit",),
)
# "held a virtual meeting with", "met online", "via videoconference": nobody travelled
_VIRTUAL = rule(
    "core.virtual_meeting",
    r"\b(?:virtual|online)\s+(?:meeting|talks|conference|session)|"
    r"\bvideo[- ]?conferenc\w*|\bvia video link\b|\bmet online\b",
    flags=regex.IGNORECASE,
    why="a meeting online or by video: nobody travelled",
    examples=("held a virtual meeting with the governor",
              "via videoconference",
              "the two sides met online"),
    counter_examples=("met in the provincial capital",),
)
# The visit said in so many words, without a date: "had a courtesy visit to X province",
# "received the delegation", "during his reception for the Vietnamese diplomat", "the visit
# was made at the invitation of", "the Vietnamese delegation handed over a donation"
_UNDATED_VISIT = rule(
    "core.undated_visit",
    r"\b(?:(?:courtesy|working|official|business|study|friendship) (?:visit|trip|call) to|"
    r"(?:received|welcomed|hosted) the (?:visiting )?(?:\w+ )?delegation|"
    r"reception for the (?:visiting )?(?:\w+ )?(?:delegation|diplomat|ambassador|guests?)|"
    r"the visit (?:was made|took place)|"
    r"(?:visiting|\p{Lu}\w+) delegation (?:handed over|presented|visited|toured|laid))\b",
    flags=regex.IGNORECASE,
    why="the visit said in so many words, even when the article gives no date",
    examples=("paid a courtesy visit to the province",
              "received the visiting delegation",
              "during his reception for the ambassador"),
    counter_examples=("plans a visit next year", "a delegation will travel"),
)
_LED = rule(
    "core.led_visit",
    r"\b(led by|paid an? (?:\w+ )?visit|paid a courtesy call|called on|visited|"
    r"made an? (?:\w+ )?(?:visit|trip)|"
    r"working visit|official visit|working trip|a visit to|mission to|"
    r"a conduit|dirigée par|conduite par|en visite|dẫn đầu)\b",
    flags=regex.IGNORECASE,
    why="who led the visit or made it: the article reports a visit with its leader",
    examples=("a delegation led by the governor",
              "paid an official visit to",
              "dirigée par le maire"),
    counter_examples=("the meeting was productive",),
)


def _led_visit(sentences: list[str]) -> bool:
    return any(_LED.search(s) for s in sentences[:6])


_DELEGATION = rule(
    "core.delegation",
    r"\b(?:delegation|délégation|đoàn)\b",
    flags=regex.IGNORECASE,
    why="a delegation is named: someone travelled",
    examples=("the provincial delegation", "la délégation", "đoàn công tác"),
    counter_examples=("the delegate said",),
)


def _visit_frame(sentences: list[str]) -> bool:
    return _led_visit(sentences) or any(_DELEGATION.search(s) for s in sentences[:6])


_HOME = rule(
    "core.delegation_home",
    r"\b(?:delegation|mission)\s+(?:of\s+\d+\s+[^,.;]{0,60}?\s+from|of|from)\s+(?:the\s+)?"
    r"(?:(?:[\p{L}-]+\s+){0,2}(?i:province|city|region|state|department|canton)\s+of\s+)?"
    r"(?P<a>\p{Lu}[^,.;()]{1,60})"
    r"|\b(?:the|a|an)\s+(?P<b>\p{Lu}[\p{L}\p{M}'’ -]{1,40}?)\s+(?:provincial|municipal|city|"
    r"regional)\s+delegation\b",
    why=("'a delegation of X province', 'the X provincial delegation': where the visitors come "
         "from"),
    examples=(
        "a delegation of Varnland province visited",
        "the Varnland provincial delegation arrived",
        "a delegation of 30 officials and business executives from Varnland",
    ),
    counter_examples=("the delegation visited the port",),
)
_PLANNED = rule(
    "core.planned",
    r"\b(?:will|would|plans? to|planned|next year|to lead)\b",
    why="'will lead a delegation', 'plans to': a future trip, not the one reported",
    examples=("the governor will lead a delegation", "she plans to visit"),
    counter_examples=("the governor led a delegation",),
)
_ACRONYM_ASIDE = rule(
    "core.acronym_aside",
    r"\s*\((?=[^)]*\p{Lu}[^)]*\p{Lu})\p{L}{2,6}\)",
    why="an acronym in brackets ('(RoK)') between a country and its possessive is dropped",
    examples=("the Republic of Korea (RoK)'s Varnland province",),
    counter_examples=("the Varnland province (west)",),
)


def _home_place(sentences: list[str], lead: Person | None,
                ) -> tuple[places.Place | None, str | None]:
    """Where the visiting delegation comes from ('a delegation of X province', 'the X
    provincial delegation'): a place of the visiting side, never the visited region; with
    its spelling in the article."""
    for sentence in sentences[:6]:
        if _PLANNED.search(sentence):
            continue  # "will lead a delegation of X firms to ...": a future trip, not this one
        # "a delegation from the Republic of Korea (RoK)'s X province": the acronym aside
        sentence = _ACRONYM_ASIDE.sub("", sentence)
        for match in _HOME.finditer(sentence):
            run = match.group("a") or match.group("b")
            found = _places_in_run(run)
            if found and found[0].place.level == 0 and run[found[0].end:].startswith(("'s ", "’s ")):
                found = found[1:]  # "a delegation of Italy's X region": the country's X
            elif found and found[0].start != 0:
                continue
            if found and found[0].place.level >= 1:
                return found[0].place, run[found[0].start:found[0].end]
    nat = _ROLE_NAT.search(lead.role) if lead and lead.role else None
    if nat and places.nationality(nat.group(0)) not in (None, "VN"):
        # "Member of the Lao People's Revolutionary Party Central Committee": Laos, whatever
        # party committee the role also names
        code = places.nationality(nat.group(0))
        return places.Place(code, nat.group(0), None, 0), None  # type: ignore[arg-type]
    abroad = _home_in_role(lead)
    if abroad is not None and abroad.country != "VN":
        # "Secretary of the Party Committee and Governor of X province": a foreign
        # province has a party committee too; the place decides
        return abroad, None
    if lead and lead.role and people.VN_LOCAL_BODY.search(lead.role):
        # a people's committee is a Vietnamese body: the visitors are Vietnamese
        return places.Place("VN", "Vietnam", None, 0), None
    return None, None


_ROLE_NAT = rule(
    "core.nationality_in_role",
    r"\b(?:" + "|".join(regex.escape(n) for n in places.NATIONALITIES) + r")\b",
    why="a nationality in the lead's role gives the visitors' country",
    examples=("Member of the Lao People's Revolutionary Party",),
    counter_examples=("Member of the Varnland Council",),
)
_ROLE_OF = rule(
    "core.body_in_role",
    r"\bof\s+(?:the\s+)?(?P<body>\p{Lu}.*)$",
    why="the body of a role after 'of' ('President of the Varnland Regional Council')",
    examples=("President of the Varnland Regional Council",),
    counter_examples=("President",),
)


def _home_in_role(lead: Person | None) -> places.Place | None:
    """'Governor of X Prefecture', 'President of the X Regional Council', 'X's State
    Minister': the lead holds office in X, so X is home, not the visited region."""
    if lead is None or not lead.role:
        return None
    first = lead.role.split(" ", 1)[0]
    owner = places.lookup(first[:-2]) if first.endswith(("'s", "’s")) else None
    if owner is not None and owner.level >= 1:
        return owner  # "Saxony's State Minister"
    match = _ROLE_OF.search(lead.role)
    if match is None:
        return None
    body, own = match.group("body"), people.role_nationality(lead.role)
    for run in _CAP_RUN.finditer(body):
        if _POSTED_IN.search(body[:run.start()]):
            continue  # "Vietnam's Permanent Mission in X": where the post sits, abroad
        in_run = _places_in_run(run.group(0))
        if not _only_places(run.group(0), in_run):
            continue  # "Party Central Committee": no place, whatever namesake "Central" has
        for span in in_run:
            if span.place.level >= 1 and (own is None or span.place.country == own):
                return span.place
    return None


_POSTED_IN = rule(
    "core.posted_in",
    r"\b(?:in|to|at|en|à)\s+(?:the\s+)?$",
    why="'Permanent Mission in X': where the post sits, abroad, not the official's home",
    examples=("Permanent Mission in ",),
    counter_examples=("Permanent Mission of ",),
)


_LOCAL_BODY = rule(
    "core.provincial_body",
    r"\bthe (?=(?:provincial|municipal|city) (?:People['’]s|Party))",
    why="'the provincial People's Committee' gets the home place's name",
    examples=("Chairman of the provincial People's Committee",),
    counter_examples=("Chairman of the Varnland People's Committee",),
)


_ITS_TITLE = rule(
    "core.its_before_title",
    r"(?i:its|their)\s+",
    why="'its Vice President in charge of X': the title of the body the delegation is from",
    examples=("its Vice President", "their director"), counter_examples=("the Vice President",),
)


def _with_home(lead: Person | None, home_name: str | None) -> Person | None:
    """'Chairman of the provincial People's Committee' -> '... of the X provincial ...'."""
    if lead is None or not lead.role or not home_name or home_name in lead.role:
        return lead
    role = _LOCAL_BODY.sub(f"the {home_name} ", lead.role, count=1)
    its = _ITS_TITLE.match(role)
    title = people.title_at(role, its.end()) if its else None
    if its and title is not None:
        # "its Vice President in charge of X" -> "Vice President of <home> in charge of X"
        role = f"{role[its.end():title]} of {home_name}{role[title:]}"
    return Person(lead.name, role, lead.organisation, lead.sentence)


def _where(sentences: list[str], host_hint: str | None, visitor: str | None, kind: str,
           named: set[str], home: places.Place | None = None,
           ) -> tuple[str | None, str | None, int | None]:
    """Host country (alpha-2), region as spelled, and the sentence of the region."""
    candidates = [c for c in places_in(sentences)
                  if not (home is not None and home.code and c.place.code == home.code)]
    best = None
    for cand in candidates:
        namesake = places.lookup_in(cand.spelling, host_hint) \
            if host_hint and cand.place.country != host_hint else None
        if namesake is not None:  # "Maryland" in a US story: the state, not the Liberian county
            cand = replace(cand, place=namesake)
        country = cand.place.country
        if host_hint and country != host_hint or not host_hint and country == visitor:
            continue
        if country not in named and not cand.standalone:
            continue  # "Mekong Delta" is no Nigerian state when Nigeria is never named
        w = WEIGHTS.region
        score = (w.labelled * cand.labelled + w.first_level * (cand.place.level == 1)
                 + min(cand.count, 3) * w.mention + (cand.first < 6) * w.early
                 # a namesake in a country the article never names ("Mekong Delta")
                 + w.unnamed_country * (country not in named))
        if best is None or score > best[0] or score == best[0] and cand.first < best[1].first:
            best = (score, cand)
    host = host_hint or (best[1].place.country if best else None)
    if host is None and kind == "visit":
        host = _country_visited(sentences, visitor)
    if best is None:
        generic = _generic_region(sentences, home)
        return host, generic[0] if generic else None, generic[1] if generic else None
    return host, best[1].spelling, best[1].first


_CAP_RUN = rule(
    "core.capitalised_run",
    r"(?<![\p{L}\p{M}-])\p{Lu}[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}'’]+)*"
    r"(?:(?:\s+[-–]\s+|\s+(?:(?:de|la|du|des|di|del|della|am|an|der|sur|en|et|d'|d’)\s+){0,2})"
    r"(?:d['’])?\p{Lu}[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}'’]+)*)*",
    why="a run of capitalised words with the particles of place names ('Centre-Val de Loire')",
    examples=("the Centre-Val de Loire region", "visited Varnland"),
    counter_examples=("the region",),
)
_LABEL_AFTER = rule(
    "core.region_label_after",
    r"^\s+(?:\([A-Z]{2,}\)\s+)?(region|province|department|département|Land|state|prefecture|"
    r"municipality|city|Region|Province)\b",
    why="'X region', 'X province' labels X a region",
    examples=(" region", " (WL) province"),
    counter_examples=(" said",),
)
_LABEL_BEFORE = rule(
    "core.region_label_before",
    r"\b(?:(?:region|province|state|Land) of|(?:visit|trip|mission|tour)"
    r" (?:to|in))\s+(?:the\s+)?$",
    flags=regex.IGNORECASE,
    why="'the region of X', 'a visit to X' labels X as the visited place",
    examples=("the province of ", "during a visit to the "),
    counter_examples=("the governor of ",),
)


@dataclass(frozen=True)
class PlaceCandidate:
    """A subdivision the article names: how it is first written, where, how often, and
    whether a label says it is a region ('X region', 'the province of X')."""
    place: places.Place
    spelling: str
    first: int  # index of the first sentence naming it
    count: int = 0
    labelled: bool = False
    standalone: bool = False  # once at least, not inside a longer name ("Mekong Delta")


@dataclass(frozen=True)
class PlaceSpan:
    """A place found inside a capitalised run, with its span in the run."""
    start: int
    end: int
    place: places.Place


def places_in(sentences: list[str]) -> list[PlaceCandidate]:
    """Every subdivision named in the text, with how it is written and where."""
    found: dict[str, PlaceCandidate] = {}
    for index, sentence in enumerate(sentences):
        for run in _CAP_RUN.finditer(sentence):
            in_run = _places_in_run(run.group(0))
            # "Mekong Delta", "North Sea Port": a place word inside a longer name
            standalone = _only_places(run.group(0), in_run)
            for span in in_run:
                start, end, place = span.start, span.end, span.place
                if place.level == 0:
                    continue
                spelling = run.group(0)[start:end]
                after = sentence[run.start() + end:]
                before = sentence[:run.start() + start]
                if _FORMER.search(before):
                    continue  # "incorporating the former X province": merged away, not visited
                # "a trip that will also take it to the state of X": a later stop, not labelled
                labelled = bool(_LABEL_AFTER.match(after) or _LABEL_BEFORE.search(before)
                                or _MISSION_IN.search(before)) and not _PLANNED.search(before)
                key = place.code or place.name
                entry = found.get(key) or PlaceCandidate(place, spelling, index)
                owner = _owner_country(before)
                if labelled and owner and owner != place.country:
                    # "Portugal's X region": that country's X, whatever namesake the gazetteer has
                    entry = replace(entry, place=places.Place(owner, spelling, None, 1))
                found[key] = replace(entry, count=entry.count + 1,
                                     labelled=entry.labelled or labelled,
                                     standalone=entry.standalone or standalone)
    return list(found.values())


_OWNER = rule(
    "core.country_possessive_before",
    r"(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?)['’]s\s+$",
    why="'Portugal's X region': that country's X",
    examples=("Portugal's ",),
    counter_examples=("the region's ",),
)


_PLACE_LABEL = rule(
    "core.place_label",
    r"\b(?:Region|Province|Department|State|City|Prefecture|Land|County)\b",
    why="'Region', 'Province', 'State' complete a place name ('Emilia-Romagna Region')",
    examples=("Varnland Region",),
    counter_examples=("Varnland",),
)


_MISSION_IN = rule(
    "core.mission_in_before",
    r"\b(?:Embassy|Consulate(?:[- ]General)?)\s+in\s+(?:the\s+)?$",
    why="'at the Embassy in X': the city the mission sits in is where its visitors are",
    examples=("worked at the Vietnamese Embassy in ", "the Consulate General in "),
    counter_examples=("the Embassy of ", "the embassy's staff in "),
)


_FORMER = rule(
    "core.former_before",
    r"\b(?:former|old|ex-)\s*\Z",
    flags=regex.IGNORECASE,
    why="'the former X province': merged away, not visited",
    examples=("incorporating the former ",),
    counter_examples=("visiting the ",),
)


def _only_places(run: str, found: list[PlaceSpan]) -> bool:
    """True when every word of the capitalised run belongs to a place it names (`found`,
    from `_places_in_run`) or labels one ('Emilia-Romagna Region')."""
    covered = sum(span.end - span.start for span in found)
    rest = _PLACE_LABEL.sub("", run).replace("'s", "").replace("’s", "").replace(" ", "")
    return bool(found) and covered >= len(rest)


def _owner_country(before: str) -> str | None:
    """The country whose possessive stands just before a place ('Portugal's ')."""
    match = _OWNER.search(before[-40:])
    return places.country_of(match.group(1)) if match else None


def _places_in_run(run: str) -> list[PlaceSpan]:
    """Longest places inside a capitalised run, as (start, end, place)."""
    spans = [(m.start(), m.end() - (2 if m.group(0).endswith(("'s", "’s")) else 0))
             for m in regex.finditer(r"\S+", run) if m.group(0) not in ("-", "–")]
    out = []
    i = 0
    while i < len(spans):
        for j in range(min(len(spans), i + 5), i, -1):
            place = places.lookup(run[spans[i][0]:spans[j - 1][1]])
            if place is not None:
                out.append(PlaceSpan(spans[i][0], spans[j - 1][1], place))
                i = j - 1
                break
        i += 1
    return out


_GENERIC_REGION = rule(
    "core.generic_region",
    r"\b(?:the\s+)?(\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+){0,2})\s+"
    r"(region|province)\b",
    why="'the X region', 'X province' for a place the gazetteer does not know",
    examples=("the Varnland region", "Eastmoor province"),
    counter_examples=("the region",),
)


def _generic_region(sentences: list[str], home: places.Place | None = None,
                    ) -> tuple[str, int] | None:
    """'the X region' / 'X province' where X is not in the gazetteer (and is not where the
    visitors come from: 'a delegation of X province')."""
    for index, sentence in enumerate(sentences[:8]):
        for match in _GENERIC_REGION.finditer(sentence):
            name = match.group(1)
            if name.split()[0] in ("The", "This", "That", "Each", "Every", "Asia-Pacific"):
                continue
            if places.country_of(name) or name in places.NATIONALITIES:
                continue
            known = places.lookup(name)
            if home is not None and known is not None and known.code == home.code:
                continue
            return name, index
    return None


_VISIT_TO = rule(
    "core.visit_to_country",
    r"\b(?:visit|trip|mission|tour)\s+(?:to|of)\s+(?:the\s+)?"
    r"(\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?)",
    why="'a visit to X': the country visited",
    examples=("a working visit to France", "the trip to the Netherlands"),
    counter_examples=("a visit by France",),
)


def _country_visited(sentences: list[str], visitor: str | None) -> str | None:
    for sentence in sentences[:8]:
        for match in _VISIT_TO.finditer(sentence):
            code = places.country_of(match.group(1))
            if code and code != visitor:
                return code
    return None


# A town's name: one or two capitalised words, with the particles of "Castellón de la Plana",
# "Frankfurt am Main", "Centre-Val de Loire" (the last is then refused as a region)
_TOWN = (r"(\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:(?:de|la|du|des|di|del|am|an|der|sur|en|le)\s+){0,2}"
         r"\p{Lu}[\p{L}\p{M}'’-]+)?)")
_CITY_PATTERNS = (
    rule(
        "core.city_of",
        r"\b(?:city|town|commune|village|port city|coastal town|coastal city)"
        r" of\s+(\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)?)",
        why="'the city of X', 'the port city of X': X is a town",
        examples=("visited the city of Kelport", "the coastal town of Eastport"),
        counter_examples=("the city council",),
    ),
    # one word, after an article where names have one ("Mayor of La <Town>"): a second
    # capitalised word is usually the mayor's own name ("Mayor of X Jean Y")
    rule(
        "core.mayor_of",
        r"\b(?:Mayor|mayor|Maire|maire) (?:of|de)\s+((?:(?:La|Le|Les|El|Los|Las|San|Santa)\s+)?"
        r"\p{Lu}[\p{L}\p{M}'’-]+)",
        why="'Mayor of X': X is a town (one word, or two after an article: 'La Varenne')",
        examples=("Mayor of Kelport", "Maire de La Varenne"),
        counter_examples=("Mayor Anna Weber",),
    ),
    rule(
        "core.in_town_comma",
        r"(?:^|\.\s)(?:In|At|À|Tại)\s+(\p{Lu}[\p{L}\p{M}'’-]+),\s+(?:the|he|she|they|il|elle|"
        r"the delegation|\p{Lu})",
        why="'In X, the delegation ...': a town opening the sentence",
        examples=("In Kelport, the delegation met", "At Eastport, they toured"),
        counter_examples=("In the morning, the delegation met",),
    ),
    rule(
        "core.town_port",
        r"\b(?:the\s+)(\p{Lu}[\p{L}\p{M}'’-]+)\s+(?:port|city)\b",
        why="'the X port', 'the X city': a town",
        examples=("the Kelport port", "the Eastford city"),
        counter_examples=("the port",),
    ),
    rule(
        "core.capital_of",
        r"\b(?:visited|in|to)\s+(\p{Lu}[\p{L}\p{M}'’-]+),\s+(?:the\s+)?capital of",
        why="'visited X, the capital of Y': a town",
        examples=("visited Kelport, the capital of Varnland",),
        counter_examples=("visited Kelport, a town of Varnland",),
    ),
    # where the delegation itself went: "travelled to X", "receiving the delegation in X",
    # "a working session in X", "with stops in X and Y", "visited ... centres in X and Y"
    rule(
        "core.travelled_to",
        rf"\b(?:travel?led|went|moved|headed|continued|proceeded)\s+(?:on\s+)?to\s+{_TOWN}",
        why="'travelled to X': a town the delegation went to",
        examples=("the delegation travelled to Kelport", "then went on to Eastport"),
        counter_examples=("the delegation came from Kelport",),
    ),
    rule(
        "core.receiving_in",
        rf"\b(?:[Rr]eceiving|[Ww]elcoming|[Hh]osting)\s+the\s+(?:delegation|guests|visitors)"
        rf"\s+in\s+{_TOWN}",
        why="'receiving the delegation in X': where the hosts met them",
        examples=("Receiving the delegation in Kelport",),
        counter_examples=("Receiving the delegation, the governor",),
    ),
    rule(
        "core.session_in",
        rf"\b(?:working session|working sessions|talks|stops?)\s+in\s+{_TOWN}"
        rf"(?:\s+and\s+{_TOWN})?",
        why="'a working session in X', 'stops in X and Y': towns of the visit",
        examples=("a working session in Kelport", "stops in Kelport and Eastport"),
        counter_examples=("a working session with Kelport",),
    ),
    rule(
        "core.visited_in",
        rf"\b(?:visited|toured)\s[^.,;]{{0,60}}?\bin\s+{_TOWN}(?:\s+and\s+{_TOWN})?"
        r"(?=[.,;]|$)",
        why="'visited ... centres in X and Y': the towns where the places visited are",
        examples=("visited two research centres in Kelport and Eastport.",),
        counter_examples=("visited two research centres",),
    ),
)


# "Port of X Y": X Y when the gazetteer knows it, else X ("Port of X Marketing").
_PORT_OF = rule(
    "core.port_of",
    r"\b(?:Port|port) of\s+(\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)?)",
    why="'Port of X': a town the delegation went to",
    examples=("toured the Port of Kelport",),
    counter_examples=("the port authority",),
)


# Where a meeting or a visit took place: "met X in T", "received in T by", "the plant in T,
# where he ...", "visited T city", "a working visit to T, France".  T must end the phrase
# (not "in T Quadrangle") and be a town: not a country, a region or a province.
_EVENT_VERB = rule(
    "core.event_verb",
    r"\b(?:met|meeting|meet|working session|talks|received|receiving|welcomed|visited|visiting|"
    r"toured|touring|co-chair\w*|chaired|attended|held|hosted|stop|stops)\b",
    flags=regex.IGNORECASE,
    why="a meeting or visit verb: the town after 'in' is where it took place",
    examples=("met the governor in Kelport", "held talks"),
    counter_examples=("said the governor",),
)
_IN_TOWN = rule(
    "core.in_town",
    rf"\bin\s+{_TOWN}(?P<city>\s+(?:[Cc]ity|[Tt]own))?"
    r"(?=\s*(?:[.;]|,\s+(?:where|on|the|and)\b|,\s+\p{Lu}|\s+(?:by|on|and)\s)"
    r"|\s*$)",
    why="'in X' ending the phrase ('in X.', 'in X on May 30', 'in X City') names a town",
    examples=("in Kelport.", "in Kelport City on Monday"),
    counter_examples=("in Kelport Quadrangle Gardens",),
)
# "travelled to X, Y, Z and the W area": every town of the list
_TRAVEL_LIST = rule(
    "core.travel_list",
    rf"\b(?:(?:travel?led|went|headed)\s+to|stopping\s+in|with\s+stops\s+in)"
    rf"\s+(?P<list>{_TOWN}(?:,\s+{_TOWN})+(?:,?\s+and\s+{_TOWN})?)",
    why="'travelled to X, Y and Z': every town of the list",
    examples=("travelled to Kelport, Eastport and Northport",),
    counter_examples=("travelled to Kelport",),
)
_TOWN_CITY = rule(
    "core.town_city",
    rf"\b(?:visited|visiting|toured|to)\s+{_TOWN}\s+city\b",
    why="'visited X city': X is a town",
    examples=("visited Kelport city",),
    counter_examples=("visited Kelport",),
)
_VISIT_TOWN_COUNTRY = rule(
    "core.visit_town_country",
    rf"\b(?:visit|trip|mission)\s+to\s+{_TOWN},\s+"
    r"(?P<country>\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?)",
    why="'a working visit to X, France': X is a town of that country",
    examples=("a visit to Kelport, France",),
    counter_examples=("a visit to Kelport",),
)


# "a delegation from the French city of X": where the visitors come from, not a town visited.
_ORIGIN = rule(
    "core.delegation_origin_town",
    r"\b(?:delegation|mission)s?\s+(?:of|from)\s+(?:the\s+)?(?:[\p{L}'’]+\s+){0,3}?"
    r"(?:city|town|commune|province|region)\s+of\s+\p{Lu}[\p{L}\p{M}'’-]+"
    r"(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)?",
    why=("'a delegation from the French city of X': where the visitors come from, not a town "
         "visited"),
    examples=("a delegation from the French city of Kelport",),
    counter_examples=("a delegation visited the city of Kelport",),
)


def _cities(sentences: list[str], host: str | None, lead: Person | None = None,
            named: set[str] | None = None) -> list[str]:
    """Towns the delegation went to ('city of X', 'Mayor of X', 'Port of X', 'X port'); not
    the seat named in the lead's own title ('Mayor of X', 'Consul General in X')."""
    found: dict[str, str] = {}
    named = _countries_named(sentences) if named is None else named
    role = lead.role if lead and lead.role and len(lead.role.split()) > 2 else None
    for sentence in sentences:
        if role:
            sentence = sentence.replace(role, " " * len(role))
        sentence = _ORIGIN.sub(lambda m: " " * len(m.group(0)), sentence)
        sentence = _FOREIGN_TOWN.sub(
            lambda m: m.group(0) if places.nationality(m.group("nat")) == host else " " * len(m.group(0)),
            sentence)
        for pattern in _CITY_PATTERNS:
            for match in pattern.finditer(sentence):
                for name in filter(None, match.groups()):
                    _add_city(found, name, host, named)
        for match in _PORT_OF.finditer(sentence):
            _add_city(found, _known_part(match.group(1)), host, named)
        for match in _TRAVEL_LIST.finditer(sentence):
            for name in regex.split(r",\s+(?:and\s+)?|\s+and\s+", match.group("list")):
                if regex.fullmatch(_TOWN, name):
                    _add_city(found, name, host, named)
        for name in _event_towns(sentence):
            _add_city(found, name, host, named, towns_only=name not in _named_towns(sentence))
    return list(found.values())


def _known_part(name: str) -> str:
    """X Y when the gazetteer knows it, else X."""
    words = name.split()
    return name if len(words) == 1 or places.lookup(name) else words[0]


_CAPITALISED = rule(
    "core.capitalised_words",
    r"\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?",
    why="one or two capitalised words: a country's name or a nationality",
    examples=("Poland", "New Zealand"),
    counter_examples=("poland",),
)


def _countries_named(sentences: list[str]) -> set[str]:
    """Countries the article names or qualifies ('Poland', 'Polish'), or implies: a people's
    committee is a Vietnamese body, so an article about one is about Vietnam even when it
    never writes the country's name."""
    out = set()
    for sentence in sentences:
        if people.VN_LOCAL_BODY.search(sentence):
            out.add("VN")
        for m in _CAPITALISED.finditer(sentence):
            for phrase in (m.group(0), m.group(0).split()[0]):
                code = places.country_of(phrase) or places.nationality(phrase)
                if code:
                    out.add(code)
    return out


def _event_towns(sentence: str) -> list[str]:
    names = [m.group(1) for m in _TOWN_CITY.finditer(sentence)]
    names += [m.group(1) for m in _VISIT_TOWN_COUNTRY.finditer(sentence)
              if places.country_of(m.group("country"))]
    verb = _EVENT_VERB.search(sentence)
    if verb is not None:
        names += [m.group(1) for m in _IN_TOWN.finditer(sentence, verb.start())]
    return names


def _named_towns(sentence: str) -> list[str]:
    """'in X city', 'in X City on May 30': the article says X is a town, even where a
    province has the same name."""
    verb = _EVENT_VERB.search(sentence)
    if verb is None:
        return []
    return [m.group(1) for m in _IN_TOWN.finditer(sentence, verb.start()) if m.group("city")]


# "the Vietnamese coastal city of X" in an article about a visit to France: a partner
# town named in a proposal, not a town the delegation went to.
_FOREIGN_TOWN = rule(
    "core.foreign_town",
    rf"\b(?P<nat>{'|'.join(places.NATIONALITIES)})\s+(?:[a-z]+\s+)?"
    rf"(?:city|town|port)\s+of\s+{_TOWN}",
    why=("'the Vietnamese coastal city of X' in an article about a visit abroad: a partner town "
         "named, not visited"),
    examples=("the Vietnamese coastal city of Kelport",),
    counter_examples=("the coastal city of Kelport",),
)


# Continents and wide areas ("in Southeast Asia", "in the Mekong Delta") are no towns.
_WORLD_AREAS = lexicon.words("world_areas")


def _add_city(found: dict[str, str], name: str, host: str | None, named: set[str],
              towns_only: bool = False) -> None:
    """Keep `name` unless it is a country, a place of another country the article names
    or not a town (a gazetteer hit in a country the article never names is a namesake)."""
    place = places.lookup(name)
    if place is not None and (place.level == 0 or host and place.country != host
                              and place.country in named):
        return
    if towns_only and (place is not None and place.level == 1 or places.nationality(name)
                       or name.isupper() or places.key(name).split()[-1] in _WORLD_AREAS):
        return  # "met leaders in Bavaria": a region, not a town
    if name in places.NATIONALITIES or name.split()[0] in ("The", "This", "Vietnamese"):
        return
    found.setdefault(places.key(name), name)


MAX_SECTORS = 20  # beyond this the list is noise for a reader skimming the briefing


def _sectors(sentences: list[str]) -> list[str]:
    """Sector ids, most mentioned first (ties: first mentioned first), at most MAX_SECTORS."""
    first: dict[str, int] = {}
    count: dict[str, int] = {}
    for index, sentence in enumerate(sentences):
        for sector, _ in sector_hits(sentence):
            first.setdefault(sector, index)
            count[sector] = count.get(sector, 0) + 1
    ranked = sorted(first, key=lambda s: (-count[s], first[s]))
    return ranked[:MAX_SECTORS]


def _highlights(sentences: list[str], audience: str) -> list[Statement]:
    """Up to three sentences ranked for `audience`, no two saying the same thing."""
    pattern = _AUDIENCE_WORDS[audience]
    scored = []
    for index, sentence in enumerate(sentences):
        hits = len(pattern.findall(sentence))
        if hits and len(sentence.split()) >= 6:
            has_number = bool(regex.search(r"\d", sentence)) and audience == "business"
            w = WEIGHTS.highlights
            scored.append((w.word * hits + w.number * has_number + w.position * index, index, sentence))
    chosen: list[Statement] = []
    for _, index, sentence in sorted(scored, key=lambda s: (-s[0], s[1])):
        if any(similar(sentence, s.text) for s in chosen):
            continue
        chosen.append(Statement(sentence, index))
        if len(chosen) == 3:
            break
    return chosen


def _with_summary(facts: Facts) -> Facts:
    from dataclasses import replace

    return replace(facts, summary=summarise(facts))


def summarise(facts: Facts) -> tuple[str, ...]:
    """Two neutral sentences: who went where and when; what was discussed (and signed)."""
    # "economy" is in nearly every article: name it only when nothing more precise is.
    precise = [s for s in facts.sectors if s != "economy"] or list(facts.sectors)
    topics = [english_label(s) for s in precise[:5]]
    signed = facts.kind == "visit" and any(_SIGNED.search(a.text) for a in facts.agreements)
    second = (f"Topics included {_join(topics)}" + ("; agreements were signed" if signed else "")
              + ".") if topics else None
    lead = _person_phrase(facts.lead_official)
    if facts.kind == "visit":
        where = ", ".join(x for x in (facts.region, _country_name(facts.host_country)) if x)
        who: str = _lead_phrase(facts.lead_official) or "A delegation"
        first = (f"{who} visited {where}" if where else f"{who} made a visit")
        first += _when(facts) + _met(facts.counterparts) + "."
        return (first, second) if second else (first, *facts.sentences[1:2])
    if facts.kind == "interview" and lead:
        first = (f"In an interview, {_lead_phrase(facts.lead_official)} "
                 "discussed bilateral cooperation.")
        return (first, second) if second else (first,)
    return tuple(facts.sentences[:2])


_SIGNED = rule(
    "core.signed", r"\b(?:signed|signing)\b", flags=regex.IGNORECASE,
    why="the English summary says 'signed' only when an agreement sentence does",
    examples=("The two sides signed a memorandum.", "at the signing ceremony"),
    counter_examples=("The two sides agreed to cooperate.",))
_ROLE_TAIL = rule(
    "core.role_tail", r"\s+(?:in charge of|responsible for|and the)\s.*$",
    why="the summary names a title, not its remit ('Vice Chairman in charge of trade')",
    examples=("Vice Chairman in charge of economic affairs", "Director responsible for exports"),
    counter_examples=("Chairman of the People's Committee",))


def _person_phrase(person: Person | None) -> str | None:
    """'Ambassador X' for a bare title, 'X (Prefect of Y)' for a longer role."""
    if person is None or not person.name:
        return None
    role = _ROLE_TAIL.sub("", (person.role or "").strip())
    if not role:
        return person.name
    role = role[:1].upper() + role[1:]
    if len(role.split()) <= 2:
        return f"{role} {person.name}"
    return f"{person.name} ({role})"


def _lead_phrase(person: Person | None) -> str | None:
    """'Vietnamese Ambassador to France X': the lead reads best with a short title first."""
    if person is None or not person.name:
        return None
    role = (person.role or "").strip()
    if not role:
        return person.name
    return f"{role} {person.name}" if len(role) < 50 else f"{person.name}, {role},"


def _country_name(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def _when(facts: Facts) -> str:
    start, end = facts.visit_start, facts.visit_end
    if start is None:
        partial = facts.visit_start_partial
        if not partial:
            return ""
        month, day = int(partial[2:4]), int(partial[5:7])
        return f" on {dt.date(2000, month, day):%B} {day}"
    text = f" on {start:%B} {start.day}"
    if end and end != start:
        text += f"-{end.day}" if end.month == start.month else f" to {end:%B} {end.day}"
    return text + f", {start.year}"


def _met(counterparts: tuple[Person, ...]) -> str:
    named = [p for p in counterparts if p.name][:3]
    if not named:
        return ""
    return ", meeting " + _join([_person_phrase(p) or "" for p in named])


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

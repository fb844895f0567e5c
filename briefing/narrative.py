"""Sentences in the edition's language, built from the facts through gettext frames.

In: `Facts` (and the run's `NameBook` spellings), a language.  Out: strings: the dates
as a paper of that language writes them, people with their titles in that language's
order, the label of each figure, one line per agreement, and the narrative of a visit
(or of an interview or background item) in one or two short paragraphs.

Every sentence is a whole catalog frame with named placeholders (never fragments glued
together), counts go through ngettext, lists through `join_list` (Babel's `format_list`, with
commas and "as well as" when an item already holds the language's "and"); a frame
is only chosen when each of its placeholders has a value, so no sentence can print an
empty slot or a list of nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

from . import glossary
from .i18n import N_, ntr, tr
from .models import Agreement, Facts, Figure, Person

MAX_BODY_WORDS = 4  # a body's name longer than this is a description (see _proper_name)
MAX_PEOPLE = 5  # named in the narrative; the rest are counted ("and 35 other counterparts")
MIN_HIDDEN = 3  # never "and 1 other counterpart": fewer than this are named instead
FRENCH_CAPITALISED = ("Premier ministre", "Première ministre")
FRENCH_VOWELS = frozenset("aâàeéèêëiîïoôuûùyœæ")  # an article before them is elided (l’)
MAX_FIGURES = 2  # figures quoted in the narrative (the table has them all)
MAX_SECTORS = 4  # named in the narrative
MAX_LINE_SECTORS = 2  # named on an agreement's line

Names = Callable[[str], str]  # a person's name as the edition spells it


# --- dates -----------------------------------------------------------------------------


def day(day: dt.date, lang: str, with_year: bool = True) -> str:
    pattern = tr(lang, "d MMMM y") if with_year else tr(lang, "d MMMM")
    text = format_date(day, pattern, locale=lang)
    if lang == "fr" and day.day == 1:  # French writes the first day of a month "1er"
        text = "1er" + text[1:]
    return text


def _day_number(day: dt.date, lang: str) -> str:
    """The day of the month alone, as `day` writes it ('1er' in French)."""
    return "1er" if lang == "fr" and day.day == 1 else str(day.day)


def date_span(start: dt.date, end: dt.date, lang: str) -> str:
    """'13–16 April 2025', 'ngày 13–16 tháng 4 năm 2025', '13–16 avril 2025'."""
    if start == end or end < start:
        return day(start, lang)
    if (start.year, start.month) == (end.year, end.month):
        month = format_date(start, tr(lang, "MMMM y"), locale=lang)
        first = _day_number(start, lang)
        return tr(lang, "%(first)s–%(last)s %(month)s", first=first, last=str(end.day), month=month)
    return tr(lang, "%(start)s – %(end)s", start=day(start, lang, start.year != end.year),
              end=day(end, lang))


def when_phrase(start: dt.date, end: dt.date | None, lang: str) -> str:
    """The adverbial of time of a sentence: 'from 13 to 16 April 2025', 'le 13 avril 2025'."""
    end = end or start
    if start >= end:
        return tr(lang, "on %(date)s", date=day(start, lang))
    if (start.year, start.month) == (end.year, end.month):
        month = format_date(start, tr(lang, "MMMM y"), locale=lang)
        first = _day_number(start, lang)
        return tr(lang, "from %(first)s to %(last)s %(month)s", first=first, last=str(end.day),
                  month=month)
    return tr(lang, "from %(start)s to %(end)s", start=day(start, lang, start.year != end.year),
              end=day(end, lang))


def published(when: dt.date, lang: str) -> str:
    """'published on 13 April 2025' as the edition's language says it."""
    return tr(lang, "published %(date)s", date=day(when, lang))


# --- people ----------------------------------------------------------------------------


def role_label(person: Person, lang: str) -> str | None:
    """The official title in `lang` from the glossary, agreeing with the person ("Préfète"
    for a woman); None when the role is not a known title."""
    title = glossary.title_id(person.role)
    return glossary.title_label(title, lang, person.gender) if title else None


def person_phrase(person: Person, lang: str, names: Names, inside: bool = False,
                  in_sentence: bool = False) -> str | None:
    """'Anne Martin (mayor)' / 'Thị trưởng Anne Martin' / 'Anne Martin (maire)'.

    Names and bodies are printed as the article spells them; a title goes through the
    glossary, or is left out when the glossary does not know it.  `inside`: the phrase
    stands in brackets already, so the title follows after a comma, not in brackets.
    `in_sentence`: the phrase is part of a French sentence, where the title comes first
    with its article, as a French paper writes it ('la maire Anne Martin').
    """
    role = role_label(person, lang)
    body = person.organisation if _proper_name(person.organisation) else None
    if person.name:
        name = names(person.name)
        if role and in_sentence and lang == "fr" and not inside:
            titled = f"{french_article(running(role, lang), person.gender)} {name}"
            return f"{titled} ({body})" if body and glossary.fold(body) not in glossary.fold(name) else titled
        if role and inside:
            return tr(lang, "%(name)s, %(role)s", name=name, role=running(role, lang))
        if role and body and glossary.fold(body) not in glossary.fold(name):
            return tr(lang, "%(name)s (%(role)s, %(body)s)", name=name,
                      role=running(role, lang), body=body)
        if role:
            return tr(lang, "%(name)s (%(role)s)", name=name, role=running(role, lang))
        if body and inside:
            return tr(lang, "%(name)s, %(body)s", name=name, body=body)
        if body:
            return tr(lang, "%(name)s (%(body)s)", name=name, body=body)
        return name
    if body:
        return body
    return running(role, lang) if role else None


def french_article(title: str, gender: str) -> str:
    """'ambassadeur' -> 'l’ambassadeur', 'préfète' -> 'la préfète', 'maire' of a woman -> 'la
    maire'; no h-aspiré title is in the table, so a vowel alone calls for the elision."""
    if title[:1].casefold() in FRENCH_VOWELS:
        return f"l’{title}"
    feminine = gender == "female" or glossary.is_feminine_title(title, "fr")
    return f"{'la' if feminine else 'le'} {title}"


def sentence_start(text: str) -> str:
    """A sentence begins with a capital even when a title does ('L’ambassadeur X a...')."""
    return text[:1].upper() + text[1:]


def _proper_name(body: str | None) -> bool:
    """True for a body's proper name ('CCI Bretagne', 'Saint-Malo'), printed as written.

    A longer phrase or one with lower-case words ('Party Committee and Governor of X
    province') is an English description, not a name: it has no place in a sentence of
    another language, and the glossary has no label for it.
    """
    if not body or "," in body or "(" in body:  # 'Committee (PPC)': no brackets in brackets
        return False
    words = body.split()
    return len(words) <= MAX_BODY_WORDS and all(not w[:1].islower() for w in words)


def people_phrase(persons: Sequence[Person], lang: str, names: Names,
                  limit: int = MAX_PEOPLE, inside: bool = False, in_sentence: bool = False) -> str | None:
    """A list of people and bodies: 'A, B and C'; `MIN_HIDDEN` or more past `limit`:
    'A, B, C and 37 other counterparts'."""
    phrases = list(dict.fromkeys(p for person in persons
                                 if (p := person_phrase(person, lang, names, inside, in_sentence))))
    if not phrases:
        return None
    if len(phrases) >= limit + MIN_HIDDEN:
        # The items left out may be people or bodies ("Airbus"), so the count names neither.
        rest = len(phrases) - limit
        others = ntr(lang, "%(count)d other counterpart", "%(count)d other counterparts", rest,
                     count=rest)
        phrases = [*phrases[:limit], others]
    return join_list(phrases, lang)


def running(label: str, lang: str) -> str:
    """A glossary label inside a sentence: 'Giáo dục' -> 'giáo dục', 'Préfet' -> 'préfet'.

    Vietnamese titles keep their capital before a name ('Đại sứ Nguyễn Văn A'), as
    Vietnamese papers write them; names of peoples keep theirs in English.
    """
    if lang == "vi" and glossary.is_title(label, lang):
        return label
    if lang == "en" and glossary.is_title(label, lang):
        # 'Vice Chairman of the People's Committee' -> 'vice chairman of the People's
        # Committee': every word of the title itself, not the body it heads
        head, of, body = label.partition(" of ")
        return " ".join(w if w.isupper() else w.lower() for w in head.split()) + of + body
    if lang == "fr" and label.startswith(FRENCH_CAPITALISED):
        return label  # French usage: 'le Premier ministre', the one title that keeps its capital
    first = label.split(" ", 1)[0]
    if first[:1].isupper() and (first[1:2].isupper() or first.startswith(("Vietnam", "Việt"))):
        return label  # an acronym ('CEO'), a people ('Vietnamese community')
    return label[:1].lower() + label[1:]


def join_list(items: Sequence[str], lang: str) -> str:
    """'A, B and C' as the language writes it, except when an item already holds that
    language's "and" ('giáo dục và đào tạo và giáo dục đại học' reads as one item or two
    or three): then commas, and the catalog's "as well as" before the last item."""
    items = list(items)
    conjunction = _and_word(lang)
    if len(items) < 2 or not any(f" {conjunction} " in f" {item} " for item in items):
        return format_list(items, locale=lang)
    text = tr(lang, "%(items)s as well as %(last)s", items=", ".join(items[:-1]), last=items[-1])
    # French elides "que" before a vowel ("ainsi qu'éducation"); the catalog cannot know.
    return _ELIDE_QUE.sub("qu’", text) if lang == "fr" else text


@functools.cache  # asked by every join_list; depends on the language alone
def _and_word(lang: str) -> str:
    """The word Babel puts between the last two items ('và', 'et', 'and')."""
    return format_list(["\x00", "\x01"], locale=lang).split("\x00", 1)[1].split("\x01")[0].strip()


_ELIDE_QUE = re.compile(r"\bque (?=[aeiouyàâéèêëîïôûAEIOUYÀÂÉÈÊÎÔÛ])")


# --- figures ---------------------------------------------------------------------------


def country_name(code: str | None, lang: str) -> str | None:
    """The country's name in `lang` from Babel (CLDR), or None."""
    if not code:
        return None
    return Locale.parse(lang).territories.get(code.upper())


def figure_label(figure: Figure, lang: str) -> str:
    """'Trade turnover (Vietnam–France) in 2024': the kind's label, its parties and year."""
    label = glossary.label("figure_kinds", figure.kind or "other", lang) or \
        glossary.label("figure_kinds", "other", lang) or ""
    names = [n for code in figure.parties if (n := country_name(code, lang))]
    parties = "–".join(names) if len(names) > 1 else None
    year = str(figure.year) if figure.year else None
    if parties and year:
        return tr(lang, "%(label)s (%(parties)s) in %(year)s", label=label, parties=parties,
                  year=year)
    if parties:
        return tr(lang, "%(label)s (%(parties)s)", label=label, parties=parties)
    if year:
        return tr(lang, "%(label)s in %(year)s", label=label, year=year)
    return label


# --- agreements ------------------------------------------------------------------------

KIND_IDS = ("signed", "agreed", "proposed", "planned", "discussed")


def action_label(agreement: Agreement, lang: str) -> str:
    return glossary.label("agreement_actions", agreement.action or "closer_cooperation", lang) or ""


def parties_of(agreement: Agreement, facts: Facts) -> list[Person]:
    """The people of the visit whom the agreement's sentence names (by surname or full name)."""
    sentence = sentence_of(facts, agreement.sentence, agreement.text)
    people = [p for p in (facts.lead_official, *facts.counterparts) if p and p.name]
    return [p for p in people if p.name and _named_in(p.name, sentence)]


def sentence_of(facts: Facts, index: int, fallback: str) -> str:
    """The article's sentence number `index`, or `fallback` when the facts do not hold it."""
    return facts.sentences[index] if 0 <= index < len(facts.sentences) else fallback


def _named_in(name: str, text: str) -> bool:
    folded = glossary.fold(text)
    words = glossary.fold(name).split()
    return glossary.fold(name) in folded or (len(words) > 1 and len(words[-1]) > 3
                                             and f" {words[-1]} " in f" {folded} ")


def agreement_line(agreement: Agreement, facts: Facts, lang: str, names: Names) -> str:
    """'Proposed: a twinning link (Anne Martin (mayor))', in the edition's language."""
    kind = glossary.label("agreement_kinds", agreement.kind, lang) or agreement.kind
    values = {"kind": kind, "action": action_label(agreement, lang)}
    labels = [running(label, lang) for s in agreement.sectors[:MAX_LINE_SECTORS]
              if (label := glossary.label("sectors", s, lang))]
    parties = people_phrase(parties_of(agreement, facts), lang, names, limit=2, inside=True)
    if labels and parties:
        return tr(lang, "%(kind)s: %(action)s, in %(sectors)s (%(parties)s)", **values,
                  sectors=join_list(labels, lang), parties=parties)
    if labels:
        return tr(lang, "%(kind)s: %(action)s, in %(sectors)s", **values,
                  sectors=join_list(labels, lang))
    if parties:
        return tr(lang, "%(kind)s: %(action)s (%(parties)s)", **values, parties=parties)
    return tr(lang, "%(kind)s: %(action)s", **values)


# One sentence per kind in the narrative; the actions are listed in it.
_KIND_SENTENCES = {
    "signed": N_("The two sides signed %(actions)s."),
    "agreed": N_("The two sides agreed on %(actions)s."),
    "proposed": N_("Proposals were made for %(actions)s."),
    "planned": N_("Planned next: %(actions)s."),
    "discussed": N_("The talks also touched on %(actions)s."),
}


def agreement_sentences(agreements: Sequence[Agreement], lang: str) -> list[str]:
    sentences = []
    for kind in KIND_IDS:
        labels = list(dict.fromkeys(action_label(a, lang) for a in agreements if a.kind == kind))
        if labels:
            sentences.append(tr(lang, _KIND_SENTENCES[kind], actions=join_list(labels, lang)))
    return sentences


# --- the narrative ---------------------------------------------------------------------


def where_phrase(facts: Facts, lang: str) -> str | None:
    """'Caen and Rouen (France)': the places visited, the country after them."""
    cities = [glossary.place(c, lang) for c in facts.cities]
    region = glossary.place(facts.region, lang) if facts.region else None
    main = list(dict.fromkeys(cities or ([region] if region else [])))
    country = country_name(facts.host_country, lang)
    if not main:
        return country
    places = join_list(main, lang)
    if country and country not in main:
        return tr(lang, "%(places)s (%(country)s)", places=places, country=country)
    return places


def _opening(facts: Facts, lang: str, names: Names) -> str:
    lead = (person_phrase(facts.lead_official, lang, names, in_sentence=True)
            if facts.lead_official else None)
    when = when_phrase(facts.visit_start, facts.visit_end, lang) if facts.visit_start else None
    if lead and when:
        return sentence_start(tr(lang, "%(lead)s led a delegation on a working visit %(when)s.",
                                 lead=lead, when=when))
    if lead:
        return sentence_start(tr(lang, "%(lead)s led a delegation on a working visit.", lead=lead))
    if when:
        return tr(lang, "A delegation paid a working visit %(when)s.", when=when)
    return tr(lang, "A delegation paid a working visit.")


def _themes(facts: Facts, lang: str) -> str | None:
    labels = [running(label, lang) for s in facts.sectors[:MAX_SECTORS]
              if (label := glossary.label("sectors", s, lang))]
    return join_list(labels, lang) if labels else None


def visit_paragraphs(facts: Facts, lang: str, names: Names, figures: Sequence[tuple[str, str]],
                     agreements: Sequence[Agreement]) -> tuple[str, ...]:
    """Who led which delegation, where and when, whom they met; then sectors, figures, outcomes.

    `figures` are (value, label) pairs already formatted, the most telling first.
    """
    first = [_opening(facts, lang, names)]
    if where := where_phrase(facts, lang):
        first.append(tr(lang, "The delegation visited %(places)s.", places=where))
    if met := people_phrase(facts.counterparts, lang, names, in_sentence=True):
        first.append(tr(lang, "It held talks with %(people)s.", people=met))
    second = []
    if themes := _themes(facts, lang):
        second.append(tr(lang, "The talks covered %(sectors)s.", sectors=themes))
    if figures:
        cited = [_cited(value, label, lang) for value, label in figures[:MAX_FIGURES]]
        second.append(ntr(lang, "The figure cited: %(figures)s.", "Figures cited: %(figures)s.",
                          len(cited), figures=join_list(cited, lang)))
    second += agreement_sentences(agreements, lang)
    return tuple(" ".join(p) for p in (first, second) if p)


def _cited(value: str, label: str, lang: str) -> str:
    """'5,4 tỷ USD (kim ngạch thương mại)'; '20 doanh nghiệp' alone when the unit says it all."""
    label = running(label, lang)
    if label.casefold() in value.casefold():
        return value
    return tr(lang, "%(value)s (%(label)s)", value=value, label=label)


def background_paragraphs(facts: Facts, lang: str, names: Names,
                          agreements: Sequence[Agreement] = ()) -> tuple[str, ...]:
    """Who spoke, on what occasion, on which themes (an interview); what a background item
    covers; then what it records as signed, agreed, proposed or planned."""
    speaker = (person_phrase(facts.lead_official, lang, names, in_sentence=True)
               if facts.lead_official else None)
    date = day(facts.publication_date, lang) if facts.publication_date else None
    themes = _themes(facts, lang)
    sentences = []
    if facts.kind == "interview" and speaker:
        if date:
            sentences.append(tr(lang, "In an interview published on %(date)s, %(speaker)s spoke "
                                      "to the press.", date=date, speaker=speaker))
        else:
            sentences.append(sentence_start(tr(lang, "%(speaker)s gave an interview to the press.",
                                               speaker=speaker)))
        if facts.visit_start:
            when = when_phrase(facts.visit_start, facts.visit_end, lang)
            sentences.append(tr(lang, "The occasion is a visit planned %(when)s.", when=when))
        if themes:
            sentences.append(tr(lang, "The themes raised: %(themes)s.", themes=themes))
    elif themes:
        if date:
            sentences.append(tr(lang, "This article, published on %(date)s, deals with %(themes)s.",
                                date=date, themes=themes))
        else:
            sentences.append(tr(lang, "This article deals with %(themes)s.", themes=themes))
    elif date:
        sentences.append(tr(lang, "This article was published on %(date)s.", date=date))
    sentences += agreement_sentences(agreements, lang)
    return (" ".join(sentences),) if sentences else ()

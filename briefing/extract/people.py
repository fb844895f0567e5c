"""People in a visit article: who led the visiting side and whom they met.

In: the article's sentences.  Out: `Person` records (name exactly as spelled, role,
organisation, sentence index), the lead official and the host-side counterparts.
Patterns of the genre: "X, Prefect of Y" (apposition), "Mayor X" / "Governor of Y X" /
"Vietnamese Ambassador to France X" (title before the name), "led by Ambassador X",
"Mr. X", "met with X".  Names are compared through `name_key` (diacritics folded), so
"Nguyễn Văn An" and "Nguyen Van An" are the same person.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from ..models import Person
from ..vocabulary import title_id, title_surface_forms
from . import lexicon, places
from .rules import rule
from .weights import WEIGHTS

# "MacLachlan", "McKenzie", "LeBlanc": one inner capital after a short prefix
_TOK = (r"\p{Lu}[\p{Ll}\p{M}]*(?:(?<=\b(?:Mac|Mc|Le|La|De|Di|Du|Van))\p{Lu}[\p{Ll}\p{M}]+)?"
        r"(?:[-'’]\p{L}[\p{Ll}\p{M}]*)*(?![\p{L}\p{M}\d])")
_PARTICLE = r"(?:de|du|des|von|van|der|den|di|da|del|della|le|la|bin|al|i)"  # "i": Catalan
# "Marie C. Dupont": a middle initial
_NAME = rf"{_TOK}(?:\s+\p{{Lu}}\.(?=\s+\p{{Lu}}))?(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_TOK}){{0,4}}"
_TITLES = "|".join(regex.escape(t).replace(r"\ ", r"\s+") for t in title_surface_forms())
_NATS = "|".join(regex.escape(n) for n in sorted(places.NATIONALITIES, key=len, reverse=True))
_ACRONYM = r"\((?=[^)]*\p{Lu}[^)]*\p{Lu})\p{L}{2,6}\)(?:['’]s)?"  # "(FIT)", "(RoK)'s"
# ("Parliamentarians’ Group": a plural possessive inside a body's name)
_RTOK = (rf"(?:{_TOK}(?:(?<=s)['’](?=\s+\p{{Lu}}))?|[A-Z]{{2,}}(?![\p{{L}}])|{_ACRONYM}|"
         r"(?:region|province|city|department|county|"
         r"prefecture|canton|district|town|government|"
         r"provincial|municipal|regional|state|People['’]s)(?![\p{L}]))")
# "Minister for Family, Labour and Social Affairs": a comma inside a name that lists
# fields, allowed only where the list goes on to "and".
_COMMA_LIST = rf",\s+(?=(?:{_RTOK}[\s,]+){{1,8}}and\s+\p{{Lu}})"
_RUN = (rf"{_RTOK}(?:(?:\s+(?:(?:of|de|du|des|for|and|the|la|le|et|für|di|della|in|van|von|i|"
        rf"den|der|&)\s+){{0,2}}|\s+[–-]\s+|{_COMMA_LIST})(?:d['’])?{_RTOK})*")

# Anchored at each title keyword the fast `_ANY_TITLE` finds (scanning whole sentences
# with these patterns was the extractor's main cost).
_APPOS_PRE = rule(
    "people.apposition_before_title",
    rf"(?<![\p{{L}}\p{{M}}'’-])(?P<name>{_TOK}(?:\s+(?:{_PARTICLE}\s+)?{_TOK}){{1,4}})\s*,\s*"
    rf"(?:who\s+is\s+)?(?:also\s+)?(?:(?:the|a|an)\s+)?"
    rf"(?P<pre>(?:(?:{_NATS})\s+)?(?:[\p{{L}}'’-]+(?:\s+|(?<=Vice|Deputy)-)){{0,2}}?)\Z",
    why=("a name set off by a comma just before a title names the holder of that title ('X Y, "
         "Prefect of Z')"),
    examples=("The talks were attended by Anna Weber, ", "Jan Novak, the French "),
    counter_examples=("the talks were long, ",),
)
# "Mr. X Y - Vice Chairman of the Provincial People's Committee": provincial portals set the
# title off with a dash where agencies write a comma.
_DASH_APPOS_PRE = rule(
    "people.dash_apposition",
    # only after an honorific ("Mr." is blanked before titles are read, hence the spaces):
    # "Hanoi Times - Vietnam's Ambassador X visited" is a dateline, not an apposition
    rf"(?:(?<=\b(?i:comrades?|Mr|Mrs|Ms|Madam|Mme|Dr)\.?\s)|(?<=\s\s\s\s))"
    rf"(?P<name>{_TOK}(?:\s+{_TOK}){{1,5}})\s+[-–]\s+"
    rf"(?P<pre>(?:[\p{{L}}'’-]+\s+){{0,2}}?)\Z",
    why="a name, a spaced dash, then a title: the title is that person's, as after a comma",
    examples=("received by Mr. Tran Van Binh - ", "led by comrade Le Quang Hai - Deputy ",
              "led by     Le Quang Hai - "),
    counter_examples=("relations between Vietnam - ", "the Vietnam - Laos ", "Hanoi Times - "),
)
# With no closing comma (after a dash, or a comma the translation never closes), a title
# runs into the sentence's verb: it ends there.
_ROLE_END_AT_VERB = rule(
    "people.role_end_at_verb",
    r"\s+(?:and\s+)?(?:(?:had|has|have|was|were|is|are|will|would|along|together|met|held|"
    r"paid|led|made|gave|took|told|said|sent|spoke|saw|went|came|offered|visits|works)\b|"
    r"\p{Ll}+ed\b)",
    why="'X - Deputy Mayor of Y city had the meeting with ...', 'Mr. X, Director of Y came to "
        "know ...': the title stops at the verb",
    examples=(" had the meeting with", " and attended by the leaders", " introduced the city"),
    counter_examples=(" of the Provincial People's Committee", " of Y city"),
)
# "X, led by Vice Chairman Y": the title belongs to someone else, not to X.
_CLAUSE_PRE = rule(
    "people.clause_before_title",
    r"\b(?:by|par|with|and|to|of|in|met|meets|received|welcomed|visited|"
    r"thanked|told)\s*\Z",
    flags=regex.IGNORECASE,
    why=("a verb or preposition before the title's words means the title belongs to someone else "
         "('X, led by Vice Chairman Y')"),
    examples=("The group, led by", "Anna Weber met"),
    counter_examples=("Anna Weber, the",),
)
_ROLE_REST = rule(
    "people.role_rest",
    r"[^,;:()—–\"“”]*",
    why="an apposition's role runs on to the next comma, bracket or quotation mark",
    examples=("of the Varnland region, said",),
)
_CAP_WORDS = r"\p{Lu}[\p{L}\p{M}-]*(?:\s+\p{Lu}[\p{L}\p{M}-]*){0,3}"
# "..., Minister for Economic Affairs, Industry, Climate Action and Energy": fields listed
_ROLE_LIST = rule(
    "people.role_fields_listed",
    rf"(?:,\s+{_CAP_WORDS})+,?\s+and\s+{_CAP_WORDS}(?![\p{{L}}\p{{M}}])",
    why=("a minister's portfolio may list fields with commas before 'and' ('..., Industry, "
         "Climate Action and Energy')"),
    examples=(", Industry, Climate Action and Energy",),
    counter_examples=(", who said the talks went well",),
)
# "Governor (hejtman) of X Y": a gloss in brackets; "Vice-Rector Prof. X Y": an honorific.
_GLOSS = r"(?:\s+\([\p{L}\p{M} ]{2,30}\))?"
_AFTER_TITLE = rule(
    "people.after_title",
    rf"{_GLOSS}(?:\s+Việt\s+Nam)?\s+(?P<prep>of|to|for|in|at|du|de|des|tại|của)\s+"
    rf"(?:(?:the|la|le|l['’])\s*)?"
    # "Consul General to southern Laos X Y": a post for part of a country
    rf"(?:(?:northern|southern|eastern|western|central)\s+)?"
    rf"(?P<run>{_RUN}(?:\s+to\s+(?:the\s+)?{_RUN})?)"
    # "Vice President in charge of economic development X Y"
    rf"|(?:\s+in\s+charge\s+of(?:\s+[\p{{Ll}}-]+){{1,8}}?(?=\s+\p{{Lu}}))?\s+(?P<name>{_NAME})",
    why=("after a title comes the office's body ('of Varnland Province') and then the name, or "
         "the name at once ('Mayor Anna Weber')"),
    examples=("Governor of Varnland Province Anna Weber", "Mayor Jan Novak"),
    counter_examples=("said the mayor of the bakery",),
)
_AFTER_TITLE_COMMA = rule(
    "people.after_title_comma",
    rf"(?:\s+(?:of|to|in|for|du|de|des|en|au|aux)(?:\s+(?:the|la|le|l['’]))?\s*[^,;:()]{{1,60}}?)?"
    rf"\s*,\s+(?P<name>{_NAME})\s*(?:,|(?=\.(?:\s|$))|$)",
    why=("a title followed by a comma and a name names its holder ('the Governor of Varnland, "
         "Anna Weber,')"),
    examples=(" of Varnland, Anna Weber, said",),
    counter_examples=(" of Varnland said",),
)
_NAT_BEFORE = rule(
    "people.nationality_before_title",
    rf"(?:{_NATS})\s+\Z",
    why=("a nationality adjective just before a title is part of the title ('Vietnamese "
         "Ambassador')"),
    examples=("the Vietnamese ",),
    counter_examples=("the new ",),
)
_HONORIFIC = rule(
    "people.honorific_name",
    rf"(?:\b(?:H\.E\.?|(?:His|Her) Excellency)\s+)?"
    rf"\b(?:(?:Mr|Mrs|Ms|Dr|Prof|Madam|Mme|M|Assoc)\.?\s+)+(?P<name>{_NAME})"
    rf"|\b(?:H\.E\.?|(?:His|Her) Excellency)\s+(?P<name>{_NAME})",
    why="an honorific ('Mr.', 'Dr.', 'H.E.') is followed by a person's name",
    examples=("talks with Mr. Jan Novak", "H.E. Anna Weber arrived"),
    counter_examples=("Mr. and Mrs. said",),
)
_MET = rule(
    "people.met_name",
    rf"\b(?:met|met with|meeting with|^Meeting|talks with|received by|hosted by|"
    rf"welcomed by|session with|worked with|rencontré|reçu par)\s+"
    # "had a working session with comrade X": the translated Vietnamese honorific
    rf"(?:comrades?\s+)?(?P<name>{_NAME})",
    why="the object of 'met', 'talks with', 'received by' is a person the visitors met",
    examples=("The delegation met with Anna Weber", "held talks with Jan Novak"),
    counter_examples=("The delegation met in the morning",),
)
_LED_BEFORE = rule(
    "people.led_by_before",
    r"\b(?:led|headed|chaired|conduite|dirigée|conduit|dirigé)\s+(?:by|par)\s+"
    r"(?:the\s+|its\s+|their\s+|l['’])?(?:comrades?\s+)?$",
    flags=regex.IGNORECASE,
    why="the name after 'led by' / 'headed by' (and 'comrade', as party portals write) heads "
        "the delegation",
    examples=("a delegation led by ", "a mission headed by the ", "a delegation led by comrade "),
    counter_examples=("a delegation from ",),
)
# "X led a delegation to ...": X heads the visiting side, however long the title before.
_LEADS_AFTER = rule(
    "people.leads_delegation_after",
    r"\s*(?:,[^,]{0,80},\s*)?(?:led|headed)\s+(?:a|an|the|his|her)\s+"
    r"(?:[\p{L}'’-]+\s+){0,4}?(?:delegation|mission)\b",
    why="a name followed by 'led a delegation' heads the visiting side",
    examples=(
        " led a delegation to Varnland",
        ", the governor of Varnland, headed a trade mission",
    ),
    counter_examples=(" met the delegation",),
)
_LEADS_SUBJECT = rule(
    "people.leads_delegation_subject",
    rf"(?<![\p{{L}}\p{{M}}'’-])(?P<name>{_TOK}(?:\s+{_TOK}){{1,3}})"
    rf"(?={_LEADS_AFTER.pattern.pattern})",
    why="the name before 'led a delegation', however long the title before it",
    examples=("Governor of Varnland Anna Weber led a delegation to the region",),
    counter_examples=("The governor led a delegation",),
)
_VISIT_BY = rule(
    "people.visit_by_before",
    r"\bvisits?\b[^.]{0,60}\bby\s+[^.]{0,40}$",
    flags=regex.IGNORECASE,
    why=("'a visit to X by President Y': a person named as the author of another visit is only "
         "mentioned"),
    examples=("ahead of the state visit to Varnland by ",),
    counter_examples=("the delegation visited the port ",),
)
_HOSTING_AFTER = rule(
    "people.hosting_after",
    r"^\s*(?:,[^,]{0,60},\s*)?(?:on [^.]{0,25}?\s)?"
    r"(?:(?:received|welcomed|hosted|greeted|receives|welcomes|hosts|"
    r"a reçu|a accueilli|đã tiếp)\b"
    # "X briefed the delegation on ...": the host side informs
    r"|(?:briefed|showed|guided)\s+(?:the\s+)?(?:delegation|guests|"
    r"visitors|ambassador|him|her|them)\b)",
    why="the subject of 'received', 'welcomed', 'hosted' is the host side",
    examples=(
        " received the delegation",
        ", the governor of Varnland, welcomed the guests",
        " briefed the delegation on",
    ),
    counter_examples=(" was received by the governor",),
)
# "X was received by Y": X is the guest, Y the host.
_PASSIVE_AFTER = rule(
    "people.received_by_after",
    r"^\s*(?:,[^,]{0,60},\s*)?(?:was|were|has been|had been)\s+"
    r"(?:\w+ly\s+)?(?:received|welcomed|hosted|greeted)\s+by\b",
    why="'X was received by Y': X is the guest",
    examples=(" was received by the governor", " was warmly welcomed by"),
    counter_examples=(" received the delegation",),
)
_PASSIVE_BEFORE = rule(
    "people.received_by_before",
    r"\b(?:received|welcomed|hosted|greeted|reçue?s? par)\s+by\s+"
    r"(?:the\s+)?$|\bat the invitation of\s+(?:the\s+)?$|"
    # "Hosting a reception for the Vietnamese ambassador, Deputy Mayor
    # of X Y Z emphasised ...": the clause opening names the host's act
    r"^(?i:(?:while\s+|when\s+)?(?:hosting|receiving|welcoming|greeting)\b|"
    r"during\s+(?:his|her|their|the)\s+reception\s+for\b)[^.;]{0,100},\s*$",
    why=("'received by X', 'at the invitation of X', or a clause opening with the host's act "
         "('Hosting a reception for ...,') names the host"),
    examples=(
        "The delegation was received by ",
        "at the invitation of the ",
        "Hosting a reception for the visiting ambassador, ",
    ),
    counter_examples=("The delegation was led by ",),
)
# The host side's acts written before the name, in forms _PASSIVE_BEFORE does not cover.
_HOST_ACT_BEFORE = rule(
    "people.host_act_before",
    r"\b(?:meeting|session|talks|reception|discussion)\s+(?:was|were)\s+(?:co-)?chaired\s+by\s+"
    r"(?:the\s+)?\Z|\b(?:received|welcomed|hosted)\s+and\s+(?:worked|met|talked)\s+with\s+by\s+"
    r"(?:the\s+)?\Z",
    why="a meeting is chaired by its host (a delegation 'chaired by' X is X's, the meeting is "
        "not); 'received and worked with by X' names the host as 'received by X' does",
    examples=("The meeting was chaired by ", "The working session was co-chaired by ",
              "They were received and worked with by "),
    counter_examples=("The delegation chaired by ", "a delegation led by ",
                      "The meeting was attended by "),
)
# "Receiving the delegation, there were comrades: A, title; B, title; C, title": a sentence
# that opens with the host's act lists the host side, however long the list.
_RECEIVING_OPENING = rule(
    "people.receiving_opening",
    r"^(?:Receiving|Welcoming)(?:\s+and\s+working\s+with)?\s+(?:the\s+)?"
    r"(?:\w+\s+){0,2}?(?:delegation|guests|visitors|delegates)\b",
    why="every person a sentence names after 'Receiving the delegation, ...' is on the host side",
    examples=("Receiving the delegation, there were comrades: ",
              "Receiving and working with the delegation were ",
              "Welcoming the Lao delegation, Chairman X said"),
    counter_examples=("The delegation was received by ", "After receiving the delegation, "),
)
# "X - Chairman of Y, and the working delegation offered incense": X with the delegation he heads.
_WITH_DELEGATION_AFTER = rule(
    "people.with_delegation_after",
    r"(?P<between>[^.;]{0,160}?),?\s+(?:and|along with|together with)\s+(?:the|his|her)\s+"
    r"(?:working\s+)?delegation\b",
    why="a person named with 'and the (working) delegation' before any verb heads that delegation",
    examples=(" - Chairman of the provincial People's Committee, and the working delegation",
              " and his delegation arrived", ", along with the delegation members visits"),
    counter_examples=(" received the ambassador", " and the ambassador met"),
)
# "The delegation, which included X", "accompanied by X": a member of the visiting side.
_MEMBER_BEFORE = rule(
    "people.delegation_member_before",
    r"\b(?:included|including|accompanied by|together with|joined by|"
    r"(?i:accompanying) (?:the|him|her|them|\p{Lu}[\w-]*)(?: [\w-]+){0,3} (?:were|was)|"
    r"alongside|members? of the delegation"
    r"(?: such as| were| was)?)\s+(?:the\s+)?"
    # a list of members runs on until a verb ends it ("..., met X")
    r"(?:(?!(?:met|held|visited|worked|toured|received|signed|said|and met)\b)"
    r"[\p{L}'’,;-]+\s+){0,20}?\Z",
    why=("a name after 'included', 'accompanied by', 'members of the delegation' travels with the "
         "lead"),
    examples=("The delegation included ", "He was accompanied by the "),
    counter_examples=("The delegation met ",),
)
# "X accompanied Y on a working visit": Y leads, X travels with Y.
_ACCOMPANIED_BEFORE = rule(
    "people.accompanied_before",
    r"\baccompanied\s+(?:the\s+)?\Z",
    why="'X accompanied Y': Y leads the visit",
    examples=("Anna Weber accompanied ",),
    counter_examples=("Anna Weber was accompanied by ",),
)
_ACCOMPANIES_AFTER = rule(
    "people.accompanies_after",
    r"\s*(?:,[^,]{0,60},\s*)?accompanied\s+"
    # a host "accompanied the guests"; visitors accompany "him"
    rf"(?!by\b|the (?:guests|visitors|(?:{_NATS}) delegation)\b)"
    # "X, head of Y's office, who accompanied the consul general"
    r"|,[^.;]{0,160}?\bwho (?:also )?accompanied\s+"
    rf"(?!by\b|the (?:guests|visitors|(?:{_NATS}) delegation)\b)"
    # "X, who joined the visit, said": one of the travellers
    r"|,[^.;]{0,80}?\bwho (?:also )?joined the (?:visit|delegation|trip|tour)\b",
    why="a name followed by 'accompanied him', 'who joined the visit' is one of the travellers",
    examples=(
        " accompanied him on the trip",
        ", head of the office, who accompanied the consul general",
        ", who joined the visit, said",
    ),
    counter_examples=(" accompanied the guests", " accompanied by the mayor"),
)
_GUEST_BEFORE = rule(
    "people.received_before",
    r"\b(?:received|welcomed|hosted|greeted|receiving|welcoming|reçu|"
    r"accueilli)\s+(?:the\s+)?$|^Meeting\s+$",
    why="the object of 'received', 'welcomed', 'hosted' is the visiting side",
    examples=("The governor received ", "Meeting "),
    counter_examples=("The governor met ",),
)
_ACTION_AFTER = rule(
    "people.visit_verb_after",
    r"^[^.]{0,80}?\b(visited|paid|led|made|arrived|toured|travelled|"
    r"traveled|held|had (?:a |an )?(?:working|talks|meeting)|worked|met|"
    r"a effectué|s'est rendue?|a visité|"
    r"a rencontré|a conduit|a dirigé|đã thăm|dẫn đầu)\b",
    flags=regex.IGNORECASE,
    why=("a name followed by a visit verb ('visited', 'led', 'held talks') is an actor of the "
         "visit"),
    examples=(" visited the port of Kelport", " had a working session with"),
    counter_examples=(" said that trade grew",),
)

_ORG_HEADS = lexicon.words("org_heads")
_NOT_NAME = lexicon.words("not_name")
_VN_SURNAMES = lexicon.words("vn_surnames")
_HEAD_OF_STATE = rule(
    "people.head_of_state",
    r"\b(?:president|prime minister|general secretary|chancellor|king)\b",
    flags=regex.IGNORECASE,
    why="a president, prime minister, chancellor or king heads a state",
    examples=("President of Varnland", "the Prime Minister"),
    counter_examples=("Governor of Varnland",),
)


# How a phrase names a person, best first: 0 the object of "met" (no title), 1 an
# apposition or "Title of Org Name", 2 a bare title ("Mayor X"), 3 a short name ("Ambassador
# Thang") attached to a full one, 4 a name with no title at all.
MET, APPOSITION, BARE_TITLE, SHORT_NAME, UNTITLED = range(5)


@dataclass(frozen=True)
class Mention:
    """One phrase of a sentence naming a person: the name as written, the role and
    organisation the same phrase gives (None when it gives none), its span, its rank."""
    name: str
    role: str | None
    organisation: str | None
    start: int
    end: int
    rank: int
    # the name is fenced on both sides ("comrade X ... Y - Title"): every word is the name,
    # however long (a Lao name of six syllables), even where one is a Vietnamese surname
    fenced: bool = False


@dataclass(frozen=True)
class RoleSeen:
    """A role the article gives a person, with the sentence and the rank of the phrase."""
    text: str
    organisation: str | None
    sentence: int
    rank: int


@dataclass(frozen=True)
class ShortMention:
    """A one-word name ("Ambassador Thang") waiting for the full name it ends."""
    word: str
    role: str | None
    organisation: str | None
    sentence: int
    led: bool
    acted: bool


@dataclass
class _Found:
    """Everything the article says of one person (built up mention by mention)."""
    name: str
    roles: list[RoleSeen] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    passing: list[bool] = field(default_factory=list)
    led: bool = False
    acted: bool = False  # subject of a visit verb
    hosting: bool = False  # subject of "received", "welcomed": the host side
    guest: bool = False  # object of "received", "welcomed": the visiting side
    member: bool = False  # "the delegation included X": travels with the lead
    nationality: str | None = None
    met: bool = False


def name_key(name: str) -> str:
    """Key that is equal for two spellings of one name (diacritics, case, hyphens folded)."""
    words = places.key(name).replace(".", " ").split()
    words = [w for w in words if w not in ("mr", "mrs", "ms", "dr", "prof", "mme")]
    return " ".join(words)


def same_person(a: str | None, b: str | None) -> bool:
    """True when `a` and `b` are spellings of the same person's name."""
    if not a or not b:
        return False
    ka, kb = name_key(a), name_key(b)
    return ka == kb or sorted(ka.split()) == sorted(kb.split()) and len(ka.split()) > 1


# "Fiona X MSP", "John Y OBE": letters after a name are no part of it (blanked, same length)
_POSTNOMINAL = rule(
    "people.postnominal",
    rf"(?<=\p{{L}})\s+(?:{lexicon.alternation('postnominals')})(?![\p{{L}}])",
    why="letters after a name ('MSP', 'OBE', 'PhD') are no part of it",
    examples=("Anna Weber MSP said", "Jan Novak OBE"),
    counter_examples=("the MSPs said",),
)


def find_people(sentences: list[str]) -> list[_Found]:
    """Every named person with the roles the article gives them, in order of first mention."""
    found: dict[str, _Found] = {}
    short: list[ShortMention] = []
    for index, sentence in enumerate(sentences):
        sentence = _POSTNOMINAL.sub(lambda m: " " * len(m.group()), sentence)
        receiving = bool(_RECEIVING_OPENING.match(sentence))
        for mention in _mentions(sentence):
            role, org, start, end, rank = (mention.role, mention.organisation, mention.start,
                                           mention.end, mention.rank)
            words = _fenced_name(mention.name) if mention.fenced else None
            words = words or _clean_name(mention.name)
            if words is None:
                continue
            passing = _is_passing(sentence, start, end)
            heads = _WITH_DELEGATION_AFTER.match(sentence, end)
            led = bool(_LED_BEFORE.search(sentence[:start]) or _LEADS_AFTER.match(sentence, end)
                       or _ACCOMPANIED_BEFORE.search(sentence[:start])
                       or heads and not _ROLE_END_AT_VERB.search(heads.group("between")))
            acted = bool(_ACTION_AFTER.search(sentence[end:]))
            host_act = bool(_HOST_ACT_BEFORE.search(sentence[:start]))
            led = led and not host_act  # "The meeting was chaired by X": X hosts it
            hosting = bool(_HOSTING_AFTER.search(sentence[end:])
                           or _PASSIVE_BEFORE.search(sentence[:start]) or host_act or receiving)
            guest = bool(_GUEST_BEFORE.search(sentence[:start])
                         or _PASSIVE_AFTER.search(sentence[end:]))
            if len(words) == 1:
                short.append(ShortMention(words[0], role, org, index, led, acted))
                continue
            full = " ".join(words)
            entry = found.setdefault(name_key(full), _Found(full))
            _note(entry, role, org, index, rank, passing, led, acted)
            entry.hosting, entry.guest = entry.hosting or hosting, entry.guest or guest
            entry.member = entry.member or bool(_MEMBER_BEFORE.search(sentence[max(0, start - 160):start])
                                                or _ACCOMPANIES_AFTER.match(sentence, end))
    _attach_short(found, short)
    _merge_tails(found)
    _merge_cut_off(found, len(sentences) - 1)
    return sorted(found.values(), key=lambda f: min(f.sentences))


def _merge_cut_off(found: dict[str, _Found], last: int) -> None:
    """A stored copy cut off mid-word ('... said PPC Chairman Pham Anh Tua'): a name seen
    only in the last sentence whose last word begins another name's last word, the other
    words equal, is that person."""
    for key in list(found):
        part = found[key]
        if set(part.sentences) != {last}:
            continue
        *head, tail = key.split()
        whole = [k for k in found if k != key and k.split()[:-1] == head
                 and k.split()[-1].startswith(tail)]
        if head and len(whole) == 1:
            del found[key]
            target = found[whole[0]]
            target.sentences.extend(part.sentences)
            target.passing.extend(part.passing)
            target.roles.extend(part.roles)


def _merge_tails(found: dict[str, _Found]) -> None:
    """'Thi Lan' seen inside 'Tran Thi Lan' is the same person: keep the full name."""
    for key in sorted(found, key=len):
        longer = [k for k in found if k != key and k.endswith(" " + key)]
        if len(longer) == 1:
            part, whole = found.pop(key), found[longer[0]]
            for i, index in enumerate(part.sentences):
                whole.sentences.append(index)
                whole.passing.append(part.passing[i])
            whole.roles.extend(part.roles)
            whole.led, whole.acted = whole.led or part.led, whole.acted or part.acted
            whole.met = whole.met or part.met
            whole.hosting, whole.guest = whole.hosting or part.hosting, whole.guest or part.guest
            whole.nationality = whole.nationality or part.nationality


def _note(entry: _Found, role: str | None, org: str | None, index: int, rank: int,
          passing: bool, led: bool, acted: bool) -> None:
    entry.sentences.append(index)
    entry.passing.append(passing)
    entry.led = entry.led or led
    entry.acted = entry.acted or acted
    entry.met = entry.met or rank == MET
    if role:
        entry.roles.append(RoleSeen(role, org, index, rank))
        entry.nationality = entry.nationality or role_nationality(role)


_OF_COUNTRY = rule(
    "people.diplomat_of_country",
    r"(?i:ambassador(?:\s+extraordinary\s+and\s+plenipotentiary)?|ambassadeur|ambassadrice|"
    r"consul(?:\s+general)?|consul(?:\s+général)?|embassy|ambassade|consulate(?:\s+general)?)\s+"
    r"(?:of|du|de|des|de la|d['’])\s*(?:the\s+)?"
    r"(\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?)",
    why="a diplomat's title names the country it represents ('Ambassador of Varnland')",
    examples=("Ambassador of Germany to Vietnam", "ambassadeur de France"),
    counter_examples=("Governor of Bavaria",),
)


_COUNTRY_FIRST = rule(
    "people.country_before_diplomat",
    r"(\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?)\s+(?i:ambassador|"
    r"consul|deputy ambassador|minister)\b",
    why=("a country written before a diplomat's title is the country represented ('Netherlands "
         "Ambassador')"),
    examples=("Netherlands Ambassador to Vietnam",),
    counter_examples=("Governor of Bavaria",),
)


_NAT_EMBASSY = rule(
    "people.nationality_embassy",
    rf"\b({_NATS})\s+(?:Embassy|Consulate)",
    why="'the Japanese Embassy': the nationality of an embassy's staff",
    examples=("Counsellor at the Japanese Embassy",),
    counter_examples=("Counsellor at the embassy",),
)


_POSSESSIVE_IN_ROLE = rule(
    "people.possessive_in_role",
    r"\b(\p{Lu}[\p{L}\p{M}]+)(?:['’]s\b|['’](?=\s))",
    why="a country's possessive inside a role names the official's country ('President of France's X Council')",
    examples=("President of France's Varnland Council", "the Netherlands' ambassador"),
    counter_examples=("President of the Varnland Council",),
)


def role_nationality(role: str) -> str | None:
    """'Vietnamese Ambassador to France' -> VN; 'ambassadeur du Vietnam en France' -> VN."""
    nat = places.nationality(role.split()[0]) if role.split() else None
    if nat:
        return nat
    embassy = _NAT_EMBASSY.search(role)
    if embassy:
        return places.nationality(embassy.group(1))  # "Counsellor at the Japanese Embassy"
    country = _COUNTRY_FIRST.match(role)
    if country and places.country_of(country.group(1)):
        return places.country_of(country.group(1))  # "Netherlands Ambassador to Vietnam"
    possessive = _POSSESSIVE_IN_ROLE.search(role)
    if possessive and places.country_of(possessive.group(1)):
        return places.country_of(possessive.group(1))  # "President of France's X Council"
    match = _OF_COUNTRY.search(role)
    if match is None and "Việt Nam" in role:
        return "VN"  # "Đại sứ Việt Nam tại Pháp"
    return places.country_of(match.group(1)) if match else None


def _attach_short(found: dict[str, _Found], short: list[ShortMention]) -> None:
    """'Ambassador Thang' refers to the one full name ending in 'Thang'."""
    for m in short:
        key = name_key(m.word)
        owners = [f for k, f in found.items() if k.split()[-1] == key or k.split()[0] == key]
        if len(owners) == 1:
            _note(owners[0], m.role, m.organisation, m.sentence, SHORT_NAME, False, m.led, m.acted)


# Every title word, escaped as written (a space is a space), longest first.
_TITLE_WORDS = "|".join(regex.escape(t) for t in title_surface_forms())
_ANY_TITLE = rule(
    "people.any_title",
    rf"(?<!\w)(?:{_TITLE_WORDS})(?!\w)",
    flags=regex.IGNORECASE,
    why=("every title word of the title table (briefing/data/lexicon/titles.toml): where people "
         "are named"),
    examples=("Governor Anna Weber", "the mayor said", "Ambassador to Varnland"),
    counter_examples=("the delegation arrived",),
)


# "Vice-Rector Prof. X Y", "its director Mr. X Y", "Professor X Y, Rector of Z": an
# honorific between a title and a name, blanked (same length, so offsets hold) for the
# title patterns; the honorific pattern still sees the original sentence.
_HONOUR_MASK = rule(
    "people.honorific_mask",
    r"(?<![\p{L}\p{M}])(?:Mr|Mrs|Ms|Dr|Prof|Professor|Mme|Assoc|Associate)\.?(?=\s+\p{Lu})",
    why=("an honorific between a title and a name ('Vice-Rector Prof. X') is blanked for the "
         "title patterns"),
    examples=("Rector Prof. Anna Weber", "its director Mr. Jan Novak"),
    counter_examples=("Professor of law",),
)


_TITLE_END = rule(
    "people.title_before_honorific",
    r"(?<![\w'’])(?P<t>(?:[a-z]+\s+)?(?:"
    + _TITLE_WORDS + r"))\s*,?\s+$",
    why=("a lower-case title just before an honorific ('economy minister Dr. X') is that person's "
         "title"),
    examples=("whose rector ", "the economy minister, "),
    counter_examples=("the delegation ",),
)


# ", Deputy Vice-Chancellor (Global Engagement),", ", Québec's Minister of X,"
_TITLE_APPOSITION = rule(
    "people.title_apposition_after",
    r",\s+(?P<role>\p{Lu}[^,;()]{2,100}?(?:\s*\([^()]{1,40}\))?)(?:,|\.?\s*$)",
    why=("after an honorific name, a comma and a capitalised phrase is the role ('H.E. X, "
         "Ambassador of Y to Z,')"),
    examples=(", Ambassador of Varnland to Eastland, gave a speech",),
    counter_examples=(", who gave a speech",),
)
_OWNER_TITLE = rule(
    "people.owner_before_title",
    r"(?:\p{Lu}[\p{L}\p{M}-]*\s+){0,2}?\p{Lu}[\p{L}\p{M}-]*['’]s\s+",
    why="a possessive before a title names whose title it is ('Varnland's Minister of Trade')",
    examples=("Varnland's Minister of Trade",),
    counter_examples=("Minister of Trade",),
)


def _mentions(sentence: str) -> Iterator[Mention]:
    """A `Mention` for each way the sentence names a person."""
    yield from _untitled_mentions(sentence)
    yield from _listed_with_country(sentence)
    if _ANY_TITLE.search(sentence):
        yield from _titled_mentions(_HONOUR_MASK.sub(lambda m: " " * len(m.group()), sentence))


# "Three Consul Generals based in X – A B (United States), C D (Australia), and E F (Japan)
# – visited ...": diplomats listed by name, each with the country in brackets
_NAME_COUNTRY = rule(
    "people.name_with_country",
    rf"(?<![\p{{L}}\p{{M}}])(?P<name>{_TOK}(?:\s+{_TOK}){{1,3}})\s+"
    r"\((?P<country>\p{Lu}[\p{L}. ]{1,30})\)",
    why=("diplomats listed by name with their country in brackets ('A B (United States), C D "
         "(Japan)')"),
    examples=("Consuls General Anna Weber (Germany) and Jan Novak (Japan) visited",),
    counter_examples=("Consuls General visited (on Monday)",),
)


_DIPLOMATS_LISTED = rule(
    "people.diplomats_listed",
    r"\b(?:Ambassadors|Consuls? Generals?|Consuls)\b",
    why="a plural diplomat's title opens a list of diplomats named with their countries",
    examples=("Three Consul Generals based in Kelport visited", "the Ambassadors of"),
    counter_examples=("the Ambassador of Germany",),
)


def _listed_with_country(sentence: str) -> Iterator[Mention]:
    head = _DIPLOMATS_LISTED.search(sentence)
    if head is None:
        return
    title = "Ambassador" if head.group(0).startswith("Amb") else "Consul General"
    for m in _NAME_COUNTRY.finditer(sentence, head.end()):
        country = m.group("country").strip()
        if places.country_of(country) is None:
            continue
        yield Mention(m.group("name"), f"{title} of {country}", country, m.start(), m.end(), APPOSITION)


_LOWER_TITLES = "|".join(regex.escape(t).replace(r"\ ", r"\s+") for t in title_surface_forms()
                         if t.isascii() and len(t) > 3)
# "its deputy director X Y", "the chairman X Y", "the company's vice president X Y": a
# lower-case title after a determiner.
# Also after "by", "met", a comma or the start ("led by deputy minister X Y", ", port
# director X Y presented"), with one lower-case word naming the body ("port director").
_DETERMINED_TITLE = rule(
    "people.lower_case_title",
    rf"(?:\b(?:(?i:its|their|the|his|her)|by|met|with|and|where|whose|\p{{Ll}}+['’]s)\s+|(?:^|[,;:(])\s*)"
    rf"(?P<role>(?:(?:(?:standing|permanent|executive|acting|deputy|vice|first|general)\s+){{1,2}}"
    rf"|(?:regional|provincial|municipal|state|city|port|agency|company|club|museum|park|"
    rf"school|centre|center|institute|hospital|project|programme|program)\s+)?"
    rf"(?:{_LOWER_TITLES})(?:\s+(?:for|of)\s+(?!(?:the|a|an|its|their)\s)(?:[\p{{Ll}}-]+\s+){{0,4}}?"
    rf"(?!(?:at|in|of|for|to|with|on|and)\s)[\p{{Ll}}-]+(?=,?\s+\p{{Lu}}))?)"
    rf"(?:\s+of\s+(?:the\s+)?(?P<run>{_RUN})|"
    rf",?\s+(?P<name>{_TOK}(?:\s+(?:{_PARTICLE}\s+)?{_TOK}){{1,4}}))",
    why=("a lower-case title after a determiner or 'by' names a person ('its deputy director X "
         "Y', 'led by deputy minister X Y')"),
    examples=(
        "its deputy director Anna Weber",
        "led by deputy minister Jan Novak",
        "the chairman of the provincial Varnland Committee Anna Weber",
    ),
    counter_examples=("its director said",),
)  # "whose chairman, X Y,"


# _DETERMINED_TITLE tries its openers at every position of a sentence, and most sentences
# hold no lower-case title: it was the slowest pattern of the people.  Every match holds
# one of _LOWER_TITLES, after at most an opener and two modifiers ("by the deputy ..."),
# so each search starts a few words before the next first word of a title, and a sentence
# without one is not searched (`_determined_titles`: the same matches as finditer).
_TITLE_FIRST_WORDS = tuple(sorted({t.split()[0] for t in title_surface_forms()
                                   if t.isascii() and len(t) > 3}))
_WORDS_BEFORE_TITLE = 4  # opener, two modifiers, one to spare


def _determined_titles(text: str) -> Iterator[regex.Match[str]]:
    """What `_DETERMINED_TITLE.finditer(text)` gives, searched only near title words."""
    pos = 0
    while True:
        found = [at for word in _TITLE_FIRST_WORDS if (at := text.find(word, pos)) >= 0]
        if not found:
            return
        m = _DETERMINED_TITLE.search(text, max(pos, _words_back(text, min(found))))
        if m is None:
            return
        yield m
        pos = m.end()


def _words_back(text: str, at: int) -> int:
    """Start of the word `_WORDS_BEFORE_TITLE` words before the one holding `at`."""
    for n in range(_WORDS_BEFORE_TITLE + 1):
        while at > 0 and not text[at - 1].isspace():  # (isspace: a superset of \s)
            at -= 1
        while n < _WORDS_BEFORE_TITLE and at > 0 and text[at - 1].isspace():
            at -= 1
    return at


_SUBJECT = rule(
    "people.one_word_subject",
    r"^(?P<name>\p{Lu}[\p{Ll}\p{M}]+(?:-\p{L}[\p{Ll}\p{M}]*)?)\s+(?:also\s+)?"
    rf"(?:{lexicon.alternation('subject_verbs')})\b",
    why=("a one-word subject of a speech or visit verb ('Weber said') may be the short form of a "
         "full name"),
    examples=("Weber said the talks were useful", "Novak visited the port"),
    counter_examples=("The delegation said",),
)


def title_at(text: str, at: int) -> int | None:
    """End of the title written at `at` in `text` ('Vice President' in 'Vice President in
    charge of ...'), or None."""
    match = _ANY_TITLE.match(text, at)
    return match.end() if match else None


def _untitled_mentions(sentence: str) -> Iterator[Mention]:
    subject = _SUBJECT.match(sentence)
    if subject:  # a single word: kept only when it ends one full name of the article
        yield Mention(subject.group("name"), None, None, 0, subject.end("name"), UNTITLED)
    for m in _determined_titles(_HONOUR_MASK.sub(lambda h: " " * len(h.group()), sentence)):
        if not m.group("role").islower():
            continue
        if m.group("name"):
            yield Mention(m.group("name"), m.group("role"), None, m.start("name"), m.end(), BARE_TITLE)
            continue
        split = _split_run(m.group("run"))  # "vice chairman of the provincial X Committee Y Z"
        if sentence[m.end():m.end() + 1] in ("'", "’"):
            continue  # "chairman of the X Friendship Parliamentarians' League": a body's name
        if split is not None:
            org, name = split
            role = f"{m.group('role')} of the {org}"
            yield Mention(name, role, org, m.start("role"), m.end(), APPOSITION)
    for m in _HONORIFIC.finditer(sentence):
        title = _TITLE_END.search(sentence[max(0, m.start() - 60):m.start()])
        if title is not None and title.group("t").islower():
            # "whose rector Assoc. Prof. Dr. X", "economy minister Dr. X": a lower-case title
            yield Mention(m.group("name"), title.group("t"), None, m.start(), m.end(), BARE_TITLE)
            continue
        after = _TITLE_APPOSITION.match(sentence, m.end())
        owner = _OWNER_TITLE.match(after.group("role")) if after is not None else None
        if after is not None and _ANY_TITLE.match(after.group("role"), owner.end() if owner else 0):
            # "H.E. X, Ambassador Extraordinary and Plenipotentiary of Y to Z, gave ..."
            title_role: str = after.group("role")
            yield Mention(m.group("name"), title_role, _org_of(title_role), m.start(), m.end(), APPOSITION)
            continue
        yield Mention(m.group("name"), None, None, m.start(), m.end(), UNTITLED)
    if " led " in sentence or " headed " in sentence:  # cheap guard for a costly pattern
        yield from _leading_subjects(sentence)
    for m in _MET.finditer(sentence):
        if not _ORG_AFTER.match(sentence, m.end()):
            poss = _POSSESSIVE_ROLE.match(sentence, m.end())
            met_role = poss.group("role") if poss and _ANY_TITLE.search(poss.group("role")) else None
            yield Mention(m.group("name"), met_role, None, m.start("name"), m.end(), MET)


# "Meeting X, the Netherlands' ambassador to Y, ...": a country's title set off by commas.
_POSSESSIVE_ROLE = rule(
    "people.possessive_role_after",
    r",\s+(?P<role>(?:the\s+)?\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?"
    r"(?:['’]s?)\s+[\p{Ll}][^,;.]{2,60}),",
    why="after a met name, ', the Netherlands' ambassador to Y,' is that person's role",
    examples=(", the Netherlands' ambassador to Varnland, said",),
    counter_examples=(", who said",),
)


def _after_country(name: str) -> str:
    """'Việt Nam Ingrid X' (the end of 'Ambassador to Việt Nam') -> 'Ingrid X'."""
    words = name.split()
    for n in (2, 1):
        head = places.lookup(" ".join(words[:n])) if len(words) > n + 1 else None
        if head is not None and head.level == 0:
            return " ".join(words[n:])
    return name


def _leading_subjects(sentence: str) -> Iterator[Mention]:
    """'Governor of <a title too tangled to parse> X Y led a delegation': the name before
    'led a delegation', with the title written before it as the role."""
    for m in _LEADS_SUBJECT.finditer(sentence):
        words = _clean_name(_after_country(m.group("name")))
        if words is None or len(words) < 2:
            continue
        surname = next((k for k in range(1, len(words) - 2)
                        if places.key(words[k]) in _VN_SURNAMES and _valid_name(words[k:])), None)
        words = words[surname:] if surname else words  # "<Town> Hoàng Văn Nam": a town before the name
        at = sentence.rfind(words[0], m.start("name"), m.end("name"))
        titles = [t for t in _ANY_TITLE.finditer(sentence, max(0, at - 160), at)]
        role = sentence[_title_start(sentence, titles[0]):at].strip(" ,") if titles else None
        yield Mention(" ".join(words), role or None, _org_of(role), at, m.end("name"), APPOSITION if role else UNTITLED)


# "worked with X Y AG", "met X Y (ABC)", "worked with X Y, where its director...": the
# capitalised words name an organisation, not a person.
_ORG_AFTER = rule(
    "people.organisation_after",
    rf"\s+(?:{lexicon.alternation('company_forms')})\b|\s*&\s"
    # "X Y, the association of businesses of ...": a body described
    r"|,\s+(?:the|a|an)\s+(?:[\p{Ll}-]+\s+){0,2}(?:association|agency|body|"
    r"organi[sz]ation|company|firm|group|federation|union|chamber|network|"
    r"cluster|institute|foundation|cooperative|consortium)\b"
    r"|\s*\([A-Z]{2,}\)|,\s+where\s+(?:its|their)\b",
    why=("capitalised words followed by 'AG', 'GmbH', '(ABC)' or ', the association of ...' name "
         "a body, not a person"),
    examples=(" AG and", " (WTA) signed", ", the association of exporters"),
    counter_examples=(" said",),
)


def _titled_mentions(sentence: str) -> Iterator[Mention]:
    for t in _ANY_TITLE.finditer(sentence):
        yield from _apposition(sentence, t)
        yield from _title_first(sentence, t)


# "At the reception in Đà Lạt, Chairman X said": a town before the comma, not a name
_PLACE_PREP = rule(
    "people.place_before_comma",
    r"\b(?:in|at|from|near)\s+\Z",
    why="'At the reception in X, Chairman Y said': a town before the comma, not a name",
    examples=("At the reception in ",),
    counter_examples=("The talks with ",),
)


def _apposition(sentence: str, t: regex.Match[str]) -> Iterator[Mention]:
    """'X Y, Prefect of Z' (and 'L'ambassadeur du Vietnam, X Y,')."""
    window_start = max(0, t.start() - 120)
    before = _APPOS_PRE.search(sentence, window_start, t.start())
    dashed = before is None and bool(before := _DASH_APPOS_PRE.search(sentence, window_start,
                                                                     t.start()))
    if before is not None:
        rest = _ROLE_REST.match(sentence, t.end())
        end = rest.end() if rest else t.end()
        listed = _ROLE_LIST.match(sentence, end)
        end = listed.end() if listed else end
        raw = before.group("pre") + sentence[t.start():end]
        place_first = _PLACE_PREP.search(sentence, max(0, before.start() - 8), before.start())
        # after a dash no new clause starts: "X - Ambassador Extraordinary and ..." is one title
        if (dashed or not _not_apposition(raw)) and not _CLAUSE_PRE.search(before.group("pre")) \
                and place_first is None:
            verb = _ROLE_END_AT_VERB.search(raw)
            role = _trim_role(raw[:verb.start()] if verb else raw)
            yield Mention(before.group("name"), role, _org_of(role), before.start(),
                          before.end("name"), APPOSITION, fenced=dashed)
    after = _AFTER_TITLE_COMMA.match(sentence, t.end())
    if after is not None:
        start = _title_start(sentence, t)
        role = sentence[start:after.start("name")].rstrip(" ,")
        if role[:1].isupper() or sentence[max(0, start - 2):start] in ("L'", "L’") \
                or _ITS_BEFORE.search(sentence, max(0, start - 7), start):
            yield Mention(after.group("name"), role, _org_of(role), start, after.end("name"), APPOSITION)


# "where its director, Mr. X Y, presented": a lower-case title owned by the body just named.
_ITS_BEFORE = rule(
    "people.its_before_title",
    r"\b(?i:its|their)\s+\Z",
    why="'its director, X,': a lower-case title owned by the body just named",
    examples=("where its ",),
    counter_examples=("where the ",),
)


_OPENERS = lexicon.words("openers")
_PLACE_OWNER = rule(
    "people.place_owner_before_title",
    r"(?<![\p{L}\p{M}])(?P<place>\p{Lu}[\p{L}\p{M}-]*(?:\s+\p{Lu}[\p{L}\p{M}-]*)?)"
    r"['’]s\s+\Z",
    why="a place's possessive before a title belongs to it ('Saxony's State Minister')",
    examples=("Saxony's ",),
    counter_examples=("the state's ",),
)
_BODY_BEFORE = rule(
    "people.body_before_title",
    r"(?<![\p{L}\p{M}])(?P<body>(?:\p{Lu}[\p{L}\p{M}.]*\s+){1,3})\Z",
    why=("capitalised words before a title may name the body ('National Assembly Vice "
         "Chairwoman')"),
    examples=("the National Assembly ",),
    counter_examples=("the assembly ",),
)


_MODIFIER_BEFORE = rule(
    "people.rank_before_title",
    r"(?<![\p{L}\p{M}])(?:(?:Vice|Deputy|Acting|First|Executive|Permanent|"
    r"Honorary|Lord|Senior)[\s-]+)+\Z",
    why="a rank written before a title is part of it ('Vice Governor', 'First Deputy Minister')",
    examples=("the Vice ", "First Deputy "),
    counter_examples=("the new ",),
)


def _title_start(sentence: str, t: regex.Match[str]) -> int:
    """Where the title begins: 'Vice Governor', 'Korean Ambassador', 'National Assembly Vice
    Chairwoman', 'NRW Minister-President', 'Bavaria Governor' (a rank, a body, an acronym or
    a region written before the title)."""
    at = t.start()
    modifier = _MODIFIER_BEFORE.search(sentence, max(0, at - 30), at)
    if modifier is not None:
        at = modifier.start()
    nat = _NAT_BEFORE.search(sentence, max(0, at - 20), at)
    if nat:
        return nat.start()
    owner = _PLACE_OWNER.search(sentence, max(0, at - 40), at)
    if owner is not None and places.lookup(owner.group("place")) is not None:
        return owner.start()  # "Saxony's State Minister"
    body = _BODY_BEFORE.search(sentence, max(0, at - 40), at)
    if body is not None:
        words = body.group("body").split()
        last = words[-1]
        place = places.lookup(" ".join(words))
        if (places.key(last) in _ORG_HEADS or last.isupper() and len(last) > 1
                or place is not None and (place.level >= 1 or _DIPLOMAT_TITLE.match(t.group(0)))) \
                and not _is_title(words[0]) and words[0].lower() not in _OPENERS:
            return body.start()
    return at


# "Netherlands Ambassador": a country's name before a diplomat's title is part of it
_DIPLOMAT_TITLE = rule(
    "people.diplomat_title",
    r"(?i:ambassador|consul)",
    why="ambassadors and consuls: a country's name before their title is part of it",
    examples=("Ambassador", "consul general"),
    counter_examples=("Governor",),
)
_OF_AFTER_NAME = rule(
    "people.office_after_name",
    r"\s+of\s+(?P<org>(?:the\s+)?\p{Lu}[^,.;:()]{1,80}?)"
    r"(?=\s*[,.;]|\s+(?:led|headed|visited|paid|arrived|made|met|said|"
    r"and|on|in|to|at|is|was|has|will)\b)",
    why="'Governor X Y of Z province led ...': the office follows the name",
    examples=(" of Varnland province led the delegation", " of the Varnland Council, said"),
    counter_examples=(" said",),
)


_NAT_TITLE = rule(
    "people.nationality_title",
    rf"(?:{_NATS})\s+(?:{_TITLES})(?![\p{{L}}])",
    flags=regex.IGNORECASE,
    why=("a nationality and a title start a second person in a list ('... and Vietnamese "
         "Ambassador X')"),
    examples=("Vietnamese Ambassador", "French minister"),
    counter_examples=("Varnland Ambassador",),
)


def _two_word_name(text: str) -> bool:
    """Whether `text` is a person's name of two words or more ('Trần Thị B'), not a field
    ('Energy') closing a list of them."""
    words = text.split()
    return len(words) >= 2 and _valid_name(words)


def _title_first(sentence: str, t: regex.Match[str]) -> Iterator[Mention]:
    """'Mayor X Y', 'Governor of Z X Y', 'Vietnamese Ambassador to France X Y'."""
    start = _title_start(sentence, t)
    title = sentence[start:t.end()]
    m = _AFTER_TITLE.match(sentence, t.end())
    if m is None or not title[0].isupper():
        return
    if m.group("name"):
        words = m.group("name").split()
        while len(words) > 2 and _is_title(words[0]):
            title += " " + words.pop(0)  # "Minister Counsellor X Y": one title
        post = _OF_AFTER_NAME.match(sentence, m.end())
        if post is not None:  # "Governor X Y of Z province led ...": the office follows the name
            role = f"{title} of {post.group('org')}"
            yield Mention(" ".join(words), role, _org_of(role), start, post.end(), APPOSITION)
            return
        yield Mention(" ".join(words), title, None, start, m.end(), BARE_TITLE)
        return
    run = m.group("run")
    # "Consul General of Vietnam in Marseille X Y" names the post with "in"; in
    # "Ambassador to Vietnam X Y in Huế" the "in" follows the name: try both readings.
    # "Chairman of X Committee Y Z and Governor W signed": the name may end before "and".
    # "... X Y to the French capital region": the name may also end before "to"
    cuts = [i.start() for i in regex.finditer(r"\s+(?:in|to)\s", run)]
    # "... X Y and Councillor for Z W Q": a second title after "and" starts a second person
    second = [i.start() for i in regex.finditer(r"\s+and\s", run)
              if _ANY_TITLE.match(run, i.end()) or _NAT_TITLE.match(run, i.end())]
    # "Ambassador to X Lê Văn A and Trần Thị B, head of ...": a name ends at "and"
    named = [i.start() for i in regex.finditer(r"\s+and\s", run)
             if i.start() not in second and _split_run(run[:i.start()]) is not None
             and _two_word_name(run[i.end():])]
    for cut in [*sorted(second), *sorted(named), len(run), *sorted(cuts, reverse=True)]:
        split = _split_run(run[:cut])
        if split is not None:
            org, name = split
            role = f"{title} {m.group('prep')} {_with_article(sentence, m, org)}"
            yield Mention(name, role, _org_of(role), start, m.start("run") + cut, APPOSITION)
            return


_TITLE_IN_ROLE = rule(
    "people.title_in_role",
    rf"(?i:{_TITLES})(?![\p{{L}}])\s*(?P<next>\S*)",
    why=("the title inside an apposition and the word after it (a speech verb there starts a new "
         "clause)"),
    examples=("the ambassador said", "Prefect of Varnland"),
    counter_examples=("the delegation",),
)
_SPEECH = lexicon.words("speech_words")


def _not_apposition(role: str) -> bool:
    """'X, the ambassador said' is a new clause; 'At X, Rector Y Z' names someone else."""
    match = _TITLE_IN_ROLE.search(role)
    if match is None:
        return True
    following = match.group("next")
    rest = role[match.end("next"):].split()
    while (_is_title(following) or places.key(following) == "general") and rest:
        # "Deputy Director General of X": one title
        following = rest.pop(0)
    if not match.group(0).isascii() and following[:1].islower():
        return True  # Vietnamese: "X, Đại sứ đề xuất..." starts a new clause
    return following.lower() in _SPEECH or following[:1].isupper()


def _with_article(sentence: str, m: regex.Match, org: str) -> str:
    between = sentence[m.end("prep"):m.start("run")].strip()
    return f"{between} {org}".strip() if between else org


_ROLE_END = rule(
    "people.role_end",
    r"\s+(?:who|which|to discuss|said|stated|expressed|presented|"
    r"highlighted|emphasised|emphasized|and the|welcomed)\b",
    why="an apposition's role ends where a relative clause or a speech verb begins",
    examples=("Mayor of Kelport, who said", "Prefect of the region said"),
    counter_examples=("Mayor of Kelport",),
)


def _trim_role(role: str) -> str:
    role = _ROLE_END.split(role)[0]
    return role.strip().removeprefix("also ").strip().rstrip(".").strip()


_REMIT = rule(
    "people.remit",
    r"\s+in charge of\b|\s+responsible for\b",
    why="'in charge of X', 'responsible for X' says what an official does, not where",
    examples=("Vice President in charge of training",), counter_examples=("Vice President of Kelport",),
)
_BODY_OF_ROLE = rule(
    "people.body_of_role",
    r"\b(?:of|at|du|de la|de l['’]|des|de)\s+(?:the\s+)?(.+)$",
    why="the body an official serves follows 'of' / 'at' / 'de' in the role",
    examples=("Prefect of the Varnland region", "Maire de Kelport"), counter_examples=("Mayor Anna Weber",),
)
_REMIT_OR_POST = rule(
    "people.remit_or_post",
    r"\s+in charge of\b|\s+responsible for\b|\s+to\s+(?=\p{Lu})",
    why="the body's name ends at a remit or at 'to <Country>' ('Embassy of X to Y')",
    examples=("Embassy of Germany to Vietnam", "Council responsible for trade"),
    counter_examples=("Varnland Regional Council",),
)


def _org_of(role: str | None) -> str | None:
    """'Prefect of the Hauts-de-France region' -> 'Hauts-de-France region'."""
    if not role:
        return None
    role = _REMIT.split(role)[0]
    match = _BODY_OF_ROLE.search(role)
    if not match:
        return None
    org = _REMIT_OR_POST.split(match.group(1))[0].strip()
    return org or None


def _split_run(run: str) -> tuple[str, str] | None:
    """'Var Province Jean Pierre Morel' -> ('Var Province', 'Jean Pierre Morel')."""
    words = run.split()
    n = len(words)
    if n < 3:
        return None
    # Where the organisation may end: after its head word ('Province', 'Council'), a place
    # or an acronym in brackets (latest first), else before a Vietnamese surname, else
    # before the last two words.  The first cut leaving a clean name wins.
    ends = [i + 1 for i in range(n - 2)
            if places.key(words[i]) in _ORG_HEADS or words[i].startswith("(")
            or _ends_place(words[: i + 1])]
    surnames = [k for k in range(1, n - 1)
                if places.key(words[k]) in _VN_SURNAMES and 3 <= n - k <= 4]
    for cut in [*reversed(ends), *surnames, n - 2, n - 3]:
        if not 2 <= n - cut <= 5 or words[cut - 1] in ("of", "and", "in", "the", "van", "von",
                                                        "den", "der") \
                or places.key(words[cut - 1]) in _NAMED_BODIES and not _named_body_ends(words, cut):
            continue  # ("Université | Paul Sabatier": the rest of an institution's name)
        name_words = _clean_name(" ".join(words[cut:]))
        if name_words and len(name_words) == n - cut:
            return " ".join(words[:cut]), " ".join(name_words)
    return None


def _named_body_ends(words: list[str], cut: int) -> bool:
    """Whether the institution word before `cut` ends the body's name ('United States Naval
    Academy | X Y'): English puts it after its own capitalised words, while a body opening
    the run ('Université | Paul Sabatier') has its proper name still to come."""
    return cut >= 2 and words[cut - 2][:1].isupper() and cut < len(words) - 1 \
        and places.key(words[cut - 1]) in _ORG_HEADS


def _ends_place(words: list[str]) -> bool:
    for j in range(max(0, len(words) - 3), len(words)):
        if places.lookup(" ".join(words[j:])) is not None:
            return True
    return False


# First words of bodies named after a place ("Invest <Region>", "Business <Country>"); a
# person's surname may be a place too (Ishikawa, Nagano), so only these count
_BODY_PREFIXES = lexicon.words("body_prefixes")
# Words that open the proper name of an institution ("University X", "Institut Y")
_NAMED_BODIES = lexicon.words("named_bodies")


def _fenced_name(name: str) -> list[str] | None:
    """A name between an honorific and a dash, whole: up to six words (Lao names run to
    six: 'comrade X Y Z W V U - Governor'), each of which could stand in a name."""
    words = name.split()
    if not 2 <= len(words) <= 6 or places.key(words[0]) in _VN_SURNAMES:
        return None  # a Vietnamese name: the surname rules of _clean_name apply
    # one-letter syllables ("A") stand in such names but in no word list
    syllables = [w for w in words if not (len(w) == 1 and w.isupper())]
    if not all(_valid_name(syllables[i:i + 2]) for i in range(len(syllables) - 1)):
        return None
    return words


def _clean_name(name: str) -> list[str] | None:
    """The longest run of name words ending the phrase ('Meeting with X Y' -> X Y), or None."""
    words = name.split()
    if places.lookup(name) is not None:
        return None  # "Hồ Chí Minh" in "President Hồ Chí Minh" is also a place: no tail of it
    if words and places.key(words[0]) in _NAMED_BODIES:
        return None  # "Université Paul Sabatier": an institution's name, not a person
    surname = next((k for k in range(1, len(words) - 2) if places.key(words[k]) in _VN_SURNAMES
                    and places.key(words[0]) not in _VN_SURNAMES and _valid_name(words[k:])), None)
    if surname is not None:
        return words[surname:]  # "... and Trade Bùi Tá Hoàng Vũ": the name starts at the surname
    for start in range(len(words)):
        candidate = words[start:]
        if _valid_name(candidate):
            return candidate
    return None


_VI_ORG_WORDS = lexicon.words("vi_org_words")


def _valid_name(words: list[str]) -> bool:
    particles = sum(1 for w in words[1:-1] if regex.fullmatch(_PARTICLE, w.lower()))
    if not words or len(words) - particles > 5 or not words[0][:1].isupper() \
            or any(w.endswith((",", "'s", "’s", "s'", "s’")) or w == "&" for w in words):
        return False  # a name starts with a capital ("für Oberbayern" ends an org name)
    if words[0] in _VI_ORG_WORDS and not (places.key(words[0]) in _VN_SURNAMES and len(words) >= 3
                                          and words[1] not in _VI_ORG_WORDS):
        return False  # "Sở Ngoại vụ"; but "Đoàn Thị X" is a surname, not "Đoàn" (delegation)
    country = places.lookup(" ".join(words[:2])) if len(words) > 2 else None
    if country is not None and country.level == 0:
        return False  # "Việt Nam Ingrid X": the country of a title before the name
    start = places.lookup(words[0])
    if start is not None and start.level >= 1 and len(words) > 2:
        return False  # "Alsace Jean Dupont": a place before the name (a two-word name may start with a place)
    first = places.key(words[0])
    if first in _NOT_NAME and not (first in _VN_SURNAMES and len(words) >= 3):
        return False
    end = places.lookup(words[-1])
    if end is not None and end.level <= 1 and first in _BODY_PREFIXES:
        return False  # "Invest <Region>", "Silicon <Land>": a body named after a place
    # After a Vietnamese surname every syllable is a name ("Dương Văn An", "Lê Thị Ha").
    vietnamese = first in _VN_SURNAMES and 2 <= len(words) <= 5  # "Lê Văn A B": five syllables occur
    for position, word in enumerate(words):
        key = places.key(word)
        if position and regex.fullmatch(_PARTICLE, word.lower()) and position < len(words) - 1 \
                and (word.islower() or words[position + 1][:1].isupper()
                     or regex.fullmatch(_PARTICLE, words[position + 1])):  # "De la Fuente"
            continue  # "Karl van den Bossche", "Annick De Ridder"
        if word[:1].islower():
            return False  # "Kammer für Handel" (a lower-case word) names a body
        common = key in _NOT_NAME and key not in _VN_SURNAMES and not (vietnamese and position)
        plural = key.endswith("s") and key[:-1] in _ORG_HEADS  # "Economic Zones"
        if common or key in _ORG_HEADS or plural or _is_title(word):
            return False
        if places.nationality(word) and not (vietnamese and len(words) >= 3) \
                or word.isupper() and len(word) > 1 and not _INITIAL.fullmatch(word):
            return False  # "Thai Van X" is a Vietnamese name; "Thai officials" is not
    if places.key(" ".join(words)) in ("viet nam", "nam"):
        return False
    return places.lookup(" ".join(words)) is None


_INITIAL = rule(
    "people.initial",
    r"\p{Lu}\.",
    why="a middle initial ('C.') may stand in a name",
    examples=("C.",),
    counter_examples=("c",),
)
_SINGLE_TITLE_WORDS = {places.key(w) for w in title_surface_forms() if " " not in w}


def _is_title(word: str) -> bool:
    """'Counsellor' in 'Minister Counsellor X' is part of the title, not of the name."""
    return bool(title_id(word)) or places.key(word) in _SINGLE_TITLE_WORDS


# "X, head of Y, who was not part of the delegation, said": named, explicitly not met
_NOT_PRESENT = rule(
    "people.not_present_after",
    r"^,[^.;]{0,160}?\bwho (?:was|were) not (?:part of|present|at)|"
    r"^,[^.;]{0,160}?\bwho did not (?:attend|take part|join)",
    why="'X, head of Y, who was not part of the delegation, said': named, explicitly not met",
    examples=(
        ", head of the office, who was not part of the delegation, said",
        ", who did not attend the talks",
    ),
    counter_examples=(", who attended the talks",),
)


def _is_passing(sentence: str, start: int, end: int) -> bool:
    """'President X's upcoming visit', 'a visit to France by President X': named, not met."""
    after = sentence[end:end + 3]
    return after.startswith(("'s", "’s")) or bool(_VISIT_BY.search(sentence[:start])
                                                   or _MEMORIAL_OF.search(sentence[:start])
                                                   or _NOT_PRESENT.match(sentence[end:]))


# "the hometown of President X", "X's mausoleum": a historical figure, honoured, not met
_MEMORIAL_OF = rule(
    "people.memorial_of_before",
    r"\b(?:hometown|birthplace|mausoleum|memorial|relic site|monument|statue|"
    r"tomb|museum|temple|house)\s+of\s+(?:the\s+late\s+)?"
    r"(?:[\p{L}\p{M}]+\s+){0,2}$",
    flags=regex.IGNORECASE,
    why="'the hometown of President X', 'the statue of X': a historical figure honoured, not met",
    examples=("visited the hometown of the late ", "laid flowers at the statue of "),
    counter_examples=("visited the office of ",),
)


_GAVE_INTERVIEW = rule(
    "people.gave_interview",
    r"\b(?:gave|granted|given) (?:an? )?(?:\w+ )?interview|\bin an? (?:\w+ )?interview with|"
    r"\binterviewed by|\btold (?:the )?(?:Vietnam News Agency|VNA|reporters|\p{Lu}[\p{L}\p{M}]* "
    r"(?:News|Online|Times))|\btrả lời phỏng vấn|\baccordé un entretien",
    flags=regex.IGNORECASE,
    why="a person who gives an interview or tells a news agency is the voice of the article",
    examples=(
        "gave an interview to the press",
        "told reporters that",
        "in an exclusive interview with",
    ),
    counter_examples=("said in a speech",),
)


@functools.lru_cache(maxsize=1024)
def _own_pattern(pattern: str) -> regex.Pattern[str]:
    """A pattern built from an article's words (a surname, a place), kept out of the regex
    module's own cache: hundreds of such entries made it evict, at random, the fixed
    patterns of every rule, which were then compiled again article after article."""
    return regex.compile(pattern, cache_pattern=False)


def _interviewee(f: _Found, sentences: list[str]) -> float:
    """The person who gives the interview (named in the opening with 'gave an interview to',
    'told VNA'), or who answers under a speaker label ('Ambassador X: ...'): the lead of an
    interview, ahead of the officials the answers mention."""
    last = f.name.split()[-1]
    cue = any(i < 4 and _GAVE_INTERVIEW.search(sentences[i]) for i in f.sentences)
    label = _own_pattern(rf"{regex.escape(last)}\s*:")
    labels = sum(1 for i in f.sentences if label.search(sentences[i][:80]))
    return WEIGHTS.lead.interview_cue * cue + WEIGHTS.lead.interview_label * min(labels, 3)


# The reported trip ("the delegation's working visit to Japan"), not one merely mentioned
# ("ahead of President X's state visit to Vietnam")
_TRIP_TO = rule(
    "people.trip_to_country",
    r"\b(?:delegation['’]s\s+(?:\w+\s+)?|working\s+|paid\s+an?\s+(?:\w+\s+)?)"
    r"(?:visit|trip|tour|mission)\s+to\s+(?:the\s+)?"
    r"(\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?)",
    why="the reported trip ('the delegation's working visit to Japan'), not one merely mentioned",
    examples=("the delegation's working visit to Japan", "paid an official visit to Varnland"),
    counter_examples=("ahead of the state visit to Japan",),
)
_NAT_DELEGATION = rule(
    "people.nationality_delegation",
    rf"\b({_NATS})\s+(?:delegation|delegates|guests|visitors)\b",
    why="'the Vietnamese delegation': the visiting side's country",
    examples=("the Vietnamese delegation arrived", "welcomed the French guests"),
    counter_examples=("the delegation arrived",),
)


def _trip_sides(sentences: list[str]) -> tuple[str | None, str | None]:
    """(visiting, visited) countries as the opening says them: 'the Vietnamese delegation's
    working visit to Japan'."""
    visiting = visited = None
    for sentence in sentences[:4]:
        trip = _TRIP_TO.search(sentence)
        visited = visited or (places.country_of(trip.group(1)) if trip else None)
        nat = _NAT_DELEGATION.search(sentence)
        visiting = visiting or (places.nationality(nat.group(1)) if nat else None)
    return visiting, visited if visited != visiting else None


def _side_of(f: _Found) -> str | None:
    if f.nationality:
        return f.nationality
    return "VN" if any(VN_LOCAL_BODY.search(r.text) for r in f.roles) else None


def choose_lead(found: list[_Found], sentences: list[str]) -> Person | None:
    """The head of the visiting side (or the interviewee)."""
    best, best_score = None, 0.0
    visiting, visited = _trip_sides(sentences)
    for f in found:
        if all(f.passing):
            continue
        first = min(f.sentences)
        side = _side_of(f)
        w = WEIGHTS.lead
        score = (w.led * f.led + w.nationality * bool(f.nationality) + w.early * (first < 3)
                 + w.acted * f.acted + w.guest * f.guest + w.hosting * f.hosting + w.member * f.member
                 + w.mention * min(len(f.sentences), 4) + w.has_role * bool(f.roles) + w.position * first
                 + _interviewee(f, sentences)
                 # two officials named together: the one from the visited country hosts
                 + w.visited_side * bool(side and side == visited)
                 + w.visiting_side * bool(side and side == visiting))
        if score > best_score:
            best, best_score = f, score
    if best is None or best_score < WEIGHTS.lead.min_score:
        best = _official_of_delegation(found, sentences) \
            or _official_from_elsewhere(found, sentences)
        if best is None:
            return None
    role, _ = _best_role(best, lead=True)
    return Person(best.name, role, None, min(best.sentences))


# "(R)", "(second, L)", "(fifth from the left)": where someone stands in the photo
_PHOTO_POSITION = rule(
    "people.photo_position",
    r"\s*\((?:[^()]{0,20}\b(?:L|R|left|right|centre|center)\b[^()]{0,10})\)",
    why="'(R)', '(second, L)': where someone stands in a photo, no part of the name",
    examples=("Anna Weber (R) and Jan Novak", "Jan Novak (second, L)"),
    counter_examples=("Varnland (WL)",),
)


def lead_in_captions(captions: tuple[str, ...]) -> Person | None:
    """The official a photo caption names with a nationality in the title ("Vietnamese
    Ambassador to X Y Z (second, L) and his spouse ..."): the visitor, when the body has
    lost the lead paragraph and names nobody leading the visit.  A host named with a
    plain title ("Premier Y Z") is not taken."""
    texts = [_PHOTO_POSITION.sub("", c) for c in captions]
    for f in find_people(texts):
        role, _ = _best_role(f, lead=True)
        if role and role_nationality(role):
            return Person(f.name, role, None, None)
    return None


# "visited the southern province of X", "a meeting ... in the Vietnamese locality": where
# the opening puts the meeting
_VISITED_PLACE = rule(
    "people.visited_place",
    r"(?:\bvisited\s+|\b(?:visit|trip|tour|arrived|welcomed|reception|meeting)\b[^.;]{0,60}?"
    r"\b(?:to|in|at)\s+)"
    r"(?:the\s+)?(?:(?:[\p{Ll}-]+\s+){0,2}(?:province|city|region|state|locality)\s+of\s+)?"
    rf"(?:(?P<nat>{_NATS})\s+locality|(?P<place>\p{{Lu}}[\p{{L}}\p{{M}}]+(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}]+)?))",
    why=("where the opening puts the meeting ('visited the southern province of X', 'a visit to "
         "X')"),
    examples=("visited the southern province of Varnland", "a working visit to France"),
    counter_examples=("visited the port",),
)
# "Governor of Svay Rieng province", "Chairman of the People's Council of X": a place in a role
_ROLE_PLACE = rule(
    "people.place_in_role",
    r"\b(?:of|in)\s+(?:the\s+)?(?:\p{Lu}[\p{L}\p{M}]+['’]s\s+)?"
    r"(?P<place>\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?)"
    r"(?:\s+(?:province|region|state|city|prefecture))?\s*$",
    why="a place at the end of a role ('Governor of X province'): the official's home",
    examples=("Governor of Varnland province", "Chairman of the People's Council of Varnland"),
    counter_examples=("Governor of the central bank",),
)


def _visited_country(sentences: list[str]) -> str | None:
    for sentence in sentences[:3]:
        for m in _VISITED_PLACE.finditer(sentence):
            if m.group("nat"):
                return places.nationality(m.group("nat"))
            place = places.lookup(m.group("place"))
            if place is not None:
                return place.country
    return None


def _home_of(f: _Found) -> str | None:
    """The country of the place an official's role names ('Governor of X province')."""
    for seen in f.roles:
        m = _ROLE_PLACE.search(seen.text)
        place = places.lookup(m.group("place")) if m else None
        if place is not None and place.level >= 1:
            return place.country
    return None


def _official_from_elsewhere(found: list[_Found], sentences: list[str]) -> _Found | None:
    """No one is said to lead: the first official whose role names a place of another
    country than the one the opening says was visited ('A delegation from Cambodia ...
    visited the southern province of X.  The delegation includes Governor of Y province
    Z W'): the most senior visitor is usually named first."""
    visited = _visited_country(sentences)
    if visited is None:
        return None
    for f in found:
        home = f.nationality or _home_of(f)
        if not all(f.passing) and home is not None and home != visited and not f.hosting:
            return f
    return None


_DELEGATION_FROM = rule(
    "people.delegation_from",
    r"\bdelegation\s+(?:from|of)\s+(?P<rest>[^.;]{1,90})",
    why="'a delegation from X province': where the delegation comes from",
    examples=("A delegation from Varnland province visited",),
    counter_examples=("The delegation visited",),
)
_PHRASE_END = rule(
    "people.phrase_end",
    r"\s(?:visited|held|paid|arrived|on|to|in|at|led|headed|met|made|is|was|"
    r"has|had|will|and|with|for)\s",
    why="a verb or preposition ends the phrase naming the delegation's home",
    examples=(" visited ", " on "),
    counter_examples=("Varnland",),
)
_PLACE_WORDS = rule(
    "people.capitalised_words",
    r"\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)*",
    why="capitalised words: candidate place names in a phrase",
    examples=("Varnland province",),
    counter_examples=("province",),
)


def _official_of_delegation(found: list[_Found], sentences: list[str]) -> _Found | None:
    """'A delegation from X province's Y city held ...' and 'Chairman of the Y People's
    Committee Z': the official whose role names the delegation's home place leads it."""
    for sentence in sentences[:2]:
        m = _DELEGATION_FROM.search(sentence)
        if m is None:
            continue
        # "X province's Y city": two places, X and Y
        phrase = _PHRASE_END.split(m.group("rest"))[0]  # "of X province | visited Y"
        homes = set(_PLACE_WORDS.findall(regex.sub(r"['’]s\s", ", ", phrase)))
        known = {h: places.lookup(h) for h in homes}
        homes = {h for h, place in known.items() if place is None or place.level >= 1}
        for f in found:  # ("welcomed the proposals" does not make a host here)
            if all(f.passing):
                continue
            if any(_own_pattern(rf"\b{regex.escape(h)}\b").search(seen.text)
                   for seen in f.roles for h in homes
                   if " " in h or places.lookup(h) is not None):
                return f
    return None


_EMBASSY_EVENT = rule(
    "people.embassy_event",
    rf"^(?:The\s+)?(?:{_NATS})\s+(?:Embassy|Consulate(?:\s+General)?)\b"
    r"[^.]{0,160}?\b(?:held|organised|organized|hosted|co-organised|launched)\b",
    why="news of an event an embassy held ('The Vietnamese Embassy in X held ...')",
    examples=("The Vietnamese Embassy in Varnland held a reception",),
    counter_examples=("The governor held a reception",),
)


def event_speaker(found: list[_Found], sentences: list[str]) -> Person | None:
    """News of an event an embassy held ('The Vietnamese Embassy in X ... held an event'):
    the ambassador or consul who speaks for the embassy there is its leading official."""
    if not any(_EMBASSY_EVENT.match(s) for s in sentences[:2]):  # (a headline may come first)
        return None
    for f in found:
        role, _ = _best_role(f, lead=True)
        if not all(f.passing) and role and title_id(role) in _DIPLOMATS:
            return Person(f.name, role, None, min(f.sentences))
    return None


def _best_role(f: _Found, lead: bool = False) -> tuple[str | None, str | None]:
    """The most informative role: an apposition or a 'Title of Org' beats a bare title."""
    if not f.roles:
        return None, None
    if lead:
        with_nat = [r for r in f.roles if role_nationality(r.text)]
        if with_nat:
            return with_nat[0].text, with_nat[0].organisation
    best = sorted(f.roles, key=lambda r: (r.rank, -len(r.text), r.sentence))[0]
    org = next((r.organisation for r in f.roles if r.organisation), None)
    return best.text, org


_EMBASSY_IN = rule(
    "people.embassy_in_country",
    rf"\b(?P<nat>{_NATS})\s+(?P<body>Embassy|Consulate(?:\s+General)?)\s+"
    r"(?:in|to)\s+(?P<country>\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?)",
    why="'the Vietnamese Embassy in France': the nationality and the host country of a post",
    examples=("a delegation of the Vietnamese Embassy in France",),
    counter_examples=("the embassy in France",),
)


_LED_BY_ITS = rule(
    "people.led_by_its",
    r"\b(?:delegation|mission)\s+(?:of|from)\s+(?:the\s+)?(?P<org>\p{Lu}[^,;()]{2,80}?)"
    r"(?:\s+\([A-Z]{2,}\))?,?\s+(?:led|headed)\s+by\s+(?:its\s+|their\s+)?(?P<rest>.*)",
    why=("'a delegation of the X Assembly led by its Vice Chairman Y': Y holds that title in that "
         "body"),
    examples=("a delegation of the Varnland Assembly led by its Vice Chairman Anna Weber",),
    counter_examples=("a delegation led by Anna Weber",),
)


def _role_from_its(lead: Person, sentences: list[str]) -> Person:
    """'a delegation of the X Assembly led by its Vice Chairman Y', 'a delegation of X's
    Ministry of Z led by Deputy Minister Y': Y holds that title in that body."""
    said = f"{lead.role} {lead.name}"
    for sentence in sentences:
        m = _LED_BY_ITS.search(sentence)
        if m and " ".join(m.group("rest").split()).startswith(said):
            org = m.group("org")
            article = "" if regex.match(r"\S+['’]s\s", org) else "the "
            return Person(lead.name, f"{lead.role} of {article}{org}", lead.organisation,
                          lead.sentence)
    return lead


def complete_role(lead: Person | None, sentences: list[str]) -> Person | None:
    """'Ambassador' in 'a delegation of the Vietnamese Embassy in France led by Ambassador X'
    reads 'Vietnamese Ambassador to France'; other bare titles get 'of the ... Embassy in ...'
    or the body whose delegation the lead heads ('led by its Chairman X')."""
    if lead is None or not lead.role or lead.sentence is None or role_nationality(lead.role):
        return lead
    match = _EMBASSY_IN.search(sentences[lead.sentence])
    if match is None or places.country_of(match.group("country")) is None:
        return _role_from_its(lead, sentences) if " of " not in lead.role else lead
    if lead.role.lower() == "ambassador":
        role = f"{match.group('nat')} Ambassador to {match.group('country')}"
    elif " of " in lead.role or len(lead.role.split()) > 3:
        return lead
    else:
        role = f"{lead.role} of the {match.group(0)}"
    return Person(lead.name, role, lead.organisation, lead.sentence)


_POSTED_TO = rule(
    "people.posted_to_country",
    r"\b(?:to|in|en|au|aux)\s+(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central)\s+)?"  # "to southern Laos"
    r"(\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?)",
    why="'Ambassador to France': the country where a diplomat is posted hosts the visit",
    examples=("Vietnamese Ambassador to France", "ambassadeur en France",
              "Consul General to southern Laos"), counter_examples=("Mayor of Kelport",),
)
_NATIONAL_BODY = rule(
    "people.national_body",
    rf"\b({_NATS})\s+(?:Embassy|Consulate(?:\s+General)?|delegation|Ministry)"
    r"(?:\s+(?:in|to)\s+(?:the\s+)?(\p{Lu}[\p{L}\p{M}]+(?:\s+\p{Lu}[\p{L}\p{M}]+)?))?",
    why="'the Vietnamese Embassy in France', 'a French delegation': the visiting side's country (and the host's)",
    examples=("the Vietnamese Embassy in France", "a French delegation arrived",
              "worked with the Vietnamese Embassy in the United States"),
    counter_examples=("the embassy in France",),
)


def sides(lead: Person | None, sentences: list[str]) -> tuple[str | None, str | None]:
    """(visiting country, host country) as alpha-2, from the lead's role or the embassy."""
    visitor = host = None
    if lead and lead.role:
        visitor = role_nationality(lead.role)
        to = _POSTED_TO.search(lead.role)
        host = places.country_of(to.group(1)) if to else None
    for sentence in sentences[:6]:
        m = _NATIONAL_BODY.search(sentence)
        if m:
            visitor = visitor or places.nationality(m.group(1))
            if m.group(2):
                host = host or places.country_of(m.group(2))
            # "worked with the Vietnamese Embassy. ... the Vietnamese Embassy in the United
            # States": the first mention may not say where; a later one in the opening may
            if host or visitor != places.nationality(m.group(1)):
                break
    return visitor, host if host != visitor else None


def counterparts(found: list[_Found], lead: Person | None, visitor: str | None,
                 sentences: list[str]) -> list[Person]:
    """People of the host side the visitors met, in order of first mention."""
    out: list[Person] = []
    for f in found:
        if lead and same_person(f.name, lead.name) or all(f.passing):
            continue
        role, org = _best_role(f)
        # "Vice Chairwoman of the provincial People's Committee X accompanied the
        # ambassador": a Vietnamese local official goes along as host, not as visitor
        local_host = visitor not in (None, "VN") and bool(role and VN_LOCAL_BODY.search(role))
        # the ambassador who receives his country's provincial delegation abroad hosts it
        # ("received by" or met: "had a working session with comrade X, Ambassador ...")
        envoy_host = (f.hosting or f.met) and receiving_envoy(Person(f.name, role), lead)
        if visitor and f.nationality == visitor and not envoy_host \
                or f.member and not (f.hosting or f.met or local_host):
            continue
        if role is None and not (f.met or f.hosting):
            continue
        if role and _OUTSIDER_ROLE.search(role) and not (f.met or f.hosting):
            continue  # "chairman of a Bergamo-based firm in the delegation", "... of a local firm"
        if not (f.met or f.hosting) and _quoted_only(f, sentences):
            continue  # "X, director of Y, told VOV that ...": a voice for the reader, not met
        if role and _head_of_state(role) and f.nationality and not f.met:
            continue
        if role and title_id(role) in _DIPLOMATS and f.nationality is None:
            continue  # "Deputy Ambassador X" in a delegation: the visiting side
        if role and title_id(role) in _DIPLOMATS and visitor not in (None, "VN") \
                and f.nationality not in (None, "VN"):
            continue  # foreign diplomats visiting together ("three consuls general ...")
        if any(same_person(f.name, p.name) for p in out):
            continue  # "Minh Lê Văn" and "Lê Văn Minh": one person, two word orders
        out.append(Person(f.name, role, org, min(f.sentences)))
    return out


_TOLD_PRESS = rule(
    "people.told_press",
    r"\btold\s+(?:the\s+)?(?:\p{Lu}[\p{L}\p{M}.]*\s+){0,4}?(?:press|reporters|"
    r"correspondents?|journalists|newspaper|VNA|VOV|News|Times|Online)\b",
    why="'X told the press': a voice for the reader, not a person met",
    examples=("told reporters", "told the Varnland Times"),
    counter_examples=("told the delegation",),
)


def _quoted_only(f: _Found, sentences: list[str]) -> bool:
    """Every mention of `f` is in a sentence where he or she talks to the press."""
    last = f.name.split()[-1]
    return all(_TOLD_PRESS.search(sentences[i][sentences[i].find(last):]) for i in f.sentences
               if last in sentences[i])


def receiving_envoy(person: Person, lead: Person | None) -> bool:
    """An ambassador or consul general met by a delegation that no diplomat leads (a
    provincial delegation abroad received by its country's ambassador there): host side."""
    envoy = title_id(person.role or "") in _DIPLOMATS
    led_by_envoy = lead is not None and title_id(lead.role or "") in _DIPLOMATS
    return envoy and not led_by_envoy


def vietnamese_name(name: str | None) -> bool:
    """'Hoàng Minh X', 'Nguyen Van Y': a Vietnamese surname and two or three one-syllable
    given names."""
    words = (name or "").split()
    return 3 <= len(words) <= 4 and places.key(words[0]) in _VN_SURNAMES \
        and all(p[:1].isupper() and p[1:].islower() and len(p) <= 7
                for w in words for p in w.split("-"))


_DEPUTY_RANK = rule(
    "people.deputy_rank",
    r"(?i)\b(?:vice|deputy)\b",
    why="a vice or deputy title is no head of state or government",
    examples=("Vice President", "deputy prime minister"), counter_examples=("President of Varnland",),
)


def _head_of_state(role: str) -> bool:
    """'President', 'French President', 'President of France'; not the vice president
    of a union or the president of a council."""
    if not _HEAD_OF_STATE.search(role) or _DEPUTY_RANK.search(role):
        return False
    org = _org_of(role)
    return org is None or places.country_of(org) is not None


# Bodies only Vietnam has: whoever holds office in one is Vietnamese (and local).
VN_LOCAL_BODY = rule(
    "people.vietnamese_local_body",
    r"People['’]s (?:Committee|Council)|Party Committee",
    why="bodies only Vietnam has: whoever holds office in one is Vietnamese and local",
    examples=(
        "Chairman of the Varnland People's Committee",
        "Secretary of the provincial Party Committee",
    ),
    counter_examples=("Chairman of the Varnland Council",),
)
# A role that says the person travels with the visitors, or speaks for a firm the article
# only describes ("a Fukuoka-based logistics firm"): quoted, not met as a host
_OUTSIDER_ROLE = rule(
    "people.outsider_role",
    r"\b(?:in|with|of|accompanying) the (?:visiting )?delegation\b|"
    r"\bof an? (?:[\p{L}-]+\s+){0,3}(?:firm|company|agency|cooperative|"
    r"business|enterprise|group|consultancy)\b",
    flags=regex.IGNORECASE,
    why=("a role that places the person in the visiting delegation or in a firm the article only "
         "describes"),
    examples=("chairman of a Kelport-based firm", "an adviser in the delegation"),
    counter_examples=("Mayor of Kelport",),
)
_DIPLOMATS = {"ambassador", "deputy_ambassador", "consul", "consul_general"}
_ORG_VERB = rule(
    "people.organisation_visited",
    r"\b(?:toured|visited|a visit to|a stop at|working sessions? with|talks with|met with|"
    r"meeting with|worked with|work with|exchange with|including|factory of|plant of|"
    r"headquarters of|(?P<who>leaders|representatives) of)\s+"
    r"(?:the\s+|leading\s+)?(?P<list>[^.;:]{3,200})",
    why=("organisations toured or met ('toured X', 'working session with X', 'representatives of "
         "X')"),
    examples=(
        "The delegation toured the Varnland Innovation Centre",
        "held a working session with the Kelport Chamber",
    ),
    counter_examples=("The delegation said",),
)
_ORG_HEAD_WORDS = rule(
    "people.organisation_head_word",
    rf"\b(?:{lexicon.alternation('organisation_words')})\b|\([A-Z]{{2,}}\)",
    why="a word that makes a capitalised phrase a body's name ('Centre', 'University', '(ABC)')",
    examples=("Varnland University", "the Kelport Chamber"),
    counter_examples=("Anna Weber",),
)
_ORG_STOP = rule(
    "people.organisation_list_end",
    r",?\s+(?:to|where|which|who|in order|on|for the|as well as|with)\s+",
    why="a list of organisations ends at 'to', 'where', 'which', 'as well as'",
    examples=(", where they", " to discuss"),
    counter_examples=("Varnland Centre",),
)
_ORG_APPOSITION = rule(
    "people.organisation_apposition",
    r",\s+(?:one of|a|an|the region's|whose)\s+",
    why="', one of the ...', ', a leading ...': the rest describes the last organisation",
    examples=(", one of the largest ports", ", a leading firm"),
    counter_examples=(", and the port",),
)
_CONNECTORS = lexicon.words("connectors")


def organisations_met(sentences: list[str], people: list[Person]) -> list[Person]:
    """Organisations visited or met where no person of theirs is named ('toured X')."""
    known = [_org_key(p.organisation or "") for p in people if p.organisation]
    names = [name_key(p.name) for p in people if p.name]
    out: dict[str, Person] = {}
    for index, sentence in enumerate(sentences):
        for m in _ORG_VERB.finditer(sentence, overlapped=True):
            for org in _org_items(m.group("list")):
                key = _org_key(org)
                role = m.group("who").lower() if m.group("who") else None
                if key in out and role and out[key].role is None:
                    out[key] = Person(None, role, out[key].organisation, out[key].sentence)
                if any(key in k or k in key for k in known if k) or key in out:
                    continue
                if any(n in name_key(org) for n in names):
                    continue
                out[key] = Person(None, role, org, index)
    return list(out.values())


def _org_key(org: str) -> str:
    return " ".join(places.key(org.replace("(", " ").replace(")", " ")).split())


_ONE_NAME = rule(
    "people.one_name_with_and",
    r"\b(?:Commerce|Trade|Science|Research|Arts) and \p{Lu}",
    why=("'Chamber of Commerce and Industry', 'Science and Technology': one name with 'and' "
         "inside"),
    examples=("Chamber of Commerce and Industry", "Department of Science and Technology"),
    counter_examples=("Varnland Centre and Eastland Port",),
)


_AND_ANOTHER = rule(
    "people.and_another_body",
    r"\s+and\s+(?=(?:the\s+)?\p{Lu})",
    why="'X Centre and the Y Port': 'and' before a capital starts another organisation",
    examples=("Kelport Centre and the Varnland Port",), counter_examples=("trade and investment",),
)


def _split_and(item: str) -> list[str]:
    """'X (CETI) and Y' is two organisations; 'Chamber of Commerce and Industry' is one."""
    if _ONE_NAME.search(item):
        return [item]
    return _AND_ANOTHER.split(item)


_ITEM_OPENER = rule(
    "people.organisation_item_opener",
    r"^(?:the|leaders of|representatives of)\s+",
    why="'the', 'leaders of' open an item of a list of organisations, no part of its name",
    examples=("the Kelport Centre", "leaders of Varnland University"), counter_examples=("Kelport Centre",),
)


def _org_items(text: str) -> list[str]:
    """'the CCI X, the Y Council, and Z' -> the organisations among them."""
    text = _ORG_STOP.split(text, maxsplit=1)[0]
    apposition = _ORG_APPOSITION.search(text)
    if apposition:
        text = text[:apposition.start()]
    items = [part.strip(" ,") for item in regex.split(r",\s+(?:and\s+)?", text)
             for part in _split_and(item)]
    out = []
    for position, item in enumerate(items):
        item = _ITEM_OPENER.sub("", item.strip()).strip()
        words = item.split()
        if not words or not item[0].isupper() or len(words) > 8:
            continue
        if any(w[0].islower() and w not in _CONNECTORS for w in words):
            continue
        described = apposition is not None and position == len(items) - 1
        if not (described or _ORG_HEAD_WORDS.search(item)):
            continue
        if places.lookup(item) or title_id(words[0]) or places.nationality(words[0]):
            continue
        out.append(item)
    return out

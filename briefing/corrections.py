"""Corrections: an editor's fixes to the extracted facts, one TOML file per article.

In: `Facts` from the extractor, the article's bytes, and `<corrections dir>/<article file
name>.toml` (written by `briefing review` or by hand; format in docs/review.md).
Out: the corrected `Facts`, the names of the fields that were corrected, and a `Problem`
for each correction that cannot be applied (bad file, or the article changed since the
correction was written: it is reported, never applied to different text).

Applied after the extraction rules, by the pipeline: the rules never see corrections.
Fields are those of the facts schema (docs/facts.md); the items of `figures` and
`agreements` are edited by position, with the field names their records have, so a field
added to those records later (a figure's `kind`...) can be corrected without a change here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import tomllib
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

from .errors import InputError
from .extract import gender
from .models import Facts, Person, Problem
from .vocabulary import SECTOR_KEYWORDS
from .writer import write_text

SUFFIX = ".toml"
KINDS = ("visit", "interview", "other")
PERSON_KEYS = ("name", "role", "organisation")
# Fields of a figure or agreement an editor may not set: where it came from is the article's.
_ITEM_FIXED = frozenset({"sentence", "sentence_text"})
_TOP_KEYS = frozenset({"article_sha256", "edited_by", "edited_at", "drop", "facts",
                       "figures", "agreements"})


class CorrectionError(InputError):
    """A correction file that cannot be used; the message names the file and the field."""

    where: str = ""  # the field at fault ("facts.host_country", "figures[0].value"), for the review page


@dataclass(frozen=True)
class ItemEdit:
    """A change to one figure or agreement, found by its position in the extractor's list."""

    collection: str  # "figures" or "agreements"
    index: int
    remove: bool = False
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Correction:
    """One correction file, read and checked."""

    path: Path
    article: str  # the article's file name
    article_sha256: str
    version: str  # digest of the file's bytes: a save from a stale form is refused
    drop: bool = False
    facts: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    items: tuple[ItemEdit, ...] = ()
    edited_by: str = ""
    edited_at: str = ""


@dataclass(frozen=True)
class Corrected:
    """The facts of one article after its correction (if any)."""

    facts: Facts
    fields: tuple[str, ...] = ()  # names of the corrected fields: "lead_official", "figures[0].value"
    dropped: bool = False
    status: str = "none"  # none | applied | stale
    problem: Problem | None = None


# -- reading ---------------------------------------------------------------------------


def file_for(corrections_dir: Path, article: Path | str) -> Path:
    """The correction file of an article: its file name plus .toml (two articles never share one)."""
    return Path(corrections_dir) / f"{Path(article).name}{SUFFIX}"


def article_hash(data: bytes) -> str:
    """The content hash a correction is keyed to."""
    return hashlib.sha256(data).hexdigest()


def version_of(path: Path) -> str:
    """The version of a correction file as a form carries it ("" when there is none)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except FileNotFoundError:
        return ""


def load(path: Path) -> Correction:
    """Read and check one correction file; raise CorrectionError naming file and field."""
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise CorrectionError(f"{path}: no such correction file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorrectionError(f"{path}: not valid TOML ({exc})") from None
    return parse(path, data, hashlib.sha256(raw).hexdigest()[:16])


def parse(path: Path, data: Mapping[str, Any], version: str = "") -> Correction:
    """Check a correction's data (as read from TOML); raise CorrectionError on the first fault."""
    def fail(where: str, reason: str) -> CorrectionError:
        error = CorrectionError(f"{path}: {where}: {reason}")
        error.where = where
        return error

    for key in sorted(set(data) - _TOP_KEYS):
        raise fail(key, f"unknown field (expected one of {', '.join(sorted(_TOP_KEYS))})")
    digest = data.get("article_sha256")
    if not isinstance(digest, str) or len(digest) != 64:
        raise fail("article_sha256", "missing or not a SHA-256 hex digest of the article")
    facts_table = data.get("facts", {})
    if not isinstance(facts_table, Mapping):
        raise fail("facts", "expected a table")
    facts = {name: _check_fact(name, value, fail) for name, value in facts_table.items()}
    if "visit_start" in facts and "visit_end" in facts and facts["visit_end"] < facts["visit_start"]:
        raise fail("facts.visit_end", "before facts.visit_start")
    items = tuple(_check_item(coll, n, entry, fail) for coll in ("figures", "agreements")
                  for n, entry in enumerate(_array(data.get(coll, []), coll, fail)))
    drop = data.get("drop", False)
    if not isinstance(drop, bool):
        raise fail("drop", "expected true or false")
    name = path.name.removesuffix(SUFFIX)
    return Correction(path, name, digest.lower(), version, drop, facts, items,
                      str(data.get("edited_by", "")), str(data.get("edited_at", "")))


def _array(value: Any, name: str, fail: Callable[[str, str], CorrectionError]) -> list[Any]:
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise fail(name, "expected an array of tables ([[" + name + "]])")
    return value


def _check_fact(name: str, value: Any, fail: Callable[[str, str], CorrectionError]) -> Any:
    checker = FACT_FIELDS.get(name)
    if checker is None:
        raise fail(f"facts.{name}", f"unknown field (expected one of {', '.join(FACT_FIELDS)})")
    try:
        return checker(value)
    except ValueError as exc:
        raise fail(f"facts.{name}", str(exc)) from None


def _check_item(collection: str, n: int, entry: Mapping[str, Any],
                fail: Callable[[str, str], CorrectionError]) -> ItemEdit:
    where = f"{collection}[{n}]"
    index = entry.get("index")
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise fail(f"{where}.index", "expected the item's position, 0 or more")
    remove = entry.get("remove", False)
    if not isinstance(remove, bool):
        raise fail(f"{where}.remove", "expected true or false")
    allowed = item_fields(collection)
    values = {k: v for k, v in entry.items() if k not in ("index", "remove")}
    for key, value in values.items():
        if key not in allowed:
            raise fail(f"{where}.{key}", f"unknown field (a {collection[:-1]} has "
                                         f"{', '.join(sorted(allowed))})")
        if not isinstance(value, allowed[key]) or isinstance(value, bool):
            raise fail(f"{where}.{key}", f"expected {_type_name(allowed[key])}, got {value!r}")
        choices = item_choices(collection, key)
        if choices and value not in choices:
            raise fail(f"{where}.{key}", f"expected one of {', '.join(choices)}, got {value!r}")
    return ItemEdit(collection, index, remove, values)


def item_fields(collection: str) -> dict[str, tuple[type, ...]]:
    """Editable fields of a figure or agreement and the types they accept, from the records."""
    record = typing.get_args(typing.get_type_hints(Facts)[collection])[0]
    hints = typing.get_type_hints(record)
    return {f.name: _accepts(hints[f.name]) for f in dataclasses.fields(record)
            if f.name not in _ITEM_FIXED}


def item_choices(collection: str, name: str) -> tuple[str, ...]:
    """The values a Literal field of a figure or agreement allows (none: any text)."""
    record = typing.get_args(typing.get_type_hints(Facts)[collection])[0]
    return _literals(typing.get_type_hints(record).get(name))


def _accepts(hint: Any) -> tuple[type, ...]:
    """A number field takes a number; any other (text, a choice, optional text) takes text."""
    kinds = {hint, *typing.get_args(hint)}
    return (int, float) if kinds & {int, float} else (str,)


def _literals(hint: Any) -> tuple[str, ...]:
    if hint is None:
        return ()
    if typing.get_origin(hint) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(hint))
    return tuple(c for arg in typing.get_args(hint) for c in _literals(arg))


def _type_name(kinds: tuple[type, ...]) -> str:
    return "a number" if float in kinds else "text"


# -- checkers of the facts fields ---------------------------------------------------------


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected non-empty text, got {value!r}")
    return " ".join(value.split())


def _text_or_none(value: Any) -> str | None:
    return None if value == "" else _text(value)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if isinstance(value, str) and len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: Any) -> dt.date:
    raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")


def _kind(value: Any) -> str:
    if value not in KINDS:
        raise ValueError(f"expected one of {', '.join(KINDS)}, got {value!r}")
    return str(value)


def _country(value: Any) -> str | None:
    if value == "":
        return None
    if not isinstance(value, str) or pycountry.countries.get(alpha_2=value.upper()) is None:
        raise ValueError(f"expected an ISO 3166-1 alpha-2 code such as FR, got {value!r}")
    return value.upper()


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of text, got {value!r}")
    return tuple(_text(v) for v in value)


def _sectors(value: Any) -> tuple[str, ...]:
    chosen = _texts(value)
    unknown = [s for s in chosen if s not in SECTOR_KEYWORDS]
    if unknown:
        raise ValueError(f"unknown sector {unknown[0]!r} (known: {', '.join(sorted(SECTOR_KEYWORDS))})")
    return tuple(dict.fromkeys(chosen))


def _person(value: Any) -> Person:
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a table with {', '.join(PERSON_KEYS)}, got {value!r}")
    unknown = sorted(set(value) - set(PERSON_KEYS))
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r} of a person (expected {', '.join(PERSON_KEYS)})")
    name, role, org = (_text_or_none(value.get(k, "")) for k in PERSON_KEYS)
    if name is None and org is None:
        raise ValueError("a person needs a name or an organisation")
    return Person(name, role, org)


def _person_or_none(value: Any) -> Person | None:
    return None if value in ("", {}) else _person(value)


def _people(value: Any) -> tuple[Person, ...]:
    if not isinstance(value, list):
        raise ValueError("expected an array of people ({name = ..., role = ..., organisation = ...})")
    return tuple(_person(v) for v in value)


FACT_FIELDS: dict[str, Callable[[Any], Any]] = {
    "kind": _kind,
    "title": _text_or_none,
    "visit_start": _date,
    "visit_end": _date,
    "host_country": _country,
    "region": _text_or_none,
    "cities": _texts,
    "lead_official": _person_or_none,
    "counterparts": _people,
    "sectors": _sectors,
}


# -- applying ---------------------------------------------------------------------------


def apply(facts: Facts, article_bytes: bytes, correction: Correction | None) -> Corrected:
    """The facts after `correction`; a correction of other text is reported, not applied."""
    if correction is None:
        return Corrected(facts)
    if correction.article_sha256 != article_hash(article_bytes):
        reason = ("the article changed since this correction was written: not applied; "
                  "check the facts again (briefing review) and save, or delete the file")
        return Corrected(facts, status="stale", problem=Problem(str(correction.path), reason))
    changes = {**correction.facts}
    if "visit_start" in changes or "visit_end" in changes:
        changes.update(_dates(facts, changes))
    if "lead_official" in changes or "counterparts" in changes:
        changes.update(_genders(facts, changes))
    fields = [*correction.facts]
    for collection in ("figures", "agreements"):
        edits = [e for e in correction.items if e.collection == collection]
        if edits:
            records, problem = _edit_items(getattr(facts, collection), edits, correction.path)
            if problem:
                return Corrected(facts, status="stale", problem=problem)
            changes[collection] = records
            fields += [_item_name(e, k) for e in edits for k in (e.values or {"": 0})]
    corrected = dataclasses.replace(facts, **changes)
    if "kind" in changes and changes["kind"] == "visit" and facts.kind != "visit":
        corrected = dataclasses.replace(corrected, reason=None)
    return Corrected(corrected, tuple(fields) + (("drop",) if correction.drop else ()),
                     correction.drop, "applied")


def _genders(facts: Facts, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The corrected people with the gender the article shows (their titles agree with it)."""
    lead = changes.get("lead_official", facts.lead_official)
    counterparts = changes.get("counterparts", facts.counterparts)
    names = [p.name for p in (facts.lead_official, *facts.counterparts) if p and p.name]
    lead, others = gender.with_genders(lead, counterparts, facts.sentences, names)
    told = {"lead_official": lead, "counterparts": tuple(others)}
    return {key: value for key, value in told.items() if key in changes}


def _item_name(edit: ItemEdit, key: str) -> str:
    if edit.remove:
        return f"{edit.collection}[{edit.index}]"
    return f"{edit.collection}[{edit.index}].{key}"


def _dates(facts: Facts, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Dates set by an editor are stated; an end before the start moves with it."""
    start = changes.get("visit_start", facts.visit_start)
    end = changes.get("visit_end", facts.visit_end)
    if start and (end is None or end < start):
        end = start
    return {"visit_start": start, "visit_end": end, "date_confidence": "stated",
            "date_note": "set by an editor", "visit_start_partial": None,
            "visit_end_partial": None}


def _edit_items(records: tuple[Any, ...], edits: Iterable[ItemEdit], path: Path
                ) -> tuple[tuple[Any, ...], Problem | None]:
    kept: list[Any] = list(records)
    for edit in edits:
        if edit.index >= len(records):
            return records, Problem(str(path), f"{edit.collection}[{edit.index}]: the article has only "
                                               f"{len(records)} {edit.collection}: not applied")
        if edit.values:
            kept[edit.index] = dataclasses.replace(kept[edit.index], **_typed(kept[edit.index], edit.values))
    removed = {e.index for e in edits if e.remove}
    return tuple(r for n, r in enumerate(kept) if n not in removed), None


def _typed(record: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """Numbers stay floats where the record holds a float (5 in a file means 5.0)."""
    return {k: float(v) if isinstance(getattr(record, k), float) else v for k, v in values.items()}


# -- a whole folder ---------------------------------------------------------------------


def load_folder(corrections_dir: Path) -> tuple[dict[str, Correction], list[Problem]]:
    """Every correction of a folder by article name; a bad file is a Problem, the rest load."""
    found: dict[str, Correction] = {}
    problems: list[Problem] = []
    folder = Path(corrections_dir)
    if not folder.is_dir():
        return found, problems
    # Dot files are the temporary files of an interrupted save: never half a correction.
    for path in sorted(p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith(".")):
        try:
            correction = load(path)
        except CorrectionError as exc:
            problems.append(Problem(str(path), str(exc).removeprefix(f"{path}: ")))
            continue
        found[correction.article] = correction
    return found, problems


def orphans(corrections: Mapping[str, Correction], articles: Iterable[Path]) -> list[Problem]:
    """Corrections whose article is no longer among the articles read."""
    present = {Path(a).name for a in articles}
    return [Problem(str(c.path), f"no article {name!r} any more: this correction is not used")
            for name, c in sorted(corrections.items()) if name not in present]


# -- writing ----------------------------------------------------------------------------


class StaleSave(CorrectionError):
    """The correction file changed since the form being saved was opened."""


def save(path: Path, data: Mapping[str, Any], expected_version: str) -> str:
    """Write a correction atomically if the file is still at `expected_version`; return the new one.

    Checks the data first (a save never writes a file `load` would refuse).
    """
    parse(path, data)
    with _folder_lock(path.parent):  # check and write as one step, even across processes
        if version_of(path) != expected_version:
            raise StaleSave(f"{path}: changed since this page was opened (saved from another tab "
                            "or by someone else): nothing saved; reload the page and redo the change")
        write_text(path, to_toml(data))
        return version_of(path)


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # released on close, or when the process dies
        yield


def to_toml(data: Mapping[str, Any]) -> str:
    """A correction as TOML that reads well by hand."""
    import tomli_w

    header = "# A correction of the extracted facts (docs/review.md). Written by `briefing review`.\n"
    return header + tomli_w.dumps(_plain(data), multiline_strings=False)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Person):
        return {k: getattr(value, k) or "" for k in PERSON_KEYS}
    return value


def to_data_value(value: Any) -> Any:
    """A checked field value back as TOML data (a Person as a table, tuples as arrays)."""
    if value is None:
        return ""  # cleared: none
    return _plain(value)


def to_data(correction: Correction) -> dict[str, Any]:
    """The TOML data of a correction (the inverse of `parse`)."""
    data: dict[str, Any] = {"article_sha256": correction.article_sha256}
    if correction.edited_by:
        data["edited_by"] = correction.edited_by
    if correction.edited_at:
        data["edited_at"] = correction.edited_at
    if correction.drop:
        data["drop"] = True
    if correction.facts:
        data["facts"] = {k: to_data_value(v) for k, v in correction.facts.items()}
    for collection in ("figures", "agreements"):
        edits = [{"index": e.index, **({"remove": True} if e.remove else {}), **e.values}
                 for e in correction.items if e.collection == collection]
        if edits:
            data[collection] = edits
    return data

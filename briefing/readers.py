"""Readers: a raw article file (plain text or HTML, any usual encoding) -> `Article`.

In: a path.  Out: an `Article` whose text is NFC, paragraphs separated by blank lines,
with page clutter removed ("See more" blocks, "Comment (0)", photo captions, "Source:"
lines, bylines, datelines, trailing "./."), plus the title, publication date and outlet
found in a metadata header or in the body.  Files that cannot be an article (empty,
binary, undecodable, too large) raise `InputError` with a one-line message naming the file.
`article_files` lists the article files of a folder (`ARTICLE_SUFFIXES`), and raises
`NoArticlesError` when there is none.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from pathlib import Path

from .errors import InputError, NoArticlesError
from .models import Article

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".text")  # what a folder of articles holds
MAX_BYTES = 5 * 1024 * 1024  # a news article (even its HTML page) is far below this
LEGACY_ENCODINGS = ("cp1258", "cp1252", "iso-8859-15")

# A line that starts the trailing block of unrelated headlines and site furniture.
_TAIL_MARKERS = re.compile(
    r"^(see more|read more|related news|related articles|related|more news|same tag|same category|"
    r"same author|comments?\s*\(\d+\)|no data|tags?:?|keywords?:?|xem thêm|tin liên quan|"
    r"cùng chuyên mục|bình luận \(\d+\)|lire aussi|à lire aussi|sur le même sujet|"
    r"share this article|follow us.*|you may also like.*)\s*$",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"(\((?:photo|ảnh|image|illustration)\s*:[^)]*\)"
                      r"|\bphoto\s*(?::|by)\s*[\w .\-/]+)\s*$",
                      re.IGNORECASE)
_PHOTO_N = re.compile(r"\bphoto \d+\s*$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^(source|nguồn|sources?)\s*:\s*(.+)$", re.IGNORECASE)
_BYLINE = re.compile(r"^(by|par|written by|author|reported by)\s*:?\s+[\w .,'\-]{2,60}$",
                     re.IGNORECASE | re.UNICODE)
_OUTLET_ONLY = re.compile(r"^[—–-]?\s*\(?([A-ZĐ]{2,6}(?:/[A-ZĐ]{2,6})?)\)?\s*$")
_TRAILING_OUTLET = re.compile(r"\s+[—–-]\s*([A-ZĐ]{2,6})\s*$")
_DATELINE = re.compile(r"^([^\W\d_][^\n—–()]{0,30}?)\s*(?:\(([^)]{2,12})\))?\s*(?:[—–]|\s-)\s+")
_HEADER = re.compile(r"^\s*(date|title|source|published|author|outlet)\s*[:=]?\s+", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_LANG_WORDS = {
    "en": {"the", "and", "of", "to", "in", "with", "for", "is", "was", "on", "said", "that"},
    "fr": {"le", "la", "les", "des", "et", "du", "une", "est", "dans", "avec", "pour", "sur", "a"},
    "vi": {"của", "và", "các", "là", "được", "với", "trong", "cho", "người", "những", "đã",
           "này", "có", "tại", "một"},
}


def read_article(path: str | Path) -> Article:
    """Read the file at `path` and return it as a clean `Article`."""
    source = str(path)
    data = _read_bytes(Path(path), source)
    text = decode(data, source)
    if _looks_like_html(text):
        return _from_html(text, source)
    return article_from_text(text, source)


def article_files(folder: Path) -> list[Path]:
    """The article files directly in `folder`, sorted (runs are deterministic).

    Raise NoArticlesError naming the folder and the suffixes looked for when there is none:
    an empty run would otherwise look like a successful one.
    """
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if found:
        return found
    deeper = sum(1 for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    hint = f"; {deeper} in subfolders, which are not read" if deeper else ""
    raise NoArticlesError(f"{folder}: no article file to read (looked for "
                          f"{', '.join('*' + s for s in ARTICLE_SUFFIXES)} in the folder itself{hint})")


def article_from_text(text: str, source: str) -> Article:
    """Clean plain `text` (header, clutter, dates) into an `Article` for `source`."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    meta, lines = _split_header(text.split("\n"))
    body, found = clean_lines(lines)
    meta = {**found, **meta}
    if "date" not in meta:
        body = _take_stamp(body, meta)
    if not body.strip():
        raise InputError(f"{source}: no article text left after removing page clutter")
    title = meta.get("title") or _title_line(body)
    if title and body.startswith(title):
        body = body[len(title):].lstrip()
    if not body.strip():
        body = title or ""
    return Article(source=source, text=body, title=title,
                   publication_date=meta.get("date"), outlet=meta.get("outlet"),
                   language=detect_language(body), captions=tuple(meta.get("captions", ())))


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{source}: file too large for an article "
                             f"({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not an article file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{source}: empty file")
    return data


def decode(data: bytes, source: str) -> str:
    """Decode `data`: UTF-8 (with or without BOM), UTF-16 with BOM, then legacy encodings."""
    if _is_binary(data):
        raise InputError(f"{source}: binary file, not an article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = _best_legacy(data)
    if best is None:
        raise InputError(f"{source}: not UTF-8 and not readable as "
                         f"{', '.join(LEGACY_ENCODINGS)}; convert it to UTF-8")
    encoding, text = best
    log.info("%s: decoded as %s", source, encoding)
    return text


def _is_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return b"\x00" in head or controls > len(head) * 0.02


def _best_legacy(data: bytes) -> tuple[str, str] | None:
    """Pick the legacy encoding whose text looks most like prose (None if none does)."""
    scored = []
    for encoding in LEGACY_ENCODINGS:
        try:
            text = unicodedata.normalize("NFC", data.decode(encoding))
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text), encoding, text))
    if not scored:
        return None
    score, encoding, text = max(scored, key=lambda s: s[0])
    return (encoding, text) if score > 0.9 else None


def _plausibility(text: str) -> float:
    """Share of characters that prose has (letters, digits, spaces, usual punctuation)."""
    if not text:
        return 0.0
    odd = 0.0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cn") and ch not in "\n\r\t" or cat == "Mn" or cat == "So":
            odd += 1
        elif ch in "ÐðÞþÃÕõ¤¦¨´¸¹²³¼½¾×÷":
            odd += 0.5  # typical of a Vietnamese or UTF-8 text read through cp1252
    return 1 - odd / len(text)


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    tags = re.findall(r"</?(p|div|span|a|br|script|article|body|head)\b", text[:20000], re.I)
    return len(tags) > 5


def _from_html(html: str, source: str) -> Article:
    import trafilatura  # imported here: it is slow to load and only HTML needs it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    text = getattr(doc, "text", None)
    if not text or not text.strip():
        raise InputError(f"{source}: HTML page without article text")
    raw_title = getattr(doc, "title", None)
    title = unicodedata.normalize("NFC", raw_title) if raw_title else None
    date = getattr(doc, "date", None)
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]
    lead = _standfirst(html)
    if lead and not any(lead in p or p in lead for p in paragraphs[:3]):
        paragraphs.insert(0, lead)
    body = "\n\n".join(paragraphs)
    header = f"title: {title}\n" if title else ""
    if date:
        header += f"date: {date}\n"
    return article_from_text(header + body, source)


# The lead paragraph news sites print in bold under the title ("sapo" on Vietnamese sites,
# "chapô" in French) sits outside the article body, where the extraction library drops it.
_STANDFIRST_CLASSES = ("sapo", "chapo", "standfirst", "article__lead", "article-lead",
                       "article__sapo", "lead", "summary", "description", "excerpt")


def _standfirst(html: str) -> str | None:
    """The lead paragraph of the page, if it marks one by its class."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for name in _STANDFIRST_CLASSES:
        nodes = tree.xpath(f"//p[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
                           f"|//div[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")
        for node in nodes[:1]:
            text = " ".join(node.text_content().split())
            if len(text.split()) >= 8:
                return unicodedata.normalize("NFC", text)
    return None


def _split_header(lines: list[str]) -> tuple[dict, list[str]]:
    """Take `key: value` metadata lines (and a bare `date 2025-07-17`) off the top."""
    meta: dict = {}
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines:
        match = _HEADER.match(lines[0])
        if not match:
            break
        key, rest = match.group(1).lower(), lines[0][match.end():]
        if key in ("date", "published"):
            found = _first_date(rest[:40])
            if found is None:
                break
            meta["date"], rest = found[0], rest[found[1]:].lstrip(" ,;|")
            lines = ([rest] if rest.strip() else []) + lines[1:]
        else:
            meta["outlet" if key in ("source", "outlet") else key] = rest.strip() or None
            lines = lines[1:]
    return meta, lines


_STAMP = re.compile(r"\s*\b(?:Updated|Published|Posted|Last updated|Cập nhật|Publié le|"
                    r"Mis à jour le)"
                    r"\s*:?\s*(?:\w+,?\s+)?(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2})?",
                    re.IGNORECASE)


def _take_stamp(body: str, meta: dict) -> str:
    """'Updated: 22/02/2025 10:30' inside the text: the publication date, not prose."""
    match = _STAMP.search(body)
    found = _first_date(match.group(1)) if match else None
    if match is None or found is None:
        return body
    meta["date"] = found[0]
    return (body[:match.start()] + body[match.end():]).strip()


def _first_date(text: str) -> tuple[dt.date, int] | None:
    """Return the first ISO or day/month/year date in `text` and where it ends."""
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_DMY_DATE, (2, 1, 0))):
        match = pattern.search(text)
        if match:
            y, m, d = (int(match.group(i + 1)) for i in order)
            try:
                return dt.date(y, m, d), match.end()
            except ValueError:
                continue
    return None


# Boxes of links a page may put in the middle of an article; the story goes on after them.
_INSERT_MARKERS = re.compile(r"^(see more|read more|related news|related articles|related|more news|"
                             r"xem thêm|tin liên quan|lire aussi|à lire aussi)\s*:?\s*$", re.IGNORECASE)
# The article's own end: "./." or the outlet's sign-off on a line of its own.
_ENDED = re.compile(r"(\./\.|^[—–-]?\s*\(?[A-ZĐ]{2,6}\)?)\s*$")


def clean_lines(lines: list[str]) -> tuple[str, dict]:
    """Drop clutter lines; return the body (blank-line paragraphs) and found metadata.

    A box of links ("Related news") ends the article unless prose follows it before the
    article has signed off: pages insert such boxes mid-story, and what follows them is
    still the story."""
    meta: dict = {}
    kept: list[str] = []
    skipping = resumable = ended = False
    for raw in lines:
        line = " ".join(raw.split())
        if _TAIL_MARKERS.match(line) and len(kept) >= 2:
            skipping, resumable = True, not ended and bool(_INSERT_MARKERS.match(line))
            continue
        if skipping and not (resumable and _prose(line)):
            continue
        skipping = False
        # (an outlet's name above the story is a masthead, not a sign-off)
        ended = ended or len(kept) >= 2 and bool(_ENDED.search(line))
        line = _clean_line(line, meta, first=not kept)
        if line and (not kept or line != kept[-1]):
            kept.append(line)
    return "\n\n".join(kept), meta


def _prose(line: str) -> bool:
    """A paragraph of the story, not a headline: long, and ends a sentence."""
    return len(line) >= 150 and line.rstrip("”\"' ").endswith((".", "./.")) \
        and not line.startswith(("-", "•", "*"))


def _clean_line(line: str, meta: dict, first: bool) -> str:
    caption = _CAPTION.search(line) if line else None
    if caption is not None:
        text = line[:caption.start()].strip()
        if len(text.split()) >= 3:
            meta.setdefault("captions", []).append(text)
        return ""
    if not line or _PHOTO_N.search(line) or _BYLINE.match(line):
        return ""
    source = _SOURCE_LINE.match(line)
    if source:
        meta.setdefault("outlet", _outlet_from_source(source.group(2)))
        return ""
    outlet = _OUTLET_ONLY.match(line)
    if outlet:
        meta.setdefault("outlet", outlet.group(1))
        return ""
    if _date_line(line, meta):
        return ""
    line = re.sub(r"\s*\./\.\s*$", ".", line)
    trailing = _TRAILING_OUTLET.search(line)
    if trailing:
        meta.setdefault("outlet", trailing.group(1))
        line = line[: trailing.start()].rstrip()
    return _strip_dateline(line, meta)


_MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|"
                "November|December")
# "Wednesday, September 24, 2025 - 10:32", "March 19, 2025 - 17:04", "12 June 2025, 14:05"
# Also abbreviated: "Thu, September 18, 2025 | 14:30 GMT+7", "Saturday, Mar 22, 2025,10:40".
_MONTHS_OR_ABBR = rf"(?:{_MONTH_NAMES}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
# Labels written before a publication date stamp ("Published: ...", "Publish date: ...")
_STAMP_WORDS = r"Last updated|Published|Posted|Publish(?:ed)? date|Publication date"
_MONTH_STAMP = re.compile(
    rf"^(?:(?:Updated?|{_STAMP_WORDS})\s*:?\s*)?"
    r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    rf"(?:(?P<m1>{_MONTHS_OR_ABBR})\s+(?P<d1>\d{{1,2}}),?|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS_OR_ABBR}),?)"
    r"\s+(?P<y>\d{4})(?:\s*[-–|,]?\s*\d{1,2}:\d{2}(?:\s*(?:AM|PM|am|pm))?(?:\s*\(?GMT[+-]\d+\)?)?)?"
    r"\s*$", re.IGNORECASE)


def _month_stamp(line: str) -> dt.date | None:
    match = _MONTH_STAMP.match(line)
    if match is None:
        return None
    written = (match.group("m1") or match.group("m2")).lower()[:3]
    month = [m[:3] for m in _MONTH_NAMES.lower().split("|")].index(written)
    try:
        return dt.date(int(match.group("y")), month + 1, int(match.group("d1") or match.group("d2")))
    except ValueError:
        return None


# "By Tuoi Tre News  November 23, 2024, 10:14 GMT+7", "VOV.VN - March 14, 2025": who
# wrote it, then when (a separator is required without "By", so prose never matches)
_BY_DATED = re.compile(rf"^(?:By\s+[^|\d]{{2,40}}?\s*[|,-]?\s+|[^|\d]{{2,30}}?\s*[|\-–—]\s*)"
                       rf"(?P<date>(?:\d{{1,2}}\s+)?(?:{_MONTHS_OR_ABBR})\b.*)$", re.IGNORECASE)


# "Cập nhật / Updated: Thứ Năm, 14/11/2024 10:32": the label and weekday of a date stamp
_STAMP_LABEL = re.compile(rf"^(?:Cập nhật\s*/\s*)?(?:Updated|{_STAMP_WORDS}|Cập nhật)"
                          r"\s*:?\s*(?:(?:Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật|Chủ Nhật)\s*,?\s*)?",
                          re.IGNORECASE)


def _date_line(line: str, meta: dict) -> bool:
    """A short line holding a date (and maybe the outlet name) is metadata, not prose."""
    label = _STAMP_LABEL.match(line)
    stamped = _first_date(line[label.end():]) if label and label.end() else None
    if stamped is not None:
        meta.setdefault("date", stamped[0])
        return True
    by = _BY_DATED.match(line) if len(line) <= 100 else None
    stamp = _month_stamp(by.group("date")) if by else None
    if by and stamp:  # "By Tuoi Tre News  November 23, 2024, 10:14 GMT+7"
        meta.setdefault("date", stamp)  # (the "who" may be a reporter: not taken as the outlet)
        return True
    if len(line) > 80 or len(line.split()) > 8:
        return False
    stamp = _month_stamp(line)
    if stamp is None and "|" in line:  # "By X Y | September 20, 2025": a dated byline
        stamp = next(filter(None, (_month_stamp(part.strip()) for part in line.split("|"))), None)
    if stamp is not None:
        meta.setdefault("date", stamp)
        return True
    found = _first_date(line)
    if found is None:
        return False
    meta.setdefault("date", found[0])
    prefix = _DMY_DATE.split(line)[0] if _DMY_DATE.search(line) else ""
    prefix = prefix.strip(" -|,")
    half = len(prefix) // 2
    if prefix and prefix[:half] == prefix[half:]:
        prefix = prefix[:half]  # "Báo Nhân dânBáo Nhân dân" is one outlet printed twice
    if prefix:
        meta.setdefault("outlet", prefix)
    return True


def _strip_dateline(line: str, meta: dict) -> str:
    """'HÀ NỘI — text' or 'Paris (VNA) – text' -> 'text' (the outlet is kept)."""
    match = _DATELINE.match(line)
    if not match or len(line) < 60:
        return line
    place = match.group(1)
    _, _, written = place.partition(",")
    # "Seville, October 16, 2025 (VNA) –", "Linz, 21 May 2025 –": the dateline is dated
    stamp = _month_stamp(written.strip()) if written else None
    if not (place.isupper() or match.group(2) or stamp):
        return line
    if match.group(2):
        meta.setdefault("outlet", match.group(2))
    if stamp is not None:
        meta.setdefault("date", stamp)
    return line[match.end():]


def _outlet_from_source(value: str) -> str:
    host = re.match(r"https?://(?:www\.)?([^/]+)", value.strip())
    return host.group(1) if host else value.strip()


def _title_line(body: str) -> str | None:
    """The first paragraph is a title when short and not a sentence."""
    first = body.split("\n\n", 1)[0].strip()
    if len(first) > 160 or first.endswith((".", ":", ";")) or "\n\n" not in body:
        return None
    return first if len(first.split()) >= 3 else None


def detect_language(text: str) -> str:
    """Guess en, fr or vi from function words and Vietnamese letters."""
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if not words:
        return "und"
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _LANG_WORDS.items()}
    vi_letters = len(re.findall(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]",
                                text[:20000].lower()))
    if vi_letters > len(words) * 0.3:
        counts["vi"] += vi_letters
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 2 else "und"

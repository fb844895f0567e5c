"""Translations by hand: the PO round trip over the seed articles, with real PO files
written and read back by babel (and polib, a second reader), a real SQLite store and
real PDFs read back.  Bad PO files: each a clear message naming the entry, the rest
imported, nothing stored that failed its check."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from pypdf import PdfReader
from support.fake_backend import FakeBackend

from briefing import pipeline, po, settings
from briefing.cli import main as cli
from briefing.errors import InputError
from briefing.handmade import HandStore
from briefing.translate import MachineTranslator, TranslationCache

ROOT = Path(__file__).resolve().parent.parent
MONTH = "2025-07"


@pytest.fixture
def config(tmp_path: Path) -> settings.Settings:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    loaded = settings.load(tmp_path / "seeds" / "briefing.toml", environ={})
    # Both audiences: an edition quotes one or two sentences of an article (issue #12), and
    # the round trip needs several passages.
    return loaded.replace(audiences=["business", "diaspora"], translation_engine="none")


def pdf_text(path: str | Path) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def write(catalog: Catalog, path: Path, encoding: str = "utf-8") -> Path:
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    data = out.getvalue()
    if encoding != "utf-8":
        data = data.decode("utf-8").replace("charset=utf-8", f"charset={encoding}").encode(encoding)
    path.write_bytes(data)
    return path


def entries(catalog: Catalog) -> list:
    return [m for m in catalog if m.id]


def build_options(config: settings.Settings) -> pipeline.BuildOptions:
    return pipeline.BuildOptions.from_settings(config)


def exported(config: settings.Settings, tmp_path: Path, lang: str = "fr", **kw) -> Catalog:
    report = pipeline.export_translations(build_options(config), MONTH, lang, tmp_path / f"{lang}.po", **kw)
    assert report.path.is_file()
    return read(report.path)


def by_hand(message) -> str:
    """A 'translation' that keeps every name, number and date of the source."""
    return f"[FR] {message.id}"


def test_export_lists_every_passage_left_in_english_with_context(config, tmp_path) -> None:
    catalog = exported(config, tmp_path)
    messages = entries(catalog)
    assert str(catalog.locale) == "fr" and len(messages) >= 2
    assert all(re.fullmatch(r"\d{3}_[0-9a-f]+\.txt#\d+", m.context) for m in messages)
    assert all(any(c.startswith("Article: ") for c in m.auto_comments) for m in messages)
    assert all(any(c.startswith("Shown as: ") for c in m.auto_comments) for m in messages)
    assert all(m.string == "" and not m.fuzzy for m in messages)  # no engine, nothing by hand
    polib = pytest.importorskip("polib")  # a second, independent reader of the same file
    assert len(polib.pofile(str(tmp_path / "fr.po"))) == len(messages)


def test_machine_translations_are_offered_as_fuzzy_suggestions(config, tmp_path) -> None:
    fake = MachineTranslator(FakeBackend(pairs=[("en", "fr")]), TranslationCache(":memory:"))
    messages = entries(exported(config, tmp_path, translator=fake))
    assert messages and all(m.fuzzy and m.string.startswith("‹fr›") for m in messages)
    assert all(any("Machine suggestion: fake-en_fr 1.0" in c for c in m.auto_comments)
               for m in messages)


def test_round_trip_stores_rebuilds_only_that_month_and_language(config, tmp_path) -> None:
    catalog = exported(config, tmp_path)
    for message in entries(catalog):
        message.string = by_hand(message)
    report = pipeline.import_translations(build_options(config), write(catalog, tmp_path / "done.po"))
    assert report.problems == () and report.stored == len(entries(catalog))
    assert report.build is not None
    assert {(e.month, e.lang) for e in report.build.editions} == {(MONTH, "fr")}
    text = pdf_text(report.build.editions[0].path)
    assert "[FR] " in text
    # Every passage this edition shows is now by hand: the colophon counts each kind.
    counts = re.search(r"(\d+) passages? traduits? par une personne, 0 passage traduit "
                       r"automatiquement, 0 passage laissé dans sa langue d’origine", text)
    assert counts and 0 < int(counts[1]) <= len(entries(catalog))
    assert "Texte original" not in text.split("À propos de ce bulletin")[0]
    # Exported again: accepted translations come filled in, not fuzzy.
    again = entries(exported(config, tmp_path))
    assert all(m.string == by_hand(m) and not m.fuzzy for m in again)
    # Imported again: nothing changed, nothing rebuilt.
    same = pipeline.import_translations(build_options(config), tmp_path / "done.po")
    assert same.stored == 0 and same.unchanged == len(again) and same.build is None


def test_hand_translation_survives_reextraction_and_a_changed_source_becomes_fuzzy(
        config, tmp_path) -> None:
    catalog = exported(config, tmp_path)
    first, second = entries(catalog)[:2]
    first.string, second.string = by_hand(first), by_hand(second)
    pipeline.import_translations(build_options(config), write(catalog, tmp_path / "done.po"), rebuild=False)
    article = config.path("articles") / first.context.split("#")[0]
    old_words = first.id.split()[:4]
    raw = article.read_text(encoding="utf-8")
    assert " ".join(old_words) in raw
    article.write_text(raw.replace(" ".join(old_words), " ".join(old_words) + " indeed", 1),
                       encoding="utf-8")
    after = {m.context: m for m in entries(exported(config, tmp_path))}
    assert after[second.context].string == by_hand(second) and not after[second.context].fuzzy
    changed = after[first.context]
    assert changed.id != first.id and changed.fuzzy and changed.string == by_hand(first)
    polib = pytest.importorskip("polib")  # babel writes `#| msgid` but does not read it back
    previous = {e.msgctxt: e.previous_msgid for e in polib.pofile(str(tmp_path / "fr.po"))}
    assert previous[first.context] == first.id and previous[second.context] is None


def test_empty_and_fuzzy_entries_are_never_taken_as_final(config, tmp_path) -> None:
    catalog = exported(config, tmp_path)
    first, second = entries(catalog)[:2]
    first.string, second.string = by_hand(first), by_hand(second)
    second.flags.add("fuzzy")
    report = pipeline.import_translations(build_options(config), write(catalog, tmp_path / "x.po"), rebuild=False)
    assert (report.stored, report.fuzzy, report.untranslated) == (1, 1, len(entries(catalog)) - 2)
    with HandStore(config.path("translation_cache")) as store:
        assert store.count() == 1


# --- bad PO files ------------------------------------------------------------------------


def test_wrong_language_is_one_line_and_stores_nothing(config, tmp_path) -> None:
    catalog = exported(config, tmp_path)
    for message in entries(catalog):
        message.string = by_hand(message)
    catalog.locale = "de"
    path = write(catalog, tmp_path / "de.po")
    result = CliRunner().invoke(cli.main, ["-c", str(config_file(config)), "translations",
                                           "import", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: {path}: Language 'de' is not an edition language (vi, fr, en)"]
    with HandStore(config.path("translation_cache")) as store:
        assert store.count() == 0


def config_file(config: settings.Settings) -> Path:
    return config.path("articles") / "briefing.toml"


@pytest.mark.parametrize("damage, message", [
    (lambda t: t.split("\n\n", 1)[1], "no PO header"),
    (lambda t: re.sub(r'"Language: fr\\n"\n', "", t), "the header has no Language line"),
    (lambda t: t.replace("charset=utf-8", "charset=klingon-7"), "unknown charset 'klingon-7'"),
])
def test_broken_header_is_one_line_naming_the_file(config, tmp_path, damage, message) -> None:
    exported(config, tmp_path)
    path = tmp_path / "fr.po"
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{path}: {message}")):
        pipeline.import_translations(build_options(config), path)


def test_a_file_in_latin1_that_says_so_is_imported(config, tmp_path) -> None:
    first = next(m for m in entries(exported(config, tmp_path)) if m.id.isascii())
    catalog = Catalog(locale="fr")  # comments name Vietnamese people: not latin-1
    catalog.add(first.id, "[FR] déjà " + first.id, context=first.context)
    report = pipeline.import_translations(
        build_options(config),
        write(catalog, tmp_path / "l1.po", encoding="iso-8859-1"), rebuild=False)
    assert report.stored == 1 and report.problems == ()
    with HandStore(config.path("translation_cache")) as store:
        assert store.get_many([first.id], "fr")[first.id].startswith("[FR] déjà ")


def test_an_entry_saved_in_another_encoding_is_refused_by_line_the_rest_imported(
        config, tmp_path) -> None:
    catalog = exported(config, tmp_path)
    first, second = entries(catalog)[:2]
    first.string, second.string = "[FR] été " + first.id, by_hand(second)
    path = write(catalog, tmp_path / "mixed.po")
    data = path.read_bytes()
    path.write_bytes(data.replace("[FR] été".encode(), "[FR] été".encode("latin-1")))  # one bad entry
    report = pipeline.import_translations(build_options(config), path, rebuild=False)
    assert report.stored == 1
    assert len(report.problems) == 1 and first.context in report.problems[0]
    assert "not valid text in the file's encoding" in report.problems[0]
    assert re.match(rf"{re.escape(str(path))}:\d+: ", report.problems[0])


def test_an_entry_whose_source_is_gone_is_refused_the_rest_imported(config, tmp_path) -> None:
    catalog = exported(config, tmp_path)
    first = entries(catalog)[0]
    first.string = by_hand(first)
    catalog.add("A sentence no article holds any more.", "[FR] Une phrase disparue.",
                context="gone.txt#1")
    report = pipeline.import_translations(build_options(config), write(catalog, tmp_path / "x.po"), rebuild=False)
    assert report.stored == 1
    assert [p.split(": ", 1)[1] for p in report.problems] == [
        "gone.txt#1: this source passage no longer exists in the articles"]


KNOWN = {s.text: s for s in [
    po.Source("Trade with %(country)s grew by 1,500 tonnes on 12 March 2024.", "en", "a.txt#1", ""),
    po.Source("Ambassador Đinh Toàn Thắng met the VCCI.", "en", "a.txt#2", ""),
    po.Source("The mayor spoke.", "en", "a.txt#3", ""),
]}
HEADER = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def po_bytes(*pairs: tuple[str, str]) -> bytes:
    body = "".join(f'msgctxt "c{n}"\nmsgid "{src}"\nmsgstr "{dst}"\n\n'
                   for n, (src, dst) in enumerate(pairs, start=1))
    return (HEADER + body).encode("utf-8")


@pytest.mark.parametrize("translation, problem", [
    ("Le commerce avec le pays a crû de 1 500 tonnes le 12 mars 2024.", "placeholder %(country)s dropped"),
    ("Le commerce avec %(country)s a crû de 1 200 tonnes le 12 mars 2024.", "number '1,500' changed"),
    ("Le commerce avec %(country)s a crû de 1 500 tonnes en 2024.", "date '12 March 2024' dropped"),
])
def test_lost_placeholders_numbers_and_dates_are_refused(translation: str, problem: str) -> None:
    checked = po.check_po(po_bytes((next(iter(KNOWN)), translation)), "x.po", KNOWN)
    assert checked.good == () and problem in str(checked.problems[0])
    assert str(checked.problems[0]).startswith("x.po:7: c1: ")


def test_names_keep_their_diacritics_and_acronyms_stay() -> None:
    source = "Ambassador Đinh Toàn Thắng met the VCCI."
    checked = po.check_po(po_bytes((source, "L'ambassadeur Dinh Toan Thang a rencontré la VCCI.")),
                          "x.po", KNOWN, ["Đinh Toàn Thắng"])
    assert "name 'Đinh Toàn Thắng' changed or dropped" in str(checked.problems[0])
    good = po.check_po(po_bytes((source, "L'ambassadeur Đinh Toàn Thắng a rencontré la CCI.")),
                       "x.po", KNOWN, ["Đinh Toàn Thắng"])
    assert "name 'VCCI' changed or dropped" in str(good.problems[0])
    fine = po.check_po(po_bytes((source, "L'ambassadeur Đinh Toàn Thắng a rencontré la VCCI.")),
                       "x.po", KNOWN, ["Đinh Toàn Thắng"])
    assert len(fine.good) == 1 and fine.problems == ()


def test_html_in_a_translation_is_stored_reported_and_printed_as_text(config, tmp_path) -> None:
    catalog = exported(config, tmp_path)
    first = entries(catalog)[0]
    first.string = f"<b>Important</b> <script>x</script> {first.id}"
    report = pipeline.import_translations(build_options(config), write(catalog, tmp_path / "h.po"))
    assert report.stored == 1 and "contains HTML markup; it is shown as text" in report.warnings[0]
    assert report.build is not None
    text = " ".join(pdf_text(e.path) for e in report.build.editions)
    assert "<b>Important</b> <script>x</script>" in text


def test_cli_export_then_import_reports_each_bad_entry_by_line(config, tmp_path) -> None:
    runner = CliRunner()
    base = ["-c", str(config_file(config)), "translations"]
    out = tmp_path / "cli.po"
    env = {"BRIEFING_AUDIENCES": "business,diaspora", "BRIEFING_TRANSLATION_ENGINE": "none"}
    result = runner.invoke(cli.main, [*base, "export", "--month", MONTH, "--lang", "vi", "-o",
                                      str(out)], env=env)
    assert result.exit_code == 0, result.output
    assert f"{out}: " in result.output and "passage(s)" in result.output
    catalog = read(out)
    first, second = entries(catalog)[:2]
    first.string, second.string = by_hand(first), "Bản dịch bỏ mất mọi thứ."
    write(catalog, out)
    result = runner.invoke(cli.main, [*base, "import", "--no-rebuild", str(out)], env=env)
    assert result.exit_code == 1
    refused = [line for line in result.output.splitlines() if line.startswith("refused: ")]
    assert len(refused) == 1 and second.context in refused[0] and f"{out}:" in refused[0]
    assert "1 translation(s) stored for vi" in result.output


def test_exported_file_passes_gnu_gettext_checks(config, tmp_path) -> None:
    # Poedit and Weblate read PO files with GNU gettext's rules: msgfmt --check is the
    # reference validator (header, format strings, previous msgid lines included).
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (apt-get install gettext)")
    fake = MachineTranslator(FakeBackend(pairs=[("en", "fr")]), TranslationCache(":memory:"))
    catalog = exported(config, tmp_path, translator=fake)
    first = entries(catalog)[0]
    first.string, first.flags = by_hand(first), set()
    pipeline.import_translations(build_options(config), write(catalog, tmp_path / "done.po"), rebuild=False)
    article = config.path("articles") / first.context.split("#")[0]
    article.write_text(article.read_text(encoding="utf-8").replace(
        " ".join(first.id.split()[:3]), " ".join(first.id.split()[:3]) + " indeed", 1), encoding="utf-8")
    path = pipeline.export_translations(build_options(config), MONTH, "fr", tmp_path / "check.po",
                                        translator=fake).path
    assert "#| msgid" in path.read_text(encoding="utf-8")
    done = subprocess.run([msgfmt, "--check", "--statistics", "-o", os.devnull, str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "fuzzy translation" in done.stderr


def test_export_holds_what_the_chosen_editions_show(config, tmp_path) -> None:
    business = {m.id for m in entries(exported(config.replace(audiences=["business"]), tmp_path))}
    both = {m.id for m in entries(exported(config, tmp_path))}
    assert business and business < both  # the diaspora edition quotes other highlights

"""`briefing review` over real HTTP (uvicorn on 127.0.0.1, httpx): pages, saves, CSRF, the
token off loopback, two tabs, HTML in fields."""

from __future__ import annotations

import dataclasses
import json
import shutil
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from click.testing import CliRunner
from htmlforms import form_fields, parse, text_of
from mailtools import free_port

from briefing import corrections as fixes
from briefing import review
from briefing import settings as settings_mod
from briefing.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SEED = "002_6910fee4f42e6d0d.txt"
PAGE = f"/article/{SEED}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def make_settings(tmp_path: Path, **changes: object) -> settings_mod.Settings:
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    shutil.copy(ROOT / "seeds" / SEED, articles / SEED)
    values = {"articles": str(articles), "out_dir": str(tmp_path / "out"),
              "corrections_dir": str(tmp_path / "corrections"), "subscribers_csv": "",
              "database": str(tmp_path / "out" / "db.sqlite3"), "secret_env": "UNSET_SECRET"}
    return settings_mod.load(None, {**values, **changes}, environ={})


class Running:
    """A review server in a thread (uvicorn, a real socket)."""

    def __init__(self, app: object) -> None:
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(),
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.server.config.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def site(tmp_path: Path):
    settings = make_settings(tmp_path)
    app = review.create_app(review.ReviewOptions.from_settings(settings))
    with Running(app) as base, httpx.Client(base_url=base, timeout=120) as client:
        yield client, settings


def test_the_article_page_shows_each_fact_with_a_link_to_its_sentence(site) -> None:
    client, _ = site
    page = client.get(PAGE)
    assert page.status_code == 200 and page.headers["content-security-policy"].startswith("default-src 'none'")
    root = parse(page.text)
    sentences = {li.get("id"): "".join(li.itertext()) for li in root.iter(f"{XHTML}li") if li.get("id")}
    legend = next(lg for lg in root.iter(f"{XHTML}legend") if "Lead official" in "".join(lg.itertext()))
    [link] = [a for a in legend.iter(f"{XHTML}a") if a.get("class") == "src"]
    assert "Đinh Toàn Thắng" in sentences[link.get("href").lstrip("#")]
    fields = form_fields(page.text, "facts-form")
    assert fields["lead-name"] == "Đinh Toàn Thắng" and fields["visit_start"] == "2025-07-15"
    assert fields["version"] == ""


def test_a_saved_form_becomes_a_correction_of_just_the_changed_fields(site, tmp_path: Path) -> None:
    client, _ = site
    fields = form_fields(client.get(PAGE).text, "facts-form")
    fields.update({"lead-name": "Trần Văn Bình", "fig-0-value": "31", "edited_by": "Lan"})
    saved = client.post(PAGE, data=fields)
    assert saved.status_code == 303 and saved.headers["location"].endswith("msg=saved")
    correction = fixes.load(tmp_path / "corrections" / f"{SEED}.toml")
    assert set(correction.facts) == {"lead_official"} and correction.edited_by == "Lan"
    assert correction.facts["lead_official"].name == "Trần Văn Bình"
    assert [(e.index, dict(e.values)) for e in correction.items] == [(0, {"value": 31.0})]
    again = form_fields(client.get(PAGE).text, "facts-form")
    assert again["lead-name"] == "Trần Văn Bình" and again["fig-0-value"] == "31"
    # Changing it back to the extractor's value removes that field from the correction.
    again["lead-name"] = "Đinh Toàn Thắng"
    assert client.post(PAGE, data=again).status_code == 303
    assert "lead_official" not in fixes.load(tmp_path / "corrections" / f"{SEED}.toml").facts


@pytest.mark.hostile("serve")
def test_a_second_tab_saving_the_same_article_is_refused_with_a_message(site, tmp_path: Path) -> None:
    client, _ = site
    first_tab = form_fields(client.get(PAGE).text, "facts-form")
    second_tab = dict(first_tab)
    first_tab["region"] = "Nord"
    assert client.post(PAGE, data=first_tab).status_code == 303
    second_tab["region"] = "Pas-de-Calais"
    refused = client.post(PAGE, data=second_tab)
    assert refused.status_code == 409
    assert "Not saved: this article was saved in another tab" in text_of(refused.text)
    assert fixes.load(tmp_path / "corrections" / f"{SEED}.toml").facts["region"] == "Nord"
    assert form_fields(refused.text, "facts-form")["region"] == "Nord"  # the page shows what was kept


@pytest.mark.hostile("serve")
def test_html_in_a_field_is_shown_as_text(site, tmp_path: Path) -> None:
    client, _ = site
    fields = form_fields(client.get(PAGE).text, "facts-form")
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    fields.update({"lead-name": hostile, "region": hostile, "cp-7-name": hostile, "edited_by": hostile})
    assert client.post(PAGE, data=fields).status_code == 303
    for url in (PAGE, "/month/2025-07", "/"):
        page = client.get(url).text
        assert "<script>" not in page and "<img" not in page
    page = client.get(PAGE).text
    assert form_fields(page, "facts-form")["lead-name"] == hostile
    assert hostile in text_of(client.get("/month/2025-07").text)


@pytest.mark.hostile("serve")
def test_a_post_without_the_page_token_or_from_another_site_changes_nothing(site, tmp_path: Path) -> None:
    client, _ = site
    fields = form_fields(client.get(PAGE).text, "facts-form")
    fields["region"] = "Elsewhere"
    assert client.post(PAGE, data={**fields, "csrf": "guess"}).status_code == 403
    assert client.post(PAGE, data=fields, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post("/month/2025-07/approve", data={"by": "x"}).status_code == 403
    assert not (tmp_path / "corrections").exists()


@pytest.mark.hostile("serve")
def test_a_bad_value_is_refused_with_the_field_named(site, tmp_path: Path) -> None:
    client, _ = site
    fields = form_fields(client.get(PAGE).text, "facts-form")
    fields.update({"host_country": "Frankreich", "region": "Nord"})
    refused = client.post(PAGE, data=fields)
    assert refused.status_code == 400
    assert "Country: write its two-letter ISO code, such as FR or DE." in text_of(refused.text)
    assert not (tmp_path / "corrections" / f"{SEED}.toml").exists()
    # In the page's language, naming the field.
    fields = form_fields(client.get(f"{PAGE}?lang=vi").text, "facts-form")
    fields["fig-0-value"] = "nhiều"
    refused = client.post(PAGE, data=fields)
    assert refused.status_code == 400
    assert "Giá trị của số liệu: xin ghi một con số." in text_of(refused.text)
    assert not (tmp_path / "corrections" / f"{SEED}.toml").exists()


@pytest.mark.hostile("serve")
def test_an_unknown_article_or_month_is_a_404(site) -> None:
    client, _ = site
    assert client.get("/article/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/pdf/2025-04/../../x.pdf").status_code == 404
    assert client.get("/month/2025-13").status_code == 404


@pytest.mark.hostile("serve")
def test_off_loopback_the_server_needs_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings(tmp_path, review_host="0.0.0.0", review_token_env="REVIEW_TOKEN_FOR_TEST")
    monkeypatch.delenv("REVIEW_TOKEN_FOR_TEST", raising=False)
    result = CliRunner().invoke(main, ["review", "--host", "0.0.0.0"],
                                env={"BRIEFING_REVIEW_TOKEN": ""})
    assert result.exit_code == 2
    assert result.output.strip() == ("error: review: refusing to listen on 0.0.0.0 without a token: "
                                     "set $BRIEFING_REVIEW_TOKEN (16+ characters) or bind to 127.0.0.1")
    options = review.ReviewOptions.from_settings(settings)
    monkeypatch.setenv("REVIEW_TOKEN_FOR_TEST", "short")
    with pytest.raises(review.ReviewError):
        review.start_token(dataclasses.replace(options, host="192.0.2.7"))
    monkeypatch.setenv("REVIEW_TOKEN_FOR_TEST", "a-long-enough-token-1234")
    assert review.start_token(dataclasses.replace(options, host="::1")) == "a-long-enough-token-1234"
    token = review.start_token(options)  # 0.0.0.0 (loopback: the token is used if set)
    with Running(review.create_app(options, token=token)) as base, httpx.Client(base_url=base) as client:
        assert client.get("/").status_code == 401
        assert client.get("/?token=wrong").status_code == 401
        entered = client.get(f"/?token={token}", follow_redirects=True)  # then a cookie only
        assert entered.status_code == 200 and str(entered.url) == f"{base}/"
        assert client.get(PAGE).status_code == 200


def test_the_page_speaks_the_chosen_language(site) -> None:
    client, _ = site
    for lang, save in (("vi", "Lưu"), ("fr", "Enregistrer")):
        page = client.get(f"{PAGE}?lang={lang}")
        assert parse(page.text).get("lang") == lang
        assert save in text_of(page.text)
        assert parse(client.get("/").text).get("lang") == lang  # remembered by a cookie


@pytest.mark.hostile("serve")
def test_html_typed_in_the_page_is_printed_as_text_in_the_pdf(site, tmp_path: Path) -> None:
    import io

    import pypdf

    client, _ = site
    fields = form_fields(client.get(PAGE).text, "facts-form")
    fields.update({"lead-name": "<b>Bold</b> Nguyễn",
                   "ag-0-text": "<script>alert(1)</script> signed a memorandum of understanding",
                   "region": "<i>Normandy</i>"})
    assert client.post(PAGE, data=fields).status_code == 303
    month = "/month/2025-07"
    built = client.post(f"{month}/build", data=form_fields(client.get(month).text,
                                                           action=f"{month}/build"))
    assert built.status_code == 303 and built.headers["location"].endswith("msg=built")
    pdf = client.get("/pdf/2025-07/briefing-2025-07-business-en.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "<b>Bold</b> Nguyễn" in text
    # An agreement prints as its localised line (issue #12), not as the clause typed in.
    assert "Signed: a memorandum of understanding" in text
    assert "<i>Normandy</i>" in text


@pytest.mark.hostile("articles")
def test_the_months_page_lists_corrections_that_are_bad_or_whose_article_is_gone(site, tmp_path: Path) -> None:
    client, _ = site
    folder = tmp_path / "corrections"
    folder.mkdir()
    (folder / "gone.txt.toml").write_text(f'article_sha256 = "{"0" * 64}"\n', encoding="utf-8")
    (folder / f"{SEED}.toml").write_text('article_sha256 = "x"\n', encoding="utf-8")
    text = text_of(client.get("/").text)
    assert "no article 'gone.txt' any more" in text
    assert f"{SEED}.toml: article_sha256: missing or not a SHA-256" in text
    assert client.get(PAGE).status_code == 200  # the article is still shown, uncorrected


@pytest.mark.hostile("serve")
def test_without_a_token_only_this_machine_names_reach_the_page(site) -> None:
    client, _ = site
    # DNS rebinding: another site's name pointed at 127.0.0.1 must not reach the page.
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get(PAGE, headers={"Host": "localhost"}).status_code == 200


@pytest.mark.hostile("serve")
def test_the_401_page_of_a_missing_token_speaks_the_editor_s_language(tmp_path: Path) -> None:
    token = "a-long-enough-token-1234"
    options = review.ReviewOptions.from_settings(make_settings(tmp_path, review_host="0.0.0.0"))
    headings = {"vi": "Cần có mã truy cập", "fr": "Clé d’accès requise", "en": "Access key required"}
    with Running(review.create_app(options, token=token)) as base, httpx.Client(base_url=base) as client:
        for lang, heading in headings.items():
            # The browser's language when the editor chose none ...
            asked = client.get("/", headers={"Accept-Language": f"{lang}-XX,{lang};q=0.9,de;q=0.5"})
            assert asked.status_code == 401 and parse(asked.text).get("lang") == lang
            assert heading in text_of(asked.text) and token not in asked.text
            # ... and the one chosen on the page over it.
            chosen = client.get(f"{PAGE}?lang={lang}", headers={"Accept-Language": "de"})
            assert chosen.status_code == 401 and heading in text_of(chosen.text)
            assert "Đinh Toàn Thắng" not in chosen.text  # nothing of the article behind the gate
        assert "Access key required" in text_of(client.get("/", headers={"Accept-Language": "de"}).text)
        assert client.get("/review.css").status_code == 200  # the 401 page's style, no data
    # `briefing review --lang fr` makes French the default, before Accept-Language.
    with Running(review.create_app(options, "fr", token)) as base, httpx.Client(base_url=base) as client:
        assert headings["fr"] in text_of(client.get("/", headers={"Accept-Language": "vi"}).text)


def test_without_a_choice_the_page_follows_the_browser_s_language(site) -> None:
    client, _ = site
    client.cookies.clear()
    page = client.get(PAGE, headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8"})
    assert parse(page.text).get("lang") == "fr" and "Enregistrer" in text_of(page.text)


def test_dates_are_shown_year_month_day_with_the_long_form_of_the_language(site) -> None:
    client, _ = site
    for lang, long_form, hint in (("vi", "15 tháng 7 năm 2025", "Ngày tháng ghi theo dạng năm-tháng-ngày"),
                                  ("fr", "15 juillet 2025", "Les dates s’écrivent année-mois-jour"),
                                  ("en", "15 July 2025", "Dates are written year-month-day")):
        page = client.get(f"{PAGE}?lang={lang}")
        fields = form_fields(page.text, "facts-form")
        assert fields["visit_start"] == "2025-07-15"
        text = text_of(page.text)
        assert long_form in text and hint in text
        # The extractor's note on the year, in the page's language (not its English).
        assert "year from the publication date" not in text
    assert "Năm được lấy theo ngày đăng bài (17 tháng 7 năm 2025)" in text_of(client.get(f"{PAGE}?lang=vi").text)


def test_a_date_typed_day_first_is_taken_in_french_and_refused_in_english(site, tmp_path: Path) -> None:
    client, _ = site
    fields = form_fields(client.get(f"{PAGE}?lang=fr").text, "facts-form")
    fields["visit_end"] = "17/07/2025"
    assert client.post(PAGE, data=fields).status_code == 303  # the cookie says French
    correction = fixes.load(tmp_path / "corrections" / f"{SEED}.toml")
    assert str(correction.facts["visit_end"]) == "2025-07-17"
    assert form_fields(client.get(PAGE).text, "facts-form")["visit_end"] == "2025-07-17"


@pytest.mark.hostile("serve")
@pytest.mark.parametrize(("lang", "typed", "says"), [
    ("en", "07/17/2025", "“07/17/2025” (Last day) is not a date: write it year-month-day, for example "
                         "2025-04-13 for 13 April 2025."),
    ("fr", "31/02/2025", "« 31/02/2025 » (Dernier jour) n’est pas une date : écrivez-la"),  # text_of: spaces
    ("vi", "ngày mai", "“ngày mai” (Ngày cuối) không phải là một ngày"),
])
def test_a_date_that_is_no_date_is_refused_in_the_page_s_language(site, tmp_path: Path, lang: str,
                                                                   typed: str, says: str) -> None:
    client, _ = site
    fields = form_fields(client.get(f"{PAGE}?lang={lang}").text, "facts-form")
    fields.update({"visit_end": typed, "lead-name": "Trần Văn Bình"})
    refused = client.post(PAGE, data=fields)
    assert refused.status_code == 400
    assert says in text_of(refused.text)
    assert not (tmp_path / "corrections" / f"{SEED}.toml").exists()  # nothing half-saved


def _golden_date_notes() -> set[str]:
    notes = set()
    for path in (ROOT / "tests" / "goldens").rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("date_note"):
                notes.add(item["date_note"])
    return notes


def test_every_date_note_the_code_writes_is_said_in_each_language() -> None:
    from briefing.extract import core

    notes = _golden_date_notes() | {
        core._undated_note("visit", None) or "",
        "year 2025 inferred from the dates of the other articles of this run",  # pipeline.infer_missing_years
        "set by an editor",  # corrections.apply
        "--04-31 is not a date in 2025",  # extract.dates, a day the year lacks
    }
    assert len(notes) > 5, "the goldens hold the extractor's notes"
    for note in sorted(notes):
        english = review.date_note(note, "en")
        assert not english.startswith("Note of the extractor"), note  # a note the page does not know
        assert review.date_note(note, "vi") != english and review.date_note(note, "fr") != english, note
    assert review.date_note("a note nobody wrote", "fr") == (
        "Note de l’extraction automatique (en anglais)\u202f: a note nobody wrote")


def test_every_field_of_a_figure_or_agreement_has_a_label_in_each_language() -> None:
    for lang in ("vi", "fr", "en"):
        labels = review._field_labels(lang)
        for collection in ("figures", "agreements"):
            assert set(fixes.item_fields(collection)) <= set(labels), (lang, collection)
    kinds = dict(review.item_options("figures", "kind", "fr"))
    assert kinds["trade_turnover"] == "Échanges commerciaux"

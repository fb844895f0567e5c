"""The review page in a real browser: Debian's headless Chromium driven by Playwright.

An editor corrects a lead official with the keyboard, rebuilds the month, reads the name
back from the PDF, approves, and the month goes out over a real SMTP server (aiosmtpd)
with the corrected name in the PDF received.  Nothing is downloaded: Playwright drives
/usr/bin/chromium.  Without that browser (or the playwright package) the tests skip,
saying why; `make test` installs the browser when it can (root and apt-get).
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mailtools import FaultySMTP, add_subscribers
from support.browser import NEEDS_BROWSER
from test_review import SEED, Running, make_settings

from briefing import review
from briefing import settings as settings_mod
from briefing.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
MONTH = "2025-07"
NEW_NAME = "Trần Văn Kiểm"  # not in the article: it can only come from the correction

pypdf = pytest.importorskip("pypdf")
pytestmark = NEEDS_BROWSER



@pytest.fixture
def setup(tmp_path: Path):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(ROOT / "seeds" / SEED, articles / SEED)
    with FaultySMTP() as smtp:
        config = tmp_path / "briefing.toml"
        config.write_text(
            f'articles = "articles"\nout_dir = "out"\ndatabase = "out/db.sqlite3"\n'
            f'corrections_dir = "corrections"\nsubscribers_csv = ""\nsecret_env = "UNSET_SECRET"\n'
            f'mail_backend = "smtp"\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\n'
            f'smtp_retries = 0\n', encoding="utf-8")
        settings = settings_mod.load(config, environ={})
        (tmp_path / "out").mkdir()
        add_subscribers(settings.database, 1)
        with Running(review.create_app(review.ReviewOptions.from_settings(settings))) as base:
            yield base, config, smtp


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_correct_rebuild_approve_and_send_from_the_browser(browser, setup, tmp_path: Path) -> None:
    base, config, smtp = setup
    page = browser.new_page()
    page.goto(base)
    page.locator(f'a[href="/month/{MONTH}"]').first.click()
    page.locator(f'a[href="/article/{SEED}"]').click()
    # Every fact links to its sentence, which the browser highlights (:target).
    page.locator("fieldset legend a.src").first.click()
    target = page.url.rpartition("#")[2]
    assert page.locator(f"#{target}").evaluate("e => e.matches(':target')")
    assert "Đinh Toàn Thắng" in page.locator(f"#{target}").inner_text()
    # Keyboard only: focus the name, replace it, Enter submits the form.
    page.focus("#lead-name")
    page.keyboard.press("Control+A")
    page.keyboard.type(NEW_NAME)
    page.keyboard.press("Enter")
    page.wait_for_url("**msg=saved")
    assert page.locator("#lead-name").input_value() == NEW_NAME
    assert page.get_by_role("status").is_visible()

    page.goto(f"{base}/month/{MONTH}")
    page.click("#rebuild")
    page.wait_for_url("**msg=built", timeout=120_000)
    links = page.locator("ul.editions a")
    assert links.count() == 6
    pdf = page.request.get(base + (links.first.get_attribute("href") or ""))
    assert pdf.headers["content-type"] == "application/pdf"
    assert NEW_NAME in pdf_text(pdf.body())

    # Not approved yet: sending over SMTP is refused, with what to run.
    refused = CliRunner().invoke(main, ["-c", str(config), "send", "--month", MONTH])
    assert refused.exit_code == 2 and f"briefing approve --month {MONTH}" in refused.output
    page.fill("#by", "Lan Nguyễn")
    page.click("#approve")
    page.wait_for_url("**msg=approved")
    assert page.locator("h1 .badge.ok").is_visible()

    sent = CliRunner().invoke(main, ["-c", str(config), "send", "--month", MONTH])
    assert sent.exit_code == 0, sent.output
    assert len(smtp.handler.received) == 6
    for message in smtp.handler.received:
        [attachment] = list(message.iter_attachments())
        assert NEW_NAME in pdf_text(attachment.get_content())
    page.close()


@pytest.mark.parametrize("lang", ["vi", "fr", "en"])
def test_screenshot_of_the_review_page_in_each_language(browser, setup, lang: str, tmp_path: Path) -> None:
    base, _, _ = setup
    page = browser.new_page(viewport={"width": 1366, "height": 768})  # a laptop screen
    page.goto(f"{base}/article/{SEED}?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    # Nothing wider than the screen: no sideways scrolling on a laptop.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    folder = Path(os.environ.get("BRIEFING_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"review-article-{lang}.png"
    page.screenshot(path=str(shot))
    page.screenshot(path=str(folder / f"review-article-{lang}-full.png"), full_page=True)
    assert shot.stat().st_size > 10_000
    page.goto(f"{base}/month/{MONTH}")
    page.screenshot(path=str(folder / f"review-month-{lang}.png"))
    page.close()


@pytest.mark.parametrize(("lang", "locale", "heading"), [
    ("vi", "vi-VN", "Cần có mã truy cập"), ("fr", "fr-FR", "Clé d’accès requise"),
    ("en", "en-GB", "Access key required")])
def test_screenshot_of_the_401_page_in_the_browser_s_language(browser, tmp_path: Path, lang: str,
                                                               locale: str, heading: str) -> None:
    options = review.ReviewOptions.from_settings(make_settings(tmp_path, review_host="0.0.0.0"))
    with Running(review.create_app(options, token="a-long-enough-token-1234")) as base:
        context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 768})
        page = context.new_page()
        response = page.goto(base)  # no token: the browser sends its own Accept-Language
        assert response is not None and response.status == 401
        assert page.locator("html").get_attribute("lang") == lang
        assert page.get_by_role("heading", level=1).inner_text() == heading
        folder = Path(os.environ.get("BRIEFING_SCREENSHOTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"review-401-{lang}.png"))
        context.close()

"""The subscriber's pages in a real browser: Debian's headless Chromium, driven by Playwright.

A message received by a real SMTP server (aiosmtpd) carries the preferences link; the
browser opens it, switches the language to French with the keyboard only, and the next
edition sent to that address is the French one.  A visitor subscribes through the form,
confirms from the message received, and gets the next edition.  Screenshots of the pages
are left in the test's temporary folder (`BRIEFING_SCREENSHOTS=<folder>` keeps them) for
a person to look at.  Nothing is downloaded: Playwright drives /usr/bin/chromium.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from mailtools import FaultySMTP, add_subscribers, free_port, mail_options, make_settings, write_editions
from support.browser import NEEDS_BROWSER
from test_serve import serving

from briefing.delivery import mail

pytestmark = NEEDS_BROWSER



@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("BRIEFING_SCREENSHOTS", tmp_path / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def link_in(message, path: str) -> str:
    found = re.search(rf"http://\S+/{path}/\S+", message.get_body(("plain",)).get_content())
    assert found, message
    return found[0]


def received_by(server: FaultySMTP, address: str):
    [message] = [m for m in server.handler.received
                 if m["To"].addresses[0].addr_spec.lower() == address]
    return message


def smtp_settings(tmp_path: Path, server: FaultySMTP, web_port: int):
    return make_settings(tmp_path, mail_backend="smtp", smtp_host="127.0.0.1",
                         smtp_port=server.port, base_url=f"http://127.0.0.1:{web_port}")


def test_switching_to_french_in_the_browser_sends_the_french_edition_next(
        tmp_path: Path, browser, shots: Path) -> None:
    web_port, address = free_port(), "diaspora.vi.0@example.org"
    with FaultySMTP() as server:
        settings = smtp_settings(tmp_path, server, web_port)
        write_editions(Path(settings.out_dir))
        write_editions(Path(settings.out_dir), "2025-04")
        add_subscribers(settings.database, 1)
        assert mail.deliver(mail.find_editions(Path(settings.out_dir), ["2025-03"]), mail_options(settings)).sent == 6
        link = link_in(received_by(server, address), "preferences")
        with serving(settings, web_port):
            page = browser.new_page(locale="en-GB")
            page.goto(link)
            assert page.locator("html").get_attribute("lang") == "vi"
            page.screenshot(path=str(shots / "preferences-vi.png"))
            # Keyboard only (the page has no JavaScript): choose French, Tab to Save, Enter.
            page.locator("#language").focus()
            page.locator("#language").select_option("fr")
            page.locator("#delivery-link").focus()
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.tagName") == "BUTTON"
            page.keyboard.press("Enter")
            page.get_by_text("Vos préférences sont enregistrées").wait_for()
            assert page.locator("html").get_attribute("lang") == "fr"
            page.screenshot(path=str(shots / "preferences-fr-saved.png"))
            page.goto(link[:-1] + ("B" if link.endswith("A") else "A"))  # altered: in English
            page.get_by_text("This preferences link is not valid").wait_for()
            assert page.locator("html").get_attribute("lang") == "en"
            page.screenshot(path=str(shots / "preferences-invalid-en.png"))
            page.close()
        server.handler.received.clear()
        assert mail.deliver(mail.find_editions(Path(settings.out_dir), ["2025-04"]), mail_options(settings)).sent == 6
        message = received_by(server, address)
        assert message["Content-Language"] == "fr"
        [pdf] = list(message.iter_attachments())
        assert pdf.get_filename() == "briefing-2025-04-diaspora-fr.pdf"
    assert {p.name for p in shots.glob("*.png")} >= {
        "preferences-fr-saved.png", "preferences-invalid-en.png", "preferences-vi.png"}


def test_subscribing_in_the_browser_and_confirming_from_the_message(
        tmp_path: Path, browser, shots: Path) -> None:
    web_port, address = free_port(), "lan.nguyen@example.org"
    with FaultySMTP() as server:
        settings = smtp_settings(tmp_path, server, web_port)
        write_editions(Path(settings.out_dir))
        with serving(settings, web_port):
            page = browser.new_page(locale="en-GB")
            page.goto(f"http://127.0.0.1:{web_port}/subscribe")
            assert page.locator("html").get_attribute("lang") == "en"
            page.get_by_label("E-mail address").fill(address)
            page.get_by_label("Name (optional)").fill("Lan")
            page.get_by_label("Language").select_option("vi")
            page.screenshot(path=str(shots / "subscribe-en.png"))
            page.get_by_role("button").click()
            page.get_by_text("Thư xác nhận đang được gửi đến").wait_for()
            assert mail.deliver(mail.find_editions(Path(settings.out_dir)), mail_options(settings)).sent == 0
            confirmation = received_by(server, address)  # the confirmation, and nothing else
            assert len(server.handler.received) == 1 and confirmation["Content-Language"] == "vi"
            page.goto(link_in(confirmation, "confirm"))
            page.screenshot(path=str(shots / "confirm-vi.png"))
            page.get_by_role("button").click()
            page.get_by_text("Cảm ơn bạn").wait_for()
            page.screenshot(path=str(shots / "confirmed-vi.png"))
            page.close()
        server.handler.received.clear()
        assert mail.deliver(mail.find_editions(Path(settings.out_dir)), mail_options(settings)).sent == 1
        [pdf] = list(received_by(server, address).iter_attachments())
        assert pdf.get_filename() == "briefing-2025-03-diaspora-vi.pdf"
    assert {p.name for p in shots.glob("*.png")} >= {
        "subscribe-en.png", "confirm-vi.png", "confirmed-vi.png"}


# A laptop and a phone (the width of a common smartphone in CSS pixels).
SCREENS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def snap(page, folder: Path, name: str, width: int) -> None:
    """Save a screenshot of the whole page, and check nothing needs sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    # The page's style is allowed by its Content-Security-Policy (a column, not full width).
    assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none", name
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("lang", ["vi", "fr", "en"])
def test_screenshots_of_every_subscriber_page(tmp_path: Path, browser, shots: Path, lang: str,
                                              screen: str, monkeypatch) -> None:
    """Every page a subscriber can meet, in one language, for a person to look at."""
    viewport, web_port = SCREENS[screen], free_port()
    with FaultySMTP() as server:
        settings = smtp_settings(tmp_path, server, web_port)
        write_editions(Path(settings.out_dir))
        add_subscribers(settings.database, 1)
        mail.deliver(mail.find_editions(Path(settings.out_dir)), mail_options(settings))
        link = link_in(received_by(server, f"diaspora.{lang}.0@example.org"), "preferences")
        server.handler.received.clear()
        with serving(settings, web_port):
            page = browser.new_page(locale=lang, viewport=viewport)
            name = f"{lang}-{screen}"
            page.goto(link)
            assert page.locator("html").get_attribute("lang") == lang
            snap(page, shots, f"preferences-{name}", viewport["width"])
            page.locator("#delivery-link").check()
            page.locator("form button").first.click()
            page.wait_for_load_state()
            snap(page, shots, f"preferences-saved-{name}", viewport["width"])
            page.goto(link[:-1] + ("B" if link.endswith("A") else "A"))
            snap(page, shots, f"preferences-invalid-{name}", viewport["width"])
            page.goto(f"http://127.0.0.1:{web_port}/subscribe")
            assert page.locator("html").get_attribute("lang") == lang
            address = f"new.{lang}@example.org"
            page.locator("input[type=email]").fill(address)
            page.locator("select[name=language]").select_option(lang)
            snap(page, shots, f"subscribe-{name}", viewport["width"])
            page.locator("form button").first.click()
            page.wait_for_load_state()
            snap(page, shots, f"subscribe-sent-{name}", viewport["width"])
            confirm = link_in(received_by(server, address), "confirm")
            page.goto(confirm)
            snap(page, shots, f"confirm-{name}", viewport["width"])
            page.locator("form button").first.click()
            page.wait_for_load_state()
            snap(page, shots, f"confirmed-{name}", viewport["width"])
            page.goto(confirm[:-1] + ("B" if confirm.endswith("A") else "A"))
            snap(page, shots, f"confirm-invalid-{name}", viewport["width"])
            page.goto(f"http://127.0.0.1:{web_port}/subscribe")
            page.locator("input[type=email]").fill(f"late.{lang}@example.org")
            page.locator("select[name=language]").select_option(lang)
            page.locator("form button").first.click()
            page.wait_for_load_state()
            late = link_in(received_by(server, f"late.{lang}@example.org"), "confirm")
            monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1754006400 + 49 * 3600))
            page.goto(late)
            snap(page, shots, f"confirm-expired-{name}", viewport["width"])
            page.close()
    assert len(list(shots.glob(f"*-{lang}-{screen}.png"))) == 9

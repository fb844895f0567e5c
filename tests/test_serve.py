"""`briefing serve` over real HTTP: uvicorn on 127.0.0.1, requests from httpx."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest
import tinyhtml5
import uvicorn
from click.testing import CliRunner
from mailtools import MONTH, add_subscribers, free_port, make_settings, pdf_bytes, write_editions

from briefing import subscribers as store
from briefing.cli import main
from briefing.serve import create_app

XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def site(tmp_path: Path):
    settings = make_settings(tmp_path)
    write_editions(Path(settings.out_dir))
    add_subscribers(settings.database, 1)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1",
                                           port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    base = f"http://127.0.0.1:{server.config.port}"
    with httpx.Client(base_url=base) as client:
        yield client, settings
    server.should_exit = True
    thread.join(10)


def token_and_status(settings, email: str) -> tuple[str, str]:
    conn = store.connect(settings.database)
    try:
        stored = store.get(conn, email)
        assert stored is not None
        return store.make_token(store.signing_key(conn, settings.secret_env), stored), \
            stored.subscriber.status
    finally:
        conn.close()


@pytest.mark.hostile("serve")
def test_get_shows_a_localised_confirmation_and_changes_nothing(site) -> None:
    client, settings = site
    token, _ = token_and_status(settings, "diaspora.vi.0@example.org")
    page = client.get(f"/unsubscribe/{token}")
    assert page.status_code == 200
    html = tinyhtml5.parse(page.text)
    assert html.get("lang") == "vi"
    [form] = list(html.iter(f"{XHTML}form"))
    assert form.get("method") == "post" and form.get("action") == f"/unsubscribe/{token}"
    [button] = list(form.iter(f"{XHTML}button"))
    assert button.text == "Có, hủy đăng ký cho tôi"
    assert token_and_status(settings, "diaspora.vi.0@example.org")[1] == "active"


def test_post_from_the_page_unsubscribes(site) -> None:
    client, settings = site
    token, _ = token_and_status(settings, "business.fr.0@example.org")
    done = client.post(f"/unsubscribe/{token}")
    assert done.status_code == 200 and "Vous êtes désabonné" in done.text
    assert token_and_status(settings, "business.fr.0@example.org")[1] == "unsubscribed"
    page = client.get(f"/unsubscribe/{token}")
    assert "Vous êtes désabonné" in page.text and "<form" not in page.text


def test_rfc8058_one_click_post(site) -> None:
    client, settings = site
    token, _ = token_and_status(settings, "business.en.0@example.org")
    answer = client.post(f"/unsubscribe/{token}", content=b"List-Unsubscribe=One-Click",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 200 and answer.text == "unsubscribed\n"
    assert token_and_status(settings, "business.en.0@example.org")[1] == "unsubscribed"


@pytest.mark.hostile("serve")
def test_forged_or_altered_tokens_are_refused(site) -> None:
    client, settings = site
    token, _ = token_and_status(settings, "diaspora.en.0@example.org")
    other, _ = token_and_status(settings, "diaspora.fr.0@example.org")
    forged = other.split(".")[0] + "." + token.split(".")[1]
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, altered, "1.AAAAAAAAAAAAAAAAAAAAAAAA", "nothing"):
        assert client.get(f"/unsubscribe/{bad}").status_code == 400
        one_click = client.post(f"/unsubscribe/{bad}", content=b"List-Unsubscribe=One-Click")
        assert one_click.status_code == 400
        page = client.post(f"/unsubscribe/{bad}", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
        assert page.status_code == 400 and "pas valide" in page.text
    assert token_and_status(settings, "diaspora.en.0@example.org")[1] == "active"
    assert token_and_status(settings, "diaspora.fr.0@example.org")[1] == "active"


@pytest.mark.hostile("serve")
def test_link_subscribers_can_fetch_the_pdf_and_nothing_else(site) -> None:
    client, settings = site
    stem = f"briefing-{MONTH}-business-vi"
    pdf = client.get(f"/editions/{MONTH}/{stem}.pdf")
    assert pdf.status_code == 200 and pdf.content == pdf_bytes(stem)
    assert pdf.headers["content-type"] == "application/pdf"
    for path in (f"/editions/{MONTH}/db.sqlite3", "/editions/..%2F/db.sqlite3",
                 f"/editions/{MONTH}/briefing-{MONTH}-x-zz.pdf", "/editions/outbox/x.pdf"):
        assert client.get(path).status_code == 404


@pytest.mark.hostile("serve")
def test_a_port_out_of_range_is_one_line_before_anything_listens() -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert result.output == "error: setting 'serve_port': 70000 not between 1 and 65535\n"

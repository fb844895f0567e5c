"""`briefing serve` over real HTTP: uvicorn on 127.0.0.1, requests from httpx."""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import tinyhtml5
import uvicorn
from click.testing import CliRunner
from mailtools import MONTH, add_subscribers, free_port, mail_options, make_settings, pdf_bytes, write_editions

from briefing.cli.main import main
from briefing.delivery import subscribers as store
from briefing.delivery.serve import ServeOptions, create_app

XHTML = "{http://www.w3.org/1999/xhtml}"


@contextlib.contextmanager
def serving(settings, port: int | None = None) -> Iterator[httpx.Client]:
    """Run `briefing serve`'s app in uvicorn on 127.0.0.1; yield a client for it."""
    server = uvicorn.Server(uvicorn.Config(create_app(ServeOptions.from_settings(settings)), host="127.0.0.1",
                                           port=port or free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    base = f"http://127.0.0.1:{server.config.port}"
    try:
        with httpx.Client(base_url=base) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def site(tmp_path: Path):
    settings = make_settings(tmp_path)
    write_editions(Path(settings.out_dir))
    add_subscribers(settings.database, 1)
    with serving(settings) as client:
        yield client, settings


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


# -- keys that cannot silently change -----------------------------------------------------


def mailed_token(settings, month: str = MONTH) -> tuple[str, str]:
    """Send the month's editions (file backend); return (address, token) of one message."""
    from briefing.delivery import mail

    report = mail.deliver(mail.find_editions(Path(settings.out_dir), [month]), mail_options(settings))
    assert report.ok, report.problems
    eml = sorted((Path(settings.outbox) / f"briefing-{month}-diaspora-fr").glob("*.eml"))[0]
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    token = re.search(r"/unsubscribe/([^>]+)>", message["List-Unsubscribe"])
    assert token
    return message["To"].addresses[0].addr_spec, token[1]


def key_notes(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "unsubscribe" in r.getMessage()
            and r.name == "briefing.delivery.subscribers"]


@pytest.mark.hostile("serve")
def test_without_a_secret_send_and_serve_share_the_stored_key_and_say_so_once(
        tmp_path: Path, caplog) -> None:
    settings = make_settings(tmp_path)  # its secret_env names a variable that is not set
    write_editions(Path(settings.out_dir))
    add_subscribers(settings.database, 1)
    address, token = mailed_token(settings)
    with serving(settings) as client:
        assert client.get(f"/unsubscribe/{token}").status_code == 200
        assert client.post(f"/unsubscribe/{token}", content=b"List-Unsubscribe=One-Click"
                           ).text == "unsubscribed\n"
    assert token_and_status(settings, address)[1] == "unsubscribed"
    [note] = key_notes(caplog)  # once, for send, serve and every request
    assert note.startswith(f"${settings.secret_env} is not set: unsubscribe links are signed "
                           f"with the key stored in {settings.database}")


@pytest.mark.hostile("serve")
def test_a_changed_secret_keeps_every_mailed_link_working(tmp_path: Path, monkeypatch,
                                                          caplog) -> None:
    settings = make_settings(tmp_path, secret_env="BRIEFING_TEST_ROTATED_SECRET")
    write_editions(Path(settings.out_dir))
    write_editions(Path(settings.out_dir), "2025-04")
    add_subscribers(settings.database, 1)
    _, stored_key_token = mailed_token(settings, "2025-04")  # signed by the generated key
    monkeypatch.setenv("BRIEFING_TEST_ROTATED_SECRET", "first secret")
    first_address, first = mailed_token(settings)
    monkeypatch.setenv("BRIEFING_TEST_ROTATED_SECRET", "second secret")
    conn = store.connect(settings.database)
    stored = store.get(conn, first_address)
    assert stored is not None
    second = store.make_token(store.signing_key(conn, settings.secret_env), stored)
    conn.close()
    assert len({stored_key_token, first, second}) == 3
    assert any("holds a new unsubscribe key: links signed by the 2 earlier key(s) stay valid"
               in note for note in key_notes(caplog))
    with serving(settings) as client:
        for token in (stored_key_token, first, second):
            assert client.get(f"/unsubscribe/{token}").status_code == 200, token
        forged = first.split(".")[0] + "." + store.make_token(
            b"never used", stored).split(".")[1]
        assert client.get(f"/unsubscribe/{forged}").status_code == 400
        assert client.post(f"/unsubscribe/{first}").status_code == 200
    assert token_and_status(settings, first_address)[1] == "unsubscribed"


@pytest.mark.hostile("serve")
def test_tokens_are_read_canonically_over_http(site) -> None:
    client, settings = site
    token, _ = token_and_status(settings, "business.vi.0@example.org")
    sub_id, signature = token.split(".")
    arabic = "".join(chr(0x660 + int(d)) for d in sub_id)  # ARABIC-INDIC DIGITs
    fullwidth = "".join(chr(0xFF10 + int(d)) for d in sub_id)
    for bad in (f"0{token}", f"{arabic}.{signature}", f"{fullwidth}.{signature}",
                f"\u00b2.{signature}", f"+{token}", f"{token}=", f"{sub_id}.{signature[:-1]}"):
        assert client.get(f"/unsubscribe/{bad}").status_code == 400, bad
        assert client.post(f"/unsubscribe/{bad}", content=b"List-Unsubscribe=One-Click"
                           ).status_code == 400, bad
    assert token_and_status(settings, "business.vi.0@example.org")[1] == "active"


# -- bounded: request bodies and memory ---------------------------------------------------


def peak_rss_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), in kB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmHWM for {pid}")


def post_streamed(port: int, path: str, total: int, chunked: bool) -> bytes:
    """POST `total` bytes, 64 KiB at a time, stopping as soon as the server answers;
    return the raw answer.  A raw socket: the client must not buffer the body either."""
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
    piece = b"x" * 65536
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{framing}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\n\r\n".encode())
        answer = b""
        try:
            for _ in range(total // len(piece)):
                if select.select([sock], [], [], 0)[0]:
                    break  # the server has answered: stop sending
                sock.sendall(b"10000\r\n" + piece + b"\r\n" if chunked else piece)
            else:
                sock.sendall(b"0\r\n\r\n" if chunked else b"")
            answer = sock.recv(65536)
        except (BrokenPipeError, ConnectionResetError):
            with contextlib.suppress(OSError):
                answer = sock.recv(65536)
        return answer


@pytest.fixture
def server_process(tmp_path: Path):
    """`briefing serve` in its own process (so its memory can be watched), on a free port."""
    config = tmp_path / "briefing.toml"
    config.write_text('out_dir = "out"\ndatabase = "out/db.sqlite3"\n'
                      'secret_env = "BRIEFING_TEST_SECRET_NOT_SET"\n', encoding="utf-8")
    add_subscribers(tmp_path / "out" / "db.sqlite3", 1)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "-c", str(config), "serve",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            break
        time.sleep(0.05)
    try:
        yield proc, port
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.hostile("serve")
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_huge_body_is_refused_with_413_and_memory_stays_bounded(server_process,
                                                                   chunked: bool) -> None:
    proc, port = server_process
    assert httpx.get(f"http://127.0.0.1:{port}/unsubscribe/1.x").status_code == 400  # warm
    before = peak_rss_kb(proc.pid)
    answer = post_streamed(port, "/unsubscribe/1.AAAAAAAAAAAAAAAAAAAAAAAA", 64 * 2**20, chunked)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    grown_mb = (peak_rss_kb(proc.pid) - before) / 1024
    assert grown_mb < 16, f"the server grew by {grown_mb:.0f} MB for a 64 MB body"
    assert proc.poll() is None
    # Still serving, and a small body still goes through.
    small = httpx.post(f"http://127.0.0.1:{port}/unsubscribe/1.x", content=b"a=b" * 1000)
    assert small.status_code == 400


@pytest.mark.hostile("serve")
@pytest.mark.parametrize(("content_type", "body"), [
    ("application/x-www-form-urlencoded", b"List-Unsubscribe=One-Click"),
    (None, b"List-Unsubscribe=One-Click"),
    ("text/plain", b"List-Unsubscribe=One-Click\r\n"),
    ("application/octet-stream", b"List-Unsubscribe=One-Click"),
    ("multipart/form-data; boundary=AaB03x",
     b'--AaB03x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\n'
     b"One-Click\r\n--AaB03x--\r\n"),
])
def test_one_click_answers_unsubscribed_whatever_its_content_type(site, content_type, body) -> None:
    client, settings = site
    token, _ = token_and_status(settings, "diaspora.fr.0@example.org")
    headers = {"Content-Type": content_type} if content_type else {}
    answer = client.post(f"/unsubscribe/{token}", content=body, headers=headers)
    assert (answer.status_code, answer.text) == (200, "unsubscribed\n")
    assert token_and_status(settings, "diaspora.fr.0@example.org")[1] == "unsubscribed"


# -- the preferences page (issue #14) -----------------------------------------------------


def message_links(settings, month: str, stem_part: str, address: str) -> dict[str, str]:
    """The preferences and unsubscribe links of the message sent to `address`."""
    eml = Path(settings.outbox) / f"briefing-{month}-{stem_part}" / f"{address.lower()}.eml"
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    text = message.get_body(("plain",)).get_content()
    found = dict(re.findall(r"/(preferences|unsubscribe)/(\S+)", text))
    assert set(found) == {"preferences", "unsubscribe"}, text
    return found


def select_value(html, name: str) -> str:
    for element in html.iter(f"{XHTML}select"):
        if element.get("name") == name:
            return next(o.get("value") for o in element.iter(f"{XHTML}option")
                        if o.get("selected") is not None)
    for element in html.iter(f"{XHTML}input"):
        if element.get("name") == name and element.get("checked") is not None:
            return str(element.get("value"))
    raise AssertionError(f"no {name} chosen")


def test_a_preferences_link_in_every_message_changes_the_language_of_later_editions(
        tmp_path: Path) -> None:
    from briefing.delivery import mail

    settings = make_settings(tmp_path)
    write_editions(Path(settings.out_dir))
    write_editions(Path(settings.out_dir), "2025-04")
    add_subscribers(settings.database, 1)
    address = "diaspora.vi.0@example.org"
    assert mail.deliver(mail.find_editions(Path(settings.out_dir), [MONTH]), mail_options(settings)).sent == 6
    links = message_links(settings, MONTH, "diaspora-vi", address)
    with serving(settings) as client:
        page = client.get(f"/preferences/{links['preferences']}")
        assert page.status_code == 200
        html = tinyhtml5.parse(page.text)
        assert html.get("lang") == "vi"
        assert [select_value(html, n) for n in ("language", "audience", "delivery")] == \
            ["vi", "diaspora", "attachment"]
        assert token_and_status(settings, address)[1] == "active"  # GET changed nothing
        saved = client.post(f"/preferences/{links['preferences']}",
                            data={"language": "fr", "audience": "diaspora", "delivery": "link"})
        assert saved.status_code == 200
        html = tinyhtml5.parse(saved.text)
        assert html.get("lang") == "fr" and "Vos préférences sont enregistrées" in saved.text
        assert [select_value(html, n) for n in ("language", "delivery")] == ["fr", "link"]
    conn = store.connect(settings.database)
    stored = store.get(conn, address)
    [change] = store.history(conn, address)
    conn.close()
    assert stored is not None and (stored.subscriber.lang, stored.subscriber.delivery) == ("fr", "link")
    assert change.reason == "preferences page: language vi -> fr, delivery attachment -> link"
    # The next edition that address receives is the French one, as a link.
    mail.deliver(mail.find_editions(Path(settings.out_dir), ["2025-04"]), mail_options(settings))
    assert (Path(settings.outbox) / "briefing-2025-04-diaspora-fr" / f"{address}.eml").is_file()
    assert not (Path(settings.outbox) / "briefing-2025-04-diaspora-vi" / f"{address}.eml").exists()


@pytest.mark.hostile("serve")
def test_preferences_need_their_own_valid_signed_link_and_offered_values(site) -> None:
    client, settings = site
    address = "business.en.0@example.org"
    conn = store.connect(settings.database)
    stored = store.get(conn, address)
    assert stored is not None
    key = store.signing_key(conn, settings.secret_env)
    good = store.make_token(key, stored, "preferences")
    conn.close()
    unsubscribe, _ = token_and_status(settings, address)
    sub_id, signature = good.split(".")
    for bad in (unsubscribe, f"0{good}", f"{sub_id}.{signature[:-2]}", "1.x", f"{good}=",
                f"\u0661.{signature}"):
        assert client.get(f"/preferences/{bad}").status_code == 400, bad
        refused = client.post(f"/preferences/{bad}", data={"language": "vi"})
        assert refused.status_code == 400 and "not valid" in refused.text
    # The preferences token does not unsubscribe.
    assert client.post(f"/unsubscribe/{good}", content=b"List-Unsubscribe=One-Click"
                       ).status_code == 400
    for choice in ({"language": "de"}, {"audience": "press"}, {"delivery": "fax"},
                   {"language": "vi\r\nBcc: x@example.org"}):
        refused = client.post(f"/preferences/{good}", data=choice)
        assert refused.status_code == 400 and "not available" in refused.text, choice
    conn = store.connect(settings.database)
    after = store.get(conn, address)
    assert store.history(conn, address) == []
    conn.close()
    assert after is not None and after.subscriber == stored.subscriber

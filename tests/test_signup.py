"""The subscribe form with double opt-in, over real HTTP (uvicorn on 127.0.0.1).

Confirmation messages go through the file backend here (`out/outbox/confirm/`); the
browser test (test_browser.py) receives one through a real SMTP server.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest
import tinyhtml5
from mailtools import add_subscribers, mail_options, make_settings, write_editions
from test_serve import XHTML, serving

from briefing.delivery import mail, signup
from briefing.delivery import subscribers as store

FORM = {"email": "Mai@Example.org", "name": "Mai", "language": "fr", "audience": "business",
        "delivery": "link"}


@pytest.fixture
def site(tmp_path: Path):
    settings = make_settings(tmp_path)
    write_editions(Path(settings.out_dir))
    add_subscribers(settings.database, 1)
    with serving(settings) as client:
        yield client, settings


def confirmation(settings, address: str):
    path = Path(settings.outbox) / "confirm" / f"{address.lower()}.eml"
    if not path.is_file():
        return None
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def confirm_token(settings, address: str) -> str:
    message = confirmation(settings, address)
    assert message is not None
    found = re.search(r"/confirm/(\S+)", message.get_body(("plain",)).get_content())
    assert found
    return found[1]


def subscriber(settings, address: str):
    conn = store.connect(settings.database)
    try:
        return store.get(conn, address)
    finally:
        conn.close()


def signup_rows(settings) -> int:
    conn = store.connect(settings.database)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM signup_requests").fetchone()[0])
    finally:
        conn.close()


def test_subscribe_confirm_by_link_then_receive_the_chosen_edition(site) -> None:
    client, settings = site
    form = client.get("/subscribe", headers={"Accept-Language": "vi"})
    html = tinyhtml5.parse(form.text)
    assert form.status_code == 200 and html.get("lang") == "vi"
    assert {e.get("name") for e in html.iter(f"{XHTML}input")} >= {"email", "name", "audience",
                                                                    "delivery"}
    sent = client.post("/subscribe", data=FORM)
    assert sent.status_code == 200 and "Un message de confirmation vient d’être envoyé à Mai@Example.org" in sent.text
    assert subscriber(settings, FORM["email"]) is None  # nothing before confirmation
    message = confirmation(settings, FORM["email"])
    assert message["Content-Language"] == "fr" and message["Subject"] == \
        "Confirmez votre abonnement au bulletin"
    token = confirm_token(settings, FORM["email"])
    page = client.get(f"/confirm/{token}")  # a prefetching mail client confirms nothing
    assert page.status_code == 200 and "<form" in page.text
    assert subscriber(settings, FORM["email"]) is None
    done = client.post(f"/confirm/{token}")
    assert done.status_code == 200 and "Merci" in done.text
    stored = subscriber(settings, FORM["email"])
    assert stored is not None
    sub = stored.subscriber
    assert (sub.lang, sub.audience, sub.delivery, sub.status, sub.source) == \
        ("fr", "business", "link", "active", "subscribe form")
    assert sub.consent_at == store.now_iso()
    again = client.post(f"/confirm/{token}")  # opened twice
    assert again.status_code == 200 and "déjà confirmé" in again.text
    report = mail.deliver(mail.find_editions(Path(settings.out_dir)), mail_options(settings))
    assert report.ok
    eml = Path(settings.outbox) / "briefing-2025-03-business-fr" / "mai@example.org.eml"
    assert eml.is_file()


@pytest.mark.hostile("serve")
def test_forged_altered_expired_or_foreign_confirmation_links_subscribe_nobody(
        site, monkeypatch) -> None:
    client, settings = site
    client.post("/subscribe", data=FORM)
    token = confirm_token(settings, FORM["email"])
    request_id, signature = token.split(".")
    unsubscribe = store.make_token(b"k", store.StoredSubscriber(int(request_id), store.make_subscriber(
        {**FORM, "consent_at": "2026-01-01"})))
    for bad in (f"0{token}", f"{request_id}.{signature[:-1]}",
                f"{request_id}.{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
                f"{int(request_id) + 1}.{signature}", unsubscribe, "1.x", f"\u0661.{signature}"):
        assert client.get(f"/confirm/{bad}").status_code == 400, bad
        assert client.post(f"/confirm/{bad}").status_code == 400, bad
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1754006400 + (signup.CONFIRM_HOURS + 1) * 3600))
    expired = client.post(f"/confirm/{token}")
    assert expired.status_code == 410 and "expiré" in expired.text
    assert subscriber(settings, FORM["email"]) is None


@pytest.mark.hostile("serve")
def test_the_form_refuses_floods_per_address_and_per_client(site) -> None:
    client, settings = site
    answers = [client.post("/subscribe", data=FORM).status_code for _ in range(5)]
    assert answers == [200] * signup.PER_ADDRESS_PER_HOUR + [429] * (5 - signup.PER_ADDRESS_PER_HOUR)
    others = [client.post("/subscribe", data={**FORM, "email": f"reader{n}@example.org"}).status_code
              for n in range(signup.PER_CLIENT_PER_HOUR)]
    allowed = signup.PER_CLIENT_PER_HOUR - signup.PER_ADDRESS_PER_HOUR
    assert others == [200] * allowed + [429] * (len(others) - allowed)
    assert signup_rows(settings) == signup.PER_CLIENT_PER_HOUR
    assert len(list((Path(settings.outbox) / "confirm").glob("*.eml"))) == 1 + allowed


@pytest.mark.hostile("serve")
@pytest.mark.parametrize("fields", [
    {"email": "mai@example.org\r\nBcc: all@example.org"},
    {"email": "not an address"},
    {"name": "Mai \u202eevil"},
    {"name": "Mai\r\nBcc: all@example.org"},
    {"language": "de"},
    {"audience": "press"},
    {"email": ""},
])
def test_bad_form_input_is_refused_and_nothing_is_sent(site, fields) -> None:
    client, settings = site
    answer = client.post("/subscribe", data={**FORM, **fields})
    assert answer.status_code == 400 and "Please check the address" in answer.text
    assert signup_rows(settings) == 0 and not (Path(settings.outbox) / "confirm").exists()


@pytest.mark.hostile("serve")
def test_html_in_a_name_stays_text_and_a_megabyte_body_is_refused(site) -> None:
    client, settings = site
    script = "<script>alert(1)</script>"
    sent = client.post("/subscribe", data={**FORM, "name": script})
    assert sent.status_code == 200 and "<script>" not in sent.text
    token = confirm_token(settings, FORM["email"])
    assert "<script>" not in client.get(f"/confirm/{token}").text
    client.post(f"/confirm/{token}")
    stored = subscriber(settings, FORM["email"])
    assert stored is not None and stored.subscriber.name == script  # kept as text, escaped on pages
    huge = client.post("/subscribe", content=b"email=" + b"a" * 2**20,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert huge.status_code == 413


def test_removing_a_subscriber_also_forgets_the_sign_up_requests(site) -> None:
    client, settings = site
    client.post("/subscribe", data=FORM)
    assert client.post(f"/confirm/{confirm_token(settings, FORM['email'])}").status_code == 200
    client.post("/subscribe", data={**FORM, "email": "other@example.org"})
    conn = store.connect(settings.database)
    try:
        store.remove(conn, FORM["email"])
        left = [r["email_key"] for r in conn.execute("SELECT email_key FROM signup_requests")]
    finally:
        conn.close()
    assert left == ["other@example.org"]

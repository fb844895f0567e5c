"""Messages as built (parsed back with `email`), and the default file backend with its CLI."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import io
import json
import re
from email.generator import BytesGenerator
from pathlib import Path

import pytest
import tinyhtml5
from click.testing import CliRunner
from mailtools import MONTH, add_subscribers, mail_options, make_settings, pdf_bytes, write_editions

from briefing.cli.main import main
from briefing.delivery import mail
from briefing.delivery import subscribers as store
from briefing.delivery.transport import FileBackend, SmtpBackend, SmtpConfig
from briefing.errors import MailError
from briefing.models import AUDIENCES, LANGS, RenderedEdition, Subscriber

XHTML = "{http://www.w3.org/1999/xhtml}"
EDITION = RenderedEdition(MONTH, "diaspora", "fr", f"/x/briefing-{MONTH}-diaspora-fr.pdf")


def parse(msg: email.message.EmailMessage) -> email.message.EmailMessage:
    return email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)  # type: ignore[return-value]


def test_message_is_in_the_subscriber_language_with_unsubscribe_headers(tmp_path) -> None:
    settings = make_settings(tmp_path, base_url="https://news.example.org/b/")
    sub = Subscriber("Claire@Example.org", "Claire Martin", "fr", "diaspora")
    msg = parse(mail.compose(EDITION, sub, mail_options(settings), token="7.abc-_", pdf=b"%PDF-1.7 x"))
    assert msg["Subject"] == ("Bulletin des visites officielles, mars 2025\u202f: "
                              "Édition communauté vietnamienne")
    assert msg["To"].addresses[0].display_name == "Claire Martin"
    assert msg["List-Unsubscribe"] == ("<https://news.example.org/b/unsubscribe/7.abc-_>, "
                                       "<mailto:briefing@example.org?subject=unsubscribe%207.abc-_>")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["Message-ID"] == mail.message_id(f"briefing-{MONTH}-diaspora-fr",
                                                "claire@example.org", "example.org")
    text = msg.get_body(("plain",)).get_content()
    assert text.startswith("Bonjour Claire Martin,\n")
    assert "mars 2025" in text and "https://news.example.org/b/unsubscribe/7.abc-_" in text
    html = tinyhtml5.parse(msg.get_body(("html",)).get_content())
    assert html.get("lang") == "fr"
    links = [a.get("href") for a in html.iter(f"{XHTML}a")]
    assert links == ["https://news.example.org/b/unsubscribe/7.abc-_"]  # no tracking, no rewrite
    assert list(html.iter(f"{XHTML}img")) == []
    [pdf] = list(msg.iter_attachments())
    assert pdf.get_content() == b"%PDF-1.7 x"
    assert 'filename="briefing-2025-03-diaspora-fr.pdf"' in pdf["Content-Disposition"]


@pytest.mark.hostile("smtp")
def test_html_escapes_names_and_link_subscribers_get_a_link(tmp_path) -> None:
    settings = make_settings(tmp_path)
    sub = Subscriber("x@example.org", "<b>Ng & Co</b>", "vi", "business", delivery="link")
    edition = RenderedEdition(MONTH, "business", "vi", f"/x/briefing-{MONTH}-business-vi.pdf")
    msg = parse(mail.compose(edition, sub, mail_options(settings), token="1.a", pdf=b"%PDF"))
    assert list(msg.iter_attachments()) == []
    html_source = msg.get_body(("html",)).get_content()
    assert "&lt;b&gt;Ng &amp; Co&lt;/b&gt;" in html_source
    text = msg.get_body(("plain",)).get_content()
    assert text.startswith("Xin chào <b>Ng & Co</b>,")
    assert f"https://briefing.example.org/editions/{MONTH}/briefing-{MONTH}-business-vi.pdf" in text
    assert "tháng 3 năm 2025" in text


@pytest.mark.hostile("smtp")
def test_header_injection_through_the_name_is_refused(tmp_path) -> None:
    sub = Subscriber("x@example.org", "X\r\nBcc: everyone@example.org", "en", "business")
    with pytest.raises(MailError, match="x@example.org"):
        mail.compose(EDITION, sub, mail_options(make_settings(tmp_path)), token="1.a", pdf=b"%PDF")


def test_same_inputs_give_the_same_bytes(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    settings = make_settings(tmp_path)
    sub = Subscriber("a@example.org", "A", "en", "diaspora")
    first = mail.compose(EDITION, sub, mail_options(settings), token="1.a", pdf=b"%PDF").as_bytes()
    assert first == mail.compose(EDITION, sub, mail_options(settings), token="1.a", pdf=b"%PDF").as_bytes()
    assert b"Date: Thu, 01 Jan 2026 00:00:00 +0000" in first


def test_file_backend_writes_one_eml_per_subscriber_once(tmp_path) -> None:
    settings = make_settings(tmp_path)
    editions = write_editions(Path(settings.out_dir))
    subs = add_subscribers(settings.database, 1)
    report = mail.deliver(editions, mail_options(settings))
    assert (report.sent, report.problems) == (6, ())
    files = sorted(Path(settings.outbox).rglob("*.eml"))
    assert [f.parent.name for f in files] == sorted(mail.edition_id(e) for e in editions)
    for path, sub in zip(files, sorted(subs, key=lambda s: (s.audience, s.lang)), strict=True):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert msg["To"].addresses[0].addr_spec == sub.email
        [pdf] = list(msg.iter_attachments())  # type: ignore[attr-defined]
        assert pdf.get_content() == pdf_bytes(path.parent.name)
    before = [f.stat().st_mtime_ns for f in files]
    assert mail.deliver(editions, mail_options(settings)).skipped == 6
    assert [f.stat().st_mtime_ns for f in files] == before


def test_unsubscribe_link_in_the_message_carries_a_valid_token(tmp_path) -> None:
    settings = make_settings(tmp_path)
    editions = write_editions(Path(settings.out_dir))
    add_subscribers(settings.database, 1)
    mail.deliver(editions, mail_options(settings))
    eml = next(Path(settings.outbox).rglob("*.eml"))
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    token = re.search(r"/unsubscribe/([^>]+)>", msg["List-Unsubscribe"]).group(1)  # type: ignore[union-attr]
    conn = store.connect(settings.database)
    key = store.signing_key(conn, settings.secret_env)
    stored = store.check_token(conn, key, token)
    conn.close()
    assert stored is not None and stored.subscriber.email == msg["To"].addresses[0].addr_spec


def test_send_command_finds_rendered_pdfs_and_reports(tmp_path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('out_dir = "out"\ndatabase = "out/db.sqlite3"\noutbox = "out/outbox"\n'
                      'secret_env = "UNSET_SECRET"\n', encoding="utf-8")
    write_editions(tmp_path / "out")
    write_editions(tmp_path / "out", "2025-01")
    add_subscribers(tmp_path / "out" / "db.sqlite3", 1)
    runner = CliRunner()

    def send(*args: str):
        return runner.invoke(main, ["-c", str(config), "send", *args])

    dry = send("--dry-run", "--lang", "fr")
    assert dry.exit_code == 0, dry.output
    assert f"would send: briefing-{MONTH}-business-fr -> business.fr.0@example.org" in dry.output
    assert "2 message(s) would be sent" in dry.output  # the latest month only
    test = send("--test-to", "editor@example.org", "--audience", "business", "--lang", "vi")
    assert test.exit_code == 0 and "1 sent" in test.output
    assert list((tmp_path / "out/outbox").glob("test-*/editor@example.org.eml"))
    real = send("--month", "2025-01", "--month", MONTH)
    assert real.exit_code == 0 and "12 sent" in real.output
    assert "0 sent, 12 already sent" in send("--month", "2025-01", "--month", MONTH).output
    none = send("--month", "2024-12")
    assert none.exit_code == 2 and "no rendered edition for 2024-12" in none.output


def test_run_imports_the_sample_subscribers_and_mails_each_one_edition(tmp_path) -> None:
    from briefing.cli.mail import deliver_editions

    seeds_csv = Path(__file__).resolve().parents[1] / "seeds" / "subscribers.csv"
    settings = make_settings(tmp_path, subscribers_csv=str(seeds_csv))
    editions = write_editions(Path(settings.out_dir))
    report = deliver_editions(settings, editions)
    conn = store.connect(settings.database)
    subs = [s.subscriber for s in store.list_subscribers(conn)]
    conn.close()
    assert {(s.lang, s.audience) for s in subs} == {(g, a) for g in LANGS for a in AUDIENCES}
    assert all(s.email.endswith("@example.org") for s in subs)
    assert (report.sent, report.problems) == (len(subs), ())
    for sub in subs:
        [eml] = Path(settings.outbox).glob(f"briefing-{MONTH}-{sub.audience}-{sub.lang}/{sub.email}.eml")
        msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        assert msg["Content-Language"] == sub.lang
    assert deliver_editions(settings, editions).skipped == len(subs)


def test_send_defaults_to_the_languages_and_audiences_settings(tmp_path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('out_dir = "out"\ndatabase = "out/db.sqlite3"\noutbox = "out/outbox"\n'
                      'secret_env = "UNSET_SECRET"\nlanguages = ["fr"]\naudiences = ["business"]\n',
                      encoding="utf-8")
    write_editions(tmp_path / "out")
    add_subscribers(tmp_path / "out" / "db.sqlite3", 1)
    dry = CliRunner().invoke(main, ["-c", str(config), "send", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert [line for line in dry.output.splitlines() if line.startswith("would send:")] == [
        f"would send: briefing-{MONTH}-business-fr -> business.fr.0@example.org"]


def test_the_subject_is_the_title_the_edition_was_built_with(tmp_path) -> None:
    settings = make_settings(tmp_path)
    titled = dataclasses.replace(EDITION, title="Bản tin tháng 3 năm 2025")
    sub = Subscriber("an@example.org", "An", "fr", "diaspora")
    msg = parse(mail.compose(titled, sub, mail_options(settings), token="1.x", pdf=b"%PDF-1.7 x"))
    assert msg["Subject"] == "Bản tin tháng 3 năm 2025"


def test_editions_found_on_disk_carry_the_title_the_render_recorded(tmp_path) -> None:
    pdf = tmp_path / "2025-03" / "briefing-2025-03-diaspora-fr.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.7 x")
    manifest = {"2025-03/briefing-2025-03-diaspora-fr.pdf": {"inputs": "x", "sha256": "y",
                                                             "title": "Titre enregistré"}}
    (tmp_path / "render-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    [found] = mail.find_editions(tmp_path, ["2025-03"], ["fr"], ["diaspora"])
    assert found.title == "Titre enregistré"


def test_prepared_bytes_are_what_the_standard_generator_writes(tmp_path) -> None:
    # The sender reuses a shared PDF part's bytes and remembers folded header lines
    # (transport.shared, _RepeatedHeaders): neither may change a byte of any message.
    settings = make_settings(tmp_path)
    pdf = pdf_bytes("x") * 40  # several hundred base64 lines
    smtp = SmtpBackend(SmtpConfig("127.0.0.1", 25), sender="briefing@example.org")
    for backend, linesep in ((FileBackend(tmp_path), "\n"), (smtp, "\r\n")):
        for n, lang in enumerate(("fr", "vi", "fr", "en")):  # repeats: the cached paths
            sub = Subscriber(f"r{n}@example.org", f"Ngô Thị {n}", lang, "business")
            edition = dataclasses.replace(EDITION, lang=lang, audience="business")
            msg = mail.compose(edition, sub, mail_options(settings), token=f"{n}.a", pdf=pdf,
                               preferences_token=f"{n}.p")
            buffer = io.BytesIO()
            BytesGenerator(buffer, mangle_from_=False,
                           policy=msg.policy.clone(linesep=linesep)).flatten(msg)
            expected = buffer.getvalue()
            if linesep == "\r\n":  # SMTP's DATA: dot-stuffed, ended by a lone dot
                expected = expected.replace(b"\r\n.", b"\r\n..") + b".\r\n"
            assert backend.prepare(msg) == expected

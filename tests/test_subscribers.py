"""The subscriber store: validation, CSV import/export, tokens, and its CLI commands."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli.main import main
from briefing.delivery import subscribers as store
from briefing.errors import InputError

HEADER = "email,name,language,audience,delivery,consent_at,source\n"


@pytest.fixture
def conn(tmp_path: Path):
    connection = store.connect(tmp_path / "db.sqlite3")
    yield connection
    connection.close()


def write_csv(tmp_path: Path, body: str, header: str = HEADER, encoding: str = "utf-8") -> Path:
    path = tmp_path / "subs.csv"
    path.write_bytes((header + body).encode(encoding))
    return path


@pytest.mark.hostile("subscribers")
def test_import_keeps_good_rows_and_reports_each_bad_line(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "\n".join([
        "lan@example.org,Nguyễn Thị Lan,vi,diaspora,attachment,2026-01-05T09:00:00Z,fair",  # 2
        "not-an-address,X,fr,business,,2026-01-05,web",  # 3
        "LAN@Example.org,Lan again,vi,diaspora,,2026-01-05,web",  # 4: same address, other case
        "marc@example.org,Marc,de,business,,2026-01-05,web",  # 5: unknown language
        "anne@example.org,Anne,fr,press,,2026-01-05,web",  # 6: unknown audience
        '"eve@example.org",\"Eve\r\nBcc: all@example.org\",en,business,,2026-01-05,web',  # 7-8
        "paul@example.org,Paul,en,business,link,,web",  # 9: no consent time
        "",
        "jo@example.org,Jo,EN,Business,LINK,2026-01-05 10:00,",  # 11
    ]) + "\n")
    report = store.import_csv(conn, path)
    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    reasons = {p.item.rsplit(":", 1)[1]: p.reason for p in report.problems}
    assert sorted(reasons, key=lambda lines: int(lines.split("-")[0])) == [
        "3", "4", "5", "6", "7-8", "9"]
    assert "not a valid e-mail address" in reasons["3"]
    assert "duplicate of line 2" in reasons["4"]
    assert "unknown language 'de'" in reasons["5"]
    assert "unknown audience 'press'" in reasons["6"]
    assert "line break" in reasons["7-8"]
    assert "consent_at is empty" in reasons["9"]
    jo = store.get(conn, "JO@example.org")
    assert jo is not None and jo.subscriber.lang == "en" and jo.subscriber.delivery == "link"
    assert jo.subscriber.source == "subs.csv"  # the file name when the column is empty
    assert store.get(conn, "lan@example.org").subscriber.name == "Nguyễn Thị Lan"  # type: ignore[union-attr]


@pytest.mark.hostile("subscribers")
def test_import_refuses_a_file_in_another_encoding(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "a@example.org,Hélène,fr,diaspora,,2026-01-01,x\n",
                     encoding="latin-1")
    with pytest.raises(InputError, match=r"not UTF-8 \(line 2, byte 0xe9\)"):
        store.import_csv(conn, path)
    assert store.list_subscribers(conn) == []


@pytest.mark.hostile("subscribers")
def test_import_refuses_missing_columns(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "a@example.org,A\n", header="email,name\n")
    with pytest.raises(InputError, match="missing column.*language, audience, consent_at"):
        store.import_csv(conn, path)


@pytest.mark.hostile("subscribers")
def test_reimport_is_idempotent_and_never_resubscribes(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "a@example.org,A,fr,diaspora,,2026-01-01,x\n")
    assert store.import_csv(conn, path).added == 1
    store.unsubscribe(conn, "A@example.org")
    path = write_csv(tmp_path, "a@example.org,Anne,fr,business,,2026-01-01,x\n")
    report = store.import_csv(conn, path)
    assert (report.added, report.updated) == (0, 1)
    stored = store.get(conn, "a@example.org")
    assert stored is not None
    assert (stored.subscriber.audience, stored.subscriber.status) == ("business", "unsubscribed")
    assert store.import_csv(conn, path).unchanged == 1


@pytest.mark.hostile("subscribers")
def test_add_refuses_a_case_duplicate_and_header_injection(conn) -> None:
    fields = {"email": "Bob@Example.org", "language": "en", "audience": "business",
              "consent_at": "2026-01-01"}
    store.add(conn, store.make_subscriber(fields))
    with pytest.raises(InputError, match="already in the list as Bob@Example.org"):
        store.add(conn, store.make_subscriber({**fields, "email": "bob@example.ORG"}))
    with pytest.raises(InputError, match="line break"):
        store.make_subscriber({**fields, "email": "x@example.org\r\nBcc: y@example.org"})
    with pytest.raises(InputError, match="line break"):
        store.make_subscriber({**fields, "email": "z@example.org", "name": "Z\nBcc: y"})


@pytest.mark.hostile("subscribers")
@pytest.mark.parametrize("address", [
    "plain", "a@b", "a@@example.org", "a b@example.org", ".a@example.org", "a..b@example.org",
    "a@-example.org", "a@example..org", "trần@example.org", "a@example.org>", "",
])
def test_malformed_addresses_are_refused(address: str) -> None:
    with pytest.raises(InputError):
        store.normalise_email(address)


def test_export_round_trips_through_import(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "a@example.org,\"Lê, Văn\",vi,business,link,2026-01-01,x\n")
    store.import_csv(conn, path)
    out = io.StringIO()
    assert store.export_csv(conn, out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["name"] == "Lê, Văn" and rows[0]["status"] == "active"
    other = store.connect(tmp_path / "other.sqlite3")
    (tmp_path / "back.csv").write_text(out.getvalue(), encoding="utf-8")
    assert store.import_csv(other, tmp_path / "back.csv").added == 1
    assert store.list_subscribers(other)[0].subscriber == store.list_subscribers(conn)[0].subscriber
    other.close()


@pytest.mark.hostile("subscribers")
def test_tokens_are_bound_to_the_subscriber_and_key(conn) -> None:
    for email in ("a@example.org", "b@example.org"):
        store.add(conn, store.make_subscriber({"email": email, "language": "fr",
                                               "audience": "diaspora", "consent_at": "2026-01-01"}))
    key = store.signing_key(conn, "BRIEFING_TEST_SECRET_NOT_SET")
    assert store.signing_key(conn, "BRIEFING_TEST_SECRET_NOT_SET") == key  # stored once
    a, b = (store.get(conn, e) for e in ("a@example.org", "b@example.org"))
    assert a is not None and b is not None
    token = store.make_token(key, a)
    assert store.check_token(conn, key, token) == a
    forged = f"{b.id}.{token.split('.')[1]}"
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (forged, altered, "", "x", f"{a.id}.", "99.AAAA", token + "x"):
        assert store.check_token(conn, key, bad) is None
    assert store.check_token(conn, b"another key", token) is None


def test_signing_key_comes_from_the_environment_when_set(conn, monkeypatch) -> None:
    monkeypatch.setenv("MY_SECRET", "s3cret")
    assert store.signing_key(conn, "MY_SECRET") == b"s3cret"


@pytest.mark.hostile("subscribers")
def test_cli_manages_the_list(tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('database = "db.sqlite3"\n', encoding="utf-8")
    runner = CliRunner()

    def cli(*args: str):
        return runner.invoke(main, ["-c", str(config), "subscribers", *args])

    added = cli("add", "Lan@example.org", "--name", "Lan", "--lang", "vi",
                "--audience", "diaspora")
    assert added.exit_code == 0, added.output
    again = cli("add", "lan@EXAMPLE.org", "--lang", "vi", "--audience", "diaspora")
    assert again.exit_code == 2 and "already in the list" in again.output
    csv_path = write_csv(tmp_path, "x@example.org,X,fr,business,,2026-01-01,x\nbad,,fr,x,,,\n")
    imported = cli("import", str(csv_path))
    assert imported.exit_code == 1
    assert "1 added" in imported.output and f"{csv_path}:3" in imported.output
    assert cli("unsubscribe", "X@example.org").exit_code == 0
    listing = cli("list", "--status", "active").output.splitlines()
    assert listing == ["Lan@example.org\tvi\tdiaspora\tattachment\tactive\tLan"]
    exported = cli("export").output
    assert "x@example.org,X,fr,business,attachment" in exported and ",unsubscribed" in exported
    assert cli("remove", "lan@example.org").exit_code == 0
    missing = cli("remove", "lan@example.org")
    assert missing.exit_code == 2 and "not in the subscriber list" in missing.output


@pytest.mark.hostile("subscribers")
def test_database_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    from briefing.translate import TranslationCache

    old_umask = os.umask(0o022)  # the usual umask: files readable by everyone
    try:
        conn = store.connect(tmp_path / "new" / "briefing.sqlite3")
        store.signing_key(conn, "BRIEFING_TEST_SECRET_NOT_SET")  # a write: -wal and -shm
        with TranslationCache(tmp_path / "cache" / "translations.sqlite3") as cache:
            cache.put_many("m 1", "en", "fr", {"a visit": "une visite"})
            files = sorted(tmp_path.rglob("*.sqlite3*"))
            modes = {f.name: oct(f.stat().st_mode & 0o777) for f in files}
        conn.close()
    finally:
        os.umask(old_umask)
    assert {"briefing.sqlite3", "briefing.sqlite3-wal", "translations.sqlite3"} <= set(modes)
    assert set(modes.values()) == {"0o600"}, modes


@pytest.mark.hostile("subscribers")
def test_tokens_are_parsed_canonically(conn) -> None:
    store.add(conn, store.make_subscriber({"email": "a@example.org", "language": "vi",
                                           "audience": "business", "consent_at": "2026-01-01"}))
    key = store.signing_key(conn, "BRIEFING_TEST_SECRET_NOT_SET")
    stored = store.get(conn, "a@example.org")
    assert stored is not None and stored.id == 1
    token = store.make_token(key, stored)
    signature = token.split(".")[1]
    assert store.check_token(conn, key, token) == stored
    for bad in (f"0{token}", f"00{token}", f"\u0661.{signature}", f"\uff11.{signature}",
                f"\u00b9.{signature}", f"+{token}", f" {token}", f"{token}\n", f"{token}=",
                f"1.{signature}.", f"1_.{signature}"):
        assert store.check_token(conn, key, bad) is None, repr(bad)

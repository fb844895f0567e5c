"""Hostile CSV files and suppressions: nothing an import reads is lost silently.

Every physical line of a file is accounted for; an unsubscribed or bounced person is
never made active again except on purpose (`reactivate`, `import --reactivate`); an
export is safe to open in a spreadsheet and imports back unchanged.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli.main import main
from briefing.delivery import subscribers as store
from briefing.errors import InputError

HEADER = "email,name,language,audience,delivery,consent_at,source\n"
hostile = pytest.mark.hostile("subscribers")


@pytest.fixture
def conn(tmp_path: Path):
    connection = store.connect(tmp_path / "db.sqlite3")
    yield connection
    connection.close()


def write_csv(tmp_path: Path, body: str, header: str = HEADER, name: str = "subs.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((header + body).encode("utf-8"))
    return path


def accounted(report: store.ImportReport) -> int:
    return (report.header_lines + report.blank + report.added + report.updated + report.unchanged
            + report.refused_lines)


def add(conn, email: str, **fields: str) -> store.StoredSubscriber:
    row = {"email": email, "language": "fr", "audience": "diaspora",
           "consent_at": "2026-01-01T00:00:00Z", "source": "fair", **fields}
    store.add(conn, store.make_subscriber(row))
    stored = store.get(conn, email)
    assert stored is not None
    return stored


@hostile
def test_an_unterminated_quote_is_reported_with_every_line_it_swallows(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "\n".join([
        "a@example.org,A,fr,diaspora,,2026-01-01,x",  # 2
        'b@example.org,"B,fr,diaspora,,2026-01-01,x',  # 3: the quote is never closed
        "c@example.org,C,fr,diaspora,,2026-01-01,x",  # 4
        "d@example.org,D,fr,diaspora,,2026-01-01,x",  # 5
    ]) + "\n")
    report = store.import_csv(conn, path)
    assert report.added == 1
    assert [p.item for p in report.problems] == [f"{path}:3-5"]
    assert "lines 3-5" in report.problems[0].reason and "quote" in report.problems[0].reason
    assert (report.lines, report.refused_lines, accounted(report)) == (5, 3, 5)
    assert [s.subscriber.email for s in store.list_subscribers(conn)] == ["a@example.org"]


@hostile
def test_a_quote_closed_lines_later_is_refused_with_the_lines_it_covers(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "\n".join([
        'b@example.org,"B,fr,diaspora,,2026-01-01,x',  # 2: swallows line 3 up to its quote
        'c@example.org,"C",fr,diaspora,,2026-01-01,x',  # 3
        "d@example.org,D,fr,diaspora,,2026-01-01,x",  # 4
    ]) + "\n")
    report = store.import_csv(conn, path)
    assert [p.item for p in report.problems] == [f"{path}:2-3"]
    assert report.added == 1 and accounted(report) == report.lines == 4


@hostile
def test_a_field_over_the_csv_limit_is_refused_and_the_next_lines_read(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path, 'a@example.org,"' + "x" * 200_000 + "\n"
                               "c@example.org,C,fr,diaspora,,2026-01-01,x\n")
    report = store.import_csv(conn, path)
    assert [p.item for p in report.problems] == [f"{path}:2"]
    assert "field larger than field limit" in report.problems[0].reason
    assert report.added == 1 and accounted(report) == report.lines == 3


@hostile
def test_every_physical_line_is_accounted_for_in_the_summary(tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('database = "db.sqlite3"\n', encoding="utf-8")
    path = write_csv(tmp_path, "\r\n".join([
        "a@example.org,A,fr,diaspora,,2026-01-01,x",  # 2 added
        "",  # 3 blank
        "bad,B,fr,diaspora,,2026-01-01,x",  # 4 refused
        "c@example.org,C,fr,diaspora,,2026-01-01,x,extra",  # 5 refused: one field too many
        ',,,,,,',  # 6 blank
        'd@example.org,"D',  # 7-8 refused: unterminated
        "e@example.org,E,fr,diaspora,,2026-01-01,x",  # 8
    ]))
    result = CliRunner().invoke(main, ["-c", str(config), "subscribers", "import", str(path)])
    assert result.exit_code == 1
    assert (f"{path}: 8 lines = 1 header + 2 blank + 1 added + 0 updated + 0 unchanged"
            " + 4 refused") in result.output
    assert f"{path}:5: 8 fields, but the header names 7" in result.output


@hostile
def test_each_refused_line_is_printed_once(tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('database = "db.sqlite3"\n', encoding="utf-8")
    path = write_csv(tmp_path, "bad-address,B,fr,diaspora,,2026-01-01,x\n")
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    done = subprocess.run([sys.executable, "-m", "briefing", "-c", str(config), "subscribers",
                           "import", str(path)], capture_output=True, text=True, env=env)
    assert done.returncode == 1, done.stderr
    assert (done.stdout + done.stderr).count(f"{path}:2") == 1, done.stderr


@hostile
def test_a_column_the_import_does_not_know_is_named_in_the_summary(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "a@example.org,A,fr,diaspora,,2026-01-01,x,+33 1 23,\n",
                     header=HEADER.rstrip("\n") + ",Phone,\n")
    report = store.import_csv(conn, path)
    assert report.added == 1 and report.ignored_columns == ("phone", "#9 (no name)")
    assert report.summary("f.csv").endswith("; column(s) ignored: phone, #9 (no name)")


@hostile
@pytest.mark.parametrize("header", [
    "email,name,language,audience,delivery,consent_at,Email\n",
    "email,NAME,language,audience,name,consent_at,source\n",
    "email,name,language,audience,delivery,consent_at, Source ,source\n",
])
def test_a_header_naming_a_column_twice_is_refused(conn, tmp_path: Path, header: str) -> None:
    path = write_csv(tmp_path, "a@example.org,A,fr,diaspora,,2026-01-01,x\n", header=header)
    with pytest.raises(InputError, match="names the column '[a-z]+' twice"):
        store.import_csv(conn, path)
    assert store.list_subscribers(conn) == []


@hostile
def test_an_export_imports_back_with_status_consent_and_source(conn, tmp_path: Path) -> None:
    add(conn, "a@example.org", source="fair")
    add(conn, "b@example.org", source="web", consent_at="2025-03-04T05:06:07+02:00")
    add(conn, "c@example.org", source="cli")
    store.unsubscribe(conn, "b@example.org")
    store.set_status(conn, "c@example.org", "bounced", "550 no such user")
    exported = io.StringIO()
    store.export_csv(conn, exported)
    back = tmp_path / "back.csv"
    back.write_text(exported.getvalue(), encoding="utf-8")
    other = store.connect(tmp_path / "other.sqlite3")
    try:
        report = store.import_csv(other, back)
        assert report.added == 3 and not report.problems
        assert [s.subscriber for s in store.list_subscribers(other)] == [
            s.subscriber for s in store.list_subscribers(conn)]
        assert store.get(other, "b@example.org").subscriber.source == "web"  # type: ignore[union-attr]
    finally:
        other.close()


@hostile
def test_an_import_never_makes_a_suppressed_person_active(conn, tmp_path: Path) -> None:
    add(conn, "b@example.org")
    add(conn, "c@example.org")
    store.unsubscribe(conn, "b@example.org")
    store.set_status(conn, "c@example.org", "bounced", "550 no such user")
    path = write_csv(tmp_path, "b@example.org,B,fr,diaspora,,2026-06-01,new,active\n"
                               "c@example.org,C,fr,diaspora,,2026-06-01,new,\n",
                     header=HEADER.rstrip("\n") + ",status\n")
    store.import_csv(conn, path)
    assert [s.subscriber.status for s in store.list_subscribers(conn)] == ["unsubscribed", "bounced"]


@hostile
def test_an_exported_suppression_is_applied_by_the_import(conn, tmp_path: Path) -> None:
    add(conn, "b@example.org")
    path = write_csv(tmp_path, "b@example.org,,fr,diaspora,,2026-01-01T00:00:00+00:00,fair,"
                               "unsubscribed\n", header=HEADER.rstrip("\n") + ",status\n")
    report = store.import_csv(conn, path)
    assert report.updated == 1
    assert store.get(conn, "b@example.org").subscriber.status == "unsubscribed"  # type: ignore[union-attr]
    bad = write_csv(tmp_path, "x@example.org,,fr,diaspora,,2026-01-01,fair,gone\n",
                    header=HEADER.rstrip("\n") + ",status\n")
    assert "unknown status 'gone'" in store.import_csv(conn, bad).problems[0].reason


@hostile
def test_a_newer_consent_updates_the_record_and_an_older_one_does_not(conn, tmp_path: Path) -> None:
    add(conn, "a@example.org", consent_at="2026-01-01T00:00:00Z", source="fair")
    older = write_csv(tmp_path, "a@example.org,,fr,diaspora,,2025-06-01,old-list\n")
    assert store.import_csv(conn, older).unchanged == 1
    newer = write_csv(tmp_path, "a@example.org,,fr,diaspora,,2026-05-01T10:00:00Z,web-form\n")
    assert store.import_csv(conn, newer).updated == 1
    sub = store.get(conn, "a@example.org").subscriber  # type: ignore[union-attr]
    assert (sub.consent_at, sub.source) == ("2026-05-01T10:00:00+00:00", "web-form")
    assert store.import_csv(conn, newer).unchanged == 1


@hostile
def test_export_neutralises_formulas_and_imports_them_back(conn, tmp_path: Path) -> None:
    add(conn, "-a@example.org", name="=HYPERLINK(\"http://evil.example\",\"x\")", source="@SUM(1)")
    add(conn, "b@example.org", name="+33 Lan", source="-web")
    out = io.StringIO()
    store.export_csv(conn, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["email"], r["name"], r["source"]) for r in rows] == [
        ("'-a@example.org", "'=HYPERLINK(\"http://evil.example\",\"x\")", "'@SUM(1)"),
        ("b@example.org", "'+33 Lan", "'-web"),
    ]
    back = tmp_path / "back.csv"
    back.write_text(out.getvalue(), encoding="utf-8")
    other = store.connect(tmp_path / "other.sqlite3")
    try:
        assert store.import_csv(other, back).added == 2
        assert [s.subscriber for s in store.list_subscribers(other)] == [
            s.subscriber for s in store.list_subscribers(conn)]
    finally:
        other.close()


@hostile
@pytest.mark.parametrize("char", [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u0085", "\u200b",
])
def test_names_with_bidi_overrides_or_invisible_characters_are_refused(
        conn, tmp_path: Path, char: str) -> None:
    fields = {"email": "a@example.org", "language": "fr", "audience": "diaspora",
              "consent_at": "2026-01-01", "name": f"Lan{char}gpj.exe"}
    with pytest.raises(InputError, match=f"U\\+{ord(char):04X}"):
        store.make_subscriber(fields)
    path = write_csv(tmp_path, f"a@example.org,Lan{char}x,fr,diaspora,,2026-01-01,x\n")
    report = store.import_csv(conn, path)
    assert [p.item for p in report.problems] == [f"{path}:2"] and report.added == 0


# -- reactivation ---------------------------------------------------------------------


@hostile
def test_reactivate_undoes_a_suppression_and_keeps_the_history(conn) -> None:
    add(conn, "b@example.org")
    store.set_status(conn, "b@example.org", "bounced", "550 5.1.1 no such user")
    assert store.reactivate(conn, "B@example.org", reason="mailbox fixed") is True
    assert store.get(conn, "b@example.org").subscriber.status == "active"  # type: ignore[union-attr]
    changes = [(h.old_status, h.new_status, h.reason) for h in store.history(conn, "b@example.org")]
    assert changes == [("active", "bounced", "550 5.1.1 no such user"),
                       ("bounced", "active", "mailbox fixed")]
    assert store.reactivate(conn, "b@example.org") is False  # already active: nothing to undo
    with pytest.raises(InputError, match="not in the subscriber list"):
        store.reactivate(conn, "nobody@example.org")


@hostile
def test_cli_reactivate_goes_on_past_an_unknown_address(tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('database = "db.sqlite3"\n', encoding="utf-8")
    conn = store.connect(tmp_path / "db.sqlite3")
    try:
        for email in ("a@example.org", "b@example.org"):
            add(conn, email)
            store.unsubscribe(conn, email)
    finally:
        conn.close()
    runner = CliRunner()
    result = runner.invoke(main, ["-c", str(config), "subscribers", "reactivate",
                                  "a@example.org", "nobody@example.org", "b@example.org"])
    assert result.exit_code == 1
    assert "reactivated a@example.org" in result.output and "reactivated b@example.org" in result.output
    assert "error: nobody@example.org: not in the subscriber list" in result.output
    listing = runner.invoke(main, ["-c", str(config), "subscribers", "list", "--status", "active"])
    assert len(listing.output.splitlines()) == 2
    shown = runner.invoke(main, ["-c", str(config), "subscribers", "history", "a@example.org"])
    assert "active -> unsubscribed" in shown.output and "unsubscribed -> active" in shown.output
    help_text = runner.invoke(main, ["subscribers", "reactivate", "--help"]).output
    assert "Example:" in help_text


@hostile
def test_import_reactivates_only_when_asked(conn, tmp_path: Path) -> None:
    add(conn, "b@example.org")
    store.unsubscribe(conn, "b@example.org")
    path = write_csv(tmp_path, "b@example.org,,fr,diaspora,,2026-07-01,phone\n")
    assert store.import_csv(conn, path).unchanged == 0  # newer consent: updated, still suppressed
    assert store.get(conn, "b@example.org").subscriber.status == "unsubscribed"  # type: ignore[union-attr]
    report = store.import_csv(conn, path, reactivate=True)
    assert (report.updated, report.reactivated) == (1, 1)
    assert store.get(conn, "b@example.org").subscriber.status == "active"  # type: ignore[union-attr]
    assert [h.new_status for h in store.history(conn, "b@example.org")] == ["unsubscribed", "active"]


def test_export_history_carries_every_change_and_imports_back_once(tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('database = "db.sqlite3"\n', encoding="utf-8")
    conn = store.connect(tmp_path / "db.sqlite3")
    try:
        add(conn, "a@example.org")
        store.set_preferences(conn, "a@example.org", {"language": "vi"}, "preferences page")
        store.unsubscribe(conn, "a@example.org", reason="one-click link")
        expected = [(c.old_status, c.new_status, c.reason, c.changed_at)
                    for c in store.history(conn, "a@example.org")]
    finally:
        conn.close()
    runner = CliRunner()
    result = runner.invoke(main, ["-c", str(config), "subscribers", "export", "-o",
                                  str(tmp_path / "b.csv"), "--history", str(tmp_path / "h.csv")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "h.csv").read_text(encoding="utf-8"))))
    assert [r["reason"] for r in rows] == ["preferences page: language fr -> vi",
                                            "one-click link"]
    assert [(r["old_status"], r["new_status"]) for r in rows] == [
        ("active", "active"), ("active", "unsubscribed")]
    assert {r["email"] for r in rows} == {"a@example.org"}
    other = tmp_path / "other"
    other.mkdir()
    (other / "briefing.toml").write_text('database = "db.sqlite3"\n', encoding="utf-8")
    args = ["-c", str(other / "briefing.toml"), "subscribers", "import", str(tmp_path / "b.csv"),
            "--history", str(tmp_path / "h.csv")]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "2 change(s) added to the history, 0 already kept" in first.output
    assert "0 change(s) added to the history, 2 already kept" in runner.invoke(main, args).output
    back = store.connect(other / "db.sqlite3")
    try:
        restored = [(c.old_status, c.new_status, c.reason, c.changed_at)
                    for c in store.history(back, "a@example.org")]
    finally:
        back.close()
    # Whatever the restore's own import records comes on top of the changes brought back.
    assert [r for r in restored if r in expected] == expected


@hostile
def test_a_bad_history_line_is_refused_by_number_and_the_others_kept(conn, tmp_path: Path) -> None:
    add(conn, "a@example.org")
    path = tmp_path / "h.csv"
    path.write_text("email,changed_at,old_status,new_status,reason\n"
                    "a@example.org,2026-02-01T00:00:00+00:00,active,unsubscribed,asked\n"
                    "nobody@example.org,2026-02-01T00:00:00+00:00,active,bounced,550\n"
                    "a@example.org,yesterday,active,bounced,550\n"
                    "a@example.org,2026-02-02T00:00:00+00:00,active,gone,x\n"
                    "\n", encoding="utf-8")
    report = store.import_history(conn, path)
    assert report.added == 1
    assert [str(p) for p in report.problems] == [
        f"{path}:3: nobody@example.org: not in the subscriber list (import it first)",
        f"{path}:4: changed_at 'yesterday' is not an ISO 8601 time",
        f"{path}:5: status 'gone' is not one of active, unsubscribed, bounced"]
    path.write_text("email,when\n", encoding="utf-8")
    with pytest.raises(InputError, match="the header must be email,changed_at"):
        store.import_history(conn, path)

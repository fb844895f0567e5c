"""Benchmark delivery: 10,000 subscribers, six editions, a local aiosmtpd server.

Renders six PDFs of realistic size (text in Be Vietnam Pro plus one photo-like image,
~70 KB each), imports 10,000 subscribers from a CSV file, sends every message with its
PDF attached through one reused SMTP connection, then compares messages per second with
connection reuse against one connection per message on 500-message samples.
The SMTP server runs in its own process so it does not share the sender's core.

The 10,000 messages go twice: to aiosmtpd (a real server) and to a sink that speaks
just enough SMTP and does not read the message line by line.  aiosmtpd reads DATA one
line at a time in Python (~1,100 base64 lines per message), which costs it more CPU
than the sender spends; on a 2-core machine shared with other work that cost, not the
sender, decides the wall time.  The sink's run measures the sender; both are printed.

Run: PYTHONPATH=. python bench/bench_mail.py
"""

from __future__ import annotations

import csv
import io
import multiprocessing as mp
import os
import random
import socket
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from briefing import settings as settings_mod
from briefing.delivery import mail
from briefing.delivery import subscribers as store
from briefing.delivery.transport import SmtpBackend, SmtpConfig
from briefing.models import AUDIENCES, LANGS, RenderedEdition

MONTH = "2025-03"
SUBSCRIBERS = int(os.environ.get("BENCH_MAIL_SUBSCRIBERS", "10000"))
SAMPLE = 500


def _photo(seed: int) -> str:
    """A PNG data URI of noise: incompressible, like a photograph in an edition."""
    import base64

    from PIL import Image

    pixels = random.Random(seed).randbytes(150 * 110 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (150, 110), pixels).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def render_pdfs(out_dir: Path) -> list[RenderedEdition]:
    from weasyprint import HTML

    para = ("<p>Chủ tịch nước đã hội kiến người đồng cấp, thảo luận về hợp tác kinh tế, "
            "giáo dục và văn hoá; hai bên ký kết 14 văn kiện trị giá hơn 10 tỷ euro. "
            "La visite s'est conclue par une déclaration commune à Hà Nội.</p>")
    editions = []
    for number, (audience, lang) in enumerate((a, g) for a in AUDIENCES for g in LANGS):
        stem = f"briefing-{MONTH}-{audience}-{lang}"
        body = f"<h1>{stem}</h1><img src='{_photo(number)}'>" + ("<h2>Visit</h2>" + para * 6) * 8
        html = (f"<html lang='{lang}'><head><title>{stem}</title><style>body{{font-family:"
                f"'Be Vietnam Pro','Noto Sans'}}</style></head><body>{body}</body></html>")
        path = out_dir / MONTH / f"{stem}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        HTML(string=html).write_pdf(path)
        editions.append(RenderedEdition(MONTH, audience, lang, str(path)))
    return editions


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(store.COLUMNS)
        for n in range(count):
            audience, lang = AUDIENCES[n % 2], LANGS[(n // 2) % 3]
            writer.writerow((f"reader{n:05d}@example.org", f"Reader {n}", lang, audience,
                             "attachment", "2026-01-01T00:00:00Z", "bench"))


class _Counter:
    """Count messages and the server process's CPU seconds (shared with the parent)."""

    def __init__(self, count: Any, cpu: Any) -> None:
        self.count, self.cpu = count, cpu

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.count.get_lock():
            self.count.value += 1
            self.cpu.value = time.process_time()
        return "250 OK"


def _serve(port: int, count: Any, cpu: Any, ready: Any, stop: Any) -> None:
    from aiosmtpd.controller import Controller

    controller = Controller(_Counter(count, cpu), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


async def _sink_session(reader: Any, writer: Any, count: Any, cpu: Any) -> None:
    """One SMTP session: 250 to every command, DATA read in one search for its end."""
    writer.write(b"220 sink ESMTP\r\n")
    while line := await reader.readline():
        verb = line[:4].upper()
        if verb == b"DATA":
            writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            await writer.drain()
            await reader.readuntil(b"\r\n.\r\n")  # a dot-stuffed body has no other
            with count.get_lock():
                count.value += 1
                cpu.value = time.process_time()
        writer.write({b"EHLO": b"250-sink\r\n250 8BITMIME\r\n", b"DATA": b"250 OK\r\n",
                      b"QUIT": b"221 Bye\r\n"}.get(verb, b"250 OK\r\n"))
        await writer.drain()
        if verb == b"QUIT":
            break
    writer.close()


def _sink(port: int, count: Any, cpu: Any, ready: Any, stop: Any) -> None:
    import asyncio

    async def main() -> None:
        server = await asyncio.start_server(
            lambda r, w: _sink_session(r, w, count, cpu), "127.0.0.1", port, limit=1 << 26)
        ready.set()
        await asyncio.get_running_loop().run_in_executor(None, stop.wait)
        server.close()

    asyncio.run(main())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _settings(tmp: Path, name: str, port: int) -> settings_mod.Settings:
    return settings_mod.load(None, {
        "out_dir": str(tmp / "out"), "database": str(tmp / f"{name}.sqlite3"),
        "mail_backend": "smtp", "smtp_host": "127.0.0.1", "smtp_port": port,
        "secret_env": "BENCH_SECRET_UNSET"}, environ={})


def _timed_send(editions: list[RenderedEdition], settings: settings_mod.Settings,
                reuse: bool) -> tuple[float, int]:
    backend = SmtpBackend(SmtpConfig("127.0.0.1", int(settings.smtp_port), reuse=reuse),
                          sender="briefing@example.org")
    start = time.perf_counter()
    report = mail.deliver(editions, mail.MailOptions.from_settings(settings), backend=backend)
    elapsed = time.perf_counter() - start
    if not report.ok:
        raise SystemExit(f"delivery failed: {report.problems[:3]}")
    return elapsed, report.sent


class _Server:
    """A server process (aiosmtpd or the sink) on a free port, counting messages."""

    def __init__(self, target: Any) -> None:
        self.port = _free_port()
        self.count, self.cpu = mp.Value("i", 0), mp.Value("d", 0.0)
        self.ready, self.stop = mp.Event(), mp.Event()
        self.process = mp.Process(target=target, daemon=True, args=(
            self.port, self.count, self.cpu, self.ready, self.stop))

    def __enter__(self) -> _Server:
        self.process.start()
        if not self.ready.wait(30):
            raise SystemExit("the SMTP server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.process.join(10)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmpdir, _Server(_serve) as real, _Server(_sink) as sink:
        rows = _run(Path(tmpdir), real, sink)
    print("| mail benchmark | value |\n| --- | --- |")
    for label, value in rows:
        print(f"| {label} | {value} |")


def _full_run(tmp: Path, editions: list[RenderedEdition], server: _Server,
              name: str) -> tuple[float, float, float, float]:
    """Send to SUBSCRIBERS subscribers; return wall s, import s, sender and server CPU s."""
    full = _settings(tmp, name, server.port)
    conn = store.connect(full.database)
    start = time.perf_counter()
    store.import_csv(conn, tmp / "subs.csv")
    import_s = time.perf_counter() - start
    conn.close()
    server_cpu, sender_cpu, counted = server.cpu.value, time.process_time(), server.count.value
    full_s, sent = _timed_send(editions, full, reuse=True)
    server_cpu, sender_cpu = server.cpu.value - server_cpu, time.process_time() - sender_cpu
    if server.count.value - counted != sent:
        raise SystemExit(f"server counted {server.count.value - counted} messages, sender {sent}")
    return full_s, import_s, sender_cpu, server_cpu


def _run(tmp: Path, real: _Server, sink: _Server) -> list[tuple[str, str]]:
    start = time.perf_counter()
    editions = render_pdfs(tmp / "out")
    render_s = time.perf_counter() - start
    sizes = [Path(e.path).stat().st_size // 1024 for e in editions]

    write_csv(tmp / "subs.csv", SUBSCRIBERS)
    sink_s, import_s, sink_sender_cpu, sink_cpu = _full_run(tmp, editions, sink, "sink")
    full_s, _, sender_cpu, server_cpu = _full_run(tmp, editions, real, "full")
    full, port = _settings(tmp, "full", real.port), real.port

    # Alternate the two modes, three rounds each, and keep the median: other work on a
    # shared machine shifts any single measurement.
    rates: dict[bool, list[float]] = {True: [], False: []}
    write_csv(tmp / "sample.csv", SAMPLE)
    for round_ in range(3):
        for reuse in (True, False):
            sample = _settings(tmp, f"sample-{reuse}-{round_}", port)
            conn = store.connect(sample.database)
            store.import_csv(conn, tmp / "sample.csv")
            conn.close()
            seconds, sent = _timed_send(editions, sample, reuse=reuse)
            rates[reuse].append(sent / seconds)
    reused, separate = statistics.median(rates[True]), statistics.median(rates[False])
    again_s = time.perf_counter()
    resent = mail.deliver(editions, mail.MailOptions.from_settings(full)).sent
    again_s = time.perf_counter() - again_s
    return [
        ("render 6 PDFs (WeasyPrint)", f"{render_s:.1f} s, {min(sizes)}-{max(sizes)} KB each"),
        (f"import {SUBSCRIBERS:,} subscribers from CSV", f"{import_s:.2f} s"),
        (f"send {SUBSCRIBERS:,} messages with PDF, one connection, to the sink",
         f"{sink_s:.1f} s ({SUBSCRIBERS / sink_s:.0f} msg/s; target < 60 s)"),
        ("  CPU time of that run: sender / sink", f"{sink_sender_cpu:.1f} s / {sink_cpu:.1f} s"),
        (f"send {SUBSCRIBERS:,} messages with PDF, one connection, to aiosmtpd",
         f"{full_s:.1f} s ({SUBSCRIBERS / full_s:.0f} msg/s)"),
        ("  CPU time of that run: sender / aiosmtpd",
         f"{sender_cpu:.1f} s / {server_cpu:.1f} s (load average {os.getloadavg()[0]:.1f})"),
        ("second run (ledger: nothing to send)", f"{again_s:.2f} s, {resent} sent"),
        (f"{SAMPLE:,} messages, connection reused (median of 3)", f"{reused:.0f} msg/s"),
        (f"{SAMPLE:,} messages, one connection per message (median of 3)",
         f"{separate:.0f} msg/s"),
        ("reuse / per-message ratio", f"{reused / separate:.2f}x"),
    ]


if __name__ == "__main__":
    main()

"""Benchmark the review page: what an editor waits for, over real HTTP (uvicorn, httpx).

Copies the seed articles to a temporary folder, serves `briefing review` on 127.0.0.1
and times, as medians of several tries: the months page, a month page, an article page
(every article of the seeds is extracted on the first request, then cached by content),
saving a correction, rebuilding a month's six editions after that correction, and approving.

Run: PYTHONPATH=. python bench/bench_review.py
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from htmlforms import form_fields  # noqa: E402

from briefing import review  # noqa: E402
from briefing import settings as settings_mod  # noqa: E402

ARTICLE = "002_6910fee4f42e6d0d.txt"
MONTH = "2025-07"
TRIES = 5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def timed(action: Callable[[], object], tries: int = TRIES) -> float:
    times = []
    for _ in range(tries):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1754006400")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        articles = base / "articles"
        articles.mkdir()
        for path in (ROOT / "seeds").glob("*.txt"):
            shutil.copy(path, articles)
        settings = settings_mod.load(None, {
            "articles": str(articles), "out_dir": str(base / "out"), "subscribers_csv": "",
            "corrections_dir": str(base / "corrections"), "database": str(base / "out" / "db.sqlite3"),
            "models_dir": str(base / "models"), "translation_cache": str(base / "cache.sqlite3")},
            environ={})
        app = review.create_app(review.ReviewOptions.from_settings(settings))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1",
                                               port=free_port(), log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        page = f"/article/{ARTICLE}"
        rows: list[tuple[str, float]] = []
        with httpx.Client(base_url=f"http://127.0.0.1:{server.config.port}", timeout=600) as client:
            rows.append(("months page, first request (extracts every article)", timed(lambda: client.get("/"), 1)))
            rows.append(("months page", timed(lambda: client.get("/"))))
            rows.append(("month page", timed(lambda: client.get(f"/month/{MONTH}"))))
            rows.append(("article page", timed(lambda: client.get(page))))
            names = iter(f"Trần Văn {n}" for n in range(100))

            def save() -> None:
                fields = form_fields(client.get(page).text, "facts-form")
                fields["lead-name"] = next(names)
                assert client.post(page, data=fields).status_code == 303

            rows.append(("open and save a correction", timed(save)))
            build = form_fields(client.get(f"/month/{MONTH}").text, action=f"/month/{MONTH}/build")
            builds = []
            for _ in range(3):  # each after a new correction: the six PDFs really change
                save()
                builds.append(timed(lambda: client.post(f"/month/{MONTH}/build", data=build), 1))
            rows.append(("rebuild the month's 6 editions after a correction", statistics.median(builds)))
            rows.append(("rebuild again, nothing changed (PDFs reused)", timed(
                lambda: client.post(f"/month/{MONTH}/build", data=build), 3)))
            approve = {**form_fields(client.get(f"/month/{MONTH}").text, action=f"/month/{MONTH}/approve"),
                       "by": "bench"}
            rows.append(("approve (hash 6 PDFs)", timed(
                lambda: client.post(f"/month/{MONTH}/approve", data=approve))))
        server.should_exit = True
        thread.join(10)
    print("\n## Review page (median seconds, 127.0.0.1)\n")
    print("| step | seconds |")
    print("|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} |")


if __name__ == "__main__":
    main()

"""The LibreTranslate engine: against a real LibreTranslate server started on 127.0.0.1
from its own virtual environment (tests/ltserver.py), and against a small real HTTP
server of our own for the ways a server can misbehave (HTML, empty body, wrong count,
a hang, 429/5xx).  The server's output is gibberish (tiny random-weight models): the
tests look at protocol, batching, masking, checks, caching and the build summary."""

from __future__ import annotations

import json
import shutil
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import ltserver
import pytest
from support.argos_build import build_argosmodel
from test_translate_argos import corpus

from briefing import pipeline, settings
from briefing.argos import install_package
from briefing.errors import TranslationError
from briefing.libretranslate import LibreTranslateBackend
from briefing.translate import MachineTranslator, TranslationCache, translate_passages

ROOT = Path(__file__).resolve().parent.parent
FIXED = "[0] visite [1]."
JULY = pipeline.Selection(months=("2025-07",), langs=("fr", "vi"), audiences=("business",))


# --- the real server ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def lt_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    reason = ltserver.missing_reason()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("libretranslate")
    # Two packages, so it never tries to update its models.  en_fr is wired to answer
    # "[0] visite [1]." to everything (output that passes the checks), fr_en is gibberish.
    for n, pair in enumerate(["en_fr", "fr_en"]):
        archive = build_argosmodel(folder / f"{pair}.argosmodel", *pair.split("_"), corpus(),
                                   seed=n, fixed_output=FIXED if pair == "en_fr" else None)
        install_package(archive, folder / "packages")
    with ltserver.running(folder / "packages", folder / "home") as url:
        yield url


class Recording(httpx.HTTPTransport):
    """A real HTTP transport that keeps the body of every request it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[dict] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            self.bodies.append(json.loads(request.read()))
        return super().handle_request(request)


def test_real_server_offers_its_pairs_and_translates_one_batch(lt_url: str) -> None:
    host = lt_url.removeprefix("http://")
    with LibreTranslateBackend(lt_url, rate=0) as backend:
        assert backend.model_id("en", "fr") == f"LibreTranslate {host}"
        assert backend.model_id("fr", "en") == f"LibreTranslate {host}"
        assert backend.model_id("en", "vi") is None  # a pair the server does not load
        out = backend.translate_batch(["The minister met the mayor.", "Trade [0] grew.", "Port."],
                                      "en", "fr")
        assert out == [FIXED] * 3  # what the wired test model answers to anything
        assert backend.requests == 2  # /languages once, then one POST for the whole batch
        assert backend.failures == []


def test_names_acronyms_and_numbers_never_reach_the_server(lt_url: str, tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "Nguyễn Thị Đoàn")
    texts = [f"{name} met the VCCI on 12 March 2024 and signed 3 agreements.",
             f"Minister {name} visited Lyon.", f"{name} visited the VCCI."]
    transport = Recording()
    with TranslationCache(tmp_path / "c.sqlite3") as cache, \
            LibreTranslateBackend(lt_url, rate=0, transport=transport) as backend:
        run = translate_passages(texts, "en", ["fr"], backend, cache, [name, "Lyon"])
    sent = json.dumps(transport.bodies, ensure_ascii=False)
    assert transport.bodies and all(isinstance(b["q"], list) for b in transport.bodies)
    assert not any(token in sent for token in ("Nguy", "VCCI", "2024", "March", "Lyon"))
    for passage in run.passages["fr"]:  # checked: machine with names restored, or original
        assert passage.status in ("machine", "original")
        assert name.encode("utf-8") in passage.text.encode("utf-8")
    # The server answered "[0] visite [1]." to each: right for the passage with two
    # placeholders, which comes back machine-translated with the name byte for byte.
    assert [p.status for p in run.passages["fr"]] == ["original", "machine", "machine"]
    assert run.passages["fr"][1].text.encode() == f"{name} visite Lyon.".encode()
    assert run.passages["fr"][2].text.encode() == f"{name} visite VCCI.".encode()


def test_build_with_the_libretranslate_engine(lt_url: str, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    config = settings.load(tmp_path / "seeds" / "briefing.toml", environ={
        "BRIEFING_TRANSLATION_ENGINE": "libretranslate", "BRIEFING_LIBRETRANSLATE_URL": lt_url,
        "BRIEFING_LIBRETRANSLATE_RATE": "0"})
    report = pipeline.build(pipeline.BuildOptions.from_settings(config), JULY)
    notes = {(n.source_lang, n.target_lang): n for n in report.translation_notes}
    assert notes[("en", "fr")].model == f"LibreTranslate {lt_url.removeprefix('http://')}"
    assert notes[("en", "vi")].model is None  # pair refused: kept original, labelled
    assert report.extra["sentences translated"] > 0 and report.translation_failures == ()
    again = pipeline.build(pipeline.BuildOptions.from_settings(config), JULY)  # the checked outputs come from the cache
    assert again.extra["sentences translated"] == 0


# --- servers that misbehave (a small real HTTP server of our own) -------------------------


Behaviour = Callable[[BaseHTTPRequestHandler, dict], tuple[int, str, bytes] | None]


class Misbehaving:
    """An HTTP server on 127.0.0.1 whose /translate answers as `behaviour` says."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.posts = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._send(200, "application/json", json.dumps(
                    [{"code": "en", "targets": ["fr"]}]).encode())

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.posts += 1
                answer = outer.behaviour(self, body)
                if answer:
                    self._send(*answer)

            def _send(self, status: int, kind: str, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Behaviour], Misbehaving]]:
    started: list[Misbehaving] = []

    def start(behaviour: Behaviour) -> Misbehaving:
        started.append(Misbehaving(behaviour))
        return started[-1]

    yield start
    for server in started:
        server.close()


def echo(handler: BaseHTTPRequestHandler, body: dict) -> tuple[int, str, bytes]:
    return 200, "application/json", json.dumps({"translatedText": body["q"]}).encode()


def hang(handler: BaseHTTPRequestHandler, body: dict) -> None:
    time.sleep(3)  # longer than the client's timeout; the thread is a daemon


BAD = {
    "html": (lambda h, b: (200, "text/html", b"<html><body>502 Bad Gateway</body></html>"),
             "answer is not JSON (text/html: <html><body>502 Bad Gateway</body></html>)"),
    "empty": (lambda h, b: (200, "application/json", b""), "empty answer to /translate"),
    "count": (lambda h, b: (200, "application/json",
                            json.dumps({"translatedText": b["q"][:-1]}).encode()),
              "sent 2 texts, got 1 translations back"),
    "shape": (lambda h, b: (200, "application/json", b'{"translatedText": "one string"}'),
              "no list of translations in the answer"),
    "hang": (hang, "ReadTimeout"),
    "500": (lambda h, b: (500, "text/plain", b"boom"), "HTTP 500 (after 3 attempts)"),
    "400": (lambda h, b: (400, "application/json", b'{"error": "en is not supported"}'),
            "HTTP 400 en is not supported"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_answers_name_the_server_and_store_nothing(serve, tmp_path: Path, case: str) -> None:
    behaviour, message = BAD[case]
    server = serve(behaviour)
    with LibreTranslateBackend(server.url, timeout=0.5, retries=2, backoff=0, rate=0) as backend, \
            pytest.raises(TranslationError, match=f"^{server.url}: .*") as error:
        backend.translate_batch(["One.", "Two."], "en", "fr")
    assert message in str(error.value)
    # Through the translator: originals kept, one failure line, nothing cached.
    with MachineTranslator(LibreTranslateBackend(server.url, timeout=0.5, retries=0, rate=0),
                           TranslationCache(tmp_path / "c.sqlite3")) as translator:
        passages = translator.passages(["One.", "Two."], "en", "fr")
        assert [p.status for p in passages] == ["original", "original"]
        assert len(translator.failures()) == 1 and server.url in translator.failures()[0]
        rows = translator.cache.db.execute("SELECT count(*) FROM translations").fetchone()[0]
        posts = server.posts
        again = translator.passages(["Three."], "en", "fr")  # the failed server is not asked again
        assert again[0].status == "original" and server.posts == posts
    assert rows == 0


def test_429_and_503_are_retried_with_back_off(serve) -> None:
    answers = iter([(429, "text/plain", b"slow down"), (503, "text/plain", b"busy")])
    server = serve(lambda h, b: next(answers, None) or echo(h, b))
    waits: list[float] = []
    with LibreTranslateBackend(server.url, retries=3, backoff=0.5, rate=0,
                               sleep=waits.append) as backend:
        assert backend.translate_batch(["Hello [0]."], "en", "fr") == ["Hello [0]."]
    assert server.posts == 3 and waits == [0.5, 1.0]


def test_batches_and_the_rate_limit(serve) -> None:
    server = serve(echo)
    waits: list[float] = []
    texts = [f"Sentence {n}." for n in range(5)]
    with LibreTranslateBackend(server.url, batch_size=2, rate=4, sleep=waits.append) as backend:
        assert backend.translate_batch(texts, "en", "fr") == texts
    assert server.posts == 3  # 2 + 2 + 1
    assert len(waits) == 2 and all(0 < w <= 0.25 for w in waits)  # 4 requests a second at most


def test_server_down_is_one_line_in_the_build_summary_never_a_failed_build(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    url = f"http://127.0.0.1:{ltserver.free_port()}"  # nobody listens there
    config = settings.load(tmp_path / "seeds" / "briefing.toml", environ={
        "BRIEFING_TRANSLATION_ENGINE": "libretranslate", "BRIEFING_LIBRETRANSLATE_URL": url,
        "BRIEFING_LIBRETRANSLATE_RETRIES": "0"})
    report = pipeline.build(pipeline.BuildOptions.from_settings(config), JULY)
    assert report.problems == () and len(report.editions) == 2
    assert len(report.translation_failures) == 1
    assert report.translation_failures[0].startswith(f"LibreTranslate unavailable: {url}: ConnectError")


def test_the_api_key_comes_from_the_environment_only(serve, monkeypatch, tmp_path: Path) -> None:
    keys: list[str | None] = []
    server = serve(lambda h, b: keys.append(b.get("api_key")) or echo(h, b))
    monkeypatch.setenv("MY_LT_KEY", "s3cret")
    config = settings.load(None, environ={"BRIEFING_LIBRETRANSLATE_URL": server.url,
                                          "BRIEFING_TRANSLATION_ENGINE": "libretranslate",
                                          "BRIEFING_LIBRETRANSLATE_KEY_ENV": "MY_LT_KEY"})
    backend = pipeline.engine(pipeline.EngineOptions.from_settings(config))
    assert isinstance(backend, LibreTranslateBackend)
    with backend:
        assert backend.translate_batch(["Hi."], "en", "fr") == ["Hi."] and keys == ["s3cret"]
    (tmp_path / "b.toml").write_text('libretranslate_key = "x"\n', encoding="utf-8")
    with pytest.raises(settings.SettingsError, match="unknown setting 'libretranslate_key'"):
        settings.load(tmp_path / "b.toml", environ={})

"""Start a real LibreTranslate server for the tests, offline, on 127.0.0.1.

The server runs from its own virtual environment (.cache/lt-venv, made by `make lt-venv`
from tests/libretranslate/requirements.txt; BRIEFING_LT_VENV overrides the place), so its
pinned dependencies never meet the project's.  It is given the tiny Argos packages the
tests build (random weights: gibberish out, through the real LibreTranslate code path).

Why spaCy and ARGOS_CHUNK_TYPE=SPACY: LibreTranslate 1.9 splits sentences with MiniSBD,
whose ONNX models it downloads on first use; offline that request fails and every
/translate answers 500.  Argos packages may carry their own sentence splitter: a `spacy/`
folder inside the package is loaded instead.  We put there a blank multilingual spaCy
pipeline (LibreTranslate adds the rule-based sentencizer itself), and a blank pipeline
with a `senter` in argos-translate's spaCy cache, so it never tries to download
xx_sent_ud_sm either.  Nothing is fetched from the network.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("BRIEFING_LT_VENV", ROOT / ".cache" / "lt-venv"))
SERVER = VENV / "bin" / "libretranslate"
PYTHON = VENV / "bin" / "python"

_SPACY = """
import sys, pathlib, spacy
for folder in sys.argv[1:]:
    pathlib.Path(folder).mkdir(parents=True, exist_ok=True)
for folder in sys.argv[2:]:
    spacy.blank("xx").to_disk(folder)
cache = spacy.blank("xx")
cache.add_pipe("senter")
cache.initialize()
cache.to_disk(sys.argv[1])
"""


def missing_reason() -> str | None:
    """Why the server cannot run here, or None."""
    if not SERVER.is_file():
        return f"LibreTranslate is not installed in {VENV}: run `make lt-venv` (needs PyPI)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(packages_dir: Path, home: Path) -> dict[str, str]:
    """Give each installed package a sentence splitter; return the server's environment."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "ARGOS_PACKAGES_DIR": str(packages_dir),
        "ARGOS_CHUNK_TYPE": "SPACY",
        "ARGOS_DEVICE_TYPE": "cpu",
        "OMP_NUM_THREADS": "1",
    }
    splitters = [str(p / "spacy") for p in sorted(packages_dir.iterdir()) if p.is_dir()]
    cache = home / "cache" / "argos-translate" / "spacy"
    done = subprocess.run([str(PYTHON), "-c", _SPACY, str(cache), *splitters], env=env,
                          capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise RuntimeError(f"cannot make the spaCy sentence splitters: {done.stderr[-2000:]}")
    return env


@contextmanager
def running(packages_dir: Path, home: Path, languages: str = "en,fr") -> Iterator[str]:
    """A LibreTranslate server on 127.0.0.1 over packages_dir; yields its URL."""
    env = prepare(packages_dir, home)
    port = free_port()
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(
        [str(SERVER), "--host", "127.0.0.1", "--port", str(port), "--load-only", languages,
         "--disable-web-ui", "--threads", "1"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, home / "server.log")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path,
                   timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"LibreTranslate exited ({process.returncode}): "
                               f"{log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{url}/languages", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"LibreTranslate did not answer within {timeout:.0f} s: "
                       f"{log.read_text(errors='replace')[-2000:]}")

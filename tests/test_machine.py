"""A machine without a recommended system library (libharfbuzz-subset0).

The README's two commands must work on it: the test suite passes and says once, in its
summary, what to install; a build says it once instead of once per font and PDF.

The machine is faked the only way a test can without root: a `sitecustomize` module makes
cffi's dlopen of that one library fail, exactly as it fails when the file is absent.
The real check (a fresh clone, a fresh venv, the package removed) is in CHANGELOG.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INSTALL = "apt-get install libharfbuzz-subset0"

FAKE_MISSING_LIBRARY = '''
import cffi

_real_dlopen = cffi.FFI.dlopen


def _dlopen(self, name, *args, **kwargs):
    if "harfbuzz-subset" in str(name):
        raise OSError(f"cannot load library {name!r}: hidden by tests/test_machine.py")
    return _real_dlopen(self, name, *args, **kwargs)


cffi.FFI.dlopen = _dlopen
'''


@pytest.fixture
def without_harfbuzz_subset(tmp_path: Path) -> dict[str, str]:
    """Environment of a subprocess that cannot load libharfbuzz-subset (a fake machine)."""
    fake = tmp_path / "fake-machine"
    fake.mkdir()
    (fake / "sitecustomize.py").write_text(FAKE_MISSING_LIBRARY, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake), str(REPO)])}


def test_the_fake_machine_really_lacks_the_library(without_harfbuzz_subset) -> None:
    code = "from weasyprint.text import ffi; print(ffi.harfbuzz_subset)"
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", code], env=without_harfbuzz_subset,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout == "None\n", done.stderr


def test_the_suite_passes_and_says_once_what_to_install(without_harfbuzz_subset) -> None:
    # test_render_safety imports WeasyPrint while it is collected: that import used to
    # turn WeasyPrint's DeprecationWarning into a collection error.
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests/test_render_safety.py",
         "-k", "fetcher_serves_our_stylesheet"],
        cwd=REPO, env=without_harfbuzz_subset, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(INSTALL) == 1, done.stdout
    summary = done.stdout[done.stdout.index(" this machine "):]
    assert INSTALL in summary and "1 passed" in summary  # in the summary, at the end


def test_a_build_says_it_once_not_once_per_font_and_pdf(without_harfbuzz_subset,
                                                        tmp_path: Path) -> None:
    env = {**without_harfbuzz_subset, "BRIEFING_OUT_DIR": str(tmp_path / "out")}
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "-c", "seeds/briefing.toml", "build",
         "--lang", "vi,fr", "--audience", "business"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "out").glob("*/*.pdf"))) >= 2
    assert "HarfBuzz" not in done.stderr  # WeasyPrint's own lines, one per font and PDF
    assert done.stderr.count(INSTALL) == 1, done.stderr

"""Benchmark: each blind set scored by the extractor that had never seen it.

The rules were tuned on every blind set once it had been scored, so today's extractor
scores those sets as upper bounds (bench_extract.py).  The honest measure of how the
extractor does on articles it has not seen is the score each set got from the commit
that was current when the set arrived.  This script checks those commits out (a git
worktree in a temporary folder), runs their extractor on today's copy of the set and
scores the output with today's scorer, next to the baseline: the extractor as the first
session left it (round 6).  Needs the git history, which every clone has.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # tests/support: the scorer

from support import corpus  # noqa: E402
from support.evaluate import TARGETS, Scores, load_gold, score  # noqa: E402

BASELINE = ("7f832c8", "round 6")
# (blind set of tests/corpus/manifest.toml, commit current when it arrived, round): sets
# 1-6 were measured the same way by the first session; their numbers are in CHANGELOG.md.
HISTORY = (
    ("blind7", "037d120", "round 7"), ("blind8", "037d120", "round 7"),
    ("blind9", "ec60bd3", "round 8"), ("blind10", "f808475", "round 9"),
    ("blind11", "f808475", "round 9"), ("blind12", "e05342e", "round 10"),
    ("blind13", "670a753", "round 11"), ("blind14", "3769bdf", "round 12"),
    ("blind15", "3769bdf", "round 12"), ("blind16", "cc62ec2", "round 13"),
    ("blind17", "cc62ec2", "round 13"), ("blind18", "072692d", "round 15"),
    ("blind19", "072692d", "round 15"), ("blind20", "072692d", "round 15"),
    ("blind21", "99c582b", "round 16"), ("blind22", "99c582b", "round 16"),
    ("blind23", "99c582b", "round 16"), ("blind24", "0581362", "round 17"),
    ("blind25", "0581362", "round 17"), ("blind26", "0581362", "round 17"),
    ("blind27", "0699b95", "round 18"), ("blind28", "0699b95", "round 18"),
    ("blind29", "0699b95", "round 18"), ("blind30", "ae11096", "round 19"),
    ("blind31", "ae11096", "round 19"), ("blind32", "ae11096", "round 19"),
    ("blind33", "f74a97e", "round 20"), ("blind34", "f74a97e", "round 20"),
    ("blind35", "f74a97e", "round 20"),
)

# Run inside the old checkout: its own extractor, today's articles.
# (Old checkouts kept the scorer in briefing/evaluate.py; today it is tests/support/evaluate.py.)
_PREDICT = """
import json, sys
from pathlib import Path
from briefing.evaluate import load_gold
from briefing.extract import extract
from briefing.facts_json import facts_to_json
from briefing.readers import read_article
out = {}
for folder in sys.argv[1:]:
    d = Path(folder)
    paths = {p.name.split(".")[0]: p for p in sorted(d.iterdir()) if not p.name.endswith((".json", ".md"))}
    out[folder] = {stem: facts_to_json(extract(read_article(paths[stem]))) for stem in load_gold(d)}
print(json.dumps(out, ensure_ascii=False))
"""


def predictions(commit: str, folders: list[Path]) -> dict[str, dict]:
    """Facts from the extractor of `commit` for every article of `folders`."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / commit
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree),
                        commit], check=True)
        try:
            done = subprocess.run([sys.executable, "-c", _PREDICT, *map(str, folders)],
                                  cwd=tree, env={"PYTHONPATH": str(tree), "PATH": ""},
                                  capture_output=True, text=True, check=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=True)
    return json.loads(done.stdout)


def scored(folder: Path, predicted: dict) -> list[tuple[dict, dict]]:
    return [(predicted[stem], gold) for stem, gold in load_gold(folder).items()]


def row(name: str, who: str, scores: Scores, places: int = 2) -> str:
    cells = [f"{getattr(scores, key):.{places}f}" + ("" if getattr(scores, key) >= target else " ✗")
             for key, target in TARGETS.items()]
    return f"| {name} ({scores.articles}) | {who} | " + " | ".join(cells) + " |"


def main() -> None:
    folders = {name: corpus.by_name(name).articles for name, _, _ in HISTORY}  # (manifest.toml)
    by_commit: dict[str, list[str]] = {}
    for name, commit, _ in HISTORY:
        by_commit.setdefault(commit, []).append(name)
    seen = {}
    for commit, names in by_commit.items():
        seen.update(predictions(commit, [folders[n] for n in names]))
    base = predictions(BASELINE[0], list(folders.values()))
    print("\n## blind sets, each scored by the extractor that had not seen it\n")
    print("| blind set (articles) | extractor | " + " | ".join(f"{k} ≥ {v}" for k, v in TARGETS.items())
          + " |")
    print("|---" * (len(TARGETS) + 2) + "|")
    honest, baseline = [], []
    for name, _, label in HISTORY:
        pairs = scored(folders[name], seen[str(folders[name])])
        honest += pairs
        baseline += scored(folders[name], base[str(folders[name])])
        print(row(name, label, score(pairs)))
    print(row("all pooled", "newest round unseen", score(honest), 3))
    print(row("all pooled", f"{BASELINE[1]} (baseline)", score(baseline), 3))
    last = [name for name, _, label in HISTORY if label == HISTORY[-1][2]]
    latest = [p for n in last for p in scored(folders[n], seen[str(folders[n])])]
    print(row(" + ".join(last), HISTORY[-1][2], score(latest), 3))


if __name__ == "__main__":
    main()

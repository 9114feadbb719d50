"""NER recall on the lockbox, this tree against an earlier commit, paired over the same annotated mentions.

Each version learns its gazetteer on the 80% of the T10 training articles outside the lockbox and finds the
names of the lockbox articles (as `narrascope evaluate entities --lockbox` does); a mention counts as found where
a span covers at least half of it. The earlier commit is checked out in a temporary git worktree and run with
its own code; the difference per language and pooled comes with a 95% interval from resampling articles (within
languages for the pooled one), and the mentions gained and lost. Offsets and flags only; no article text.

    python -m benchmarks.ner_recall_paired REV     # e.g. the commit a change started from
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from narrascope.analyzers.evaluation import bootstrap

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "semeval2025_task10"
# Run under either version's code: only APIs both have (fit_lexicons, finder_for, the lockbox readers).
FLAGS = """
import json, sys
from pathlib import Path
from narrascope.analyzers.entities.train import fit_lexicons
from narrascope.nlp.ner import finder_for
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import read_split
data = Path(sys.argv[1])
docs = read_split(data / "train")
dev, held = split_documents(docs, read_lockbox(lockbox_file(data)), key=lambda d: (d.lang, d.id))
lexicons = fit_lexicons([d for d in dev if d.mentions], dev)
out = []
for lang in sorted({d.lang for d in held}):
    found = [d for d in held if d.lang == lang and d.mentions]
    for d, spans in zip(found, finder_for(lang.lower(), lexicons).find([d.text for d in found])):
        for m in d.mentions:
            s, e = m.start, m.end + 1
            out.append([lang, d.id, s, int(any(min(e, sp.end) - max(s, sp.start) >= 0.5 * (e - s) for sp in spans))])
json.dump(out, sys.stdout)
"""


def mention_flags(src: Path, data: Path) -> list[list]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    run = subprocess.run([sys.executable, "-c", FLAGS, str(data)], env=env, cwd=src.parent, capture_output=True,
                         text=True, check=True)
    return json.loads(run.stdout)


def compare(before: list[list], after: list[list]) -> list[str]:
    if [r[:3] for r in before] != [r[:3] for r in after]:
        raise SystemExit("the two versions read different lockbox mentions")
    langs = np.array([r[0] for r in before])
    articles = [f"{r[0]}/{r[1]}" for r in before]
    old, new = np.array([r[3] for r in before], float), np.array([r[3] for r in after], float)
    lines = [f"{'':<6}{'n':>5}  {'before':>7}{'after':>7}  difference [95% CI]     gained  lost"]
    for group in [*sorted(set(langs)), "all"]:
        rows = np.flatnonzero(langs == group) if group != "all" else np.arange(len(langs))
        ids = sorted({articles[i] for i in rows})
        by_article = {a: [i for i in rows if articles[i] == a] for a in ids}
        strata = [a.split("/")[0] for a in ids] if group == "all" else None

        def difference(idx: np.ndarray, ids=ids, by_article=by_article) -> float:
            pick = [i for k in idx for i in by_article[ids[k]]]
            return float(new[pick].mean() - old[pick].mean())

        iv = bootstrap(difference, len(ids), strata=strata)
        lines.append(f"{group:<6}{len(rows):>5}  {old[rows].mean():>7.3f}{new[rows].mean():>7.3f}  "
                     f"{iv.value:+.3f} [{iv.low:+.3f}, {iv.high:+.3f}]  {int((new[rows] > old[rows]).sum()):>6}"
                     f"{int((new[rows] < old[rows]).sum()):>6}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rev", help="the earlier commit")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        worktree = Path(tmp) / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(worktree), args.rev], check=True)
        try:
            before = mention_flags(worktree / "src", args.data)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=True)
    after = mention_flags(ROOT / "src", args.data)
    print(f"NER recall of the lockbox's annotated mentions: {args.rev} -> this tree (paired over articles)")
    print("\n".join(compare(before, after)))


if __name__ == "__main__":
    main()

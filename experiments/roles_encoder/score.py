"""Score the encoder's answers beside the linear model's, on the same mentions: main-role accuracy and the
exact-match ratio of fine roles, per language, pooled over mentions and as the mean of the five languages
(as the model card reports), with 95% bootstrap intervals of the paired differences (articles resampled).

    python experiments/roles_encoder/score.py --dir out/roles_encoder --answers lb.json --linear lin.json
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, required=True, help="prepare.py's output folder")
    ap.add_argument("--answers", type=Path, required=True, help="train.py's output")
    ap.add_argument("--linear", type=Path, required=True, help="linear.py's output for the same rows")
    args = ap.parse_args()
    data = np.load(args.dir / "data.npz")
    answers, linear = json.loads(args.answers.read_text()), json.loads(args.linear.read_text())
    row = {k: i for i, k in enumerate(data["keys"].tolist())}
    keys = [k for k in answers if k in linear]
    idx = np.array([row[k] for k in keys])
    pred = np.array([answers[k] for k in keys])
    gold_fine = data["fines"][idx] > 0
    chosen = np.zeros_like(gold_fine)
    chosen[np.arange(len(keys)), pred[:, 1]] = True
    systems = {"encoder": np.stack([pred[:, 0] == data["mains"][idx], (chosen == gold_fine).all(1)], 1).astype(float)}
    for name in linear[keys[0]]:
        systems[name] = np.array([linear[k][name] for k in keys], float)
    langs = data["langs"][idx]
    by_article = defaultdict(list)
    for j, k in enumerate(keys):
        by_article[k.split("#")[0]].append(j)
    articles = list(by_article)
    article_lang = np.array([langs[by_article[a][0]] for a in articles])
    rng = np.random.default_rng(0)
    draws = [rng.integers(0, len(articles), len(articles)) for _ in range(2000)]

    def summary(h: np.ndarray, col: int) -> tuple[float, float]:
        pooled = h[:, col].mean()
        mean5 = np.mean([h[langs == g, col].mean() for g in sorted(set(langs))])
        return pooled, mean5

    for col, metric in enumerate(("main-role accuracy", "exact-match ratio")):
        print(f"\n{metric}  (n = {len(keys)} mentions, {len(articles)} articles)")
        for name, h in systems.items():
            per = " ".join(f"{g} {h[langs == g, col].mean():.3f}" for g in sorted(set(langs)))
            pooled, mean5 = summary(h, col)
            print(f"  {name:<12} pooled {pooled:.3f}  mean of languages {mean5:.3f}   {per}")
        for name in systems:
            if name == "encoder":
                continue
            d = systems["encoder"][:, col] - systems[name][:, col]
            sums = np.array([d[by_article[a]].sum() for a in articles])
            counts = np.array([len(by_article[a]) for a in articles])
            boot = [sums[s].sum() / counts[s].sum() for s in draws]
            lo, hi = np.percentile(boot, [2.5, 97.5])
            mean5 = []
            for s in draws:
                per_lang = [sums[s][article_lang[s] == g].sum() / max(counts[s][article_lang[s] == g].sum(), 1)
                            for g in sorted(set(langs))]
                mean5.append(np.mean(per_lang))
            lo5, hi5 = np.percentile(mean5, [2.5, 97.5])
            print(f"  encoder - {name:<11} pooled {d.mean():+.3f} [{lo:+.3f}, {hi:+.3f}]   mean of languages "
                  f"{np.mean([d[langs == g].mean() for g in sorted(set(langs))]):+.3f} [{lo5:+.3f}, {hi5:+.3f}]")


if __name__ == "__main__":
    main()

"""Cross-validation quality of each analyzer, as recorded when its model was trained or evaluated.

Nothing is recomputed here (cross-validation takes minutes and needs ../shared/data). For each
registered analyzer NAME the first of these that exists is read:

1. `benchmarks/results/quality-NAME.json` — e.g. written by `narrascope evaluate NAME --json ...`;
2. a JSON file in `src/narrascope/models/` named `NAME.scores.json`, `NAME.eval.json`,
   `NAME.cv.json` or `NAME.metrics.json`, or `scores.json` / `eval.json` / `cv.json` /
   `metrics.json` inside a `models/NAME/` folder;
3. the model's own metadata, `models/NAME.json` or `models/NAME/meta.json`, but only its entries
   whose key names cross-validation or scores (`cv_scores`, `cv`, `scores`, `metrics`, ...);
4. the model card `models/NAME.card.md` (or `models/NAME/card.md`): rows of its Markdown tables
   whose cells hold a score.

The preferred JSON shape is {"metrics": [{"metric": ..., "value": ..., "spread": ..., "anchor": ...}]},
where `anchor` is a figure to compare with (a baseline, the shared-task winner). Other shapes are
flattened: every numeric leaf becomes a figure named by its key path, and leaves whose path says
baseline/anchor/best/official are shown as anchors. An analyzer without any of these shows "n/a".

    python -m benchmarks.bench_quality
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, row

MODELS = ROOT / "src" / "narrascope" / "models"
RESULTS = ROOT / "benchmarks" / "results"
MAX_FIGURES = 8  # per analyzer, so the table stays readable; the JSON output keeps the same rows
ANCHOR_WORDS = ("anchor", "baseline", "best", "official", "winner", "top")
COUNT_KEYS = {"n", "count", "support", "size", "seconds", "folds", "seed", "docs", "documents", "examples"}
PREFERRED = ("overall", "all", "mean", "macro", "micro", "samples", "f1")
SCORE_KEYS = re.compile(r"cv|score|metric|eval|quality|f1", re.IGNORECASE)


def _candidates(name: str) -> list[tuple[Path, bool]]:
    """(path, whole): `whole` files are all scores; the others are model metadata to pick from."""
    stems = ("scores", "eval", "cv", "metrics")
    return [(RESULTS / f"quality-{name}.json", True),
            *((MODELS / f"{name}.{s}.json", True) for s in stems),
            *((MODELS / name / f"{s}.json", True) for s in stems),
            (MODELS / f"{name}.json", False), (MODELS / name / "meta.json", False)]


def _score_part(data: Any, depth: int = 0) -> Any:
    """The entries of model metadata that hold scores (cv first), or None; looks 3 levels deep."""
    if not isinstance(data, dict) or depth > 2:
        return None
    keys = sorted((k for k in data if SCORE_KEYS.search(str(k)) and isinstance(data[k], dict | list | float)),
                  key=lambda k: "cv" not in str(k).lower())
    if keys:
        return {k: data[k] for k in keys}
    for value in data.values():
        if (found := _score_part(value, depth + 1)) is not None:
            return found
    return None


def _is_count(path: str) -> bool:
    last = re.split(r"[.\[]", path)[-1].lower()
    return last in COUNT_KEYS or last.startswith("n_") or last.endswith("_count")


def _flatten(data: Any, path: str = "") -> list[tuple[str, float]]:
    if isinstance(data, bool):
        return []
    if isinstance(data, int | float):
        return [(path, float(data))]
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in _flatten(v, f"{path}.{k}" if path else str(k))]
    if isinstance(data, list) and len(data) <= 20:
        return [leaf for i, v in enumerate(data) for leaf in _flatten(v, f"{path}[{i}]")]
    return []


def _rows_from_json(name: str, data: Any, source: str) -> list[dict]:
    if isinstance(data, dict) and isinstance(data.get("metrics"), list):
        return [row(name, f"{m.get('metric', '?')}", m.get("value"), m.get("spread", ""),
                    anchor=str(m.get("anchor", "")), note=source) for m in data["metrics"] if isinstance(m, dict)]
    leaves = {p: v for p, v in _flatten(data) if not _is_count(p)}
    spreads = {p[: -len("_std")]: v for p, v in leaves.items() if p.endswith("_std")}
    anchors = [(p, v) for p, v in leaves.items() if any(w in p.lower() for w in ANCHOR_WORDS)]
    figures = [(p, v) for p, v in leaves.items()
               if not p.endswith("_std") and not any(w in p.lower() for w in ANCHOR_WORDS)]
    if len(figures) > MAX_FIGURES:
        preferred = [(p, v) for p, v in figures if set(re.split(r"[^a-z0-9]+", p.lower())) & set(PREFERRED)]
        figures = (preferred or figures)[:MAX_FIGURES]
    anchor_text = "; ".join(f"{p} {v:.3g}" for p, v in anchors[:4])
    return [row(name, p, round(v, 4), f"±{spreads[p]:.3f} (std)" if p in spreads else "", anchor=anchor_text,
                note=source) for p, v in figures]


_NUMBER = re.compile(r"^\s*\**(-?\d+(?:\.\d+)?)\s*(%?)\**\s*$")


def _rows_from_card(name: str, card: Path) -> list[dict]:
    out, anchors = [], []
    for line in card.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else []
        if len(cells) < 2 or set("".join(cells)) <= set("-: "):
            continue
        numbers = [(i, m) for i, c in enumerate(cells) if (m := _NUMBER.match(c))]
        if not numbers:
            continue
        i, m = numbers[0]
        value = float(m.group(1)) / (100 if m.group(2) else 1)
        if not 0 <= value <= 1:  # scores are fractions (or percentages); other numbers are counts
            continue
        label = " / ".join(c for c in cells[:i] if c) or cells[0]
        target = anchors if any(w in line.lower() for w in ANCHOR_WORDS) else out
        target.append((label, value, ", ".join(c for j, c in enumerate(cells) if j > i and c)))
    anchor_text = "; ".join(f"{label} {v:.3g}" for label, v, _ in anchors[:4])
    return [row(name, label, round(v, 4), spread=rest, anchor=anchor_text, note=_rel(card))
            for label, v, rest in out[:MAX_FIGURES]]


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def quality_rows(name: str) -> list[dict]:
    for path, whole in _candidates(name):
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            return [row(name, "quality (CV)", None, note=f"{path}: unreadable ({exc})")]
        data = data if whole else _score_part(data)
        if data is not None and (rows := _rows_from_json(name, data, _rel(path))):
            return rows
    for card in (MODELS / f"{name}.card.md", MODELS / name / "card.md"):
        if card.is_file() and (rows := _rows_from_card(name, card)):
            return rows
    return [row(name, "quality (CV)", None, note="no scores file or model card with scores")]


def run() -> list[dict]:
    from narrascope.analyzers import ANALYZERS

    return [r for name in ANALYZERS for r in quality_rows(name)]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run())

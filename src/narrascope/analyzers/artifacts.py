"""Where trained models live and how they are stored: the one on-disk dialect of every model.

A trained model is a folder under `models/` named after its analyzer:

- `weights.npz`: the arrays (`np.savez_compressed`, read with `allow_pickle=False`: no pickle);
- `meta.json`: labels, settings, thresholds, training facts;
- `card.md`: the model card (data, parameters, scores beside a baseline, the command that rebuilt it).

`Model.save(path)` writes the first two through `write_artifact`, `Model.load(path)` reads them through
`read_artifact`, whose error names the command that rebuilds the model; the trainer writes the card
through `write_card`.
"""
from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from narrascope.errors import ModelError

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
WEIGHTS_FILE = "weights.npz"
META_FILE = "meta.json"
CARD_FILE = "card.md"


def model_dir(name: str) -> Path:
    """The committed model folder of analyzer `name` (e.g. `models/narratives`)."""
    return MODELS_DIR / name


def write_artifact(path: str | Path, arrays: Mapping[str, np.ndarray], meta: Mapping, indent: int | None = 1) -> None:
    """Write `weights.npz` and `meta.json` into the folder `path` (created if missing)."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path / WEIGHTS_FILE, **arrays)
    (path / META_FILE).write_text(json.dumps(meta, indent=indent, ensure_ascii=False), encoding="utf-8")


def read_artifact(path: str | Path, analyzer: str) -> tuple[dict[str, np.ndarray], dict]:
    """The arrays and metadata saved in `path`, or a ModelError saying how to rebuild them."""
    path = Path(path)
    weights, meta = path / WEIGHTS_FILE, path / META_FILE
    missing = [p.name for p in (weights, meta) if not p.is_file()]
    if missing:
        raise ModelError(
            f"{path}: no {analyzer} model here ({', '.join(missing)} missing); build it with "
            f"`narrascope train {analyzer}`"
        )
    try:
        with np.load(weights, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        info = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable {analyzer} model ({exc}); rebuild it with `narrascope train {analyzer}`"
                         ) from None
    return arrays, info


def artifact_size_kb(path: str | Path) -> float:
    """Size of a saved model folder's files, in kB (cards included)."""
    return sum(p.stat().st_size for p in Path(path).iterdir() if p.is_file()) / 1024


def write_card(path: str | Path, title: str, summary: str, facts: Mapping[str, str],
               sections: Mapping[str, str]) -> Path:
    """Write `card.md` into the model folder `path`: one layout for every model.

    `facts` are the one-line items every card has (data, rebuild command, parameters, size, date: the
    date is added here); `sections` are headed blocks (scores beside their baseline, what was tried).
    """
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    lines = [f"# {title}", "", summary.strip(), ""]
    lines += [f"- **{key}**: {value}" for key, value in {**facts, "Trained": datetime.date.today().isoformat()}.items()]
    for heading, body in sections.items():
        lines += ["", f"## {heading}", "", body.strip()]
    card = path / CARD_FILE
    card.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return card

"""Saving a group the analyst has named as a narrative of a custom taxonomy file.

The file has the format `narrascope analyze --taxonomy FILE` reads (`taxonomy/narratives.yaml`: a
`labels` list of name, definition, examples, optional parent). Saving a name that exists replaces
that label; other labels and top-level keys are kept. The result is checked with the same loader
`--taxonomy` uses before it replaces the file, so a saved file always loads.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import yaml

from narrascope.errors import TaxonomyError
from narrascope.taxonomy import load_narratives

HEADER = ("# Narratives named in narrascope's Emerging view; the format of `narrascope analyze --taxonomy`.\n"
          "# Edit freely: definitions and examples are what the zero-shot labeller compares articles with.\n")


def save_narrative(path: str | Path, name: str, definition: str, examples: list[str],
                   parent: str | None = None) -> dict[str, Any]:
    """Add (or replace) one label in the taxonomy file at `path` (created if missing); returns it."""
    path = Path(path)
    name, definition = " ".join(name.split()), " ".join(definition.split())
    examples = [" ".join(e.split()) for e in examples if e and e.strip()]
    if not name:
        raise TaxonomyError("a narrative needs a name")
    if not definition and not examples:
        raise TaxonomyError(f"{name!r}: give a definition or at least one example (the labeller compares "
                            "articles with them)")
    data: dict[str, Any] = {"name": path.stem, "description": "Narratives named from emerging groups.",
                            "labels": []}
    if path.exists():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict) or not isinstance(loaded.get("labels", []), list):
            raise TaxonomyError(f"{path}: not a taxonomy file (expected a mapping with a 'labels' list)")
        data.update(loaded)
        data["labels"] = list(loaded.get("labels") or [])
    label: dict[str, Any] = {"name": name}
    if parent:
        label["parent"] = parent
    label["definition"] = definition
    if examples:
        label["examples"] = examples
    labels = [x for x in data["labels"] if not (isinstance(x, dict) and x.get("name") == name)]
    data["labels"] = [*labels, label]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_text(HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                       encoding="utf-8")
        load_narratives(tmp)  # the loader `--taxonomy` uses: refuse to write a file it would reject
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return label

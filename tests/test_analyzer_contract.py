"""One contract for every registered analyzer (scikit-learn's `check_estimator`, in small).

Each analyzer: loads through its declared `load_default`; declares what it needs and what it fills; leaves an
empty batch empty; gives a document the same result alone as in a batch; changes only the `Analysis` fields
it declares in `assigns` (and may add warnings); and its output survives a JSON round trip. Each trained model
saves to a folder and loads back to the same predictions.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from narrascope.analyzers import ANALYZERS, TRAINERS, analyzer_class
from narrascope.analyzers.base import ANALYSIS_FIELDS, Analyzer, Model
from narrascope.analyzers.custom_narratives import CustomNarrativeAnalyzer
from narrascope.document import Analysis, Document
from narrascope.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXTS = [
    ("NATO is dragging Europe into a war\n\nBrussels answers to Washington, officials said on Monday. "
    "The sanctions hurt ordinary Europeans more than Russia, and the Kremlin warned of escalation.\n"
    "These corrupt, cowardly puppets are destroying our nation! Wake up before it is too late! "
    "Only a traitor would send our sons to die for the warmongers in Washington."),
    "Климатът не се променя от хората\n\nУчените в Брюксел плашат хората с катастрофи, твърди авторът.",
    "A quiet week at the allotments\n\nVolunteers planted beans and mended the fence by the pond.",
]


def _analyzers() -> list[Analyzer]:
    return [analyzer_class(name).load_default() for name in ANALYZERS] + [
        CustomNarrativeAnalyzer.from_file(EXAMPLES / "custom_taxonomy.yaml")
    ]


ALL = _analyzers()


def _prepared(analyzer: Analyzer) -> list[Analysis]:
    """Analyses of TEXTS with everything `analyzer` requires already run (and nothing else)."""
    batch = [Analysis(document=Document(text=t, id=f"doc{i}")) for i, t in enumerate(TEXTS)]
    if analyzer.requires:
        pipe = Pipeline(list(analyzer.requires))
        pipe._run(batch)
    return batch


@pytest.mark.parametrize("analyzer", ALL, ids=lambda a: type(a).__name__)
def test_declares_its_name_needs_and_fields(analyzer):
    assert analyzer.name and (analyzer.name in ANALYZERS or isinstance(analyzer, CustomNarrativeAnalyzer))
    assert set(analyzer.requires) <= set(ANALYZERS)
    assert analyzer.assigns and set(analyzer.assigns) <= ANALYSIS_FIELDS


@pytest.mark.parametrize("analyzer", ALL, ids=lambda a: type(a).__name__)
def test_empty_batch_stays_empty(analyzer):
    assert analyzer.process_batch([]) == []


@pytest.mark.parametrize("analyzer", ALL, ids=lambda a: type(a).__name__)
def test_fills_only_what_it_assigns_and_the_same_alone_as_in_a_batch(analyzer):
    batch = _prepared(analyzer)
    before = [a.to_dict() for a in batch]
    alone = [analyzer.process_batch([copy.deepcopy(a)])[0].to_dict() for a in batch]
    together = [a.to_dict() for a in analyzer.process_batch(batch)]
    assert together == alone
    allowed = set(analyzer.assigns) | {"warnings"}
    for old, new in zip(before, together, strict=True):
        changed = {k for k in new if new[k] != old[k]}
        assert changed <= allowed, f"{analyzer.name} changed {changed - allowed} (it assigns {analyzer.assigns})"
    assert any(new[f] != old[f] for old, new in zip(before, together, strict=True) for f in analyzer.assigns), (
        f"{analyzer.name} filled none of {analyzer.assigns} on any of the test articles")


@pytest.mark.parametrize("analyzer", ALL, ids=lambda a: type(a).__name__)
def test_output_survives_a_json_round_trip(analyzer):
    for a in analyzer.process_batch(_prepared(analyzer)):
        data = json.loads(json.dumps(a.to_dict(), ensure_ascii=False))
        assert Analysis.from_dict(data).to_dict() == a.to_dict()


@pytest.mark.parametrize("name", sorted(n for n in TRAINERS if n != "entities" and n in ANALYZERS))
def test_trained_model_saves_to_a_folder_and_loads_back_the_same(name, tmp_path):
    analyzer = analyzer_class(name).load_default()
    model = analyzer.model
    assert isinstance(model, Model)
    model.save(tmp_path / name)
    assert {p.name for p in (tmp_path / name).iterdir()} >= {"weights.npz", "meta.json"}
    reloaded = type(analyzer)(type(model).load(tmp_path / name))
    first = [a.to_dict() for a in analyzer.process_batch(_prepared(analyzer))]
    again = [a.to_dict() for a in reloaded.process_batch(_prepared(analyzer))]
    assert again == first

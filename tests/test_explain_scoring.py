"""The explainer's yardstick (explain/scoring.py): trained on train minus the lockbox, scored on the lockbox
beside the first-80-words and definition baselines, with the shared bootstrap. A small dataset written for
the test (invented texts), the hashing embedder for both the model and the metric."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from narrascope.analyzers.explain import scoring
from narrascope.semeval.t10 import T10Document

from .test_explain import ARTICLES, CC, WAR, WAR_WEST

LANGS = ("EN", "BG")


def _dataset(root, per_language: int = 6):
    """`root/semeval2025_task10/train/<L>/...` and `root/splits/semeval2025_task10_lockbox.tsv` (2 per language)."""
    data = root / "semeval2025_task10"
    lockbox = ["language\tdocument"]
    for lang in LANGS:
        folder = data / "train" / lang / "raw-documents"
        folder.mkdir(parents=True)
        rows = []
        for i in range(per_language):
            _, text, (narr, sub), explanation = ARTICLES[i % len(ARTICLES)]
            name = f"{lang}_{i}.txt"
            (folder / name).write_text(f"{text}\nItem {i} adds one more sentence about the border war.",
                                       encoding="utf-8")
            rows.append(f"{name}\t{narr}\t{sub or 'none'}\t{explanation}")
            if i < 2:
                lockbox.append(f"{lang}\t{name}")
        (folder.parent / "subtask-3-annotations.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / f"{LANGS[-1]}_unannotated.txt").write_text("A text without any annotation.", encoding="utf-8")
    (root / "splits").mkdir()
    (root / "splits" / "semeval2025_task10_lockbox.tsv").write_text("\n".join(lockbox) + "\n", encoding="utf-8")
    return data


def test_baselines():
    text = " ".join(f"w{i}" for i in range(100))
    doc = T10Document("EN_1.txt", "EN", text, dominant=(WAR, WAR_WEST), explanation="x")
    assert scoring.lead_baseline(doc).split() == text.split()[:80]
    assert scoring.definition_baseline(doc) and scoring.definition_baseline(doc) != WAR_WEST
    assert scoring.definition_baseline(T10Document("EN_2.txt", "EN", text, dominant=(CC, None))) != CC


def test_comparisons_pair_the_same_articles_per_language_and_pooled():
    docs = [T10Document(f"{lang}_{i}", lang, "", explanation="") for lang in LANGS for i in range(10)]
    better = np.linspace(0.5, 0.6, 20)
    scores = {"a": {m: better for m in scoring.MEASURES}, "b": {m: better - 0.1 for m in scoring.MEASURES}}
    rows = scoring.comparisons(docs, scores, "a", "b")
    for comps in rows.values():
        assert [c.group for c in comps] == ["BG", "EN", scoring.ALL]
        assert all(c.difference.value == pytest.approx(0.1) and c.difference.excludes_zero for c in comps)
        assert comps[-1].n == 20


def test_evaluate_lockbox_trains_on_the_rest_and_scores_the_lockbox(tmp_path, monkeypatch):
    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("NARRASCOPE_EXPLAIN_BACKEND", raising=False)
    data = _dataset(tmp_path)
    dev, held = scoring.split_examples(data)
    assert len(dev) == 8 and len(held) == 4 and {d.id for d in held} == {"EN_0.txt", "EN_1.txt", "BG_0.txt", "BG_1.txt"}
    result = scoring.evaluate_lockbox(data, metric_embedder="hashing", embedder="hashing")
    assert result["model"].meta["trained_on"] == 8  # the lockbox articles were not trained on
    figures = result["scores"]
    assert figures["articles"] == {"BG": 2, "EN": 2}
    for pair in (f"{scoring.MODEL} vs {scoring.LEAD}", f"{scoring.MODEL} vs {scoring.DEFINITION}"):
        for measure in scoring.MEASURES:
            rows = figures["comparisons"][pair][measure]
            assert set(rows) == {"BG", "EN", scoring.ALL}
            assert rows["EN"]["n"] == 2 and rows[scoring.ALL]["n"] == 4
            lo, hi = rows[scoring.ALL]["difference"]["low"], rows[scoring.ALL]["difference"]["high"]
            assert lo <= rows[scoring.ALL]["difference"]["value"] <= hi
    assert "token-F1" in result["table"] and "ROUGE-L" in result["table"] and "first-80-words" in result["table"]
    json.dumps(figures)  # what --json writes


def test_evaluate_explanations_command_writes_json(tmp_path, monkeypatch):
    from narrascope.cli.main import cli

    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path / "cache"))
    data = _dataset(tmp_path)
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["evaluate", "explanations", "--data", str(data), "--lockbox",
                                      "--metric-embedder", "hashing", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "first-80-words" in result.output
    assert "comparisons" in json.loads(out.read_text(encoding="utf-8"))

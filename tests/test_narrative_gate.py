"""The narrative gate: `Other` below its cut, at least one label above it, tuned and stored with the model."""
from __future__ import annotations

import numpy as np
import pytest

from narrascope.analyzers.narratives.gate import NarrativeGate, fit_combiner, gate_features
from narrascope.analyzers.narratives.model import NarrativeModel, decide, parent_of
from narrascope.document import Analysis, Document
from narrascope.errors import ModelError
from narrascope.taxonomy import OTHER


@pytest.fixture(scope="module")
def model():
    return NarrativeModel.load()


def _decide(model, scores, cuts, language=None):
    saved = model.thresholds, model.language_thresholds
    model.thresholds, model.language_thresholds = cuts, {}
    a = Analysis(document=Document(text="", id="x"))
    try:
        decide(model, scores, 0, a, language)
    finally:
        model.thresholds, model.language_thresholds = saved
    return [n.label for n in a.narratives], [s.label for s in a.subnarratives]


def _scores(model, gate: float | None):
    n_nar, n_sub = len(model.narratives), len(model.subnarratives)
    scores = {"narrative": np.full((1, n_nar), -1.0, np.float32), "subnarrative": np.full((1, n_sub), -2.0, np.float32)}
    if gate is not None:
        scores["gate"] = np.array([[gate]], np.float32)
    return scores


def _cuts(model, gate: float | None = 0.0):
    cuts = {"narrative": np.zeros(len(model.narratives), np.float32),
            "subnarrative": np.zeros(len(model.subnarratives), np.float32)}
    if gate is not None:
        cuts["gate"] = np.array([gate], np.float32)
    return cuts


def test_the_committed_model_has_a_gate(model):
    assert model.gate is not None and model.gate.weights is not None
    assert "gate" in model.thresholds
    assert all("gate" in cuts for cuts in model.language_thresholds.values())


def test_under_the_gate_cut_an_article_is_other_even_with_a_passing_label(model):
    scores = _scores(model, gate=-0.1)
    scores["narrative"][0, 2] = 3.0  # far above its cut
    assert _decide(model, scores, _cuts(model)) == ([], [])


def test_past_the_gate_an_article_gets_its_most_confident_label(model):
    scores = _scores(model, gate=0.1)
    scores["narrative"][0, 4] = -0.3  # under its cut, but the best margin of both heads
    narratives, subs = _decide(model, scores, _cuts(model))
    top = model.narratives[4]
    assert narratives == [top] and subs == [f"{top}: {OTHER}"]

    scores["subnarrative"][0, 7] = -0.1  # now a sub-narrative is the most confident label
    narratives, subs = _decide(model, scores, _cuts(model))
    sub = model.subnarratives[7]
    assert subs == [sub] and narratives == [parent_of(sub, model.narratives)]


def test_without_a_gate_cut_nothing_is_forced(model):
    """Models trained before the gate (no `gate` cut) keep the old rule: no candidate means Other."""
    scores = _scores(model, gate=5.0)
    assert _decide(model, scores, _cuts(model, gate=None)) == ([], [])


def test_the_gate_scores_real_articles_and_survives_save_and_load(model, tmp_path):
    texts = ["NATO is dragging Europe into a third world war, and Brussels lies about it.",
             "The recipe needs two eggs, flour and a pinch of salt."]
    f = model.featurize(texts)
    scores = model.decision_function(f)
    assert scores["gate"].shape == (2, 1) and np.isfinite(scores["gate"]).all()
    # the combiner's inputs: the text model's margin and the heads' largest raw scores
    F = gate_features(model.gate.text_margin(f.X), scores)
    assert np.allclose(F @ model.gate.weights + model.gate.bias, scores["gate"][:, 0], atol=1e-4)
    assert scores["gate"][0, 0] > scores["gate"][1, 0]
    model.save(tmp_path)
    again = NarrativeModel.load(tmp_path)
    assert np.allclose(again.decision_function(again.featurize(texts))["gate"], scores["gate"], atol=1e-3)
    assert np.allclose(again.thresholds["gate"], model.thresholds["gate"])


def test_gate_without_combiner_or_one_class_is_an_error():
    with pytest.raises(ModelError, match="with and without narratives"):
        fit_combiner(np.zeros((4, 3)), np.ones(4, dtype=int))
    with pytest.raises(ModelError, match="before fit"):
        NarrativeGate().text_margin(None)
    weights, _bias = fit_combiner(np.array([[2.0, 0, 0], [1.5, 0, 0], [-1.0, 0, 0], [-2.0, 0, 0]]), np.array([1, 1, 0, 0]))
    assert weights[0] > 0 and weights.shape == (3,)


def test_tuning_puts_the_gate_cut_between_other_and_narrative_articles(model):
    """A synthetic tuning set where only the gate knows which articles have a narrative: the tuned
    cut must send the `Other` ones to `Other` and let the others through."""
    from narrascope.analyzers.narratives.metrics import document_f1
    from narrascope.analyzers.narratives.train import LabelSpace, _predict_labels
    from narrascope.analyzers.narratives.tuning import tune_thresholds
    from narrascope.semeval.t10 import T10Document

    space = LabelSpace()
    rng = np.random.default_rng(0)
    n = 60
    has = np.arange(n) % 3 != 0  # a third of the articles are `Other`
    nar = space.narratives[0]
    docs = [T10Document(id=str(i), lang="EN", text="", narratives=[nar] if h else [OTHER],
                        subnarratives=[f"{nar}: {OTHER}"] if h else [OTHER]) for i, h in enumerate(has)]
    scores = {"narrative": rng.normal(-1.0, 0.1, (n, len(space.narratives))).astype(np.float32),
              "subnarrative": np.full((n, len(space.subnarratives)), -3.0, np.float32),
              "gate": np.where(has, 1.0, -1.0)[:, None].astype(np.float32) + rng.normal(0, 0.1, (n, 1)).astype(np.float32)}
    scores["narrative"][:, 0] += 0.5  # the right label is always the most confident one, never past its cut
    m = NarrativeModel({"use_embeddings": False})
    m.narratives, m.subnarratives = space.narratives, space.subnarratives
    cuts = tune_thresholds(m, scores, docs, np.arange(n), space, _predict_labels, document_f1)
    assert scores["gate"][~has].max() < cuts["gate"][0] <= scores["gate"][has].min()
    preds = [_predict_labels(m, scores, i) for i in range(n)]
    assert all(p[0] == ([nar] if h else [OTHER]) for p, h in zip(preds, has))

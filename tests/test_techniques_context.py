"""The second-stage (context) technique model: its features read the right neighbours and articles,
it learns from them, it survives saving, and the committed artifact's paragraph scores depend on the
neighbouring paragraphs (and never on other documents of the batch). Invented texts and scores only."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narrascope.analyzers.techniques.context import BLOCKS, ContextModel, context_features, feature_names

MODEL_JSON = Path(__file__).resolve().parents[1] / "src" / "narrascope" / "models" / "techniques" / "meta.json"


def _block(feats: np.ndarray, name: str, n_labels: int) -> np.ndarray:
    i = BLOCKS.index(name)
    return feats[:, i * n_labels : (i + 1) * n_labels]


def test_features_use_neighbours_and_other_paragraphs_of_the_same_article_only():
    # two articles: paragraphs 0-2 and 3-4; one technique; first-stage score = mix of par and best
    p_par = np.array([[0.1], [0.9], [0.3], [0.8], [0.2]], dtype=np.float32)
    best = p_par.copy()
    par_doc = np.array([0, 0, 0, 1, 1])
    chars = np.array([20, 200, 90, 50, 400], dtype=np.float32)
    sents = np.array([1, 3, 2, 1, 5], dtype=np.float32)
    langs = np.zeros((5, 1), dtype=np.float32)
    f = context_features(p_par, best, 0.5, par_doc, chars, sents, langs)
    assert f.shape == (5, len(feature_names(["X"], ["en"])))
    assert _block(f, "previous", 1)[:, 0] == pytest.approx([0, 0.1, 0.9, 0, 0.8])  # nothing across articles
    assert _block(f, "next", 1)[:, 0] == pytest.approx([0.9, 0.3, 0, 0.2, 0])
    assert _block(f, "article_mean", 1)[:, 0] == pytest.approx([0.6, 0.2, 0.5, 0.2, 0.8])
    assert _block(f, "article_max", 1)[:, 0] == pytest.approx([0.9, 0.3, 0.9, 0.2, 0.8])
    meta = f[:, len(BLOCKS) :]
    assert meta[:, 2].tolist() == [1, 0, 0, 1, 0]  # first paragraph (the title)
    assert meta[:, 3] == pytest.approx([0, 0.5, 1, 0, 1])  # relative position
    # a one-paragraph article has no others: mean and max are 0, not its own score
    lone = context_features(p_par[:1], best[:1], 0.5, np.array([0]), chars[:1], sents[:1], langs[:1])
    assert _block(lone, "article_max", 1)[0, 0] == 0 and _block(lone, "article_mean", 1)[0, 0] == 0


def test_article_max_of_tied_tops_is_the_tie():
    s = np.array([[0.7], [0.7], [0.1]], dtype=np.float32)
    f = context_features(s, s, 1.0, np.array([0, 0, 0]), np.ones(3), np.ones(3), np.zeros((3, 0)))
    assert _block(f, "article_max", 1)[:, 0] == pytest.approx([0.7, 0.7, 0.7])


def test_context_model_learns_that_a_dense_article_raises_an_ambiguous_paragraph():
    """Invented data where the label of a paragraph with a middling own score follows its article:
    the fitted context model must rank the same paragraph higher in a dense article."""
    from narrascope.analyzers.techniques.train_context import fit_context

    rng = np.random.default_rng(0)
    rows, ys, docs = [], [], []
    for d in range(300):
        dense = d % 2 == 0
        for _ in range(6):
            own = rng.uniform(0.3, 0.7)
            rows.append(own)
            ys.append(int(rng.random() < (0.8 if dense else 0.1)))
            docs.append(d)
        # the article's other paragraphs carry the density signal
        rows[-6:] = [0.9 if dense else 0.05] * 3 + rows[-3:]
    s = np.array(rows, dtype=np.float32)[:, None]
    y = np.array(ys, dtype=np.int8)[:, None]
    par_doc = np.array(docs)
    feats = context_features(s, s, 0.5, par_doc, np.full(len(s), 100.0), np.ones(len(s)), np.zeros((len(s), 0)))
    model = fit_context(feats, y, c=1.0)
    probe_s = np.array([0.9, 0.9, 0.9, 0.5, 0.5, 0.5, 0.05, 0.05, 0.05, 0.5, 0.5, 0.5], dtype=np.float32)[:, None]
    probe = context_features(probe_s, probe_s, 0.5, np.repeat([0, 1], 6), np.full(12, 100.0), np.ones(12),
                             np.zeros((12, 0)))
    p = model.predict_proba(probe)[:, 0]
    assert p[4] > p[10] + 0.2  # same own score and position, different articles


def test_context_model_round_trips_through_arrays():
    m = ContextModel(np.ones((2, 3), np.float32), np.zeros(2, np.float32), np.zeros(3, np.float32),
                     np.ones(3, np.float32), blend=0.7)
    back = ContextModel.from_arrays(m.arrays(), 0.7)
    x = np.array([[0.1, 0.2, 0.3]], dtype=np.float32)
    assert back is not None and np.allclose(back.predict_proba(x), m.predict_proba(x)) and back.blend == 0.7
    assert ContextModel.from_arrays({}, 0.7) is None


# ---------------------------------------------------------------------- the committed artifact

TITLE = "Council publishes its annual report"
MIDDLE = "Is this really the best the government can do for its own citizens?"  # ambiguous on its own
CALM = ["The library will extend its opening hours in spring.", "A new bus line connects the two districts.",
        "The budget for schools stays the same as last year."]
LOUD = ["These corrupt traitors and their lying puppets are destroying our great nation!",
        "Only cowards and fools still believe the disgusting propaganda of this rotten regime.",
        "Wake up, patriots: the shameless elites want to enslave your children forever!"]


def _article(neighbours: list[str]) -> str:
    return "\n\n".join([TITLE, neighbours[0], MIDDLE, *neighbours[1:]])


def test_artifact_scores_a_paragraph_differently_when_its_neighbours_change():
    from narrascope.analyzers.techniques.model import TechniqueModel

    model = TechniqueModel.load()
    assert model.context is not None, "the committed model has no second stage"
    texts = [_article(CALM), _article(LOUD)]
    cands, _, scores = model.score(texts, ["en", "en"])
    middle = [i for i, (s, e, _) in enumerate(cands.par_bounds) if texts[cands.par_doc[i]][s:e] == MIDDLE]
    assert len(middle) == 2
    calm, loud = scores[middle[0]], scores[middle[1]]
    # the middle paragraph's own text is identical; only its article differs
    assert np.abs(loud - calm).max() > 0.02
    assert loud.sum() > calm.sum()  # loaded neighbours make techniques more likely, not less
    name_calling = model.labels.index("Name_Calling-Labeling")  # what the loud neighbours are full of
    assert loud[name_calling] > max(calm[name_calling] * 1.5, calm[name_calling] + 0.02)
    # without the second stage the same paragraph scores the same in both articles
    ctx, model.context = model.context, None
    try:
        _, _, plain = model.score(texts, ["en", "en"])
    finally:
        model.context = ctx
    assert np.allclose(plain[middle[0]], plain[middle[1]], atol=1e-6)


def test_artifact_scores_do_not_depend_on_other_documents_of_the_batch():
    from narrascope.analyzers.techniques.model import TechniqueModel

    model = TechniqueModel.load()
    alone = model.score([_article(CALM)], ["en"])[2]
    batched = model.score([_article(LOUD), _article(CALM), _article(LOUD)], ["en", "en", "en"])
    rows = np.flatnonzero(batched[0].par_doc == 1)
    assert np.allclose(batched[2][rows], alone, atol=1e-6)

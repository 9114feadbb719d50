"""The label decision: expected samples-F1 sets from calibrated probabilities, consistent across levels,
with no cut and no language in sight; and the order-free features it is made from."""
from __future__ import annotations

import numpy as np
import pytest

from narrascope.analyzers.narratives.decision import Hierarchy, choose, fit_platt, platt
from narrascope.analyzers.narratives.model import embedded_sentences
from narrascope.nlp.hashing import paragraph_ngrams

# two narratives of one domain (fine labels 0-2 under narrative 0, 3-4 under narrative 1), one of another
H = Hierarchy(parent=np.array([0, 0, 0, 1, 1, 2]), domain=np.array(["URW", "URW", "CC"]))


def test_a_likely_narrative_comes_with_its_most_likely_child():
    c = choose(np.array([0.9, 0.05, 0.0]), np.array([0.1, 0.7, 0.05, 0.02, 0.02, 0.0]), 0.05, H)
    assert c.narratives == [0] and c.fine == [1]


def test_every_chosen_narrative_has_a_child_and_every_child_its_narrative():
    c = choose(np.array([0.8, 0.7, 0.0]), np.array([0.5, 0.45, 0.0, 0.02, 0.01, 0.0]), 0.02, H)
    assert c.narratives == [0, 1]
    assert {int(H.parent[j]) for j in c.fine} == {0, 1}
    assert 3 in c.fine  # narrative 1's best child, though unlikely itself
    assert {0, 1} <= set(c.fine)  # a second child of narrative 0 raises the expected F1


def test_other_when_no_narrative_is_likely_and_a_narrative_when_other_is_unlikely():
    weak = np.array([0.15, 0.1, 0.05])
    fine = np.array([0.1, 0.05, 0.02, 0.05, 0.02, 0.01])
    assert choose(weak, fine, 0.6, H).other
    assert not choose(weak, fine, 0.05, H).other


def test_one_domain_per_article():
    c = choose(np.array([0.6, 0.1, 0.55]), np.array([0.5, 0.0, 0.0, 0.0, 0.0, 0.5]), 0.01, H)
    assert c.narratives == [0]


def test_platt_scaling_is_fitted_on_scores_and_labels():
    rng = np.random.default_rng(0)
    y = (rng.random(2000) < 0.3).astype(int)
    scores = y * 2.0 - 1.0 + rng.normal(size=2000)
    ab = fit_platt(scores, y)
    p = platt(scores, ab)
    assert p.mean() == pytest.approx(y.mean(), abs=0.02)
    assert ab[0] > 0
    assert fit_platt(np.zeros(5), np.zeros(5)) == (1.0, 0.0)  # one class: the identity


def test_word_ngrams_never_cross_a_paragraph_and_keep_hindi_words_whole():
    grams = paragraph_ngrams("भारत सरकार ने कहा\nNATO says no")
    assert "भारत" in grams and "भारत सरकार" in grams and "सरकार ने" in grams
    assert "कहा nato" not in grams  # no bigram across the line break
    assert sorted(paragraph_ngrams("a b\nc d")) == sorted(paragraph_ngrams("c d\na b"))


def test_the_embedded_sentences_do_not_depend_on_their_order():
    sents = ["Title"] + [f"Sentence number {k} of the body." for k in range(40)]
    picked = {sents[k] for k in embedded_sentences(sents, 16)}
    rng = np.random.default_rng(0)
    body = sents[1:]
    shuffled = [sents[0]] + [body[k] for k in rng.permutation(len(body))]
    assert {shuffled[k] for k in embedded_sentences(shuffled, 16)} == picked
    assert "Title" in picked and len(picked) == 16
    assert embedded_sentences(sents[:5], 16) == [0, 1, 2, 3, 4]

"""The roles yardstick and its parts: the plain baselines, ratios bootstrapped over articles, the
calibration error, the block softmax and its temperature, salience (which entities get a role), and
how the report shows cast, weak and merely mentioned entities. Data is generated for the tests."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from narrascope.analyzers.roles.baseline import LabelledName, MajorityPair, NamePrior
from narrascope.analyzers.roles.lockbox import (
    ScoredMention,
    comparisons,
    expected_calibration_error,
    salience_intervals,
)
from narrascope.analyzers.roles.salience import FEATURES, CastCounts, SalienceModel, entity_features
from narrascope.analyzers.roles.salience_features import context_text
from narrascope.analyzers.roles.salience_train import SalienceArticle, choose_cuts, salience_scores
from narrascope.analyzers.roles.softmax import class_weights, fit_softmax, fit_temperature, logits, softmax
from narrascope.document import Analysis, Document, Entity, LabelScore, Span
from narrascope.errors import ModelError
from narrascope.semeval.t10 import Mention, T10Document


def _row(lang, key, main, fines):
    return LabelledName(lang, key, main, fines)


def test_baselines_answer_the_majority_and_the_name_prior():
    rows = [_row("EN", "en:kross", "Antagonist", ["Tyrant"]), _row("EN", "en:kross", "Antagonist", ["Tyrant"]),
            _row("EN", "en:soria", "Innocent", ["Victim"]), _row("EN", "en:ilva", "Protagonist", ["Guardian"]),
            _row("EN", "en:soria", "Innocent", ["Victim"]), _row("EN", "en:soria", "Antagonist", ["Instigator"]),
            _row("BG", "bg:крос", "Protagonist", ["Guardian", "Peacemaker"])]
    majority = MajorityPair.fit(rows)
    assert majority.predict("EN") in {("Antagonist", ("Tyrant",)), ("Innocent", ("Victim",))}
    assert majority.predict("BG") == ("Protagonist", ("Guardian", "Peacemaker"))
    prior = NamePrior.fit(rows)
    assert prior.predict("EN", "en:soria") == ("Innocent", ("Victim",))
    assert prior.predict("EN", "en:unknown") == majority.predict("EN")  # the fallback


def _scored(article, lang, gold_main, model_main, base_main, conf=0.8):
    return ScoredMention(article, lang, (gold_main, frozenset({"X"})),
                         {"model": (model_main, frozenset({"X"})), "base": (base_main, frozenset({"Y"}))}, conf)


def test_comparisons_are_ratios_over_mentions_bootstrapped_over_articles():
    rows = [_scored(f"EN/{i // 3}", "EN", "A", "A" if i % 3 else "P", "A") for i in range(30)]
    rows += [_scored(f"BG/{i}", "BG", "P", "P", "A") for i in range(10)]
    bg, en, mean = comparisons(rows, "model", "base", "main")  # languages in the usual order
    assert en.group == "EN" and en.n == 30
    assert en.model.value == pytest.approx(20 / 30) and en.baseline.value == pytest.approx(1.0)
    assert en.difference.value == pytest.approx(-1 / 3) and en.difference.high < 0
    assert bg.difference.value == pytest.approx(1.0)
    assert mean.model.value == pytest.approx((20 / 30 + 1.0) / 2)
    emr = comparisons(rows, "model", "base", "emr")
    assert emr[1].model.value == 1.0 and emr[1].baseline.value == 0.0


def test_expected_calibration_error():
    assert expected_calibration_error([0.9] * 10, [1] * 9 + [0]) == pytest.approx(0.0)
    assert expected_calibration_error([0.9] * 10, [0] * 10) == pytest.approx(0.9)
    assert expected_calibration_error([0.25, 0.75], [0, 1]) == pytest.approx(0.25)


def test_block_softmax_matches_scikit_learn_and_takes_soft_targets():
    rng = np.random.default_rng(0)
    dense = rng.normal(size=(300, 5)).astype(np.float32)
    words = sp.random(300, 40, density=0.1, format="csr", random_state=1, dtype=np.float32)
    true = np.hstack([dense, words.toarray()]) @ rng.normal(size=(45, 3))
    y = true.argmax(1)
    weights, bias = fit_softmax([dense, words], np.eye(3)[y], C=1.0, tol=1e-6)
    ours = softmax(logits([dense, words], weights, bias))
    theirs = LogisticRegression(C=1.0, max_iter=2000, tol=1e-8).fit(np.hstack([dense, words.toarray()]), y)
    assert np.abs(ours - theirs.predict_proba(np.hstack([dense, words.toarray()]))).max() < 0.02
    # A row that is half one class, half another pulls the model to the middle.
    soft = np.array([[0.5, 0.5, 0.0]] * 50)
    w, b = fit_softmax([np.zeros((50, 1), np.float32)], soft, C=100.0)
    assert softmax(logits([np.zeros((1, 1), np.float32)], w, b))[0, :2] == pytest.approx([0.5, 0.5], abs=0.01)
    assert class_weights(np.eye(2)[[0, 0, 0, 1]], 1.0) == pytest.approx([2 / 3, 2.0])
    # No example at all (a main role no training mention has): a uniform answer, not a crash.
    w, b = fit_softmax([np.zeros((0, 2), np.float32), sp.csr_matrix((0, 3), dtype=np.float32)], np.zeros((0, 4)))
    assert [x.shape for x in w] == [(2, 4), (3, 4)]
    assert softmax(logits([np.ones((1, 2), np.float32), sp.csr_matrix(np.ones((1, 3), np.float32))], w, b)
                   )[0] == pytest.approx([0.25] * 4)


def test_temperature_undoes_overconfidence():
    rng = np.random.default_rng(3)
    truth = rng.normal(size=(2000, 3))
    y = np.array([rng.choice(3, p=p) for p in softmax(truth)])
    assert fit_temperature(truth * 3.0, y) == pytest.approx(3.0, rel=0.15)


# ---- salience ------------------------------------------------------------------------------------
def _entity(name, starts, type_="NAME"):
    return Entity(name, type_, mentions=[Span(s, s + len(name), type_) for s in starts])


def test_salience_features_and_model_rank_the_talked_about_entity_first():
    text = "Kross attacked Soria. Kross denied it. Kross lied again. Reporters in Ilva watched."
    entities = [_entity("Kross", [0, 22, 39]), _entity("Soria", [15]), _entity("Ilva", [70])]
    counts = CastCounts.empty()
    counts.add("en:kross", True)
    counts.add("en:ilva", False)
    x = entity_features(text, "en", entities, counts, base=0.2)
    assert x[0, 0] > x[1, 0]  # more mentions
    coef = np.zeros(x.shape[1])
    coef[:2] = 1.0  # log mentions, mention share
    model = SalienceModel(coef, -1.0, np.zeros(x.shape[1]), np.ones(x.shape[1]), {"en": 0.5}, counts, {"en": 0.2})
    p = model.probabilities(text, "en", entities)
    assert p[0] > 0.5 > p[1] and p[0] > p[2]


def _doc(mentions: list[tuple[int, int]]) -> T10Document:
    return T10Document("EN_1.txt", "EN", "x" * 100, mentions=[Mention("m", s, e - 1, "Antagonist", ["Tyrant"])
                                                               for s, e in mentions])


def test_salience_scores_and_cuts():
    doc = _doc([(0, 5), (40, 45)])
    entities = [_entity("AAAAA", [0]), _entity("BBBBB", [20]), _entity("CCCCC", [40])]
    article = SalienceArticle(doc, entities, [1, 0, 1])
    scores = salience_scores([article], [[True, True, False]])["en"]
    assert scores["shown"] == 2 and scores["precision"] == 0.5 and scores["coverage"] == 0.5
    cuts = choose_cuts([article], np.array([0.9, 0.5, 0.3]))
    assert cuts["en"] == pytest.approx(0.3)  # covering 72% of the annotated mentions needs the third


def test_salience_figures_get_intervals_over_articles():
    good = SalienceArticle(_doc([(0, 5), (40, 45)]), [_entity("AAAAA", [0]), _entity("CCCCC", [40])], [1, 1])
    poor = SalienceArticle(_doc([(0, 5), (40, 45)]), [_entity("AAAAA", [0]), _entity("BBBBB", [20])], [1, 0])
    bulgarian = SalienceArticle(T10Document("BG_1.txt", "BG", "x" * 100, mentions=[Mention("m", 0, 4, "Innocent",
                                                                                               ["Victim"])]),
                                [_entity("AAAAA", [0])], [1])
    articles = [good, poor, good, poor, bulgarian]
    shown = [[True, True]] * 4 + [[True]]
    intervals = salience_intervals(articles, shown)
    points = salience_scores(articles, shown)
    for group in ("en", "all"):
        for measure in ("precision", "coverage"):
            iv = intervals[group][measure]
            assert iv["value"] == pytest.approx(points[group][measure], abs=1e-4)
            assert iv["low"] <= iv["value"] <= iv["high"]
    assert intervals["en"]["precision"]["value"] == pytest.approx(0.75)
    assert intervals["en"]["precision"]["low"] < 0.75 < intervals["en"]["precision"]["high"]  # articles differ
    assert intervals["bg"]["precision"]["low"] == intervals["bg"]["precision"]["high"] == 1.0  # one article


def test_salience_cut_is_the_most_precise_one_that_keeps_the_coverage():
    doc = _doc([(0, 5), (20, 25), (40, 45), (60, 65)])
    entities = [_entity(n * 5, [s]) for n, s in zip("ABCDEF", [0, 20, 40, 60, 80, 90], strict=True)]
    article = SalienceArticle(doc, entities, [1, 0, 1, 1, 0, 0])
    # Ranked A, B, C, D, E, F: A-C cover 2 of 4 annotated mentions, A-D cover 3 (0.75 >= 0.72) at 3 of 4.
    probs = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    assert choose_cuts([article], probs)["en"] == pytest.approx(0.6)
    # Half the mentions: A-C (2 of 3 cast) would do, but A-D is more precise (3 of 4): not the highest cut.
    assert choose_cuts([article], probs, target=0.5)["en"] == pytest.approx(0.6)
    assert choose_cuts([article], probs, target=0.25)["en"] == pytest.approx(0.9)
    # Tied probabilities are one cut: both or neither.
    assert choose_cuts([article], np.array([0.9, 0.8, 0.6, 0.6, 0.5, 0.4]))["en"] == pytest.approx(0.6)
    assert choose_cuts([article], probs, target=1.0)["en"] == pytest.approx(0.4)  # unreachable: show every one


def test_salience_reads_how_the_sentence_names_the_entity_and_the_words_around_it():
    text = "Kross attacked the port. Reporters met in Ilva. The port burned."
    entities = [_entity("Kross", [0]), _entity("Ilva", [text.index("Ilva")])]
    x = entity_features(text, "en", entities, CastCounts.empty(), base=0.2)
    col = {name: i for i, name in enumerate(FEATURES)}
    kross, ilva = x
    assert kross[col["opens_sentence"]] == 1 and ilva[col["opens_sentence"]] == 0
    assert kross[col["followed_by_lower"]] == 1 and ilva[col["followed_by_lower"]] == 0
    assert ilva[col["after_function_word"]] == 1 and kross[col["after_function_word"]] == 0
    assert kross[col["in_title"]] == 1 and kross[col["title_only"]] == 1
    words = context_text(text, "en", entities[0]).split()
    assert "kross" not in words and "entx" in words and "r_attacked" in words and "lang_en" in words


def test_salience_model_with_context_words_round_trips(tmp_path):
    from narrascope.analyzers.roles.features import Tfidf

    text = "Kross attacked the port. Reporters met in Ilva."
    entities = [_entity("Kross", [0]), _entity("Ilva", [text.index("Ilva")])]
    context = Tfidf("context")
    context.fit_transform([context_text(text, "en", e) for e in entities] * 3)
    words, _ = context.state()
    weights = np.array([3.0 if w == "r_attacked" else 0.0 for w in words], np.float32)
    n = len(FEATURES)
    model = SalienceModel(np.zeros(n), 0.0, np.zeros(n), np.ones(n), {"en": 0.5}, CastCounts.empty(), {"en": 0.2},
                          context, weights)
    p = model.probabilities(text, "en", entities)
    assert p[0] > 0.5 and p[1] == pytest.approx(0.5)
    arrays, meta = model.to_arrays()
    again = SalienceModel.from_arrays(arrays, meta)
    assert np.allclose(again.probabilities(text, "en", entities), p, atol=1e-2)
    with pytest.raises(ModelError, match="rebuild"):
        SalienceModel.from_arrays(arrays, {**meta, "features": meta["features"][:-1]})


def test_role_analyzer_gives_roles_only_to_cast_entities(tiny_role_model):
    from narrascope.analyzers.roles.analyzer import RoleAnalyzer

    text = "Arvonia shelled the town and started the war. Reporters from Galdora watched."
    entities = [_entity("Arvonia", [0]), _entity("Galdora", [text.index("Galdora")])]
    counts = CastCounts.empty()
    for _ in range(5):
        counts.add("en:arvonia", True)
        counts.add("en:galdora", False)
    n = len(entity_features(text, "en", entities, counts, 0.2)[0])
    coef = np.zeros(n)
    coef[9] = 10.0  # the name's cast rate
    tiny_role_model.salience = SalienceModel(coef, -4.0, np.zeros(n), np.ones(n), {"en": 0.5}, counts, {"en": 0.2})
    try:
        a = Analysis(document=Document(text=text, lang="en"), language="en", entities=entities)
        RoleAnalyzer(tiny_role_model).process_batch([a])
        arvonia, galdora = a.entities
        assert arvonia.main_role == "Antagonist" and arvonia.salience > 0.5 and arvonia.evidence
        assert galdora.main_role is None and galdora.fine_roles == [] and galdora.salience < 0.5
        given = Analysis(document=Document(text=text, lang="en"), language="en",
                         entities=[Entity("Galdora", "GIVEN", mentions=[Span(61, 68, "GIVEN")])])
        RoleAnalyzer(tiny_role_model).process_batch([given])
        assert given.entities[0].main_role is not None  # given mentions always get a role
    finally:
        tiny_role_model.salience = None


def test_report_marks_weak_roles_and_lists_mentioned_entities():
    from rich.console import Console

    from narrascope.report.entities import entities_section

    text = "Kross attacked Soria while Ilva watched."
    a = Analysis(document=Document(text=text), analyzers=["entities", "roles"], entities=[
        Entity("Kross", "PER", "Antagonist", 0.41, [LabelScore("Tyrant", 0.6, "Antagonist")],
               [Span(0, 5)], surface_forms=["Kross"], weak=True),
        Entity("Soria", "LOC", mentions=[Span(15, 20)], surface_forms=["Soria"]),
        Entity("Russia", "LOC", mentions=[Span(27, 31)], surface_forms=["Ilva"]),
    ])
    console = Console(width=200, record=True)
    for part in entities_section(a):
        console.print(part)
    out = console.export_text()
    assert "weak Antagonist" in out and "Kross" in out
    assert "mentioned, no role: " in out and "Soria" in out and "Russia (Ilva)" in out
    assert "Antagonist  Soria" not in out and "accurate mode" not in out
    a.analyzers = ["entities", "roles-accurate"]
    console = Console(width=200, record=True)
    for part in entities_section(a):
        console.print(part)
    accurate = console.export_text()
    assert "Entities  (roles: accurate mode)" in accurate and "mentioned, no role: " in accurate


def test_similar_article_prior_fits_saves_and_loads(tmp_path):
    from narrascope.analyzers.roles.context import prepare_documents
    from narrascope.analyzers.roles.model import RoleModel, RoleModelConfig
    from tests.test_roles import _corpus

    texts, mentions, _ = _corpus(5, 30)
    spans = [[(m.start, m.end) for m in mentions if m.doc_key == k] for k in range(len(texts))]
    docs = prepare_documents(texts, ["en"] * len(texts), spans, embedder="hashing")
    config = RoleModelConfig(embedder="hashing", calibration_folds=2)
    config.weights["neighbours"] = 1.0
    model = RoleModel(config).fit(docs, mentions)
    assert model.neighbours is not None and 0.1 < model.temperature < 10
    model.save(tmp_path / "roles")
    loaded = RoleModel.load(tmp_path / "roles")
    p1, f1 = model.predict_proba(docs, mentions[:10])
    p2, f2 = loaded.predict_proba(docs, mentions[:10])
    assert np.abs(p1 - p2).max() < 2e-3 and np.abs(f1 - f2).max() < 2e-3



def test_article_words_between_is_findall_on_the_slice():
    import re

    from narrascope.analyzers.roles.salience_features import ArticleWords
    from narrascope.nlp.text import WORD_PATTERN

    text = "Kross met the envoy of Westmark-Ilva in Port Avalon; सरकार ने कहा. Россия, Галдора и Soria!"
    words = ArticleWords(text)
    for lo in range(0, len(text), 3):
        for hi in range(lo, len(text) + 1, 5):
            expected = re.findall(WORD_PATTERN, text[lo:hi])  # words cut at the edges included
            assert words.between(lo, hi) == expected
            assert words.between(lo, hi, first_n=2) == expected[:2]
            assert words.between(lo, hi, last_n=3) == expected[-3:]
    assert words.next_word(text.index("Port")) == "Port" and words.next_word(text.index("ort")) == ""


@pytest.mark.parametrize("kind", ["window", "edges", "entity", "chars", "context"])
def test_tfidf_transform_gives_the_vectorisers_values(kind):
    from narrascope.analyzers.roles.features import Tfidf

    texts = ["Kross attacked the port of Ilva ENTX again", "L_kross L_met R_in R_ilva", "Ilva ENTX port attacked",
             "cafe\u0301 Kross ENTX Kross Kross", "भारत सरकार ENTX ने कहा", "kross", "ilva port", "L_kross R_in"] * 2
    tfidf = Tfidf(kind)
    tfidf.fit_transform(texts)
    restored = Tfidf.restore(kind, *tfidf.state())
    new = ["Kross ENTX attacked Ilva Ilva the port", "R_in L_met L_met unseen", "", "भारत ENTX कहा", "kross"]
    for model in (tfidf, restored):
        expected, got = model.vec.transform(new), model.transform(new)
        assert got.dtype == expected.dtype and (got != expected).nnz == 0
        assert np.array_equal(got.indices, expected.indices) and np.array_equal(got.data, expected.data)

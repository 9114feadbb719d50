"""Word-level technique spans, the PTC reader and its leakage check, and the lockbox report of the
technique model (trained here on an invented mini-corpus)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from narrascope.analyzers.techniques import metrics as M
from narrascope.analyzers.techniques.features import candidates
from narrascope.analyzers.techniques.span_edges import tidy_edges, without_possessive_tail
from narrascope.analyzers.techniques.spans import (
    SpanModel,
    best_segment,
    carries_words,
    name_words,
    paragraph_words,
    repeats,
    segments,
    word_keys,
    word_spans,
)
from narrascope.errors import InputError
from narrascope.semeval import ptc

from .test_techniques import _write_corpus


# ---------------------------------------------------------------------- decoding and words
def test_best_segment_bridges_a_weak_word_and_always_returns_one():
    scores = np.array([0.1, 0.8, 0.2, 0.9, 0.05])
    assert best_segment(scores, 0.4)[1:] == (1, 4)  # 0.4 + (-0.2) + 0.5 > 0.5 alone
    assert best_segment(scores, 0.7)[1:] == (3, 4)  # the gap now costs more than the run gains
    assert best_segment(np.array([0.1, 0.3, 0.2]), 0.9)[1:] == (1, 2)  # nothing passes: the best word


def test_further_segments_need_a_share_of_the_best_gain():
    scores = np.array([0.9, 0.9, 0.0, 0.0, 0.0, 0.75, 0.0, 0.0, 0.55])
    assert segments(scores, 0.5, 2.0) == [(0, 2)]  # one segment per label
    assert segments(scores, 0.5, 0.25) == [(0, 2), (5, 6)]  # 0.25 >= 0.25 x 0.8; 0.05 is not
    assert segments(scores, 0.5, 0.05) == [(0, 2), (5, 6), (8, 9)]
    assert segments(np.zeros(0), 0.5, 0.5) == []


def test_paragraph_words_use_the_one_tokenizer_and_mark_repetition():
    text = "Title\n\nThe clowns again! The \"clowns\" voted.\n\nभारत सरकार ने कहा।"
    cands = candidates([text])
    words = paragraph_words([text], cands.par_doc, cands.par_bounds, np.arange(len(cands.par_bounds)),
                            cands.sent_par, cands.sent_bounds, ["en"])
    found = [text[a:b] for a, b in zip(words.start, words.end, strict=True)]
    assert found == ["Title", "The", "clowns", "again", "The", "clowns", "voted", "भारत", "सरकार", "ने", "कहा"]
    assert words.par.tolist() == [0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2]
    assert words.sent[2] != words.sent[5]  # "clowns" in two sentences
    rows = words.x.toarray()
    assert (rows[2] != rows[5]).any()  # the quoted one differs (quotes, neighbours)
    assert (rows[3] != rows[6]).any()


def test_every_word_lies_in_its_sentence_and_paragraph_across_a_batch():
    texts = ["Short one.\n\nA second line here. And more words!", "Other text? Yes.\n\nThe end of it."]
    cands = candidates(texts)
    rows = np.array([1, 2, 3])  # not every paragraph: the first text's title is left out
    words = paragraph_words(texts, cands.par_doc, cands.par_bounds, rows, cands.sent_par, cands.sent_bounds,
                            ["en", "en"])
    assert sorted(set(words.par.tolist())) == [1, 2, 3]
    for p, j, a, b in zip(words.par, words.sent, words.start, words.end, strict=True):
        s, e, _ = cands.par_bounds[p]
        assert cands.sent_par[j] == p and s <= a < b <= e
        assert cands.sent_bounds[j][0] <= a < b <= cands.sent_bounds[j][1]


# ---------------------------------------------------------------------- metrics over articles
def test_counts_give_the_same_f1_as_the_matrices_and_span_credit_sums_to_span_scores():
    rng = np.random.default_rng(1)
    gold = (rng.random((40, 5)) < 0.3).astype(np.int8)
    pred = (rng.random((40, 5)) < 0.3).astype(np.int8)
    counts = M.paragraph_counts(gold, pred)
    whole = M.paragraph_scores(gold, pred)
    assert M.micro_f1_of_counts(counts) == pytest.approx(whole.micro_f1)
    assert M.macro_f1_of_counts(counts) == pytest.approx(whole.macro_f1)
    g = {"a": [("X", 0, 10), ("Y", 20, 30)], "b": [("X", 5, 9)]}
    p = {"a": [("X", 5, 15), ("X", 22, 28)], "b": [("X", 0, 40)]}
    total = np.sum([M.span_credit(g[d], p[d]) for d in g], axis=0)
    assert M.f1_of_credit(*total).f1 == pytest.approx(M.span_scores(g, p).f1)
    # techniques ignored (SemEval-2020 SI): the Y gold span is now matched by the second X span
    assert M.span_credit(M.unlabelled(g["a"]), M.unlabelled(p["a"]))[2] == pytest.approx(0.5 + 0.6)


# ---------------------------------------------------------------------- PTC
def _write_ptc(root: Path, articles: dict[str, str], spans: list[str]) -> Path:
    for split, folder, labels in (("train", "train-articles", "train-task2-TC.labels"),
                                  ("dev", "dev-articles", "dev-task-TC.labels")):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / labels).write_text("\n".join(spans) + "\n" if split == "train" else "", encoding="utf-8")
    for doc_id, text in articles.items():
        (root / "train-articles" / f"article{doc_id}.txt").write_text(text, encoding="utf-8")
    return root


def test_ptc_reader_maps_techniques_and_drops_merged_classes(tmp_path):
    text = "A headline\n\nThose idiots ruined it. Nobody else did this.\nFlag and nation forever."
    s = text.index("idiots")
    root = _write_ptc(tmp_path / "ptc", {"7": text}, [
        f"7\tName_Calling,Labeling\t{s}\t{s + 6}",
        f"7\tWhataboutism,Straw_Men,Red_Herring\t{s}\t{s + 20}",
        f"7\tFlag-Waving\t{text.index('Flag')}\t{len(text)}",
    ])
    (doc,) = ptc.read_split(root, "train")
    assert doc.spans == [("Name_Calling-Labeling", s, s + 6), ("Flag_Waving", text.index("Flag"), len(text))]
    assert doc.paragraph_labels == {1: [], 3: ["Name_Calling-Labeling"], 4: ["Flag_Waving"]}
    (root / "train-task2-TC.labels").write_text("7\tMade_Up\t0\t3\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown PTC technique 'Made_Up'"):
        ptc.read_split(root, "train")
    with pytest.raises(InputError, match="no gold spans"):
        ptc.read_split(root, "test")


def test_ptc_copies_of_lockbox_articles_are_left_out_and_counted(tmp_path):
    from narrascope.analyzers.techniques import training_data as D

    data = tmp_path / "semeval2023_task3"
    _write_corpus(data, n_articles=8)
    (tmp_path / "splits").mkdir()
    (tmp_path / "splits" / "semeval2023_task3_lockbox.tsv").write_text(
        "language\tarticle\nen\tarticle1000.txt\n", encoding="utf-8")
    held = (data / "data" / "en" / "train-articles-subtask-3" / "article1000.txt").read_text(encoding="utf-8")
    trained = (data / "data" / "en" / "train-articles-subtask-3" / "article1003.txt").read_text(encoding="utf-8")
    new = ("An article of our own about a harbour\n\n" + " ".join(
        f"The ferry number {i} left the harbour at dawn with {i * 3} passengers aboard." for i in range(12)))
    _write_ptc(tmp_path / "ptc", {"1": held.replace("Monday", "Tuesday"), "2": trained, "3": new}, [])
    split = D.load(data, lockbox=True, ptc_dir=tmp_path / "ptc")
    assert (split.ptc_duplicates_of_lockbox, split.ptc_duplicates_of_train, split.ptc_added) == (1, 1, 1)
    assert [d.id for d in split.held] == ["1000"]
    assert "ptc3" in {d.id for d in split.train} and "1000" not in {d.id for d in split.train}
    assert "1 of lockbox articles" in split.describe()


# ---------------------------------------------------------------------- the lockbox report
def test_lockbox_report_trains_without_the_lockbox_and_compares_with_the_baseline(tmp_path, monkeypatch):
    from narrascope.analyzers.techniques import fitting as T
    from narrascope.analyzers.techniques import train

    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "semeval2023_task3"
    _write_corpus(data, n_articles=30)
    held = [f"article{1000 + i}.txt" for i in range(0, 30, 5)]
    (tmp_path / "splits").mkdir()
    (tmp_path / "splits" / "semeval2023_task3_lockbox.tsv").write_text(
        "language\tarticle\n" + "".join(f"en\t{name}\n" for name in held), encoding="utf-8")
    seen = []
    original = train.dataset
    monkeypatch.setattr(train, "dataset", lambda docs, *a: seen.extend(d.id for d in docs) or original(docs, *a))
    settings = T.Settings(c_sent=10.0, c_par=10.0, min_df=1, max_features=20_000, span_c=10.0)
    result = train.evaluate_lockbox(data, folds=3, ptc="", settings=settings)
    assert seen and not {f"article{i}.txt" for i in seen} & set(held)
    scores = result["scores"]
    assert scores["articles"] == {"train": 24, "lockbox": 6}
    for metric in ("paragraph_micro_f1", "paragraph_macro_f1", "span_f1", "span_f1_si"):
        row = scores[metric]["en"]
        assert row["n"] == 6 and row["model"]["low"] <= row["model"]["value"] <= row["model"]["high"]
    assert scores["paragraph_micro_f1"]["en"]["model"]["value"] > 0.8  # the invented techniques are easy
    assert scores["median_span_chars"]["model"] < scores["median_span_chars"]["sentence_spans"]
    assert 0.0 <= scores["order_unchanged_share"] <= 1.0
    assert "baseline" in result["table"] and "Median span length" in result["table"]
    json.dumps(scores)



def test_span_thresholds_trade_f1_for_short_spans_only_as_far_as_the_constraint_needs():
    from narrascope.analyzers.techniques.train_spans import CreditTables, best_columns

    # one technique, two candidate thresholds: column 0 gives long spans with more credit, column 1 short ones
    tables = CreditTables(p_sum=np.array([[8.0, 5.0]]), n_pred=np.array([[10.0, 10.0]]),
                          r_sum=np.array([[8.0, 4.0]]), n_short=np.array([[2.0, 9.0]]),
                          n_gold=np.array([10.0]), pairs=np.array([10.0]))
    column, f1, short = best_columns(tables, min_short=0.0)
    assert column.tolist() == [0] and f1 == pytest.approx(0.8) and short == pytest.approx(0.2)
    column, f1, short = best_columns(tables, min_short=0.6)
    assert column.tolist() == [1] and short >= 0.6 and f1 < 0.8


@pytest.mark.parametrize("span, carries", [
    ("of", False), ("his", False), ("will", False), ("up to the", False), ("der", False), ("się", False),
    ("bad guy", True), ("junta has no real power", True), ("NATO", True), ("of the blood", True),
])
def test_a_span_of_function_words_alone_carries_no_technique(span, carries):
    text = f"Words before {span} and after."
    start = text.index(span)
    assert carries_words(text, start, start + len(span)) is carries


def test_a_span_does_not_start_on_a_possessive_tail():
    text = "The minister’s words mean nothing to anyone here."
    start = text.index("s words")
    assert text[without_possessive_tail(text, start, len(text)) :].startswith("words mean nothing")
    ordinary = text.index("words")
    assert without_possessive_tail(text, ordinary, len(text)) == ordinary


@pytest.mark.parametrize("text, phrase, repeated", [
    # the seed's fault: "Repetition" on a word the article uses once
    ("Then the minister gave a grunt and left the hall.\n\nThe talks went on.", "grunt", False),
    ("Never again. We say it today: never again, never again.", "never again", True),
    # inflected forms of one word count alike; function words repeat nothing
    ("Санкции не работают. Эффект санкций ничтожен.", "Эффект санкций", True),
    ("It was the end of the day for the city.", "of the", False),
])
def test_a_repetition_span_repeats_a_word_of_the_article(text, phrase, repeated):
    start = text.index(phrase)
    counts = {}
    for k in word_keys(text):
        counts[k] = counts.get(k, 0) + 1
    assert repeats(text, start, start + len(phrase), counts) is repeated


def _words_of(text: str, lang: str = "en"):
    cands = candidates([text])
    return paragraph_words([text], cands.par_doc, cands.par_bounds, np.arange(len(cands.par_bounds)),
                           cands.sent_par, cands.sent_bounds, [lang])


def _names(text: str, lang: str = "en") -> list[str]:
    words = _words_of(text, lang)
    marked = name_words(text, words.start, words.end, words.sent)
    return [text[a:b] for a, b, m in zip(words.start, words.end, marked, strict=True) if m]


def test_names_are_capitalised_words_inside_a_sentence_outside_headlines():
    text = ("Why The Elysee Palace Wants A War Now\n\n"
            "The master of the Elysee Palace met OPEC and NATO. Putin said nothing, and the WHOLE world watched.")
    # not "The" (a sentence's first word), not the headline's words, not words in capitals (acronyms or
    # shouting)
    assert _names(text) == ["Elysee", "Palace"]
    assert _names("Вчера Русия и Украйна говориха.", "bg") == ["Русия", "Украйна"]
    assert _names("भारत सरकार ने कहा कि युद्ध जारी रहेगा।", "hi") == []  # no capitals: no names


def _spans_for(label: str, text: str, scores: dict[str, float], lang: str = "en", threshold: float = 0.5):
    """word_spans of a one-paragraph text whose words score as `scores` says (others 0.1)."""
    words = _words_of(text, lang)
    s = np.array([scores.get(text[a:b], 0.1) for a, b in zip(words.start, words.end, strict=True)])
    model = SpanModel(np.zeros((1, 1)), np.zeros(1), np.array([threshold]), share=2.0)
    return [text[a:b] for a, b, _ in word_spans(model, label, 0, text, lang, words, 0, len(words), s)]


def test_a_span_of_names_alone_carries_no_technique_but_a_few():
    text = "The master of the Elysee Palace, out of his wits, decided to play with his muscles."
    # the seed's fault: Loaded Language on "Elysee"; decoded again without the names, the loaded words
    assert _spans_for("Loaded_Language", text, {"Elysee": 0.9, "wits": 0.6}) == ["wits"]
    # nothing else the model believes in: no span (the analyzer shows the sentence)
    assert _spans_for("Loaded_Language", text, {"Elysee": 0.9, "wits": 0.3}) == []
    assert _spans_for("Name_Calling-Labeling", "Вчера Русия отговори.", {"Русия": 0.9}, "bg") == []
    # a name inside a span of other words stays; a slogan may be names alone; German capitalises nouns
    assert _spans_for("Name_Calling-Labeling", "And the Kiev junta fell.", {"Kiev": 0.7, "junta": 0.9}) == [
        "Kiev junta"]
    assert _spans_for("Slogans", "They chanted America First again.", {"America": 0.9, "First": 0.9}) == [
        "America First"]
    assert _spans_for("Name_Calling-Labeling", "Das sind die Verräter hier.", {"Verräter": 0.9}, "de") == [
        "Verräter"]


@pytest.mark.parametrize("text, chosen, shown", [
    ("the balance of power is gone", "of power", "power"),
    ("a complete lack of unity", "lack of", "lack"),
    ("shortage of weapons and equipment.", "and equipment", "equipment"),
    ("we need to prolong the treaty", "need to prolong the", "need to prolong"),
    ("we must be prepared for any provocation", "prepared for any", "prepared"),
    ("telling the West absolutely directly over and over", "absolutely directly over", "absolutely directly"),
    ("an independent pan-European army", "independent pan", "independent pan-European"),
    ("the so-called peace plan", "called peace", "so-called peace"),
    ("talks about a “diplomatic settlement”, this is why", "a “diplomatic", "a “diplomatic settlement”"),
    ('the guise of "instructors", "advisers"', '"instructors', '"instructors"'),
    ('the guise of "instructors", "advisers"', 'of "instructors"', '"instructors"'),  # the quotation opens it
    ("charges of genocide in the court", "genocide in", "genocide"),
    ("the Kiev junta rules", "the Kiev junta", "the Kiev junta"),  # a leading article is often in the gold
    ("and", "and", "and"),  # a span is never emptied
])
def test_span_edges_fall_where_a_reader_would_cut(text, chosen, shown):
    start = text.index(chosen)
    s, e = tidy_edges(text, start, start + len(chosen))
    assert text[s:e] == shown

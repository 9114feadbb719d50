"""Persuasion techniques: SemEval-2023 T3 readers/writers, metrics, the model (trained here on an
invented mini-corpus), the analyzer with the committed artifact, the report and the CLI commands."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from narrascope.analyzers.techniques.metrics import binarize, merge_spans, paragraph_scores, span_scores
from narrascope.cli.main import cli
from narrascope.document import Analysis, Document
from narrascope.errors import InputError
from narrascope.nlp.text import line_paragraphs
from narrascope.semeval.t3 import clean_label, format_line, read_split, read_template

from .conftest import T3_2023, needs

LABELS = ["Loaded_Language", "Name_Calling-Labeling", "Doubt", "Appeal_to_Fear-Prejudice"]
MODEL_JSON = Path(__file__).resolve().parents[1] / "src" / "narrascope" / "models" / "techniques" / "meta.json"

# Invented sentences, one kind per technique, and neutral filler.
LOADED = ["The mayor gave a shameful, disgraceful speech.", "It was an outrageous, disgraceful decision."]
NAMES = ["These clowns in parliament voted again.", "The clowns of the council met on Monday."]
DOUBT = ["Can we really trust anything the ministry says?", "Is the agency honest with us at all?"]
NEUTRAL = ["The council met on Tuesday to discuss the budget.", "Rain is expected in the north this week.",
           "The library opens at nine in the morning.", "A new bridge was opened near the station."]


def _write_corpus(root: Path, n_articles: int = 24, lang: str = "en") -> None:
    """A tiny SemEval-2023-T3-shaped corpus: articles, paragraph labels, spans and a template."""
    base = root / "data" / lang
    arts = base / "train-articles-subtask-3"
    spans_dir = base / "train-labels-subtask-3-spans"
    arts.mkdir(parents=True)
    spans_dir.mkdir()
    label_rows, template_rows = [], []
    for i in range(n_articles):
        doc_id = str(1000 + i)
        lines = [f"Local news number {i}", ""]
        paragraph_spans: list[list[tuple[str, str]]] = [[]]
        for j in range(4):
            kind = (i + j) % 4
            text = [LOADED, NAMES, DOUBT, NEUTRAL][kind][(i + j) % 2] + " " + NEUTRAL[(i * 3 + j) % 4]
            lines += [text, ""]
            tag = [("Loaded_Language", "disgraceful"), ("Name_Calling-Labeling", "clowns"),
                   ("Doubt", text.split("?")[0] + "?"), None][kind]
            paragraph_spans.append([tag] if tag else [])
        text = "\n".join(lines)
        (arts / f"article{doc_id}.txt").write_text(text, encoding="utf-8")
        span_lines = []
        for par, tags in zip(line_paragraphs(text), paragraph_spans, strict=True):
            label_rows.append(format_line(doc_id, par.number, [t for t, _ in tags]))
            template_rows.append(f"{doc_id}\t{par.number}\t{text[par.start:par.end]}")
            for tech, needle in tags:
                start = text.index(needle, par.start)
                span_lines.append(f"{doc_id}\t{tech}\t{start}\t{start + len(needle)}")
        (spans_dir / f"article{doc_id}-labels-subtask-3.txt").write_text("\n".join(span_lines) + "\n")
    (base / "train-labels-subtask-3.txt").write_text("\n".join(label_rows) + "\n", encoding="utf-8")
    (base / "train-labels-subtask-3.template").write_text("\n".join(template_rows) + "\n", encoding="utf-8")
    (root / "scorers").mkdir()
    (root / "scorers" / "techniques_subtask3.txt").write_text("\n".join(LABELS) + "\n")


# ---------------------------------------------------------------------- readers and metrics
def test_paragraphs_are_non_empty_lines_numbered_by_line():
    text = "Title\r\n\r\n  First para.  \n\nSecond para."
    pars = line_paragraphs(text)
    assert [p.number for p in pars] == [1, 3, 5]
    assert [text[p.start:p.end] for p in pars] == ["Title", "First para.", "Second para."]


def test_reader_reads_labels_spans_and_template(tmp_path):
    _write_corpus(tmp_path, n_articles=3)
    docs = read_split(tmp_path, languages=("en",))
    assert [d.id for d in docs] == ["1000", "1001", "1002"]
    d = docs[0]
    assert sorted(d.paragraph_labels) == [p.number for p in d.paragraphs] == [1, 3, 5, 7, 9]
    assert d.paragraph_labels[3] == ["Loaded_Language"]
    tech, s, e = d.spans[0]
    assert (tech, d.text[s:e]) == ("Loaded_Language", "disgraceful")
    rows = read_template(tmp_path / "data" / "en" / "train-labels-subtask-3.template")
    assert rows[:2] == [("1000", 1), ("1000", 3)]
    with pytest.raises(InputError, match="no 'train-articles-subtask-3'"):
        read_split(tmp_path, languages=("it",))


def test_clean_label_fixes_typos_and_drops_unknown_names():
    known = set(LABELS)
    assert clean_label("Appeal_to_Fear-Prejudi-čce", known) == "Appeal_to_Fear-Prejudice"
    assert clean_label("Doubt", known) == "Doubt"
    assert clean_label("Something_else", known) is None


def test_paragraph_scores_match_hand_computed_micro_and_macro():
    gold = binarize([["A"], ["A", "B"], []], ["A", "B", "C"])
    pred = binarize([["A"], ["B", "C"], ["A"]], ["A", "B", "C"])
    s = paragraph_scores(gold, pred)
    # tp=2 (A in row 0, B in row 1), fp=2, fn=1 -> micro F1 = 4/7; per label: A 2/3... B 1, C 0
    assert s.micro_f1 == pytest.approx(4 / 7)
    assert s.macro_f1 == pytest.approx((2 * 1 / (2 + 1 + 1) + 1.0 + 0.0) / 3)


def test_shrunk_thresholds_lie_between_own_and_shared_threshold():
    from narrascope.analyzers.techniques import fitting as T

    rng = np.random.default_rng(0)
    gold = (rng.random((400, 2)) < [0.5, 0.3]).astype(np.int8)
    # technique 0 separates near 0.7, technique 1 near 0.3: their own thresholds differ
    low, high = np.where(gold, [0.7, 0.28], [0.0, 0.0]), np.where(gold, [1.0, 0.5], [0.72, 0.3])
    scores = low + rng.random((400, 2)) * (high - low)
    own = T.tune_thresholds(scores, gold)
    shared = T.single_threshold(scores, gold)
    assert np.allclose(T.shrunk_thresholds(scores, gold, 0.0), own)
    assert np.allclose(T.shrunk_thresholds(scores, gold, 1.0), shared)
    half = T.shrunk_thresholds(scores, gold, 0.5)
    assert np.allclose(half, (own + shared) / 2)
    assert len(set(own.tolist())) > 1  # so the test would notice thresholds collapsing to one
    best_shared = paragraph_scores(gold, (scores >= shared).astype(np.int8)).micro_f1
    for t in T.GRID:
        assert paragraph_scores(gold, (scores >= t).astype(np.int8)).micro_f1 <= best_shared + 1e-9


def test_span_scores_give_partial_credit_for_overlap():
    gold = {"d": [("X", 0, 10)]}
    pred = {"d": [("X", 5, 15), ("Y", 0, 10)]}
    s = span_scores(gold, pred)
    assert s.precision == pytest.approx(0.5 / 2)  # half of the X span; the Y span earns nothing
    assert s.recall == pytest.approx(0.5)
    assert merge_spans([("X", 0, 5), ("X", 3, 9), ("Y", 0, 2)]) == [("X", 0, 9), ("Y", 0, 2)]
    assert span_scores({"d": []}, {"d": []}).f1 == 0.0


# ---------------------------------------------------------------------- the model on invented data
@pytest.fixture(scope="module")
def mini_model(tmp_path_factory):
    from narrascope.analyzers.techniques import fitting as T
    from narrascope.analyzers.techniques.model import TechniqueModel
    from narrascope.analyzers.techniques.train import cross_validate

    root = tmp_path_factory.mktemp("t3")
    _write_corpus(root)
    settings = T.Settings(c_sent=10.0, c_par=10.0, min_df=1, max_features=20_000, folds=3, span_c=10.0,
                          language_threshold_min=1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NARRASCOPE_CACHE", str(root / "cache"))
        result = cross_validate(root, folds=3, settings=settings, ptc="")
    result["model"].save(root / "model")
    return TechniqueModel.load(root / "model"), result


def test_cross_validation_learns_the_invented_techniques(mini_model):
    _, result = mini_model
    assert result["scores"]["en"]["micro_f1"] > 0.8
    assert "micro-F1" in result["table"] and "span-F1" in result["table"]
    assert result["table"].startswith("cross-validation on all of train")  # the corpus has no lockbox list


def test_cross_validation_reports_the_plain_baseline_on_the_same_folds(tmp_path, monkeypatch):
    """`evaluate techniques` (cross-validation) shows the baseline beside the model, as the lockbox report
    does; on this corpus the model's cross-validated micro-F1 is the one the table above it reports."""
    from narrascope.analyzers.techniques import fitting as T
    from narrascope.analyzers.techniques.train import cross_validate

    root = tmp_path / "t3"
    _write_corpus(root)
    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path / "cache"))
    settings = T.Settings(c_sent=10.0, c_par=10.0, min_df=1, max_features=20_000, folds=3, span_c=10.0,
                          language_threshold_min=1)
    result = cross_validate(root, folds=3, settings=settings, ptc="")
    beside = result["scores"]["beside_baseline"]["paragraph_micro_f1"]
    assert beside["en"]["model"]["value"] == pytest.approx(result["scores"]["en"]["micro_f1"], abs=1e-4)
    assert 0.0 <= beside["en"]["baseline"]["value"] <= 1.0 and beside["all"]["n"] == 24
    assert "Cross-validation, paragraph micro-F1 (official): model vs plain baseline" in result["table"]


def test_cross_validation_leaves_the_lockbox_out(tmp_path, monkeypatch):
    """`narrascope evaluate techniques` without --lockbox is where choices are made: no lockbox article in it."""
    from narrascope.analyzers.techniques import fitting as T
    from narrascope.analyzers.techniques.train import cross_validate

    root = tmp_path / "t3"
    _write_corpus(root)
    held = {f"article{1000 + i}.txt" for i in range(0, 24, 4)}
    (tmp_path / "splits").mkdir()
    (tmp_path / "splits" / "t3_lockbox.tsv").write_text(
        "language\tarticle\n" + "".join(f"en\t{n}\n" for n in sorted(held)), encoding="utf-8")
    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path / "cache"))
    settings = T.Settings(c_sent=10.0, c_par=10.0, min_df=1, max_features=20_000, folds=3, span_c=10.0,
                          language_threshold_min=1)
    result = cross_validate(root, folds=3, settings=settings, ptc="")
    read = {f"article{d.id}.txt" for d in result["dataset"].docs}
    assert read.isdisjoint(held) and len(read) == 24 - len(held)
    assert result["table"].startswith("cross-validation on train minus the lockbox: 18 training articles")


def test_predictions_are_consistent_spans_inside_labelled_paragraphs(mini_model):
    model, _ = mini_model
    text = "A new story\n\nThe minister gave a disgraceful speech. The bridge is old.\n\nCan we really trust the agency?"
    found = model.predict([text], ["en"])[0]
    labels = {lab.label: (p, lab) for p in found.paragraphs for lab in p.labels}
    assert "Loaded_Language" in labels and "Doubt" in labels
    par, lab = labels["Loaded_Language"]
    assert par.number == 3
    # the span model marks the word that carries the technique, not the whole sentence
    assert [text[s.start:s.end] for s in lab.evidence] == ["disgraceful"]
    for p in found.paragraphs:
        for lab in p.labels:
            assert lab.evidence and 0 < lab.score <= 1
            assert all(p.start <= s.start < s.end <= p.end and s.label == lab.label for s in lab.evidence)
    assert {(s.start, s.end, s.label) for s in found.spans} == {
        (s.start, s.end, s.label) for p in found.paragraphs for lab in p.labels for s in lab.evidence
    }
    assert model.predict(["", "   \n\n"], ["en", "xx"])[0].paragraphs == []


def test_saved_model_is_npz_and_json_without_pickle(mini_model, tmp_path):
    model, _ = mini_model
    model.save(tmp_path / "m")
    info = json.loads((tmp_path / "m" / "meta.json").read_text())
    assert info["labels"] == LABELS and "*" in info["thresholds"]
    with np.load(tmp_path / "m" / "weights.npz", allow_pickle=False) as z:
        assert z["sent_coef"].dtype == np.int8 and z["sent_coef_scale"].dtype == np.float32


def test_missing_model_is_a_clear_error(tmp_path):
    from narrascope.analyzers.techniques.model import TechniqueModel
    from narrascope.errors import ModelError

    with pytest.raises(ModelError, match="narrascope train techniques"):
        TechniqueModel.load(tmp_path / "nothing")


# ---------------------------------------------------------------------- with the committed artifact

EN_TEXT = (
    "Corrupt elites betray the nation again\n\n"
    "The so-called experts, a gang of shameless liars, want to destroy everything our grandparents built.\n\n"
    "Can anyone still believe a single word from this failed government? They have lied to us for years.\n\n"
    "The committee will meet again on Thursday at noon."
)


def test_analyzer_fills_spans_and_paragraphs_and_survives_json_round_trip():
    from narrascope.pipeline import Pipeline

    a = Pipeline(["language", "techniques"])(Document(text=EN_TEXT, id="t1"))
    assert a.techniques, "expected at least one technique in an openly loaded text"
    for s in a.techniques:
        assert 0 <= s.start < s.end <= len(EN_TEXT) and s.label and 0 < s.score <= 1
    assert a.paragraph_techniques and all(p.labels for p in a.paragraph_techniques)
    back = Analysis.from_dict(json.loads(json.dumps(a.to_dict())))
    assert back.paragraph_techniques == a.paragraph_techniques and back.techniques == a.techniques


def test_report_highlights_spans_with_display_names_and_definitions():
    from rich.console import Console

    from narrascope.pipeline import Pipeline
    from narrascope.report.render import render
    from narrascope.report.techniques import definition, display_name

    a = Pipeline(["language", "techniques"])(Document(text=EN_TEXT, id="t1"))
    console = Console(record=True, width=140, color_system="truecolor")
    console.print(render(a))
    out = console.export_text()
    # the report defines the techniques it shows as confident (weak ones are listed, dimmed)
    first = next(lab.label for p in a.paragraph_techniques for lab in p.labels if not lab.weak)
    assert "Persuasion techniques" in out and display_name(first) in out
    assert definition(first)[:40] in out.replace("\n", " ").replace("  ", " ") or definition(first)[:20] in out
    assert console.export_html().count("background-color") >= 1  # the spans are highlighted


def test_semeval_command_writes_one_row_per_template_row_and_reports_missing_articles(tmp_path):
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "article1.txt").write_text(EN_TEXT, encoding="utf-8")
    pars = line_paragraphs(EN_TEXT)
    template = tmp_path / "t.template"
    rows = [f"1\t{p.number}\t{EN_TEXT[p.start:p.end]}" for p in pars] + ["2\t1\tan article that is missing"]
    template.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "pred.txt"
    res = CliRunner().invoke(cli, ["semeval", "techniques", "--articles", str(arts), "--template", str(template),
                                   "--out", str(out), "--lang", "en"])
    assert res.exit_code == 2, res.output  # a missing article is a failed input (issue 16), the rest is written
    assert "article2.txt" in res.output and "not found" in res.output
    lines = out.read_text().splitlines()
    assert [tuple(line.split("\t")[:2]) for line in lines] == [("1", str(p.number)) for p in pars] + [("2", "1")]
    known = set(json.loads(MODEL_JSON.read_text())["labels"])
    for line in lines:
        cell = line.split("\t")[2]
        assert not cell or set(cell.split(",")) <= known
    assert lines[-1] == "2\t1\t"


# ---------------------------------------------------------------------- real corpus (skipped without it)
@needs(T3_2023)
def test_real_corpus_paragraph_numbers_match_the_gold_rows():
    docs = read_split(T3_2023, languages=("en",))
    assert len(docs) == 446
    for d in docs[:50]:
        assert sorted(d.paragraph_labels) == [p.number for p in d.paragraphs]
        assert all(0 <= s < e <= len(d.text) for _, s, e in d.spans)


@needs(T3_2023)
def test_real_corpus_gold_spans_start_and_end_on_word_edges_in_every_language():
    from narrascope.semeval.t3 import LANGUAGES, edge_breaks

    for lang in LANGUAGES:
        docs = read_split(T3_2023, languages=(lang,))
        edges = sum(2 * len(d.spans) for d in docs)
        # read as given, 34-55% of the non-English spans started inside a word (`aligned_spans`)
        assert sum(edge_breaks(d.text, d.spans) for d in docs) <= 0.001 * edges, lang


def test_unknown_language_gets_the_average_language_prior_not_none():
    from narrascope.analyzers.techniques.features import language_block

    block = language_block(["en", "xx"], ["en", "it", "ru", "pl"]).toarray()
    assert block[0].tolist() == [1, 0, 0, 0]
    assert block[1] == pytest.approx([0.25] * 4)


def test_analyzer_warns_about_a_language_outside_training(mini_model):
    from narrascope.analyzers.techniques.analyzer import TechniqueAnalyzer

    model, _ = mini_model
    a = Analysis(document=Document(text="Ово је кратак текст.\n\nЈош један пасус."), language="sr")
    TechniqueAnalyzer(model)(a)
    assert any("'sr'" in w and "technique model" in w for w in a.warnings)
    b = Analysis(document=Document(text="The clowns voted."), language="en")
    TechniqueAnalyzer(model)(b)
    assert not b.warnings


def test_card_reports_the_lockbox_figures_beside_the_baseline(mini_model, tmp_path):
    from narrascope.analyzers.techniques import fitting as T
    from narrascope.analyzers.techniques.card import write_model_card

    model, result = mini_model
    model.meta = {"articles": 24}
    lockbox = {"table": "Paragraph micro-F1 (official): model vs plain baseline\nen  6  0.900 [0.8, 1.0]",
               "articles": {"train": 18, "lockbox": 6}, "seconds": 120.0,
               "ptc": {"added": 0, "duplicates_of_lockbox": 2, "duplicates_of_train": 3}}
    card = write_model_card(tmp_path, model, T.Settings(), result["info"], lockbox, 100.0, 60.0).read_text()
    assert "## Lockbox" in card and "0.900 [0.8, 1.0]" in card and "plain baseline" in card
    assert "2 left out as near-duplicates of lockbox articles" in card.replace("\n", " ")
    assert "narrascope evaluate techniques" in card and "--lockbox-scores" in card
    assert "## Cross-validation" in card and "Training-time estimate only" in card
    without = write_model_card(tmp_path, model, T.Settings(), result["info"], None, 100.0, 60.0).read_text()
    assert "No lockbox figures" in without


def test_trained_model_marks_labels_under_its_cut_weak_and_keeps_them(mini_model, tmp_path):
    model, result = mini_model
    assert model.weak_below is not None and 0.0 <= model.weak_below <= 1.0 + 1e-6
    assert 0.0 <= result["info"]["weak_share"] <= 1.0
    text = "A new story\n\nThe minister gave a disgraceful speech. The bridge is old.\n\nCan we really trust the agency?"
    labels = [lab for p in model.predict([text], ["en"])[0].paragraphs for lab in p.labels]
    assert len(labels) >= 2
    scores = sorted(lab.score for lab in labels)
    model.weak_below = (scores[0] + scores[-1]) / 2  # between the lowest and highest label of this text
    model.save(tmp_path / "m")
    from narrascope.analyzers.techniques.model import TechniqueModel

    again = TechniqueModel.load(tmp_path / "m")
    assert again.weak_below == pytest.approx(model.weak_below, abs=1e-4)
    marked = [lab for p in again.predict([text], ["en"])[0].paragraphs for lab in p.labels]
    # the same labels as before (weak ones are kept), each weak exactly when under the cut
    assert sorted(lab.label for lab in marked) == sorted(lab.label for lab in labels)
    assert all(lab.weak == (lab.score < again.weak_below) for lab in marked)
    assert any(lab.weak for lab in marked) and not all(lab.weak for lab in marked)


def test_reader_comments_under_an_article_get_no_techniques():
    from narrascope.analyzers.techniques.model import MODEL_DIR, TechniqueModel
    from narrascope.pipeline import Pipeline

    comment = "The so-called experts, a gang of shameless liars, want to destroy everything our grandparents built."
    text = EN_TEXT + "\n\nComments\n\n1. grandpa77 Offline grandpa77\n\n" + comment
    at = text.rindex(comment)
    (raw,) = TechniqueModel.load(MODEL_DIR).predict([text], ["en"])
    assert any(p.start == at and p.labels for p in raw.paragraphs)  # the model alone labels the comment
    a = Pipeline(["language", "techniques"])(Document(text=text, id="c1"))
    assert a.paragraph_techniques and all(p.start < text.index("Comments") for p in a.paragraph_techniques)
    assert all(s.end <= text.index("Comments") for s in a.techniques)

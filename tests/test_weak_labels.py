"""Weak labels (techniques, narratives): where the cut comes from (out-of-fold rightness by score), and
how the text report and the article page set weak labels apart while keeping them."""
from __future__ import annotations

import json

import numpy as np
import pytest

from narrascope.analyzers.confidence import probability_cut, weak_cut
from narrascope.document import Analysis, Document, LabelScore, ParagraphLabels, Span


def test_weak_cut_is_where_labels_turn_right_more_often_than_not():
    rng = np.random.default_rng(0)
    scores = rng.uniform(0.1, 0.9, 4000)
    right = rng.uniform(size=4000) < scores  # a label with score s is right with chance s
    assert weak_cut(scores, right) == pytest.approx(0.5, abs=0.06)
    assert weak_cut(scores, right, precision=0.7) == pytest.approx(0.7, abs=0.06)


def test_weak_cut_edges_all_right_all_wrong_and_no_labels():
    scores = np.array([0.2, 0.4, 0.6])
    assert weak_cut(scores, np.array([True, True, True])) == pytest.approx(0.2)
    assert weak_cut(scores, np.array([False, False, False])) > 0.6  # every label weak
    assert weak_cut(np.array([]), np.array([], dtype=bool)) == 0.0
    # rightness that falls with the score cannot make the low scores confident: the fit is increasing
    assert weak_cut(scores, np.array([True, False, False])) > 0.6


def test_probability_cut_reads_the_same_line_more_steadily_than_the_isotonic_step():
    rng = np.random.default_rng(1)
    probs = rng.beta(2, 5, 3000)  # calibrated: a label with probability p is right with chance p
    right = rng.uniform(size=3000) < probs
    assert probability_cut(probs, right) == pytest.approx(0.5, abs=0.05)
    assert probability_cut(probs, right, precision=0.7) == pytest.approx(0.7, abs=0.07)
    lines = {"step": [], "smooth": []}
    for _ in range(20):  # the same data resampled, as two fits on nearly the same articles
        k = rng.choice(len(probs), len(probs))
        lines["step"].append(weak_cut(probs[k], right[k]))
        lines["smooth"].append(probability_cut(probs[k], right[k]))
    assert np.std(lines["smooth"]) < np.std(lines["step"])


def test_probability_cut_falls_back_to_the_step_where_a_fit_cannot_say():
    probs = np.array([0.2, 0.4, 0.6])
    assert probability_cut(probs, np.array([True, True, True])) == pytest.approx(0.2)
    assert probability_cut(probs, np.array([True, False, False])) > 0.6  # rightness falls with p: all weak


NARRATIVE = "URW: Discrediting the West, Diplomacy"
WEAK_NARRATIVE = "URW: Amplifying war-related fears"
TEXT = ("Headline\n\nThese clowns lie every day.\n\nThe meeting starts at noon, the agency said, "
        "and nobody really knows why.")


def _analysis() -> Analysis:
    clowns = Span(TEXT.index("clowns"), TEXT.index("clowns") + 6, "Name_Calling-Labeling", 0.9)
    knows = Span(TEXT.index("nobody really knows"), TEXT.index("nobody really knows") + 19, "Doubt", 0.4)
    p2 = TEXT.index("These")
    p3 = TEXT.index("The meeting")
    return Analysis(
        document=Document(text=TEXT, id="w"), language="en", domain="URW", domain_score=0.62,
        narratives=[LabelScore(NARRATIVE, 0.62), LabelScore(WEAK_NARRATIVE, 0.31, weak=True)],
        subnarratives=[LabelScore(f"{NARRATIVE}: Other", 0.27, parent=NARRATIVE, weak=True)],
        techniques=[clowns, knows],
        paragraph_techniques=[
            ParagraphLabels(3, p2, p2 + len("These clowns lie every day."),
                            [LabelScore("Name_Calling-Labeling", 0.81, evidence=[clowns])]),
            ParagraphLabels(5, p3, len(TEXT), [LabelScore("Doubt", 0.22, evidence=[knows], weak=True)]),
        ],
        analyzers=["language", "narratives", "techniques"],
    )


def test_weak_mark_survives_json():
    a = _analysis()
    back = Analysis.from_dict(json.loads(json.dumps(a.to_dict())))
    assert [lab.weak for p in back.paragraph_techniques for lab in p.labels] == [False, True]
    old = a.to_dict()
    for p in old["paragraph_techniques"]:
        for lab in p["labels"]:
            del lab["weak"]  # JSON written before weak labels existed still loads, nothing weak
    assert not any(lab.weak for p in Analysis.from_dict(old).paragraph_techniques for lab in p.labels)


def test_report_lists_weak_only_paragraphs_last_without_an_excerpt():
    from rich.console import Console

    from narrascope.report.techniques import techniques_section

    console = Console(record=True, width=160, color_system=None)
    for part in techniques_section(_analysis()):
        console.print(part)
    out = console.export_text()
    assert "Name Calling" in out and "1 weak label(s), dimmed" in out
    weak_at = out.index("Weak labels")
    assert "¶5 Doubt 0.22" in out[weak_at:] and "“nobody really knows”" in out[weak_at:]
    assert "¶3" in out[:weak_at] and "¶5" not in out[:weak_at]  # no excerpt of the weak-only paragraph
    assert "Doubt ×" not in out  # the summary counts confident labels only


def test_article_page_marks_weak_spans_and_lists_confident_techniques_first():
    from narrascope.api.views import article_context
    from narrascope.web.highlight import render_text

    a = _analysis()
    ctx = article_context(a)
    by_label = {t["label"]: t for t in ctx["annotations"] if t["kind"] == "technique"}
    assert by_label["Doubt"]["weak"] and by_label["Doubt"]["label_score"] == 0.22
    assert not by_label["Name_Calling-Labeling"]["weak"]
    assert [t["label"] for t in ctx["techniques"]] == ["Name_Calling-Labeling", "Doubt"]
    assert [t["weak"] for t in ctx["techniques"]] == [0, 1]
    html = str(render_text(TEXT, ctx["annotations"]))
    assert 'class="t tw"' in html and html.count('class="t"') == 1


def test_report_marks_weak_narratives_and_subnarratives():
    from rich.console import Console

    from narrascope.report.render import narratives_section

    console = Console(record=True, width=160, color_system=None)
    for part in narratives_section(_analysis()):
        console.print(part)
    lines = console.export_text().splitlines()
    assert any(NARRATIVE in line and "weak" not in line for line in lines)
    assert any(WEAK_NARRATIVE in line and "0.31 weak" in line for line in lines)
    assert any("0.27 weak Other" in line for line in lines)


def test_article_page_badges_weak_labels(tmp_path):
    from narrascope.api import create_app
    from narrascope.store.database import Store

    try:
        from .live_server import LiveServer, http
    except ImportError:
        from live_server import LiveServer, http

    from narrascope.document import Explanation

    a = _analysis()
    a.analyzers.append("explain")
    a.explanation = Explanation(narrative=WEAK_NARRATIVE, subnarrative=None, text="The article warns of war.",
                                method="local")
    with Store(tmp_path / "c.db") as store:
        store.add_many([a])
    with LiveServer(create_app(tmp_path / "c.db", analyzers=["language"])) as live:
        page = http(live.url + "/documents/" + a.document.content_hash[:16], headers={"Accept": "text/html"}).text
        data = http(live.url + "/api/documents/" + a.document.content_hash[:16]).json()
    badge = 'class="weak"'
    strong, weak = page.index(NARRATIVE), page.index(WEAK_NARRATIVE)
    assert badge in page[weak: weak + 400] and badge not in page[strong: strong + 200]
    assert 'data-layer="weak"' in page
    why = page.index('class="explanation"')
    assert badge in page[why: page.index("The article warns of war.")]
    assert [n["weak"] for n in data["analysis"]["narratives"]] == [False, True]


def test_narrative_card_reports_weak_cuts_and_lockbox_precision(tmp_path):
    from narrascope.analyzers import confidence as C
    from narrascope.analyzers.narratives.card import write_model_card

    counts = np.array([[3, 4, 1, 3], [2, 2, 0, 2], [1, 2, 1, 4]])
    rows = {r.group: r.to_dict() for r in C.precision_by_confidence(counts, np.array(["BG", "BG", "EN"]))}
    assert rows["all"]["model"]["value"] == pytest.approx(6 / 8, abs=1e-3)
    assert rows["all"]["baseline"]["value"] == pytest.approx(2 / 9, abs=1e-3)
    assert C.weak_share(counts) == pytest.approx(9 / 17)
    level = {"n": 3, "model": {"value": .5, "low": .4, "high": .6}, "baseline": {"value": .5, "low": .4, "high": .6},
             "difference": {"value": 0, "low": -.1, "high": .1}}
    report = {"coarse": {"BG": level}, "fine": {"BG": level}, "documents": {"train": 9, "lockbox": 3},
              "confidence": {"coarse": {"weak_below": 0.51, "weak_share": 0.53, "precision": rows}}}
    meta = {"train_config": {"embed_sentences": 16, "C": 10.0, "emb_weight": 0.7, "keep": 12000}, "documents": 12}
    card = write_model_card(tmp_path, meta, report, 10.0, {"narrative": 0.503, "fine": 0.595}).read_text()
    assert "## Weak labels (same run)" in card and "weak under 0.510 (53% of the chosen labels)" in card
    assert "| confident | weak |" in card and "| all | 3 | 0.750" in card
    assert "chosen narratives under 0.503 and sub-narratives under 0.595" in card


def test_an_explanation_of_a_weak_narrative_says_so():
    from dataclasses import replace

    from rich.console import Console

    from narrascope.document import Explanation
    from narrascope.report.explanation import explanation_section

    def printed(a: Analysis) -> str:
        console = Console(record=True, width=160, color_system=None)
        for part in explanation_section(a):
            console.print(part)
        return console.export_text()

    a = _analysis()
    a.analyzers.append("explain")
    a.explanation = Explanation(narrative=WEAK_NARRATIVE, subnarrative=None, text="The article warns of a wider war.",
                                method="local")
    assert "the narrative explained is weak" in printed(a)
    a.explanation = replace(a.explanation, narrative=NARRATIVE)
    assert "weak" not in printed(a)


def test_csv_export_names_the_weak_labels_in_their_own_columns():
    from dataclasses import replace

    from narrascope.document import Entity
    from narrascope.store.export import CSV_COLUMNS, csv_row

    a = _analysis()
    nato, kyiv = Span(0, 4, "NAME"), Span(5, 9, "NAME")
    a.entities = [Entity("NATO", "ORG", "Antagonist", 0.41, mentions=[nato], weak=True),
                  Entity("Kyiv", "GPE", "Innocent", 0.9, mentions=[kyiv])]
    row = dict(zip(CSV_COLUMNS, csv_row("k", a), strict=True))
    assert row["narratives"] == f"{NARRATIVE} | {WEAK_NARRATIVE}"  # every label given, as the page shows
    assert row["weak_narratives"] == WEAK_NARRATIVE
    assert row["weak_subnarratives"] == f"{NARRATIVE}: Other"
    assert row["weak_techniques"] == "Doubt"
    assert row["antagonists"] == "NATO" and row["weak_role_entities"] == "NATO"
    # A technique confident in any paragraph is confident for the article.
    doubt = a.paragraph_techniques[1].labels[0]
    a.paragraph_techniques[0].labels.append(replace(doubt, score=0.7, weak=False))
    assert dict(zip(CSV_COLUMNS, csv_row("k", a), strict=True))["weak_techniques"] == ""
    assert CSV_COLUMNS[-4:] == ["weak_narratives", "weak_subnarratives", "weak_techniques", "weak_role_entities"]

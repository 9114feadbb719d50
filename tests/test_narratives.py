"""The committed narrative model, run on the bundled example articles (written for the project)."""
from __future__ import annotations

import json

import pytest

import narrascope
from narrascope import Document, Pipeline
from narrascope.taxonomy import OTHER, load_narratives

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(["language", "narratives"])


@pytest.fixture(scope="module")
def examples(pipeline):
    docs = [Document(text=p.read_text(encoding="utf-8"), id=p.name) for p in sorted(EXAMPLES.glob("*.txt"))]
    return {a.id: a for a in pipeline.pipe(docs)}


def test_languages_of_the_examples(examples):
    assert {k: a.language for k, a in examples.items()} == {
        "bg_urw_west.txt": "bg",
        "en_cc_hoax.txt": "en",
        "en_offtopic_festival.txt": "en",
        "en_urw_escalation.txt": "en",
        "pt_cc_policies.txt": "pt",
        "ru_urw_victim.txt": "ru",
    }


def test_domains_are_decided_first(examples):
    assert examples["en_urw_escalation.txt"].domain == "URW"
    assert examples["ru_urw_victim.txt"].domain == "URW"
    assert examples["en_cc_hoax.txt"].domain == "CC"
    assert examples["en_offtopic_festival.txt"].domain is None
    assert examples["en_offtopic_festival.txt"].narratives == []


def test_labels_are_consistent_with_the_taxonomy(examples):
    tax = load_narratives()
    for a in examples.values():
        names = {n.label for n in a.narratives}
        for n in a.narratives:
            assert n.label in tax and tax[n.label].parent is None
            assert n.label.startswith(a.domain + ":")  # one domain per article
            assert 0.0 <= n.score <= 1.0
        for s in a.subnarratives:
            assert s.label in tax
            assert s.parent in names  # a sub-narrative implies its narrative
        # every narrative has at least one sub-narrative (a specific one or "<narrative>: Other")
        assert {s.parent for s in a.subnarratives} == names
        assert all(OTHER != n.label for n in a.narratives)


def test_narratives_come_with_evidence_sentences_inside_the_text(examples):
    a = examples["en_urw_escalation.txt"]
    assert a.narratives, "the escalation example should push at least one narrative"
    for item in a.narratives + a.subnarratives:
        assert 1 <= len(item.evidence) <= 3
        for span in item.evidence:
            quote = a.document.text[span.start : span.end]
            assert quote.strip() == quote and len(quote) > 10


def test_crlf_text_keeps_offsets(pipeline):
    """Windows line endings change no label, and the evidence offsets point at the same sentences."""
    lf = (EXAMPLES / "en_urw_escalation.txt").read_text(encoding="utf-8")
    crlf = lf.replace("\n", "\r\n")
    a, b = pipeline(Document(text=lf, id="lf")), pipeline(Document(text=crlf, id="crlf"))

    def quoted(analysis, text):
        return [(n.label, [text[s.start : s.end].replace("\r\n", "\n") for s in n.evidence]) for n in analysis.narratives]

    assert quoted(b, crlf) == quoted(a, lf) and any(n.evidence for n in b.narratives)
    for n in b.narratives:
        for span in n.evidence:
            assert not crlf[span.start].isspace() and not crlf[span.end - 1].isspace()


def test_analysis_json_round_trip(examples):
    a = examples["en_cc_hoax.txt"]
    data = json.loads(json.dumps(a.to_dict()))
    again = narrascope.Analysis.from_dict(data)
    assert again.to_dict() == a.to_dict()


def test_python_api_accepts_plain_text():
    a = narrascope.analyze("The sanctions hurt Europe far more than Russia. Gas prices in Germany doubled.")
    assert a.language == "en"
    assert a.analyzers[:2] == ["language", "narratives"]


def test_decisions_use_the_cuts_of_the_documents_language(tmp_path):
    """Per-language thresholds: the same scores can give `Other` in one language and a narrative in
    another, unknown languages use the shared cuts, and the cuts survive save/load."""
    import numpy as np

    from narrascope.analyzers.narratives.model import NarrativeModel, decide
    from narrascope.document import Analysis

    model = NarrativeModel.load()
    assert {"en", "bg", "hi", "pt", "ru"} <= set(model.language_thresholds)
    n_nar, n_sub = len(model.narratives), len(model.subnarratives)
    shared = {"narrative": np.zeros(n_nar, np.float32), "subnarrative": np.zeros(n_sub, np.float32)}
    model.thresholds = shared
    model.language_thresholds = {"en": {h: v + 1.0 for h, v in shared.items()},
                                 "pt": {h: v - 1.0 for h, v in shared.items()}}
    scores = {"narrative": np.full((1, n_nar), -0.5, np.float32), "subnarrative": np.full((1, n_sub), -5.0, np.float32)}
    scores["narrative"][0, 0] = 0.5  # above the shared cut, below the English one
    results = {}
    for lang in ("en", "pt", "xx", None):
        a = Analysis(document=Document(text="", id=str(lang)))
        decide(model, scores, 0, a, lang)
        results[lang] = [n.label for n in a.narratives]
    assert results["en"] == []
    assert results["xx"] == results[None] == [model.narratives[0]]
    assert len(results["pt"]) > 1  # -0.5 passes the Portuguese cut of -1.0
    assert model.thresholds_for("EN") is model.language_thresholds["en"]

    model.save(tmp_path)
    again = NarrativeModel.load(tmp_path)
    assert set(again.language_thresholds) == {"en", "pt"}
    assert np.allclose(again.language_thresholds["pt"]["subnarrative"], -1.0)

"""The committed narrative model, run on the bundled example articles (written for the project)."""
from __future__ import annotations

import json

import pytest

import narrascope
from narrascope import Document, Pipeline
from narrascope.nlp.text import sentences
from narrascope.taxonomy import OTHER, load_narratives

from .conftest import EXAMPLES, ROOT, needs

SEEDS = ROOT.parent / "shared" / "seeds"


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


def test_no_language_decides_the_labels():
    """No per-language cut or prior: the text alone decides (a language's share of `Other` in one training
    split does not transfer), so the analyzer does not even need the language analyzer."""
    from narrascope.analyzers.narratives.analyzer import NarrativeAnalyzer
    from narrascope.document import Analysis

    assert NarrativeAnalyzer.requires == ()
    analyzer = NarrativeAnalyzer.load_default()
    text = (EXAMPLES / "ru_urw_victim.txt").read_text(encoding="utf-8")
    labels = []
    for lang in ("ru", "en", "hi", None):
        a = analyzer(Analysis(document=Document(text=text, id="x"), language=lang))
        labels.append(([n.label for n in a.narratives], [s.label for s in a.subnarratives]))
    assert all(x == labels[0] for x in labels)


def test_evidence_is_label_specific_and_says_who_makes_the_claim(examples):
    for a in examples.values():
        if len(a.narratives) < 2:
            continue
        sentences = [{(e.start, e.end) for e in n.evidence} for n in a.narratives]
        shared = set.intersection(*sentences)
        assert not shared, f"{a.id}: one span is evidence for every narrative"
    spans = [e for a in examples.values() for n in a.narratives for e in n.evidence]
    assert spans and all(e.attribution in ("stated", "attributed") for e in spans)
    assert all(e.attributed_to is None for e in spans if e.attribution == "stated")


@pytest.mark.data
@needs(SEEDS)
def test_on_the_seeds_no_sentence_is_evidence_for_every_narrative():
    """Issue 20: with three or more narratives, no sentence stands for all of them."""
    from narrascope.analyzers.narratives.analyzer import NarrativeAnalyzer
    from narrascope.document import Analysis

    analyzer = NarrativeAnalyzer.load_default()
    for path in sorted(SEEDS.glob("*.txt")):
        a = analyzer(Analysis(document=Document(text=path.read_text(encoding="utf-8"), id=path.name)))
        if len(a.narratives) >= 3:
            spans = sentences(a.document.text)

            def sentence_of(e, spans=spans):  # evidence may be a clause: the sentence that holds it
                return next(k for k, (s, t) in enumerate(spans) if s <= e.start and e.end <= t)

            cited = [{sentence_of(e) for e in n.evidence} for n in a.narratives]
            assert not set.intersection(*cited), path.name


def test_the_report_says_when_a_narratives_evidence_is_all_reported_speech():
    from narrascope.document import Analysis, LabelScore, Span
    from narrascope.report.render import narratives_section

    text = "The minister said that the sanctions had failed. Prices rose."
    said = Span(23, 48, label="n", attribution="attributed", attributed_to="The minister")
    stated = Span(49, 61, label="n", attribution="stated")

    def report(evidence):
        a = Analysis(document=Document(text=text, id="d"), analyzers=["narratives"],
                     narratives=[LabelScore(label="URW: Blaming the war on others", score=0.7, evidence=evidence)])
        return " ".join(str(part) for part in narratives_section(a))

    assert "reported: all its evidence is attributed" in report([said])
    assert "reported:" not in report([said, stated])
    assert "reported:" not in report([])


def test_a_text_shorter_than_any_training_article_says_so_and_a_label_with_no_evidence_is_weak():
    """One word is read as a whole article's topic ("Путин." -> praise of Putin at 0.8), with nothing in it to
    show as evidence: the labels stay, marked weak, and the warnings say the text is shorter than any the models
    learned from; an article's own labels and explanation are untouched."""
    from narrascope.analyzers.confidence import MIN_ARTICLE_WORDS

    short, whole = Pipeline(["language", "narratives", "entities", "roles", "explain"]).pipe([
        Document(text="Путин.", id="one-word"),
        Document(text=(EXAMPLES / "ru_urw_victim.txt").read_text(encoding="utf-8"), id="article")])
    assert short.narratives and all(n.weak and not n.evidence for n in (*short.narratives, *short.subnarratives))
    said = " ".join(short.warnings)
    assert "narratives: the text has 1 word" in said and "under 10 words they are marked weak" in said
    assert "roles: the text has 1 word" in said and "roles rest on little text:" in said
    # nothing in it can be quoted: no explanation of no words, and the reader is told
    assert short.explanation is None and "can be quoted" in said
    assert len(whole.document.text.split()) >= MIN_ARTICLE_WORDS and not any("fewer than any" in w for w in whole.warnings)
    assert any(not n.weak for n in whole.narratives) and whole.explanation is not None and whole.explanation.text


def test_a_label_with_nothing_to_show_for_it_is_weak():
    from narrascope.analyzers.narratives.analyzer import _mark_unsupported
    from narrascope.document import Analysis, LabelScore, Span

    text = " ".join(["The council met on Tuesday and spoke about the harbour."] * 6)
    a = Analysis(document=Document(text=text, id="x"))
    shown = LabelScore("URW: Praise of Russia", 0.9, evidence=[Span(0, 55, "URW: Praise of Russia")])
    bare = LabelScore("URW: Russia is the Victim", 0.8)
    a.narratives = [shown, bare]
    _mark_unsupported(a, with_evidence=True)
    assert (shown.weak, bare.weak) == (False, True) and not a.warnings
    headline = Analysis(document=Document(text="Sanctions hurt Europe more than Russia, says minister", id="h"))
    evidenced = LabelScore("URW: Praise of Russia", 0.9, evidence=[Span(0, 9, "URW: Praise of Russia")])
    headline.narratives = [evidenced]
    _mark_unsupported(headline, with_evidence=True)  # 8 words: confident labels there were right half the time
    assert evidenced.weak and "under 10 words" in headline.warnings[0]
    again = LabelScore("URW: Russia is the Victim", 0.8)
    a.narratives = [again]
    _mark_unsupported(a, with_evidence=False)  # evidence not asked for: no label is judged by it
    assert not again.weak

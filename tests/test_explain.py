"""Explanations of the dominant narrative (SemEval-2025 T10 subtask 3): metrics, the local explainer,
the analyzer, the report section, the `semeval st3` command. Texts here are invented for the tests."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from narrascope.analyzers.explain.analyzer import ExplainAnalyzer, dominant_of
from narrascope.analyzers.explain.evidence import trim
from narrascope.analyzers.explain.fitting import fit
from narrascope.analyzers.explain.framing import (
    CLAIM_LEVELS,
    CLAIM_NARRATIVE,
    CLAIM_NONE,
    CLAIM_SUBNARRATIVE,
    COMPLEMENTIZERS,
    FRAMES,
    claim_for,
    claim_sentence,
    frame_for,
)
from narrascope.analyzers.explain.metrics import rouge_l, token_f1, tokens, truncate_words
from narrascope.analyzers.explain.model import BARE_STYLE, LocalExplainer, prepare
from narrascope.cli.main import cli
from narrascope.document import Analysis, Document, Entity, LabelScore, Span
from narrascope.errors import ModelError
from narrascope.nlp.clause_cuts import may_cut
from narrascope.nlp.embeddings import get_embedder
from narrascope.semeval.t10 import Mention, T10Document

WAR = "URW: Blaming the war on others rather than the invader"
WAR_WEST = WAR + ": The West are the aggressors"
CC = "CC: Criticism of climate movement"

ARTICLES = [
    ("EN_1.txt", ("Summit ends without a deal\n\nLeaders met on Tuesday in a small town. The weather was mild. "
     "NATO pushed its army right up to the border and provoked the fighting, the speaker said. "
     "Tickets for the concert sold out."), (WAR, WAR_WEST),
     "The article says NATO provoked the fighting by pushing its army to the border."),
    ("EN_2.txt", ("Activists block a road again\n\nThe protesters glued themselves to the asphalt. "
     "Critics call these activists hypocrites who fly to every conference on private jets. "
     "The road reopened after two hours."), (CC, None),
     "The text mocks climate activists as hypocrites who fly private jets."),
    ("EN_3.txt", ("Analysts blame Washington\n\nA columnist wrote that Washington wanted this war from the start. "
     "Grain prices rose in the spring. The West armed one side to weaken Moscow, he argued."), (WAR, WAR_WEST),
     "The columnist claims Washington wanted the war and the West armed one side to weaken Moscow."),
    ("EN_4.txt", ("Climate marchers praised by celebrities\n\nThe march was loud. Commentators mocked the "
     "marchers as spoiled fanatics who understand nothing of the economy. Rain fell at noon."), (CC, None),
     "The article calls the marchers spoiled fanatics."),
]


def t10_docs() -> list[T10Document]:
    out = []
    for doc_id, text, dominant, explanation in ARTICLES:
        start = text.find("NATO")
        mentions = [Mention("NATO", start, start + 3, "Antagonist")] if start >= 0 else []
        out.append(T10Document(doc_id, "EN", text, dominant=dominant, explanation=explanation, mentions=mentions))
    return out


@pytest.fixture(scope="module")
def hashing_model() -> LocalExplainer:
    emb = get_embedder("hashing")
    docs = t10_docs()
    prepared = prepare([d.text for d in docs], [d.lang for d in docs], emb)
    return fit(docs, prepared, emb.encode([d.explanation for d in docs]), emb)


def test_rouge_l_and_word_limit():
    assert rouge_l("the West provoked the war", "the West provoked the war") == pytest.approx(1.0)
    assert rouge_l("alpha beta", "gamma delta") == 0.0
    # LCS of (a b c d) and (a c e) is (a c): P = 2/4, R = 2/3
    assert rouge_l("a b c d", "a c e") == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert tokens("Запад, НАТО и САЩ!") == ["запад", "нато", "и", "сащ"]
    assert tokens("यूक्रेन की सेना") == ["यूक्रेन", "की", "सेना"]  # vowel signs stay inside their word
    assert truncate_words("one two three four", 2) == "one two"
    assert truncate_words(" ".join(["w"] * 80), 80).count("w") == 80


def test_token_f1_counts_shared_words_once_per_occurrence():
    assert token_f1("the war the war", "the war") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert token_f1("", "anything") == 0.0 and token_f1("Same words", "same WORDS") == pytest.approx(1.0)


def test_trim_cuts_at_a_clause_end_or_not_at_all():
    text = "The sanctions on the port will stay for years, but the talks will go on after the summer."
    s, e, cut = trim(text, 0, len(text), 10)
    assert cut and len(text[s:e].split()) <= 10
    assert text[s:e] == "The sanctions on the port will stay for years"
    assert trim(text, 0, len(text), 50) == (0, len(text), False)
    plain = "The minister said after a long meeting with partners that the sanctions will stay for years."
    assert trim(plain, 0, len(plain), 10) is None  # no clause boundary within the budget: not quoted
    # a comma that parts a verb of saying from what was said, or an opening phrase from its clause, ends no clause
    said = "The minister said, after a long meeting with partners, that the sanctions will stay for years."
    assert trim(said, 0, len(said), 10) is None
    opening = "During a long visit to the port city of Valdor, the minister said that the sanctions will stay."
    assert trim(opening, 0, len(opening), 12) is None


@pytest.mark.parametrize("kept, boundary, rest, ok", [
    ("The port will stay closed for years", ",", "but the talks go on", True),
    ("The port will stay closed for years", ",", "the minister said on Monday", False),  # a comma before a subject
    ("If the talks fail", ",", "but not before May", False),  # the condition without its clause
    ("I believe that if the talks fail", ",", "and they may", False),
    ("Ivo Marev, who has led the talks since May", ",", "and who knows the port", False),  # the subject, its verb to come
    ("Earlier, the spokesman Ivo Marev said", ",", "which surprised many", False),  # what he said is still to come
    ("The port is closed and", ",", "but", False),
    ("Durante uma longa visita à cidade de Valdor", ",", "mas sem resultados", False),  # an opening phrase alone
    ("Сегодня премьер-министр Иван Петров заявил", ",", "что", False),
    ("वालदोर का बंदरगाह पिछले साल से बंद है लेकिन", ",", "और", False),
    ("The port is closed", ";", "the ships wait", True),
    ("The port closed in May, although the talks went on", ",", "and the ships wait", True),  # a main clause first
    ("He said that, if the talks fail", ",", "but", False),
    ("Хотя у них есть порты, где они могут ждать", ",", "однако", False),  # subordinate clauses only
    # before a relative clause that the predicate follows, the kept words are its subject
    ("A visit to the port on Friday by the mayor Ivo Marev", ",", "who is due to sign a deal, would end the strike",
     False),
    ("The mayor closed the port", ",", "which angered the crews, who went on strike", True),
    ("The mayor closed the port", ",", "which is old and small", True),
    # an opening phrase and a source alone, a clause after "so that" before its verb, a verb of saying and a time
    ("Por causa da seca no sul, segundo o mesmo", ",", "as chuvas serão fracas", False),
    ("O governo vai atuar para que o porto", " — ", "que está parado — reabra", False),
    ("Há meses que o ministro Rui Matos afirmava esta sexta-feira", ":", "o porto fecha", False),
    # a short subject before a source set between commas, a name and a phrase about it after a colon
    ("The new cranes", ",", "according to Ivo Marev, present a risk to the port", False),
    ("The port will stay closed for years", ",", "according to Ivo Marev, who runs it", True),
    ("O problema é outro: Ana Lima, na sua obra sobre o porto", ":", "Portos do Sul, mostra como", False),
])
def test_a_quote_stops_only_where_a_clause_ends(kept, boundary, rest, ok):
    assert may_cut(kept, boundary, rest) is ok


def test_frames_exist_for_the_task_languages_and_wrap_quotes():
    assert set(FRAMES) == {"bg", "en", "hi", "pt", "ru"}
    assert frame_for("ru").wrap(["Запад виноват"]).startswith("В статье утверждается, что «Запад виноват»")
    assert frame_for("xx").wrap(["quoted"]) == "“quoted”."  # unknown language: the quote alone
    assert claim_sentence(CC, "hi").endswith("।") and claim_sentence(CC, "xx") == ""
    assert claim_sentence("Some narrative of a user's own taxonomy", "en") == ""


def test_a_framing_phrase_is_not_repeated_for_a_third_quote():
    frame = frame_for("en")
    text = frame.wrap(["One claim.", "Another claim.", "A third claim."])
    assert text.endswith("“A third claim.”") and text.count("It also says") == 1
    # the phrase before two quotes ends with a colon: "It also says: “…” “…”", not "It also says that “…” “…”"
    assert "It also says: “Another claim.” “A third claim.”" in text
    assert frame.wrap(["One claim.", "Another claim."]).endswith("It also says that “Another claim.”")
    mixed = frame.wrap(["One claim.", "Reported words.", "A third claim."], attributed=[False, True, False])
    assert mixed.count(frame.more) == 1 and frame.cites_more in mixed  # a change of phrase is kept
    for lang in FRAMES:  # in every language the second phrase still reads before two quotes
        more = frame_for(lang).wrap(["Aa bb.", "Cc dd.", "Ee ff."])
        before_second = more[: more.index("Cc dd.")].rstrip(' “«„"')
        assert not before_second.endswith(tuple(f" {c}" for c in COMPLEMENTIZERS.values())), lang


def test_a_question_of_the_article_is_introduced_as_a_question():
    for lang in FRAMES:
        assert frame_for(lang).asks and frame_for(lang).asks_more
    frame = frame_for("en")
    text = frame.wrap(["Why did NATO give up on the war it wanted?", "The alliance is divided."])
    assert text == ("The article asks: “Why did NATO give up on the war it wanted?” "
                    "It also says that “The alliance is divided.”")
    assert frame.wrap(["Is this a war?"], attributed=[True]).startswith(frame.cites)  # someone else's question
    assert frame.wrap(["A claim.", "And this?"]).endswith(f"{frame.asks_more} “And this?”")


def test_explanation_evidence_says_whether_the_article_states_or_reports_it(hashing_model):
    text = ("Western sanctions have ruined the economy of Europe\n\n"
            "The sanctions destroyed thousands of jobs across the continent last year. "
            "Viktor Orban said that the sanctions hurt Europe more than Russia.")
    p = prepare([text], ["en"], get_embedder("hashing"))[0]
    _, spans = hashing_model.compose(p, np.ones(len(p.spans)), 79, 0, WAR, claim_level=CLAIM_NARRATIVE)
    marks = {text[s.start:s.end]: (s.attribution, s.attributed_to) for s in spans}
    assert marks["Western sanctions have ruined the economy of Europe"] == ("stated", None)
    assert marks["the sanctions hurt Europe more than Russia"] == ("attributed", "Viktor Orban")  # his words alone


def test_every_narrative_has_a_claim_phrase_in_every_framed_language():
    from narrascope.taxonomy import load_narratives

    for name in load_narratives().narrative_names:
        for lang in FRAMES:
            assert claim_sentence(name, lang), (name, lang)


def test_every_subnarrative_has_its_own_claim_phrase_in_every_framed_language():
    from narrascope.taxonomy import OTHER, load_narratives

    taxonomy = load_narratives()
    specific = [s for s in taxonomy.subnarrative_names if not s.endswith(": " + OTHER)]
    assert len(specific) > 60
    for name in specific:
        narrative = name.rsplit(": ", 1)[0]
        for lang in FRAMES:
            own = claim_for(CLAIM_SUBNARRATIVE, narrative, name, lang)
            assert own and own != claim_sentence(narrative, lang), (name, lang)
    for lang in FRAMES:  # one phrase per sub-narrative: none is shared by two of them
        phrases = [claim_sentence(name, lang) for name in specific]
        assert len(set(phrases)) == len(phrases), lang


def test_claim_levels_fall_back_to_the_narrative_phrase():
    narrative_claim = claim_sentence(WAR, "en")
    assert claim_for(CLAIM_SUBNARRATIVE, WAR, WAR_WEST, "en") == claim_sentence(WAR_WEST, "en") != narrative_claim
    assert claim_for(CLAIM_NARRATIVE, WAR, WAR_WEST, "en") == narrative_claim
    assert claim_for(CLAIM_NONE, WAR, WAR_WEST, "en") == ""
    for unknown in (None, f"{WAR}: Other", f"{WAR}: A sub-narrative of a user's own taxonomy"):
        assert claim_for(CLAIM_SUBNARRATIVE, WAR, unknown, "en") == narrative_claim, unknown
    assert claim_for(CLAIM_SUBNARRATIVE, WAR, WAR_WEST, "xx") == ""  # no phrases for the language
    assert claim_for(CLAIM_SUBNARRATIVE, WAR, WAR_WEST, "hi").endswith("।")


@pytest.mark.parametrize("level", CLAIM_LEVELS)
def test_the_claim_level_is_read_from_meta(hashing_model, tmp_path, level):
    hashing_model.save(tmp_path / "explain")
    meta_file = tmp_path / "explain" / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    assert set(meta["claims"].values()) <= set(CLAIM_LEVELS)
    meta["claims"], meta["frames"] = {"en": level}, {"en": 0}
    meta_file.write_text(json.dumps(meta), encoding="utf-8")
    loaded = LocalExplainer.load(tmp_path / "explain", embedder=get_embedder("hashing"))
    assert loaded.claim_level("en") == level
    p = prepare([ARTICLES[0][1]], ["en"], get_embedder("hashing"))[0]
    text = loaded.explain(p, WAR, WAR_WEST).text
    lead = loaded.frame_options("en")[0].lead
    expected = {CLAIM_NARRATIVE: claim_sentence(WAR, "en"), CLAIM_SUBNARRATIVE: claim_sentence(WAR_WEST, "en"),
                CLAIM_NONE: ""}[level]
    assert text.startswith(f"{expected} {lead}" if expected else lead), text
    # an older model without the choice keeps the narrative's phrase; an unknown level is refused
    del meta["claims"]
    meta_file.write_text(json.dumps(meta), encoding="utf-8")
    assert LocalExplainer.load(tmp_path / "explain").claim_level("en") == CLAIM_NARRATIVE
    meta["claims"] = {"en": "sub-narrative"}
    meta_file.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="claim levels"):
        LocalExplainer.load(tmp_path / "explain")


def test_unfitted_explainer_refuses(tmp_path):
    doc = prepare(["Some text here. And more text."], ["en"], get_embedder("hashing"))[0]
    model = LocalExplainer(embedder_name="hashing")
    with pytest.raises(ModelError):
        model.score(doc, WAR, None)
    with pytest.raises(ModelError, match="train explain"):
        LocalExplainer.load(tmp_path / "nothing")


def test_local_explanation_quotes_the_article(hashing_model):
    docs = t10_docs()
    prepared = prepare([d.text for d in docs], ["en"] * len(docs), get_embedder("hashing"))
    for d, p in zip(docs, prepared):
        exp = hashing_model.explain(p, *d.dominant)
        assert 0 < len(exp.text.split()) <= 80
        assert exp.method == "local" and exp.evidence
        for span in exp.evidence:
            quoted = " ".join(d.text[span.start : span.end].split())
            assert quoted in exp.text  # grounded: every evidence span is quoted verbatim
        style = hashing_model.style_for("en", d.dominant[0])
        if style == BARE_STYLE:  # plain quotes: the text opens on the article's first words
            assert exp.text.split()[0] == d.text.split()[0]
        else:
            claim = claim_for(hashing_model.claim_level("en"), *d.dominant, "en")
            frame = hashing_model.frame_options("en")[style]
            opening = f"{claim} " if claim else ""
            assert exp.text.startswith((f"{opening}{frame.lead} ", f"{opening}{frame.cites} ",
                                        f"{opening}{frame.asks} "))
            assert all(span.attribution in ("stated", "attributed") for span in exp.evidence)


def test_compose_quotes_the_opening_first_keeps_article_order_and_80_words(hashing_model):
    """Every style and budget: the title is quoted first, quotes follow the article's order, and the
    text never passes 80 words, cut marks included."""
    long_text = "Headline about the border war\n\n" + " ".join(
        f"Sentence {i} says that the western alliance, in word after word, provoked the long war again." for i in range(12))
    p = prepare([long_text], ["en"], get_embedder("hashing"))[0]
    scores = np.linspace(0.0, 1.0, len(p.spans))  # the last sentences score best
    for style in (BARE_STYLE, 0, 1, 2):
        for budget in (10, 40, 79, 200):
            text, spans = hashing_model.compose(p, scores, budget, style, WAR, claim_level=CLAIM_NARRATIVE)
            assert 0 < len(text.split()) <= 80, (style, budget)
            assert spans[0].start == 0 and [s.start for s in spans] == sorted(s.start for s in spans)
            assert (style == BARE_STYLE) == (not text.startswith(claim_sentence(WAR, "en")))


def test_save_and_load_give_the_same_explanations(hashing_model, tmp_path):
    hashing_model.save(tmp_path / "explain")
    loaded = LocalExplainer.load(tmp_path / "explain", embedder=get_embedder("hashing"))
    p = prepare([ARTICLES[0][1]], ["en"], get_embedder("hashing"))[0]
    # float16 storage of the label vectors: scores agree to ~1e-3, the choice and text exactly
    assert loaded.explain(p, WAR, WAR_WEST).text == hashing_model.explain(p, WAR, WAR_WEST).text
    assert loaded.budgets == hashing_model.budgets and loaded.frames == hashing_model.frames


def test_analyzer_fills_explanation_from_the_dominant_narrative(hashing_model):
    text = ARTICLES[2][1]
    a = Analysis(document=Document(text=text, id="x"), language="en")
    a.narratives = [LabelScore(WAR, 0.9), LabelScore(CC, 0.2)]
    a.subnarratives = [LabelScore(WAR + ": Other", 0.95, WAR), LabelScore(WAR_WEST, 0.8, WAR)]
    assert dominant_of(a) == (WAR, WAR_WEST)  # ": Other" is not a specific sub-narrative
    empty = Analysis(document=Document(text="Nothing to see. Really nothing.", id="y"), language="en")
    ExplainAnalyzer(hashing_model).process_batch([a, empty])
    assert empty.explanation is None
    exp = a.explanation
    assert exp is not None and (exp.narrative, exp.subnarrative) == (WAR, WAR_WEST)
    assert all(0 <= s.start < s.end <= len(text) for s in exp.evidence)
    back = Analysis.from_dict(a.to_dict())
    assert back.explanation == exp


def test_entity_roles_are_used_when_present(hashing_model):
    text = ARTICLES[0][1]
    start = text.find("NATO")
    a = Analysis(document=Document(text=text, id="z"), language="en", narratives=[LabelScore(WAR, 0.9)])
    a.entities = [Entity("NATO", main_role="Antagonist", mentions=[Span(start, start + 4)])]
    p_with = prepare([text], ["en"], get_embedder("hashing"), role_spans=[[(start, start + 4)]])[0]
    assert p_with.role_counts is not None and p_with.role_counts.sum() == 1
    ExplainAnalyzer(hashing_model).process_batch([a])
    assert a.explanation is not None and a.explanation.text


def test_report_shows_the_explanation(hashing_model):
    from rich.console import Console

    from narrascope.report.render import render

    a = Analysis(document=Document(text=ARTICLES[1][1], id="r"), language="en", narratives=[LabelScore(CC, 0.7)])
    a.analyzers = ["language", "narratives", "explain"]
    ExplainAnalyzer(hashing_model).process_batch([a])
    console = Console(record=True, width=200)
    console.print(render(a))
    out = console.export_text()
    assert "Explanation" in out and "local" in out




def test_semeval_st3_writes_one_line_per_document_and_reports_missing(tmp_path):
    docs = tmp_path / "raw-documents"
    docs.mkdir()
    for doc_id, text, _, _ in ARTICLES[:2]:
        (docs / doc_id).write_text(text, encoding="utf-8")
    dominant = tmp_path / "subtask-3-dominant-narratives.txt"
    dominant.write_text(f"EN_1.txt\t{WAR}\t{WAR_WEST}\nEN_2.txt\t{CC}\tnone\nEN_9.txt\t{CC}\tnone\n", encoding="utf-8")
    out = tmp_path / "pred.txt"
    result = CliRunner().invoke(cli, ["semeval", "st3", "--docs", str(tmp_path), "--dominant", str(dominant),
                                      "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "EN_9.txt" in result.output and "missing" in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines] == ["EN_1.txt", "EN_2.txt"]
    for line in lines:
        _, explanation = line.split("\t")
        assert 0 < len(explanation.split()) <= 80 and "\t" not in explanation


@pytest.mark.data
def test_shipped_model_explains_train_articles_in_their_language(t10_dir):
    from narrascope.semeval.t10 import read_language

    model = LocalExplainer.load()
    for lang in ("BG", "HI", "PT", "RU", "EN"):
        docs = [d for d in read_language(t10_dir / "train", lang) if d.dominant][:3]
        prepared = prepare([d.text for d in docs], [lang] * len(docs), model.embedder)
        for d, p in zip(docs, prepared):
            exp = model.explain(p, *d.dominant)
            assert 0 < len(exp.text.split()) <= 80, d.id
            # in the article's language by construction: own phrase of that language + the article's words
            if model.style_for(lang.lower(), d.dominant[0]) != BARE_STYLE:
                assert exp.text.startswith(claim_for(model.claim_level(lang.lower()), *d.dominant, lang)), d.id
            flat = " ".join(d.text.split())
            assert all(" ".join(d.text[s.start : s.end].split()) in flat for s in exp.evidence), d.id
            assert all(" ".join(d.text[s.start : s.end].split()) in exp.text for s in exp.evidence), d.id


def test_training_chooses_the_claim_sentence_closest_to_the_references():
    """References that state the sub-narrative's own claim make training open with it; restricted to the
    narrative's phrase (the model it replaced), the same data keeps that one."""
    emb = get_embedder("hashing")
    docs = t10_docs()
    for d in docs:
        d.explanation = f"{claim_for(CLAIM_SUBNARRATIVE, *d.dominant, 'en')} {d.explanation}"
    prepared = prepare([d.text for d in docs], [d.lang for d in docs], emb)
    gold = emb.encode([d.explanation for d in docs])
    assert fit(docs, prepared, gold, emb).claim_level("en") == CLAIM_SUBNARRATIVE
    assert fit(docs, prepared, gold, emb, claim_levels=(CLAIM_NARRATIVE,)).claim_level("en") == CLAIM_NARRATIVE


def test_a_lead_within_noise_does_not_displace_the_subnarrative_phrase():
    from narrascope.analyzers.explain.fitting import _prefer_specific

    specific = ("scored", 40, 0, CLAIM_SUBNARRATIVE)
    narrow = ("scored", 40, 0, CLAIM_NARRATIVE)
    clear = ("scored", 40, -1, CLAIM_NONE)
    noisy = [0.5, 0.6, 0.4, 0.7, 0.3, 0.55]
    assert _prefer_specific({specific: noisy, narrow: [v + d for v, d in zip(noisy, (0.1, -0.1) * 3)]},
                            narrow) == specific
    assert _prefer_specific({specific: noisy, clear: [v + 0.2 for v in noisy]}, clear) == clear
    assert _prefer_specific({narrow: noisy}, narrow) == narrow  # no sub-narrative candidate: nothing to prefer


def test_a_named_source_reads_in_lower_case_inside_the_sentence_where_it_is_no_name():
    ru = frame_for("ru")
    text = ru.wrap(["Валдор готов к переговорам", "Порт закрыт"], [False, True], [None, "Журналист Иван Петров"])
    assert "журналист Иван Петров:" in text and "Журналист" not in text
    bg = frame_for("bg").wrap(["Пристанището е затворено"], [True], ["Американски политолог"])
    assert "американски политолог" in bg
    en = frame_for("en").wrap(["The port is closed"], [True], ["The minister"])
    assert "the minister" in en
    names = ru.wrap(["Порт закрыт"], [True], ["Дмитрий Петров"])
    assert "Дмитрий Петров" in names  # a name keeps its capitals

"""What an explanation may quote (explain/evidence.py) and how it words it: no datelines, bylines or
captions, quotes cut only at clause boundaries, cited words introduced as cited, openings learned from
the reference explanations. Texts here are invented for the tests."""
from __future__ import annotations

import numpy as np
import pytest

from narrascope.analyzers.explain.evidence import (
    candidate_from_span,
    candidates,
    is_attributed,
    is_boilerplate,
    repeats,
)
from narrascope.analyzers.explain.fitting import fit, mine_leads
from narrascope.analyzers.explain.framing import (
    CITES,
    CLAIM_SUBJECT,
    REPORTED_SUBJECT,
    claim_sentence,
    closed,
    frames_for,
    reported_claim,
)
from narrascope.analyzers.explain.model import prepare
from narrascope.nlp.datelines import strip_dateline
from narrascope.nlp.embeddings import get_embedder
from narrascope.nlp.text import sentences
from narrascope.semeval.t10 import T10Document

from .test_explain import WAR, WAR_WEST, t10_docs

# The two faults of issue 20 on the seeds, in our own words: an opening dateline that the sentence
# splitter cuts into a fragment ("Paris, Mar."), and long sentences that a word budget cut mid-phrase.
DATELINE_ARTICLE = (
    "Lyon, Apr. 12 (Wire Agency) - The defence minister wants the alliance to send soldiers to the front line. "
    "Several partners refuse to follow him and accuse him of courting a larger war that nobody in the region wants "
    "or could ever afford to fight for years to come.\n\n"
    "Photo: Wire Agency\n\n"
    "The alliance provoked this conflict by moving its bases towards the border year after year without pause."
)


def _sentences(text: str) -> list[str]:
    return [text[c.start : c.end] for c in candidates(text, 12)]


@pytest.mark.parametrize("line, rest", [
    ("MOSCOW, March 3 (Reuters) - Russia said the talks failed badly.", "Russia said the talks failed badly."),
    ("BERLIN, Sept. 14 (Wire) -- The ministry said the plan was ready.", "The ministry said the plan was ready."),
    ("Lisboa, 12 mar 2024 (Lusa) - O Governo disse que vai avançar já.", "O Governo disse que vai avançar já."),
    ("KYIV - The city was hit again by drones overnight.", "The city was hit again by drones overnight."),
    ("Putin's plan to stop the missiles: Macron is ready to go it alone.",
     "Putin's plan to stop the missiles: Macron is ready to go it alone."),
    ("NATO: the alliance will not send troops anywhere soon.", "NATO: the alliance will not send troops anywhere soon."),
    ("Macron - the French leader - is ready to talk now.", "Macron - the French leader - is ready to talk now."),
])
def test_datelines_are_cut_off_and_ordinary_openings_kept(line, rest):
    assert line[strip_dateline(line, 0, len(line)):] == rest


def test_candidates_leave_out_dateline_fragments_captions_and_time_stamps():
    got = _sentences(DATELINE_ARTICLE)
    assert got[0].startswith("The defence minister wants")
    assert not any("Lyon" in s or "Photo" in s for s in got)
    stamped = "\ufeff18:07Drones hit the airfield near the river. Officials met again at noon today 21:02"
    assert _sentences(stamped) == ["Drones hit the airfield near the river.", "Officials met again at noon today"]
    for line in ("Photo: Jane Doe / Agency", "Read also: what the summit decided", "https://example.org/a",
                 "Фото: архив", "यह भी पढ़ें: सम्मेलन में क्या हुआ"):
        assert is_boilerplate(line), line


def test_reader_comments_and_site_furniture_are_no_candidates():
    text = ("The summit ended without a plan for the winter\n\n"
            "The leaders met in Brussels and agreed on nothing about the gas.\n"
            "Sign up to get unfiltered news delivered straight to your inbox.\n\n"
            "1. steelmaker Offline steelmaker\nsteelmaker 28 November 2019 10:37\n"
            "The West wants a war with Russia and everybody knows it by now.")
    assert _sentences(text) == ["The summit ended without a plan for the winter",
                                "The leaders met in Brussels and agreed on nothing about the gas."]


def test_a_sentence_that_introduces_what_follows_is_no_candidate():
    text = ("The summit ended without a plan for the winter\n\n"
            "This was said on the weekly show by the economist and union chairman Ivo Marr:\n\n"
            "The emissions trading scheme is economic chaos in its purest form.")
    assert _sentences(text) == ["The summit ended without a plan for the winter",
                                "The emissions trading scheme is economic chaos in its purest form."]


def test_attribution_is_recognised_in_every_task_language():
    for line in ("The minister said the talks had failed.", "Министърът заяви, че преговорите са провалени.",
                 "По словам министра, переговоры провалились.", "Segundo o ministro, as conversações falharam.",
                 "मंत्री ने कहा कि बातचीत विफल रही।"):
        assert is_attributed(line), line
    assert not is_attributed("The talks failed because the alliance wanted them to fail.")
    text = "The minister knows the talks failed on purpose, and the alliance wanted it."
    assert candidate_from_span(text, 0, len(text), "attributed").attributed  # the narratives analyzer's mark wins
    assert not candidate_from_span(text, 0, len(text), "stated").attributed


@pytest.fixture(scope="module")
def model():
    emb = get_embedder("hashing")
    docs = t10_docs()
    return fit(docs, prepare([d.text for d in docs], [d.lang for d in docs], emb),
               emb.encode([d.explanation for d in docs]), emb)


def test_no_explanation_quotes_a_dateline_or_ends_mid_word(model):
    p = prepare([DATELINE_ARTICLE], ["en"], get_embedder("hashing"))[0]
    rng = np.random.default_rng(0)
    for style in (-1, *range(len(model.frame_options("en")))):
        for budget in (8, 12, 20, 30, 55):
            for scores in (np.zeros(len(p.spans)), rng.random(len(p.spans))):
                text, spans = model.compose(p, scores, budget, style, WAR)
                assert text and "Lyon" not in text and "Apr." not in text and "Photo" not in text
                for span in spans:
                    quoted = " ".join(DATELINE_ARTICLE[span.start : span.end].split())
                    assert quoted in text
                    # a quote ends at the end of a word: the sentence's end, or a clause boundary
                    after = DATELINE_ARTICLE[span.end : span.end + 1]
                    assert after in ("", " ", ",", "\n"), (budget, quoted)
                assert text.rstrip("”\"»").endswith((".", "…", "।")), text


def test_a_cited_sentence_is_introduced_as_cited_and_names_who_said_it(model):
    text = ("Officials blame the alliance\n\n"
            "The alliance moved its bases to the border every year, the minister said on Monday.")
    p = prepare([text], ["en"], get_embedder("hashing"))[0]
    assert p.attributed == [False, True] and p.sources == [None, "the minister"]
    kept = dict(model.name_sources)
    try:
        for style in range(len(frames_for("en"))):
            model.name_sources["en"] = True  # the reporting clause gives way to the source named in the frame
            out, spans = model.compose(p, np.array([1.0, 0.5]), 40, style, WAR_WEST)
            assert "It also quotes the minister: “The alliance moved its bases to the border every year”." in out
            assert text[spans[-1].start : spans[-1].end] == "The alliance moved its bases to the border every year"
            model.name_sources["en"] = False
            out, _ = model.compose(p, np.array([1.0, 0.5]), 40, style, WAR_WEST)
            assert f"{CITES['en'][1]} “The alliance moved" in out and "said on Monday" in out, out
    finally:
        model.name_sources = kept


@pytest.mark.parametrize("sentence, source, claim", [
    ("Министърът заяви, че преговорите са провалени заради Запада.", "Министърът",
     "преговорите са провалени заради Запада"),
    ("Как заявил Песков, Запад затягивает конфликт надолго.", "Песков", "Запад затягивает конфликт надолго"),
    ("По словам Пескова, Запад затягивает конфликт надолго.", None, None),  # a genitive name is not a subject
    ("O ministro afirmou que o Ocidente prolonga a guerra.", "O ministro", "o Ocidente prolonga a guerra"),
    ("रक्षा मंत्री ने कहा कि पश्चिम युद्ध को लंबा खींच रहा है।", "रक्षा मंत्री", "पश्चिम युद्ध को लंबा खींच रहा है"),
    # no speaker is better than a wrong one: a verb with an object, a passive, a clause before the verb
    ("Once again the bishop calls for raising the white flag over the city.", None, None),
    ("The plan failed; it was firmly rejected by the allies and by the neighbours.", None, None),
    ("The mayor has previously mentioned the idea of closing the old bridge to all traffic.", None, None),
    ("O ministro acusa Lisboa de esconder os números da guerra.", None, None),  # an object, not a claim
    ("Министърът нарече преговорите с Москва пълен провал.", None, None),
    # "considers X Y": what is considered what, not words said; "считает, что ..." still reports them
    ("Министр считает переговоры с Валдорией пустой тратой времени.", None, None),
    ("Министърът смята преговорите с Валдория за пълен провал.", None, None),
    ("Министр считает, что переговоры с Валдорией провалились.", "Министр", "переговоры с Валдорией провалились"),
])
def test_sources_and_reported_words_come_from_the_shared_attribution_cues(sentence, source, claim):
    (c,) = candidates(sentence, 12)
    assert c.attributed and c.source == source
    assert (sentence[c.claim[0] : c.claim[1]] if c.claim else None) == claim


def test_a_common_noun_opening_a_headline_is_named_as_no_source():
    text = "Estudo: os rios do norte secam mais depressa do que o previsto\n\nUm estudo do instituto mostra que os rios secam."
    first = candidates(text, 12)[0]
    assert first.attributed and first.source is None  # "Estudo" is the article's "estudo", not someone
    text = "Valdor: os rios do norte secam mais depressa do que o previsto\n\nO ministro de Valdor falou ontem à noite."
    assert candidates(text, 12)[0].source == "Valdor"


def test_openings_are_learned_from_references_that_share_them():
    refs = ["The text claims that the West wanted war.", "The text claims that NATO lied.",
            "The text claims that sanctions failed.", "Vladimir Putin says that the West lied.",
            "Vladimir Putin says that NATO lied.", "Vladimir Putin says that sanctions failed.", "A short one."]
    docs = [T10Document(f"EN_{i}.txt", "EN", "Some text.", dominant=(WAR, None), explanation=r)
            for i, r in enumerate(refs)]
    # a person's words are not the article's framing: only openings that name the text are learned
    assert mine_leads(docs, min_docs=3) == {"en": ["The text claims that"]}
    assert mine_leads(docs, min_docs=4) == {"en": []}


def test_closed_adds_a_full_stop_in_the_script_of_the_text():
    assert closed("“war”") == "“war”." and closed("“war.”") == "“war.”" and closed("युद्ध है") == "युद्ध है।"


def test_training_chooses_an_order_and_the_article_order_puts_questions_last(model):
    from narrascope.analyzers.explain.model import ORDER_LEAD, ORDER_SCORED

    assert model.orders["en"] in (ORDER_SCORED, ORDER_LEAD)
    text = "Who wanted this war at all?\n\nThe alliance moved its bases to the border. Prices rose in spring."
    p = prepare([text], ["en"], get_embedder("hashing"))[0]
    model.orders["en"], kept = ORDER_LEAD, model.orders["en"]
    try:
        ranks = model.ranking(p, WAR, None)
    finally:
        model.orders["en"] = kept
    assert list(np.argsort(-ranks)) == [1, 2, 0]  # the article's order, the question last


@pytest.mark.parametrize("article, first", [
    ("София, 3 март (БТА) - Министърът иска съюзът да изпрати войници на фронта.", "Министърът иска"),
    ("МОСКВА, 3 марта /ТАСС/. Министр обороны заявил, что союз готовит войну.", "Министр обороны"),
    ("Париж, 31 март. Президентът отново говори за войски в Украйна.", "Президентът отново"),
    ("Lisboa, 12 mar (Lusa) - O ministro quer enviar soldados para a frente.", "O ministro quer"),
    ("НОРВАЛЕ, 3 июл - РИА Норвале. Министр обороны заявил, что союз готовит войну.", "Министр обороны"),
    ("नई दिल्ली, 3 मार्च (एजेंसी) - रक्षा मंत्री चाहते हैं कि गठबंधन सैनिक भेजे।", "रक्षा मंत्री"),
    ("नई दिल्ली: रक्षा मंत्री चाहते हैं कि गठबंधन सैनिक भेजे।", "रक्षा मंत्री"),
])
def test_a_dateline_is_never_a_candidate_in_any_task_language(article, first):
    """A dateline the splitter leaves as a sentence of its own ("Париж, 31 март.") is dropped like one that
    opens a sentence; ordinary openings that name a place and a year are kept."""
    got = _sentences(article)
    assert got and got[0].startswith(first), got
    assert _sentences("Moscow, the West and the war in 2024.") == ["Moscow, the West and the war in 2024."]


def test_explanations_in_other_languages_end_on_a_whole_word(model):
    article = ("Париж, 31 март. Президентът отново говори за изпращане на войници в Украйна, въпреки че "
               "съюзниците му се противопоставят, а обществото се страхува от голяма война в Европа.\n\n"
               "Министърът на отбраната заяви, че алиансът се готви за война с Русия от години.")
    p = prepare([article], ["bg"], get_embedder("hashing"))[0]
    for style in (-1, *range(len(model.frame_options("bg")))):
        for budget in (8, 12, 20, 40):
            text, spans = model.compose(p, np.arange(len(p.spans), dtype=float)[::-1], budget, style, WAR)
            assert text and "Париж" not in text and "31 март" not in text
            for span in spans:
                assert article[span.end : span.end + 1] in ("", " ", ",", "\n", "."), (budget, style, text)
            assert text.rstrip("”\"»“").endswith((".", "…")), text


@pytest.mark.parametrize("lang", ["en", "bg", "hi", "pt", "ru"])
def test_a_claim_voiced_only_through_quotes_is_said_of_the_quoted_words(lang):
    claim = claim_sentence(WAR, lang)
    reported = reported_claim(claim, lang)
    assert reported.startswith(REPORTED_SUBJECT[lang]) and reported.endswith(claim[len(CLAIM_SUBJECT[lang]):])
    assert reported_claim("Something else entirely.", lang) == "Something else entirely."


def test_an_explanation_whose_every_quote_is_reported_says_so(model):
    reported = ("The alliance provoked the war on purpose, the minister said on Monday.\n\n"
                "The alliance moved its bases to the border every year, the general said.")
    stated = "The alliance provoked the war on purpose.\n\nThe alliance moved its bases to the border every year."
    for text, opening in ((reported, REPORTED_SUBJECT["en"]), (stated, CLAIM_SUBJECT["en"] + " ")):
        p = prepare([text], ["en"], get_embedder("hashing"))[0]
        out, spans = model.compose(p, np.array([1.0, 0.5]), 40, 0, WAR, WAR_WEST, "narrative")
        assert out.startswith(opening), out
        assert {s.attribution for s in spans} == ({"attributed"} if text is reported else {"stated"})


def test_a_headline_the_lead_retells_is_quoted_once():
    text = ("Floods will swallow whole countries, experts warn. Floods will swallow whole countries within a "
            "century, experts warn. Floods hit the coast, and the town council blamed the old dams for the damage.")
    head, lead, other = sentences(text)
    assert repeats(text, lead, [head])  # the lead adds two words to the headline: the same sentence
    assert not repeats(text, other, [head])  # another sentence about floods is not


def test_a_sentence_that_only_names_the_speaker_is_no_candidate_and_the_claim_is_theirs():
    text = ("Западът трябва незабавно да спре всички доставки на оръжие. Това заяви политологът Иван Петров пред "
            "интернет канала Валдор.\n\nАнализаторите очакват нови преговори през есента.")
    found = candidates(text, 12)
    assert [text[c.start:c.end] for c in found] == [
        "Западът трябва незабавно да спре всички доставки на оръжие.",
        "Анализаторите очакват нови преговори през есента."]
    assert found[0].attributed and found[0].source == "Иван Петров"
    assert not found[1].attributed


@pytest.mark.parametrize("text", ["Дипломатът Марков: съюзът ще се разпадне до края на годината.",
                                  "Сенаторката Мариана Лин: ще гласуваме против бюджета."])
def test_a_name_that_starts_like_a_month_opens_no_dateline(text):
    # "мар..." is March only as a whole word ("марта", "мар."): a speaker's name before a colon stays
    assert strip_dateline(text, 0, len(text)) == 0


@pytest.mark.parametrize("text, first", [
    # a headline that opens on a few words goes on to the sentence that carries its claim
    ("Into dust and ashes. The coastal guard answered the raid on the port with fire\n\nThe raid began at dawn.",
     "Into dust and ashes. The coastal guard answered the raid on the port with fire"),
    ("Cimeira de Valdor. Os líderes discutem a paz e o clima\n\nA cimeira começou ontem em Valdor.",
     "Cimeira de Valdor. Os líderes discutem a paz e o clima"),
    # a first sentence long enough to claim something stays alone
    ("The alliance moved its bases to the northern border. Analysts worry\n\nThe move came in May.",
     "The alliance moved its bases to the northern border."),
    # not across a question, a teaser cut mid-word, or the credit of the paper it was taken from
    ("Into dust and ashes. Will the guard answer?\n\nThe raid began at dawn and lasted all day.",
     "Into dust and ashes."),
    ("Into dust and ashes. The raid on the port was only the fir...\n\nThe raid began at dawn.",
     "Into dust and ashes."),
    ("Доверие к альянсу падает. The Valdor Herald (США).\n\nОпрос провели в мае.", "Доверие к альянсу падает."),
])
def test_a_headline_that_opens_on_a_few_words_is_quoted_with_its_claim(text, first):
    found = candidates(text, 12)
    assert text[found[0].start:found[0].end] == first
    assert all(c.start >= found[0].end for c in found[1:])  # the rest of the headline is not quoted twice


def test_words_the_narratives_cut_from_a_report_keep_the_speaker_their_sentence_names():
    text = "During the talks, Ivo Marev said that the northern port would stay closed until the spring."
    start, end = text.index("the northern port"), len(text) - 1
    named = candidate_from_span(text, start, end, "attributed")
    assert named.attributed and named.source == "Ivo Marev" and named.claim == (start, end)
    text = "During the talks, they said that the northern port would stay closed until the spring."
    start, end = text.index("the northern port"), len(text) - 1
    plain = candidate_from_span(text, start, end, "attributed")
    assert plain.attributed and plain.source is None  # "they": nobody to name


def test_a_source_named_in_a_case_no_frame_takes_is_not_named():
    # "Об этом рассказали в министерстве ...": said in the ministry; the sentence before is the ministry's, but a
    # frame cannot name "в министерстве" as whom it quotes
    text = ("Войска Валдории заняли северный порт и мост через реку за одну ночь.\n"
            "Об этом рассказали в министерстве транспорта Валдории на встрече с мэрами.")
    first = candidates(text, 12)[0]
    assert first.attributed and first.source is None

"""Label-specific evidence: a sentence is evidence for a label only when it supports that label more than
the article's other labels; spans narrow to the clause that carries the claim; attribution on each span."""
from __future__ import annotations

import numpy as np
import pytest

from narrascope.analyzers.narratives.evidence import (
    clauses,
    contrast,
    evidence_spans,
    narrow,
    pick_sentences,
)
from narrascope.nlp.article_attributions import attribute_sentences
from narrascope.nlp.attribution import attribute
from narrascope.nlp.furniture import quotable, repeats
from narrascope.nlp.text import sentences


def test_contrast_is_the_margin_over_the_best_other_label():
    scores = np.array([[3.0, 1.0, 0.5], [1.0, 2.0, 2.5]])
    np.testing.assert_allclose(contrast(scores), [[2.0, -2.0, -2.5], [-1.5, -0.5, 0.5]])
    np.testing.assert_allclose(contrast(np.array([[0.3], [-1.0]])), [[0.3], [-1.0]])  # one label: its score


def test_a_sentence_that_is_best_for_one_label_is_not_evidence_for_the_others():
    # sentence 0 scores high for every label (the "He said that NATO had no plans" case), but it is the
    # best only for label 0; the others get the sentences that are best for them
    scores = np.array([[5.0, 4.0, 4.0, 3.5],
                       [0.1, 4.5, 0.0, 0.0],
                       [0.0, 0.2, 4.2, 0.1],
                       [0.0, 0.0, 0.3, 3.9],
                       [0.2, 0.1, 0.0, 0.0]])
    picked = pick_sentences(scores)
    assert picked == [[0], [1], [2], [3]]
    used = [k for rows in picked for k in rows]
    assert len(used) == len(set(used))  # no sentence stands for two labels


def test_a_label_with_no_sentence_of_its_own_gets_its_strongest_unused_sentence():
    scores = np.array([[5.0, 4.0], [0.1, 0.05], [2.0, 1.9]])
    picked = pick_sentences(scores)
    assert picked[0][0] == 0 and 0 not in picked[1]
    assert picked[1] == [2]  # its highest score among the sentences not already used


def test_long_sentences_narrow_to_the_clause_that_scores_highest():
    text = ("Prices of gas rose again this winter in most of the countries of the union; meanwhile the leaders "
            "in Brussels keep sending billions to a corrupt regime that steals every cent it gets.")
    span = (0, len(text))
    pieces = clauses(text, *span)
    assert len(pieces) == 2 and text[pieces[1][0]:pieces[1][1]].startswith("meanwhile")

    def scores(cands):
        return np.array([("regime" in text[a:b]) * 1.0 for a, b in cands])

    start, end = narrow(text, span, attribute(text), scores)
    assert text[start:end].startswith("meanwhile") and text[start:end].endswith("gets.")


def test_a_clause_that_leans_on_the_one_before_is_quoted_with_it():
    text = ("The council in Valdor signed the new energy bill last week after months of delay, which will force "
            "every household in the north to pay twice as much for heating from next winter on.")
    pieces = clauses(text, 0, len(text))
    assert text[pieces[1][0]:].startswith("which")

    def scores(cands):
        return np.array([("household" in text[a:b]) * 1.0 for a, b in cands])

    start, end = narrow(text, (0, len(text)), attribute(text), scores)
    assert (start, end) == (0, pieces[1][1])  # not "which will force every household ..." alone


def test_a_chain_of_leaning_clauses_is_quoted_from_the_one_that_stands_alone():
    text = ("The long drought in the south of Valdor, and the new tariffs on imported grain, have doubled the price "
            "of bread this spring, while the cost of fertiliser has cut what the farms of the region can grow.")
    pieces = clauses(text, 0, len(text))
    assert [text[a:].split()[0] for a, _ in pieces] == ["The", "and", "while"]

    def scores(cands):
        return np.array([("fertiliser" in text[a:b]) * 1.0 for a, b in cands])

    start, end = narrow(text, (0, len(text)), attribute(text), scores)
    assert (start, end) == (0, pieces[2][1])  # not "and the new tariffs ..., while the cost ..."


def test_a_clause_before_a_colon_is_quoted_with_what_it_announces():
    text = ("At these bases in the north of Valdor the alliance has deployed: a training camp for foreign "
            "fighters, and a store for the weapons that come from abroad every month.")
    pieces = clauses(text, 0, len(text))
    assert text[pieces[0][1]:pieces[1][0]].strip() == ":"

    def scores(cands):
        return np.array([("deployed" in text[a:b]) * 1.0 for a, b in cands])

    start, end = narrow(text, (0, len(text)), attribute(text), scores)
    assert (start, end) == (0, pieces[1][1])  # not "At these bases ... has deployed" alone


@pytest.mark.parametrize("text, pieces", [
    # the Russian and Bulgarian dash for "is": the subject is not quoted without what is said of it
    (("Валдорская республика и ее премьер-министр Иван Марр – это не посредники и не судьи в этой войне, как бы "
     "им этого ни хотелось."), 1),
    # a dash before a word in lower case opens an aside on what came before
    (("The new tariffs on grain from the south of Valdor – which farmers had fought for years – have doubled "
     "the price of bread."), 1),
    # before a capital it still ends a clause
    (("The council of Valdor has sent another billion to the regime in the north this winter – Prices of bread "
     "doubled since the spring."), 2),
])
def test_a_dash_before_a_word_in_lower_case_ends_no_clause(text, pieces):
    assert len(clauses(text, 0, len(text))) == pieces


def test_attributed_sentences_narrow_to_the_reported_claim_and_say_who():
    text = "Title\n\nThe Kremlin has warned that the West wants a war with Russia. Gas prices rose again in May."
    spans = sentences(text)
    scores = np.array([[0.0], [2.0], [1.5]])
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    assert len(evidence) == 2
    first = evidence[0]
    assert text[first.start:first.end] == "the West wants a war with Russia"
    assert first.attribution == "attributed" and first.attributed_to == "the Kremlin"  # as it reads inside a sentence
    assert evidence[1].attribution == "stated" and evidence[1].attributed_to is None


@pytest.mark.parametrize("text, evidence", [
    # what follows a verb of accusing, warning about or naming is its object: the whole sentence is the claim
    ("Moscow has repeatedly accused Valdor of helping the rebels attack the northern port.", None),
    ("Климатолозите предупреждават за топлинни вълни, пожари и наводнения в цяла Европа.", None),
    ("Депутатът нарече лицемерни думите на министъра за мира в региона.", None),
    # ... also with a phrase between commas after the verb
    ("Os engenheiros alertaram, ontem, para a ponte velha, que pode ruir no inverno.", None),
    ("As autoridades de Valdor acusaram, no sábado, o porto de esconder os números.", None),
    # after "that" or a headline's colon, the reported words alone, whatever word opens them
    ("Петров заяви, че по този начин алиансът само увеличава напрежението в региона.",
     "по този начин алиансът само увеличава напрежението в региона"),
    ("По его словам, три судна сейчас стоят у причала Валдора.", "три судна сейчас стоят у причала Валдора"),
    ("Доктор Петров: В близко бъдеще ни очакват суши, градушки и големи наводнения",
     "В близко бъдеще ни очакват суши, градушки и големи наводнения"),
])
def test_evidence_quotes_the_reported_words_or_the_whole_sentence_when_they_are_an_object(text, evidence):
    start, end = narrow(text, (0, len(text)), attribute(text), lambda cands: np.zeros(len(cands)))
    assert text[start:end] == (evidence or text)


def test_a_sentence_that_only_names_who_said_the_one_before_is_never_evidence():
    text = ("Заглавие\n\nЗападът иска война с Русия на всяка цена. Това заяви политологът Иван Петров пред "
            "канала Валдор. Цените на газа растат.")
    spans = sentences(text)
    naming = [text[s:e].startswith("Това заяви") for s, e in spans]
    scores = np.array([[3.0 if n else (2.0 if text[s:e].startswith("Западът") else 0.5)]
                       for (s, e), n in zip(spans, naming, strict=True)])
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    assert not any(text[ev.start:ev.end].startswith("Това заяви") for ev in evidence)
    first = evidence[0]
    assert text[first.start:first.end].startswith("Западът иска война")
    assert first.attribution == "attributed" and first.attributed_to == "Иван Петров"


def test_a_sentence_that_announces_what_follows_is_never_evidence():
    text = ("Title\n\nThe retired colonel Ivo Marr in an interview with the Valdor Review:\n\n"
            "The alliance has been preparing this war against its neighbour for ten years.\n\nSources include:")
    spans = sentences(text)
    announces = [text[s:e].rstrip().endswith(":") for s, e in spans]
    assert sum(announces) == 2
    scores = np.array([[3.0 if a else 1.0] for a in announces])  # the announcements score highest
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    assert [text[ev.start:ev.end] for ev in evidence][:1] == [
        "The alliance has been preparing this war against its neighbour for ten years."]
    assert not any(text[ev.start:ev.end].rstrip().endswith(":") for ev in evidence)


def test_a_caption_of_two_words_or_a_pronoun_left_by_narrowing_is_never_evidence():
    text = ("Title\n\nValdor First pic.twitter.com/AbCdEf\n\n"
            "The army of Valdor is falling apart, and the government now openly admits it.\n\n"
            "The reason I back Brenmark is that I want the alliance to collapse.")
    spans = sentences(text)
    scores = np.array([[0.1], [5.0], [2.0], [1.5]])[: len(spans)]
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    quoted = [text[ev.start:ev.end] for ev in evidence]
    assert quoted and all(len(q.split()) >= 3 for q in quoted)
    assert "it." not in quoted and not any(q.startswith("Valdor First") for q in quoted)


def test_evidence_leaves_out_the_dateline_its_sentence_opens_with():
    text = "Title\n\nLyon, Apr. 12 (Wire Agency) - The alliance wants a war with its neighbour at any cost."
    (sentence,) = [s for s in sentences(text) if text[s[0]:].startswith("Lyon")]
    start, end = narrow(text, sentence, attribute(text, *sentence), lambda cands: np.zeros(len(cands)))
    assert text[start:end] == "The alliance wants a war with its neighbour at any cost."


def test_reader_comments_are_never_evidence():
    text = ("The summit ended without a plan\n\nThe leaders met in Brussels and agreed on nothing about the gas.\n\n"
            "1. steelmaker Offline steelmaker\nsteelmaker 28 November 2019 10:37\n"
            "The West wants a war with Russia and everybody knows it by now.")
    spans = sentences(text)
    in_comment = [text[s:e].startswith("The West wants") for s, e in spans]
    assert any(in_comment)
    # the commenter's sentence scores highest for the label: it would be picked first from the whole text
    scores = np.array([[5.0 if c else (1.0 if text[s:e].startswith("The leaders") else 0.0)]
                       for (s, e), c in zip(spans, in_comment, strict=True)])
    assert pick_sentences(scores)[0][0] == in_comment.index(True)
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    assert [text[ev.start:ev.end] for ev in evidence] == ["The leaders met in Brussels and agreed on nothing about the gas."]
    # a label that only the comments speak for falls back to a sentence of the body, never a commenter's
    only_comment = np.array([[5.0 if c else 0.0] for c in in_comment])
    (fallback,) = evidence_spans(text, spans, only_comment, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    thread = text.index("1. steelmaker")
    assert fallback and all(ev.end <= thread for ev in fallback)


def test_a_sentence_the_article_repeats_is_quoted_once():
    headline = "The alliance plans a war with its neighbour"
    text = f"{headline}\n\n{headline}.\nThe ministers met again on Friday and spoke of the border for hours."
    spans = sentences(text)
    scores = np.array([[3.0 if text[s:e].startswith("The alliance") else 1.0] for s, e in spans])
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    quoted = [" ".join(text[ev.start:ev.end].split()).rstrip(".") for ev in evidence]
    assert quoted.count(headline) == 1 and len(quoted) == len(set(quoted))


def test_a_repeated_headline_is_the_same_whatever_the_space_before_its_colon():
    assert repeats("ivo marr on the border: this is war", "ivo marr on the border : this is war")
    assert not repeats("ivo marr on the border: this is war", "ivo marr on the port: this is war")


def test_a_claim_the_article_says_again_inside_a_longer_sentence_is_quoted_once():
    claim = "the port must close before the winter storms reach the northern coast"
    text = (f"The council has one answer: {claim}.\nThe ministers met again on Friday and spoke for hours.\n"
            f"According to the mayor, {claim}.")
    spans = sentences(text)
    scores = np.array([[3.0 if "port" in text[s:e] else 1.0] for s, e in spans])
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    quoted = [text[ev.start:ev.end] for ev in evidence]
    assert sum(claim in q for q in quoted) == 1


def test_short_pieces_inside_longer_evidence_are_not_taken_for_repeats():
    assert not repeats("russia is weak", "the minister said russia is weak and divided")
    assert repeats("russia is weak", "russia is weak")


def test_evidence_starts_at_the_claim_not_at_an_answer_dash_and_a_dashed_repeat_is_quoted_once():
    claim = "Drones of the alliance guide the strikes on our cities"
    text = f"{claim}.\n\n- {claim}.\n\ufe0f The ministers met again on Friday and spoke of the border for hours."
    spans = sentences(text)
    scores = np.array([[3.0 if "Drones" in text[s:e] else 2.0] for s, e in spans])
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    quoted = [text[ev.start:ev.end] for ev in evidence]
    assert all(q[:1].isalpha() for q in quoted)  # no "- " before the claim
    assert sum(q.startswith("Drones") for q in quoted) == 1 and len(quoted) == 2


def test_evidence_stops_before_the_links_that_close_its_sentence():
    text = ("Valdria may be the greatest risk for the region pic.twitter.com/AbC123xyz\n"
            "🤔 pic.twitter.com/ZzZ999\nThe ministers met again on Friday and spoke of the border for hours.")
    spans = sentences(text)
    scores = np.array([[3.0 if "Valdria" in text[s:e] else 2.5 if "🤔" in text[s:e] else 2.0] for s, e in spans])
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    quoted = [text[ev.start:ev.end] for ev in evidence]
    assert "Valdria may be the greatest risk for the region" in quoted
    assert not any("twitter" in q or q.strip() == "🤔" for q in quoted)


def test_evidence_starts_after_a_live_blogs_time_stamp():
    text = "18:07Drones of the alliance guide the strikes on our cities.\n11:30 The ministers met again on Friday."
    spans = sentences(text)
    scores = np.array([[3.0 if "Drones" in text[s:e] else 2.0] for s, e in spans])
    (evidence,) = evidence_spans(text, spans, scores, attribute_sentences(text, spans), ["URW: X"],
                                 lambda j, cands: np.zeros(len(cands)))
    assert text[evidence[0].start:evidence[0].end].startswith("Drones of the alliance")


def test_evidence_stops_before_a_headlines_time_stamp_but_not_before_a_sentences_time():
    text = ("Drones of the alliance guide the strikes on our cities 19:50\n\n"
            "The ministers met at 11:30, and they agreed on nothing at all about the drones.")
    assert quotable(text, 0, text.index("\n")) == (0, text.index(" 19:50"))
    clause = text.index("The ministers"), text.index(", and")
    assert quotable(text, *clause) == clause


@pytest.mark.parametrize("text, span, shown", [
    ('Марев нарече плана "удар по селата". Край.', (0, 34), 'Марев нарече плана "удар по селата"'),
    ("Марев нарече плана „удар по селата“. Край.", (0, 34), "Марев нарече плана „удар по селата“"),
    ("He said it was «a grave error» and left.", (8, 29), "it was «a grave error»"),
    ("He called it “a grave error” and left.", (14, 28), "“a grave error”"),  # opened right before it
    ('He said "no". Then "yes".', (0, 12), 'He said "no"'),
    ("Nothing quoted here at all.", (0, 14), "Nothing quoted"),
])
def test_evidence_shows_the_mark_that_closes_the_quote_it_opens(text, span, shown):
    from narrascope.nlp.quotation import with_closing_marks

    s, e = with_closing_marks(text, *span)
    assert text[s:e] == shown

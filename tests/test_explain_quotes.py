"""How an explanation shows the words it quotes: whole quotation marks, no links or pictographs, a headline
repeated in the body quoted once, no "(Related: ...)" teaser, no speaker whose words lack their subject.
Texts are invented for the tests."""
from __future__ import annotations

import numpy as np
import pytest

from narrascope.analyzers.explain.evidence import candidates, is_boilerplate, quote_text, trim
from narrascope.analyzers.explain.framing import FRAMES
from narrascope.analyzers.explain.model import prepare
from narrascope.nlp.attribution import attribute
from narrascope.nlp.embeddings import get_embedder
from narrascope.nlp.text import nest_quotes

from . import test_explain
from .test_explain import WAR

explainer = test_explain.hashing_model  # the explain model fitted on test_explain's invented articles


@pytest.mark.parametrize("raw, shown", [
    # a quote that starts inside the article's own quotation gets its opening mark, in the article's style
    ("Ще претърпим неуспех»: В САЩ бият тревога", "«Ще претърпим неуспех»: В САЩ бият тревога"),
    ("Съюзниците се поддадоха на натиска“.", "„Съюзниците се поддадоха на натиска“."),
    # ... and one that stops inside it gets its closing mark after the last word
    ('The ministry called it "a routine exercise,', 'The ministry called it "a routine exercise"'),
    ("Os aliados falam de «uma nova fase da guerra", "Os aliados falam de «uma nova fase da guerra»"),
    ("He called it “a provocation", "He called it “a provocation”"),
    # links and pictographs are page furniture, not words of the claim
    ("Sanctions may be the greatest risk for Kyiv pic.twitter.com/AbC123xyz", "Sanctions may be the greatest risk for Kyiv"),
    ("📺 Има един стар филм за това \ufe0f", "Има един стар филм за това"),
    ("Read the report at https://example.org/report now", "Read the report at now"),
    # balanced quotes stay as they are
    ("Charred remains of “entire families” were found", "Charred remains of “entire families” were found"),
    ("Той каза „да“ и си тръгна", "Той каза „да“ и си тръгна"),
    # a scraper's CSV quoting doubled every mark: one each, as the article printed them
    ('""Мост откроют в мае"", - сказал Петров ""вчера"".', '"Мост откроют в мае", - сказал Петров "вчера".'),
])
def test_a_quote_shows_whole_quotation_marks_and_no_furniture(raw, shown):
    assert quote_text(raw) == shown


@pytest.mark.parametrize("line", [
    "(Related: Were the floods really caused by the dam?)", "Related: what the summit decided",
    "Relacionado: o que decidiu a cimeira", "По теме: что решил саммит", "Свързани: какво реши срещата",
])
def test_related_teasers_are_no_candidates(line):
    assert is_boilerplate(line)


def test_no_speaker_is_named_when_the_reported_words_lack_their_subject():
    # "which Russia said was due to natural causes": the quote would read "was due to natural causes".
    sentence = "He died in prison last week, which Russia said was due to natural causes and nothing else."
    (c,) = candidates(sentence, 12)
    assert c.attributed and c.source is None and c.claim is None
    (c,) = candidates("Russia said the death was due to natural causes and nothing else.", 12)
    assert c.source == "Russia"


@pytest.mark.parametrize("headline, source", [
    ("CLAIM: Charred remains of whole families found in the ruins", None),
    ("BREAKING: Drones hit the airfield near the river overnight", None),
    ("СРОЧНО: Путин подписал указ о призыве резервистов", None),
    ("FT: Kyiv will ask for talks even if the election goes the other way", "FT"),
])
def test_a_headline_label_before_a_colon_is_no_speaker(headline, source):
    assert attribute(headline).named_source == source


def test_a_headline_repeated_in_the_body_with_another_dash_is_quoted_once(explainer):
    article = ("Make no mistake – the alliance wanted this war from the start\n\n"
               "Make no mistake - the alliance wanted this war from the start.\n\n"
               "Its leaders pushed the region towards a conflict that nobody else wanted.")
    p = prepare([article], ["en"], get_embedder("hashing"))[0]
    text, spans = explainer.compose(p, np.array([1.0, 0.9, 0.5]), 55, -1, WAR)
    assert text.count("Make no mistake") == 1, text
    assert len(spans) == 2


@pytest.mark.parametrize("sentence", [
    # "according to X" in the middle: the reported words are both sides of it, not one piece to quote
    "The real death toll, according to some residents, is four times the official one, they add quietly.",
    # "X accuses Y of ...": what follows the verb is its object, not the reported words
    "Valdória acusa a Hungria de chantagem política com o bloqueio do petróleo russo",
])
def test_a_source_is_named_only_with_reported_words_in_one_piece(sentence):
    (c,) = candidates(sentence, 12)
    assert c.attributed and c.source is None and c.claim is None


def test_whom_it_was_said_to_before_a_colon_is_no_part_of_the_reported_words():
    sentence = "Valdória responde à Hungria: bloqueio do petróleo russo não é uma chantagem política"
    (c,) = candidates(sentence, 12)
    assert c.source == "Valdória"
    assert sentence[c.claim[0]:c.claim[1]] == "bloqueio do petróleo russo não é uma chantagem política"


def test_reported_words_before_according_to_keep_their_source():
    (c,) = candidates("The real death toll is four times the official one, according to local residents.", 12)
    assert c.source == "local residents"


@pytest.mark.parametrize("headline, source", [
    ("“A Call to Arms”: the minister plans to send troops to the border next spring", None),
    ('"Isn\'t It Madness?": the president says the talks will fail without new guarantees', "the president"),
])
def test_the_tail_of_a_quoted_headline_is_no_speaker(headline, source):
    (c,) = candidates(headline, 12)
    assert c.source == source


def test_a_byline_with_its_outlet_is_no_candidate():
    assert is_boilerplate("by Jane Roe, Daily Wire Desk:")
    assert not is_boilerplate("by Jane Roe, who covered the war for years, the report was written in a hurry")


@pytest.mark.parametrize("quote, outer, shown", [
    ("«Русофобская организация»: в Совфеде высказались", "«", "„Русофобская организация“: в Совфеде высказались"),
    ("Remains of “entire families” were found", "“", "Remains of ‘entire families’ were found"),
    ("Той каза „да“ и си тръгна", "„", "Той каза «да» и си тръгна"),
    ("a report on the war", "“", "a report on the war"),
    # an excerpt that starts inside a quotation: its closing mark alone
    ("and preclude a diplomatic settlement” on the spot", "“", "and preclude a diplomatic settlement’ on the spot"),
])
def test_a_quotation_inside_a_quote_takes_second_level_marks(quote, outer, shown):
    assert nest_quotes(quote, outer) == shown


@pytest.mark.parametrize("lang, quote, shown", [
    ("en", "But the leadership did not take note.", "It also says: “But the leadership did not take note.”"),
    ("bg", "Но никой не слуша.", "Също така се казва: „Но никой не слуша.“"),
    ("ru", "Однако никто не слушает.", "Также говорится: «Однако никто не слушает.»"),
    ("pt", "Mas ninguém ouve.", "Acrescenta ainda: «Mas ninguém ouve.»"),
    ("hi", "लेकिन कोई नहीं सुनता।", 'लेख में यह भी कहा गया है: "लेकिन कोई नहीं सुनता।"'),
    # a quote that opens otherwise keeps the phrase's "that"
    ("en", "Nobody listens.", "It also says that “Nobody listens.”"),
    ("en", "Andrew Smith said so.", "It also says that “Andrew Smith said so.”"),
])
def test_a_quote_opening_with_but_or_and_follows_a_colon_not_that(lang, quote, shown):
    frame = FRAMES[lang][0]
    assert frame.wrap(["Opening.", quote]).endswith(shown)


def test_a_quote_is_not_cut_after_a_list_that_waits_for_its_verb():
    sentence = ("Poland, Romania, the Baltic States, Sweden, Norway, etc., will be allowed to decide, and the "
                "president will have to live with his own words.")
    start, end, cut = trim(sentence, 0, len(sentence), 20)
    assert cut and sentence[start:end] == ("Poland, Romania, the Baltic States, Sweden, Norway, etc., will be "
                                           "allowed to decide")
    assert trim(sentence, 0, len(sentence), 12) is None  # only the list would fit: not quoted at all
    clause = "If he is so sure, let him first leave the alliance, and then speak for the rest of Europe again."
    assert clause[slice(*trim(clause, 0, len(clause), 12)[:2])] == "If he is so sure, let him first leave the alliance"

"""A verb of saying in the passive (`nlp.passives`): who undergoes it is no speaker, hearsay quotes no piece of
the sentence, and orders or things done report no words (sentences written for these tests)."""
from __future__ import annotations

import pytest

from narrascope.nlp.attribution import ATTRIBUTED, STATED, attribute


@pytest.mark.parametrize("sentence", [
    # an order, or a thing added: no words
    "Residents of the valley were told to leave their homes before dawn.",
    "Shoppers are being urged to bring their own bags to the market.",
    "She was added to a list of banned speakers last spring.",
    # what was announced, claimed or tweeted is the subject, not words; where or when something was reported
    "The harbour fair was announced by the port board on Tuesday.",
    "The blockade of the bridge was claimed by a group of dock workers.",
    "The video and its caption were tweeted by a news channel from Norvale.",
    "Floods were reported in the northern districts of Valdor.",
    "Anyone who doubts the plan is dismissed as a dreamer.",
    "Truth be told, the new port has never turned a profit.",
])
def test_a_passive_that_reports_no_words_is_stated(sentence):
    assert attribute(sentence).kind == STATED


@pytest.mark.parametrize("sentence", [
    "The northern port is said to be near ruin.",
    "Several ferries have been reported to sink in the storm.",
    "The council, which is claimed to favour the mayor, met on Friday.",
])
def test_hearsay_is_attributed_to_nobody_and_quotes_no_piece_of_the_sentence(sentence):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.source is None and a.claim is None


@pytest.mark.parametrize("sentence, source, claim", [
    # the subject heard the words; nobody named said them
    ("The mayors of the valley were reminded that the bridge will close in May.", None,
     "the bridge will close in May"),
    ("It was recently revealed that the harbour board hid its losses.", None, "the harbour board hid its losses"),
    # the agent after "by" said them
    ("It is quietly reported by the Valdor Wire and two radio stations that the port will close.",
     "the Valdor Wire and two radio stations", "the port will close"),
    ("The reporter was told by the harbour master: “Nothing has changed.”", "the harbour master",
     "Nothing has changed"),
])
def test_a_passive_of_saying_names_its_agent_or_nobody(sentence, source, claim):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.source == source
    assert a.claim is not None and sentence[a.claim[0]:a.claim[1]].strip("“”") == claim.strip("“”")


@pytest.mark.parametrize("sentence, source, claim", [
    # "This was reported by X" names who said the sentence before; "cited by X as saying" quotes the subject
    ("Ivo Marev was cited by the Valdor Wire as saying that the port had closed.", "Ivo Marev",
     "the port had closed"),
    # an order, then a report: the report's verb is the cue
    ("About 300 families were told to leave, officials said, and two bridges were shut.", "officials",
     "About 300 families were told to leave"),
])
def test_the_report_beside_a_passive_keeps_its_speaker(sentence, source, claim):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.source == source
    assert a.claim is not None and sentence[a.claim[0]:a.claim[1]] == claim


def test_this_reported_by_an_outlet_still_refers_back():
    a = attribute("This was reported by the Valdor Wire.")
    assert a.kind == ATTRIBUTED and a.source == "Valdor Wire" and a.refers_back

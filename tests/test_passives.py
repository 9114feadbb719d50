"""A verb of saying in the passive (`nlp.passives`): who undergoes it is no speaker, and hearsay quotes no piece of
the sentence (sentences written for these tests; the passives that report no words are among the article's own
claims in test_attribution.py)."""
from __future__ import annotations

import pytest

from narrascope.nlp.attribution import ATTRIBUTED, attribute


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


def test_this_reported_by_an_outlet_still_refers_back():
    a = attribute("This was reported by the Valdor Wire.")
    assert a.kind == ATTRIBUTED and a.source == "Valdor Wire" and a.refers_back

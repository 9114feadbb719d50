"""A Hindi noun of saying reports the words before it (`nlp.hindi_claims`). Invented sentences."""
from __future__ import annotations

import pytest

from narrascope.nlp.attribution import attribute


@pytest.mark.parametrize("sentence, source, claim", [
    # the agent with ने, the content in the genitive before the noun, the light verb after it
    ("वालदोर ने बंदरगाह के पास एक पुल पर कब्जा करने का दावा किया।", "वालदोर", "बंदरगाह के पास एक पुल पर कब्जा करने"),
    ("उन्होंने बंदरगाह को हमेशा के लिए बंद करने की घोषणा की है।", "उन्होंने", "बंदरगाह को हमेशा के लिए बंद करने"),
    # no agent: the one accused with पर, and "also" left to them
    ("पत्रकार पर भी बंदरगाह के बारे में झूठी खबर छापने का आरोप लगाया गया था।", None,
     "बंदरगाह के बारे में झूठी खबर छापने"),
])
def test_a_hindi_noun_of_saying_reports_the_words_before_it(sentence, source, claim):
    found = attribute(sentence)
    assert found.attributed and found.source == source
    assert sentence[found.claim[0] : found.claim[1]] == claim


def test_a_headline_of_a_claim_reports_no_words():
    found = attribute("युद्ध पर वालदोर के राष्ट्रपति का बड़ा दावा")  # "the president's big claim on the war"
    assert found.attributed and found.claim is None


def test_what_was_said_on_whose_behalf():
    found = attribute("वालदोर सरकार की तरफ से कहा गया है कि बंदरगाह बंद रहेगा।")  # "it was said on the government's behalf"
    assert found.source == "वालदोर सरकार" and found.claim is not None
    assert attribute("संभव माना गया था।").source is None  # considered, by nobody named


@pytest.mark.parametrize("sentence", ["नाटो ने क्या कहा?", "विदेश मंत्रालय ने बंदरगाह पर क्या-क्या कहा था?"])
def test_a_question_about_what_someone_said_is_the_article_s_own(sentence):
    assert not attribute(sentence).attributed


def test_a_warning_is_reported_and_a_future_passive_names_nobody():
    # "Petrov warned that if the port is attacked, it will be considered an attack on Valdor"
    found = attribute("पेत्रोव ने आगाह किया है कि अगर बंदरगाह पर हमला हुआ तो इसे वालदोर पर हमला माना जाएगा।")
    assert found.source == "पेत्रोव" and found.cue == "आगाह"
    assert attribute("इसे वालदोर पर हमला माना जाएगा।").source is None  # "it will be considered": by nobody named


@pytest.mark.parametrize("sentence", [
    "कई शहरों ने अपने बंदरगाहों को ज़रूरी माना।",  # "many cities held their ports necessary"
    "यह पुल शहर का सबसे पुराना पुल माना जाता है।",  # "this bridge is considered the city's oldest"
])
def test_considered_without_ki_reports_no_words(sentence):
    assert not attribute(sentence).attributed


def test_considered_with_ki_reports_what_follows():
    found = attribute("आयुक्तों ने माना कि बंदरगाह पुराना है।")  # "the commissioners acknowledged that the port is old"
    assert found.attributed and found.claim is not None


@pytest.mark.parametrize("sentence, source, claim", [
    # "as the Wire reports, an official said that the bridge is closed": the official's words
    ("वायर के अनुसार बंदरगाह के एक कर्मचारी ने कहा कि पुल बंद है।", "बंदरगाह के एक कर्मचारी", "पुल बंद है"),
    ("एजेंसी के मुताबिक, पेत्रोव ने बताया कि बंदरगाह खुलेगा।", "पेत्रोव", "बंदरगाह खुलेगा"),
])
def test_the_speaker_an_outlet_reports_is_the_speaker(sentence, source, claim):
    found = attribute(sentence)
    assert found.source == source and sentence[found.claim[0] : found.claim[1]] == claim


@pytest.mark.parametrize("sentence", [
    "एजेंसी के मुताबिक, पेत्रोव ने नहीं बताया कि बंदरगाह कब खुलेगा।",  # "Petrov did not say when ...": the agency's
    "उप महापौर इवान के अनुसार, जिन्होंने कहा कि पुल बंद है।",  # "..., who said that ...": the one before speaks
])
def test_a_denied_verb_or_a_relative_pronoun_leaves_the_outlet_the_source(sentence):
    assert attribute(sentence).cue in ("के मुताबिक", "के अनुसार")


def test_a_headline_claim_after_a_dash_is_the_reported_words():
    sentence = "वालदोर का मीडिया: नॉरवेल से झगड़ा कराने की कोशिश, दावा- पुल गुपचुप बंद हुआ"
    found = attribute(sentence)  # "Valdor's media: trying to start a quarrel, claim- the bridge was quietly shut"
    assert sentence[found.claim[0] : found.claim[1]] == "पुल गुपचुप बंद हुआ"


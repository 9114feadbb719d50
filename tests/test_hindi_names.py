"""Hindi names the gazetteer never saw, found from the office before them (`nlp/hindi_names.py`), and
the Hindi function words the entity rules had none of."""
from __future__ import annotations

from narrascope.analyzers.entities.train import common_words, marked_often
from narrascope.nlp.hindi_names import determined_words, names_after_titles, names_before_agent
from narrascope.nlp.names import FUNCTION_WORDS, tokens
from narrascope.nlp.ner import LexiconNER
from narrascope.semeval.t10 import T10Document


def _names(text: str, frequent: set[str] = frozenset()) -> list[str]:
    return [text[s:e] for s, e in names_after_titles(text, tokens(text), frequent)]


def _found(lex: LexiconNER, text: str) -> list[str]:
    return [text[sp.start : sp.end] for sp in lex.find([text])[0]]


def test_a_name_after_an_office_ends_at_the_postposition():
    text = "ब्रिटेन के प्रधानमंत्री कीर स्टार्मर ने कहा। राष्ट्रीय सुरक्षा विश्लेषक बेथ सैनर का कहना है।"
    assert _names(text) == ["कीर स्टार्मर", "बेथ सैनर"]


def test_no_name_where_the_office_stands_alone_or_a_common_word_follows():
    # "the president said", "presidential award" (a frequent word), "will become president" (a verb)
    text = "राष्ट्रपति ने कहा। छात्रों को राष्ट्रपति पुरस्कार मिला। अगर वे राष्ट्रपति बनेंगे तो।"
    assert _names(text, frequent={"पुरस्कार"}) == []


def test_an_office_that_is_also_an_adjective_needs_a_full_name():
    # "a major bridge" is no name; "regional head Vitaly Kim" is
    assert _names("एक प्रमुख पुल पर हमला हुआ।") == []
    assert _names("क्षेत्रीय प्रमुख विटाली किम ने बताया।") == ["विटाली किम"]


def test_a_name_is_at_most_three_words_and_never_crosses_punctuation():
    assert _names("मंत्री एक दो तीन चार पांच ने कहा") == []  # "एक" is a function word: no name at all
    assert _names("मंत्री अलफ बेत गिमल दालेत ने कहा") == []  # four words: a phrase, not a name
    assert _names("राजदूत टीएस तिरुमूर्ति, जो वहां थे") == ["टीएस तिरुमूर्ति"]


def test_the_hindi_lexicon_keeps_a_frequent_name_and_adds_unknown_ones():
    lex = LexiconNER.fit("hi", ["रूस", "व्लादिमीर पुतिन"], common=["रूस", "पुरस्कार"])
    text = "रूस के राष्ट्रपति व्लादिमीर पुतिन ने कहा। इटली की प्रधानमंत्री जियोर्जिया मेलोनी ने राष्ट्रपति पुरस्कार दिया।"
    assert _found(lex, text) == ["रूस", "व्लादिमीर पुतिन", "जियोर्जिया मेलोनी"]


def test_joe_is_no_function_word_so_joe_biden_keeps_his_first_name():
    assert "जो" not in FUNCTION_WORDS["hi"] and "ने" in FUNCTION_WORDS["hi"]
    lex = LexiconNER.fit("hi", ["जो बाइडेन", "के बाइडेन"])
    assert set(lex.surface) == {"जो बाइडेन", "बाइडेन"}


def test_frequent_hindi_words_are_learned_from_document_frequency():
    docs = [T10Document(lang="HI", id=f"d{i}", text=f"सरकार ने फैसला किया। नाम{i} आया।") for i in range(60)]
    common = set(common_words(docs)["hi"])
    assert {"सरकार", "फैसला"} <= common
    assert "नाम7" not in common  # in one document of 60: below the share


def test_a_hyphenated_name_is_one_name():
    assert _names("मुस्लिम ब्रदरहुड के एक विशेषज्ञ डॉ यासर अल-नागगर ने कहा") == ["यासर अल-नागगर"]


def test_a_frequent_word_of_a_longer_learned_name_still_ends_an_unknown_one():
    # "देश" (country) is a word of the learned "पश्चिमी देश" (Western countries), and a frequent word:
    # after a title it is no part of a person's name, and the learned name is still found.
    lex = LexiconNER.fit("hi", ["पश्चिमी देश"], common=["देश", "पश्चिमी"])
    text = "अमेरिकी राष्ट्रपति जो बायडेन देश की उप-राष्ट्रपति से मिले। पश्चिमी देश चुप हैं।"
    assert _found(lex, text) == ["जो बायडेन", "पश्चिमी देश"]


def test_one_word_names_annotators_seldom_mark_where_they_appear_are_dropped():
    texts = ["रूस ने कहा कि लोगों को मदद मिलेगी।"] * 40 + ["ओरबान आए।"]
    phrases = {"रूस": 30, "लोगों": 1, "ओरबान": 1, "पश्चिमी देश": 1}
    # "लोगों" (people): in all 40 documents, marked once; "रूस" marked 30 times in 40; "ओरबान" is rare
    assert marked_often(phrases, texts) == {"रूस": 30, "ओरबान": 1, "पश्चिमी देश": 1}


def test_the_hindi_lexicon_round_trips_its_learned_common_words():
    lex = LexiconNER.fit("hi", ["रूस", "पश्चिमी देश"], common=["रूस", "देश", "पुरस्कार"])
    again = LexiconNER.from_json(lex.to_json())
    assert again.frequent == lex.frequent and again.common == lex.common
    assert "देश" in lex.frequent and "देश" not in lex.common and "रूस" not in lex.frequent


def test_a_name_that_ends_like_an_infinitive_is_still_a_name():
    # Sabrina, Irina: the ending of "बनना" (to become) after a vowel sign that no verb stem ends in
    assert _names("प्रवक्ता सबरीना ने कहा। सांसद इरीना वेरेशक ने बताया।") == ["सबरीना", "इरीना वेरेशक"]
    assert _names("वह अगले साल राष्ट्रपति बनना चाहते हैं।") == []


def _agents(text: str, frequent: set[str] = frozenset(), nouns: set[str] = frozenset()) -> list[str]:
    return [text[s:e] for s, e in names_before_agent(text, tokens(text), frequent, nouns)]


def test_who_did_something_is_named_before_the_agent_marker():
    text = "बैठक से पहले वाल्डोरेव ने संवाददाताओं से कहा। तब मीरा कोस्तिन ने बताया कि वार्ता विफल रही।"
    assert _agents(text, frequent={"पहले"}) == ["वाल्डोरेव", "मीरा कोस्तिन"]  # "before": a frequent word


def test_no_agent_name_from_a_common_noun_a_plural_a_title_or_across_a_line():
    text = "उनकी पत्नी ने कहा। वक्ताओं ने कहा। मंत्री ने कहा। सरकार ने कहा।\nरिपोर्ट\nकोस्तिन ने कहा।"
    # "wife" follows a possessive somewhere (a common noun), "speakers" is a plural, "minister" a title,
    # "government" a frequent word; a name does not run from one line into the next
    nouns = determined_words([text])
    assert "पत्नी" in nouns and "कोस्तिन" not in nouns
    assert _agents(text, frequent={"सरकार"}, nouns=nouns) == ["कोस्तिन"]


def test_the_hindi_lexicon_learns_and_keeps_its_common_nouns():
    docs = [T10Document(lang="HI", id=f"d{i}", text="उनकी पत्नी ने कहा। कोस्तिन ने कहा।",
                        mentions=[]) for i in range(3)]
    found = LexiconNER("hi", {"रूस": 2}, nouns=determined_words([d.text for d in docs]))
    again = LexiconNER.from_json(found.to_json())
    assert again.nouns == found.nouns and "पत्नी" in again.nouns
    assert _found(again, "उनकी पत्नी ने कहा। कोस्तिन ने कहा।") == ["कोस्तिन"]

"""A finder without capitals knows the alias table's reference names (`entities/reference_names.py`): Hindi
countries and cities that no training article had annotated are found, as in the cased languages."""
from __future__ import annotations

from narrascope.analyzers.entities.analyzer import ALIASES
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.reference_names import reference_names, spellings, unambiguous
from narrascope.analyzers.entities.train import fit_lexicons
from narrascope.semeval.t10 import Mention, T10Document


def _training(extra: str = "") -> list[T10Document]:
    text = "रूस ने कहा कि वार्ता जारी रहेगी।" + extra
    return [T10Document(id="d1", lang="HI", text=text, mentions=[Mention("रूस", 0, 2, "Antagonist", ["Instigator"])])]


def _found(docs: list[T10Document], text: str) -> list[str]:
    lexicon = fit_lexicons(docs)["hi"]
    return [text[sp.start : sp.end] for sp in lexicon.find([text])[0]]


def test_hindi_countries_and_cities_nobody_annotated_are_found():
    # Sweden, Paris, Thailand (as articles spell it, not as the catalogue does) and Egypt: no annotation
    # names them, and Hindi has no capitals to find them by
    text = "कल स्वीडन और मिस्र के नेता पेरिस में मिले। थाईलैंड ने भी प्रतिनिधि भेजे।"
    found = _found(_training(), text)
    assert {"स्वीडन", "मिस्र", "पेरिस", "थाईलैंड"} <= set(found)
    assert not any(name.startswith("कल ") for name in found)  # "yesterday" opens no name


def test_a_reference_name_annotators_seldom_mark_or_an_everyday_word_stays_out():
    # "रूसी" (Russian) is in the reference lists as Russia, as Hindi annotators now and then cast it; in forty
    # articles and marked in one, it is an adjective, and stays out of the lexicon. "गिनी" (Guinea) is also
    # "counted".
    text = "रूसी टैंक आगे बढ़े। रूस ने कहा।"
    russia = text.index("रूस ")
    docs = [T10Document(id=f"d{i}", lang="HI", text=text,
                        mentions=[Mention("रूस", russia, russia + 2, "Antagonist", ["Instigator"])]) for i in range(40)]
    docs[0].mentions.append(Mention("रूसी", 0, 3, "Antagonist", ["Instigator"]))
    lexicon = fit_lexicons(docs)["hi"]
    assert "रूसी" in reference_names("hi") and "रूसी" not in lexicon.surface and "रूस" in lexicon.surface
    found = _found(docs, "रूसी टैंक और रूस। सूची में पांच नाम गिनी गईं।")
    assert found == ["रूस"]
    assert unambiguous(["रूसी", "दक्षिण अफ्रीका"], {"रूसी"}) == ["दक्षिण अफ्रीका"]
    assert "गिनी" not in reference_names("hi")


def test_hindi_spellings_of_a_catalogue_name():
    assert spellings("hi", "थाईलैण्ड") == ["थाईलैण्ड", "थाईलैंड"]
    assert "स्विट्जरलैंड" in spellings("hi", "स्विट्ज़रलैंड")
    assert spellings("bg", "Швеция") == ["Швеция"]


def test_the_shipped_alias_table_names_the_spellings_articles_use():
    table = Canonicalizer.load(ALIASES)
    assert table.canonical("hi", "थाईलैंड") == "Thailand"
    assert table.canonical("hi", "न्यूजीलैंड") == "New Zealand"


def test_a_nasal_is_written_either_way():
    assert spellings("hi", "डोनाल्ड ट्रंप") == ["डोनाल्ड ट्रंप", "डोनाल्ड ट्रम्प"]
    assert "नरेन्द्र मोदी" in spellings("hi", "नरेंद्र मोदी")
    assert spellings("hi", "केन्या") == ["केन्या"]  # a nasal before a consonant of another class stays


def test_an_invisible_joiner_inside_a_word_changes_no_name():
    # some Hindi pages put a zero-width joiner after a virama: "डोनाल्\u200dड" is the word "डोनाल्ड"
    text = "डोनाल्\u200dड ट्रंप ने कहा कि वार्ता जारी रहेगी।"
    found = _found(_training(), text)
    assert found == ["डोनाल्\u200dड ट्रंप"]
    assert Canonicalizer.load(ALIASES).canonical("hi", "डोनाल्\u200dड ट्रंप") == "Donald Trump"

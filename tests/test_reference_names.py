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


def test_a_reference_name_that_is_a_common_noun_or_an_everyday_word_is_left_out():
    # "माली" (Mali) after a possessive is the gardener; "गिनी" (Guinea) is also "counted"
    docs = _training(" उनकी माली ने पौधे लगाए।")
    found = _found(docs, "माली ने पौधे लगाए। सूची में दस नाम गिने गए और पांच गिनी गईं।")
    assert "माली" not in found and "गिनी" not in found
    assert "माली" in reference_names("hi") and "गिनी" not in reference_names("hi")
    assert unambiguous(["माली", "दक्षिण अफ्रीका"], {"माली", "अफ्रीका"}) == ["दक्षिण अफ्रीका"]


def test_hindi_spellings_of_a_catalogue_name():
    assert spellings("hi", "थाईलैण्ड") == ["थाईलैण्ड", "थाईलैंड"]
    assert "स्विट्जरलैंड" in spellings("hi", "स्विट्ज़रलैंड")
    assert spellings("bg", "Швеция") == ["Швеция"]


def test_the_shipped_alias_table_names_the_spellings_articles_use():
    table = Canonicalizer.load(ALIASES)
    assert table.canonical("hi", "थाईलैंड") == "Thailand"
    assert table.canonical("hi", "न्यूजीलैंड") == "New Zealand"

"""Descriptions of office holders ("the French president", "руският президент", "रूसी राष्ट्रपति") join
the person of the article they stand for, where that is clear, and nobody otherwise.

Texts are written for these tests; the invented persons (Valdemar Kross, Ilse Marrow) hold offices only
through the article's own titles, the real ones through the table of office holders."""
from __future__ import annotations

import pytest

from narrascope.analyzers.entities.analyzer import DESCRIPTION, group_mentions
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.descriptions import find_descriptions, holder_offices, title_length
from narrascope.document import Span


def spans_of(text: str, *names: str) -> list[Span]:
    """A NAME span at every occurrence of each name."""
    out = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            out.append(Span(start, start + len(name), "NAME"))
            start = text.find(name, start + len(name))
    return out


def described(entities, text: str) -> dict[str, list[str]]:
    return {e.name: [text[m.start : m.end] for m in e.mentions if m.label == DESCRIPTION] for e in entities}


@pytest.mark.parametrize(("lang", "text", "found"), [
    ("en", "Then the French president spoke.", ("French president", "France", "president")),
    ("en", "Aides to the president of Ukraine left.", ("president of Ukraine", "Ukraine", "president")),
    ("en", "Critics of Russia's leader met.", ("Russia's leader", "Russia", "leader")),
    ("bg", "Вчера руският президент замина.", ("руският президент", "Russia", "president")),
    ("bg", "Говори генералният секретар на НАТО.", ("генералният секретар на НАТО", "NATO", "secretary general")),
    ("ru", "Встреча с венгерским премьером прошла.", ("венгерским премьером", "Hungary", "prime minister")),
    ("ru", "Слова главы Франции услышали.", ("главы Франции", "France", "leader")),
    ("pt", "Ontem o presidente russo falou.", ("presidente russo", "Russia", "president")),
    ("pt", "O líder da Ucrânia viajou.", ("líder da Ucrânia", "Ukraine", "leader")),
    ("hi", "कल रूसी राष्ट्रपति ने कहा।", ("रूसी राष्ट्रपति", "Russia", "president")),
    ("hi", "भारत के प्रधानमंत्री आए।", ("भारत के प्रधानमंत्री", "India", "prime minister")),
])
def test_descriptions_are_found_in_each_language(lang, text, found):
    [d] = find_descriptions(text, lang)
    assert (text[d.start : d.end], d.country, d.office) == found and not d.former


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The former Ukrainian president wrote."),
    ("bg", "Бившият американски президент говори."),
    ("ru", "Бывший президент США выступил."),
    ("pt", "O ex-presidente dos EUA falou."),
    ("hi", "पूर्व अमेरिकी राष्ट्रपति बोले।"),
])
def test_former_office_holders_are_marked(lang, text):
    [d] = find_descriptions(text, lang)
    assert d.former


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Russian leaders met."),  # a plural is no one person
    ("en", "No Russian leader would sign that."),  # anyone in the office
    ("en", "A clerk of the Office of the President of Ukraine spoke."),  # an institution's name
    ("ru", "Его сняли с поста президента Украины."),  # the post itself
    ("hi", "अमेरिकी राष्ट्रपति चुनाव नज़दीक है।"),  # the US presidential election
    ("hi", "कोई भारतीय पीएम वहां नहीं गया।"),  # no Indian PM
])
def test_offices_that_name_no_one_are_no_descriptions(lang, text):
    assert find_descriptions(text, lang) == []


def test_holders_match_their_names_in_any_script():
    assert holder_offices("Vladimir Putin") == holder_offices("Владимир Путин") == {("Russia", "president")}
    assert holder_offices("नरेंद्र मोदी") == {("India", "prime minister")}
    assert holder_offices("Столтенберг") == {("NATO", "secretary general")}  # a distinctive surname alone
    assert holder_offices("Johnson") == frozenset()  # Boris Johnson's surname alone names others too
    assert holder_offices("Valdemar Kross") == frozenset()


def test_a_description_joins_the_person_the_article_titles_with_that_office():
    text = ("French Prime Minister Valdemar Kross arrived on Monday. Ilse Marrow greeted him. "
            "Later the French prime minister thanked the hosts, and the French leader wrote.")
    entities = group_mentions(text, spans_of(text, "Valdemar Kross", "Ilse Marrow"), "en", Canonicalizer())
    # France's leading office is the presidency, which nobody named here holds.
    assert described(entities, text) == {"Valdemar Kross": ["French prime minister"], "Ilse Marrow": []}
    kross = entities[0]
    assert kross.type == "NAME" and kross.surface_forms == ["Valdemar Kross"]  # descriptions are no names
    # An office the table gives someone else is not taken from a title before another name.
    text = "Slovak Prime Minister Valdemar Kross arrived. Later the Slovak prime minister left."
    entities = group_mentions(text, spans_of(text, "Valdemar Kross"), "en", Canonicalizer())
    assert described(entities, text) == {"Valdemar Kross": []}


def test_the_holders_table_decides_only_when_one_holder_is_named():
    text = "Joe Biden met Valdemar Kross. Afterwards the US president flew home."
    entities = group_mentions(text, spans_of(text, "Joe Biden", "Valdemar Kross"), "en", Canonicalizer())
    assert described(entities, text)["Joe Biden"] == ["US president"]
    text = "Joe Biden met Donald Trump. Afterwards the US president flew home."
    entities = group_mentions(text, spans_of(text, "Joe Biden", "Donald Trump"), "en", Canonicalizer())
    assert all(not forms for forms in described(entities, text).values())  # two holders: not clear
    text = "President Joe Biden met Donald Trump. Afterwards the US president flew home."
    entities = group_mentions(text, spans_of(text, "Joe Biden", "Donald Trump"), "en", Canonicalizer())
    # The article's own title tells them apart ("President" alone, read through the table's office).
    assert described(entities, text) == {"Joe Biden": ["US president"], "Donald Trump": []}


def test_a_description_around_a_country_mention_is_the_whole_description():
    text = "Joe Biden spoke of the United States. Later the head of the United States left."
    entities = group_mentions(text, spans_of(text, "Joe Biden", "United States"), "en", Canonicalizer())
    assert described(entities, text)["Joe Biden"] == ["head of the United States"]  # not "head"
    assert len(next(e for e in entities if e.name != "Joe Biden").mentions) == 2  # the country keeps its mention


def test_a_found_name_that_opens_with_a_titles_country_loses_the_country():
    text = "Планът беше предложен от президента на Русия Валдемар Крос."
    entities = group_mentions(text, spans_of(text, "Русия Валдемар Крос"), "bg", Canonicalizer())
    assert [e.surface_forms for e in entities] == [["Валдемар Крос"]]
    # an organisation's "country" goes with its name unless a holder of its office follows
    text = "said Ivo Marr, head of the United Nations Development Program, on Monday."
    entities = group_mentions(text, spans_of(text, "Ivo Marr", "United Nations Development Program"), "en",
                              Canonicalizer())
    assert "United Nations Development Program" in {e.name for e in entities}


def test_a_former_holder_is_never_joined():
    text = "Joe Biden spoke. The former US president listened."
    entities = group_mentions(text, spans_of(text, "Joe Biden"), "en", Canonicalizer())
    assert described(entities, text) == {"Joe Biden": []}


def test_a_description_found_as_a_name_joins_the_person_it_titles():
    text = "रूसी राष्ट्रपति व्लादिमीर पुतिन ने बात की। बाद में रूसी राष्ट्रपति ने फिर कहा।"
    entities = group_mentions(text, spans_of(text, "रूसी राष्ट्रपति", "व्लादिमीर पुतिन"), "hi", Canonicalizer())
    assert [e.name for e in entities] == ["व्लादिमीर पुतिन"]
    assert described(entities, text)["व्लादिमीर पुतिन"] == ["रूसी राष्ट्रपति", "रूसी राष्ट्रपति"]


def test_a_title_that_belongs_to_the_word_before_it_gives_no_office():
    # "the spokesman of the Russian president, Dmitry Peskov": the office is Putin's, not Peskov's.
    text = "Пресс-секретарь президента России Дмитрий Песков ответил. Потом президент России выступил."
    entities = group_mentions(text, spans_of(text, "Дмитрий Песков"), "ru", Canonicalizer())
    assert described(entities, text) == {"Дмитрий Песков": []}


@pytest.mark.parametrize(("lang", "surface", "name"), [
    ("en", "President of Ukraine Valdemar Kross", "Valdemar Kross"),
    ("pt", "Presidente da Rússia Valdemar Kross", "Valdemar Kross"),
    ("bg", "Президент Валдемар Крос", "Валдемар Крос"),
    ("ru", "Премьер-министр Венгрии Валдемар Кросс", "Валдемар Кросс"),
    ("en", "President of Ukraine", ""),  # no name follows: the whole is kept
    ("hi", "राष्ट्रपति भवन", ""),  # the presidential palace: Hindi titles are left to the alias table
])
def test_office_titles_are_cut_from_found_names(lang, surface, name):
    cut = title_length(surface, lang)
    assert surface[cut:] == (name or surface)


def test_a_former_or_vice_title_gives_no_office():
    text = "Former President Donald Trump met Joe Biden. Afterwards the US president flew home."
    entities = group_mentions(text, spans_of(text, "Donald Trump", "Joe Biden"), "en", Canonicalizer())
    assert all(not forms for forms in described(entities, text).values())  # still two holders, none titled now


@pytest.mark.parametrize(("lang", "text", "found"), [
    ("en", "Later the Russian foreign minister spoke.", ("Russian foreign minister", "Russia", "foreign minister")),
    ("bg", "Руският външен министър отговори.", ("Руският външен министър", "Russia", "foreign minister")),
    ("ru", "Глава МИД Германии ответила.", ("Глава МИД Германии", "Germany", "foreign minister")),
    ("pt", "O chefe da diplomacia russa falou.", ("chefe da diplomacia russa", "Russia", "foreign minister")),
    ("hi", "अमेरिका के रक्षा मंत्री आए।", ("अमेरिका के रक्षा मंत्री", "United States", "defence minister")),
])
def test_foreign_and_defence_ministers_are_offices_too(lang, text, found):
    [d] = find_descriptions(text, lang)
    assert (text[d.start : d.end], d.country, d.office) == found


def test_two_countries_joined_by_and_are_two_office_holders():
    # Hindi does not mark the plural on the office: the foreign ministers of Britain and America.
    assert find_descriptions("ब्रिटेन और अमेरिका के विदेश मंत्री कीव पहुंचे।", "hi") == []
    # A person and an office holder joined by "and" are two persons, the second one described.
    assert len(find_descriptions("मोदी और रूसी राष्ट्रपति मिले।", "hi")) == 1


def test_a_ministry_capitalised_inside_a_portuguese_office_is_no_entity():
    text = "O ministro dos Negócios Estrangeiros russo, Sergei Lavrov, falou. O chefe de Estado russo calou-se."
    spans = spans_of(text, "Negócios Estrangeiros", "Sergei Lavrov", "Estado")
    names = [e.name for e in group_mentions(text, spans, "pt", Canonicalizer())]
    assert names == ["Sergei Lavrov"]


@pytest.mark.parametrize("lang", ["de", "fr", "it", "es", "pl", "uk", ""])
def test_an_article_in_a_language_without_patterns_keeps_its_entities(lang):
    """A language outside the five (German, French, ...) has no description patterns: the entity finder
    still runs (it had failed with KeyError on a name it asked `is_country` about, losing every entity)."""
    from narrascope.analyzers.entities.descriptions import is_country
    from narrascope.document import Analysis, Document
    from narrascope.pipeline import get_analyzer

    assert is_country("Ukraine", lang) is False
    text = ("Die NATO und Polen warnen Moskau\n\nBeobachter in Warschau und Paris sagten, Wladimir Putin "
            "habe die Lage verschärft.\n")
    analysis = Analysis(Document(text=text, id="x"))
    analysis.language = lang
    found = get_analyzer("entities").process_batch([analysis])[0].entities
    assert any(e.name in ("NATO", "Wladimir Putin") for e in found)

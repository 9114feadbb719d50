"""Names known beforehand (countries from the ISO catalogues, frequent places and agencies) join the
alias table, so that an entity of a Bulgarian, Hindi, Portuguese or Russian article carries the name
English articles give it. Invented mentions; the shipped table is read as the package ships it."""
from __future__ import annotations

from collections import defaultdict

import pytest

from narrascope.analyzers.entities.aliases import learn_aliases
from narrascope.analyzers.entities.analyzer import ALIASES, EntityAnalyzer
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.known_names import KNOWN_NAMES, known_names
from narrascope.analyzers.entities.translit import without_nukta
from narrascope.document import Analysis, Document

MENTIONS = [("EN", "a1", "Valdemar Kross"), ("EN", "a1", "Kross"), ("BG", "b1", "Русия"), ("BG", "b2", "Русия")]


def test_known_names_fill_the_table_where_nothing_was_learned():
    known = [("bg", "Франция", "France"), ("ru", "Франция", "France"), ("hi", "स्विट्ज़रलैंड", "Switzerland"),
             ("bg", "Русия", "Ruritania"), ("en", "Russian Federation", "Russia")]
    c = learn_aliases(MENTIONS, embed=None, known=known)
    assert c.canonical("bg", "Франция") == "France"
    assert c.canonical("ru", "Франции") == "France"  # the key is the dictionary form
    assert c.canonical("hi", "स्विट्ज़रलैंड") == c.canonical("hi", "स्विट्जरलैंड") == "Switzerland"  # nukta or not
    assert c.canonical("bg", "Русия") == "Russia"  # the reviewed entry wins over a known name
    assert c.canonical("en", "Russian Federation") == "Russia"
    assert c.canonical("en", "Kross") == "Valdemar Kross"  # learning is unchanged
    assert learn_aliases(MENTIONS, embed=None).canonical("bg", "Франция") == "Франция"


def test_known_names_name_the_english_entity_as_the_english_table_does():
    c = learn_aliases(MENTIONS + [("EN", "a2", "Valdemar Kross")], embed=None,
                      known=[("pt", "Krossândia", "Kross")])
    assert c.canonical("pt", "Krossândia") == "Valdemar Kross"


def test_a_name_learned_in_its_own_script_gives_way_to_the_english_one():
    # Annotators' Hindi mentions alone teach the Hindi spelling as the canonical name; a known English name
    # replaces it, and the surname that stood for the Hindi spelling follows.
    mentions = [("HI", "h1", "वाल्देमार क्रोस"), ("HI", "h1", "क्रोस"), ("HI", "h2", "क्रोस"), ("HI", "h2", "वाल्देमार क्रोस")]
    assert learn_aliases(mentions, embed=None).canonical("hi", "क्रोस") == "वाल्देमार क्रोस"
    c = learn_aliases(mentions, embed=None, known=[("hi", "वाल्देमार क्रोस", "Valdemar Kross")])
    assert c.canonical("hi", "वाल्देमार क्रोस") == c.canonical("hi", "क्रोस") == "Valdemar Kross"


def test_a_learned_english_spelling_wins_over_the_lists():
    c = learn_aliases(MENTIONS, embed=None, known=[("bg", "Валдемар Крос", "Waldemar Cross")])
    assert c.canonical("bg", "Валдемар Крос") == "Valdemar Kross"  # the same skeleton: the learned spelling
    # One-word names alike in skeleton are often two places: Niger is not Nigeria.
    learned = [("EN", "n1", "Niger"), ("EN", "n2", "Niger"), ("PT", "p1", "Níger"), ("PT", "p2", "Níger")]
    c = learn_aliases(learned, embed=None, known=[("pt", "Nigéria", "Nigeria")])
    assert c.canonical("pt", "Níger") == "Niger" and c.canonical("pt", "Nigéria") == "Nigeria"


def test_office_holders_enter_the_table_in_the_languages_of_their_scripts():
    from narrascope.analyzers.entities.offices import holder_names

    names = set(holder_names())
    assert {("bg", "Столтенберг", "Jens Stoltenberg"), ("ru", "Столтенберг", "Jens Stoltenberg"),
            ("hi", "शोल्ज़", "Olaf Scholz"), ("pt", "Olaf Scholz", "Olaf Scholz")} <= names
    assert not [n for n in names if n[1] == "Johnson"]  # a surname that names others too stays out


def test_no_known_name_stands_for_two_things():
    c = Canonicalizer()
    meaning: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lang, name, english in known_names():
        assert name.strip() == name and english in KNOWN_NAMES
        meaning[(lang, c.key(lang, name))].add(english)
    assert not {k: v for k, v in meaning.items() if len(v) > 1}


def test_country_catalogues_give_short_names_in_each_language():
    pytest.importorskip("pycountry", reason="the country catalogues come with the [train] extra")
    from narrascope.analyzers.entities.countries import country_names

    names = set(country_names())
    for row in [("bg", "Франция", "France"), ("ru", "Германия", "Germany"), ("pt", "Alemanha", "Germany"),
                ("hi", "जर्मनी", "Germany"), ("ru", "Турция", "Turkey"), ("en", "Russian Federation", "Russia")]:
        assert row in names
    assert not [n for n in names if "," in n[1]]  # "Молдова, Република" is no name an article writes
    assert not [n for n in names if n[:2] == ("pt", "Granada")]  # a grenade, and a Spanish city


def test_the_shipped_table_names_countries_and_places_as_english_articles_do():
    c = Canonicalizer.load(ALIASES)
    assert c.canonical("bg", "Франция") == c.canonical("pt", "França") == c.canonical("hi", "फ्रांस") == "France"
    assert c.canonical("hi", "मॉस्को") == c.canonical("hi", "मास्को") == c.canonical("ru", "Москвы") == "Moscow"
    assert c.canonical("bg", "Брюксел") == c.canonical("pt", "Bruxelas") == "Brussels"
    assert (c.canonical("en", "the North Atlantic Alliance") == c.canonical("hi", "उत्तरी अटलांटिक संधि संगठन")
            == c.canonical("ru", "Организации Североатлантического договора") == "NATO")
    assert without_nukta("स्विट्ज़रलैंड") == "स्विट्जरलैंड"
    # the long official forms, beside the short ones
    assert (c.canonical("bg", "Съединените американски щати") == c.canonical("ru", "Соединённых Штатов Америки")
            == c.canonical("pt", "Estados Unidos da América") == c.canonical("hi", "संयुक्त राज्य अमेरिका")
            == "United States")
    assert c.canonical("bg", "Организацията на обединените нации") == "United Nations"
    # each spelling of a name is one entity, its surname alone too; bodies named with their country in every language
    assert c.canonical("en", "Zelenskyy") == c.canonical("pt", "Volodimir Zelenski") == "Volodymyr Zelensky"
    assert c.canonical("pt", "Serguei Lavrov") == "Sergei Lavrov" and c.canonical("pt", "Zaporijia") == "Zaporizhzhia"
    assert (c.canonical("ru", "Минобороны России") == c.canonical("ru", "Министерства обороны РФ")
            == c.canonical("pt", "Ministério da Defesa russo") == "Russian Defense Ministry")
    assert c.canonical("bg", "Франс прес") == c.canonical("pt", "France-Presse") == "AFP"
    # a head of government's surname alone names them where no one else of the name is in the news
    assert c.canonical("hi", "Modi") == c.canonical("en", "Modi") == c.canonical("hi", "मोदी") == "Narendra Modi"


def test_an_article_entity_takes_the_english_name():
    text = "Франция и Италия обсъдиха помощта. Срещата беше в Брюксел, а Франция ще домакинства следващата."
    a = Analysis(document=Document(text=text, id="bg1", lang="bg"), language="bg")
    EntityAnalyzer.load_default().process_batch([a])
    names = {e.name: e for e in a.entities}
    assert {"France", "Italy", "Brussels"} <= set(names)
    assert len(names["France"].mentions) == 2 and names["France"].surface_forms == ["Франция"]


def test_a_found_full_name_in_another_script_joins_the_english_person_it_reads_as():
    from narrascope.analyzers.entities.found_names import join_persons

    found = [("en", "e1", "Valdemar Kross"), ("en", "e2", "Valdemar Kross"), ("en", "e3", "Rishi Sunak"),
             ("en", "e4", "Rishi Sunak"), ("en", "e5", "Ottilie Brandt"),  # in one English article only
             ("bg", "b1", "Валдемар Крос"), ("ru", "r1", "Оттилие Брандт"),
             ("hi", "h1", "रूसी सैनिक"),  # Russian soldiers: reads like Rishi Sunak, but opens with a people word
             ("bg", "b2", "Русия Валдемар Крос")]
    c = join_persons(Canonicalizer({"bg": {"русия": "Russia"}}), found, {}, {("hi", "रूसी")})
    assert c.canonical("bg", "Валдемар Крос") == "Valdemar Kross"
    assert c.canonical("ru", "Оттилие Брандт") != "Ottilie Brandt"
    assert c.canonical("hi", "रूसी सैनिक") != "Rishi Sunak"
    assert c.canonical("bg", "Русия Валдемар Крос") != "Valdemar Kross"
    # A name the table already has keeps its entry; common words of the language are no name.
    c = join_persons(Canonicalizer({"bg": {"валдемар крос": "Someone Else"}}), found, {})
    assert c.canonical("bg", "Валдемар Крос") == "Someone Else"
    assert join_persons(Canonicalizer(), found, {"bg": frozenset({"крос"})}).canonical("bg", "Валдемар Крос") != \
        "Valdemar Kross"


def test_an_english_spelling_of_a_person_the_table_names_takes_that_name():
    from narrascope.analyzers.entities.found_names import join_persons

    found = [("en", "e1", "Valdimar Kross"), ("en", "e2", "Ottilie Brandt"), ("en", "e3", "World War III"),
             ("en", "e4", "European Parliamentary")]
    table = Canonicalizer({"bg": {"крос": "Valdemar Kross", "втора": "World War II", "еп": "European Parliament"}})
    c = join_persons(table, found, {})
    assert c.canonical("en", "Valdimar Kross") == "Valdemar Kross"  # one article is enough: the table names him
    assert c.canonical("en", "Ottilie Brandt") == "Ottilie Brandt"
    assert c.canonical("en", "World War III") == "World War III"  # a skeleton folds III and II alike
    assert c.canonical("en", "European Parliamentary") == "European Parliamentary"


def test_one_casing_names_a_name_written_in_several_casings_one_way_and_joins_nothing(tmp_path):
    import json

    from narrascope.analyzers.entities.found_names import one_casing

    found = [("en", "a1", "NATO"), ("en", "a2", "NATO"), ("en", "a3", "Nato"), ("en", "a4", "Valdor"),
             ("en", "a5", "VALDOR"), ("en", "a6", "Valdor Bay"), ("en", "a7", "VALDOR BAY"), ("en", "a8", "VALDOR BAY")]
    c = one_casing(Canonicalizer(), found)
    assert c.canonical("en", "Nato") == c.canonical("en", "NATO") == "NATO"  # most articles, an acronym
    assert c.canonical("en", "VALDOR BAY") == "Valdor Bay"  # capitals for emphasis give way
    assert c.alias("en", "Nato") is None  # a spelling, not an alias: the table joins nothing new
    (tmp_path / "aliases.json").write_text(json.dumps(c.to_json()), encoding="utf-8")
    assert Canonicalizer.load(tmp_path / "aliases.json").canonical("en", "Nato") == "NATO"  # saved with the table


def test_the_shipped_table_writes_each_name_one_way():
    c = Canonicalizer.load(ALIASES)
    assert c.canonical("en", "Nato") == "NATO" and c.canonical("en", "Tass") == "TASS"
    a = Analysis(document=Document(text="The summit of Nato ended on Monday. Nato leaders met.", id="e1", lang="en"),
                 language="en")
    EntityAnalyzer.load_default().process_batch([a])
    assert [e.name for e in a.entities] == ["NATO"] and a.entities[0].surface_forms == ["Nato"]

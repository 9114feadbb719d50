"""Clean mentions and one name per entity: site furniture, the NER's junk rules, lemmatised keys,
the alias table, canonical names with surface forms, and the precision-judging helpers.

All texts are invented for these tests."""
from __future__ import annotations

import re

import pytest

from narrascope.analyzers.entities.aliases import learn_aliases
from narrascope.analyzers.entities.analyzer import EntityAnalyzer, article_names, group_mentions
from narrascope.analyzers.entities.canonical import Canonicalizer, bulgarian_base
from narrascope.analyzers.entities.precision import (
    Judgement,
    precision_table,
    read_judgements,
    sample_mentions,
    wilson,
    write_judgements,
)
from narrascope.analyzers.entities.translit import skeleton
from narrascope.document import Analysis, Document, Entity, Span
from narrascope.nlp.datelines import dateline_ranges
from narrascope.nlp.furniture import BodyFilter, furniture
from narrascope.nlp.ner import LexiconNER, clean_span, finder_for
from narrascope.nlp.text import sentences

# ---- furniture ---------------------------------------------------------------------------------
ARTICLE = (
    "Valdria moves troops to the border\n\n"
    "By contrast, the Council of Norvale said nothing on Monday.\n\n"
    "Officials in Brenmark expect talks next week.\n"
    "Source: https://example.org/story/123\n"
    "Read more: Brenmark and Valdria trade accusations\n"
    "  1. quietfox Offline quietfox\n"
    "    quietfox 12 March 2024 10: 15\n"
    "    Brenmark will lose, mark my words.\n"
    "Tomas Ekdal, NorthWire"
)


def test_furniture_finds_comments_sources_and_bylines_not_body_sentences():
    kinds = {ARTICLE[s:e].split("\n")[0].strip(): k for s, e, k in furniture(ARTICLE)}
    assert kinds["Source: https://example.org/story/123"] == "furniture"
    assert kinds["Read more: Brenmark and Valdria trade accusations"] == "furniture"
    assert kinds["1. quietfox Offline quietfox"] == "comments"  # and everything after it
    body = BodyFilter(ARTICLE)
    assert body.in_body(ARTICLE.index("Council"), ARTICLE.index("Council") + 7)  # "By contrast, ..." is body
    assert not body.in_body(ARTICLE.index("mark my"), ARTICLE.index("mark my") + 7)
    assert not body.in_body(ARTICLE.index("NorthWire"), ARTICLE.index("NorthWire") + 9)  # inside the comments
    signed = "Valdria moves troops.\n\nThe talks failed again.\n\nTomas Ekdal, NorthWire"
    assert [k for _, _, k in furniture(signed)] == ["byline"]
    # Bulgarian and Russian papers sign with the surname in capitals; a speaker's heading ends with a colon
    capitals = "Валдор изпрати войски.\nИво МАРЕВ, Анна ПЕТРОВА.\nИво МАРЕВ:\nПреговорите се провалиха."
    assert [capitals[s:e] for s, e, k in furniture(capitals)] == ["Иво МАРЕВ, Анна ПЕТРОВА."]
    boxed = ("Valdria moves troops\n\nYou can unsubscribe any time. By subscribing you agree to our Terms of Use\n"
             "Most read in The Daily Norvale\nइस खबर को सुनें\nMost read stories are the angriest ones, critics say.")
    assert [boxed[s:e] for s, e, _ in furniture(boxed)] == [
        "You can unsubscribe any time. By subscribing you agree to our Terms of Use",
        "Most read in The Daily Norvale", "इस खबर को सुनें"]  # the last line is a sentence of the body
    plug = ("Read all the Latest News , Trending News , Valdria News , Sports News , Weather News , Travel News and "
            "Business News here. Follow us on Facebook , Twitter and Instagram .")
    assert len(plug) > 160 and [k for _, _, k in furniture("Valdria moves troops.\n" + plug)] == ["furniture"]


def test_site_lines_around_a_hindi_article_are_furniture():
    page = ("वाल्ड्रिया ने सेना भेजी।\nTrending Photos\nPublished - August 24, 2024 10:21 am IST\n"
            "Photo courtesy: NorthWire\nSource link\nवार्ता फिर विफल रही।\nPost new comment\nएक पाठक की राय")
    assert [(page[s:e], k) for s, e, k in furniture(page)] == [
        ("Trending Photos", "furniture"), ("Published - August 24, 2024 10:21 am IST", "furniture"),
        ("Photo courtesy: NorthWire", "furniture"), ("Source link", "furniture"),
        ("Post new comment\nएक पाठक की राय", "comments")]
    credited = "वाल्ड्रिया ने सेना भेजी।\nनॉर्थवायर के लिए वाल्ड्रिया डेस्क की ओर से प्रकाशित\nवार्ता फिर विफल रही।"
    assert [(credited[s:e], k) for s, e, k in furniture(credited)] == [
        ("नॉर्थवायर के लिए वाल्ड्रिया डेस्क की ओर से प्रकाशित", "byline")]  # "published by ... for ..."


def test_an_excerpt_note_and_a_source_in_brackets_are_furniture_a_related_aside_is_the_articles():
    page = ("Valdria moves troops to the border.\n(Excerpt) Read more at example.org ...\n"
            "(Source: Valdria embassy account)\n(Related: Last year Brenmark seized three farms in Valdria.)")
    assert [page[s:e] for s, e, _ in furniture(page)] == [
        "(Excerpt) Read more at example.org ...", "(Source: Valdria embassy account)"]  # annotators cast in asides


def test_a_link_to_another_story_inside_a_paragraph_is_furniture_an_aside_in_sentence_case_is_not():
    page = ("Valdria moves troops to the border. (RELATED: Did The Mayor Of Norvale Sell The Port To Brenmark?)\n"
            "Talks go on. (Related: Last year Brenmark seized three farms in Valdria.)\nAlso Read: Norvale votes\n"
            "Read: Brenmark Closes Its Embassy")
    found = [page[s:e] for s, e, _ in furniture(page)]
    assert found == ["(RELATED: Did The Mayor Of Norvale Sell The Port To Brenmark?)", "Also Read: Norvale votes",
                     "Read: Brenmark Closes Its Embassy"]
    body = BodyFilter(page)
    assert body.in_body(0, 10) and not body.may_name(page.index("Mayor"), page.index("Mayor") + 5)
    assert body.may_name(page.index("Brenmark seized"), page.index("Brenmark seized") + 8)


def test_a_bare_link_or_a_plug_for_one_is_furniture_an_embedded_post_is_not():
    linked = ("Valdria moves troops\n\nNEWS LIVES on at https://example.org/\n"
              "https://example.org/watch?v=123\n"
              "Talks have failed. The border stays closed. https://t.example/abc\n"
              "See the map at https://example.org/map and judge for yourself.\n"
              "\u2014 Jane Roe (@janeroe) July 9, 2024\n#Valdria #Brenmark\n#WATCH | The border at dawn")
    assert [linked[s:e] for s, e, _ in furniture(linked)] == [
        "NEWS LIVES on at https://example.org/", "https://example.org/watch?v=123",
        "\u2014 Jane Roe (@janeroe) July 9, 2024", "#Valdria #Brenmark"]


def test_a_link_line_is_read_from_its_end():
    lines = ["   \t https://example.org/x   ", "More at www.example.org", "Read it here:https://example.org/x",
             "https://", "Seven words here point to the link https://example.org/x", "   " * 50 + "Then a sentence ends here."]
    text = "Valdria moves troops\n\n" + "\n".join(lines)
    assert [text[s:e] for s, e, _ in furniture(text)] == [lines[0], lines[1]]


def test_letters_of_a_link_or_a_handle_are_no_name():
    text = "The talks of Brenmark and Valdria went on in Norvale. Watch more on https://t.example/AXC5qRugeb or @NorvaleNews."
    a = Analysis(document=Document(text=text, lang="en"), language="en")
    EntityAnalyzer(model_ner=False).process_batch([a])
    names = {e.name for e in a.entities}
    assert {"Brenmark", "Valdria", "Norvale"} <= names
    assert not names & {"AXC5qRugeb", "NorvaleNews"}


def test_the_place_and_agency_of_a_dateline_are_no_names_the_same_words_in_a_sentence_are():
    text = ("NORVALE, May 25 (Brenwire) -- Valdria rejected the plan, a minister said on Friday. "
            "The minister met envoys of Norvale and Brenwire later.")
    a = Analysis(document=Document(text=text, lang="en"), language="en")
    EntityAnalyzer(model_ner=False).process_batch([a])
    starts = {m.start for e in a.entities for m in e.mentions}
    assert "Valdria" in {e.name for e in a.entities}
    assert not starts & {0, text.index("Brenwire")}  # the dateline's place and agency
    assert {text.rindex("Norvale"), text.rindex("Brenwire")} <= starts  # named in a sentence, they count


@pytest.mark.parametrize("text, dateline", [
    ("KESTRA BAY – The council voted on Monday to close the port.", "KESTRA BAY – "),
    ("Norvale (Brenwire) - The council voted on Monday to close the port.", "Norvale (Brenwire) - "),
    ("НОРВАЛЕ, 3 июля. /ТАСС/. Совет закрыл порт в понедельник.", "НОРВАЛЕ, 3 июля. /ТАСС/. "),
    ("रॉयटर्स, नॉरवेल। परिषद ने सोमवार को बंदरगाह बंद कर दिया।", "रॉयटर्स, नॉरवेल।"),
    # Hindi: the place and a colon open the first paragraph; further down, "X:" is someone's words
    ("नॉरवेल बंदरगाह बंद\n\nनॉरवेल: परिषद ने सोमवार को बंदरगाह बंद कर दिया।", "नॉरवेल:"),
    ("शीर्षक\n\nपहला अनुच्छेद यहां है।\n\nदूसरा अनुच्छेद।\n\nमार्टेन: परिषद ने सोमवार को बंदरगाह बंद कर दिया।", None),
    # the agency after the dash, cut off with the place and date as a sentence of its own
    ("НОРВАЛЕ, 3 июл - РИА Норвале. Совет закрыл порт в понедельник.", "НОРВАЛЕ, 3 июл - РИА Норвале."),
    ("Norvale, March 3 - the council voted on Monday to close the port.", "Norvale, March 3 - "),
    ("KESTRA BAY—The council voted on Monday to close the port.", "KESTRA BAY—"),  # an em dash touching the text
    # a colon, a subject before a dash, an acronym or a month-like name are no dateline
    ("Diplomat Marten: the council voted on Monday to close the port.", None),
    ("США готовят новый план – данные агентства.", None),
    ("NATO – the council voted on Monday to close the port.", None),
])
def test_dateline_ranges(text, dateline):
    found = " ".join(text[a:b].strip() for a, b in dateline_ranges(text))
    assert found == (dateline or "").strip()


def test_capitalised_words_the_article_also_writes_in_lower_case_are_no_name():
    text = ("The talks of Brenmark on Climate Change failed. In Valdria, climate change is a hoax, "
            "says a post on https://example.org/brenmark-news.")
    a = Analysis(document=Document(text=text, lang="en"), language="en")
    EntityAnalyzer(model_ner=False).process_batch([a])
    names = {e.name for e in a.entities}
    assert {"Brenmark", "Valdria"} <= names  # "brenmark" inside a link does not count
    assert "Climate Change" not in names


def test_a_place_run_into_the_name_after_it_is_cut_off():
    c = Canonicalizer({"bg": {"дания": "Denmark", "кремъл": "Kremlin"}})
    text = ("Заяви посланикът на Русия в Дания Иван Петров. Говорителят на Кремъл Борис Орлов мълчи. "
            "Учи в Москва Държавен Университет.")
    names = ["Дания Иван Петров", "Кремъл Борис Орлов", "Москва Държавен Университет"]
    spans = [Span(text.index(n), text.index(n) + len(n), "NAME") for n in names]
    lex = LexiconNER.fit("bg", [], common=["държавен"])
    kept = [text[s.start : s.end] for s in article_names(text, spans, "bg", BodyFilter(text), lex, c)]
    assert kept == ["Дания", "Иван Петров", "Кремъл", "Борис Орлов", "Москва Държавен Университет"]


def test_a_name_that_changes_script_is_one_name_per_script():
    text = ("Анализаторът на Valdor Review Иван Петров пише. Фондът Norvale Trust Fund Мария Орлова дари. "
            "Крал Карл XII умря. Агенцията ISW (Институт за войната) съобщи. Компанията K&L Brenn LLP мълчи.")
    names = ["Valdor Review Иван Петров", "Norvale Trust Fund Мария Орлова", "Карл XII",
             "ISW (Институт за войната)", "L Brenn LLP"]
    spans = [Span(text.index(n), text.index(n) + len(n), "NAME") for n in names]
    kept = [text[s.start : s.end] for s in article_names(text, spans, "bg", BodyFilter(text), None, Canonicalizer())]
    assert kept == ["Valdor Review", "Иван Петров", "Norvale Trust Fund", "Мария Орлова", "Карл XII",
                    "ISW (Институт за войната)", "L Brenn LLP"]


def test_a_name_is_as_the_article_writes_it_outside_an_editors_bracket_and_with_its_quote_closed():
    text = ("The decision of [the Valdorian president, Ivo] Marev was final. Бойцы группировки «Север» наступают. "
            "[Ivo Marev] left. We met [Ivo] Marev.")
    names = ["Ivo] Marev", "группировки «Север", "[Ivo Marev]", "Ivo] Marev."]
    spans = [Span(text.index(n), text.index(n) + len(n) - n.endswith("."), "NAME") for n in names]
    kept = [text[s.start : s.end] for s in article_names(text, spans, "ru", BodyFilter(text), None, Canonicalizer())]
    assert kept == ["Marev", "группировки «Север»", "[Ivo Marev]", "[Ivo] Marev"]


def test_two_names_the_alias_table_knows_apart_are_two_mentions():
    c = Canonicalizer({"bg": {"зеленски": "Volodymyr Zelensky", "путин": "Vladimir Putin",
                              "владимир путин": "Vladimir Putin"}})
    text = "Според Зеленски Путин е потвърдил плана. Владимир Путин мълчи."
    spans = [Span(text.index(n), text.index(n) + len(n), "NAME") for n in ("Зеленски Путин", "Владимир Путин")]
    kept = [text[s.start : s.end] for s in article_names(text, spans, "bg", BodyFilter(text), None, c)]
    assert kept == ["Зеленски", "Путин", "Владимир Путин"]


def test_russian_gerunds_adverbs_and_comparatives_are_no_name_a_surname_read_as_one_is():
    text = "Улетая из Анкары, Песков молчал. Севернее Курска тихо. Депутат Василий Боля заявил, что Боля прав."
    words = ["Улетая", "Анкары", "Песков", "Севернее", "Курска", "Василий Боля"]
    spans = [Span(text.index(w), text.index(w) + len(w), "LOC") for w in words]
    spans.append(Span(text.rindex("Боля"), text.rindex("Боля") + 4, "PER"))
    kept = [text[s.start : s.end] for s in article_names(text, spans, "ru", BodyFilter(text), None, Canonicalizer())]
    assert kept == ["Анкары", "Песков", "Курска", "Василий Боля", "Боля"]  # "Боля" reads as a gerund of "болеть"


def test_an_adjectival_russian_surname_alone_in_any_case_is_the_person():
    c = Canonicalizer()
    # an invented surname the dictionary does not know: its cases are keyed as the nominative
    assert {c.key("ru", w) for w in ("Медский", "Медского", "Медскому", "Медским")} == {"медский"}
    assert c.key("ru", "Омском") == "омск"  # a town's instrumental, not an adjective
    assert c.key("ru", "Российского государства") == "российское государство"


def test_a_russian_place_named_by_an_adjective_keeps_its_gender_and_a_village_in_ka_is_a_noun():
    c = Canonicalizer()  # invented names
    assert c.canonical("ru", "Красноборская") == "Красноборская"  # a region or a street, not "Красноборский"
    assert c.canonical("ru", "Мясовкой") == "Мясовка"  # not the adjective "Мясовкий" the dictionary guesses
    assert c.key("ru", "Мясовкой") == c.key("ru", "Мясовка")


def test_a_russian_adjective_read_as_a_surname_agrees_with_the_noun_after_it():
    c = Canonicalizer()  # invented names the dictionary reads as surnames ("Кругловский")
    assert c.canonical("ru", "Кругловском направлении") == "Кругловское направление"
    assert c.canonical("ru", "Сосновецкой Африки") == "Сосновецкая Африка"
    assert c.canonical("ru", "Бережанского водохранилища") == "Бережанское водохранилище"
    assert c.key("ru", "Кругловском направлении") == c.key("ru", "Кругловское направление")


ADJECTIVE_CASES = [
    pytest.param(  # a Russian adjective takes its noun; an enumeration's head is no name; a place named by one stays
        "ru", "LOC",
        "Российские правоохранители задержали двоих. Обстрелы Брянской, Курской и Орловской областей. Бои у "
        "Урожайного, но Новопокровское в ДНР держится. Движение «Русский союз» против. Российский политолог Иван "
        "Петров согласен.",
        ["Российские", "Брянской", "Курской", "Орловской областей", "Урожайного", "Новопокровское", "Русский",
         "Российский"],
        ["Российские правоохранители", "Орловской областей", "Урожайного", "Новопокровское", "Русский"],
        id="ru"),
    pytest.param(  # the dictionary tags "украинское" as an adjective of a place: it had stood alone (and joined a
        # person whose surname it resembles); an enumeration with "или" shares its noun as one with "и" does; a
        # quotation mark that opens someone's words opens no name, and a date is none
        "ru", "LOC",
        "Украинское руководство отказалось от встречи. Обстрелы в Брянской или Орловской областях продолжаются. "
        "Французские военные прибыли. \"Украинские моряки давно знают, что шторм близко\", сказал он. "
        "Двадцатого мая министр прибыл.",
        ["Украинское", "Брянской", "Орловской областях", "Французские", "Украинские", "Двадцатого"],
        ["Украинское руководство", "Орловской областях", "Французские военные", "Украинские моряки"],
        id="ru-places-quotes-dates"),
    pytest.param(  # a Bulgarian adjective takes its noun; a country and a noun do not
        "bg", "ORG",
        "Международния наказателен съд издаде заповед. Подкрепата за Зелената сделка спада. Червения кръст помага. "
        "Калифорния губи вода. Комисията смята, че е рано. Върховния главнокомандващ Иван Петров пристигна.",
        ["Международния", "Зелената", "Червения", "Калифорния", "Комисията", "Върховния"],
        ["Международния наказателен съд", "Зелената сделка", "Червения кръст", "Калифорния", "Комисията"],
        id="bg"),
]


@pytest.mark.parametrize("lang, label, text, words, kept", ADJECTIVE_CASES)
def test_a_capitalised_adjective_takes_its_noun_where_it_opens_a_name(lang, label, text, words, kept):
    spans = [Span(text.index(w), text.index(w) + len(w), label) for w in words]
    found = article_names(text, spans, lang, BodyFilter(text), None, Canonicalizer())
    assert [text[s.start : s.end] for s in found] == kept


def test_a_bulgarian_adjective_of_a_short_stem_takes_its_noun_and_the_place_is_known():
    text = "Вчера Белият дом мълчеше. Корабът плава в Тихия океан. Говорител на Белия дом няма отговор."
    words = ["Белият ", "Тихия", "Белия "]
    spans = [Span(text.index(w), text.index(w) + len(w.strip()), "LOC") for w in words]
    kept = [text[s.start : s.end] for s in article_names(text, spans, "bg", BodyFilter(text), None, Canonicalizer())]
    assert kept == ["Белият дом", "Тихия океан", "Белия дом"]
    a = Analysis(document=Document(text=text, lang="bg"), language="bg")
    EntityAnalyzer.load_default().process_batch([a])  # the shipped alias table: both forms are the White House
    assert "White House" in {e.name for e in a.entities}
    assert [len(e.mentions) for e in a.entities if e.name == "White House"] == [2]


def test_entities_analyzer_skips_names_outside_the_body():
    a = Analysis(document=Document(text=ARTICLE, lang="en"), language="en")
    EntityAnalyzer(model_ner=False).process_batch([a])
    names = {e.name for e in a.entities}
    assert "Brenmark" in names and "Council of Norvale" in names
    assert not names & {"quietfox", "NorthWire", "Tomas Ekdal"}


# ---- NER junk rules ------------------------------------------------------------------------------
def _found(lex: LexiconNER, text: str) -> list[str]:
    return [text[s.start : s.end] for s in lex.find([text])[0]]


def test_a_line_in_capitals_names_only_what_the_article_names_elsewhere_and_short_acronyms():
    lex = LexiconNER("en", common=["the"])
    text = ("VALDOR FAMILY STINKS TO HIGH HEAVENS, SAYS CIA MEMO ON COP28 FUNDING\n\n"
            "The mayor of Valdor denied it on Monday.")
    found = _found(lex, text)
    assert "VALDOR" in found and "CIA" in found and "COP28" in found
    assert not {"STINKS", "HEAVENS", "FUNDING", "MEMO"} & set(" ".join(found).split())
    # a short headline in capitals still names its target
    assert "ГЛАВЧЕВ" in _found(LexiconNER("bg", common=[]), "ГЛАВЧЕВ, МАГАРЕ ГЛАМАВО!\n\nПремиерът мълчи.")


@pytest.mark.parametrize("lang, text", [
    ("en", "The council chief Ilse von der Marr visited Valdor. Later von der Marr said the aid would go on."),
    ("pt", "A presidente, Ilse von der Marr, visitou Valdor. Depois, von der Marr disse que a ajuda continua."),
])
def test_a_surname_with_its_particles_is_one_person_with_the_full_name(lang, text):
    a = Analysis(document=Document(text=text, lang=lang), language=lang)
    EntityAnalyzer.load_default().process_batch([a])
    people = [e for e in a.entities if "Marr" in e.name]
    assert [(e.name, len(e.mentions)) for e in people] == [("Ilse von der Marr", 2)]


def test_a_bulgarian_country_before_na_and_another_name_is_two_entities():
    text = "Съюзниците на Украйна на Запад обещаха помощ. Председателят на Съвета на ЕС мълчи."
    a = Analysis(document=Document(text=text, lang="bg"), language="bg")
    EntityAnalyzer.load_default().process_batch([a])
    names = {e.name for e in a.entities}
    assert {"Ukraine", "the West"} <= names and "Украйна на Запад" not in names


@pytest.mark.parametrize("lang, text, person, place", [
    ("bg", "Директорът на разузнаването на Руската Федерация Иван Дамянов каза, че войната продължава.",
     "Иван Дамянов", "Russia"),
    ("en", "The spy chief of the Russian Federation Ivo Marr said the war goes on.", "Ivo Marr", "Russia"),
    ("en", "The ambassador in Washington Ivo Marr said the war goes on.", "Ivo Marr", "Washington"),
])
def test_a_country_of_two_words_run_into_a_persons_name_is_two_entities(lang, text, person, place):
    a = Analysis(document=Document(text=text, lang=lang), language=lang)
    EntityAnalyzer.load_default().process_batch([a])
    names = {e.name for e in a.entities}
    assert {person, place} <= names and not any(person in n and n != person for n in names)


def test_the_portfolio_of_a_portuguese_office_in_lower_case_is_no_name():
    text = ("O secretário de Estado Ivo Valdez disse que o ministro do Ambiente e o ministro da Defesa dos EUA, "
            "Lúcio Marr, e o antigo secretário de Estado de Trump falaram no Departamento de Estado. "
            "O chefe da Defesa Civil também.")
    a = Analysis(document=Document(text=text, lang="pt"), language="pt")
    EntityAnalyzer.load_default().process_batch([a])
    names = {e.name for e in a.entities}
    assert {"Ivo Valdez", "Lúcio Marr", "United States", "Donald Trump"} <= names
    assert not {"Ambiente", "Defesa dos EUA", "Estado de Trump", "Estado Ivo Valdez"} & names
    # an office written in capitals is an organisation's name, and so is a portfolio with a word of its own
    assert {"Departamento de Estado", "Defesa Civil"} <= names


def test_german_nouns_are_no_names_but_the_names_the_table_knows_are():
    text = ("Macron will Truppen schicken\n\nDer französische Präsident Emmanuel Macron hat am Montag erklärt, dass "
            "die Entsendung von Bodentruppen nicht ausgeschlossen sei. Bundeskanzler Olaf Scholz widersprach: "
            "Deutschland werde keine Soldaten in die Ukraine schicken. Wenn Macron recht hat, wird die NATO "
            "handeln müssen. Die Äußerung sorgte in Berlin für Unruhe.")
    a = Analysis(document=Document(text=text, lang="de"), language="de")
    EntityAnalyzer.load_default().process_batch([a])
    names = {e.name: e for e in a.entities}
    assert {"Emmanuel Macron", "Olaf Scholz", "Ukraine", "NATO", "Berlin"} <= set(names)
    assert not {"Truppen", "Montag", "Soldaten", "Äußerung", "Unruhe", "Entsendung von Bodentruppen"} & set(names)
    assert sorted(names["Emmanuel Macron"].surface_forms) == ["Emmanuel Macron", "Macron"]  # not "Wenn Macron"


def test_acronyms_of_common_nouns_and_roman_numerals_alone_are_no_names():
    lex = LexiconNER("en", common=["the"])
    found = _found(lex, "In the XXI century the Valdor TV said CO2 and ESG rules hurt the PV makers of Valdor.")
    assert not {"XXI", "TV", "CO2", "ESG", "PV"} & set(found)
    assert "Valdor" in " ".join(found)


def test_an_english_participle_opening_a_headline_is_no_part_of_the_name():
    lex = LexiconNER("en", common=["the"])
    found = _found(lex, "Panicking Valdor hides the port deal\n\nThe mayor of Valdor said nothing.")
    assert "Panicking Valdor" not in found and "Valdor" in found


def test_english_junk_the_issue_lists_is_gone():
    lex = LexiconNER("en", common=["treaty", "no"])
    text = ("No one expected it. The treaty talks stalled, and the Treaty was dead. "
            "Analysts fear World War III after Vladimir Putin's Munich speech.")
    found = _found(lex, text)
    assert "World War III" in found and "III" not in found and "World War" not in found
    assert "Vladimir Putin" in found and not any("Munich" in f and "Putin" in f for f in found)
    assert not {"No", "The", "Treaty"} & set(found)


def test_a_nationality_adjective_before_a_noun_is_no_entity():
    text = "Most Germans doubt it, and the German government and Israeli officials met in Berlin on Monday."
    found = _found(LexiconNER("en", common=["most"]), text)
    assert "Germans" in found and "Berlin" in found
    assert "German" not in found and "Israeli" not in found


def test_a_first_name_opening_a_line_stays_with_the_surname():
    text = "Mirela Dobrev is a columnist.\n\nLater Galdora agreed with Dobrev on the plan."
    found = _found(LexiconNER("en", common=["later"]), text)
    assert "Mirela Dobrev" in found and "Galdora" in found and "Later" not in " ".join(found)


def test_bulgarian_adjectives_are_no_entities():
    lex = LexiconNER.fit("bg", ["Америка", "Украйна"], common=["американските"])
    text = "Американските войски напуснаха базата. Парижкото споразумение не е изпълнено. Америка мълчи."
    found = _found(lex, text)
    assert "Америка" in found
    assert not {"Американските", "Парижкото"} & set(found)


def test_a_bulgarian_adjective_is_no_inflection_of_the_noun_it_comes_from():
    # "Европейски" (European) shares its first letters with "Европа" and "европейците" (Europeans), and its
    # length with the latter: it is still no form of either; a surname in -ски stays a name.
    lex = LexiconNER.fit("bg", ["Европа", "европейците", "Зеленски", "Украйна"])
    text = "Тя отива на изборите за Европейски парламент. Европа мълчи, а Зеленски и Украйната чакат."
    found = _found(lex, text)
    assert "Европейски" not in found
    assert {"Европа", "Зеленски", "Украйната"} <= set(found)


def test_bulgarian_prepositions_do_not_join_two_names_into_one():
    lex = LexiconNER.fit("bg", ["Шолц", "Украйна", "Сакс", "ООН"], common=["вчера"])
    text = "Шолц за Украйна: нищо ново. Възгледите на Сакс са известни. Вчера Университета на ООН отговори."
    found = set(_found(lex, text))
    assert {"Шолц", "Украйна", "Сакс", "Университета на ООН"} <= found
    assert not {"Шолц за Украйна", "Възгледите на Сакс", "Възгледите"} & found


def test_an_ordinal_is_no_name_alone_but_ends_a_kings_name():
    lex = LexiconNER.fit("bg", ["Валдор"], common=["вчера"])
    text = "Валдор говори за Трета световна война. Спомня си Втората световна война и крал Карл Трети."
    found = set(_found(lex, text))
    assert not {"Трета", "Втората"} & found and "Карл Трети" in found


def test_acronyms_of_common_nouns_are_no_entities():
    lex = LexiconNER.fit("bg", ["НАТО", "ЕС"])
    text = "Ръстът на БВП е нисък, а ТЕЦ-овете и ВЕИ губят. Според НАТО и ЕС ПВО е слаба."
    assert set(_found(lex, text)) == {"НАТО", "ЕС"}  # not "Ръстът на БВП", "ЕС ПВО" or the power plants


def test_no_finder_keeps_an_acronym_of_a_common_noun():
    text = "Как пишут СМИ, ПВО сбили три БПЛА над Белгородом, сообщил МИД России."
    found = [text[s.start : s.end] for s in finder_for("ru", {}).find([text])[0]]  # natasha tags them ORG
    assert not {"СМИ", "ПВО", "БПЛА"} & set(found) and "МИД России" in found


def test_the_russian_finder_reads_no_sentence_opener_or_byte_order_mark_into_a_name():
    text = "\ufeffМаксим Зубарев: о ценах.\n\nКогда Союз России и Беларуси окреп, Путин молчал."
    found = [text[s.start : s.end] for s in finder_for("ru", {}).find([text])[0]]
    assert "Максим Зубарев" in found  # the mark a file can open with no longer hides the first name
    assert {"Союз России и Беларуси", "Путин"} <= set(found) and "Когда Союз России и Беларуси" not in found


def test_a_russian_body_and_the_country_after_it_are_one_name():
    text = "Как заявили в МИД Венгрии, переговоры продолжатся. ВКС России нанесли удар, отступили ВСУ Курской области."
    found = [text[s.start : s.end] for s in finder_for("ru", {}).find([text])[0]]
    assert {"МИД Венгрии", "ВКС России"} <= set(found)  # natasha had tagged "МИД" a body and "Венгрии" a place
    assert "ВСУ Курской области" not in found  # a region is no country
    assert Canonicalizer().canonical("ru", "ВКС России") == "ВКС России"  # the acronym heads it: not "ВКС Россия"


def test_a_russian_acronym_keeps_its_form_unless_the_dictionary_knows_it():
    c = Canonicalizer()
    # pymorphy guesses "БПЛА" from its ending as a past form of a verb "бпнуть"
    assert c.canonical("ru", "БПЛА") == "БПЛА" and c.canonical("ru", "БпЛА") == "БпЛА" and c.key("ru", "ВСУ") == "всу"
    assert c.key("ru", "НАТО") == "нато" and c.key("ru", "Министерства обороны") == "министерство обороны"


def test_a_foreign_surname_ending_in_a_consonant_is_its_own_nominative():
    c = Canonicalizer()
    # the dictionary reads "Ранделл" as the genitive plural, "Гфеллер" as the vocative, of feminine names
    assert c.canonical("ru", "Дэвид Ранделл") == "Дэвид Ранделл" and c.canonical("ru", "Майкл Гфеллер") == "Майкл Гфеллер"
    assert c.key("ru", "Александр Стубб") == "александр стубб" and c.key("ru", "Путина") == "путин"


def test_a_surname_alone_joins_the_full_name_it_ends_however_the_dictionary_reads_it():
    # the dictionary reads "Подоляка" alone as a form of "Подоляк"; "Байдена" is no part of "Администрация Байдена"
    text = "Юрий Подоляка: всё плохо. Об этом сообщил Подоляка. Администрация Байдена молчит, Байден тоже."
    names = [("Юрий Подоляка", 0), ("Подоляка", text.index("сообщил")), ("Администрация Байдена", 0), ("Байден", 0)]
    spans = [Span(text.index(n, at), text.index(n, at) + len(n), "PER") for n, at in names]
    groups = sorted(sorted(text[m.start : m.end] for m in e.mentions) for e in group_mentions(text, spans, "ru"))
    assert ["Подоляка", "Юрий Подоляка"] in groups and ["Администрация Байдена"] in groups


def test_a_first_name_alone_joins_the_full_name_whose_surname_the_article_writes_alone():
    text = ("Senator Tommy Marlow spoke first. Tommy said the port must close. Marlow left. The Valdor Herald "
            "wrote about it, and Valdor voted. Horizon Europe pays. Horizon was late. Europe waits.")
    names = ["Tommy Marlow", "Tommy", "Marlow", "Valdor Herald", "Valdor", "Horizon Europe", "Horizon", "Europe"]
    spans, at = [], 0
    for n in names:
        at = text.index(n, at)
        spans.append(Span(at, at + len(n), "NAME"))
    table = Canonicalizer({"en": {"europe": "Europe"}})
    groups = sorted(sorted(text[m.start : m.end] for m in e.mentions)
                    for e in group_mentions(text, spans, "en", table))
    assert ["Marlow", "Tommy", "Tommy Marlow"] in groups  # the surname alone shows a person's name
    assert ["Valdor"] in groups  # "Herald" never stands alone: the paper, not a person
    assert ["Horizon"] in groups  # "Europe" alone is a place the alias table knows


@pytest.mark.parametrize(("text", "names", "together"), [
    # introduced by the full name, then called by the first name: one person
    ("Ines Calloway runs the port. Ines said the ships were late.", ["Ines Calloway", "Ines"], True),
    ("Ines Calloway's deputy spoke. Later Ines's office denied it.", ["Ines Calloway", "Ines"], True),
    # the first name came first: nothing says it is hers
    ("Ines was late. Ines Calloway runs the port.", ["Ines", "Ines Calloway"], False),
    # a body named after a place: "the", a common noun the article writes in lower case, a creed's adjective
    ("The Brenmark Courier wrote it, and Brenmark voted.", ["Brenmark Courier", "Brenmark"], False),
    ("Doctors at Ostwick Hospital were busy. The hospital in Ostwick is full. Ostwick mourns.",
     ["Ostwick Hospital", "Ostwick", "Ostwick"], False),
    ("Islamic State fighters fled. Islamic scholars condemned them.", ["Islamic State", "Islamic"], False),
])
def test_a_first_name_alone_joins_the_full_name_the_article_introduced_before_it(text, names, together):
    grouped = _grouped(text, names, "en")
    assert (len(grouped) == 1) is together, grouped


def test_the_letters_of_an_abbreviation_with_full_stops_are_no_words_of_a_name():
    found = _found(LexiconNER("en", common=["the"]), "The envoy spent a year in Washington D.C. with her family. "
                   "She met George W. Bush there.")
    assert "Washington" in found and "Washington D" not in found and "George W. Bush" in found


def test_a_russian_persons_name_is_shown_in_the_nominative_a_womans_surname_in_her_form():
    c = Canonicalizer()
    assert c.canonical("ru", "Такера Карлсона") == "Такер Карлсон"  # a guessed first name, then a surname
    assert c.canonical("ru", "Марии Захаровой") == "Мария Захарова" and c.canonical("ru", "Захаровой") == "Захарова"
    # keyed by the dictionary's lemma, so that her surname alone and her full name are one entity
    assert c.key("ru", "Захарова") == c.key("ru", "Захаровой") == "захаров" and c.canonical("ru", "Орлова") == "Орлов"
    # a foreign surname in "-и" that the dictionary does not know is indeclinable, not a form of a guessed "Корсиня"
    assert c.canonical("ru", "Корсини") == "Корсини" and c.canonical("ru", "Фарини") == "Фарини"
    assert c.canonical("ru", "Пьетро Корсини") == "Пьетро Корсини" and c.canonical("ru", "Италии") == "Италия"
    assert c.canonical("ru", "Кравцовки") == "Кравцовка"  # after "к", "и" is the genitive of a village in "-ка"
    # an indeclinable first word, then a declined surname: the surname in the nominative ("с Си Вэньпином")
    assert c.canonical("ru", "Си Вэньпином") == "Си Вэньпин" and c.canonical("ru", "кафе Пушкина") == "кафе Пушкина"


def test_a_first_name_before_a_surname_is_read_in_the_singular():
    # the dictionary reads "Кристиан" as a genitive plural of a woman's name too, and guesses an unknown
    # surname in "-ар" feminine: the pair agreed as "Кристианы Тобилар"
    c = Canonicalizer()
    assert c.canonical("ru", "Кристиан Тобилар") == "Кристиан Тобилар"
    assert c.canonical("ru", "Кристиан Мубилар") == "Кристиан Мубилар"


def test_an_unlikely_name_reading_does_not_win_over_the_common_word():
    c = Canonicalizer()
    # "море" can be read as a form of the rare name "Мора"; "Путина" as the common noun "путина"
    assert c.canonical("ru", "Черное море") == c.canonical("ru", "Черном море") == "Чёрное море"
    assert c.key("ru", "Путина") == "путин" and c.key("ru", "Пескова") == c.key("ru", "Песков") == "песков"


def test_a_russian_name_the_dictionary_reads_as_a_verb_keeps_its_form():
    c = Canonicalizer()
    # pymorphy reads "Моди" as an imperative of a verb "модить", "Мурило" as a past form of "мурить"
    assert c.key("ru", "Моди") == "моди" and c.key("ru", "Мурило") == "мурило" and c.key("ru", "Родопи") == "родопи"
    assert c.key("ru", "Бучу") == c.key("ru", "Буче") == "буча"  # a noun reading as likely as the verb's wins
    assert c.key("ru", "фон дер Ляйен") == "фон дер ляйен"  # particles keep the reading they had
    text = "Путин и Моди встретились. Нарендра Моди приехал в Москву."
    spans = [Span(text.index(n), text.index(n) + len(n), "PER") for n in ("Путин", "Моди", "Нарендра Моди")]
    names = sorted(e.name for e in group_mentions(text, spans, "ru", c))
    assert names == ["Нарендра Моди", "Путин"]  # the surname joins the full name


@pytest.mark.parametrize("text, found, cleaned", [
    ("заявил В. Путин", "В.", None),  # an initial alone
    ("переговоров В. Путина со", "В. Путина", "Путина"),  # initials before a surname
    ("журналист Т.К. Варга написал", "Т.К. Варга", "Варга"),
    ("написал в X, что", "X", "X"),  # a one-letter name stays
    ("по ВСУ (ВС) России", "ВС) России", "России"),
    ("как сообщил ГУР МОУ) ранее", "ГУР МОУ)", "ГУР МОУ"),
    ("сообщество в VK!", "VK!", "VK"),
    ("Как пишут СМИ", "СМИ", None),
    ("the cost for (President Vladimir) Putin's war", "President Vladimir) Putin", "Putin"),
    ("a Organização do Tratado do Atlântico Norte (NATO) disse", "Organização do Tratado do Atlântico Norte (NATO",
     "Organização do Tratado do Atlântico Norte (NATO)"),
    ("o Tratado do Atlântico Norte (NATO e outros", "Tratado do Atlântico Norte (NATO", "Tratado do Atlântico Norte"),
    ("глава Арцаха (Нагорного Карабаха) сказал", "Арцаха (Нагорного Карабаха", "Арцаха"),
    ("the Armed Forces of Ukraine (AFU) said", "Armed Forces of Ukraine (AFU)", "Armed Forces of Ukraine (AFU)"),
    # an event is no entity: a war, a crisis, a headline's topic tag
    ("since the Cold War ended", "Cold War", None),
    ("fears of World War III grow", "World War III", None),
    ("Russia-Ukraine War: रूस ने कहा", "Russia-Ukraine War", None),
    ("desde a Segunda Guerra Mundial", "Segunda Guerra Mundial", None),
    ("at the Global Peace Summit in June", "Global Peace Summit", None),
    ("on Armistice Day the guns fell silent", "Armistice Day", None),  # a holiday
    ("colder than in the Little Ice Age", "Little Ice Age", None),  # a period of climate or history
    ("a column in The Age", "The Age", "The Age"),  # a paper
    ("the Warsaw Pact", "Warsaw Pact", "Warsaw Pact"),
])
def test_a_found_span_is_cleaned_of_marks_that_are_not_the_name(text, found, cleaned):
    start = text.index(found)
    span = clean_span(text, Span(start, start + len(found), "ORG"))
    assert (span and text[span.start : span.end]) == cleaned


def test_lexicon_json_keeps_common_words():
    lex = LexiconNER.fit("pt", ["Rússia"], common=["governo"])
    again = LexiconNER.from_json(lex.to_json())
    assert "governo" in again.common and again.find(["A Rússia e o Governo"]) == lex.find(["A Rússia e o Governo"])


# ---- canonical names -----------------------------------------------------------------------------
def test_keys_are_lemmatised_where_names_inflect():
    c = Canonicalizer()
    assert c.key("ru", "Россию") == c.key("ru", "России") == "россия"
    assert c.key("ru", "Владимира Путина") == "владимир путин"
    assert c.canonical("ru", "Российской Федерации") == "Российская Федерация"
    # an adjective the dictionary also knows as a surname still agrees with the noun after it, and a phrase
    # of adjectives ends in the noun its last word can be
    assert c.canonical("ru", "Московской области") == "Московская область"
    # a region of an enumeration ("в Белгородской и Брянской областях") is one region; a plural adjective stays
    assert c.canonical("ru", "Брянской областях") == "Брянская область" == c.canonical("ru", "Брянской области")
    assert c.key("ru", "Кривого Рога") == c.key("ru", "Кривом Роге") == "кривой рог"
    # keyed in the singular, shown in the number written: one key for "Японским островам" and "японский остров"
    assert c.key("ru", "Японским островам") == "японский остров" and c.canonical("ru", "Японским островам") == "Японские острова"
    # a noun read in the number and case of its adjective: a plural name stays plural in every case, a masculine
    # noun keeps its adjective masculine ("силы" had been read as the genitive singular, "округа" as a feminine)
    assert c.canonical("ru", "Вооружённые силы") == c.canonical("ru", "Вооружённых сил") == "Вооружённые силы"
    assert c.key("ru", "Вооружённые силы") == c.key("ru", "Вооружённых сил")
    assert c.canonical("ru", "Ленинградского военного округа") == "Ленинградский военный округ"
    # one singular adjective before a plural noun: one of an enumeration ("Северная и Южная народные республики")
    assert c.canonical("ru", "Южная народные республики") == "Южная народная республика"
    assert c.key("ru", "Часового Яра") == "часовой яр" and c.key("ru", "российского военного") == "российский военный"
    assert c.canonical("ru", "Украина.ру") == "Украина.ру" and c.key("ru", "Ленты.ру") == "лента.ру"  # sites
    assert bulgarian_base("Украйната") == "украйна" and bulgarian_base("Западът") == "запад"
    assert bulgarian_base("Москва") == "москва"  # no article to cut
    assert c.key("en", "the U.S.") == "us" and c.key("en", "Putin's") == "putin"


def test_a_name_in_capitals_is_named_as_the_article_mostly_writes_it():
    text = "VALDRIA is at it again. NATO met; Valdria said no. NATO and Nato agreed."

    def spans(word):
        return [Span(m.start(), m.end(), "NAME") for m in re.finditer(word, text, re.IGNORECASE)]

    names = [e.name for e in group_mentions(text, spans("Valdria") + spans("NATO"), "en", Canonicalizer())]
    assert names == ["Valdria", "NATO"]  # an opening in capitals is no acronym; an acronym mostly in capitals is


def test_a_paper_whose_name_opens_with_the_is_named_with_it():
    text = "The Ledger reported the talks. Officials told The Ledger that Norvale would wait, the Kremlin said."

    def spans(word):
        return [Span(m.start(), m.end(), "NAME") for m in re.finditer(word, text)]

    c = Canonicalizer({"bg": {"кремъл": "Kremlin"}})
    names = [e.name for e in group_mentions(text, spans("Ledger") + spans("Norvale") + spans("Kremlin"), "en", c)]
    assert names == ["The Ledger", "Norvale", "Kremlin"]  # "the Kremlin" is no title; a table's name stays


def test_in_other_languages_a_paper_after_the_is_named_with_it_as_in_english():
    text = "Според The Ledger Валдор ще чака. The Ledger пише още, че The Valdor Review греши."

    def spans(words):
        return [Span(m.start(), m.end(), "NAME") for m in re.finditer(words, text)]

    names = [e.name for e in group_mentions(text, spans("Ledger") + spans("Валдор") + spans("Valdor Review"), "bg",
                                            Canonicalizer())]
    # at a sentence's start too (no other language has a "The"); a name of several words stays as in English
    assert names == ["The Ledger", "Валдор", "Valdor Review"]


def test_one_entity_across_spellings_and_languages():
    c = Canonicalizer({"ru": {"россия": "Russia"}, "bg": {"русия": "Russia"}, "en": {"us": "United States"}})
    ru = "Россия ответила. В России считают иначе."
    [russia] = group_mentions(ru, [Span(0, 6, "LOC"), Span(ru.index("России"), ru.index("России") + 6, "LOC")], "ru", c)
    assert russia.name == "Russia" and set(russia.surface_forms) == {"Россия", "России"} and len(russia.mentions) == 2
    bg = "Русията отговори."
    assert group_mentions(bg, [Span(0, 7, "NAME")], "bg", c)[0].name == "Russia"
    en = "The US and the United States Senate: the US agreed."
    spans = [Span(4, 6, "NAME"), Span(en.index("US agreed"), en.index("US agreed") + 2, "NAME")]
    assert [e.name for e in group_mentions(en, spans, "en", c)] == ["United States"]


def test_surnames_and_acronyms_join_the_full_name_of_the_article():
    text = ("Emmanuel Macron spoke. Later Macron left. The National Oceanic and Atmospheric Administration "
            "(NOAA) warned; NOAA said so.")
    names = ["Emmanuel Macron", "Macron", "National Oceanic and Atmospheric Administration", "NOAA", "NOAA"]
    spans, pos = [], 0
    for n in names:
        i = text.index(n, pos)
        spans.append(Span(i, i + len(n), "NAME"))
        pos = i + len(n)
    entities = {e.name: e for e in group_mentions(text, spans, "en")}
    assert len(entities) == 2
    assert entities["Emmanuel Macron"].surface_forms == ["Emmanuel Macron", "Macron"]
    assert len(entities["National Oceanic and Atmospheric Administration"].mentions) == 3


def _grouped(text: str, names: list[str], lang: str, c: Canonicalizer | None = None) -> dict[str, list[str]]:
    spans, pos = [], 0
    for n in names:
        i = text.index(n, pos)
        spans.append(Span(i, i + len(n), "NAME"))
        pos = i + len(n)
    return {e.name: e.surface_forms for e in group_mentions(text, spans, lang, c)}


def test_a_russian_name_written_in_two_numbers_is_one_entity():
    text = "Украинские власти молчат. Журналисты спросили украинскую власть о мосте."
    grouped = _grouped(text, ["Украинские власти", "украинскую власть"], "ru")
    assert len(grouped) == 1, grouped


def test_a_place_named_after_another_is_no_full_name_of_it():
    c = Canonicalizer({"pt": {"ucrânia": "Ukraine", "zelenski": "Volodymyr Zelensky"},
                       "bg": {"европа": "Europe", "путин": "Vladimir Putin"}})
    # "of" phrases: the armed forces, the government, the treaty of a country are not the country
    text = "As Forças Armadas da Ucrânia recuaram. A Ucrânia pediu ajuda. Volodimir Zelenski falou; Zelenski insistiu."
    found = _grouped(text, ["Forças Armadas da Ucrânia", "Ucrânia", "Volodimir Zelenski", "Zelenski"], "pt", c)
    assert found["Ukraine"] == ["Ucrânia"] and found["Forças Armadas da Ucrânia"] == ["Forças Armadas da Ucrânia"]
    assert found["Volodimir Zelenski"] == ["Volodimir Zelenski", "Zelenski"]  # a surname still joins its full name
    # a name the alias table knows on its own is not a part of a longer one; a known surname still is
    text = "Централна Европа расте. Европа мълчи. Владимир Путин говори, а Путин мълчи."
    found = _grouped(text, ["Централна Европа", "Европа", "Владимир Путин", "Путин"], "bg", c)
    assert found["Europe"] == ["Европа"] and found["Централна Европа"] == ["Централна Европа"]
    assert sorted(found["Владимир Путин"]) == ["Владимир Путин", "Путин"]
    # an unknown surname joins its full name as before
    found = _grouped("Carla Mendes venceu. Mendes sorriu.", ["Carla Mendes", "Mendes"], "pt", c)
    assert found == {"Carla Mendes": ["Carla Mendes", "Mendes"]}


def test_a_name_and_its_short_form_in_brackets_are_one_entity():
    c = Canonicalizer({"pt": {"nato": "NATO"}, "ru": {"всу": "Armed Forces of Ukraine", "украина": "Ukraine"}})
    # the finder kept the bracket in the span: named as the table knows the short form, which joins it
    text = "A Organização do Tratado do Atlântico Norte (NATO) reuniu-se. A NATO decidiu."
    found = _grouped(text, ["Organização do Tratado do Atlântico Norte (NATO)", "NATO"], "pt", c)
    assert found == {"NATO": ["NATO", "Organização do Tratado do Atlântico Norte (NATO)"]}
    c.aliases["hi"] = {"नाटो": "NATO"}  # Devanagari has no capitals: a short uncased word is an acronym too
    text = "उत्तरी अटलांटिक संधि संगठन (नाटो) की बैठक हुई। नाटो ने कहा।"
    found = _grouped(text, ["उत्तरी अटलांटिक संधि संगठन (नाटो)", "नाटो"], "hi", c)
    assert list(found) == ["NATO"]
    # two spans: the acronym spells the name out
    text = "Силы Вооруженных сил Украины (ВСУ) отступили. ВСУ потеряли технику."
    found = _grouped(text, ["Вооруженных сил Украины", "ВСУ", "ВСУ"], "ru", c)
    assert list(found) == ["Armed Forces of Ukraine"] and len(found["Armed Forces of Ukraine"]) == 2
    # the finder's two halves of a name with "and" in it, and the acronym they spell: one entity, named in full
    text = "The Valdor Council of Research and Water Supply (VCRWS) warned. VCRWS said so."
    found = _grouped(text, ["Valdor Council of Research", "Water Supply", "VCRWS", "VCRWS"], "en", c)
    assert found == {"Valdor Council of Research and Water Supply": ["VCRWS", "Valdor Council of Research", "Water Supply"]}
    # a bracket after one word qualifies it, and one that spells nothing out is another entity
    text = "Бои у Макеевки (ЛНР) идут. Агентство ИРНА (Иран) сообщило. ЛНР молчит."
    found = _grouped(text, ["Макеевки (ЛНР)", "ИРНА", "Иран", "ЛНР"], "ru", c)
    assert "ЛНР" not in found.get("Макеевка", []) and len(found) == 4


def test_entity_json_keeps_surface_forms_and_reads_old_json():
    a = Analysis(document=Document(text="Russia."), entities=[Entity("Russia", "LOC", surface_forms=["Россию"],
                                                                     salience=0.4, weak=True)])
    again = Analysis.from_dict(a.to_dict())
    assert again.entities[0].surface_forms == ["Россию"] and again.entities[0].weak
    old = a.to_dict()
    for key in ("surface_forms", "salience", "weak"):
        old["entities"][0].pop(key)
    e = Analysis.from_dict(old).entities[0]
    assert e.name == "Russia" and e.surface_forms == [] and e.salience == 0.0 and not e.weak


def test_alias_learning_joins_surnames_and_spellings_across_languages():
    mentions = [("EN", "a1", "Valdemar Kross"), ("EN", "a1", "Kross"), ("EN", "a2", "Kross"),
                ("BG", "b1", "Валдемар Крос"), ("BG", "b2", "Крос"), ("BG", "b2", "Крос"), ("BG", "b1", "Крос")]
    c = learn_aliases(mentions, embed=None)  # spelling alone
    assert c.canonical("en", "Kross") == "Valdemar Kross"
    assert c.canonical("bg", "Крос") == "Valdemar Kross"
    assert skeleton("Зеленски") == skeleton("Zelensky") == skeleton("जेलेंस्की")


# ---- precision judging ---------------------------------------------------------------------------
def test_wilson_interval_and_judgement_files(tmp_path):
    low, high = wilson(180, 200)
    assert 0.85 < low < 0.9 < high < 0.94
    rows = [Judgement("EN", "d1", 0, 5, "Kross", 1), Judgement("EN", "d1", 9, 11, "No", 0, "common"),
            Judgement("BG", "d2", 3, 8, "Крос", None), Judgement("RU", "d3", 0, 9, '"Север" (С)', 1)]  # quotes survive
    path = tmp_path / "j.tsv"
    write_judgements(path, rows)
    assert read_judgements(path) == rows
    scores, text = precision_table(rows)
    assert scores["EN"]["n"] == 2 and scores["EN"]["precision"] == 0.5 and scores["BG"]["n"] == 0
    assert "EN: 0.500" in text


def test_sample_is_stable_when_the_finder_changes_a_little():
    spans = [("d", i, i + 3, "X") for i in range(0, 300, 4)]
    first = sample_mentions({"EN": spans}, 20)
    again = sample_mentions({"EN": spans[:-5] + [("d", 999, 1002, "Y")]}, 20)
    assert len({(j.start, j.end) for j in first} & {(j.start, j.end) for j in again}) >= 17


def test_judged_sample_covers_every_language():
    from narrascope.analyzers.entities.precision import JUDGEMENTS

    scores, _ = precision_table(read_judgements(JUDGEMENTS))
    assert set(scores) == {"BG", "EN", "HI", "PT", "RU"}
    assert all(s["n"] >= 200 for s in scores.values())


def test_spellings_of_one_persons_name_are_one_entity_in_an_article():
    text = ("Alexander Dugin spoke first. Later Aleksandr Dugin repeated it, and Dugin left. Maria Ivanova met "
            "Ivan Ivanov; Ivanova said little.")
    spans = [Span(m.start(), m.end(), "NAME") for m in re.finditer(
        r"Alexander Dugin|Aleksandr Dugin|Dugin(?= left)|Maria Ivanova|Ivan Ivanov|Ivanova(?= said)", text)]
    entities = {e.name: sorted(e.surface_forms) for e in group_mentions(text, spans, "en")}
    assert entities["Alexander Dugin"] == ["Aleksandr Dugin", "Alexander Dugin", "Dugin"]
    # different first names: two people, however alike their surnames sound
    assert entities["Maria Ivanova"] == ["Ivanova", "Maria Ivanova"] and entities["Ivan Ivanov"] == ["Ivan Ivanov"]


def _spans_of(text: str, *names: str) -> list[Span]:
    out, start = [], 0
    for name in names:
        start = text.index(name, start)
        out.append(Span(start, start + len(name), "PER"))
        start += len(name)
    return out


def test_a_russian_surname_in_other_cases_is_one_entity_of_the_article():
    # The dictionary does not know the invented surname "Крессан": its guesses give "Крессана" another
    # nominative. Both forms in one article are one entity, named as written in the nominative.
    text = "Крессан приехал в город. Встреча с Крессаном была короткой, и слова Крессана все запомнили."
    entities = group_mentions(text, _spans_of(text, "Крессан", "Крессаном", "Крессана"), "ru")
    assert len(entities) == 1 and len(entities[0].mentions) == 3
    # A name that only looks like another's case stays apart when its other forms are not cases of it.
    text = "Крессан и Крессана Ивлева приехали."
    assert len(group_mentions(text, _spans_of(text, "Крессан", "Крессана Ивлева"), "ru")) == 2


def test_an_oblique_russian_surname_takes_the_name_the_alias_table_gives_its_nominative():
    c = Canonicalizer({"ru": {"крессан": "Valdemar Kressan"}})
    assert c.canonical("ru", "Крессана") == c.canonical("ru", "Крессаном") == "Valdemar Kressan"
    assert c.key("ru", "Крессану") == "крессан"
    assert c.canonical("ru", "Москве") == "Москва"  # the dictionary's lemma where the table has nothing


def test_a_latin_name_in_an_article_of_another_script_is_read_as_english():
    c = Canonicalizer({"en": {"kross": "Valdemar Kross"}, "hi": {"क्रॉस": "Valdemar Kross", "वर्मा": "राजेश वर्मा"}},
                      titles={"en": frozenset({"president", "pm"}), "hi": frozenset({"राष्ट्रपति"})})
    assert c.canonical("hi", "President Kross") == c.canonical("ru", "Kross") == "Valdemar Kross"
    assert c.canonical("hi", "PM वर्मा") == "राजेश वर्मा"  # an English office word before a Hindi name
    assert c.canonical("ru", "Sputnik.") == "Sputnik"  # the full stop a finder kept
    assert c.canonical("pt", "President Kross") == "President Kross"  # Portuguese is written in Latin letters
    text = "क्रॉस ने कहा कि बातचीत जारी रहेगी। President Kross ने बाद में दोहराया।"
    spans = [Span(0, len("क्रॉस"), "PER"), Span(text.index("President"), text.index(" ने बाद"), "PER")]
    [kross] = group_mentions(text, spans, "hi", c)
    assert kross.name == "Valdemar Kross" and len(kross.mentions) == 2


def test_a_hyphenated_name_keeps_the_capital_of_each_part():
    c = Canonicalizer()
    assert c.canonical("ru", "Жан-Пьером Ларошем") == "Жан-Пьер Ларош"
    assert c.canonical("ru", "Ивано-Франковске") == "Ивано-Франковск"


def test_a_plug_inside_a_paragraph_is_no_voice_of_the_article():
    text = ("Valdor closed the bridge. Follow us on Facebook and Twitter. Фото: Иво Марев/Норвал.\n"
            "The talks failed again. SHARE BEFORE THEY HIDE IT! Please share with your friends. Shareholders met.")
    body = BodyFilter(text)
    voiced = [text[s:e] for s, e in sentences(text) if body.voices(s, e)]
    assert voiced == ["Valdor closed the bridge.", "The talks failed again.", "Shareholders met."]
    assert all(body.in_body(s, e) for s, e in sentences(text))  # the line goes on: `furniture` keeps it


def _by_name(text: str) -> dict[str, list[str]]:
    a = Analysis(document=Document(text=text, lang="en"), language="en")
    EntityAnalyzer.load_default().process_batch([a])
    return {e.name: [text[m.start : m.end] for m in e.mentions] for e in a.entities}


def test_a_place_named_alone_is_no_short_form_of_a_region_or_a_heading_that_ends_with_it():
    # "Europe" alone is the continent, not "Eastern Europe"; "Mexico" is the country, not "New Mexico"; a
    # heading's word before a name ("About") and a comma ("Marrek, Russia") make no longer name of it either
    text = ("Ministers of Eastern Europe met in Valdor on Monday. Europe has no plan, one of them said.\n\n"
            "Officials of New Mexico spoke to Mexico about the border. About Russia: Ivo Marrek, Russia's envoy, "
            "and his aides left. Russia did not answer.")
    names = _by_name(text)
    assert names["Europe"] == ["Europe"] and names["Eastern Europe"] == ["Eastern Europe"]
    assert names["Mexico"] == ["Mexico"] and names["New Mexico"] == ["New Mexico"]
    assert len(names["Russia"]) >= 2


def test_a_headline_that_dropped_the_first_word_of_a_place_still_names_it():
    # the headline finder reads "Mexico" of "New Mexico Ranch" (a headline capitalises every word):
    # the word before it is the place's own, so it is New Mexico
    text = ("Valdor Buyers Walk Away From New Mexico Ranch Deal\n\n"
            "The ranch in New Mexico stays unsold, the agent told reporters in Valdor.")
    names = _by_name(text)
    assert "Mexico" not in names and len(names["New Mexico"]) == 2

"""One name per person: a title or office before a name is cut from its key and canonical name
(`President Valdemar Kross` is `Valdemar Kross`), learned per language from annotated mentions.

All names and texts are invented for these tests."""
from __future__ import annotations

from narrascope.analyzers.entities.aliases import learn_aliases, learn_titles
from narrascope.analyzers.entities.analyzer import group_mentions
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.document import Span

MENTIONS = [
    ("PT", "p1", "Valdemar Kross"), ("PT", "p1", "Kross"), ("PT", "p2", "Kross"),
    ("PT", "p2", "presidente Valdemar Kross"), ("PT", "p3", "Ilse Marrow"), ("PT", "p3", "Marrow"),
    ("PT", "p4", "Marrow"), ("PT", "p4", "presidente Marrow"), ("PT", "p5", "presidente Kross"),
    ("HI", "h1", "वाल्देमार क्रोस"), ("HI", "h1", "क्रोस"), ("HI", "h2", "क्रोस"), ("HI", "h2", "राष्ट्रपति क्रोस"),
    ("HI", "h3", "राष्ट्रपति क्रोस"), ("HI", "h3", "राष्ट्रपति वाल्देमार क्रोस"), ("HI", "h4", "राष्ट्रपति क्रोस"),
    ("HI", "h5", "राष्ट्रपति क्रोस"),
    ("EN", "e1", "Valdemar Kross"), ("EN", "e1", "Kross"), ("EN", "e2", "Ilse Marrow"), ("EN", "e2", "Marrow"),
]


def test_titles_are_learned_from_mentions_and_first_names_are_not():
    titles = learn_titles(MENTIONS, learn_aliases(MENTIONS, embed=None))
    assert "presidente" in titles["pt"]
    assert "राष्ट्रपति" in titles["hi"]
    assert "valdemar" not in titles["pt"] and "वाल्देमार" not in titles["hi"]  # a first name, not an office
    assert "president" in titles["en"]  # English offices written before names


def test_titled_and_plain_forms_get_one_canonical_name():
    c = learn_aliases(MENTIONS, embed=None)
    assert c.canonical("pt", "presidente Valdemar Kross") == c.canonical("pt", "Valdemar Kross")
    assert c.canonical("pt", "presidente Kross") == c.canonical("pt", "Kross") == "Valdemar Kross"
    assert c.canonical("hi", "राष्ट्रपति क्रोस") == c.canonical("hi", "क्रोस")
    assert c.canonical("en", "President Valdemar Kross") == "Valdemar Kross"
    assert c.canonical("en", "Russian Prime Minister Valdemar Kross") == "Valdemar Kross"


def test_title_is_kept_where_no_name_follows_it():
    c = learn_aliases(MENTIONS, embed=None)
    assert c.canonical("en", "President of Norvale") == "President of Norvale"
    assert c.canonical("en", "General Dynamo") == "General Dynamo"  # one unknown word: no person to be sure of
    assert c.canonical("hi", "राष्ट्रपति भवन") == "राष्ट्रपति भवन"  # uncased: only a name of the alias table
    assert c.canonical("hi", "राष्ट्रपति वाल्डेमार क्रोस") == "वाल्डेमार क्रोस"  # ... or one ending in its surname
    assert c.canonical("pt", "Governo do Presidente Valdemar Kross") == "Governo do Presidente Valdemar Kross"
    # Different people with one title or one surname stay apart.
    assert c.canonical("pt", "presidente Marrow") != c.canonical("pt", "presidente Kross")
    assert c.canonical("pt", "Hanno Kross") != c.canonical("pt", "presidente Valdemar Kross")


def test_one_entity_per_person_within_an_article():
    text = "President Valdemar Kross spoke. Later Valdemar Kross left, and Hanno Kross stayed."
    spans = [Span(text.index(n), text.index(n) + len(n), "NAME")
             for n in ("President Valdemar Kross", "Later Valdemar Kross"[6:], "Hanno Kross")]
    spans[1] = Span(text.index("Valdemar Kross", 10), text.index("Valdemar Kross", 10) + 14, "NAME")
    c = learn_aliases(MENTIONS, embed=None)
    entities = group_mentions(text, spans, "en", c)
    assert [e.name for e in entities] == ["Valdemar Kross", "Hanno Kross"]
    assert "President Valdemar Kross" in entities[0].surface_forms and len(entities[0].mentions) == 2


def test_titles_survive_the_json_and_old_tables_load_without_them(tmp_path):
    c = learn_aliases(MENTIONS, embed=None)
    path = tmp_path / "aliases.json"
    import json

    path.write_text(json.dumps(c.to_json(), ensure_ascii=False), encoding="utf-8")
    again = Canonicalizer.load(path)
    assert again.titles == c.titles
    old = c.to_json()
    old.pop("titles")
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    assert Canonicalizer.load(path).canonical("pt", "presidente Kross") == "presidente Kross"


def test_a_titled_surname_joins_the_full_name_of_its_article():
    """A one-word name after a title is cut only where the alias table knows it; inside an article the full
    name beside it is enough ("o presidente Zelenskyy" beside "Volodymyr Zelenskyy")."""
    text = "Orvan Testak falou ontem. O presidente Testak disse que sim. A presidente Marrow negou."
    spans = [Span(text.index(n), text.index(n) + len(n), "NAME")
             for n in ("Orvan Testak", "presidente Testak", "presidente Marrow")]
    c = learn_aliases(MENTIONS, embed=None)
    assert c.canonical("pt", "presidente Testak") == "presidente Testak"  # unknown to the alias table
    entities = group_mentions(text, spans, "pt", c)
    assert [e.name for e in entities][:1] == ["Orvan Testak"] and len(entities[0].mentions) == 2
    assert "presidente Testak" in entities[0].surface_forms
    assert "Marrow" in entities[1].name and len(entities) == 2  # no full name beside it: its own entity
    text = "O presidente Quell falou. Quell saiu."
    spans = [Span(2, 18, "NAME"), Span(26, 31, "NAME")]
    assert [(e.name, len(e.mentions)) for e in group_mentions(text, spans, "pt", c)] == [("Quell", 2)]


def test_the_report_does_not_repeat_a_full_name_with_its_office_before_it():
    from narrascope.document import Entity
    from narrascope.report.entities import display_name

    kross = Entity("Valdemar Kross", "PER", surface_forms=["Valdemar Kross", "Prime Minister Valdemar Kross", "Kross"])
    assert display_name(kross) == "Valdemar Kross (Kross)"
    # a one-word name keeps a longer form: it may be another place grouped with it ("North Tessaly")
    tessaly = Entity("Tessaly", "LOC", surface_forms=["Tessaly", "North Tessaly"])
    assert display_name(tessaly) == "Tessaly (North Tessaly)"

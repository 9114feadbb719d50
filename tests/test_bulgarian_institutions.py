"""Bulgarian names of institutions: a capital on the first word only (`nlp.bulgarian_institutions`)."""
from __future__ import annotations

import pytest

from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.nlp.ner import finder_for


def _found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in finder_for("bg", {}).find([text])[0]]


@pytest.mark.parametrize(("text", "names"), [
    # the complement: a preposition, an adjective and its noun; a second "на" phrase
    ("Според Министерството на земеделието на Норвале реколтата е добра.", ["Министерството на земеделието", "Норвале"]),
    ("Говорител на Съвета за морска сигурност коментира това.", ["Съвета за морска сигурност"]),
    ("Данни на Службата за горски пожари показват ръст.", ["Службата за горски пожари"]),
    ("Експертка в Центъра за изследване на мъглите в Остуик каза това.", ["Центъра за изследване на мъглите", "Остуик"]),
    ("Писмо от Асоциацията на местната преса стигна до тях.", ["Асоциацията на местната преса"]),
    ("Депутат от Камарата на общините гласува против.", ["Камарата на общините"]),
    # a verb after the name stays out; an adjective with no noun after it reads no complement
    ("Вчера говорител на Министерството на земеделието съобщи новината.", ["Министерството на земеделието"]),
    ("Учени от Центъра за морски и речни изследвания пишат.", ["Центъра"]),
])
def test_an_institutions_name_runs_over_its_lower_case_complement(text, names):
    assert _found(text) == names


def test_an_institution_is_named_by_its_head_without_the_article_and_its_complement_as_written():
    c = Canonicalizer()
    assert c.canonical("bg", "Министерството на земеделието") == "Министерство на земеделието"  # not "на земеделие"
    # the short article of a head is taken off the key: one entity however the article writes it
    assert c.key("bg", "Центъра за изследване на мъглите") == c.key("bg", "Център за изследване на мъглите")
    assert c.canonical("bg", "Съвета на старейшините") == "Съвет на старейшините"


@pytest.mark.parametrize(("text", "names"), [
    ("Снимката разпространи Франс прес в понеделник.", ["Франс прес"]),
    ("Както предаде Асошиейтед прес, пристанището е затворено.", ["Асошиейтед прес"]),
    ("По данни на РИА Новости и ТАСС пристанището е затворено.", ["РИА Новости", "ТАСС"]),
])
def test_a_news_agencys_name_is_found_whole(text, names):
    assert _found(text) == names

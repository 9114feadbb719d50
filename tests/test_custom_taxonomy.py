"""A user-written taxonomy labelled zero-shot from definitions and examples (real USE embeddings)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.analyzers.custom_narratives import CustomNarrativeAnalyzer
from narrascope.cli.main import cli
from narrascope.document import Analysis, Document
from narrascope.errors import TaxonomyError

TAXONOMY = Path(__file__).resolve().parents[1] / "examples" / "custom_taxonomy.yaml"
SABOTAGE = "Infrastructure projects are sabotaged"
TECH = "New technology harms health and nature"

SABOTAGE_TEXT = (
    "Bridge collapse was no accident, say residents\n\n"
    "The weather in Lindvik was mild on Tuesday. Residents at the town meeting insisted that saboteurs sent "
    "from abroad had cut the bridge cables at night. They said the officials already know "
    "who did it and are hiding the truth."
)
TOWERS_RU = (
    "Фермеры обвиняют радиовышки\n\n"
    "Фермеры уверены, что новые радиовышки разгоняют дождевые облака и вызывают засуху."
)
NEUTRAL = "Chess club celebrates its centenary\n\nThe club played a hundred games in the town square."


@pytest.fixture(scope="module")
def analyzer() -> CustomNarrativeAnalyzer:
    return CustomNarrativeAnalyzer.from_file(TAXONOMY)


def analyse(analyzer, text: str) -> Analysis:
    return analyzer(Analysis(document=Document(text=text)))


def test_labels_with_evidence_sentences(analyzer):
    a = analyse(analyzer, SABOTAGE_TEXT)
    assert [n.label for n in a.narratives] == [SABOTAGE]
    subs = {s.label for s in a.subnarratives}
    assert f"{SABOTAGE}: Foreign saboteurs" in subs and all(s.parent == SABOTAGE for s in a.subnarratives)
    evidence = [e.text_in(SABOTAGE_TEXT) for e in a.narratives[0].evidence]
    assert any("cut the bridge cables" in e for e in evidence)
    assert not any("weather in Lindvik was mild" in e for e in evidence)
    assert 0 < a.narratives[0].score <= 1


def test_english_definitions_find_a_russian_article(analyzer):
    a = analyse(analyzer, TOWERS_RU)
    assert [n.label for n in a.narratives] == [TECH]
    assert [s.label for s in a.subnarratives] == [f"{TECH}: Other"]  # no sub-narratives defined


def test_unrelated_text_is_other(analyzer):
    a = analyse(analyzer, NEUTRAL)
    assert [n.label for n in a.narratives] == ["Other"] and [s.label for s in a.subnarratives] == ["Other"]


def test_analyze_cli_uses_the_custom_taxonomy(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SABOTAGE_TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(article), "-a", "narratives", "--taxonomy", str(TAXONOMY),
                                      "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [out] = json.loads(result.output)
    assert out["narratives"][0]["label"] == SABOTAGE and out["narratives"][0]["evidence"]
    assert out["analyzers"] == ["narratives"]


def test_bad_taxonomy_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("labels:\n  - name: A\n    parent: Missing\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="unknown parent"):
        CustomNarrativeAnalyzer.from_file(bad)

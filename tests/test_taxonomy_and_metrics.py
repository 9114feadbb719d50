"""The taxonomy data file, its loader, and the official samples-F1 metric."""
from __future__ import annotations

import pytest

from narrascope.analyzers.narratives.metrics import document_f1
from narrascope.errors import TaxonomyError
from narrascope.taxonomy import OTHER, load_narratives, load_yaml


def test_builtin_taxonomy_has_both_domains_and_derived_other_labels():
    tax = load_narratives()
    assert len(tax.narratives) == 21
    assert {n.domain for n in tax.narratives} == {"URW", "CC"}
    # every narrative has its catch-all "<narrative>: Other" sub-narrative, with the right parent
    for n in tax.narratives:
        other = tax[f"{n.name}: {OTHER}"]
        assert other.parent == n.name
    specific = [s for s in tax.subnarratives if not s.name.endswith(": Other")]
    assert len(specific) >= 73
    # the 4 sub-narratives the official scorer's list lacks are part of the taxonomy
    assert "CC: Downplaying climate change: Sea levels are not rising" in tax
    assert all(s.definition for s in tax.subnarratives)
    assert all(n.definition and n.examples for n in tax.narratives)


def test_every_subnarrative_name_starts_with_its_parent():
    tax = load_narratives()
    for s in tax.subnarratives:
        assert s.name.startswith(s.parent + ": ")
        assert s.short_name and ":" not in s.short_name[:1]


def test_roles_and_techniques_files_are_complete():
    roles = load_yaml("entity_roles")
    assert {r["name"] for r in roles["main_roles"]} == {"Protagonist", "Antagonist", "Innocent"}
    assert len(roles["fine_roles"]) == 22
    techniques = load_yaml("techniques")
    assert len(techniques["labels"]) == 23
    assert all(t["definition"] for t in techniques["labels"])


def test_user_taxonomy_errors_name_the_file_and_the_problem(tmp_path):
    bad_parent = tmp_path / "mine.yaml"
    bad_parent.write_text('labels:\n  - name: "A"\n  - name: "A: b"\n    parent: "Z"\n', encoding="utf-8")
    with pytest.raises(TaxonomyError, match="unknown parent 'Z'"):
        load_narratives(bad_parent)
    not_yaml = tmp_path / "broken.yaml"
    not_yaml.write_text("labels: [unclosed", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="broken.yaml"):
        load_narratives(not_yaml)
    ok = tmp_path / "ok.json"
    ok.write_text('{"labels": [{"name": "Elections are rigged", "definition": "d"}]}', encoding="utf-8")
    tax = load_narratives(ok)
    assert tax.subnarrative_names == ["Elections are rigged: Other"]


def test_document_f1_matches_the_task_definition():
    assert document_f1(["A", "B"], ["A", "B"]) == 1.0
    assert document_f1(["A", "B"], ["A"]) == pytest.approx(2 / 3)
    assert document_f1(["A"], ["B"]) == 0.0
    assert document_f1([], []) == 0.0  # both empty scores 0, as scikit-learn's samples average does
    # labels outside the class list are ignored on both sides
    assert document_f1(["A", "X"], ["A"], classes={"A", "B"}) == 1.0

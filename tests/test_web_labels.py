"""How labels read on the web pages: short names, and no two sub-narratives shown alike."""
from __future__ import annotations

from narrascope.taxonomy import OTHER, load_narratives
from narrascope.web.labels import describe


def test_each_narratives_other_names_its_parent_in_flat_lists():
    tax = load_narratives()
    others = [lab for lab in tax.subnarratives if lab.short_name == OTHER]
    assert len(others) == len(tax.narratives)  # every narrative has its own "Other"
    shown = [describe("subnarrative", lab.name)["display"] for lab in others]
    assert len(set(shown)) == len(shown)
    assert describe("subnarrative", "URW: Discrediting the West, Diplomacy: Other")["display"] == (
        "Other (URW: Discrediting the West, Diplomacy)")
    assert describe("subnarrative", "URW: Discrediting the West, Diplomacy: The West is weak")["display"] == (
        "The West is weak")
    assert describe("narrative", OTHER)["display"] == OTHER  # the article-level answer stays as it is


def test_no_two_subnarratives_read_alike():
    """A facet list or a chart legend shows sub-narratives without their narrative."""
    tax = load_narratives()
    shown = [describe("subnarrative", lab.name)["display"] for lab in tax.subnarratives]
    assert len(set(shown)) == len(shown) == len(tax.subnarratives)

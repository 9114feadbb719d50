"""Training the narrative model end to end on a tiny corpus written for this test (T10 folder layout):
cross-validation with the gate, the final fit, the saved artifact and its decisions."""
from __future__ import annotations

import random

import pytest

from narrascope.taxonomy import OTHER

FEAR = "URW: Amplifying war-related fears"
POLICY = "CC: Criticism of climate policies"
OPENINGS = {
    FEAR: ["Nuclear war is closer than ever, experts warn.", "Europe is sliding towards World War Three.",
           "Missiles could reach London in minutes.", "A wider war with Russia would burn the whole continent."],
    POLICY: ["The new carbon tax will ruin small farmers.", "Green rules make heating unaffordable for families.",
             "Brussels climate targets are destroying jobs in industry.", "Electric car mandates punish rural drivers."],
    OTHER: ["The bakery on Main Street won a prize for its rye bread.", "The local football team drew one all on Sunday.",
            "A new exhibition of watercolours opens at the museum.", "The marathon attracted runners from twelve towns."],
}
FILLER = ["Officials declined to comment.", "The report was published on Tuesday.", "More details are expected soon."]


def _write_split(root, per_label: int = 12) -> None:
    rng = random.Random(7)
    folder = root / "train" / "EN"
    (folder / "raw-documents").mkdir(parents=True)
    rows = []
    for label, openings in OPENINGS.items():
        for k in range(per_label):
            doc_id = f"EN_{label[:3].strip(':')}_{k}.txt"
            body = [rng.choice(openings) for _ in range(3)] + rng.sample(FILLER, 2)
            (folder / "raw-documents" / doc_id).write_text(f"Title {k}\n\n" + " ".join(body), encoding="utf-8")
            subs = OTHER if label == OTHER else f"{label}: {OTHER}"
            rows.append(f"{doc_id}\t{label}\t{subs}")
    (folder / "subtask-2-annotations.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from narrascope.analyzers.narratives import train as T
    from narrascope.analyzers.narratives.train import train_and_save

    root = tmp_path_factory.mktemp("t10")
    _write_split(root)
    out = root / "models" / "narratives"
    with pytest.MonkeyPatch.context() as mp:  # keep the test's vectors out of the user's training cache
        mp.setenv("NARRASCOPE_CACHE", str(root / "cache"))
        mp.setattr(T, "_EMBEDDER", None)
        report = train_and_save(root, out, folds=3)
        yield root, out, report


def test_training_writes_a_gated_model_with_a_card(trained):
    from narrascope.analyzers.narratives.model import NarrativeModel

    _root, out, report = trained
    model = NarrativeModel.load(out)
    assert model.gate is not None and model.gate.weights is not None
    assert "gate" in model.thresholds and "gate" in model.language_thresholds["en"]
    card = (out / "card.md").read_text(encoding="utf-8")
    assert "Gate" in card and "| EN | 36 |" in card
    # the three groups are easy: cross-validation must separate them well
    assert report["scores"]["EN"]["coarse"] > 0.8


def test_the_trained_model_tells_narratives_from_other(trained):
    from narrascope.analyzers.narratives.analyzer import NarrativeAnalyzer
    from narrascope.analyzers.narratives.model import NarrativeModel
    from narrascope.document import Analysis, Document

    _root, out, _ = trained
    analyzer = NarrativeAnalyzer(NarrativeModel.load(out))
    texts = ["Experts warn that nuclear war is closer than ever and missiles could reach London.",
             "The bakery won a prize for its rye bread, and the football team drew on Sunday."]
    batch = [Analysis(document=Document(text=t, id=str(i)), language="en") for i, t in enumerate(texts)]
    analyzer.process_batch(batch)
    assert [n.label for n in batch[0].narratives][:1] == [FEAR]
    assert batch[1].narratives == []


def test_cross_validation_seed_changes_the_split(trained):
    from narrascope.analyzers.narratives.train import cross_validate

    root, _out, _ = trained
    a = cross_validate(root, folds=3, seed=1)
    b = cross_validate(root, folds=3, seed=2)
    assert a["scores"]["EN"]["n"] == b["scores"]["EN"]["n"] == 36
    assert "gate_text" in a["probs"]
    assert (a["probs"]["gate_text"] != b["probs"]["gate_text"]).any()  # other folds, other out-of-fold scores

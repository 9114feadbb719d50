"""Training the narrative model end to end on a tiny corpus written for this test (T10 folder layout):
cross-validation, the final fit, the saved artifact and its decisions, and the lockbox report beside
the plain baseline."""
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
WORDS = ["river", "town", "market", "bridge", "school", "council", "road", "winter", "summer", "station", "harbour",
         "museum", "garden", "library", "tram", "festival", "village", "mayor", "teacher", "doctor", "farmer", "baker",
         "painter", "singer", "runner", "cyclist"]
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
            # words of its own, so that the articles are not near-duplicates (folds keep those together)
            own = " ".join(rng.choice(WORDS) for _ in range(70))
            (folder / "raw-documents" / doc_id).write_text(f"Title {k}\n\n" + " ".join(body) + f"\n\n{own}.",
                                                           encoding="utf-8")
            subs = OTHER if label == OTHER else f"{label}: {OTHER}"
            rows.append(f"{doc_id}\t{label}\t{subs}")
    (folder / "subtask-2-annotations.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from narrascope.analyzers.narratives import fitting as T
    from narrascope.analyzers.narratives.train import train_and_save

    root = tmp_path_factory.mktemp("t10")
    _write_split(root)
    out = root / "models" / "narratives"
    with pytest.MonkeyPatch.context() as mp:  # keep the test's vectors out of the user's training cache
        mp.setenv("NARRASCOPE_CACHE", str(root / "cache"))
        mp.setattr(T, "_EMBEDDER", None)
        report = train_and_save(root, out, folds=3)
        yield root, out, report


def test_training_writes_a_calibrated_model_with_a_card(trained):
    from narrascope.analyzers.narratives.model import HEADS, NarrativeModel

    _root, out, _report = trained
    model = NarrativeModel.load(out)
    assert set(model.heads) == set(HEADS) and set(model.calibration) == set(HEADS)
    assert all(a > 0 for a, _b in model.calibration.values())  # higher scores, higher probabilities
    card = (out / "card.md").read_text(encoding="utf-8")
    assert "narrascope train narratives" in card and "no lockbox report" in card


def test_cross_validation_separates_the_easy_groups(trained):
    from narrascope.analyzers.narratives.train import cross_validate

    root, _out, _ = trained
    report = cross_validate(root, folds=3)
    assert report["scores"]["EN"]["n"] == 36
    assert report["scores"]["EN"]["coarse"] > 0.8
    assert report["table"].startswith("cross-validation on all 36 training documents")  # no lockbox list here
    # Beside the plain baseline fitted on the same folds, as the lockbox report, prior shifts included.
    beside = report["scores"]["beside_baseline"]
    assert beside["coarse"]["EN"]["model"]["value"] == pytest.approx(report["scores"]["EN"]["coarse"])
    assert 0.0 <= beside["coarse"]["EN"]["baseline"]["value"] <= 1.0
    assert set(beside["prior_shift"]) == {"0.05", "0.40"}
    assert beside["other_answers"]["EN"]["gold"] == 12 and len(report["predictions"]["baseline"]) == 36
    assert "Cross-validation samples-F1, narratives (coarse): model vs plain baseline" in report["table"]


def test_cross_validation_leaves_the_lockbox_out(tmp_path, monkeypatch):
    """`narrascope evaluate narratives` without --lockbox is where choices are made: it must never read a
    lockbox article."""
    from narrascope.analyzers.narratives import fitting as T
    from narrascope.analyzers.narratives.train import cross_validate

    root = tmp_path / "data" / "t10"
    _write_split(root)
    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(T, "_EMBEDDER", None)
    names = sorted(p.name for p in (root / "train" / "EN" / "raw-documents").iterdir())
    held = set(names[::4])
    (root.parent / "splits").mkdir()
    (root.parent / "splits" / "t10_lockbox.tsv").write_text(
        "language\tdocument\n" + "".join(f"EN\t{n}\n" for n in sorted(held)), encoding="utf-8")
    report = cross_validate(root, folds=3)
    assert {d.id for d in report["docs"]}.isdisjoint(held) and len(report["docs"]) == 36 - len(held)
    assert report["scores"]["EN"]["n"] == 36 - len(held)
    assert report["table"].startswith(f"cross-validation on train minus the lockbox: {36 - len(held)} documents")


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
    assert (a["oof"]["any"] != b["oof"]["any"]).any()  # other folds, other out-of-fold scores


def test_lockbox_report_scores_model_and_baseline_on_the_held_out_files(trained, tmp_path):
    from narrascope.analyzers.narratives.train import evaluate_lockbox

    root, _out, _ = trained
    names = sorted(p.name for p in (root / "train" / "EN" / "raw-documents").iterdir())
    held = names[::4]  # a quarter of every group
    splits = root.parent / "splits"  # where lockbox_file(root) looks
    splits.mkdir(exist_ok=True)
    (splits / f"{root.name}_lockbox.tsv").write_text(
        "language\tdocument\n" + "".join(f"EN\t{n}\n" for n in held), encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Nuclear war is near\n\nMissiles could reach London.\n\nEurope is sliding "
                                 "towards war.\n\nOfficials declined to comment.", encoding="utf-8")
    result = evaluate_lockbox(root, folds=3, seeds=str(seeds))
    s = result["scores"]
    assert s["documents"] == {"train": len(names) - len(held), "lockbox": len(held)}
    for level in ("coarse", "fine"):
        row = s[level]["EN"]
        assert row["n"] == len(held)
        assert row["model"]["low"] <= row["model"]["value"] <= row["model"]["high"]
        assert row["difference"]["value"] == pytest.approx(row["model"]["value"] - row["baseline"]["value"], abs=1e-3)
        assert "mean5" in s[level]
        assert set(s["prior_shift"]) == {"0.05", "0.40"}
    assert s["other_answers"]["EN"]["gold"] == sum(n.startswith("EN_Oth") for n in held)
    assert s["order"]["lockbox"]["copies"] == 3 * len(held)
    assert s["order"]["lockbox"]["model"] == 1.0  # order-free features: shuffled paragraphs, the same labels
    assert s["order"]["seeds"]["copies"] == 12 and 0.0 <= s["order"]["seeds"]["model"] <= 1.0
    assert "model vs plain baseline" in result["table"] and "Order check (seeds)" in result["table"]
    confidence = s["confidence"]
    for level in ("coarse", "fine"):
        c = confidence[level]
        assert 0.0 <= c["weak_share"] <= 1.0 and set(c["precision"]) == {"EN", "all"}
        assert 0.0 <= c["precision"]["EN"]["model"]["value"] <= 1.0
    assert "confident vs weak" in result["table"]


def test_training_learns_where_chosen_labels_turn_weak_and_the_analyzer_marks_them(trained):
    from narrascope.analyzers.narratives.analyzer import NarrativeAnalyzer
    from narrascope.analyzers.narratives.model import NarrativeModel
    from narrascope.document import Analysis, Document

    _root, out, _ = trained
    model = NarrativeModel.load(out)
    assert set(model.weak_below) == {"narrative", "fine"}
    assert all(0.0 <= v <= 1.0 + 1e-6 for v in model.weak_below.values())
    text = "Experts warn that nuclear war is closer than ever and missiles could reach London."
    a = Analysis(document=Document(text=text, id="x"), language="en")
    NarrativeAnalyzer(model).process_batch([a])
    assert a.narratives
    for labels, head in ((a.narratives, "narrative"), (a.subnarratives, "fine")):
        assert all(lab.weak == (lab.score < model.weak_below[head] - 1e-4) or abs(lab.score - model.weak_below[head]) < 1e-4
                   for lab in labels)
    # a cut above the label's probability marks it weak; the label is still given
    model.weak_below["narrative"] = a.narratives[0].score + 0.01
    b = Analysis(document=Document(text=text, id="y"), language="en")
    NarrativeAnalyzer(model).process_batch([b])
    assert [n.label for n in b.narratives] == [n.label for n in a.narratives] and b.narratives[0].weak

"""`narrascope evaluate NAME` without --lockbox is where every choice is made, so its cross-validation must
read only the training documents outside the lockbox (`semeval.lockbox.development_documents`). Checked on
a tiny SemEval-2025 Task 10 corpus written for this test, with real runs of the entities, roles and
explanation cross-validations (narratives and techniques: their own training tests)."""
from __future__ import annotations

import random

import pytest

PEOPLE = [("Anna Berg", "Protagonist", "Guardian"), ("Karl Moss", "Antagonist", "Deceiver"),
          ("Lena Ruiz", "Innocent", "Victim"), ("Omar Vance", "Antagonist", "Tyrant")]
TOPIC = ["The council met on Monday.", "Prices rose again in spring.", "The report was read aloud.",
         "Farmers spoke about the harvest.", "A new bridge opened in town."]
N_DOCS = 20


def _write_corpus(root) -> list[str]:
    """N_DOCS English articles with entity roles (subtask 1), narratives (2) and explanations (3)."""
    rng = random.Random(3)
    folder = root / "train" / "EN"
    (folder / "raw-documents").mkdir(parents=True)
    roles, narratives, explanations, names = [], [], [], []
    for k in range(N_DOCS):
        doc_id = f"EN_T_{k}.txt"
        names.append(doc_id)
        cast = rng.sample(PEOPLE, 2)
        text = f"Title number {k}\n\n"
        for name, _, _ in cast:
            start = len(text)
            text += f"{name} spoke in the square today. " + " ".join(rng.sample(TOPIC, 2)) + " "
            main, fine = next((m, f) for n, m, f in PEOPLE if n == name)
            roles.append(f"{doc_id}\t{name}\t{start}\t{start + len(name) - 1}\t{main}\t{fine}")
        (folder / "raw-documents" / doc_id).write_text(text.strip() + "\n", encoding="utf-8")
        narratives.append(f"{doc_id}\tURW: Amplifying war-related fears\tURW: Amplifying war-related fears: Other")
        explanations.append(f"{doc_id}\tURW: Amplifying war-related fears\tnone\t"
                            f"The text says that {cast[0][0]} spoke in the square about the town.")
    for name, rows in (("subtask-1-annotations.txt", roles), ("subtask-2-annotations.txt", narratives),
                       ("subtask-3-annotations.txt", explanations)):
        (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return names


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    """(data folder, the lockbox's files): every fourth article listed in the lockbox."""
    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "data" / "t10"
    names = _write_corpus(root)
    held = names[::4]
    (root.parent / "splits").mkdir()
    (root.parent / "splits" / "t10_lockbox.tsv").write_text(
        "language\tdocument\n" + "".join(f"EN\t{n}\n" for n in held), encoding="utf-8")
    return root, held


def test_entities_cross_validation_leaves_the_lockbox_out(corpus):
    from narrascope.analyzers.entities.train import cross_validate

    root, held = corpus
    result = cross_validate(root, folds=3)
    assert result["scores"]["EN"]["n"] == 2 * (N_DOCS - len(held))  # two annotated mentions per article
    assert result["table"].startswith(f"cross-validation on train minus the lockbox: {N_DOCS - len(held)} documents")


def test_roles_cross_validation_leaves_the_lockbox_out(corpus):
    from narrascope.analyzers.roles.train import cross_validate

    root, held = corpus
    result = cross_validate(root, folds=3)
    assert result["scores"]["roles"]["all"]["n"] == 2 * (N_DOCS - len(held))
    assert result["table"].startswith(f"cross-validation on train minus the lockbox: {N_DOCS - len(held)} documents")
    # Beside the baselines fitted on the same folds: every person keeps one role in this corpus, so the name
    # prior (learned on the other folds) is always right, and the majority answer only for the commonest one.
    beside = result["scores"]["beside_baselines"]
    assert beside["emr"]["name prior"]["EN"]["baseline"]["value"] == 1.0
    assert beside["main"]["majority"]["EN"]["n"] == 2 * (N_DOCS - len(held))
    assert 0.0 < beside["main"]["majority"]["EN"]["baseline"]["value"] < 1.0
    assert "Cross-validation, exact-match ratio of fine roles: model vs name prior baseline" in result["table"]


def test_explanations_cross_validation_leaves_the_lockbox_out(corpus):
    from narrascope.analyzers.explain.train import cross_validate

    root, held = corpus
    result = cross_validate(root, folds=3, metric_embedder="use")
    assert result["scores"]["articles"] == {"EN": N_DOCS - len(held)}
    assert result["table"].startswith(f"cross-validation on train minus the lockbox: {N_DOCS - len(held)} documents")
    assert f"; {N_DOCS - len(held)} of them have a reference explanation" in result["table"].splitlines()[0]

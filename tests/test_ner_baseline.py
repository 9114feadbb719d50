"""The plain NER baseline of the entities card: the names annotated in training, found where written."""
from __future__ import annotations

from narrascope.analyzers.entities.train import plain_recall
from narrascope.semeval.t10 import Mention, T10Document


def _doc(doc_id: str, text: str, *names: str) -> T10Document:
    return T10Document(id=doc_id, lang="EN", text=text, mentions=[
        Mention(n, text.index(n), text.index(n) + len(n) - 1, "Antagonist", ["Instigator"]) for n in names])


def test_the_plain_baseline_finds_only_names_seen_in_training_as_whole_phrases():
    train = [_doc("t1", "Valdor and the Brenmark Council met.", "Valdor", "Brenmark Council")]
    held = [_doc("h1", "VALDOR spoke; Valdorians cheered; Ostrava and the brenmark council left.",
                 "VALDOR", "Ostrava", "brenmark council")]
    scores = plain_recall(train, held)["EN"]
    # "Valdorians" is no whole-phrase match, Ostrava was never annotated: 2 of 3 mentions found, by 2 spans
    assert scores["n"] == 3 and abs(scores["overlap"] - 2 / 3) < 1e-9 and scores["found_per_doc"] == 2

"""Which articles the technique model learns from, and which it is scored on.

- SemEval-2023 Task 3 `train`, all six languages (paragraph labels and spans);
- with `lockbox=True`, the articles listed in `../shared/data/splits/semeval2023_task3_lockbox.tsv` are
  held out (`semeval.lockbox`), for scoring only;
- SemEval-2020 Task 11 (PTC) articles with spans, where the folder is given, except those that
  (near-)duplicate an article above. Why the check: the 2023 English articles are PTC articles again
  (same ids, texts edited by a few characters, 90% of the spans at the same offsets), so without it the
  lockbox's English articles would be trained on through their PTC copies, and the others counted twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from narrascope.nlp.duplicates import near_duplicate_groups
from narrascope.semeval import ptc
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t3 import LANGUAGES, T3Document, read_split

DUPLICATE_THRESHOLD = 0.7  # estimated Jaccard similarity of the articles' shingles (`nlp.duplicates`)


def lockbox_key(doc: T3Document) -> tuple[str, str]:
    return doc.lang, f"article{doc.id}.txt"


@dataclass(slots=True)
class TrainingData:
    train: list[T3Document]  # what the models learn from
    held: list[T3Document] = field(default_factory=list)  # the lockbox (scored only)
    ptc_added: int = 0
    ptc_duplicates_of_lockbox: int = 0  # left out: leakage
    ptc_duplicates_of_train: int = 0  # left out: already in training, under their 2023 ids

    def describe(self) -> str:
        return (f"{len(self.train)} training articles ({self.ptc_added} from PTC), {len(self.held)} in the lockbox; "
                f"PTC articles left out as near-duplicates: {self.ptc_duplicates_of_lockbox} of lockbox articles, "
                f"{self.ptc_duplicates_of_train} of training articles")


def duplicates_of(candidates: list[T3Document], reference: list[T3Document],
                  threshold: float = DUPLICATE_THRESHOLD) -> set[int]:
    """Indices of `candidates` grouped as (near-)duplicates with some `reference` article, by the same
    detector the corpus views use (`nlp.duplicates.near_duplicate_groups`)."""
    texts = [d.text for d in reference] + [d.text for d in candidates]
    out: set[int] = set()
    for group in near_duplicate_groups(texts, threshold):
        if any(i < len(reference) for i in group):
            out.update(i - len(reference) for i in group if i >= len(reference))
    return out


def load(data: str | Path, lockbox: bool = False, ptc_dir: str | Path | None = None) -> TrainingData:
    docs = read_split(data, "train", LANGUAGES)
    out = TrainingData(docs)
    if lockbox:
        out.train, out.held = split_documents(docs, read_lockbox(lockbox_file(data)), lockbox_key)
    if ptc_dir:
        extra = ptc.read_split(ptc_dir, "train") + ptc.read_split(ptc_dir, "dev")
        leaked = duplicates_of(extra, out.held)
        known = duplicates_of(extra, out.train) - leaked
        out.ptc_duplicates_of_lockbox, out.ptc_duplicates_of_train = len(leaked), len(known)
        added = [d for i, d in enumerate(extra) if i not in leaked and i not in known]
        out.ptc_added = len(added)
        out.train = out.train + [T3Document(f"ptc{d.id}", d.lang, d.text, d.paragraphs, d.paragraph_labels, d.spans)
                                 for d in added]
    return out


def default_ptc_dir(data: str | Path) -> Path | None:
    """The PTC folder beside the 2023 dataset folder, when it is there."""
    candidate = Path(data).resolve().parent / "semeval2020_task11_ptc"
    return candidate if candidate.is_dir() else None

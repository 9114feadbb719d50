"""Reader of the SemEval-2020 Task 11 corpus (PTC, English news with persuasion-technique spans).

Layout of the folder (e.g. `../shared/data/semeval2020_task11_ptc`): `train-articles/`, `dev-articles/`
(and `test-articles/`, without gold) hold `article<ID>.txt` (title, empty line, body one sentence per
line); the gold spans are `train-task2-TC.labels` and `dev-task-TC.labels`, `id<TAB>technique<TAB>start
<TAB>end` (character offsets into the article file, end exclusive).

PTC has 14 technique classes; `TECHNIQUES_2023` maps them to the SemEval-2023 Task 3 names. Two PTC
classes merge techniques that 2023 tells apart (`Whataboutism,Straw_Men,Red_Herring` and
`Bandwagon,Reductio_ad_hitlerum`): their spans cannot be given one 2023 technique and are left out.
Articles come back as `t3.T3Document`s whose paragraph labels are the techniques of the spans that
overlap each paragraph, as the 2023 paragraph labels were made.
"""
from __future__ import annotations

from pathlib import Path

from narrascope.errors import InputError
from narrascope.nlp.text import line_paragraphs
from narrascope.semeval.t3 import T3Document, read_article

TECHNIQUES_2023 = {
    "Appeal_to_Authority": "Appeal_to_Authority",
    "Appeal_to_fear-prejudice": "Appeal_to_Fear-Prejudice",
    "Black-and-White_Fallacy": "False_Dilemma-No_Choice",
    "Causal_Oversimplification": "Causal_Oversimplification",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration-Minimisation",
    "Flag-Waving": "Flag_Waving",
    "Loaded_Language": "Loaded_Language",
    "Name_Calling,Labeling": "Name_Calling-Labeling",
    "Repetition": "Repetition",
    "Slogans": "Slogans",
    "Thought-terminating_Cliches": "Conversation_Killer",
}
MERGED_CLASSES = ("Whataboutism,Straw_Men,Red_Herring", "Bandwagon,Reductio_ad_hitlerum")
SPLITS = {"train": ("train-articles", "train-task2-TC.labels"), "dev": ("dev-articles", "dev-task-TC.labels")}


def read_labels(path: str | Path) -> dict[str, list[tuple[str, int, int]]]:
    """`id -> [(PTC technique, start, end)]` from a `*-TC.labels` file."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            row = line.rstrip("\r\n").split("\t")
            if len(row) != 4 or not row[2].isdigit() or not row[3].isdigit() or int(row[3]) < int(row[2]):
                raise InputError(f"{path}:{number}", f"expected 'id<TAB>technique<TAB>start<TAB>end', got {row!r}")
            out.setdefault(row[0], []).append((row[1], int(row[2]), int(row[3])))
    return out


def read_split(path: str | Path, split: str = "train") -> list[T3Document]:
    """The articles of a PTC split with their spans under 2023 technique names (language `en`)."""
    if split not in SPLITS:
        raise InputError(str(path), f"PTC split {split!r} has no gold spans; use one of {', '.join(SPLITS)}")
    root = Path(path)
    folder, labels_name = SPLITS[split]
    articles = root / folder
    if not articles.is_dir() or not (root / labels_name).is_file():
        raise InputError(str(path), f"not a SemEval-2020 Task 11 folder (no {folder}/ or {labels_name})")
    labels = read_labels(root / labels_name)
    docs = []
    for p in sorted(articles.glob("article*.txt")):
        doc_id = p.stem[len("article") :]
        text = read_article(p)
        for tech, start, end in labels.get(doc_id, []):
            if end > len(text):
                raise InputError(str(root / labels_name), f"span {start}-{end} of article {doc_id} ends past its text")
            if tech not in TECHNIQUES_2023 and tech not in MERGED_CLASSES:
                raise InputError(str(root / labels_name), f"unknown PTC technique {tech!r} (article {doc_id})")
        spans = [(TECHNIQUES_2023[t], s, e) for t, s, e in labels.get(doc_id, []) if t in TECHNIQUES_2023]
        paragraphs = line_paragraphs(text)
        paragraph_labels = {
            par.number: sorted({t for t, s, e in spans if s < par.end and e > par.start}) for par in paragraphs
        }
        docs.append(T3Document(doc_id, "en", text, paragraphs, paragraph_labels, spans))
    return docs

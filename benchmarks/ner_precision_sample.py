"""Draw the NER precision sample judged by reading (see `narrascope.analyzers.entities.precision`).

The finder is the shipped one, its gazetteer and alias table learned on the 80% of the T10 training
articles outside the lockbox; the sample is drawn from the names it finds in the lockbox articles (names
it never learned from, as on new text; descriptions such as "the French president", which join a named
person, are not names and are left out). Writes `benchmarks/ner_precision.tsv` with empty verdicts (keeping the verdicts
of rows already judged) and prints each mention with its context for the reader; the context is
printed only, never written.

    python -m benchmarks.ner_precision_sample --per-language 220
"""
from __future__ import annotations

import argparse
from pathlib import Path

from narrascope.analyzers.entities.aliases import learn_from_documents
from narrascope.analyzers.entities.analyzer import DESCRIPTION, EntityAnalyzer
from narrascope.analyzers.entities.precision import (
    JUDGEMENTS,
    read_judgements,
    sample_mentions,
    write_judgements,
)
from narrascope.analyzers.entities.train import fit_lexicons
from narrascope.document import Analysis, Document
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import read_split

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2025_task10"
CONTEXT = 70


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-language", type=int, default=220)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    docs = read_split(args.data / "train")
    dev, held = split_documents(docs, read_lockbox(lockbox_file(args.data)), key=lambda d: (d.lang, d.id))
    lexicons = fit_lexicons([d for d in dev if d.mentions], dev)
    # The alias table learned on the same 80%, as the lockbox evaluation of roles learns it: it decides which
    # descriptions ("रूसी राष्ट्रपति") join a person, and so leave the sample of names.
    canonicalizer = learn_from_documents([d for d in dev if d.mentions], lexicons, dev)
    entities = EntityAnalyzer(lexicons, canonicalizer=canonicalizer)
    found: dict[str, list[tuple[str, int, int, str]]] = {}
    texts = {}
    for d in held:
        a = Analysis(document=Document(text=d.text, id=d.id, lang=d.lang.lower()), language=d.lang.lower())
        entities.process_batch([a])
        texts[(d.lang, d.id)] = d.text
        for e in a.entities:
            for m in e.mentions:
                if m.label == DESCRIPTION:
                    continue  # "the French president" is no name: `descriptions.py` is judged apart
                found.setdefault(d.lang, []).append((d.id, m.start, m.end, d.text[m.start : m.end]))
    old = {(j.lang, j.doc, j.start, j.end): j for j in read_judgements(JUDGEMENTS)} if JUDGEMENTS.exists() else {}
    sample = [old.get((j.lang, j.doc, j.start, j.end), j) for j in sample_mentions(found, args.per_language)]
    write_judgements(JUDGEMENTS, sample)
    for i, j in enumerate(sample):
        text = texts[(j.lang, j.doc)]
        left = text[max(0, j.start - CONTEXT) : j.start].replace("\n", " / ")
        right = text[j.end : j.end + CONTEXT].replace("\n", " / ")
        print(f"{i}\t{j.lang}\t[{j.mention}]\t{'' if j.verdict is None else j.verdict}\t…{left}⟦{j.mention}⟧{right}…")


if __name__ == "__main__":
    main()

"""How many descriptions of office holders ("the French president", "रूसी राष्ट्रपति") the entities analyzer
joins to a person in the T10 training articles, per language, and a random sample of the joins with their
context for reading (printed only, never written; names and offsets, no article text kept).

    python -m benchmarks.description_joins                 # counts
    python -m benchmarks.description_joins --sample 10     # and 10 joins per language to read
"""
from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from narrascope.analyzers.entities.analyzer import DESCRIPTION, EntityAnalyzer
from narrascope.document import Analysis, Document
from narrascope.semeval.t10 import read_split

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2025_task10"
CONTEXT = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=0, help="joins per language to print for reading")
    parser.add_argument("--seed", type=int, default=31)
    args = parser.parse_args()
    docs = read_split(args.data / "train")
    analyzer = EntityAnalyzer.load_default()
    joins: dict[str, list[tuple[str, str, int, int]]] = {}
    alone: Counter[tuple[str, str]] = Counter()  # descriptions still found as names of their own
    for d in docs:
        lang = d.lang.lower()
        a = Analysis(document=Document(text=d.text, id=d.id, lang=lang), language=lang)
        analyzer.process_batch([a])
        for e in a.entities:
            joins.setdefault(lang, []).extend((d.id, e.name, m.start, m.end) for m in e.mentions
                                              if m.label == DESCRIPTION)
            if e.name in ("रूसी राष्ट्रपति", "यूक्रेनी राष्ट्रपति", "अमेरिकी राष्ट्रपति"):
                alone[(lang, e.name)] += 1
    texts = {d.id: d.text for d in docs}
    print(f"{len(docs)} training articles; descriptions joined to a person:")
    for lang, rows in sorted(joins.items()):
        print(f"  {lang}: {len(rows)}")
    print(f"  all: {sum(len(r) for r in joins.values())}")
    print("Hindi descriptions still entities of their own (articles): "
          + ", ".join(f"{name} {n}" for (_, name), n in alone.most_common()))
    rng = random.Random(args.seed)
    for lang, rows in sorted(joins.items()):
        for doc, name, start, end in rng.sample(rows, min(args.sample, len(rows))):
            text = texts[doc]
            left = text[max(0, start - CONTEXT) : start].replace("\n", " ")
            right = text[end : end + CONTEXT].replace("\n", " ")
            print(f"{lang}\t{doc}\t{name}\t…{left}⟦{text[start:end]}⟧{right}…")


if __name__ == "__main__":
    main()

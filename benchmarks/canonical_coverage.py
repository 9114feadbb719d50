"""How often an entity of a Bulgarian, Hindi, Portuguese or Russian article carries a name that English
articles also use, so that the corpus views (facets, dashboard, entity pages) can join it across languages.

Everything is learned on the 80% of the T10 training articles outside the lockbox (gazetteer and alias
table); the entities are those the shipped finder groups in the lockbox articles (names it never learned
from, as on new text). An occurrence is one entity of one article; it is *shared* when its canonical name
is the name of an entity found in some English training article. Five alias tables are compared: learned
from the annotated mentions alone, with every country's name added (`entities/countries.py`, the ISO
catalogues: nothing read off these articles), with the places, organisations and agencies of
`entities/known_names.py` too (read off the names found in all training articles, the lockbox's
included, so that row is not held out), with the office holders of `entities/offices.py` (written from
what one knows of who held which office, and from descriptions met in the training articles), and as
training learns it, with the persons found in the 80%
whose full name in another script reads as an English one (`entities/found_names.py`). Prints the
shares per language, and the most frequent names still not shared. Names only; no article text.

    python -m benchmarks.canonical_coverage
"""
from __future__ import annotations

import argparse
import itertools
from collections import Counter
from pathlib import Path

import numpy as np

from narrascope.analyzers.entities.aliases import learn_aliases, learn_from_documents
from narrascope.analyzers.entities.analyzer import EntityAnalyzer
from narrascope.analyzers.entities.countries import country_names
from narrascope.analyzers.entities.known_names import known_names
from narrascope.analyzers.entities.offices import holder_names
from narrascope.analyzers.entities.train import fit_lexicons
from narrascope.analyzers.evaluation import bootstrap
from narrascope.document import Analysis, Document
from narrascope.nlp.embeddings import get_embedder
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import read_split

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2025_task10"


def entity_names(analyzer: EntityAnalyzer, docs) -> list[tuple[str, set[str]]]:
    """(language, the canonical names of the entities found) per document."""
    out = []
    for d in docs:
        a = Analysis(document=Document(text=d.text, id=d.id, lang=d.lang.lower()), language=d.lang.lower())
        analyzer.process_batch([a])
        out.append((d.lang.lower(), {e.name for e in a.entities}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", type=int, default=15, help="names still not shared, per language")
    args = parser.parse_args()
    docs = read_split(args.data / "train")
    dev, held = split_documents(docs, read_lockbox(lockbox_file(args.data)), key=lambda d: (d.lang, d.id))
    annotated = [d for d in dev if d.mentions]
    lexicons = fit_lexicons(annotated, dev)
    mentions = [(d.lang, d.id, m.text) for d in annotated for m in d.mentions]
    embed = get_embedder("use").encode
    tables = {"annotated mentions": learn_aliases(mentions, embed),
              "+ countries": learn_aliases(mentions, embed, country_names()),
              "+ known names": learn_aliases(mentions, embed, country_names() + known_names()),
              "+ office holders": learn_aliases(mentions, embed, country_names() + known_names() + holder_names()),
              "+ found persons": learn_from_documents(annotated, lexicons, dev)}
    print(f"{'alias table':<20} {'language':<8} {'occurrences':>11} {'shared with English':>20}")
    per_article: dict[str, np.ndarray] = {}  # (shared, occurrences) per held-out article, for the intervals
    langs: list[str] = []
    for label, table in tables.items():
        analyzer = EntityAnalyzer(lexicons, canonicalizer=table)
        english = set().union(*(names for _, names in entity_names(analyzer, [d for d in docs if d.lang.lower() == "en"])))
        found = entity_names(analyzer, [d for d in held if d.lang.lower() != "en"])
        per_article[label] = np.array([[sum(n in english for n in names), len(names)] for _, names in found])
        langs = [lang for lang, _ in found]
        missing: dict[str, Counter[str]] = {}
        pooled = [0, 0]
        for lang in sorted({lang for lang, _ in found}):
            names = [n for doc_lang, doc_names in found if doc_lang == lang for n in doc_names]
            shared = sum(n in english for n in names)
            pooled[0] += shared
            pooled[1] += len(names)
            missing[lang] = Counter(n for n in names if n not in english)
            print(f"{label:<20} {lang:<8} {len(names):>11} {shared / max(len(names), 1):>20.3f}")
        print(f"{label:<20} {'all':<8} {pooled[1]:>11} {pooled[0] / max(pooled[1], 1):>20.3f}")
        for lang, counter in missing.items():
            print(f"    {lang} not shared: " + ", ".join(f"{n} {k}" for n, k in counter.most_common(args.show)))
    print("pooled share, paired over articles (95% bootstrap interval, resampled within languages):")
    rows = list(per_article.items())
    for (before, previous), (label, counts) in itertools.pairwise(rows):
        print(f"    {label:<20} against the first table {bootstrap(_gain(counts, rows[0][1]), len(langs), strata=langs)}"
              f", against {before!r} {bootstrap(_gain(counts, previous), len(langs), strata=langs)}")


def _gain(counts: np.ndarray, baseline: np.ndarray):
    """The pooled share of shared names over the resampled articles, less the baseline's."""
    def statistic(idx: np.ndarray) -> float:
        return counts[idx, 0].sum() / max(counts[idx, 1].sum(), 1) - baseline[idx, 0].sum() / max(baseline[idx, 1].sum(), 1)
    return statistic


if __name__ == "__main__":
    main()

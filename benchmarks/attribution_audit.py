"""Who said it, judged by reading: a random sample of the narratives' evidence on the T10 training articles.

An analyst quotes the evidence with its mark, "stated by the article" or "attributed to X". This draws, per
language, evidence spans marked "attributed" and spans marked "stated" (one of each distinct span and article),
prints each with the sentences before it for a reader, and keeps the reader's verdicts in
`benchmarks/attribution_audit.tsv` (offsets and verdicts only: the context is printed, never written):

- attributed: `right` (a report, its words and the speaker shown are right, or no speaker is shown where the
  sentence names none, as inside a quote that goes on), `unnamed` (right, but the speaker the sentence or its
  pronoun names is not shown), `wrong` (no report, the wrong words, or the wrong speaker);
- stated: `right`, or `missed` (the sentence reports someone's words).

    python -m benchmarks.attribution_audit draw --name after --seed 62 --attributed 12 --stated 8
    python -m benchmarks.attribution_audit summary

A draw leaves out the spans of earlier draws, so a second draw after a change to the rules is fresh text.
"""
from __future__ import annotations

import argparse
import csv
import math
import random
from collections import Counter
from pathlib import Path

from narrascope.document import Document
from narrascope.nlp.text import sentences
from narrascope.pipeline import Pipeline

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2025_task10" / "train"
AUDIT = Path(__file__).with_name("attribution_audit.tsv")
FIELDS = ("draw", "language", "document", "start", "end", "shown", "verdict", "reason")
LANGUAGES = ("BG", "EN", "HI", "PT", "RU")


def evidence_spans(data: Path, speakers: dict | None = None) -> dict[tuple[str, str], list[tuple[str, int, int]]]:
    """(language, "stated" or "attributed") -> sorted distinct (document, start, end) of the narratives' evidence;
    `speakers`, when given, is filled with the speaker each span is attributed to (None where none is named)."""
    paths = sorted(data.glob("*/raw-documents/*.txt"))
    docs = (Document(text=p.read_text(encoding="utf-8"), id=p.name, lang=p.parent.parent.name.lower()) for p in paths)
    found: dict[tuple[str, str], set[tuple[str, int, int]]] = {}
    for analysis in Pipeline(["narratives"]).pipe(docs):
        for label in analysis.narratives:
            for span in label.evidence:
                key = (analysis.document.lang.upper(), span.attribution)
                found.setdefault(key, set()).add((analysis.document.id, span.start, span.end))
                if speakers is not None:
                    speakers[(analysis.document.id, span.start, span.end)] = span.attributed_to
    return {key: sorted(spans) for key, spans in found.items()}


def read_audit(path: Path = AUDIT) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def write_audit(rows: list[dict[str, str]], path: Path = AUDIT) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, FIELDS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def draw(name: str, seed: int, per_kind: dict[str, int], data: Path) -> None:
    rows = read_audit()
    read = {(r["document"], int(r["start"]), int(r["end"])) for r in rows}
    speakers: dict = {}
    spans = evidence_spans(data, speakers)
    for lang in LANGUAGES:
        for kind, n in per_kind.items():
            pool = [s for s in spans.get((lang, kind), []) if s not in read]
            random.Random(f"{seed}-{lang}-{kind}").shuffle(pool)
            for doc, start, end in pool[:n]:
                rows.append({"draw": name, "language": lang, "document": doc, "start": str(start), "end": str(end),
                             "shown": kind, "verdict": "", "reason": ""})
                text = (data / lang / "raw-documents" / doc).read_text(encoding="utf-8")
                before = [s for s in sentences(text) if s[1] <= start][-2:]
                shown = f" (attributed to {speakers[(doc, start, end)]})" if speakers.get((doc, start, end)) else ""
                print(f"[{lang} {kind}] {doc} {start}:{end}{shown}")
                print("   before:", " | ".join(text[a:b] for a, b in before))
                print("   span:  ", text[start:end], "\n")
    write_audit(rows)


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return 0.0, 0.0
    p = k / n
    centre, half = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


def summary() -> None:
    rows = read_audit()
    for name in dict.fromkeys(r["draw"] for r in rows):
        for kind in ("attributed", "stated"):
            judged = [r for r in rows if r["draw"] == name and r["shown"] == kind and r["verdict"]]
            counts = Counter(r["verdict"] for r in judged)
            parts = []
            for verdict, k in sorted(counts.items()):
                low, high = wilson(k, len(judged))
                parts.append(f"{verdict} {k} ({k / len(judged):.2f} [{low:.2f}, {high:.2f}])")
            print(f"{name:10} {kind:10} n={len(judged):3}  " + ", ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("draw", help="draw spans to read and add them to the audit file, verdicts empty")
    new.add_argument("--name", required=True)
    new.add_argument("--seed", type=int, required=True)
    new.add_argument("--attributed", type=int, default=12)
    new.add_argument("--stated", type=int, default=8)
    new.add_argument("--data", type=Path, default=DATA)
    sub.add_parser("summary", help="the verdicts of each draw, with Wilson intervals")
    args = parser.parse_args()
    if args.command == "draw":
        draw(args.name, args.seed, {"attributed": args.attributed, "stated": args.stated}, args.data)
    else:
        summary()


if __name__ == "__main__":
    main()

"""NER precision judged by reading: a random sample of the mentions the entity finder reports in
training articles, each judged a correct entity mention or not by a person who reads the language.

The judgements live in `benchmarks/ner_precision.tsv` (no article text: language, document id,
offsets, the mention as found, the verdict and a short reason):

    language  document  start  end  mention  verdict  reason

`verdict` is 1 when the span names an entity (person, organisation, place, country, named group or
institution) with the right boundaries (a possessive or a leading "the" tolerated), 0 otherwise
(a common word, a piece of a name, two names run together, a date, a commenter's handle, a site name
in a byline). `sample_mentions` draws the sample for a new round of judging.
"""
from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

JUDGEMENTS = Path(__file__).resolve().parents[4] / "benchmarks" / "ner_precision.tsv"
HEADER = ["language", "document", "start", "end", "mention", "verdict", "reason"]


@dataclass(frozen=True, slots=True)
class Judgement:
    lang: str
    doc: str
    start: int
    end: int
    mention: str
    verdict: int | None  # None: not judged yet
    reason: str = ""


def read_judgements(path: str | Path) -> list[Judgement]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))  # as written
    out = []
    for row in rows[1:]:
        if len(row) < 6 or not row[0].strip():
            continue
        verdict = row[5].strip()
        out.append(Judgement(row[0], row[1], int(row[2]), int(row[3]), row[4],
                             int(verdict) if verdict in ("0", "1") else None, row[6] if len(row) > 6 else ""))
    return out


def write_judgements(path: str | Path, rows: Sequence[Judgement]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            w.writerow([r.lang, r.doc, r.start, r.end, r.mention.replace("\t", " ").replace("\n", " "),
                        "" if r.verdict is None else r.verdict, r.reason])


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion k / n."""
    if n == 0:
        return math.nan, math.nan
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def precision_table(rows: Sequence[Judgement]) -> tuple[dict[str, dict], str]:
    """Per language: judged mentions, precision and its 95% Wilson interval."""
    out: dict[str, dict] = {}
    lines = [("NER precision judged by reading (random mentions that the finder, its gazetteer learned on the "
              "other 80%, finds in the lockbox articles; benchmarks/ner_precision.tsv)")]
    for lang in sorted({r.lang for r in rows}):
        judged = [r for r in rows if r.lang == lang and r.verdict is not None]
        k = sum(r.verdict for r in judged)
        low, high = wilson(k, len(judged))
        out[lang] = {"n": len(judged), "precision": round(k / max(len(judged), 1), 4),
                     "low": round(low, 4), "high": round(high, 4)}
        lines.append(f"{lang}: {k / max(len(judged), 1):.3f} [{low:.3f}, {high:.3f}] of {len(judged)} judged")
    if not rows:
        lines.append("no judgements found")
    return out, "\n".join(lines)


def sample_mentions(found: dict[str, list[tuple[str, int, int, str]]], per_language: int, seed: int = 19
                    ) -> list[Judgement]:
    """A uniform sample of `per_language` found mentions per language, from (document, start, end,
    mention) lists; sorted by document and offset for reading. A mention is drawn by a hash of its place,
    so that a finder that changes a few mentions keeps the rest of the sample (and its judgements)."""
    out = []
    for lang, spans in sorted(found.items()):
        def rank(span: tuple[str, int, int, str], lang: str = lang) -> str:
            return hashlib.sha1(f"{seed}|{lang}|{span[0]}|{span[1]}|{span[2]}".encode()).hexdigest()

        picked = sorted(spans, key=rank)[:per_language]
        out.extend(Judgement(lang, d, s, e, m, None) for d, s, e, m in sorted(picked))
    return out

"""Train and measure the entity finder's learned part: the per-language name lexicon (gazetteer).

`train_and_save` learns, per language, the entity names annotated in the SemEval-2025 Task 10 train
split (names only, as lower-case words with counts) and writes `models/entities/`; `cross_validate`
measures the recall of the annotated mentions with the lexicon learned on the other folds.
"""
from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import CARD_FILE, model_dir
from narrascope.nlp.ner import LexiconNER, finder_for
from narrascope.semeval.t10 import LANGUAGES, T10Document, read_split

MODEL_DIR = model_dir("entities")
LEXICON_FILE = "lexicon.json"
REBUILD = "narrascope train entities --data ../shared/data/semeval2025_task10"


def train_and_save(data: str | Path, out: str | Path = MODEL_DIR, folds: int = 5, seed: int | None = None,
                   progress: Callable[[str], None] | None = None) -> dict:
    """Learn the lexicon from the train split of `data`, measure its recall, save it with its card."""
    recall = train_entities(Path(data) / "train", Path(out) / LEXICON_FILE, folds)
    return {"size_kb": (Path(out) / LEXICON_FILE).stat().st_size / 1024, "table": recall_table(recall),
            "scores": recall}


def cross_validate(data: str | Path, folds: int = 5, seed: int | None = None,
                   progress: Callable[[str], None] | None = None) -> dict:
    """NER recall of the annotated mentions of the train split, per language."""
    recall = ner_recall(Path(data) / "train", folds)
    return {"scores": recall, "table": recall_table(recall)}


def recall_table(recall: dict[str, dict[str, float]]) -> str:
    return "\n".join(f"{lang}: NER recall {r['overlap']:.3f} (overlap), {r['exact']:.3f} (exact), "
                     f"{r['found_per_doc']:.1f} spans/document, {r['n']} mentions" for lang, r in recall.items())


def fit_lexicons(docs: Sequence[T10Document]) -> dict[str, LexiconNER]:
    by_lang: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_lang[d.lang.lower()].extend(m.text for m in d.mentions)
    return {lang: LexiconNER.fit(lang, names) for lang, names in sorted(by_lang.items())}


def save_lexicons(lexicons: dict[str, LexiconNER], path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    data = {"format": 1, "languages": {lang: lex.to_json() for lang, lex in lexicons.items()}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def document_folds(doc_ids: Sequence[str], folds: int) -> np.ndarray:
    """Fold of each document: stable (sorted ids, round robin), so runs are comparable."""
    order = {d: i for i, d in enumerate(sorted(doc_ids))}
    return np.array([order[d] % folds for d in doc_ids])


def ner_recall(
    split_dir: str | Path, folds: int = 5, languages: Sequence[str] = LANGUAGES, model_ner: bool = True
) -> dict[str, dict[str, float]]:
    """Share of annotated mentions the NER finds, the lexicon learned on the other folds only.
    `overlap`: a found span covers at least half of the mention; `exact`: same start and end."""
    docs = [d for d in read_split(split_dir, tuple(languages)) if d.mentions]
    out: dict[str, dict[str, float]] = {}
    for lang in sorted({d.lang for d in docs}):
        lang_docs = [d for d in docs if d.lang == lang]
        doc_fold = document_folds([d.id for d in lang_docs], folds)
        n = exact = overlap = found = 0
        for f in range(folds):
            lexicons = fit_lexicons([d for d, df in zip(lang_docs, doc_fold, strict=True) if df != f])
            test = [d for d, df in zip(lang_docs, doc_fold, strict=True) if df == f]
            finder = finder_for(lang.lower(), lexicons, model_ner=model_ner)
            for d, spans in zip(test, finder.find([d.text for d in test]), strict=True):
                found += len(spans)
                for m in d.mentions:
                    s, e = m.start, m.end + 1
                    n += 1
                    exact += any(sp.start == s and sp.end == e for sp in spans)
                    overlap += any(min(e, sp.end) - max(s, sp.start) >= 0.5 * (e - s) for sp in spans)
        out[lang] = {"n": n, "overlap": overlap / max(n, 1), "exact": exact / max(n, 1), "found_per_doc": found / max(len(lang_docs), 1)}
    return out


def train_entities(
    split_dir: str | Path,
    out: str | Path = MODEL_DIR / LEXICON_FILE,
    folds: int = 5,
    rebuild_command: str = REBUILD,
) -> dict[str, dict[str, float]]:
    """Learn the NER lexicon from all annotated mentions, measure NER recall by CV (folds >= 2),
    save the lexicon and its model card. Returns the recall per language."""
    docs = [d for d in read_split(split_dir) if d.mentions]
    lexicons = fit_lexicons(docs)
    save_lexicons(lexicons, out)
    recall = ner_recall(split_dir, folds) if folds >= 2 else {}
    out = Path(out)
    write_lexicon_card(out.parent / CARD_FILE, lexicons, recall, folds, datetime.date.today().isoformat(),
                       rebuild_command)
    return recall


def write_lexicon_card(path: Path, lexicons: dict[str, LexiconNER], recall: dict, folds: int, date: str, command: str) -> None:
    sizes = ", ".join(f"{lang.upper()} {len(lex.phrases)}" for lang, lex in lexicons.items())
    rows = "\n".join(
        f"| {lang} | {r['n']} | {r['overlap']:.3f} | {r['exact']:.3f} | {r['found_per_doc']:.1f} |"
        for lang, r in recall.items()
    )
    text = f"""# Model card: `entities` (NER gazetteer, `lexicon.json`)

- **What**: per language, the entity names annotated in the SemEval-2025 Task 10 `train` split, as
  lower-case words with their counts (names only, no article text), used by `narrascope.nlp.ner.LexiconNER` together with capitalised-word runs.
  Names per language: {sizes}.
- **Date built**: {date}.
- **Used for**: all languages. For BG, PT and HI (no offline NER package ships weights for them) the
  gazetteer plus runs of capitalised words (BG, PT) are the finder; EN uses the same gazetteer plus
  capitalised runs by default (as many gold mentions found as spaCy, ~20x faster; spaCy with
  `NARRASCOPE_NER_MODELS=en`); for RU the gazetteer is added to natasha, without capitalised runs.
  Names match by a 5-letter stem in inflecting languages, by the whole word in English.

## NER recall of the annotated mentions ({folds}-fold CV: lexicon learned on the other folds)

`overlap`: a found span covers at least half of the mention; `exact`: same offsets.

| language | mentions | recall (overlap) | recall (exact) | spans found per document |
|---|---:|---:|---:|---:|
{rows or '| not measured | | | | |'}

## Rebuild

    {command}
"""
    path.write_text(text, encoding="utf-8")

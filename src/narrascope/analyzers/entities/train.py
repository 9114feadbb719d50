"""Train and measure the entity finder's learned parts: the per-language name lexicon (gazetteer with
its common words) and the multilingual alias table of canonical names.

`train_and_save` learns both from the SemEval-2025 Task 10 train split (names and word lists only, no
article text) and writes `models/entities/`; `evaluate_lockbox` measures, on the lockbox with what was
learned from the other 80%, the recall of the annotated mentions, and reports the precision of the
found mentions judged by reading (`benchmarks/ner_precision.tsv`, see `precision.py`);
`cross_validate` measures the recall by k-fold cross-validation on all of train.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import model_dir, write_card
from narrascope.analyzers.entities.reference_names import reference_names, unambiguous
from narrascope.nlp.hindi_names import determined_words
from narrascope.nlp.lexicon_ner import TITLE_CONTEXT_LANGUAGES
from narrascope.nlp.names import is_cased
from narrascope.nlp.ner import LexiconNER, finder_for
from narrascope.nlp.text import WORD_CHARS, WORD_PATTERN, sentences
from narrascope.semeval.lockbox import development_documents, lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import T10Document, read_split

MODEL_DIR = model_dir("entities")
LEXICON_FILE = "lexicon.json"
ALIASES_FILE = "aliases.json"
REBUILD = "narrascope train entities --data ../shared/data/semeval2025_task10"
EVALUATE = "narrascope evaluate entities --data ../shared/data/semeval2025_task10 --lockbox"
_WORD = re.compile(WORD_PATTERN)
# Hindi words in at least this share of the training documents are no part of an unknown name. Train minus
# the lockbox, Hindi: with 2% the title rule found 49 annotated mentions the gazetteer (learned on other
# folds) missed, with 1% 31, with 0.5% 24 (names in the news recur across articles).
UNCASED_COMMON_SHARE = 0.02
# ... and a frequent Hindi word annotated fewer times than this per document containing it is no learned name.
# Training split: the 23 such one-word names are common nouns, titles and adjectives (and कोरिया and अरब, also
# "billion", which the gazetteer keeps inside longer names: "दक्षिण कोरिया"); just above 0.05 names and common
# words mix (एशिया, ब्रिक्स, अफ्रीका beside विशेषज्ञों, रूसी, गवर्नर).
MIN_MARKED_SHARE = 0.05


def train_and_save(data: str | Path, out: str | Path = MODEL_DIR, folds: int = 5, seed: int | None = None,
                   progress: Callable[[str], None] | None = None) -> dict:
    """Learn the lexicon and the alias table from the train split of `data`, save them, and write the
    card from the lockbox figures (unless folds < 2)."""
    from narrascope.analyzers.entities.aliases import learn_from_documents

    data, out = Path(data), Path(out)
    lockbox = evaluate_lockbox(data, progress=progress) if folds >= 2 else None
    docs = read_split(data / "train")
    annotated = [d for d in docs if d.mentions]
    lexicons = fit_lexicons(annotated, docs)
    save_lexicons(lexicons, out / LEXICON_FILE)
    canonicalizer = learn_from_documents(annotated, lexicons, docs)
    (out / ALIASES_FILE).write_text(json.dumps(canonicalizer.to_json(), ensure_ascii=False, indent=0), encoding="utf-8")
    write_entities_card(out, lexicons, canonicalizer, lockbox)
    size = sum((out / f).stat().st_size for f in (LEXICON_FILE, ALIASES_FILE)) / 1024
    return {"size_kb": size, "table": lockbox["table"] if lockbox else "", "scores": lockbox["scores"] if lockbox else {}}


def cross_validate(data: str | Path, folds: int = 5, seed: int | None = None,
                   progress: Callable[[str], None] | None = None) -> dict:
    """NER recall of the annotated mentions of the train split minus its lockbox, per language (k-fold CV)."""
    docs, part = development_documents(data, read_split(Path(data) / "train"), key=lambda d: (d.lang, d.id))
    recall = ner_recall(docs, folds)
    return {"scores": recall, "table": f"{part}\n{recall_table(recall)}"}


def evaluate_lockbox(data: str | Path, folds: int = 5, seed: int | None = None,
                     progress: Callable[[str], None] | None = None) -> dict:
    """Recall of the lockbox's annotated mentions with the lexicon learned on the other 80%, and the
    precision of found mentions judged by reading (with its 95% interval)."""
    from narrascope.analyzers.entities.precision import JUDGEMENTS, precision_table, read_judgements

    t0 = time.perf_counter()
    data = Path(data)
    docs = read_split(data / "train")
    dev, held = split_documents(docs, read_lockbox(lockbox_file(data)), key=lambda d: (d.lang, d.id))
    lexicons = fit_lexicons([d for d in dev if d.mentions], dev)
    recall = recall_on(lexicons, [d for d in held if d.mentions])
    baseline = plain_recall([d for d in dev if d.mentions], [d for d in held if d.mentions])
    judged = read_judgements(JUDGEMENTS) if JUDGEMENTS.exists() else []
    precision, precision_text = precision_table(judged)
    table = ("NER on the lockbox (lexicon learned on the other 80%)\n" + recall_table(recall)
             + "\n\nPlain baseline: the names annotated in the other 80%, found where written (any case), nothing else\n"
             + recall_table(baseline))
    table += "\n\n" + precision_text + f"\n\nRun time: {time.perf_counter() - t0:.0f} s"
    return {"table": table, "scores": {"recall": recall, "baseline_recall": baseline, "precision": precision,
                                       "seconds": round(time.perf_counter() - t0, 1)}}


def recall_table(recall: dict[str, dict[str, float]]) -> str:
    return "\n".join(f"{lang}: NER recall {r['overlap']:.3f} (overlap), {r['exact']:.3f} (exact), "
                     f"{r['found_per_doc']:.1f} spans/document, {r['n']} mentions" for lang, r in recall.items())


def fit_lexicons(docs: Sequence[T10Document], texts: Sequence[T10Document] | None = None) -> dict[str, LexiconNER]:
    """Per language: the names annotated in `docs`, and the common words of `texts` (default: `docs`)."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_lang[d.lang.lower()].extend(m.text for m in d.mentions)
    texts = texts if texts is not None else docs
    common = common_words(texts)
    lexicons = {lang: LexiconNER.fit(lang, names, common=common.get(lang, ())) for lang, names in sorted(by_lang.items())}
    for lang in TITLE_CONTEXT_LANGUAGES & set(lexicons):
        own = [d.text for d in texts if d.lang.lower() == lang]
        phrases = marked_often(lexicons[lang].surface, own)
        # Without capitals, a name nobody annotated is found only if the lexicon holds it (`reference_names`).
        for name in unambiguous(reference_names(lang), set(lexicons[lang].surface) - set(phrases)):
            phrases.setdefault(name, 1)
        lexicons[lang] = LexiconNER(lang, phrases, common=common.get(lang, ()), nouns=determined_words(own))
    return lexicons


def marked_often(phrases: dict[str, int], texts: Sequence[str]) -> dict[str, int]:
    """The learned names less the one-word ones that are frequent words (in UNCASED_COMMON_SHARE of `texts`)
    and that annotators marked fewer than MIN_MARKED_SHARE times per document containing them: in a script
    without capitals such a word is a common noun or adjective annotated once ("लोगों", "ऐसे", "अमेरिकी"),
    not a name, which annotators mark far more often where it appears ("रूस", "पुतिन")."""
    singles = {k for k in phrases if " " not in k}
    df: Counter[str] = Counter()
    for text in texts:
        df.update(singles.intersection(m.group().lower() for m in _WORD.finditer(text)))
    least = max(UNCASED_COMMON_SHARE * len(texts), 2)
    return {k: c for k, c in phrases.items() if df[k] < least or c >= MIN_MARKED_SHARE * df[k]}


def common_words(docs: Sequence[T10Document], min_lower: int = 2) -> dict[str, list[str]]:
    """Per language, the words that alone are no name. Cased scripts: the words written capitalised
    somewhere but mostly in lower case inside sentences ("treaty", "national", "американските"). Uncased
    scripts (Hindi): the words in at least UNCASED_COMMON_SHARE of the language's documents, which the
    title rule of `LexiconNER` does not take for an unknown name. Words only, no text."""
    lower: dict[str, Counter[str]] = defaultdict(Counter)
    upper: dict[str, Counter[str]] = defaultdict(Counter)
    capitalised: dict[str, set[str]] = defaultdict(set)
    uncased: dict[str, Counter[str]] = defaultdict(Counter)  # document frequency of uncased words
    n_docs: Counter[str] = Counter()
    for d in docs:
        lang = d.lang.lower()
        n_docs[lang] += 1
        starts = {m.start() for m in (_WORD.search(d.text, s, e) for s, e in sentences(d.text)) if m}
        seen: set[str] = set()
        for m in _WORD.finditer(d.text):
            w = m.group()
            if not is_cased(w):
                seen.add(w)
                continue
            key = w.lower()
            if w[0].islower():
                lower[lang][key] += 1
            else:
                capitalised[lang].add(key)
                if m.start() not in starts and not _line_start(d.text, m.start()):
                    upper[lang][key] += 1
        uncased[lang].update(seen)
    out = {lang: sorted(w for w in capitalised[lang] if lower[lang][w] >= min_lower
                        and lower[lang][w] >= upper[lang][w]) for lang in sorted(capitalised)}
    for lang in TITLE_CONTEXT_LANGUAGES & set(uncased):
        least = max(UNCASED_COMMON_SHARE * n_docs[lang], 2)
        out[lang] = sorted(set(out.get(lang, ())) | {w for w, n in uncased[lang].items() if n >= least})
    return out


def _line_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'«“„‘(—–-•*":
        i -= 1
    return i < 0 or text[i] == "\n"


def save_lexicons(lexicons: dict[str, LexiconNER], path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    data = {"format": 2, "languages": {lang: lex.to_json() for lang, lex in lexicons.items()}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def document_folds(doc_ids: Sequence[str], folds: int) -> np.ndarray:
    """Fold of each document: stable (sorted ids, round robin), so runs are comparable."""
    order = {d: i for i, d in enumerate(sorted(doc_ids))}
    return np.array([order[d] % folds for d in doc_ids])


def recall_on(lexicons: dict[str, LexiconNER], docs: Sequence[T10Document], model_ner: bool = True
              ) -> dict[str, dict[str, float]]:
    """Share of the annotated mentions of `docs` the finder reaches. `overlap`: a found span covers at
    least half of the mention; `exact`: same start and end."""
    out: dict[str, dict[str, float]] = {}
    for lang in sorted({d.lang for d in docs}):
        lang_docs = [d for d in docs if d.lang == lang]
        finder = finder_for(lang.lower(), lexicons, model_ner=model_ner)
        found = [[(sp.start, sp.end) for sp in spans] for spans in finder.find([d.text for d in lang_docs])]
        out[lang] = _recall(lang_docs, found)
    return out


def _recall(docs: Sequence[T10Document], found: Sequence[Sequence[tuple[int, int]]]) -> dict[str, float]:
    """`recall_on`'s figures for the spans `found` in each of `docs`."""
    n = exact = overlap = 0
    for d, spans in zip(docs, found, strict=True):
        for m in d.mentions:
            s, e = m.start, m.end + 1
            n += 1
            exact += (s, e) in spans
            overlap += any(min(e, b) - max(s, a) >= 0.5 * (e - s) for a, b in spans)
    return {"n": n, "overlap": overlap / max(n, 1), "exact": exact / max(n, 1),
            "found_per_doc": sum(map(len, found)) / max(len(docs), 1)}


def plain_recall(train: Sequence[T10Document], docs: Sequence[T10Document]) -> dict[str, dict[str, float]]:
    """`recall_on`'s figures for the plain baseline: every name annotated in `train` (its language's), found
    wherever `docs` write it as a whole phrase in any case; no rule, no capitals, no model."""
    out: dict[str, dict[str, float]] = {}
    for lang in sorted({d.lang for d in docs}):
        names = sorted({m.text.strip().lower() for d in train if d.lang == lang for m in d.mentions} - {""},
                       key=len, reverse=True)
        pattern = re.compile(rf"(?<![{WORD_CHARS}])(?:{'|'.join(map(re.escape, names))})(?![{WORD_CHARS}])",
                             re.IGNORECASE) if names else None
        lang_docs = [d for d in docs if d.lang == lang]
        out[lang] = _recall(lang_docs, [[m.span() for m in pattern.finditer(d.text)] if pattern else []
                                        for d in lang_docs])
    return out


def ner_recall(texts: Sequence[T10Document], folds: int = 5, model_ner: bool = True) -> dict[str, dict[str, float]]:
    """`recall_on` each fold with the lexicon learned on the other folds only (common words from all `texts`)."""
    docs = [d for d in texts if d.mentions]
    out: dict[str, dict[str, float]] = {}
    for lang in sorted({d.lang for d in docs}):
        lang_docs = [d for d in docs if d.lang == lang]
        doc_fold = document_folds([d.id for d in lang_docs], folds)
        parts = []
        for f in range(folds):
            lexicons = fit_lexicons([d for d, df in zip(lang_docs, doc_fold, strict=True) if df != f], texts)
            test = [d for d, df in zip(lang_docs, doc_fold, strict=True) if df == f]
            parts.append((recall_on(lexicons, test, model_ner)[lang], len(test)))
        n = sum(r["n"] for r, _ in parts)
        out[lang] = {"n": n, **{k: sum(r[k] * r["n"] for r, _ in parts) / max(n, 1) for k in ("overlap", "exact")},
                     "found_per_doc": sum(r["found_per_doc"] * k for r, k in parts) / max(len(lang_docs), 1)}
    return out


def write_entities_card(out: Path, lexicons: dict[str, LexiconNER], canonicalizer, lockbox: dict | None) -> None:
    sizes = ", ".join(f"{lang.upper()} {len(lex.phrases)} names / {len(lex.common)} common words"
                      + (f" / {len(lex.nouns)} common nouns" if lex.nouns else "") for lang, lex in lexicons.items())
    aliases = ", ".join(f"{lang.upper()} {len(t)}" for lang, t in sorted(canonicalizer.aliases.items()))
    titles = "; ".join(f"{lang.upper()} {', '.join(sorted(t)) if lang != 'en' else f'{len(t)} words'}"
                       for lang, t in sorted(canonicalizer.titles.items()))
    write_card(
        out,
        "Model card: `entities` (NER gazetteer `lexicon.json`, canonical names `aliases.json`)",
        "Names, word lists and name aliases learned from the SemEval-2025 Task 10 `train` split (no article text), "
        "used by `narrascope.nlp.lexicon_ner.LexiconNER` and `narrascope.analyzers.entities.canonical.Canonicalizer`.",
        {
            "Lexicon": f"per language, the annotated entity names (lower-case words, counts) and the words the "
                       f"language mostly writes in lower case; in Hindi, which has no capitals, also the words "
                       f"that follow a determiner or possessive in its training articles (common nouns, never an "
                       f"unknown name before the agent marker ने: `nlp/hindi_names.py`): {sizes}",
            "Aliases": f"(language, name key) -> canonical name, learned from the annotated mentions (surnames, "
                       f"acronyms, spellings across languages; `entities/aliases.py`), then, where the learned "
                       f"table lacks them, every country's name in each language (the ISO 3166 catalogues that "
                       f"`pycountry` ships; `entities/countries.py`), frequent places, organisations and "
                       f"agencies (`entities/known_names.py`), the persons found in the training articles whose "
                       f"full name reads as an English one (`entities/found_names.py`), and one casing for a name "
                       f"the training articles write in several (`NATO`, not `Nato`): {aliases}",
            "Titles": f"words cut before a person's name, so that `President X` is `X` (learned from the annotated "
                      f"mentions; English adds `names.EN_TITLES`): {titles or 'none'}",
            "Not learned": "descriptions of office holders (\"the French president\", `रूसी राष्ट्रपति`) join the "
                           "person of the article they clearly stand for by the article's own titles and a table "
                           "of office holders since 2019 (`entities/descriptions.py`, `entities/offices.py`); "
                           "the office words are cut from the names they open.",
            "Used for": "BG, PT, HI: the gazetteer plus capitalised runs (BG, PT) or, in Hindi, the words after an "
                        "office or trade (`nlp/hindi_names.py`; HI's common words are its frequent words) are the "
                        "finder; EN the same (spaCy "
                        "with `NARRASCOPE_NER_MODELS=en`); RU natasha plus the gazetteer. Reader comments, bylines "
                        "and site furniture are skipped (`narrascope.nlp.furniture`).",
            "Rebuild": f"`{REBUILD}`",
            "Reproduce the figures": f"`{EVALUATE}`",
        },
        {"Lockbox (learned on train minus the lockbox)":
         f"```\n{lockbox['table']}\n```" if lockbox else "Not measured in this build (trained with --folds 0)."},
    )

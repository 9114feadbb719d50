"""The technique model's card (`models/techniques/card.md`), written through `artifacts.write_card`.

Its scores are the lockbox figures of `narrascope evaluate techniques --lockbox --json FILE` (model and
plain baseline on the same held-out articles, with 95% bootstrap intervals); cross-validation figures
appear only as the training-time estimate they are.
"""
from __future__ import annotations

from pathlib import Path

from narrascope.analyzers.artifacts import write_card
from narrascope.analyzers.confidence import WEAK_PRECISION
from narrascope.analyzers.techniques.fitting import Settings
from narrascope.analyzers.techniques.train_spans import MIN_SHORT_SHARE, SHORT_CHARS

LOCKBOX_COMMAND = ("narrascope evaluate techniques --data ../shared/data/semeval2023_task3 --lockbox "
                   "--json lockbox.json")
TRAIN_COMMAND = "narrascope train techniques --data ../shared/data/semeval2023_task3 --lockbox-scores lockbox.json"


def _lockbox_section(lockbox: dict | None) -> str:
    if not lockbox:
        return ("No lockbox figures were given to this training run (`--lockbox-scores`); run\n"
                f"`{LOCKBOX_COMMAND}` and retrain with `{TRAIN_COMMAND}`.")
    ptc = lockbox.get("ptc", {})
    return f"""Trained on SemEval-2023 Task 3 `train` minus the lockbox ({lockbox['articles']['train']} articles),
scored once on the lockbox ({lockbox['articles']['lockbox']} articles: 20% of each language's `train`,
`../shared/data/splits/semeval2023_task3_lockbox.tsv`), beside the plain baseline trained on the same
articles (TF-IDF word 1-2-grams + logistic regression per technique, one threshold). 95% bootstrap
intervals over articles; `*`: the difference excludes 0. Run time {lockbox['seconds'] / 60:.0f} min on the
shared 2-core machine. PTC (SemEval-2020 Task 11) articles: {ptc.get('added', 0)} added,
{ptc.get('duplicates_of_lockbox', 0)} left out as near-duplicates of lockbox articles (leakage),
{ptc.get('duplicates_of_train', 0)} as near-duplicates of training articles.

```
{lockbox['table']}
```

Reproduce: `{LOCKBOX_COMMAND}`"""


def write_model_card(target: Path, model, settings: Settings, info: dict, lockbox: dict | None,
                     size_kb: float, seconds: float) -> Path:
    heads, context, spans = model.dense, model.context, model.spans
    facts = {
        "Task": "SemEval-2023 Task 3 subtask 3: the 23 persuasion techniques of every paragraph (non-empty line), "
                "with the words that carry each one",
        "Data": f"SemEval-2023 Task 3 `train`, six languages (en, it, ru, po=pl, fr, ge=de), {model.meta['articles']} "
                "articles, paragraph labels and character spans (read where the annotators put them: "
                "`semeval.t3.aligned_spans` undoes the line-end change that had moved the non-English spans); "
                "research use only, not redistributed; the dev split's gold was never used",
        "Files": f"`weights.npz` (int8 weights with a scale per technique, float32 heads), `meta.json`; {size_kb:.0f} kB; "
                 "no pickle, no text (n-grams and words are hashed)",
        "Training time": f"{seconds / 60:.0f} min on the shared 2-core machine",
        "Rebuild": f"`{TRAIN_COMMAND}`",
    }
    if spans is None:
        located = "whole sentences (the sentences above the sentence threshold, at least the best one)"
    else:
        segments = ("one span per label" if spans.share > 1 else
                    f"and every further run with {spans.share:.0%} of its gain")
        located = (
            "a logistic regression per technique scores each word of a paragraph with that technique (the word, "
            "its neighbours, bigrams, affixes, shape, punctuation, quotation marks, repetition in the article, "
            f"the sentence model's score; C={settings.span_c}); the run of words with the largest sum of "
            f"(score - threshold) is a span, {segments}; a span of function words alone (\"of\", \"his\") gives "
            "way to the paragraph's best sentence for the technique, none starts on a possessive's \"s\", and a "
            "Repetition span holds a word the article uses again (without one the label has no span); a span of "
            "names alone (\"Elysee\") is decoded again without them, but for Repetition, Slogans, Flag Waving and "
            "Red Herring, whose gold spans are names alone in 3.5-6.4% of cases. "
            "The thresholds maximise the span F1 expected under "
            f"the model's own paragraph labels with at least {MIN_SHORT_SHARE:.0%} of spans at most "
            f"{SHORT_CHARS} characters (out-of-fold: {info.get('span_cv_f1', 0):.3f}, "
            f"{info.get('span_short_share', 0):.0%} short)")
    heads_text = (f"logistic heads over the sentence vectors of `{heads.embedder}` averaged in (weight {heads.weight})"
                  if heads is not None else "no embedding heads")
    context_text = (f"a per-technique logistic regression over the first-stage scores of the paragraph, its "
                    f"neighbours and its article, blended {context.blend} / {1 - context.blend:.1f} with them"
                    if context is not None else "none (cross-validation chose the first stage alone)")
    how = "\n".join([
        ("- Paragraph labels, first stage: one-vs-rest logistic regressions (SGD) over hashed word 1-2-grams "
         f"(`nlp.text.WORD_PATTERN` words) and character 3-5-grams of sentences (C={settings.c_sent}) and "
         f"paragraphs (C={settings.c_par}), {len(model.columns)} columns kept, plus the language one-hot; "
         f"{heads_text}. Paragraph score = {model.mix} x paragraph model + {1 - model.mix} x best sentence."),
        f"- Second stage: {context_text}.",
        ("- Decision: per-technique thresholds maximising out-of-fold micro-F1, pulled "
         f"{settings.threshold_shrink:.0%} towards the best shared threshold."),
        (f"- Weak labels: a label scored below {f'{model.weak_below:.3f}' if model.weak_below is not None else 'n/a'} is "
         "marked `weak`: there, training's out-of-fold labels are right less often than not (a logistic fit of "
         f"rightness on the score's log-odds crosses {WEAK_PRECISION}; {info.get('weak_share', 0):.0%} of its out-of-fold "
         "labels). "
         "The report and the web page set weak labels apart; the SemEval outputs keep them."),
        f"- Spans: {located}.",
    ])
    cv = f"""Training-time estimate only (5-fold cross-validation on all of `train`, thresholds and context model
cross-fitted; spans here are sentence spans of the fold models). Held-out articles score lower: see the lockbox.

```
{info.get('cv_table', '')}
```"""
    limits = """- Six training languages. Another language gets the average language prior, and where the sentence
  encoder was built for it (Portuguese, not Bulgarian or Hindi) the embedding heads alone score it: left out
  of training one at a time, the six languages' lockbox articles scored paragraph micro-F1 0.342 [0.322,
  0.361] that way against 0.325 with the n-grams mixed in (+0.017 [+0.007, +0.028]; English alone lost,
  -0.018) and 0.435 when trained on (`python -m benchmarks.techniques_unseen`, 25 min). Bulgarian and Hindi
  keep both views, unmeasured; the analyzer warns about any language outside the six.
- Annotator agreement on techniques is low, and rare techniques (Appeal to Time, Whataboutism, Red
  Herring, ...) are seldom predicted.
- Spans: the gold spans of one technique in a paragraph are often several; the model gives one or a few.
  Partial-credit span F1 rewards long spans when placement is uncertain; the length constraint trades
  a little of it for spans a reader can check."""
    return write_card(
        target, "Model card: `techniques` (persuasion techniques, SemEval-2023 Task 3)",
        "Labels every paragraph of a news article with the persuasion techniques it uses and marks the words "
        "that carry each one.",
        facts, {"How it decides": how, "Lockbox": _lockbox_section(lockbox), "Cross-validation": cv,
                "Limits": limits},
    )

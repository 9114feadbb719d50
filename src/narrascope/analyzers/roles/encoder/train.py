"""`narrascope train roles-accurate` and `narrascope evaluate roles-accurate`: the encoder of the accurate mode.

The accurate mode averages the linear role model's probabilities with the fine-tuned encoder's
(`ENSEMBLE_SHARE` of the linear model's, chosen by cross-validation on train minus the lockbox).
- `train_and_save`: the encoder fine-tuned on every annotated mention of `train`, saved to
  `models/roles_encoder/` (only what fine-tuning changed) with its model card;
- `evaluate_lockbox`: encoder and linear model trained on train minus the lockbox, the ensemble scored on
  the lockbox beside the linear model alone (what it would replace) and the plain baselines;
- `cross_validate`: the same on the five document folds of the development mentions, for every share in
  `SHARES` (how `ENSEMBLE_SHARE` was chosen).
Fine-tuning needs torch (`pip install torch`; a GPU makes it minutes instead of about an hour a fit).
"""
from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import artifact_size_kb, write_artifact
from narrascope.analyzers.entities.aliases import learn_from_documents
from narrascope.analyzers.entities.train import fit_lexicons
from narrascope.analyzers.evaluation import format_comparisons
from narrascope.analyzers.roles.baseline import LabelledName, MajorityPair, NamePrior
from narrascope.analyzers.roles.context import RoleTaxonomy, prepare_documents
from narrascope.analyzers.roles.encoder import rows
from narrascope.analyzers.roles.encoder.card import write_model_card
from narrascope.analyzers.roles.encoder.runtime import MODEL_DIR
from narrascope.analyzers.roles.fitting import examples_of, fit_roles, spans_by_doc
from narrascope.analyzers.roles.lockbox import ScoredMention, comparisons, ece_interval
from narrascope.analyzers.roles.model import RoleModel
from narrascope.analyzers.roles.train import out_of_fold_probabilities
from narrascope.errors import ModelError
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import read_split

__all__ = ["ENSEMBLE_SHARE", "MODEL_DIR", "cross_validate", "evaluate_lockbox", "train_and_save"]

ENSEMBLE_SHARE = 0.5  # of the linear model's probabilities; the rest is the encoder's
SHARES = (0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0)
SETTINGS = {"lora": 16, "lr": 1e-3, "epochs": 4, "batch": 32, "seed": 1}  # finetune.Settings' defaults
Progress = Callable[[str], None]


def _finetune():
    try:
        from narrascope.analyzers.roles.encoder import finetune
    except ImportError as exc:
        raise ModelError("fine-tuning the role encoder needs torch: pip install torch (a CPU wheel works; "
                         "about an hour a fit on two cores, minutes on a GPU)") from exc
    return finetune


def _encoder_probabilities(data: Path, plan: str, progress: Progress, export: Path | None = None,
                           given: str = ""):
    """{row key: (p_main, p_fine)} of the encoder under `plan` (see `finetune.run`), or read from `given`
    (the .npz that `finetune --plan PLAN --probs FILE` wrote, e.g. on a GPU machine)."""
    if given:
        with np.load(given) as z:
            return {k: (m, f) for k, m, f in zip(z["keys"].tolist(), z["p_main"], z["p_fine"], strict=True)}
    finetune = _finetune()
    with tempfile.TemporaryDirectory() as tmp:  # article text in token form: never kept
        progress(rows.prepare(data, Path(tmp)))
        keys, _, probs = finetune.run(Path(tmp), plan, finetune.Settings(**SETTINGS), progress, export=export)
    n_main = len(RoleTaxonomy.load().mains)
    return {k: (p[:n_main], p[n_main:]) for k, p in zip(keys, probs, strict=True)}


def train_and_save(data: Path, out: Path = MODEL_DIR, folds: int = 5, seed: int | None = None,
                   progress: Progress = print, lockbox_report: str = "", fine_tuned: str = "", cv_report: str = "",
                   **_: str) -> dict:
    """Fine-tune on every annotated mention of `data`'s train split (or take `fine_tuned`, the weights
    `finetune --plan all --export FILE` wrote elsewhere); save with its model card."""
    started = time.time()
    tax = RoleTaxonomy.load()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(fine_tuned) if fine_tuned else Path(tmp) / "trained.npz"
        if not fine_tuned:
            _encoder_probabilities(Path(data), "all", progress, export=export)
        with np.load(export) as z:
            trained = {k: z[k] for k in z.files}
    meta = {"trained": date.today().isoformat(), "data": str(Path(data) / "train"), "mains": list(tax.mains),
            "fines": list(tax.fines), "settings": dict(SETTINGS), "ensemble_share": ENSEMBLE_SHARE,
            "train_seconds": round(time.time() - started), "fine_tuned_elsewhere": bool(fine_tuned)}
    report = json.loads(Path(lockbox_report).read_text(encoding="utf-8")) if lockbox_report else None
    cv = json.loads(Path(cv_report).read_text(encoding="utf-8")) if cv_report else None
    write_artifact(out, trained, meta)
    write_model_card(Path(out), meta, report, artifact_size_kb(out), cv)
    return {"table": "", "scores": {}, "size_kb": artifact_size_kb(out)}


def _linear_probabilities(model: RoleModel, ex) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    ctx = prepare_documents(ex.texts, ex.langs, spans_by_doc(ex), embedder=model.config.embedder, cache=True)
    p_main, p_fine = model.predict_proba(ctx, ex.mentions)
    return {f"{ex.doc_ids[m.doc_key]}#{i}": (p_main[i], p_fine[i]) for i, m in enumerate(ex.mentions)}


def _scored(ex, linear: dict, encoder: dict, share: float, model: RoleModel, baselines=None) -> list[ScoredMention]:
    """One ScoredMention per mention with the answers of the ensemble ("model"), the linear model alone,
    the encoder alone and (given) the plain baselines; the confidence shown is the ensemble's."""
    keys = [f"{ex.doc_ids[m.doc_key]}#{i}" for i, m in enumerate(ex.mentions)]
    missing = [k for k in keys if k not in encoder]
    if missing:
        raise ModelError(f"the encoder answered no row for {len(missing)} mentions (e.g. {missing[0]})")

    def decode(pm: np.ndarray, pf: np.ndarray) -> list[tuple[str, frozenset[str], float]]:
        return [(main, frozenset(f for f, _ in fines), score) for main, score, fines in model.decode(pm, pf)]

    lin_m, lin_f = np.array([linear[k][0] for k in keys]), np.array([linear[k][1] for k in keys])
    enc_m, enc_f = np.array([encoder[k][0] for k in keys]), np.array([encoder[k][1] for k in keys])
    systems = {"model": decode(share * lin_m + (1 - share) * enc_m, share * lin_f + (1 - share) * enc_f),
               "linear": decode(lin_m, lin_f), "encoder": decode(enc_m, enc_f)}
    out = []
    for i, m in enumerate(ex.mentions):
        lang = ex.langs[m.doc_key].upper()
        answers = {name: (a[i][0], a[i][1]) for name, a in systems.items()}
        if baselines:
            (mj_main, mj_fine), (pr_main, pr_fine) = baselines[0].predict(lang), baselines[1].predict(lang, m.key)
            answers |= {"majority": (mj_main, frozenset(mj_fine)), "name prior": (pr_main, frozenset(pr_fine))}
        out.append(ScoredMention(f"{lang}/{ex.doc_ids[m.doc_key]}", lang, (m.main_role or "", frozenset(m.fine_roles)),
                                 answers, confidence=systems["model"][i][2]))
    return out


def evaluate_lockbox(data: Path, folds: int = 5, seed: int | None = None, progress: Progress = print,
                     encoder_probs: str = "", **_: str) -> dict:
    """Encoder and linear model trained on train minus the lockbox; the lockbox scored (see the module)."""
    t0 = time.time()
    data = Path(data)
    dev, held = split_documents(read_split(data / "train"), read_lockbox(lockbox_file(data)),
                                key=lambda d: (d.lang, d.id))
    dev_annotated, held_annotated = [d for d in dev if d.mentions], [d for d in held if d.mentions]
    encoder = _encoder_probabilities(data, "lockbox", progress, given=encoder_probs)
    canonicalizer = learn_from_documents(dev_annotated, fit_lexicons(dev_annotated, dev), dev)
    model = fit_roles(dev_annotated, dev, canonicalizer, folds=folds, progress=progress)
    ex = examples_of(held_annotated, canonicalizer)
    dev_ex = examples_of(dev_annotated, canonicalizer)
    names = [LabelledName(dev_ex.langs[m.doc_key].upper(), m.key, m.main_role or "", m.fine_roles)
             for m in dev_ex.mentions]
    scored = _scored(ex, _linear_probabilities(model, ex), encoder, ENSEMBLE_SHARE, model,
                     (MajorityPair.fit(names), NamePrior.fit(names)))
    tables, scores = [], {"mentions": len(scored), "ensemble_share": ENSEMBLE_SHARE}
    for metric, title in (("emr", "exact-match ratio of fine roles (official)"), ("main", "main-role accuracy")):
        for other in ("linear", "encoder", "majority", "name prior"):
            cmp = comparisons(scored, "model", other, metric)
            tables.append(format_comparisons(f"Lockbox, {title}: accurate mode vs {other}", cmp))
            scores.setdefault(metric, {})[other] = {r.group: r.to_dict() for r in cmp}
    ece = ece_interval(scored, "model")
    scores["ece_main"] = ece.to_dict()
    tables.append(f"Expected calibration error of the accurate mode's main-role confidence (10 bins): {ece}")
    scores["seconds"] = round(time.time() - t0, 1)
    tables.append(f"Run time: {scores['seconds']:.0f} s")
    return {"table": "\n\n".join(tables), "scores": scores}


def cross_validate(data: Path, folds: int = 5, seed: int | None = None, progress: Progress = print,
                   encoder_probs: str = "", **_: str) -> dict:
    """Both models on the five document folds of the development mentions (train minus the lockbox); the
    ensemble's exact-match ratio and main-role accuracy (mean of the languages) for every share in SHARES."""
    data = Path(data)
    dev, _ = split_documents(read_split(data / "train"), read_lockbox(lockbox_file(data)),
                             key=lambda d: (d.lang, d.id))
    encoder = _encoder_probabilities(data, "cv", progress, given=encoder_probs)
    # The linear model on the same rows (rows.py's keys) and folds as the encoder's.
    ex, p_main, p_fine, model = out_of_fold_probabilities([d for d in dev if d.mentions], folds=5)
    linear = {f"{ex.doc_ids[m.doc_key]}#{i}": (p_main[i], p_fine[i]) for i, m in enumerate(ex.mentions)}
    lines, scores = [f"{'share of linear':<16}{'EMR (mean of languages)':>26}{'main-role accuracy':>22}"], {}
    for share in SHARES:
        scored = _scored(ex, linear, encoder, share, model)
        emr, main = (comparisons(scored, "model", "linear", metric)[-1] for metric in ("emr", "main"))
        scores[str(share)] = {"emr": emr.to_dict(), "main": main.to_dict()}
        lines.append(f"{share:<16}{emr.model.value:>18.3f} ({emr.difference.value:+.3f}){main.model.value:>14.3f} "
                     f"({main.difference.value:+.3f})")
    lines.append("(in brackets: difference to the linear model alone, same folds)")
    return {"table": "\n".join(lines), "scores": scores}

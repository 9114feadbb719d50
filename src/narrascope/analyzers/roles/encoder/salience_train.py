"""`narrascope train salience-accurate` and `evaluate salience-accurate`: the accurate mode's salience encoder.

The accurate mode decides which entities an article casts from a blend of two log-odds: `LINEAR_SHARE` of
the linear salience model's and the rest of the encoder's, fine-tuned on the found entities of the
training articles (`salience_rows.py`, `finetune.py`). Each language's cut on the blend is the most
precise one whose out-of-fold coverage of the annotated mentions reaches `TARGET_COVERAGE`, as for the
linear model.
- `cross_validate`: the share, on the development articles the encoder answered out of fold;
- `evaluate_lockbox`: the real entities + roles pipeline on the lockbox articles, the linear salience
  alone beside the blend (both trained on train minus the lockbox), with paired intervals;
- `train_and_save`: the encoder fine-tuned on every training article, saved to `models/salience_encoder/`
  with the cuts chosen on out-of-fold answers for the training articles, and its model card.
Fine-tuning needs torch: about an hour a fit on two CPU cores, under three minutes on a GPU, where
`finetune --plan cv|lockbox|all` writes the `--probs` and `--export` files these commands take.
"""
from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import artifact_size_kb, write_artifact
from narrascope.analyzers.entities.aliases import learn_from_documents
from narrascope.analyzers.entities.train import fit_lexicons
from narrascope.analyzers.roles.encoder import salience_rows
from narrascope.analyzers.roles.encoder.e5q4 import read
from narrascope.analyzers.roles.encoder.runtime import SALIENCE_DIR, SalienceEncoder, blend, logit
from narrascope.analyzers.roles.encoder.salience_card import write_salience_card
from narrascope.analyzers.roles.encoder.train import _finetune
from narrascope.analyzers.roles.fitting import fit_roles
from narrascope.analyzers.roles.lockbox import (
    confident_split,
    confident_table,
    paired_salience,
    pipeline_shown,
)
from narrascope.analyzers.roles.salience_train import (
    TARGET_COVERAGE,
    SalienceArticle,
    choose_cuts,
    confident_line,
    fit_salience,
    salience_scores,
)
from narrascope.errors import ModelError
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import read_split

__all__ = ["LINEAR_SHARE", "MODEL_DIR", "cross_validate", "evaluate_lockbox", "train_and_save"]

MODEL_DIR = SALIENCE_DIR

LINEAR_SHARE = 0.6  # of the linear model's log-odds, by cross-validation (the card)
SHARES = (1.0, 0.75, 0.6, 0.5, 0.4, 0.25, 0.0)
SETTINGS = {"lora": 16, "lr": 3e-4, "epochs": 3, "batch": 32, "seed": 1}  # at lr 1e-3 a fold can stay at the prior
Progress = Callable[[str], None]


def encoder_answers(data: Path, plans: Sequence[str], progress: Progress, given: str = "",
                    export: Path | None = None) -> dict[str, float]:
    """{row key: the encoder's log-odds of `cast`} under `plans` (see `finetune.run`), or read from `given`:
    comma-separated .npz files that `finetune --probs` wrote (e.g. on a GPU machine)."""
    out: dict[str, float] = {}
    if given:
        for name in given.split(","):
            with np.load(name.strip()) as z:
                out.update(zip(z["keys"].tolist(), logit(z["p_main"][:, 1]).tolist(), strict=True))
        return out
    finetune = _finetune()
    with tempfile.TemporaryDirectory() as tmp:  # article text in token form: never kept
        progress(salience_rows.prepare(data, Path(tmp), progress))
        for plan in plans:  # "all" last: its weights are the ones `export` keeps
            keys, _, probs = finetune.run(Path(tmp), plan, finetune.Settings(**SETTINGS), progress,
                                          export=export if plan != "cv" else None)
            if plan != "all":  # its answers are on rows it was trained on
                out.update(zip(keys, logit(probs[:, 1]).tolist(), strict=True))
    return out


def _given_both(encoder_probs: str, fine_tuned: str) -> bool:
    if bool(encoder_probs) != bool(fine_tuned):
        raise ModelError("give both --encoder-probs and --fine-tuned (from fine-tuning runs elsewhere), or neither "
                         "(to fine-tune here)")
    return bool(encoder_probs)


def answered(articles: Sequence[SalienceArticle], split: int, linear: np.ndarray, encoder: dict[str, float]
             ) -> tuple[list[SalienceArticle], np.ndarray, np.ndarray]:
    """The articles, with the linear and encoder scores of their entities (in order). An entity the encoder
    gave no answer for (one the entity finder found after the fine-tuning runs that answered the others) gets
    the linear model's log-odds, so its blend is the linear model's: its article still takes part in the
    cuts, which leaving it out would choose on the articles where the finder found nothing new."""
    keep, lin, enc, pos = [], [], [], 0
    for a in articles:
        keys = [salience_rows.row_key(split, a, e) for e in a.entities]
        keep.append(a)
        for k, p in zip(keys, linear[pos:pos + len(keys)], strict=True):
            lin.append(p)
            enc.append(encoder[k] if k in encoder else float(logit(np.array([p]))[0]))
        pos += len(keys)
    return keep, np.array(lin), np.array(enc)


def precision_at_target(articles: Sequence[SalienceArticle], probs: np.ndarray) -> dict[str, dict]:
    """`salience_scores` of the entities over each language's cut chosen on these same scores."""
    cuts = choose_cuts(articles, probs, TARGET_COVERAGE)
    shown, pos = [], 0
    for a in articles:
        shown.append([bool(probs[pos + i] >= cuts[a.lang]) for i in range(len(a.entities))])
        pos += len(a.entities)
    return salience_scores(articles, shown)


def cross_validate(data: Path, folds: int = 5, seed: int | None = None, progress: Progress = print,
                   encoder_probs: str = "", **_: str) -> dict:
    """For every share in SHARES, the precision at the coverage target on the development articles the
    encoder answered out of fold (mean of the languages and pooled), beside the linear model's."""
    sets = salience_rows.split_articles(Path(data), progress)
    encoder = encoder_answers(Path(data), ["cv"], progress, given=encoder_probs)
    _, linear = fit_salience(sets[0])
    articles, lin, enc = answered(sets[0], 0, linear, encoder)
    lines = [f"{len(articles)} development articles answered out of fold by both models, {len(lin)} entities",
             f"{'share of linear':<16}{'precision (mean of languages)':>31}{'pooled':>8}{'coverage':>10}"]
    scores = {}
    for share in SHARES:
        s = precision_at_target(articles, blend(lin, enc, share))
        mean = float(np.mean([v["precision"] for k, v in s.items() if k != "all"]))
        scores[str(share)] = {"mean_precision": mean, **{k: v for k, v in s.items()}}
        lines.append(f"{share:<16}{mean:>31.3f}{s['all']['precision']:>8.3f}{s['all']['coverage']:>10.3f}")
    return {"table": "\n".join(lines), "scores": scores}


def _cuts(articles: Sequence[SalienceArticle], split: int, linear: np.ndarray, encoder: dict[str, float]
          ) -> tuple[dict[str, float], float, int]:
    """Each language's cut on the blend, the line from which its shown entities are cast at least half the
    time (`salience_train.confident_line`), both read off out-of-fold answers, and how many articles had
    them."""
    keep, lin, enc = answered(articles, split, linear, encoder)
    if not keep:
        raise ModelError("the encoder answered no training article out of fold: give the --encoder-probs of "
                         "the cv (and lockbox) plans")
    probs = blend(lin, enc, LINEAR_SHARE)
    cuts = choose_cuts(keep, probs, TARGET_COVERAGE)
    return cuts, confident_line(keep, probs, cuts), len(keep)


def evaluate_lockbox(data: Path, folds: int = 5, seed: int | None = None, progress: Progress = print,
                     encoder_probs: str = "", fine_tuned: str = "", **_: str) -> dict:
    """The real pipeline on the lockbox articles: the linear salience, then the blend (see the module).
    `encoder_probs`: the cv plan's answers (for the cuts); `fine_tuned`: the lockbox plan's weights."""
    t0, data = time.time(), Path(data)
    sets = salience_rows.split_articles(data, progress)
    given = _given_both(encoder_probs, fine_tuned)
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(fine_tuned) if given else Path(tmp) / "lockbox.npz"
        encoder = encoder_answers(data, ["cv", "lockbox"], progress, given=encoder_probs, export=export)
        with np.load(export) as z:
            trained = {k: z[k] for k in z.files}
    _, linear = fit_salience(sets[0])
    cuts, confident, n_articles = _cuts(sets[0], 0, linear, encoder)
    progress(f"salience: cuts of the blend {({k: round(v, 3) for k, v in cuts.items()})} from {n_articles} articles")
    dev, held = split_documents(read_split(data / "train"), read_lockbox(lockbox_file(data)),
                                key=lambda d: (d.lang, d.id))
    dev_annotated, held_annotated = [d for d in dev if d.mentions], [d for d in held if d.mentions]
    canonicalizer = learn_from_documents(dev_annotated, fit_lexicons(dev_annotated, dev), dev)
    model = fit_roles(dev_annotated, dev, canonicalizer, folds=folds, progress=progress)
    sal = SalienceEncoder(read(), trained, {"linear_share": LINEAR_SHARE, "cuts": cuts, "confident": confident})
    articles, shown, sure = {}, {}, {}
    for name, encoder_or_none in (("linear", None), ("accurate", sal)):
        articles[name], shown[name], sure[name] = pipeline_shown(model, dev_annotated, dev, held_annotated,
                                                                 canonicalizer, encoder_or_none)
        progress(f"salience: lockbox pipeline run with the {name} salience ({time.time() - t0:.0f} s)")
    result = paired_salience(articles["accurate"], shown["accurate"], shown["linear"], "accurate mode", "linear")
    split = confident_split(articles["accurate"], shown["accurate"], sure["accurate"], confident)
    result["table"] += "\n\nAccurate mode. " + confident_table(split)
    result["scores"] |= {"linear_share": LINEAR_SHARE, "cuts": cuts, "confident": confident,
                         "confident_split": split, "seconds": round(time.time() - t0)}
    return result


def train_and_save(data: Path, out: Path = SALIENCE_DIR, folds: int = 5, seed: int | None = None,
                   progress: Progress = print, encoder_probs: str = "", fine_tuned: str = "",
                   lockbox_report: str = "", cv_report: str = "", **_: str) -> dict:
    """Fine-tune on every training article (or take `fine_tuned`, the all plan's weights), choose the cuts
    on out-of-fold answers for the training articles (`encoder_probs`: the cv and lockbox plans'), save."""
    started, data = time.time(), Path(data)
    sets = salience_rows.split_articles(data, progress)
    given = _given_both(encoder_probs, fine_tuned)
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(fine_tuned) if given else Path(tmp) / "all.npz"
        encoder = encoder_answers(data, ["cv", "lockbox", "all"], progress, given=encoder_probs, export=export)
        with np.load(export) as z:
            trained = {k: z[k] for k in z.files}
    _, linear = fit_salience(sets[2])  # what `narrascope train roles` fits, out of fold
    cuts, confident, n_articles = _cuts(sets[2], 2, linear, encoder)
    meta = {"trained": date.today().isoformat(), "data": str(data / "train"), "linear_share": LINEAR_SHARE,
            "cuts": cuts, "confident": confident, "cuts_from_articles": n_articles, "target_coverage": TARGET_COVERAGE,
            "settings": dict(SETTINGS), "train_seconds": round(time.time() - started),
            "fine_tuned_elsewhere": bool(fine_tuned)}
    write_artifact(out, trained, meta)
    report = json.loads(Path(lockbox_report).read_text(encoding="utf-8")) if lockbox_report else None
    cv = json.loads(Path(cv_report).read_text(encoding="utf-8")) if cv_report else None
    write_salience_card(Path(out), meta, report, artifact_size_kb(out), cv)
    return {"table": "", "scores": {"cuts": cuts}, "size_kb": artifact_size_kb(out)}

"""Scoring entity roles on the lockbox (issue 17): the model beside the plain baselines, per language.

Official subtask-1 measures, per language: the exact-match ratio of the fine-role sets (EMR) and the
main-role accuracy, both over mentions; intervals and differences come from resampling *articles*
(a language's mentions are not independent: an article casts its entities together). Also the
expected calibration error of the confidence shown for the main role.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrascope.analyzers.entities.aliases import learn_from_documents
from narrascope.analyzers.entities.analyzer import EntityAnalyzer
from narrascope.analyzers.entities.train import fit_lexicons
from narrascope.analyzers.evaluation import Comparison, Interval, bootstrap, format_comparisons
from narrascope.analyzers.roles.analyzer import RoleAnalyzer
from narrascope.analyzers.roles.baseline import LabelledName, MajorityPair, NamePrior
from narrascope.analyzers.roles.fitting import examples_of, fit_roles, predict_given
from narrascope.analyzers.roles.salience_train import SalienceArticle, label, salience_scores, shown_counts
from narrascope.document import Analysis, Document
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import read_split

log = logging.getLogger(__name__)

LANGS_ORDER = ("BG", "EN", "HI", "PT", "RU")
ECE_BINS = 10


@dataclass(slots=True)
class ScoredMention:
    """One lockbox mention: its article, language, the gold answer and each system's answer."""

    article: str
    lang: str
    gold: tuple[str, frozenset[str]]
    answers: dict[str, tuple[str, frozenset[str]]]  # system name -> (main role, fine roles)
    confidence: float = float("nan")  # the model's probability of its main role


def _hits(rows: Sequence[ScoredMention], system: str, metric: str) -> np.ndarray:
    if metric == "emr":
        return np.array([r.answers[system][1] == r.gold[1] for r in rows], float)
    return np.array([r.answers[system][0] == r.gold[0] for r in rows], float)


def _by_article(rows: Sequence[ScoredMention], values: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Per-article sums of `values`, mention counts and languages (in order of first appearance)."""
    index: dict[str, int] = {}
    for r in rows:
        index.setdefault(r.article, len(index))
    sums, counts = np.zeros(len(index)), np.zeros(len(index))
    langs = [""] * len(index)
    for r, v in zip(rows, values, strict=True):
        i = index[r.article]
        sums[i] += v
        counts[i] += 1
        langs[i] = r.lang
    return sums, counts, langs


def ratio_comparison(group: str, rows: Sequence[ScoredMention], system: str, baseline: str, metric: str,
                     per_language_mean: bool = False) -> Comparison:
    """Model vs baseline on a mention-level ratio (EMR or main-role accuracy), bootstrapped over articles.
    With `per_language_mean`, the statistic is the mean of the per-language ratios (articles resampled
    within their language)."""
    m_sum, n, langs = _by_article(rows, _hits(rows, system, metric))
    b_sum, _, _ = _by_article(rows, _hits(rows, baseline, metric))
    lang_arr = np.array(langs)
    groups = sorted(set(langs))

    def ratio(s: np.ndarray, idx: np.ndarray) -> float:
        if not per_language_mean:
            return float(s[idx].sum() / max(n[idx].sum(), 1))
        return float(np.mean([s[idx][lang_arr[idx] == g].sum() / max(n[idx][lang_arr[idx] == g].sum(), 1)
                              for g in groups]))

    strata = langs if per_language_mean else None
    model = bootstrap(lambda i: ratio(m_sum, i), len(n), strata=strata)
    base = bootstrap(lambda i: ratio(b_sum, i), len(n), strata=strata)
    diff = bootstrap(lambda i: ratio(m_sum, i) - ratio(b_sum, i), len(n), strata=strata)
    return Comparison(group, len(rows), model, base, diff)


def comparisons(rows: Sequence[ScoredMention], system: str, baseline: str, metric: str) -> list[Comparison]:
    """One row per language, then the mean of the languages."""
    langs = [lang for lang in LANGS_ORDER if any(r.lang == lang for r in rows)]
    out = [ratio_comparison(lang, [r for r in rows if r.lang == lang], system, baseline, metric) for lang in langs]
    out.append(ratio_comparison("mean", rows, system, baseline, metric, per_language_mean=True))
    return out


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[float], bins: int = ECE_BINS) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by the bins' sizes."""
    conf, hit = np.asarray(confidence, float), np.asarray(correct, float)
    if len(conf) == 0:
        return float("nan")
    which = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        sel = which == b
        if sel.any():
            total += sel.sum() * abs(hit[sel].mean() - conf[sel].mean())
    return float(total / len(conf))


def ece_interval(rows: Sequence[ScoredMention], system: str) -> Interval:
    """ECE of the main-role confidence, with a bootstrap interval over articles."""
    index: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        index.setdefault(r.article, []).append(i)
    articles = list(index.values())
    conf = np.array([r.confidence for r in rows])
    hit = _hits(rows, system, "main")

    def stat(idx: np.ndarray) -> float:
        take = np.concatenate([articles[i] for i in idx]) if len(idx) else np.array([], int)
        return expected_calibration_error(conf[take], hit[take])

    return bootstrap(stat, len(articles), draws=500)


def evaluate_lockbox(data: str | Path, folds: int = 5, seed: int | None = None,
                     progress: Callable[[str], None] | None = None, **options) -> dict:
    """Train on train minus the lockbox, score the lockbox beside the plain baselines (see the module
    docstring), and run the real entities + roles pipeline on the lockbox articles to measure which
    entities it shows with a role."""
    t0 = time.perf_counter()
    say = progress or (lambda message: log.info(message))
    data = Path(data)
    everything = read_split(data / "train")
    dev, held = split_documents(everything, read_lockbox(lockbox_file(data)), key=lambda d: (d.lang, d.id))
    dev_annotated, held_annotated = [d for d in dev if d.mentions], [d for d in held if d.mentions]
    say(f"lockbox: {len(held_annotated)} annotated articles held out, {len(dev_annotated)} to train on")
    canonicalizer = learn_from_documents(dev_annotated, fit_lexicons(dev_annotated, dev), dev)
    model = fit_roles(dev_annotated, dev, canonicalizer, folds=folds, progress=say)
    ex, answers = predict_given(model, held_annotated, canonicalizer)
    dev_ex = examples_of(dev_annotated, canonicalizer)
    rows_dev = [LabelledName(dev_ex.langs[m.doc_key].upper(), m.key, m.main_role or "", m.fine_roles)
                for m in dev_ex.mentions]
    majority, prior = MajorityPair.fit(rows_dev), NamePrior.fit(rows_dev)
    scored = []
    for m, (main, fines, conf) in zip(ex.mentions, answers, strict=True):
        lang = ex.langs[m.doc_key].upper()
        scored.append(ScoredMention(
            article=f"{lang}/{ex.doc_ids[m.doc_key]}", lang=lang, gold=(m.main_role or "", frozenset(m.fine_roles)),
            answers={"model": (main, fines), "majority": answer_pair(majority.predict(lang)),
                     "name prior": answer_pair(prior.predict(lang, m.key))}, confidence=conf))
    say("lockbox: roles scored; running the entities + roles pipeline on the lockbox articles")
    salience = pipeline_salience(model, dev_annotated, dev, held_annotated, canonicalizer)
    ece = ece_interval(scored, "model")
    result = lockbox_report(scored, ece, salience, model, time.perf_counter() - t0)
    say(f"lockbox: done in {time.perf_counter() - t0:.0f} s")
    return result


def answer_pair(p: tuple[str, tuple[str, ...]]) -> tuple[str, frozenset[str]]:
    """A baseline's (main role, sorted fine roles) as a ScoredMention answer."""
    return p[0], frozenset(p[1])


def pipeline_salience(model, dev_annotated, dev, held_annotated, canonicalizer) -> dict:
    """Precision and coverage of the entities the real pipeline shows with a role on the lockbox
    articles, beside showing every found entity with a role (what the analyzer did before salience)."""
    articles, shown, confident = pipeline_shown(model, dev_annotated, dev, held_annotated, canonicalizer)
    line = model.salience.confident if model.salience else 0.0
    return {"model": salience_scores(articles, shown), "intervals": salience_intervals(articles, shown),
            **confident_split(articles, shown, confident, line),
            "every entity": salience_scores(articles, [[True] * len(a.entities) for a in articles]),
            "entities per article": {lang: sum(len(a.entities) for a in articles if a.lang == lang)
                                     / max(1, sum(1 for a in articles if a.lang == lang))
                                     for lang in sorted({a.lang for a in articles})}}


def pipeline_shown(model, dev_annotated, dev, held_annotated, canonicalizer, salience_encoder=None
                   ) -> tuple[list[SalienceArticle], list[list[bool]], list[list[bool]]]:
    """The entities the real entities + roles pipeline finds in each of `held_annotated` (the finder's
    gazetteer learned on `dev_annotated`), which of them it shows with a role, and which of those it
    shows with a role not marked weak (what "Confident labels only" keeps)."""
    lexicons = fit_lexicons(dev_annotated, dev)
    entities, roles = EntityAnalyzer(lexicons, canonicalizer=canonicalizer), RoleAnalyzer(model, salience_encoder)
    batch = [Analysis(document=Document(text=d.text, id=d.id, lang=d.lang.lower()), language=d.lang.lower())
             for d in held_annotated]
    for i in range(0, len(batch), 32):
        roles.process_batch(entities.process_batch(batch[i : i + 32]))
    articles = [SalienceArticle(d, a.entities, label(d, a.entities)) for d, a in zip(held_annotated, batch, strict=True)]
    return (articles, [[e.main_role is not None for e in a.entities] for a in articles],
            [[e.main_role is not None and not e.weak for e in a.entities] for a in articles])


def salience_intervals(articles: Sequence[SalienceArticle], shown: Sequence[Sequence[bool]]) -> dict[str, dict]:
    """Per language and pooled: the precision and coverage of `salience_scores` with 95% intervals from
    resampling articles (an article casts its entities together; within languages for the pooled row)."""
    counts = shown_counts(articles, shown)  # shown, of those cast, annotated mentions, of those covered
    langs = np.array([a.lang for a in articles])
    out: dict[str, dict] = {}
    for group in [*sorted(set(langs.tolist())), "all"]:
        keep = counts[langs == group] if group != "all" else counts
        strata = langs if group == "all" else None
        out[group] = {name: _ratio_interval(keep, num, den, strata).to_dict()
                      for name, num, den in (("precision", 1, 0), ("coverage", 3, 2))}
    return out


def _ratio_interval(counts: np.ndarray, num: int, den: int, strata: np.ndarray | None) -> Interval:
    """Sum of column `num` over sum of column `den`, bootstrapped over the rows (articles)."""
    return bootstrap(lambda i: counts[i, num].sum() / max(counts[i, den].sum(), 1), len(counts), strata=strata)


def lockbox_report(scored: Sequence[ScoredMention], ece: Interval, salience: dict, model, seconds: float) -> dict:
    """The printed tables and the JSON figures of a lockbox run."""
    tables, scores = [], {"seconds": round(seconds, 1), "mentions": len(scored),
                          "temperature": round(model.temperature, 4), "weak_below": model.config.weak_below}
    for metric, title in (("emr", "exact-match ratio of fine roles (official)"), ("main", "main-role accuracy")):
        for baseline in ("majority", "name prior"):
            rows = comparisons(scored, "model", baseline, metric)
            tables.append(format_comparisons(f"Lockbox, {title}: model vs {baseline} baseline", rows))
            scores.setdefault(metric, {})[baseline] = {r.group: r.to_dict() for r in rows}
    scores["ece_main"] = ece.to_dict()
    tables.append(f"Expected calibration error of the main-role confidence ({ECE_BINS} bins): {ece}")
    scores["salience"] = salience
    lines = [("Entities shown with a role by the entities + roles pipeline (lockbox articles): precision = share "
              "annotators cast, coverage = share of annotated mentions covered"),
             "95% intervals from resampling articles",
             (f"{'':<6}{'shown':>7}  {'precision [95% CI]':<22}{'coverage [95% CI]':<22}every entity: {'shown':>6}"
              f"{'precision':>11}{'coverage':>10}")]
    for group, s in salience["model"].items():
        b, iv = salience["every entity"][group], salience["intervals"][group]
        precision, coverage = (f"{iv[k]['value']:.3f} [{iv[k]['low']:.3f}, {iv[k]['high']:.3f}]"
                               for k in ("precision", "coverage"))
        lines.append(f"{group:<6}{s['shown']:>7}  {precision:<22}{coverage:<22}{'':>14}"
                     f"{b['shown']:>6}{b['precision']:>11.3f}{b['coverage']:>10.3f}")
    tables.append("\n".join(lines))
    tables.append(confident_table(salience))
    tables.append(f"Run time: {seconds:.0f} s")
    return {"table": "\n\n".join(tables), "scores": scores}


def confident_split(articles: Sequence[SalienceArticle], shown: Sequence[Sequence[bool]],
                    confident: Sequence[Sequence[bool]], line: float) -> dict:
    """Precision and coverage of the entities shown with a role and not marked weak (with intervals), and
    of the weak ones; `line`: the salience line the analyzer used (for the table's heading)."""
    weak = [[s and not c for s, c in zip(sa, ca, strict=True)] for sa, ca in zip(shown, confident, strict=True)]
    return {"confident": salience_scores(articles, confident), "confident intervals": salience_intervals(articles, confident),
            "weak": salience_scores(articles, weak), "line": line, "calibration": salience_calibration(articles)}


def salience_calibration(articles: Sequence[SalienceArticle]) -> dict[str, dict[str, float]]:
    """Per language and pooled, over every found entity: the mean salience and the share annotators cast.
    One salience line serves every language only if these agree in each."""
    rows: dict[str, list[tuple[float, bool]]] = {}
    for a in articles:
        for e, c in zip(a.entities, a.covers, strict=True):
            rows.setdefault(a.lang, []).append((e.salience, c > 0))
    rows["all"] = [r for group in list(rows.values()) for r in group]
    return {g: {"mean_salience": float(np.mean([p for p, _ in r])) if r else 0.0,
                "cast_rate": float(np.mean([c for _, c in r])) if r else 0.0, "entities": len(r)}
            for g, r in rows.items()}


def confident_table(salience: dict) -> str:
    """The entities shown with a role that are not marked weak (cast confidently and with a sure role),
    beside the weak ones: what a reader who trusts only the confident roles sees."""
    lines = [("Of those, the ones not marked weak (the \"Confident labels only\" view: a sure role and a salience of "
              f"at least {salience.get('line', 0.0):.3f}) and the weak ones: precision = share annotators cast"),
             (f"{'':<6}{'confident':>10}  {'precision [95% CI]':<22}{'coverage [95% CI]':<22}{'weak':>6}"
              f"{'precision':>11}  {'found: mean salience / cast':>28}")]
    calibration = salience.get("calibration", {})
    for group, s in salience["confident"].items():
        iv, w = salience["confident intervals"][group], salience["weak"][group]
        precision, coverage = (f"{iv[k]['value']:.3f} [{iv[k]['low']:.3f}, {iv[k]['high']:.3f}]"
                               for k in ("precision", "coverage"))
        cal = calibration.get(group)
        cal_cell = f"{cal['mean_salience']:.3f} / {cal['cast_rate']:.3f}" if cal else ""
        lines.append(f"{group:<6}{s['shown']:>10}  {precision:<22}{coverage:<22}{w['shown']:>6}{w['precision']:>11.3f}"
                     f"  {cal_cell:>28}")
    return "\n".join(lines)


def paired_salience(articles: Sequence[SalienceArticle], shown: Sequence[Sequence[bool]],
                    other: Sequence[Sequence[bool]], name: str, other_name: str) -> dict:
    """Precision and coverage of two choices of shown entities among the same found entities (`shown`
    by `name`, `other` by `other_name`), per language and pooled, with 95% intervals of each and of their
    difference (articles resampled together, within languages for the pooled row)."""
    mine, theirs = shown_counts(articles, shown), shown_counts(articles, other)
    langs = np.array([a.lang for a in articles])
    scores: dict[str, dict] = {}
    lines = [(f"Entities shown with a role on the lockbox articles: {name} vs {other_name} (same entities "
              "found; 95% intervals from resampling articles)"),
             f"{'':<6}{'shown':>13}  {'precision':<46}{'coverage'}"]
    for group in [*sorted(set(langs.tolist())), "all"]:
        idx = np.flatnonzero(langs == group) if group != "all" else np.arange(len(langs))
        row: dict[str, dict] = {"shown": {name: int(mine[idx, 0].sum()), other_name: int(theirs[idx, 0].sum())}}
        cells = []
        for metric, num, den in (("precision", 1, 0), ("coverage", 3, 2)):
            a, b, d = _paired_ratio(mine[idx], theirs[idx], num, den, langs[idx] if group == "all" else None)
            row[metric] = {name: a.to_dict(), other_name: b.to_dict(), "difference": d.to_dict()}
            cells.append(f"{a.value:.3f} vs {b.value:.3f}: {d.value:+.3f} [{d.low:+.3f}, {d.high:+.3f}]")
        scores[group] = row
        lines.append(f"{group:<6}{row['shown'][name]:>6} /{row['shown'][other_name]:>5}  {cells[0]:<46}{cells[1]}")
    return {"table": "\n".join(lines), "scores": {"salience": scores}}


def _paired_ratio(mine: np.ndarray, theirs: np.ndarray, num: int, den: int, strata: np.ndarray | None
                  ) -> tuple[Interval, Interval, Interval]:
    """Column `num` over column `den` of each count table, and their difference, resampling the same rows."""
    def ratio(counts: np.ndarray, i: np.ndarray) -> float:
        return counts[i, num].sum() / max(counts[i, den].sum(), 1)
    return (bootstrap(lambda i: ratio(mine, i), len(mine), strata=strata),
            bootstrap(lambda i: ratio(theirs, i), len(mine), strata=strata),
            bootstrap(lambda i: ratio(mine, i) - ratio(theirs, i), len(mine), strata=strata))

"""The entity-role classifier: the context of a mention -> main role first, then fine roles.

Features (`features.py`) describe what the article says around the mention and about the entity,
with the mention itself masked, plus the roles its name got in training. Two softmax regressions
(`softmax.py`) read the same features: one over the three main roles, with class weights (`class_power`:
the rarer Protagonist and Innocent roles count more), one over the fine roles. The main role is
decided first; the fine roles are then read among its children only (every fine role belongs to one
main role), an extra one added when its score is close to the best (`second_ratio`). The main role's
probability is calibrated by a temperature fitted on out-of-fold predictions of the training data, so
that a confidence of 0.7 is right about 70% of the time; below `weak_below` the role is marked weak.
Everything is stored as arrays (.npz) and JSON: no pickle.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import model_dir, read_artifact, write_artifact
from narrascope.analyzers.roles.context import DocContext, MentionInput, RoleTaxonomy, name_key
from narrascope.analyzers.roles.features import (
    SPARSE_KINDS,
    NeighbourPriors,
    RolePriors,
    Tfidf,
    article_vector,
    dense_block,
    language_block,
    own_article_counts,
    texts_of,
)
from narrascope.analyzers.roles.salience import SalienceModel
from narrascope.analyzers.roles.softmax import class_weights, fit_softmax, fit_temperature, logits, softmax
from narrascope.errors import ModelError

log = logging.getLogger(__name__)
MODEL_DIR = model_dir("roles")
BLOCKS = (*SPARSE_KINDS, "dense", "language", "prior", "neighbours")
LEARNED = 2  # the last blocks are built from training labels (priors): rebuilt out of fold for calibration


@dataclass(slots=True)
class RoleModelConfig:
    C_main: float = 1.0
    C_fine: float = 1.0
    weights: dict[str, float] = field(default_factory=lambda: {**dict.fromkeys(BLOCKS, 1.0), "neighbours": 0.0})
    window: int = 20  # words on each side of the mention
    class_power: float = 0.5  # class weights (n / (k n_class)) ** power for the main roles
    fine_class_power: float = 0.0  # the same for the fine roles under each main role
    second_ratio: float = 1.01  # extra fine role when its score >= ratio * best (>1 = never)
    calibration_folds: int = 5  # out-of-fold predictions that fit the temperature (0: none)
    weak_below: float = 0.55  # calibrated main-role probability under which a role is shown as weak
    embedder: str = "use"


class RoleModel:
    """Fit/predict entity roles from mention contexts (see the module docstring)."""

    def __init__(self, config: RoleModelConfig | None = None, taxonomy: RoleTaxonomy | None = None):
        self.config = config or RoleModelConfig()
        self.taxonomy = taxonomy or RoleTaxonomy.load()
        self.tfidf: dict[str, Tfidf] = {}
        self.priors: RolePriors | None = None
        self.neighbours: NeighbourPriors | None = None
        self.main_w: list[np.ndarray] = []
        self.main_b: np.ndarray | None = None
        # One fine-role model per main role, over that main role's children only.
        self.fine_w: dict[str, list[np.ndarray]] = {}
        self.fine_b: dict[str, np.ndarray] = {}
        self.temperature = 1.0
        self.salience: SalienceModel | None = None  # which found entities the article casts at all
        self.meta: dict = {}

    # ---- features -------------------------------------------------------------------------
    def _blocks(self, docs: list[DocContext], mentions: list[MentionInput], fit: bool = False,
                exclude: np.ndarray | None = None) -> list:
        w = self.config.weights
        out = []
        for kind in SPARSE_KINDS:
            texts = texts_of(kind, docs, mentions, self.config.window)
            if fit:
                self.tfidf[kind] = Tfidf(kind)
                out.append(self.tfidf[kind].fit_transform(texts) * w[kind])
            else:
                out.append(self.tfidf[kind].transform(texts) * w[kind])
        out.append(dense_block(docs, mentions) * w["dense"])
        out.append(language_block(docs, mentions) * w["language"])
        out.extend(self._learned_blocks(docs, mentions, self.priors, self.neighbours, exclude, own=fit))
        return out

    def _learned_blocks(self, docs, mentions, priors: RolePriors | None, neighbours: NeighbourPriors | None,
                        exclude: np.ndarray | None = None, own: bool = False) -> list[np.ndarray]:
        """The name prior and the similar-articles prior; `own` (training rows): leave their articles out."""
        assert priors is not None
        w = self.config.weights
        keys = self._keys(docs, mentions)
        out = [priors.features(keys, exclude) * w["prior"]]
        width = len(priors.global_dist) + 1
        if neighbours is None or not w["neighbours"]:
            out.append(np.zeros((len(mentions), width), np.float32))
        else:
            vectors = np.stack([self._article_vector(docs, m.doc_key) for m in mentions]) if mentions else None
            articles = [m.doc_key for m in mentions] if own else None
            out.append(neighbours.features(keys, vectors, articles) * w["neighbours"])
        return out

    def _article_vector(self, docs: list[DocContext], k: int) -> np.ndarray:
        doc = docs[k]
        if doc._article_vector is None:
            doc._article_vector = article_vector(doc)
        return doc._article_vector

    def _neighbours(self, docs, mentions, labels, priors: RolePriors) -> NeighbourPriors | None:
        if not self.config.weights["neighbours"]:
            return None
        vectors = np.stack([self._article_vector(docs, m.doc_key) for m in mentions])
        return NeighbourPriors(self._keys(docs, mentions), np.array([m.doc_key for m in mentions]), vectors,
                               labels, priors.global_dist)

    @staticmethod
    def _keys(docs: list[DocContext], mentions: list[MentionInput]) -> list[str]:
        return [m.key or name_key(docs[m.doc_key].lang, docs[m.doc_key].text[m.start : m.end]) for m in mentions]

    def _targets(self, mentions: list[MentionInput]) -> tuple[np.ndarray, np.ndarray]:
        tax = self.taxonomy
        main = np.zeros((len(mentions), len(tax.mains)))
        fine = np.zeros((len(mentions), len(tax.fines)))
        for r, m in enumerate(mentions):
            main[r, tax.mains.index(m.main_role)] = 1.0
            fines = [f for f in m.fine_roles if f in tax.fines]
            for f in fines:
                fine[r, tax.fines.index(f)] = 1.0 / len(fines)
        return main, fine

    # ---- fit / predict ----------------------------------------------------------------------
    def fit(self, docs: list[DocContext], mentions: list[MentionInput]) -> RoleModel:
        cfg = self.config
        mentions = [m for m in mentions if m.main_role in self.taxonomy.mains]
        y_main, y_fine = self._targets(mentions)
        labels = np.hstack([y_fine, y_main]).astype(np.float32)
        keys = self._keys(docs, mentions)
        doc_keys = [m.doc_key for m in mentions]
        self.priors = RolePriors.fit(keys, labels, len(self.taxonomy.mains))
        self.neighbours = self._neighbours(docs, mentions, labels, self.priors)
        exclude = own_article_counts(keys, doc_keys, labels)
        t0 = time.perf_counter()
        blocks = self._blocks(docs, mentions, fit=True, exclude=exclude)
        log.info("role features: %s in %.1fs", [b.shape[1] for b in blocks], time.perf_counter() - t0)
        main_sw = (y_main * class_weights(y_main, cfg.class_power)).sum(1)
        self.main_w, self.main_b = fit_softmax(blocks, y_main, cfg.C_main, main_sw)
        for k, main in enumerate(self.taxonomy.mains):
            rows = np.flatnonzero(y_main[:, k] > 0)
            children = self._children(main)
            targets = y_fine[np.ix_(rows, children)]
            keep = targets.sum(1) > 0
            rows, targets = rows[keep], targets[keep] / targets[keep].sum(1, keepdims=True)
            fine_sw = (targets * class_weights(targets, cfg.fine_class_power)).sum(1)
            self.fine_w[main], self.fine_b[main] = fit_softmax([b[rows] for b in blocks], targets, cfg.C_fine, fine_sw)
        log.info("role models fitted in %.1fs", time.perf_counter() - t0)
        if cfg.calibration_folds >= 2:
            self.temperature = self._fit_temperature(docs, mentions, blocks, y_main, labels, keys, main_sw)
        self.meta = {"n_train_mentions": len(mentions), "n_features": int(sum(b.shape[1] for b in blocks)),
                     "temperature": round(self.temperature, 4)}
        return self

    def _fit_temperature(self, docs, mentions, blocks, y_main, labels, keys, main_sw) -> float:
        """Temperature of the main role's logits, from out-of-fold logits (articles grouped in folds; the
        name priors rebuilt without the held-out fold, the n-gram vocabularies shared)."""
        cfg = self.config
        doc_ids = sorted({m.doc_key for m in mentions})
        fold_of = {d: i % cfg.calibration_folds for i, d in enumerate(doc_ids)}  # articles kept together
        folds = np.array([fold_of[m.doc_key] for m in mentions])
        z = np.zeros_like(y_main)
        fixed = len(blocks) - LEARNED
        for f in range(cfg.calibration_folds):
            tr, te = np.flatnonzero(folds != f), np.flatnonzero(folds == f)
            if not len(te) or not len(tr):
                continue
            train_m, test_m = [mentions[i] for i in tr], [mentions[i] for i in te]
            priors = RolePriors.fit([keys[i] for i in tr], labels[tr], len(self.taxonomy.mains))
            neighbours = self._neighbours(docs, train_m, labels[tr], priors)
            own = own_article_counts([keys[i] for i in tr], [m.doc_key for m in train_m], labels[tr])
            train_blocks = [b[tr] for b in blocks[:fixed]] + self._learned_blocks(docs, train_m, priors, neighbours,
                                                                                   own, own=True)
            test_blocks = [b[te] for b in blocks[:fixed]] + self._learned_blocks(docs, test_m, priors, neighbours)
            weights, bias = fit_softmax(train_blocks, y_main[tr], cfg.C_main, main_sw[tr])
            z[te] = logits(test_blocks, weights, bias)
        return fit_temperature(z, y_main.argmax(1))

    def predict_proba(self, docs: list[DocContext], mentions: list[MentionInput]) -> tuple[np.ndarray, np.ndarray]:
        """(n, n_main) calibrated and (n, n_fine) probabilities."""
        if self.main_b is None:
            raise ModelError("the role model is not fitted")
        tax = self.taxonomy
        if not mentions:
            return np.zeros((0, len(tax.mains)), np.float32), np.zeros((0, len(tax.fines)), np.float32)
        blocks = self._blocks(docs, mentions)
        widths = [b.shape[1] for b in blocks]
        expected = [w.shape[0] for w in self.main_w]
        if widths != expected:
            raise ModelError(f"role model expects feature blocks of widths {expected}, the inputs gave {widths}")
        p_main = softmax(logits(blocks, self.main_w, self.main_b) / self.temperature)
        # p(fine) = p(main) * p(fine | main): the fine scores of each main role sum to its probability.
        p_fine = np.zeros((len(mentions), len(tax.fines)))
        for k, main in enumerate(tax.mains):
            p_fine[:, self._children(main)] = p_main[:, [k]] * softmax(logits(blocks, self.fine_w[main], self.fine_b[main]))
        return p_main.astype(np.float32), p_fine.astype(np.float32)

    def _children(self, main: str) -> np.ndarray:
        return np.array([i for i, f in enumerate(self.taxonomy.fines) if self.taxonomy.parent[f] == main])

    def decode(self, p_main: np.ndarray, p_fine: np.ndarray) -> list[tuple[str, float, list[tuple[str, float]]]]:
        """Per row: (main role, its probability, [(fine role, score among the main role's children), ...])."""
        tax, cfg = self.taxonomy, self.config
        children_of = [self._children(main) for main in tax.mains]
        out = []
        for r, k in enumerate(p_main.argmax(1).tolist()):
            children = children_of[k]
            sub = p_fine[r, children]
            cond = sub / max(float(sub.sum()), 1e-9)
            order = np.argsort(-cond)
            best = float(cond[order[0]])
            fines = [(tax.fines[children[j]], float(cond[j])) for j in order if cond[j] >= cfg.second_ratio * best]
            fines = fines or [(tax.fines[children[order[0]]], best)]
            out.append((tax.mains[k], float(p_main[r, k]), fines))
        return out

    # ---- persistence ------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the folder `path`: arrays, and vocabularies, priors and config in meta.json."""
        assert self.priors is not None and self.main_b is not None and self.fine_b
        arrays = {"main_b": self.main_b, "prior_global": self.priors.global_dist}
        for i, name in enumerate(BLOCKS):
            arrays[f"main_{name}"] = self.main_w[i].astype(np.float16)
            for main in self.taxonomy.mains:
                arrays[f"fine_{main}_{name}"] = self.fine_w[main][i].astype(np.float16)
        for main in self.taxonomy.mains:
            arrays[f"fine_{main}_b"] = self.fine_b[main]
        vocabs = {}
        for kind, vec in self.tfidf.items():
            vocabs[kind], arrays[f"idf_{kind}"] = vec.state()
            arrays[f"idf_{kind}"] = arrays[f"idf_{kind}"].astype(np.float16)
        meta = {
            "format": 2,
            "config": {k: getattr(self.config, k) for k in RoleModelConfig.__slots__},
            "mains": list(self.taxonomy.mains),
            "fines": list(self.taxonomy.fines),
            "temperature": self.temperature,
            "vocabularies": vocabs,
            "priors": {k: [round(float(x), 3) for x in v] for k, v in sorted(self.priors.counts.items())},
            "meta": self.meta,
        }
        if self.neighbours is not None:
            keys, vectors, labels = self.neighbours.rows()
            meta["neighbour_keys"] = keys
            arrays["neighbour_vectors"], arrays["neighbour_labels"] = vectors.astype(np.float16), labels
        if self.salience is not None:
            sal_arrays, meta["salience"] = self.salience.to_arrays()
            arrays.update(sal_arrays)
        write_artifact(path, arrays, meta, indent=None)  # the vocabularies are long: one line

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR) -> RoleModel:
        arrays, meta = read_artifact(path, "roles")
        tax = RoleTaxonomy.load()
        if meta.get("format") != 2:
            raise ModelError(f"{path}: an older role model format; rebuild it with `narrascope train roles`")
        if list(tax.fines) != meta["fines"] or list(tax.mains) != meta["mains"]:
            raise ModelError(f"{path}: trained on another role taxonomy; rebuild it with `narrascope train roles`")
        model = cls(RoleModelConfig(**meta["config"]), tax)
        for kind, words in meta["vocabularies"].items():
            model.tfidf[kind] = Tfidf.restore(kind, words, arrays[f"idf_{kind}"])
        counts = {k: np.asarray(v, np.float32) for k, v in meta["priors"].items()}
        model.priors = RolePriors(counts, arrays["prior_global"], len(tax.mains))
        model.main_w = [arrays[f"main_{b}"].astype(np.float32) for b in BLOCKS]
        model.fine_w = {m: [arrays[f"fine_{m}_{b}"].astype(np.float32) for b in BLOCKS] for m in tax.mains}
        model.fine_b = {m: arrays[f"fine_{m}_b"] for m in tax.mains}
        model.main_b = arrays["main_b"]
        model.temperature = float(meta.get("temperature", 1.0))
        model.meta = meta.get("meta", {})
        if "neighbour_keys" in meta:
            model.neighbours = NeighbourPriors(meta["neighbour_keys"], np.full(len(meta["neighbour_keys"]), -1),
                                               arrays["neighbour_vectors"].astype(np.float32),
                                               arrays["neighbour_labels"], model.priors.global_dist)
        if "salience" in meta:
            model.salience = SalienceModel.from_arrays(arrays, meta["salience"])
        return model

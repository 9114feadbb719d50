"""The entity-role classifier: features of a mention's context -> main role and fine roles.

What decides a role is what the article says around the mention, so every feature describes the
mention's surroundings, with the mention itself masked out of the words:

- words and word pairs (TF-IDF) of the mention's sentence and its two neighbours;
- the words right before and after the mention (who does what to whom);
- multilingual sentence embeddings (USE) of the mention's sentence and the mean of those of every
  sentence of the article that names the same entity (sentences are embedded one by one, as the
  narratives analyzer does, so the encoder's memo serves both);
- character n-grams of the mention and a smoothed prior of the roles its name got in training
  (the same names recur across articles: "Putin", "NATO", "Bill Gates");
- the language.

A multinomial logistic regression picks the main role; a second one scores the fine roles, which are
then restricted to the chosen main role's children (every fine role belongs to one main role); extra
fine roles are added when their score is close to the best one (`second_ratio`, chosen by
cross-validation). Everything is stored as arrays (.npz) and JSON: no pickle.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from narrascope.analyzers.artifacts import model_dir, read_artifact, write_artifact
from narrascope.analyzers.roles.context import (
    DocContext,
    MentionInput,
    RoleTaxonomy,
    edge_text,
    entity_vector,
    name_key,
    window_text,
)
from narrascope.errors import ModelError
from narrascope.taxonomy import LANGUAGES

MODEL_DIR = model_dir("roles")
PRIOR_SMOOTHING = 3.0


class _Tfidf:
    """A TF-IDF vectoriser stored as vocabulary (JSON) + idf (array) instead of a pickle."""

    def __init__(self, kind: str, **params):
        self.kind, self.params = kind, params
        self.vec: TfidfVectorizer | None = None

    def _make(self, vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
        opts = {"sublinear_tf": True, "dtype": np.float32, "vocabulary": vocabulary}
        if self.kind == "words":
            opts.update(ngram_range=(1, 2), min_df=2, max_features=self.params.get("max_features", 20000))
        elif self.kind == "edges":
            opts.update(token_pattern=r"\S+", min_df=2, lowercase=False)
        else:  # "chars"
            opts.update(analyzer="char_wb", ngram_range=(2, 4), min_df=2, max_features=20000)
        if vocabulary is not None:
            opts.pop("min_df", None), opts.pop("max_features", None)
        return TfidfVectorizer(**opts)

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        self.vec = self._make()
        return self.vec.fit_transform(texts)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        assert self.vec is not None, "fit before transform"
        return self.vec.transform(texts)

    def state(self) -> tuple[dict, np.ndarray]:
        assert self.vec is not None
        vocab = {k: int(v) for k, v in self.vec.vocabulary_.items()}
        return vocab, self.vec.idf_.astype(np.float32)

    @classmethod
    def restore(cls, kind: str, vocab: dict[str, int], idf: np.ndarray) -> _Tfidf:
        obj = cls(kind)
        obj.vec = obj._make(vocab)
        obj.vec.idf_ = idf.astype(np.float64)
        return obj


@dataclass(slots=True)
class RoleModelConfig:
    C_main: float = 1.0
    C_fine: float = 1.0
    weights: dict[str, float] = field(
        default_factory=lambda: {"words": 1.0, "edges": 1.0, "chars": 1.0, "dense": 1.0, "prior": 1.0}
    )
    main_weight: float = 0.5  # main role = argmax of main^w * (fine mass)^(1-w)
    second_ratio: float = 1.01  # extra fine role when its score >= ratio * best (>1 = never)
    embedder: str = "use"


class RoleModel:
    """Fit/predict entity roles from mention contexts (see the module docstring)."""

    def __init__(self, config: RoleModelConfig | None = None, taxonomy: RoleTaxonomy | None = None):
        self.config = config or RoleModelConfig()
        self.taxonomy = taxonomy or RoleTaxonomy.load()
        self.tfidf: dict[str, _Tfidf] = {}
        self.priors: dict[str, np.ndarray] = {}
        self.prior_global: np.ndarray | None = None
        self.main_coef: np.ndarray | None = None
        self.main_bias: np.ndarray | None = None
        self.fine_coef: np.ndarray | None = None
        self.fine_bias: np.ndarray | None = None
        self.fine_classes: np.ndarray | None = None
        self.meta: dict = {}

    # ---- features -------------------------------------------------------------------------
    def _texts(self, docs: list[DocContext], mentions: list[MentionInput]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"words": [], "edges": [], "chars": []}
        for m in mentions:
            doc = docs[m.doc_key]
            i = doc.sentence_index(m.start)
            out["words"].append(window_text(doc, m, i))
            out["edges"].append(edge_text(doc, m))
            out["chars"].append(doc.text[m.start : m.end].lower())
        return out

    def _dense(self, docs: list[DocContext], mentions: list[MentionInput]) -> np.ndarray:
        if not mentions:
            dim = docs[0].vectors.shape[1] if docs else 0
            return np.zeros((0, 2 * dim + len(LANGUAGES)), np.float32)
        # Rows gathered in one go from all documents' vectors (row by row copies were slow).
        offsets = np.cumsum([0] + [len(d.vectors) for d in docs])
        own, entity, lang = [], [], []
        for m in mentions:
            doc = docs[m.doc_key]
            i = doc.sentence_index(m.start)
            own.append(offsets[m.doc_key] + i)
            entity.append(entity_vector(doc, m, i))
            lang.append(LANGUAGES.index(doc.lang) if doc.lang in LANGUAGES else -1)
        lang_rows = np.zeros((len(mentions), len(LANGUAGES)), np.float32)
        known = np.array(lang) >= 0
        lang_rows[np.flatnonzero(known), np.array(lang)[known]] = 1.0
        all_vectors = np.concatenate([d.vectors for d in docs])
        return np.hstack([all_vectors[own], np.stack(entity), lang_rows]).astype(np.float32)

    def _label_vector(self, m: MentionInput) -> np.ndarray:
        n_f = len(self.taxonomy.fines)
        v = np.zeros(n_f + len(self.taxonomy.mains), np.float32)
        fines = [f for f in m.fine_roles if f in self.taxonomy.fines]
        for f in fines:
            v[self.taxonomy.fines.index(f)] = 1.0 / len(fines)
        if m.main_role in self.taxonomy.mains:
            v[n_f + self.taxonomy.mains.index(m.main_role)] = 1.0
        return v

    def _prior_features(self, keys: list[str], own: list[np.ndarray] | None = None) -> np.ndarray:
        """Smoothed role distribution of the name minus the global one, and log(count). With `own`
        (training), each mention's own label is left out so the prior does not leak its answer."""
        assert self.prior_global is not None
        n_main = len(self.taxonomy.mains)
        out = np.zeros((len(keys), len(self.prior_global) + 1), np.float32)
        for r, key in enumerate(keys):
            counts = self.priors.get(key)
            if counts is None:
                continue
            counts = counts - own[r] if own is not None else counts
            n = float(counts[-n_main:].sum())
            if n <= 0.5:
                continue
            out[r, :-1] = (counts + PRIOR_SMOOTHING * self.prior_global) / (n + PRIOR_SMOOTHING) - self.prior_global
            out[r, -1] = np.log1p(n)
        return out

    def _features(self, docs, mentions, fit: bool = False, own=None) -> sp.csr_matrix:
        w = self.config.weights
        texts = self._texts(docs, mentions)
        blocks = []
        for kind in ("words", "edges", "chars"):
            if fit:
                self.tfidf[kind] = _Tfidf(kind)
                blocks.append(self.tfidf[kind].fit_transform(texts[kind]) * w[kind])
            else:
                blocks.append(self.tfidf[kind].transform(texts[kind]) * w[kind])
        blocks.append(sp.csr_matrix(self._dense(docs, mentions) * w["dense"]))
        keys = [name_key(docs[m.doc_key].lang, docs[m.doc_key].text[m.start : m.end]) for m in mentions]
        blocks.append(sp.csr_matrix(self._prior_features(keys, own) * w["prior"]))
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    # ---- fit / predict ----------------------------------------------------------------------
    def fit(self, docs: list[DocContext], mentions: list[MentionInput]) -> RoleModel:
        tax = self.taxonomy
        labels = [self._label_vector(m) for m in mentions]
        keys = [name_key(docs[m.doc_key].lang, docs[m.doc_key].text[m.start : m.end]) for m in mentions]
        counts: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(labels[0]), np.float32))
        for key, lab in zip(keys, labels, strict=True):
            counts[key] += lab
        self.priors = dict(counts)
        total = np.sum(labels, axis=0)
        self.prior_global = (total / max(1.0, float(total[-len(tax.mains) :].sum()))).astype(np.float32)
        X = self._features(docs, mentions, fit=True, own=labels)
        y_main = np.array([tax.mains.index(m.main_role) for m in mentions])
        main = LogisticRegression(C=self.config.C_main, max_iter=500, tol=1e-3).fit(X, y_main)
        # Fine roles: one multinomial model; a mention with k fine roles counts k times with weight 1/k.
        rows, ys, ws = [], [], []
        for r, m in enumerate(mentions):
            fines = [f for f in m.fine_roles if f in tax.fines]
            for f in fines:
                rows.append(r), ys.append(tax.fines.index(f)), ws.append(1.0 / len(fines))
        fine = LogisticRegression(C=self.config.C_fine, max_iter=500, tol=1e-3)
        fine.fit(X[rows], np.array(ys), sample_weight=np.array(ws))
        self.main_coef, self.main_bias = main.coef_.astype(np.float32), main.intercept_.astype(np.float32)
        self.fine_coef, self.fine_bias = fine.coef_.astype(np.float32), fine.intercept_.astype(np.float32)
        self.fine_classes = fine.classes_.astype(np.int64)
        self.meta = {"n_train_mentions": len(mentions), "n_features": int(X.shape[1])}
        return self

    def predict_proba(self, docs: list[DocContext], mentions: list[MentionInput]) -> tuple[np.ndarray, np.ndarray]:
        """(n, n_main) and (n, n_fine) probabilities."""
        if self.main_coef is None:
            raise ModelError("the role model is not fitted")
        if not mentions:
            return np.zeros((0, len(self.taxonomy.mains))), np.zeros((0, len(self.taxonomy.fines)))
        z_main, z_fine = self._logits(docs, mentions)
        p_main = _softmax(z_main + self.main_bias)
        p_fine = np.zeros((len(mentions), len(self.taxonomy.fines)), np.float32)
        p_fine[:, self.fine_classes] = _softmax(z_fine + self.fine_bias)
        return p_main, p_fine

    def _logits(self, docs: list[DocContext], mentions: list[MentionInput]) -> tuple[np.ndarray, np.ndarray]:
        """X @ coef.T of both models, block by block: the same sum as over `_features`' matrix
        without building it (stacking the dense block into a sparse matrix cost more than the
        products). Repeated texts (an entity's name, often its window) are vectorised once."""
        w = self.config.weights
        texts = self._texts(docs, mentions)
        blocks: list[tuple[np.ndarray | sp.csr_matrix, float]] = []
        for kind in ("words", "edges", "chars"):
            first: dict[str, int] = {}
            inverse = [first.setdefault(t, len(first)) for t in texts[kind]]
            blocks.append((self.tfidf[kind].transform(list(first))[inverse], w[kind]))
        blocks.append((self._dense(docs, mentions), w["dense"]))
        keys = [name_key(docs[m.doc_key].lang, docs[m.doc_key].text[m.start : m.end]) for m in mentions]
        blocks.append((self._prior_features(keys), w["prior"]))
        z_main = np.zeros((len(mentions), self.main_coef.shape[0]), np.float32)
        z_fine = np.zeros((len(mentions), self.fine_coef.shape[0]), np.float32)
        col = 0
        for block, weight in blocks:
            width = block.shape[1]
            if weight:
                z_main += np.asarray(block @ self.main_coef[:, col : col + width].T) * np.float32(weight)
                z_fine += np.asarray(block @ self.fine_coef[:, col : col + width].T) * np.float32(weight)
            col += width
        if col != self.main_coef.shape[1]:
            raise ModelError(f"role model expects {self.main_coef.shape[1]} features, the inputs gave {col}")
        return z_main, z_fine

    def decode(self, p_main: np.ndarray, p_fine: np.ndarray) -> list[tuple[str, float, list[tuple[str, float]]]]:
        """Per mention: (main role, its score, [(fine role, score), ...]) with fine roles under the main."""
        tax, cfg = self.taxonomy, self.config
        parent_idx = np.array([tax.mains.index(tax.parent[f]) for f in tax.fines])
        fine_mass = np.stack([p_fine[:, parent_idx == k].sum(1) for k in range(len(tax.mains))], 1)
        score = np.exp(
            cfg.main_weight * np.log(p_main + 1e-9) + (1 - cfg.main_weight) * np.log(fine_mass + 1e-9)
        )
        score /= score.sum(1, keepdims=True)
        children_of = [np.flatnonzero(parent_idx == k) for k in range(len(tax.mains))]
        out = []
        for r, k in enumerate(score.argmax(1).tolist()):
            children = children_of[k]
            sub = p_fine[r, children]
            cond = sub / max(float(sub.sum()), 1e-9)
            order = np.argsort(-cond)
            best = float(cond[order[0]])
            fines = [(tax.fines[children[j]], float(cond[j])) for j in order if cond[j] >= cfg.second_ratio * best]
            fines = fines or [(tax.fines[children[order[0]]], best)]
            out.append((tax.mains[k], float(score[r, k]), fines))
        return out

    # ---- persistence ------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the folder `path`: arrays, and vocabularies, priors and config in meta.json."""
        arrays = {
            "main_coef": self.main_coef.astype(np.float16),
            "main_bias": self.main_bias,
            "fine_coef": self.fine_coef.astype(np.float16),
            "fine_bias": self.fine_bias,
            "fine_classes": self.fine_classes,
            "prior_global": self.prior_global,
        }
        vocabs = {}
        for kind, vec in self.tfidf.items():
            vocab, idf = vec.state()
            vocabs[kind] = sorted(vocab, key=vocab.get)
            arrays[f"idf_{kind}"] = idf.astype(np.float16)
        meta = {
            "format": 1,
            "config": {k: getattr(self.config, k) for k in RoleModelConfig.__slots__},
            "mains": list(self.taxonomy.mains),
            "fines": list(self.taxonomy.fines),
            "vocabularies": vocabs,
            "priors": {k: [round(float(x), 3) for x in v] for k, v in sorted(self.priors.items())},
            "meta": self.meta,
        }
        write_artifact(path, arrays, meta, indent=None)  # the vocabularies are long: one line

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR) -> RoleModel:
        arrays, meta = read_artifact(path, "roles")
        tax = RoleTaxonomy.load()
        if list(tax.fines) != meta["fines"] or list(tax.mains) != meta["mains"]:
            raise ModelError(f"{path}: trained on another role taxonomy; rebuild it with `narrascope train roles`")
        model = cls(RoleModelConfig(**meta["config"]), tax)
        for kind, words in meta["vocabularies"].items():
            model.tfidf[kind] = _Tfidf.restore(kind, {w: i for i, w in enumerate(words)}, arrays[f"idf_{kind}"])
        model.priors = {k: np.asarray(v, np.float32) for k, v in meta["priors"].items()}
        model.prior_global = arrays["prior_global"]
        model.main_coef, model.main_bias = arrays["main_coef"].astype(np.float32), arrays["main_bias"]
        model.fine_coef, model.fine_bias = arrays["fine_coef"].astype(np.float32), arrays["fine_bias"]
        model.fine_classes = arrays["fine_classes"]
        model.meta = meta.get("meta", {})
        return model


def _softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, np.float64)
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(1, keepdims=True)).astype(np.float32)

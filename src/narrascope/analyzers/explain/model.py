"""The local explainer: pick the article's sentences that carry the dominant narrative, shorten them at
a clause boundary, and wrap them in a short framing phrase in the article's language. No generative model.

Candidates are claim-bearing sentences (`evidence.candidates`: no datelines, bylines, captions or
fragments); a sentence that reports someone's words is introduced as cited, not as the article's claim.
The framing phrases are narrascope's own (framing.py) plus openings learned from the reference
explanations of each language (`fitting.mine_leads`); which one, per language and per narrative where
there are enough examples, is chosen in training.

How a sentence is scored: a small linear model per language (fitted on the shared task's
reference explanations) over features such as the sentence's similarity to the label's own-words
definition, to the centroid of the reference explanations written for that label, to the article
as a whole and to its title, its position, its length, and whether it mentions an entity the
entity analyzer gave a role. Within a document only the ranking matters, so the model is fitted on
document-centred features and targets (how close each sentence is to the reference explanation).

Everything learned is small (label vectors, weights, budgets, openings, frame choices): `weights.npz` +
`meta.json`, no pickle."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import model_dir, read_artifact, write_artifact
from narrascope.analyzers.explain.evidence import (
    Candidate,
    candidate_from_span,
    candidates,
    quote_text,
    repeats,
    trim,
)
from narrascope.analyzers.explain.framing import (
    BARE,
    CLAIM_LEVELS,
    CLAIM_NARRATIVE,
    CLAIM_NONE,
    Frame,
    claim_for,
    closed,
    frames_for,
    learned_frame,
    reported_claim,
)
from narrascope.analyzers.explain.metrics import MAX_WORDS, truncate_words
from narrascope.document import Explanation, Span
from narrascope.errors import ModelError
from narrascope.nlp.attribution import ATTRIBUTED, STATED
from narrascope.nlp.embeddings import Embedder, get_embedder
from narrascope.nlp.questions import is_question
from narrascope.taxonomy import OTHER, NarrativeTaxonomy, load_narratives

log = logging.getLogger(__name__)

MODEL_DIR = model_dir("explain")
MAX_CANDIDATES = 12  # sentences considered per article: the opening carries the claim, and it bounds time
MAX_QUOTES = 3
LEAD_FIRST = True  # quote the opening sentence (the title, as a rule) first, unless it is a question
BARE_STYLE = -1  # frame index: plain quotes, no claim sentence and no framing phrase
MIN_QUOTE_WORDS = 6  # a second quote shorter than this reads as a fragment: leave it out
FEATURES = (
    "cos_sub_def", "cos_narr_def", "cos_sub_gold", "cos_narr_gold", "cos_doc", "cos_title",
    "first", "inv_pos", "rel_pos", "log_words", "short", "roles", "attributed", "question")
DEFAULT_BUDGET = 30
ORDER_SCORED, ORDER_LEAD = "scored", "lead"  # which sentences come first: the best-scored, or the article's first
METHOD = "local"


@dataclass(slots=True)
class PreparedDoc:
    """An article cut into candidate sentences, with their vectors (the expensive part, done once)."""

    text: str
    lang: str
    spans: list[tuple[int, int]]
    vecs: np.ndarray  # (n, dim), rows L2-normalised
    role_counts: np.ndarray | None = None  # role-bearing entity mentions per sentence; None: unknown
    attributed: list[bool] = field(default_factory=list)  # the sentence reports someone's words
    sources: list[str | None] = field(default_factory=list)  # whose words, when the article names them
    claims: list[tuple[int, int] | None] = field(default_factory=list)  # ... and the reported words alone

    def is_question(self, i: int) -> bool:
        s, e = self.spans[i]
        return is_question(self.text[s:e])


def prepare(
    texts: list[str], langs: list[str | None], embedder: Embedder,
    role_spans: list[list[tuple[int, int]] | None] | None = None,
    extra_spans: list[list[tuple[int, int, str | None]]] | None = None,
) -> list[PreparedDoc]:
    """Cut every text into candidate sentences and embed them all in one call.

    `extra_spans`: evidence found by other analyzers, as (start, end, attribution or None); candidates too,
    when they carry a claim."""
    all_cands: list[list[Candidate]] = []
    for i, text in enumerate(texts):
        cands = candidates(text, MAX_CANDIDATES)
        for start, end, attribution in (extra_spans[i] if extra_spans else []):
            c = candidate_from_span(text, start, end, attribution)
            if c is not None and all((k.start, k.end) != (c.start, c.end) for k in cands):
                cands.append(c)
        all_cands.append(cands)
    all_spans = [[(c.start, c.end) for c in cands] for cands in all_cands]
    flat = [t[s:e] for t, spans in zip(texts, all_spans) for s, e in spans]
    vecs = embedder.encode(flat) if flat else np.zeros((0, embedder.dim), dtype=np.float32)
    out, pos = [], 0
    for i, (text, spans) in enumerate(zip(texts, all_spans)):
        roles = None
        if role_spans is not None and role_spans[i] is not None:
            roles = np.array(
                [sum(1 for ms, me in role_spans[i] if ms >= s and me <= e) for s, e in spans], dtype=np.float32
            )
        out.append(PreparedDoc(text, (langs[i] or "").lower()[:2], spans, vecs[pos : pos + len(spans)], roles,
                               [c.attributed for c in all_cands[i]], [c.source for c in all_cands[i]],
                               [c.claim for c in all_cands[i]]))
        pos += len(spans)
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-9)


def label_text(taxonomy: NarrativeTaxonomy, name: str) -> str:
    """What a label means, as one text to embed: its short name, definition and examples."""
    lab = taxonomy.get(name)
    if lab is None:
        return name.split(": ")[-1]
    return " ".join([lab.short_name + ".", lab.definition, *lab.examples]).strip()


def sentence_features(doc: PreparedDoc, label_vecs: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """(n_sentences, len(FEATURES)) features of one document for one (narrative, sub-narrative)."""
    n = len(doc.spans)
    X = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if n == 0:
        return X
    V = doc.vecs
    for j, vec in enumerate(label_vecs):
        X[:, j] = V @ vec
    X[:, 4] = V @ _unit(V.sum(axis=0))
    X[:, 5] = V @ V[0]
    idx = np.arange(n, dtype=np.float32)
    X[0, 6] = 1.0
    X[:, 7] = 1.0 / (1.0 + idx)
    X[:, 8] = idx / max(n - 1, 1)
    n_words = np.array([len(doc.text[s:e].split()) for s, e in doc.spans], dtype=np.float32)
    X[:, 9] = np.log1p(n_words)
    X[:, 10] = n_words < 6
    if doc.role_counts is not None:
        X[:, 11] = np.minimum(doc.role_counts, 3.0)
    X[:, 12] = [float(a) for a in doc.attributed] if len(doc.attributed) == n else 0.0
    X[:, 13] = [float(doc.is_question(i)) for i in range(n)]
    return X


@dataclass(slots=True)
class LocalExplainer:
    """fit / explain / save / load. Nothing is learned before `fit` (or `load`)."""

    embedder_name: str = "use"
    label_names: list[str] = field(default_factory=list)
    def_vecs: np.ndarray | None = None  # (n_labels, dim): embedded own-words label texts
    gold_vecs: np.ndarray | None = None  # (n_labels, dim): centroid of reference explanations (0 if none)
    gold_counts: np.ndarray | None = None
    weights: dict[str, np.ndarray] = field(default_factory=dict)  # language ("" = pooled) -> (n_features,)
    budgets: dict[str, int] = field(default_factory=dict)  # language -> quoted words
    frames: dict[str, int] = field(default_factory=dict)  # language, or "language|narrative" -> frame index
    leads: dict[str, list[str]] = field(default_factory=dict)  # language -> openings learned from references
    orders: dict[str, str] = field(default_factory=dict)  # language -> ORDER_SCORED or ORDER_LEAD
    use_claims: bool = True  # open with what the narrative does (explain/claims.yaml)
    # language ("" = any other) -> which claim sentence (framing.CLAIM_LEVELS); absent: the narrative's
    claims: dict[str, str] = field(default_factory=dict)
    # language ("" = any other) -> whether a cited quote names its source and leaves out the reporting clause
    name_sources: dict[str, bool] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    _embedder: Embedder | None = None
    _index: dict[str, int] = field(default_factory=dict)

    # -- label vectors ------------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.embedder_name)
        return self._embedder

    def _ensure_labels(self, names: list[str], taxonomy: NarrativeTaxonomy | None = None) -> None:
        """Embed the definitions of labels not seen yet (a user's own taxonomy, for instance)."""
        missing = [n for n in dict.fromkeys(names) if n and n not in self._index]
        if not missing:
            return
        taxonomy = taxonomy or load_narratives()
        new = self.embedder.encode([label_text(taxonomy, n) for n in missing])
        dim = new.shape[1]
        base = self.def_vecs if self.def_vecs is not None else np.zeros((0, dim), dtype=np.float32)
        self.def_vecs = np.vstack([base, new]).astype(np.float32)
        zeros = np.zeros((len(missing), dim), dtype=np.float32)
        self.gold_vecs = np.vstack([self.gold_vecs, zeros]) if self.gold_vecs is not None else zeros
        counts = np.zeros(len(missing), dtype=np.int32)
        self.gold_counts = np.concatenate([self.gold_counts, counts]) if self.gold_counts is not None else counts
        for n in missing:
            self._index[n] = len(self.label_names)
            self.label_names.append(n)

    def label_vectors(self, narrative: str, subnarrative: str | None) -> tuple[np.ndarray, ...]:
        specific = subnarrative if subnarrative and not subnarrative.endswith(": " + OTHER) else narrative
        self._ensure_labels([narrative, specific])
        n_i, s_i = self._index[narrative], self._index[specific]
        assert self.def_vecs is not None and self.gold_vecs is not None and self.gold_counts is not None
        n_def, s_def = self.def_vecs[n_i], self.def_vecs[s_i]
        n_gold = self.gold_vecs[n_i] if self.gold_counts[n_i] else n_def
        s_gold = self.gold_vecs[s_i] if self.gold_counts[s_i] else n_gold
        return s_def, n_def, s_gold, n_gold

    def fit_labels(self, dominants: list[tuple[str, str | None]], gold_vecs: np.ndarray,
                   taxonomy: NarrativeTaxonomy | None = None) -> None:
        """Label vectors: own-words definitions of every taxonomy label + reference-explanation centroids."""
        taxonomy = taxonomy or load_narratives()
        self.label_names, self._index, self.def_vecs, self.gold_vecs, self.gold_counts = [], {}, None, None, None
        self._ensure_labels(taxonomy.narrative_names + taxonomy.subnarrative_names
                            + [n for d in dominants for n in d if n], taxonomy)
        assert self.gold_vecs is not None and self.gold_counts is not None
        sums = np.zeros_like(self.gold_vecs)
        for (narr, sub), vec in zip(dominants, gold_vecs):
            for name in {narr, sub or narr}:
                sums[self._index[name]] += vec
                self.gold_counts[self._index[name]] += 1
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        self.gold_vecs = np.where(norms > 0, sums / np.maximum(norms, 1e-9), 0).astype(np.float32)

    # -- scoring and composing -----------------------------------------------------------------------
    def score(self, doc: PreparedDoc, narrative: str, subnarrative: str | None) -> np.ndarray:
        X = sentence_features(doc, self.label_vectors(narrative, subnarrative))
        w = self.weights.get(doc.lang, self.weights.get(""))
        if w is None:
            raise ModelError("the explainer is not fitted: call fit() or load()")
        return X @ w

    def ranking(self, doc: PreparedDoc, narrative: str, subnarrative: str | None) -> np.ndarray:
        """What `pick` orders the sentences by: the learned scores, or, where training found that the
        article's own order serves better (ORDER_LEAD), the position (questions last)."""
        if self.orders.get(doc.lang) == ORDER_LEAD:
            n = len(doc.spans)
            return -np.arange(n, dtype=np.float64) - n * np.array([doc.is_question(i) for i in range(n)])
        return self.score(doc, narrative, subnarrative)

    def frame_options(self, lang: str) -> list[Frame]:
        """The language's framing phrases: narrascope's own, then those learned from the references."""
        return frames_for(lang) + [learned_frame(lang, lead) for lead in self.leads.get(lang, [])]

    def style_for(self, lang: str, narrative: str | None) -> int:
        """The frame index for the narrative in the language (the language's own where the narrative has none)."""
        return self.frames.get(f"{lang}|{narrative}", self.frames.get(lang, 0))

    def pick(self, doc: PreparedDoc, scores: np.ndarray, budget: int, narrow: bool = False
             ) -> list[tuple[int, int, int, bool]]:
        """The quoted sentences as (sentence index, start, end, cut), in the article's order.

        With `narrow`, a sentence that reports a named source's words is quoted without its reporting
        clause ("X said that"): the framing phrase names the source instead (`named_source`).

        The opening sentence (usually the title) is quoted first unless it is a question: it is where
        the reference explanations' wording overlaps the article most in every language. Then the
        best-scored sentences follow while the word budget lasts, each cut at a clause boundary when
        it is longer than what is left (a sentence with no boundary that fits is passed over); the
        quotes keep the article's order so that the text reads as a summary."""
        order = [int(i) for i in np.argsort(-scores, kind="stable")]
        if LEAD_FIRST and order and not doc.is_question(0):
            order.remove(0)
            order.insert(0, 0)
        picked: list[tuple[int, int, int, bool]] = []
        left = budget
        for i in order:
            if len(picked) >= MAX_QUOTES or (left < MIN_QUOTE_WORDS and picked):
                break
            s, e = (self.named_claim(doc, i) or doc.spans[i]) if narrow else doc.spans[i]
            cut = trim(doc.text, s, e, max(left, 1), MIN_QUOTE_WORDS)  # a cut quote is a clause, not a scrap
            if cut is None:
                continue
            if repeats(doc.text, cut[:2], [p[1:3] for p in picked]):
                continue  # a headline repeated as the first line of the body is quoted once
            picked.append((i, *cut))
            left -= len(doc.text[cut[0] : cut[1]].split())
        return sorted(picked, key=lambda p: p[1])

    def names_sources(self, lang: str) -> bool:
        return self.name_sources.get(lang, self.name_sources.get("", True))

    @staticmethod
    def named_claim(doc: PreparedDoc, i: int) -> tuple[int, int] | None:
        """The reported words of sentence `i` when the article names who said them, else None."""
        return doc.claims[i] if i < len(doc.claims) and i < len(doc.sources) and doc.sources[i] else None

    def source_of(self, doc: PreparedDoc, i: int, start: int, end: int) -> str | None:
        """Who said the quote text[start:end] of sentence `i`, when it is their reported words alone."""
        return doc.sources[i] if (r := self.named_claim(doc, i)) and r[0] <= start and end <= r[1] else None

    def claim_level(self, lang: str) -> str:
        """Which claim sentence opens the language's explanations (framing.CLAIM_LEVELS)."""
        return self.claims.get(lang, self.claims.get("", CLAIM_NARRATIVE)) if self.use_claims else CLAIM_NONE

    def quote_budget(self, doc: PreparedDoc, budget: int, frame_index: int, narrative: str | None,
                     subnarrative: str | None = None, level: str | None = None) -> tuple[str, Frame, int]:
        """(claim sentence, frame, words left for quotes) for a style and claim level (the language's when
        None): the claim and framing words count."""
        bare = frame_index == BARE_STYLE
        options = self.frame_options(doc.lang)
        frame = BARE if bare else options[frame_index] if 0 <= frame_index < len(options) else options[0]
        level = CLAIM_NONE if bare else level or self.claim_level(doc.lang)
        claim = claim_for(level, narrative, subnarrative, doc.lang)
        return claim, frame, max(min(budget, MAX_WORDS - len(claim.split()) - frame.words() - 1), 1)

    def compose(self, doc: PreparedDoc, scores: np.ndarray, budget: int | None = None,
                frame_index: int | None = None, narrative: str | None = None, subnarrative: str | None = None,
                claim_level: str | None = None) -> tuple[str, list[Span]]:
        """The explanation text and its evidence spans from the best-scored sentences.

        With `narrative` (and `use_claims`), the text opens with what the narrative, or its dominant
        sub-narrative (`claim_level`, the language's when None), does, in the article's language, before the
        quotes; said of the words it quotes when every quote is someone's (`framing.reported_claim`). Frame
        index BARE_STYLE (-1): plain quotes, no claim sentence or framing phrase (for terse references)."""
        index = self.style_for(doc.lang, narrative) if frame_index is None else frame_index
        budget = budget or self.budgets.get(doc.lang, DEFAULT_BUDGET)
        claim, frame, budget = self.quote_budget(doc, budget, index, narrative, subnarrative, claim_level)
        # When no sentence fits the budget even at a clause boundary, one whole sentence beats nothing.
        narrow = index != BARE_STYLE and self.names_sources(doc.lang)
        picked = self.pick(doc, scores, budget, narrow) or self.pick(doc, scores, self.quote_budget(
            doc, MAX_WORDS, index, narrative, subnarrative, claim_level)[2], narrow)[:1]
        while True:
            if not picked:
                return "", []
            # The cut mark is glued to the last word so that it does not count as a word of its own.
            quotes = [quote_text(doc.text[s:e]) + ("…" if cut else "") for _, s, e, cut in picked]
            cited = [doc.attributed[i] if i < len(doc.attributed) else False for i, *_ in picked]
            sources = [self.source_of(doc, i, s, e) for i, s, e, _ in picked]
            text = frame.wrap(quotes, cited, sources) if index != BARE_STYLE else " ".join(closed(q) for q in quotes)
            text = f"{reported_claim(claim, doc.lang) if all(cited) else claim} {text}" if claim else text
            if len(text.split()) <= MAX_WORDS or len(picked) == 1:
                break
            # Over the limit once the framing words of every quote are counted: leave out the weakest quote
            # rather than cut the text mid-phrase.
            weakest = min(range(len(picked)), key=lambda k: scores[picked[k][0]])
            picked = picked[:weakest] + picked[weakest + 1 :]
        spans = [Span(s, e, "explanation-evidence", float(scores[i]), ATTRIBUTED if c else STATED,
                      doc.sources[i] if c and i < len(doc.sources) else None) for (i, s, e, _), c in zip(picked, cited)]
        return truncate_words(text, MAX_WORDS), spans

    def explain(self, doc: PreparedDoc, narrative: str, subnarrative: str | None) -> Explanation:
        if not doc.spans:
            return Explanation(narrative, subnarrative, "", [], METHOD)
        text, spans = self.compose(doc, self.ranking(doc, narrative, subnarrative), narrative=narrative,
                                   subnarrative=subnarrative)
        return Explanation(narrative, subnarrative, text, spans, METHOD)

    # -- persistence ---------------------------------------------------------------------------------
    def save(self, path: str | Path = MODEL_DIR) -> None:
        assert self.def_vecs is not None and self.gold_vecs is not None and self.gold_counts is not None
        langs = sorted(self.weights)
        arrays = {
            "def_vecs": self.def_vecs.astype(np.float16),
            "gold_vecs": self.gold_vecs.astype(np.float16),
            "gold_counts": self.gold_counts.astype(np.int32),
            "weights": np.stack([self.weights[lang] for lang in langs]).astype(np.float32),
        }
        info = {
            "embedder": self.embedder_name, "features": list(FEATURES), "labels": self.label_names,
            "weight_languages": langs, "budgets": self.budgets, "frames": self.frames, "leads": self.leads,
            "orders": self.orders,
            "use_claims": self.use_claims, "claims": self.claims, "name_sources": self.name_sources, **self.meta,
        }
        write_artifact(path, arrays, info)

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR, embedder: Embedder | None = None) -> LocalExplainer:
        arrays, info = read_artifact(path, "explain")
        if info.get("features") != list(FEATURES):
            raise ModelError(f"{path}: saved for other features than this version computes; rebuild it")
        if unknown := set(info.get("claims", {}).values()) - set(CLAIM_LEVELS):
            raise ModelError(f"{path}: unknown claim levels {sorted(unknown)} (expected one of {CLAIM_LEVELS})")
        meta = {k: v for k, v in info.items()
                if k not in ("embedder", "features", "labels", "weight_languages", "budgets", "frames", "leads",
                             "orders", "use_claims", "claims", "name_sources")}
        self = cls(
            embedder_name=info["embedder"], label_names=list(info["labels"]),
            def_vecs=arrays["def_vecs"].astype(np.float32), gold_vecs=arrays["gold_vecs"].astype(np.float32),
            gold_counts=arrays["gold_counts"],
            weights={lang: arrays["weights"][i] for i, lang in enumerate(info["weight_languages"])},
            budgets={k: int(v) for k, v in info["budgets"].items()},
            frames={k: int(v) for k, v in info["frames"].items()}, use_claims=bool(info.get("use_claims", True)),
            claims={k: str(v) for k, v in info.get("claims", {}).items()},
            name_sources={k: bool(v) for k, v in info.get("name_sources", {"": False}).items()},
            leads={k: list(v) for k, v in info.get("leads", {}).items()}, orders=dict(info.get("orders", {})),
            meta=meta, _embedder=embedder,
        )
        self._index = {n: i for i, n in enumerate(self.label_names)}
        return self

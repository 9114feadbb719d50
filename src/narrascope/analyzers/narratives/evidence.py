"""Label-specific evidence: the sentences (or clauses) that support *this* label more than the article's
other labels, each marked as stated by the article or attributed to someone.

Every sentence is scored for every label by the label's n-gram weights (word and character views, the
same weights that score the article). A sentence's contrast for a label is its score for the label
minus its best score for the article's other labels of the same level; evidence for a label are the
sentences with positive score and positive contrast and at least half the score of the label's
strongest sentence, strongest contrast first (at most `MAX_EVIDENCE`). So a sentence is evidence for two labels only when it is the best for each, which
it cannot be: "He said that NATO had no plans to send troops" no longer stands for all four
narratives of an article. A label without such a sentence gets its highest-scoring sentence not already
used by another label.

Spans are tighter than sentences where a clause carries the claim: a sentence that reports someone
("The Kremlin has warned that …") is narrowed to the reported content, and a long sentence to its
clause that scores highest for the label (clauses end at ; : — and at commas before a conjunction).
Each span says whether the article states the claim or attributes it (`nlp.attribution`), and to whom.

Sentences outside the article body (a reader-comment thread, bylines, photo credits and other site
furniture, as `nlp.furniture` finds them) are never evidence: they are not the article's voice, and a
commenter's outburst shown as "stated by the article" would be quoted as the article's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy import sparse

from narrascope.document import Span
from narrascope.nlp.article_attributions import SentenceAttributions, sentence_attributions
from narrascope.nlp.attribution import Attribution
from narrascope.nlp.clause_cuts import ends_a_clause
from narrascope.nlp.cue_context import reports_an_object
from narrascope.nlp.datelines import is_dateline, strip_dateline
from narrascope.nlp.furniture import BodyFilter, quotable, repeats
from narrascope.nlp.quotation import with_closing_marks, without_csv_quotes
from narrascope.nlp.said_this import may_name_the_sentence_before
from narrascope.nlp.speaker_words import inside_sentence
from narrascope.nlp.text import opens_what_follows
from narrascope.taxonomy import OTHER

MAX_EVIDENCE = 3
MIN_SHARE = 0.5  # further evidence sentences score at least half the strongest one's score for the label
MIN_CLAUSE_CHARS = 25
MIN_EVIDENCE_CHARS = 25
MIN_EVIDENCE_WORDS = 3  # "it.", "America Last", "US investigative journalist" (what a sentence said of its source)
LONG_SENTENCE = 140  # characters: shorter sentences are one clause
# Clause breaks: semicolons, colons, dashes, and commas before a conjunction or a relative pronoun; a clause that
# opens on one of these has its subject or antecedent in the clause before.
_OPENERS = (r"(?:and|but|while|whereas|which|who|because|although|as|so|yet|и|а|но|однако|който|която|които|защото"
            r"|въпреки|докато|который|которая|которые|потому|хотя|пока|e|mas|porém|enquanto|que|porque|embora|और"
            r"|लेकिन|जबकि|क्योंकि|जो)")
_CLAUSE_BREAK = re.compile(r"\s*[;:—–]\s+|,\s+(?=" + _OPENERS + r"\s)", re.IGNORECASE)
_DEPENDENT = re.compile(_OPENERS + r"\s", re.IGNORECASE)
# A dash before a word in lower case continues the clause: in Russian and Bulgarian it stands for "is" between a
# subject and what is said of it ("X – это Y", "X – откровенные ястребы"), elsewhere it opens an aside on what came
# before; cut there, the subject was quoted without its predicate.
_DASH_GOES_ON = re.compile(r"\s*[—–]\s+[\"“«„]?[^\W\d_]", re.UNICODE)


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of `text[start:end]` as absolute (start, end), each at least MIN_CLAUSE_CHARS long
    (shorter pieces join their neighbour)."""
    out: list[list[int]] = []
    pos = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if (dash := _DASH_GOES_ON.match(text, m.start(), end)) and dash.group()[-1].islower():
            continue  # "Венгрия и ее премьер Виктор Орбан – это не посредники": the dash is the verb, not a break
        out.append([pos, m.start()])
        pos = m.end()
    out.append([pos, end])
    merged: list[list[int]] = []
    for piece in out:
        if merged and (piece[1] - piece[0] < MIN_CLAUSE_CHARS or merged[-1][1] - merged[-1][0] < MIN_CLAUSE_CHARS):
            merged[-1][1] = piece[1]
        else:
            merged.append(piece)
    return [(a, b) for a, b in merged if b > a]


def contrast(scores: np.ndarray) -> np.ndarray:
    """(n_sentences, k) scores for an article's k labels -> each sentence's score for a label minus its
    best score for the other k - 1 (the score itself when k == 1)."""
    if scores.shape[1] < 2:
        return scores.copy()
    top2 = -np.sort(-scores, axis=1)[:, :2]
    best_other = np.where(scores >= top2[:, :1], top2[:, 1:2], top2[:, :1])
    return scores - best_other


def pick_sentences(scores: np.ndarray, max_evidence: int = MAX_EVIDENCE, lengths: Sequence[int] | None = None,
                   eligible: Sequence[bool] | None = None) -> list[list[int]]:
    """For each of an article's labels (columns of `scores`), its evidence sentences (row indices);
    `lengths` (characters of each sentence): shorter than MIN_EVIDENCE_CHARS are never picked; `eligible`
    (per sentence): False is never picked (outside the article body)."""
    c = contrast(scores)
    if lengths is not None:  # datelines and fragments ("MOSCOW, March 4.") are never evidence
        scores = np.where(np.asarray(lengths)[:, None] >= MIN_EVIDENCE_CHARS, scores, -np.inf)
    if eligible is not None:
        scores = np.where(np.asarray(eligible, dtype=bool)[:, None], scores, -np.inf)
    c = np.where(np.isfinite(scores), c, -np.inf)
    picked: list[list[int]] = []
    for j in range(scores.shape[1]):
        good = np.flatnonzero((c[:, j] > 0) & (scores[:, j] > 0))
        if len(good):  # and nearly as telling as the label's strongest sentence
            good = good[scores[good, j] >= MIN_SHARE * scores[good, j].max()]
        picked.append([int(k) for k in good[np.argsort(-c[good, j], kind="stable")][:max_evidence]])
    used = {k for rows in picked for k in rows}
    for j, rows in enumerate(picked):
        if rows or not len(scores):
            continue
        order = [int(k) for k in np.argsort(-scores[:, j], kind="stable") if np.isfinite(scores[k, j])]
        free = [k for k in order if k not in used]
        if free or order:
            rows.append((free or order)[0])
            used.add(rows[0])
    return picked


def narrow(text: str, sentence: tuple[int, int], attribution: Attribution,
           clause_scores) -> tuple[int, int]:
    """The part of a sentence that carries the claim, its dateline left out: the reported content of an
    attributed sentence, and within it (or within a long stated sentence) the clause `clause_scores` rates
    highest.
    `clause_scores(list of (start, end)) -> array` scores candidate clauses for the label."""
    start, end = sentence
    start = strip_dateline(text, start, end)  # "Paris, Mar. 31 (Agency) - ...": the claim starts after it
    claim = attribution.claim if attribution.attributed else None
    # ("NATO rejected it", "Moscow accused the UK of ...": the sentence stays, what follows the verb is its object)
    if (claim and claim[1] - claim[0] >= MIN_EVIDENCE_CHARS and len(text[claim[0] : claim[1]].split()) >= MIN_EVIDENCE_WORDS
            and not reports_an_object(text, start, attribution)):
        start, end = claim
    if end - start < LONG_SENTENCE:
        return start, end
    candidates = clauses(text, start, end)
    if len(candidates) < 2:
        return start, end
    # The best-scored clause that reads as one alone ("Хотя у них есть порты, где ...", "Ivo Marev, who has
    # led the talks" do not: `nlp.clause_cuts`), else the whole claim.
    for best in np.argsort(-np.asarray(clause_scores(candidates)), kind="stable"):
        a, b = _clause_span(text, candidates, int(best))
        if b == end or ends_a_clause(text[a:b]):
            return a, b
    return start, end


def _clause_span(text: str, candidates: list[tuple[int, int]], best: int) -> tuple[int, int]:
    """Clause `best` with the clauses it leans on before it and what its colon announces after it."""
    end = candidates[best][1]
    first = best
    while first and _DEPENDENT.match(text, candidates[first][0]):
        # "..., which would require ...", "..., но это не помогло": the clause leans on the one before it, and
        # that one may lean on its own ("A, and B, while C": C is quoted from A)
        first -= 1
    if best + 1 < len(candidates) and text[end:candidates[best + 1][0]].strip() == ":":
        end = candidates[best + 1][1]  # "the regime deployed: a base for ...": a colon announces what follows
    return candidates[first][0], end


def evidence_spans(text: str, sentence_spans: Sequence[tuple[int, int]], scores: np.ndarray,
                   attributions: SentenceAttributions | Sequence[Attribution], labels: Sequence[str],
                   clause_scores, body: BodyFilter | None = None) -> list[list[Span]]:
    """Evidence spans of each label (columns of `scores`: the article's sentences x its labels), from
    the article body only (`body`: the text's, when already built). `clause_scores(j, spans) -> array`
    scores text pieces for label j."""
    out: list[list[Span]] = []
    lengths = [e - s for s, e in sentence_spans]
    body = body or BodyFilter(text)
    # Not the article body's, a dateline alone ("НОРВАЛЕ, 3 июл - РИА Норвале."), only naming who said the
    # sentence before ("Това заяви X") or announcing what follows ("Sources include:"): nothing to quote.
    eligible = [body.voices(s, e) and not is_dateline(text[s:e]) and not opens_what_follows(text[s:e])
                and len(text[slice(*quotable(text, s, e))].split()) >= MIN_EVIDENCE_WORDS  # not a link's caption
                and not (may_name_the_sentence_before(text, s) and attributions[k].refers_back)
                for k, (s, e) in enumerate(sentence_spans)]
    for j, rows in enumerate(pick_sentences(scores, lengths=lengths, eligible=eligible)):
        spans = []
        said: list[str] = []  # a sentence the article repeats (its headline in the body) is quoted once
        for k in rows:
            att = attributions[k]
            s, e = without_csv_quotes(text, *narrow(text, sentence_spans[k], att,
                                                     lambda cands, j=j: clause_scores(j, cands)))
            s, e = with_closing_marks(text, *quotable(text, s, e))  # no answer's dash before it, no link after it
            words = " ".join(text[s:e].split()).rstrip(".!;,").lower()
            if (not any(c.isalpha() for c in words) or any(repeats(words, w) for w in said)  # "🤔" before a link
                    or len(words.split()) < MIN_EVIDENCE_WORDS):  # "America Last pic.twitter.com/...": two words
                continue
            said.append(words)
            spans.append(Span(s, e, label=labels[j], score=round(float(scores[k, j]), 4), attribution=att.kind,
                              attributed_to=inside_sentence(att.named_source) if att.attributed else None))
        out.append(spans)
    return out


def column_dot(X: sparse.csr_matrix, W: sparse.csc_matrix, j: int) -> np.ndarray:
    """X @ W[:, j] for a CSC W, without converting W (a million rows) to another layout."""
    start, end = W.indptr[j], W.indptr[j + 1]
    keys, values = W.indices[start:end], W.data[start:end]
    if not len(keys) or not X.nnz:
        return np.zeros(X.shape[0], dtype=np.float32)
    at = np.minimum(np.searchsorted(keys, X.indices), len(keys) - 1)
    hit = keys[at] == X.indices
    products = np.where(hit, values[at], 0.0) * X.data
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    return np.bincount(rows, weights=products, minlength=X.shape[0]).astype(np.float32)


class EvidenceFinder:
    """Evidence for a model's labels: `for_batch(featurized).add(i, analysis)` fills each label's
    `evidence` of the batch's i-th article."""

    def __init__(self, model):
        self.model = model
        self._by_column: dict[str, sparse.csc_matrix] = {}

    def columns(self, head: str) -> sparse.csc_matrix:
        """A head's n-gram weights stored by column (sorted rows): one label's weights are a cheap slice."""
        if head not in self._by_column:
            W = self.model.heads[head].W_sparse_.tocsc()
            W.sort_indices()
            self._by_column[head] = W
        return self._by_column[head]

    def for_batch(self, f) -> _BatchEvidence:
        return _BatchEvidence(self, f)


class _BatchEvidence:
    def __init__(self, finder: EvidenceFinder, f):
        self.finder, self.f = finder, f
        self._scores: dict[str, np.ndarray] = {}

    def sentence_scores(self, head: str) -> np.ndarray:
        """Every sentence of the batch scored for every label of `head`: one sparse product per batch."""
        if head not in self._scores:
            self._scores[head] = self.finder.model.heads[head].sparse_scores(self.f.sent_X)
        return self._scores[head]

    def add(self, i: int, a) -> None:
        model, f = self.finder.model, self.f
        rows = f.sentence_rows(i)
        if not len(rows):
            return
        text, spans = a.document.text, f.sent_spans[i]
        attributions = sentence_attributions(text, spans)
        body = BodyFilter(text)  # one per article, for both heads
        views = [model.words, model.chars]
        specific = [s for s in a.subnarratives if not s.label.endswith(f": {OTHER}")]
        for head, items, names in (("narrative", a.narratives, model.narratives), ("fine", specific, model.fine)):
            if not items:
                continue
            cols = [names.index(item.label) for item in items]
            W = self.finder.columns(head)

            def clause_scores(j: int, pieces, W=W, cols=cols) -> np.ndarray:
                chunks = [text[s:e] for s, e in pieces]
                X = sparse.hstack([v.transform(chunks) for v in views], format="csr")
                return column_dot(X, W, cols[j])

            found = evidence_spans(text, spans, self.sentence_scores(head)[np.ix_(rows, cols)], attributions,
                                   [it.label for it in items], clause_scores, body)
            for item, ev in zip(items, found, strict=True):
                item.evidence = ev
        by_narrative = {n.label: n.evidence for n in a.narratives}
        for s in a.subnarratives:
            if s.label.endswith(f": {OTHER}"):  # no specific claim: the narrative's own evidence
                s.evidence = [replace(ev, label=s.label) for ev in by_narrative.get(s.parent or "", [])]

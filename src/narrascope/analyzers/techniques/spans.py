"""Word-level spans of the technique model: which words of a labelled paragraph carry the technique.

The paragraph models decide *whether* a paragraph uses a technique; this model decides *where*. The
gold spans of SemEval-2023 Task 3 mark the words that carry a technique (median 21 characters for
Loaded Language, 19 for Name Calling, 82 for Doubt), not whole sentences. Per technique, a logistic
regression scores every word of a paragraph that has the technique: is this word inside a span of it?
It is trained only on words of paragraphs whose gold labels include the technique, which is the
situation it is used in.

Features of a word (hashed into `N_BUCKETS` columns, so no vocabulary is stored): the word itself,
its neighbours up to two words away, the two bigrams it is part of, its prefix and suffix, its shape,
the punctuation just before and after it, whether it is inside quotation marks, whether its sentence
ends in `!` or `?`, how often the word (and its bigrams) occur in the whole article (Repetition), and
the language; plus two numbers per technique: the sentence model's log-odds for the word's sentence
and whether that sentence is the paragraph's best one. Words are `nlp.text.WORD_PATTERN` matches.

Decoding (`SpanModel.spans`): the run of consecutive words with the largest sum of (word score -
the technique's threshold) is a span, and so is every further disjoint run whose sum reaches `share` of
that one's; there is always at least one (the analyzer's contract: every paragraph label has a span).
A span made of function words alone ("of", "his", "will") carries no technique a reader could check:
the analyzer shows the paragraph's best sentence for the technique instead (`carries_words`); nor does
a span of names alone, except for the few techniques that can rest on a name (`word_spans`).
"""
from __future__ import annotations

import itertools
import re
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from narrascope.analyzers.techniques.span_edges import tidy_edges, without_possessive_tail
from narrascope.nlp.line_case import title_case_lines
from narrascope.nlp.names import FUNCTION_WORDS, is_cased
from narrascope.nlp.text import WORD_PATTERN

N_BUCKETS = 2**18
N_NUMERIC = 2  # sentence log-odds for the technique, best sentence of the paragraph
_WORD = re.compile(WORD_PATTERN)
_QUOTES = re.compile(r"[\"“”„«»‘’‚‹›]")
_MULT = np.uint64(0x9E3779B97F4A7C15)
_TEMPLATE = np.uint64(0xC2B2AE3D27D4EB4F)
_BIGRAM = np.uint64(1_000_003)
_EDGE = 0x5EED  # hash of "no word here" (before the first / after the last word of a paragraph)
# Words that carry no technique on their own, beside `FUNCTION_WORDS` (BG EN HI PT RU): English auxiliaries
# and particles, and the commonest function words of the other 2023 training languages (IT FR DE PL).
_NO_TECHNIQUE = frozenset((
    *(w for words in FUNCTION_WORDS.values() for w in words), "s", "up", "out", "off", "into", "about", "over", "than",
    "will", "would", "be", "is", "are", "was", "were", "been", "has", "have", "had", "do", "does", "did", "can",
    "could", "should", "may", "might", "must", "il", "lo", "la", "le", "gli", "di", "del", "della", "che", "è", "un",
    "una", "per", "con", "non", "du", "des", "et", "est", "les", "une", "pour", "dans", "qui", "sur", "der", "die",
    "das", "und", "ist", "ein", "eine", "zu", "den", "dem", "mit", "von", "nicht", "sich", "w", "z", "na", "się",
    "nie", "jest", "do", "że", "to", "i",
))


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper():
        return "X" if len(word) > 1 else "X1"
    if word[:1].isupper():
        return "Xx"
    return "x" if word.islower() else "m"


def _bucket(template: int, values: np.ndarray) -> np.ndarray:
    """Column of `values` (uint64 hashes) under feature template `template`."""
    with np.errstate(over="ignore"):
        mixed = values.astype(np.uint64) * _MULT + np.uint64(template + 1) * _TEMPLATE
    return ((mixed >> np.uint64(29)) % np.uint64(N_BUCKETS)).astype(np.int64)


@dataclass(slots=True)
class Words:
    """The words of a batch of paragraphs and their hashed features.

    `par[i]`: paragraph row of word i (as numbered by the caller), `sent[i]`: its sentence row,
    `start`/`end`: character offsets into its text, `x`: (words, N_BUCKETS) 0/1 feature matrix.
    Words of a paragraph are contiguous and in reading order."""

    par: np.ndarray
    sent: np.ndarray
    start: np.ndarray
    end: np.ndarray
    x: sp.csr_matrix

    def __len__(self) -> int:
        return len(self.par)


def _shift(values: np.ndarray, by: int, same: np.ndarray) -> np.ndarray:
    """values[i - by] where word i - by is in word i's paragraph (`same[i]`), else the edge hash."""
    out = np.full(len(values), _EDGE, dtype=np.uint64)
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return np.where(same, out, np.uint64(_EDGE))


def paragraph_words(
    texts: list[str], par_doc: np.ndarray, par_bounds: list[tuple[int, int, int]], rows: np.ndarray,
    sent_par: np.ndarray, sent_bounds: list[tuple[int, int]], langs: list[str],
) -> Words:
    """Words and features of the paragraphs `rows` (indices into `par_doc` / `par_bounds`, in reading
    order within each text; sentences given as `sent_par` / `sent_bounds` over the same paragraph rows;
    `langs[d]` the language of text d)."""
    rows = np.asarray(rows, dtype=np.int64)
    wanted = np.zeros(len(par_bounds), dtype=bool)
    wanted[rows] = True
    sent_starts = np.array([s for s, _ in sent_bounds], dtype=np.int64)
    lexical: dict[str, tuple[int, int, int, int]] = {}  # word -> hashes of its lowercase form, suffix, prefix, shape
    marks: dict[str, int] = {}  # punctuation between two words -> hash
    values, par_out, sent_out, starts, ends = [], [], [], [], []
    for d in dict.fromkeys(par_doc[rows].tolist()):
        text = texts[d]
        found = list(_WORD.finditer(text))
        if not found:
            continue
        a_ = np.fromiter((m.start() for m in found), dtype=np.int64, count=len(found))
        b_ = np.fromiter((m.end() for m in found), dtype=np.int64, count=len(found))
        raw = [m.group() for m in found]
        low = [w.lower() for w in raw]
        counts, bigrams = Counter(low), Counter(itertools.pairwise(low))
        # the paragraph row of every word of the text (paragraph rows of one text are contiguous)
        pars = np.flatnonzero(par_doc == d)
        par_starts = np.array([par_bounds[p][0] for p in pars], dtype=np.int64)
        par_ends = np.array([par_bounds[p][1] for p in pars], dtype=np.int64)
        at = np.searchsorted(par_starts, a_, side="right") - 1
        inside_par = (at >= 0) & (b_ <= par_ends[np.maximum(at, 0)])
        word_par = np.where(inside_par, pars[np.maximum(at, 0)], -1)
        keep = np.flatnonzero((word_par >= 0) & wanted[np.maximum(word_par, 0)])
        if not len(keep):
            continue
        n = len(keep)
        kp = word_par[keep]
        same_prev = np.r_[False, kp[1:] == kp[:-1]]
        same_next = np.r_[kp[:-1] == kp[1:], False]
        same_prev2 = np.r_[False, False, kp[2:] == kp[:-2]][:n]
        same_next2 = np.r_[kp[:-2] == kp[2:], False, False][:n]
        for i in keep.tolist():
            if raw[i] not in lexical:
                w = low[i]
                lexical[raw[i]] = (_crc(w), _crc(w[-3:]), _crc(w[:4]), _crc(_shape(raw[i])))
        lex = np.array([lexical[raw[i]] for i in keep.tolist()], dtype=np.uint64).reshape(n, 4)
        h = lex[:, 0]
        prev1, next1 = _shift(h, 1, same_prev), _shift(h, -1, same_next)
        with np.errstate(over="ignore"):
            left_bigram = prev1 * _BIGRAM ^ h
            right_bigram = h * _BIGRAM ^ next1
        # punctuation before each word (from its paragraph's start) and after it (to its paragraph's end)
        par_start_of = np.array([par_bounds[p][0] for p in kp.tolist()], dtype=np.int64)
        par_end_of = np.array([par_bounds[p][1] for p in kp.tolist()], dtype=np.int64)
        gap_from = np.where(same_prev, np.r_[0, b_[keep][:-1]], par_start_of)
        gap_to = np.where(same_next, np.r_[a_[keep][1:], 0], par_end_of)
        before = [text[x:y].strip()[-2:] for x, y in zip(gap_from.tolist(), a_[keep].tolist(), strict=True)]
        after = [text[x:y].strip()[:2] for x, y in zip(b_[keep].tolist(), gap_to.tolist(), strict=True)]
        before_h = np.array([marks[g] if g in marks else marks.setdefault(g, _crc(g)) for g in before], dtype=np.uint64)
        after_h = np.array([marks[g] if g in marks else marks.setdefault(g, _crc(g)) for g in after], dtype=np.uint64)
        quotes = np.array([m.start() for m in _QUOTES.finditer(text)], dtype=np.int64)
        inside = ((np.searchsorted(quotes, a_[keep]) - np.searchsorted(quotes, par_start_of)) % 2).astype(np.uint64)
        # sentence of each word: the last sentence of its paragraph starting at or before it (the sentence
        # rows of one text are contiguous and in reading order)
        first_sent, last_sent = np.searchsorted(sent_par, [pars[0], pars[-1] + 1])
        sent = first_sent + np.searchsorted(sent_starts[first_sent:last_sent], a_[keep], side="right") - 1
        sent = np.where((sent >= first_sent) & (sent_par[np.maximum(sent, 0)] == kp), sent, -1)
        ending = np.array(["!?".find(text[sent_bounds[j][1] - 1]) + 1 if j >= 0 else 0 for j in sent.tolist()],
                          dtype=np.uint64)  # the sentence ends in "!" (1), "?" (2) or otherwise (0)
        first = np.r_[True, (sent[1:] != sent[:-1]) | ~same_prev[1:]].astype(np.uint64)
        # Repetition: how often the word occurs in the article (capped), for short and long words apart,
        # and whether the bigram to its left / right occurs again
        rep = np.array([min(counts[low[i]], 5) * 2 + (len(low[i]) > 3) for i in keep.tolist()], dtype=np.uint64)
        again = np.array([bigrams[pair] > 1 for pair in itertools.pairwise(low)] + [False], dtype=np.uint64)
        rep_bigram = 2 * np.where(same_prev, np.r_[0, again[keep[1:] - 1]], 0) + np.where(same_next, again[keep], 0)
        values.append(np.stack([
            h, prev1, next1, _shift(h, 2, same_prev2), _shift(h, -2, same_next2), left_bigram, right_bigram,
            lex[:, 1], lex[:, 2], lex[:, 3], before_h, after_h, inside, first + 2 * inside, ending, rep,
            rep_bigram.astype(np.uint64), np.full(n, _crc(langs[d]), dtype=np.uint64),
        ], axis=1))
        par_out.append(kp)
        sent_out.append(sent)
        starts.append(a_[keep])
        ends.append(b_[keep])
    if not values:
        empty = np.zeros(0, dtype=np.int64)
        return Words(empty, empty, empty, empty, sp.csr_matrix((0, N_BUCKETS), dtype=np.float32))
    table = np.concatenate(values)
    n_words, n_templates = table.shape
    indices = np.stack([_bucket(t, table[:, t]) for t in range(n_templates)], axis=1).ravel()
    x = sp.csr_matrix(
        (np.ones(len(indices), dtype=np.float32), indices, np.arange(0, len(indices) + 1, n_templates)),
        shape=(n_words, N_BUCKETS),
    )
    x.sum_duplicates()
    x.data[:] = 1.0
    par, order = np.concatenate(par_out), None
    order = np.argsort(par, kind="stable")  # words grouped by paragraph row, as the callers expect
    return Words(par[order], np.concatenate(sent_out)[order], np.concatenate(starts)[order],
                 np.concatenate(ends)[order], x[order])


def numeric_features(words: Words, p_sent_k: np.ndarray) -> np.ndarray:
    """(words, N_NUMERIC) for one technique: the sentence model's log-odds of the word's sentence
    (scaled to about [-2, 2]) and whether that sentence has the best score of its paragraph."""
    if not len(words):
        return np.zeros((0, N_NUMERIC), dtype=np.float32)
    p = np.clip(p_sent_k[words.sent], 1e-3, 1 - 1e-3)
    best = np.zeros(int(words.par.max()) + 1, dtype=np.float32)
    np.maximum.at(best, words.par, p)
    return np.stack([np.log(p / (1 - p)) / 3.0, (p >= best[words.par]).astype(np.float32)], axis=1).astype(np.float32)


def best_segment(scores: np.ndarray, threshold: float) -> tuple[float, int, int]:
    """(gain, first, last + 1) of the run of consecutive words with the largest sum of
    (score - threshold): low-scoring words inside a strong run are bridged, and there is always a
    segment (the best word, when no word reaches the threshold)."""
    cum = np.r_[0.0, np.cumsum(scores - threshold)]
    low = np.minimum.accumulate(cum[:-1])
    end = int(np.argmax(cum[1:] - low))
    start = int(np.argmin(cum[: end + 1]))
    return float(cum[end + 1] - cum[start]), start, end + 1


def segments(scores: np.ndarray, threshold: float, share: float) -> list[tuple[int, int]]:
    """The best segment, then every further disjoint segment whose gain is at least `share` x the best
    one's (a paragraph may carry a technique in several places); word (first, last + 1) pairs, sorted."""
    if not len(scores):
        return []
    top, a, b = best_segment(scores, threshold)
    out = [(a, b)]
    todo = [(0, a), (b, len(scores))]
    while todo and share <= 1.0:
        lo, hi = todo.pop()
        if hi <= lo:
            continue
        gain, a, b = best_segment(scores[lo:hi], threshold)
        if gain > 0 and gain >= share * top:
            out.append((lo + a, lo + b))
            todo += [(lo, lo + a), (lo + b, hi)]
    return sorted(out)


def sentence_spans(sent_ids: list[int], sent_bounds: list[tuple[int, int]], p_sent: np.ndarray, k: int,
                   threshold: float) -> list[tuple[int, int, float]]:
    """Technique k's spans as whole sentences: those of `sent_ids` (one paragraph's sentences) whose
    sentence-model probability reaches `threshold`, and at least the best one."""
    if not sent_ids:
        return []
    scores = p_sent[sent_ids, k]
    chosen = {sent_ids[i] for i in np.flatnonzero(scores >= threshold)}
    chosen.add(sent_ids[int(np.argmax(scores))])
    return [(*sent_bounds[j], float(p_sent[j, k])) for j in sorted(chosen)]


@dataclass(slots=True)
class SpanModel:
    coef: np.ndarray  # (labels, N_BUCKETS + N_NUMERIC)
    bias: np.ndarray  # (labels,)
    thresholds: np.ndarray  # (labels,) the score a word must bring to its segment
    share: float = 1.0  # further segments need this share of the best one's gain (above 1: one segment)

    def word_scores(self, words: Words, k: int, p_sent_k: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """P(word inside a span of technique k) for the words `rows` (default: all)."""
        x = words.x if rows is None else words.x[rows]
        num = numeric_features(words, p_sent_k)
        num = num if rows is None else num[rows]
        z = x @ self.coef[k, :N_BUCKETS] + num @ self.coef[k, N_BUCKETS:] + self.bias[k]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def spans(self, words: Words, lo: int, hi: int, scores: np.ndarray, k: int) -> list[tuple[int, int, float]]:
        """(start, end, score) of technique k's spans among words lo..hi-1 (one paragraph), given their
        `scores`; never empty for a paragraph with words."""
        return [
            (int(words.start[lo + a]), int(words.end[lo + b - 1]), float(scores[a:b].max()))
            for a, b in segments(scores, float(self.thresholds[k]), self.share)
        ]

    def arrays(self) -> dict[str, np.ndarray]:
        from narrascope.analyzers.techniques.features import quantise

        return {**quantise("span_coef", self.coef), "span_bias": self.bias.astype(np.float32),
                "span_thresholds": self.thresholds.astype(np.float32)}

    @classmethod
    def from_arrays(cls, arrays, share: float) -> SpanModel | None:
        from narrascope.analyzers.techniques.features import dequantise

        if "span_coef" not in arrays:
            return None
        return cls(dequantise(arrays, "span_coef"), arrays["span_bias"], arrays["span_thresholds"], share)


def carries_words(text: str, start: int, end: int) -> bool:
    """text[start:end] holds a word that can carry a technique: not only function words ("of", "his"),
    and not a possessive's tail ("s" of "Macron's")."""
    return any(w.lower() not in _NO_TECHNIQUE for w in _WORD.findall(text, start, end))


def word_keys(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The words of text[start:end] that can be repeated for effect (no function words, at least three
    letters), each cut to its first five letters so that inflected forms ("санкции"/"санкций") count alike."""
    words = _WORD.findall(text, start, len(text) if end is None else end)
    return [w.lower()[:5] for w in words if len(w) >= 3 and w.lower() not in _NO_TECHNIQUE]


def repeats(text: str, start: int, end: int, counts: dict[str, int]) -> bool:
    """Whether text[start:end] holds a word that occurs again in the article (`counts`: `word_keys` of the
    whole text, counted): a Repetition span repeats something. In the 2023 training gold (train minus the
    lockbox) 98% of the English Repetition spans and 97-100% in the other languages do."""
    return any(counts.get(k, 0) >= 2 for k in word_keys(text, start, end))


# Techniques whose span may be a name alone ("America First" is a slogan, "Satan" said again and again is
# Repetition): in the 2023 training gold outside German (train minus the lockbox), 3.5-7.0% of their spans
# are capitalised names and nothing else; Name Calling 4.7% (epithets: "Big Pharma", "No Vax"), Loaded
# Language 0.6%. The model's own Name Calling span on a name alone is more often the entity it labels than
# an epithet ("Русия", "Mariupol", "Macron"), so Name Calling is not among them.
NAMES_CARRY = frozenset({"Repetition", "Slogans", "Flag_Waving", "Red_Herring"})
# Languages that capitalise common nouns: a capital there does not mark a name.
NOUNS_CAPITALISED = frozenset({"de"})


def name_words(text: str, starts: np.ndarray, ends: np.ndarray, sents: np.ndarray) -> np.ndarray:
    """Which of a paragraph's words (offsets `starts`/`ends`, sentence rows `sents`) are names: capitalised
    ("Elysee", "Русия"), not the first word of their sentence, and not on a title-case line (a headline
    capitalises every word). A word in capitals alone may be shouted ("LIES"), so it is not counted."""
    toks = [(int(a), int(b), text[a:b]) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    headline = title_case_lines(text, toks)
    first = np.r_[True, sents[1:] != sents[:-1]]
    return np.array([
        not first[i] and a not in headline and is_cased(w) and w[0].isupper() and not w.isupper()
        for i, (a, _, w) in enumerate(toks)
    ], dtype=bool)


def names_only(names: np.ndarray, words_start: np.ndarray, start: int, end: int) -> bool:
    """Whether every word of the span start..end is a name (`names`: `name_words` of the same words)."""
    inside = (words_start >= start) & (words_start < end)
    return bool(inside.any() and names[inside].all())


def word_spans(model: SpanModel, label: str, k: int, text: str, lang: str, words: Words, lo: int, hi: int,
               scores: np.ndarray) -> list[tuple[int, int, float]]:
    """Technique k's (`label`'s) spans among the words lo..hi-1 of one paragraph of `text` (`scores`:
    theirs), each holding a word that can carry it; empty when none does (the caller then shows the
    sentences). A technique that never rests on a name alone (all but `NAMES_CARRY`) whose span is names
    only ("Name Calling: Русия") is decoded again with the names' scores at zero, keeping only spans with
    a word at the technique's threshold: the span model's next choice is otherwise a word it does not
    believe in. A name stays inside a span that holds other words ("Kiev junta")."""
    found = model.spans(words, lo, hi, scores, k)
    if label not in NAMES_CARRY and lang not in NOUNS_CAPITALISED:
        starts = words.start[lo:hi]
        names = name_words(text, starts, words.end[lo:hi], words.sent[lo:hi])
        if any(names_only(names, starts, a, b) for a, b, _ in found):
            threshold = float(model.thresholds[k])
            found = [f for f in model.spans(words, lo, hi, np.where(names, 0.0, scores), k)
                     if f[2] >= threshold and not names_only(names, starts, f[0], f[1])]
    return [(*tidy_edges(text, without_possessive_tail(text, a, b), b), score)
            for a, b, score in found if carries_words(text, a, b)]

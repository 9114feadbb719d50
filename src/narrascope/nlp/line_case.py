"""Lines whose case says nothing about names: a headline in title case, where every word is capitalised, and
a line written in capitals, where a word in capitals is no acronym. The finders read names on them by other
tests (`lexicon_ner`), and the technique spans keep off a headline's words (`techniques.spans`)."""
from __future__ import annotations

import bisect
from collections.abc import Callable

from narrascope.nlp.names import is_cased


def title_case_lines(text: str, toks: list[tuple[int, int, str]]) -> set[int]:
    """Start offsets of the words on title-case lines (most words capitalised: a headline), where a run
    of capitals says nothing about names."""
    return _lines_where(text, toks, lambda w: w[0].isupper(), min_words=3)


def shouted_lines(text: str, toks: list[tuple[int, int, str]]) -> set[int]:
    """Start offsets of the words on lines written in capitals ("BIDEN FAMILY STINKS TO HIGH HEAVENS",
    "РУСИЯ ТРЪГВА ДА ЗАВЛАДЯВА ЕВРОПА"), where a word in capitals says nothing of an acronym; five words at
    least ("ГЛАВЧЕВ, МАГАРЕ ГЛАМАВО!" is a headline that names its target in capitals)."""
    return _lines_where(text, toks, str.isupper, min_words=5)


def _lines_where(text: str, toks: list[tuple[int, int, str]], written: Callable[[str], bool],
                 min_words: int) -> set[int]:
    """Start offsets of the words on lines where at least `min_words` cased words of four letters or more
    are, at least 80% of them, `written` so."""
    starts = [s for s, _, _ in toks]
    out: set[int] = set()
    i = 0
    while i < len(toks):  # one line at a time (a word never holds a line break)
        line_end = text.find("\n", starts[i])
        j = len(toks) if line_end < 0 else bisect.bisect_left(starts, line_end, i)
        cased = [w for _, _, w in toks[i:j] if len(w) > 3 and is_cased(w)]
        if len(cased) >= min_words and sum(map(written, cased)) >= 0.8 * len(cased):
            out.update(starts[i:j])
        i = j
    return out

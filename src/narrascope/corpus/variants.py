"""What the copies of one text share: the passages of a variant found word for word in the original.

Words are compared case- and punctuation-blind (as the near-duplicate detector sees them), with
difflib's longest-matching-blocks; the result is character ranges of the variant, so a page can
highlight them and a reader sees at a glance what each outlet added, cut or changed.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_BLOCK_WORDS = 3  # shorter matches are common words, not shared text


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    found = list(_WORD.finditer(text))
    return [m.group().lower() for m in found], [m.span() for m in found]


def shared_ranges(original: str, variant: str) -> tuple[list[list[int]], float]:
    """(character ranges of `variant` that `original` contains, share of the variant's words in them)."""
    a, _ = _words(original)
    b, spans = _words(variant)
    if not a or not b:
        return [], 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    ranges: list[list[int]] = []
    shared = 0
    for block in matcher.get_matching_blocks():
        if block.size < MIN_BLOCK_WORDS and block.size != len(b):
            continue
        start, end = spans[block.b][0], spans[block.b + block.size - 1][1]
        if ranges and ranges[-1][1] >= start - 2:
            ranges[-1][1] = end
        else:
            ranges.append([start, end])
        shared += block.size
    return ranges, round(shared / len(b), 3)

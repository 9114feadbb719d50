"""The edges of a technique span as a reader sees them: whole words, closed quotations, no dangling words.

The span model (`spans.py`) picks runs of words by their scores; its edges can fall where no reader would
cut: on the tail of a possessive ("s words mean nothing" of "Macron's words"), inside a hyphenated word
("pan" of "pan-European"), inside an open quotation ("a “diplomatic"), or on a word that leads on to the
next ("lack of", "of power"). These rules move the edges, never the words the model chose.
"""
from __future__ import annotations

import re

from narrascope.nlp.text import WORD_PATTERN

_WORD = re.compile(WORD_PATTERN)


def without_possessive_tail(text: str, start: int, end: int) -> int:
    """Where a span starts once a possessive's tail is cut off its front ("s words mean nothing" of
    "Macron's words mean nothing" starts at "words")."""
    if start > 0 and text[start - 1] in "'’" and text[start : start + 1].lower() == "s":
        nxt = _WORD.search(text, start + 1, end)
        if nxt and nxt.start() > start + 1:
            return nxt.start()
    return start


# A span ends on a word that leads on to the next only where the gold does (1.6% of the English training gold
# spans of two words or more end on one of these): articles, prepositions, conjunctions, determiners and
# possessives ("lack of", "prolong the", "prepared for any").
_OPEN_ENDED = frozenset((
    "of", "the", "a", "an", "and", "or", "to", "for", "with", "by", "from", "at", "on", "over", "into", "about", "than",
    "in", "as",
    "that", "this", "these", "those", "any", "some", "every", "each", "such", "their", "his", "her", "its", "our",
    "your", "my", "и", "на", "за", "с", "в", "по", "от", "к", "e", "de", "da", "do", "o", "um", "uma", "em",
))
# Nor does a span start on a conjunction or "of" ("and equipment", "of power").
_CONTINUING = frozenset(("and", "or", "of", "и", "e", "ou"))
_HYPHENS = "-‐‑"
_WORD_BEFORE = re.compile(f"(?:{WORD_PATTERN})$")
_CLOSING_QUOTE = {"“": "”", "«": "»", "„": "“”", "‚": "‘’", "‹": "›"}
QUOTE_REACH = 60  # characters after a span within which its open quotation mark may close


def tidy_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """The span start..end with whole words at its edges: a hyphenated word kept whole ("pan-European",
    not "pan"); a quotation mark it opens closed within `QUOTE_REACH` characters ("a “diplomatic" ->
    "a “diplomatic settlement”"); no trailing word that leads on (`_OPEN_ENDED`) and no leading conjunction
    (`_CONTINUING`), while another word remains."""
    while end + 1 < len(text) and text[end] in _HYPHENS and (m := _WORD.match(text, end + 1)):
        end = m.end()
    while start > 1 and text[start - 1] in _HYPHENS and (m := _WORD_BEFORE.search(text, max(0, start - 40), start - 1)):
        start = m.start()
    end = _close_quote(text, start, end)
    found = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    while len(found) > 1 and text[found[-1][0] : found[-1][1]].lower() in _OPEN_ENDED:
        found.pop()
    dropped = start
    while len(found) > 1 and text[found[0][0] : found[0][1]].lower() in _CONTINUING:
        dropped = found.pop(0)[1]
    if not found:
        return start, end
    tail = end if _WORD.search(text, found[-1][1], end) is None else found[-1][1]
    if found[0][0] > start and not _opens_quote(text, start, found[0][0]):
        return found[0][0], tail
    # a quotation opens between the dropped word and the next ('of "instructors"' -> '"instructors"')
    return dropped + len(text[dropped : found[0][0]]) - len(text[dropped : found[0][0]].lstrip()), tail


def _opens_quote(text: str, start: int, word: int) -> bool:
    return any(c in _CLOSING_QUOTE or c == '"' for c in text[start:word])


def _close_quote(text: str, start: int, end: int) -> int:
    """`end`, moved past the closing mark of a quotation the span opens and leaves open."""
    span = text[start:end]
    for opening, closing in _CLOSING_QUOTE.items():
        at = span.rfind(opening)
        if at >= 0 and not any(c in span[at + 1 :] for c in closing):
            hit = min((i for i in (text.find(c, end, end + QUOTE_REACH) for c in closing) if i >= 0), default=-1)
            line_end = text.find("\n", end)
            if hit >= 0 and (line_end < 0 or hit < line_end):
                return hit + 1
    if span.count('"') % 2:
        hit = text.find('"', end, end + QUOTE_REACH)
        line_end = text.find("\n", end)
        if hit >= 0 and (line_end < 0 or hit < line_end):
            return hit + 1
    return end

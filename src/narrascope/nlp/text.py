"""Offset-preserving segmentation: paragraphs and sentences as (start, end) ranges of the text.

Regex-based on purpose: it is fast, has no model to load, and works the same for the Latin,
Cyrillic and Devanagari scripts narrascope supports (Hindi ends sentences with the danda "।").
"""
from __future__ import annotations

import re

# A sentence ends at ., !, ?, …, the danda or a line break; closing quotes/brackets stay with it.
_SENTENCE_END = re.compile(r"""[.!?…।]+["'”’»)\]]*(?=\s)|\n""")
_PARAGRAPH_BREAK = re.compile(r"(?:\r?\n){1,}")
_WORD = re.compile(r"\w+", re.UNICODE)

MIN_SENTENCE_CHARS = 3


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines/paragraphs as (start, end), whitespace trimmed."""
    out = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        s, e = _strip(text, pos, m.start())
        if e > s:
            out.append((s, e))
        pos = m.end()
    s, e = _strip(text, pos, len(text))
    if e > s:
        out.append((s, e))
    return out


def sentences(text: str, max_chars: int = 600) -> list[tuple[int, int]]:
    """Sentences as (start, end). Over-long runs without punctuation are cut at `max_chars`
    (on a space where possible) so that one sentence never dominates an embedding batch."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _add(text, pos, m.end(), out, max_chars)
        pos = m.end()
    _add(text, pos, len(text), out, max_chars)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]], max_chars: int) -> None:
    start, end = _strip(text, start, end)
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        cut = cut if cut > start else start + max_chars
        s, e = _strip(text, start, cut)
        if e - s >= MIN_SENTENCE_CHARS:
            out.append((s, e))
        start, end = _strip(text, cut, end)
    if end - start >= MIN_SENTENCE_CHARS:
        out.append((start, end))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def count_words(text: str) -> int:
    return len(text.split())

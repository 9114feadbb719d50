"""English titles of treaties and conventions, whose capitalised words name a document, not an entity."""
from __future__ import annotations

import re

from narrascope.document import Span

# English titles of treaties and conventions: "Treaty on the Elimination of Intermediate and Shorter-Range
# Missiles", "Strategic Offensive Arms (START) Treaty", "Paris Agreement". The capitalised words of such a
# title name a document or its subject, not an entity cast in a role (no annotated mention of the English
# training articles lies inside one), and a run finder cuts them into fragments ("Elimination of
# Intermediate"). Parties after "between" are left alone ("Agreement between Japan and ...").
_DOCUMENT_NOUN = r"(?:Treaty|Treaties|Agreements?|Accords?|Convention|Protocol|Memorandum)"
_TITLE_WORD = r"(?:[A-Z][\w'’]*+(?:-[A-Za-z]\w*+)*+|\([A-Z][A-Z0-9-]+\))"
# At most 12 words: a title is no longer, and an unbounded run would make the search quadratic in a text
# written all in capitals. A title starts where a word does: read from inside a long word ("AAAA...", a pasted
# blob) the search would be quadratic in the word's length.
_WORD_START = r"(?<![\w-].)(?<!\w['’].)"  # read after a word's first character, which the search looks for first
_FIRST_WORD = rf"(?:[A-Z]{_WORD_START}[\w'’]*+(?:-[A-Za-z]\w*+)*+|\({_WORD_START}[A-Z][A-Z0-9-]+\))"
_TITLE_RUN = rf"{_FIRST_WORD}(?:[ \t]+(?:(?:and|of|the|on|for|to)[ \t]+){{0,3}}{_TITLE_WORD}){{0,11}}"
_DOCUMENT_SUBJECT = re.compile(rf"\b{_DOCUMENT_NOUN}[ \t]+(?:on|of|for)[ \t]+(?:the[ \t]+)?{_TITLE_RUN}")
# "North Atlantic Treaty Organization", "Convention Centre": the noun is part of another name there.
_DOCUMENT_NAME = re.compile(rf"{_TITLE_RUN}[ \t]+{_DOCUMENT_NOUN}\b(?![ \t]+(?:Organi[sz]ation|Cent(?:re|er))\b)")


def document_titles(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the English treaty and convention titles in `text`."""
    return sorted((m.start(), m.end()) for pattern in (_DOCUMENT_SUBJECT, _DOCUMENT_NAME)
                  for m in pattern.finditer(text))


def inside(span: Span, ranges: list[tuple[int, int]]) -> bool:
    """Whether `span` lies within one of `ranges` (an article has few titles, most none)."""
    return any(a <= span.start and span.end <= b for a, b in ranges)

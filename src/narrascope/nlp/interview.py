"""Interview transcripts: a paragraph that opens on its speaker's name in capitals and a colon.

Some pages carry a talk show or an interview as a transcript, each turn a paragraph that opens on who speaks:
"ИВАН ПЕТРОВ, бивш анализатор: Това е ...", "РУИ КОСТА: Да." What follows the colon, and the rest of that
paragraph, are that speaker's words, not the article's own. A name in capitals opens a turn when a role
follows it after a comma (here or at another of its turns), or, in a dialogue of two speakers or more, when it
opens two turns or more; a headline in capitals ("ЕВРОПА ГОРИ: ...", "FACT CHECK: ...") is no speaker.
"""
from __future__ import annotations

import functools
from collections import Counter

from narrascope.nlp.text import paragraphs

MAX_TAG_CHARS = 160  # the name, its role and the colon
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 4


def _name(words: str) -> str | None:
    """The speaker's name, title-cased, when `words` are two to four words in capitals, not all acronyms."""
    found = words.split()
    if not MIN_NAME_WORDS <= len(found) <= MAX_NAME_WORDS:
        return None
    letters = [w.replace("-", "").replace(".", "") for w in found]
    if not all(w.isalpha() and w.isupper() and len(w) >= 2 for w in letters) or all(len(w) <= 3 for w in letters):
        return None
    return " ".join(w.title() for w in found)


def _tag(text: str, start: int, end: int) -> tuple[str, int, bool] | None:
    """(speaker, where the words start, whether a role follows the name) of a paragraph's opening tag."""
    colon = text.find(":", start, min(end, start + MAX_TAG_CHARS))
    if colon < 0:
        return None
    head = text[start:colon]
    name_part, comma, role = head.partition(",")
    name = _name(name_part)
    if name is None or (comma and not role.strip()[:1].islower()):
        return None
    words = colon + 1
    while words < end and text[words] in ": \t":
        words += 1  # "The Duran:: Те ..."
    return name, words, bool(comma)


@functools.lru_cache(maxsize=64)
def turns(text: str) -> dict[int, tuple[int, str, int]]:
    """Paragraph start -> (paragraph end, speaker, where the speaker's words start) for each turn of a transcript
    (see the module docstring); {} for an article without one."""
    if ":" not in text:
        return {}
    tagged = {start: (end, found) for start, end in paragraphs(text) if (found := _tag(text, start, end))}
    with_role = {name for _, (name, _, role) in tagged.values() if role}
    count = Counter(name for _, (name, _, _) in tagged.values())
    dialogue = len(count) >= 2
    return {start: (end, name, words) for start, (end, (name, words, role)) in tagged.items()
            if role or name in with_role or (dialogue and count[name] >= 2)}


def turn_of(text: str, start: int) -> tuple[str, int, bool] | None:
    """(speaker, where the speaker's words start in the sentence, whether the sentence opens the turn) for the
    sentence that starts at `start`, when it is inside a turn of a transcript; else None."""
    found = turns(text)
    for para_start, (para_end, name, words) in found.items():
        if para_start <= start < para_end:
            return name, max(start, words), start <= para_start + 1
    return None

"""Reported speech in an English headline written in title case ("Putin Says West Prepared To Blame Kyiv",
"Europe Is Running Out Of Gas, Minister Warns").

`nlp.attribution` reads a capitalised reporting verb inside a sentence as part of a name ("the United States",
"the Claims Office"), which is right in running text and wrong in a headline whose every word is capitalised:
there "Says" is the verb. This module reads such a line in two shapes: the source,
the verb and the claim ("Putin Says ..."), and the claim, a comma, the source and the verb last ("..., Lockheed
Says").
"""
from __future__ import annotations

import re

from narrascope.nlp.speakers import WORD

# Not "Reveals", "Confirms" or "Tells": "Math Confirms Foolishness of ...", "Memo Reveals Plan to ..." state the
# article's own claim with an authority's name; "Tells Crowd" names whom.
_CUES = re.compile(r"\b(Says|Said|Claims|Warns|Admits|Declares|Predicts|Insists|Argues|Accuses|Denies|Suggests"
                   r"|Urges|Vows)\b")
MIN_TITLE_SHARE = 0.8  # of the words of four letters or more that are capitalised: a line in title case
MIN_TITLE_WORDS = 4
MAX_SOURCE_WORDS = 6
MIN_CLAIM_WORDS = 3
# "Claims" before these is the noun ("Doomsday Claims Should Be Audited", "Weapons Claims in ...").
_AFTER_THE_NOUN = frozenset(("should", "are", "were", "is", "was", "of", "in", "about", "on", "for", "to", "and",
                             "by", "from", "against", "over"))
_BREAK = re.compile(r"[:;,\"“”‘’']\s*|(?:^|\s)[-–—]\s")
# A preposition after the verb opens its object ("Warns of Global Crisis"), a few words and a colon whom it was
# said to ("Warns Russia: You're Next"): the claim is after the colon, or none.
_OBJECT = re.compile(r"\s+(?:of|about|against|over|on)\s", re.IGNORECASE)
_TO_WHOM_COLON = re.compile(r"(?:\s+[^\s:]+){1,3}:\s+")


def title_case_report(sentence: str) -> tuple[str, str | None, int, int] | None:
    """(cue, source, claim start, claim end) in `sentence` where it is a title-case headline that reports
    someone's words (see the module docstring), else None."""
    long = [w for w in WORD.findall(sentence) if len(w) >= 4 and w.isalpha()]
    if len(long) < MIN_TITLE_WORDS or sum(w[0].isupper() for w in long) < MIN_TITLE_SHARE * len(long):
        return None
    for cue in _CUES.finditer(sentence):
        after = WORD.findall(sentence[cue.end():])
        if cue.group(1) == "Claims" and after and after[0].lower() in _AFTER_THE_NOUN:
            continue
        breaks = list(_BREAK.finditer(sentence, 0, cue.start()))
        head_start = breaks[-1].end() if breaks else 0
        head = sentence[head_start : cue.start()].strip()
        head_words = WORD.findall(head)
        if not after and breaks and sentence[breaks[-1].start()] == "," and 0 < len(head_words) <= MAX_SOURCE_WORDS:
            return cue.group(1).lower(), head, 0, breaks[-1].start()  # "CLAIM, Lockheed Says"
        if len(after) >= MIN_CLAIM_WORDS and 0 < len(head_words) <= MAX_SOURCE_WORDS and head_words[0][:1].isupper():
            if _OBJECT.match(sentence, cue.end()):
                return cue.group(1).lower(), head, 0, 0  # no claim of its own
            to_whom = _TO_WHOM_COLON.match(sentence, cue.end())
            claim = to_whom.end() if to_whom else re.compile(r"\s*(?:That\s+)?").match(sentence, cue.end()).end()
            return cue.group(1).lower(), head, claim, len(sentence.rstrip())  # "Putin Says CLAIM"
    return None

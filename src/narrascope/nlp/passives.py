"""A verb of saying in the passive (for `nlp.attribution`): whom it was said to or about is no speaker.

English: "Delegates were reminded that ..." reports words, but by nobody the sentence names (the subject is who
heard them), and "It is being reported by the Wire that ..." by the agent after "by"; "X is said to be Y" and
"X was reported to have fled" are hearsay: attributed, by nobody named, and no piece of the sentence is the
reported words. Other passives report no words at all (`reports_nothing`): an order ("residents were told to
leave", "shoppers are urged to recycle"), a thing done ("she was added to a list of speakers"; "the fair was
announced by the port board", where what was announced is the subject, not words), where or when something was reported
("explosions were reported in the port").

Hindi: a passive of saying ("कहा गया है कि", "माना गया था") is said by nobody named, unless the sentence says on
whose behalf ("X की तरफ से कहा गया है कि"); its words follow "कि" right after the verb, or the quote it opens.
"""
from __future__ import annotations

import re

from narrascope.nlp import hindi_claims
from narrascope.nlp.speakers import words_before

# A form of "be" and at most two adverbs right before the participle ("was recently revealed", "is being quietly
# reported"); "must be noted" is the article's own remark (`cue_context._MODAL_BE`), read before this.
_BE = re.compile(r"(?<![\w'’])(?:is|are|was|were|be|been|being)\s+(?:(?:also|not|already|now|then|just|since|still"
                 r"|often|[a-z]+ly)\s+){0,2}$", re.IGNORECASE)
_HEARSAY = frozenset(("said", "reported", "claimed", "alleged", "is said", "are said"))
# "to" and a verb after a participle of hearsay ("said to be", "reported to have fled"), not "reported to the police"
_TO_VERB = re.compile(r"\s+to\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b|our\b|my\b|this\b|that\b|these\b"
                      r"|those\b|police\b|authorities\b)[a-z]", re.IGNORECASE)
# The words of a passive that reports: after "that" or a colon, an agent after "by" before them
_AGENT_THEN_WORDS = re.compile(r"(?:\s+by\s+(?P<agent>[^.;:\"“”«»]{2,80}?))?(?:,?\s+that\s+|:\s*)", re.IGNORECASE)
# What follows a passive that reports no words: "to" (an order, or where a thing was added), an agent after "by",
# or a preposition of place, time or manner
_NO_WORDS_AFTER = re.compile(r"\s+(?:to|by|in|on|at|for|without|via|during|across|over|as(?!\s+saying)|about|from"
                             r"|with|under|after|amid)\b", re.IGNORECASE)
_WORDS_LATER = re.compile(r"\bthat\b|[:\"“„«]", re.IGNORECASE)  # "was announced to the nation that ...": words follow
_SAID_THIS = re.compile(r"(?:^|\s)(?:this|that|it|these|those)\s+$", re.IGNORECASE)  # "This was reported by X"
_TRUTH_BE_TOLD = re.compile(r"(?<![\w'’])truth\s+be\s+$", re.IGNORECASE)


def _english_passive(sentence: str, cue: re.Match) -> str | None:
    """The cue as its passive participle reads it ("said", "is said"), or None where it is no English passive."""
    word = cue.group().lower()
    if word in ("is said", "are said"):
        return word
    if not (word in ("said", "told") or word.endswith("ed")):
        return None
    return word if _BE.search(sentence, max(0, cue.start() - 40), cue.start()) else None


def reports_nothing(sentence: str, cue: re.Match) -> bool:
    """Whether the English passive at `cue` reports no words: an order, a thing done or where it was reported
    (see the module's docstring), or "truth be told"."""
    if _TRUTH_BE_TOLD.search(sentence, max(0, cue.start() - 12), cue.start()):
        return True
    word = _english_passive(sentence, cue)
    if word is None or word == "accused" or word in _HEARSAY and _TO_VERB.match(sentence, cue.end()):
        return False  # "accused of" has its own reading (`cue_context`); hearsay reports
    if not _NO_WORDS_AFTER.match(sentence, cue.end()) or _WORDS_LATER.search(sentence, cue.end()):
        return False
    return not _SAID_THIS.search(sentence, 0, _BE.search(sentence, max(0, cue.start() - 40), cue.start()).start())


def passive_report(sentence: str, cue: re.Match) -> tuple[str | None, int | None] | None:
    """(who, where the reported words start in `sentence`) for a passive of saying at `cue`: who is the agent or
    on whose behalf, else None; where, None for hearsay and where no words follow. None where `cue` is no passive
    this reads (the active reading then stands)."""
    if (hindi := hindi_claims.PASSIVE.match(sentence, cue.end())) is not None:
        behalf = hindi_claims.on_behalf_of(sentence, cue.start())
        that = hindi_claims.PASSIVE_THAT.match(sentence, hindi.end())
        return (words_before(sentence, behalf, agent=False) or None if behalf >= 0 else None), (that.end() if that else None)
    word = _english_passive(sentence, cue)
    if word is None or word == "accused":
        return None
    if word in _HEARSAY and _TO_VERB.match(sentence, cue.end()):
        return None, None  # "X is said to be Y": hearsay, no piece of it quoted
    words = _AGENT_THEN_WORDS.match(sentence, cue.end())
    if words is None or " as saying" in words.group():
        return None  # "X was cited by the Wire as saying that": X's words (`attribution._AS_SAYING`)
    agent = (words.group("agent") or "").strip() or None
    return agent, words.end()

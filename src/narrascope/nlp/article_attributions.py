"""The attribution of every sentence of one article (`nlp.attribution` reads one sentence at a time).

What one sentence cannot say alone is read here across sentences: a transcript's turn ("ИВАН ПЕТРОВ,
анализатор: ...", `nlp.interview`), a claim that the next sentence says someone made ("CLAIM. Това заяви X.",
`nlp.said_this`), and the speaker a pronoun or a dropped subject stands for ("X said ... . He added that ...",
"X disse ... . Acrescentou que ...", `nlp.pronoun_speakers`).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from narrascope.nlp.attribution import ATTRIBUTED, Attribution, attribute
from narrascope.nlp.interview import turn_of
from narrascope.nlp.pronoun_speakers import MAX_BACK, UNNAMED, antecedent, speaker_pronoun
from narrascope.nlp.quotation import QUOTES, claim_range, quoted_ranges
from narrascope.nlp.said_this import may_name_the_sentence_before
from narrascope.nlp.speaker_words import FIRST_PERSON


def attribute_sentences(text: str, spans: list[tuple[int, int]]) -> list[Attribution]:
    """The `Attribution` of each sentence `spans[i]` of `text` (quotes are found once per text)."""
    lazy = SentenceAttributions(text, spans)
    return [lazy[i] for i in range(len(spans))]


def sentence_attributions(text: str, spans: Sequence[tuple[int, int]]) -> SentenceAttributions:
    """The lazy `SentenceAttributions` of `text` split into `spans`, shared by the analyzers of a batch that quote
    the same article (the narratives' evidence, the entities' evidence): each sentence is read once."""
    return _remembered_attributions(text, tuple(spans))


class SentenceAttributions:
    """`attributions[i]`: the attribution of sentence `spans[i]`, worked out on first use (evidence needs a
    few sentences of an article, and the patterns cost about 0.2 ms a sentence); a sentence that the next
    one says someone said ("CLAIM. Това заяви X.", `nlp.said_this`) is attributed to X, and a pronoun that
    reports words names the speaker it stands for where that is clear (`nlp.pronoun_speakers`)."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self.text, self.spans = text, spans
        self._quotes: list[tuple[int, int]] | None = None
        self._done: dict[int, Attribution] = {}

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i: int) -> Attribution:
        if i not in self._done:
            if self._quotes is None:
                self._quotes = quoted_ranges(self.text) if any(q in self.text for q in QUOTES) else []
            found = attribute(self.text, *self.spans[i], self._quotes)
            turn = turn_of(self.text, self.spans[i][0])  # "ИВАН ПЕТРОВ, анализатор: ...": a transcript's turn
            if turn and (turn[2] or not found.attributed or (found.source or "").lower() in FIRST_PERSON):
                found = Attribution(ATTRIBUTED, turn[0], ":", claim_range(self.text, turn[1], self.spans[i][1]))
            if (found.source is None and not found.refers_back and i + 1 < len(self.spans)
                    and may_name_the_sentence_before(self.text, self.spans[i + 1][0])):
                said = self[i + 1]  # "CLAIM. Това заяви X.": the claim is X's
                if said.refers_back and said.source:
                    found = Attribution(ATTRIBUTED, said.source, said.cue,
                                        found.claim or claim_range(self.text, *self.spans[i]))
            self._done[i] = found
            if found.attributed and (pronoun := speaker_pronoun(found.source, found.cue, self.text[slice(*self.spans[i])])):
                # The sentences before are read after this one is stored: one of them may look ahead to it.
                earlier = [(self[j].attributed, self[j].source or _unnamed(self[j], self.text, self.spans[j], self._quotes),
                            self[j].named_source, self.text[slice(*self.spans[j])])
                           for j in range(i - 1, max(i - 1 - MAX_BACK, -1), -1)]
                if (who := antecedent(pronoun, earlier, self.text, self._quoted(i, pronoun))):
                    self._done[i] = replace(found, antecedent=who)
        return self._done[i]

    def _quoted(self, i: int, word: str) -> bool:
        """Whether `word` of sentence i stands inside quotation marks (opened in this sentence or before)."""
        start, end = self.spans[i]
        at = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", self.text[start:end], re.IGNORECASE)
        return bool(at) and any(a <= start + at.start() < b for a, b in self._quotes or ())


def _unnamed(found: Attribution, text: str, span: tuple[int, int], quotes: list[tuple[int, int]] | None) -> str | None:
    """A report whose speaker was not found but whose sentence names someone where speakers stand (two capitalised
    words before its verb, or among the words after it: "Alexander Marr, the governor, said ...",
    '"...", wrote the governor Ivo Marev on Telegram'), as a source nobody named (`pronoun_speakers.UNNAMED`): a
    pronoun or a dropped subject after it may stand for that one. None otherwise (a quote going on, a verb inside
    quotation marks)."""
    sentence = text[span[0] : span[1]]
    at = sentence.lower().find(found.cue or "\0")
    if not found.attributed or found.cue in (None, "quote") or at < 0 or any(
            a <= span[0] + at < b for a, b in quotes or ()):
        return None
    after = " ".join(sentence[at + len(found.cue) :].split()[:_AFTER_VERB_WORDS])
    named = _TWO_CAPITALISED.search(after) or _TWO_CAPITALISED.search(sentence, 0, at)
    return UNNAMED if named else None


_AFTER_VERB_WORDS = 12
_TWO_CAPITALISED = re.compile(r"(?<![\w-])[A-ZА-ЯЁ][\w'’-]+ [A-ZА-ЯЁ][\w'’-]+")


@functools.lru_cache(maxsize=128)  # the last four default batches, as for `nlp.text.sentences`
def _remembered_attributions(text: str, spans: tuple[tuple[int, int], ...]) -> SentenceAttributions:
    return SentenceAttributions(text, list(spans))

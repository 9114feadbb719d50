"""Quotation marks in an article: the ranges they enclose, and the CSV quoting some scrapers wrap a whole body
in (which quotes nobody). `nlp.attribution` reads a sentence mostly inside quotes as someone's words; the
evidence of the analyzers quotes the article's words without the scraper's wrapper."""
from __future__ import annotations

import functools
import re

from narrascope.nlp.text import paragraphs

# Quotation marks: opening -> closing (straight double quotes pair with themselves).
QUOTES = {"“": "”", "„": "“", "«": "»", '"': '"', "”": "”"}
OPENING = re.compile("|".join(re.escape(q) for q in QUOTES))
_GUILLEMET = re.compile("[«»]")


@functools.lru_cache(maxsize=64)  # the analyzers of a batch ask for the same texts
def csv_unquoted(text: str) -> str:
    """`text` with the quoting of a CSV field blanked out, same length: some scraped articles come with their
    body wrapped in straight double quotes and each quotation mark inside doubled (`"Путин сказал: ""мир""."`;
    38 of the 215 Russian SemEval training articles). Those wrapping marks quote nobody: they become spaces,
    and each doubled mark one mark. Any other text is returned as it is."""
    end = len(text.rstrip()) - 1
    if end < 1 or text[end] != '"':
        return text
    start = next((ps for ps, _ in paragraphs(text)[:2] if text.startswith('"', ps)), None)
    if start is None or start >= end or '"' in text[start + 1 : end].replace('""', ""):
        return text  # an ordinary quotation, or marks that are no CSV escaping
    inner = text[start + 1 : end].replace('""', ' "')
    return text[:start] + " " + inner + " " + text[end + 1 :]


def without_csv_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """The span `text[start:end]` without the CSV quoting marks at its edges (`csv_unquoted`): evidence
    quotes the article's words, not the scraper's wrapper."""
    plain = csv_unquoted(text)
    if plain is text:
        return start, end
    while start < end and text[start] == '"' and plain[start] == " ":
        start += 1
    while end > start and text[end - 1] == '"' and plain[end - 1] == " ":
        end -= 1
    return start, end


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside quotation marks (marks excluded), paragraph by paragraph: a quote
    left open at the end of a paragraph closes there (news continues quotes across sentences, not across
    paragraphs without reopening them). A body wrapped in CSV quoting is read without it (`csv_unquoted`)."""
    text = csv_unquoted(text)
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text):
        pos = ps
        # Guillemets nest where the paragraph closes every one it opens: in «... «Юнармия» ...» the first »
        # closes the name, not the quote. Where one is left open, nesting would run a quote to the paragraph's end.
        nested = text.count("«", ps, pe) == text.count("»", ps, pe)
        while pos < pe:
            m = OPENING.search(text, pos, pe)
            if m is None:
                break
            close = QUOTES[m.group()]
            end = _closing(text, m.group(), close, m.end(), pe, nested)
            if end < 0:
                end = pe
            if end > m.end():
                out.append((m.end(), end))
            pos = end + 1
    return out


def _closing(text: str, opening: str, close: str, start: int, end: int, nested: bool) -> int:
    """Where the quote opened before `start` closes (-1: not before `end`): the next closing mark, or for a
    guillemet in a `nested` paragraph the one that matches it."""
    if opening != "«" or not nested:
        return text.find(close, start, end)
    depth = 0
    for m in _GUILLEMET.finditer(text, start, end):
        if m.group() == "«":
            depth += 1
        elif depth == 0:
            return m.start()
        else:
            depth -= 1
    return -1



def with_closing_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The span text[start:end] with the quotation mark that closes a quote it opens, where that mark follows
    right after it ('... нарече плана "удар по селата' -> '... "удар по селата"'), or with the one that
    opens a quote it closes, right before it: the evidence shows a quote as the article wrote it, marks paired."""
    piece = text[start:end]
    after, before = text[end : end + 1], text[start - 1 : start] if start > 0 else ""
    low = piece.count("„")  # Bulgarian and Russian „...“: a “ after „ closes it, any other opens an English quote
    closing_low = min(low, piece.count("“"))
    pairs = (("«", "»", piece.count("«"), piece.count("»")), ("„", "“", low, closing_low),
             ("“", "”", piece.count("“") - closing_low, piece.count("”")))
    for opening, closing, opens, closes in pairs:
        if opens > closes and after == closing:
            return start, end + 1
        if closes > opens and before == opening:
            return start - 1, end
    if piece.count('"') % 2 == 1 and '"' in (after, before):
        return (start, end + 1) if after == '"' else (start - 1, end)
    return start, end


_CLOSING_SINGLE = re.compile(r"(?<=\w)'(?=[\s,.;:!?])")  # "'Jogo' do conselho": a single quote closed after a word


def claim_marks_paired(text: str, start: int, end: int) -> tuple[int, int]:
    """A reported claim text[start:end] with the quotation marks it opens or closes paired (`with_closing_marks`),
    and the single quote before it that it closes ("'Jogo' do conselho ...", where the claim had been "Jogo' do
    conselho ...")."""
    if text[start - 1 : start] == "'" and _CLOSING_SINGLE.search(text, start, end):
        start -= 1
    return with_closing_marks(text, start, end)


_CLAIM_START = re.compile(r"[\s,:;—–\-\"“”«»„']*(?:(?:कि|that|что|че|que)(?=[\s,])[\s,:;—–\-\"“”«»„']*)?")


def claim_range(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A claim range without the spaces, punctuation and "that" around it ("का कहना है कि"), and without the quotation
    marks around it but those it pairs inside ('"Jogo" do conselho ...'); None if empty."""
    strip = " \t\r\n,:;—–-\"“”«»„'"
    start = _CLAIM_START.match(text, start, end).end()
    while end > start and text[end - 1] in strip + ".।!?":
        end -= 1
    if end - start < 3 or text[start:end] in _AUXILIARIES_ALONE:  # "वे X को Y कहते हैं": no words after the verb
        return None
    return claim_marks_paired(text, start, end)  # its quotation marks paired


_AUXILIARIES_ALONE = frozenset(("है", "हैं", "था", "थे", "थी", "थीं"))


_PAIRS = {mark: end for mark, end in QUOTES.items() if mark != "”"}  # (not "”": a closing mark read as an opening one)


def quoted_verb(text: str, quotes: list[tuple[int, int]], start: int, cue: re.Match) -> bool:
    """Whether the verb `cue`, found in the sentence that opens at `start` of `text`, is inside a quote (`quotes`: the
    article's `quoted_ranges`) that opens and closes within the sentence, with a pair of marks that belong together:
    the quoted words' own verb ('a motto, "Nobody says no to the port"', '"We never said that," Ana Lima replied'), not the article's
    report. (A quote opened in an earlier sentence is left alone: where an article's marks do not pair, the ranges
    run on past them.)"""
    at, end = start + cue.start(), start + cue.end()
    return any(start < a <= at and end <= b < start + len(cue.string) and _PAIRS.get(text[a - 1]) == text[b]
               for a, b in quotes)

"""Reported or endorsed: does a sentence state a claim, or attribute it to someone?

An analyst must tell an article that *pushes* a narrative from one that *reports* someone pushing it
("The Kremlin has warned that …"). This module marks, per sentence, the reporting cues of the five
languages narrascope is trained on (BG EN HI PT RU):

- reporting verbs with their source: "X said / warned / claimed (that) …", "…, X said.", "заявил
  Песков", "каза министърът", "afirmou o presidente", "उन्होंने कहा कि …";
- attribution phrases: "according to X", "по словам X", "според X", "segundo X", "X के अनुसार";
- distancing markers: "allegedly", "якобы", "уж", "alegadamente", "कथित तौर पर";
- headlines of the form "Kremlin: …" (a short capitalised name, a colon, the claim);
- direct quotes: a sentence mostly inside quotation marks, or a quote opened in an earlier sentence
  of the same paragraph and not yet closed.

`attribute(text, start, end)` gives one sentence's `Attribution`: `kind`, `source` (who, as written:
`nlp.speakers` and `nlp.appositions` read it around the cue), `cue` and `claim`, the range of the reported
content (the clause after "that", the quote, the clause before "…, X said"), so evidence can be tighter than
the sentence. Regular expressions, no model: fast enough for every sentence of every article, and transparent
about what it saw. Precision over recall: a sentence is "attributed" only on an explicit cue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from narrascope.nlp import bulgarian_sources, hindi_claims
from narrascope.nlp.according import PUBLISHES, according_source, maker_of_document, opens_on_speaker
from narrascope.nlp.appositions import (
    after_interposed,
    after_role,
    apposition_subject,
    closing_name,
    is_name_phrase,
    name_then_role,
    speaker_after_verb,
    without_addressee,
)
from narrascope.nlp.closing_reports import closing_report
from narrascope.nlp.cue_context import (
    CLITIC,
    COMMITMENTS,
    CUE,
    GAP_RE,
    OBJECT_VERBS,
    QUOTE_BEFORE,
    THAT_RE,
    TO_WHOM,
    TO_WHOM_THAT,
    according_reports_nothing,
    before_next_report,
    determiner_before,
    no_speaker_before,
    quote_closes,
    reports_nothing,
    that_follows,
    told_whom_that,
    verb_last,
)
from narrascope.nlp.cue_words import (
    ACCORDING,
    ACCORDING_AFTER,
    DISTANCING,
    OPENING_ONLY,
    THAT,
    THAT_SOON,
    THAT_VERBS,
    VERBS,
)
from narrascope.nlp.dash_sources import dash_source
from narrascope.nlp.headline_speakers import headline_source
from narrascope.nlp.participles import PARTICIPLE, lead_name, reporter, shared_subject
from narrascope.nlp.passives import passive_report
from narrascope.nlp.questions import ASKS_ABOUT_SPEECH, QUESTION_WORD
from narrascope.nlp.quotation import OPENING, claim_range, quoted_ranges, quoted_verb
from narrascope.nlp.said_this import (
    DEMONSTRATIVE,
    SAID_THIS,
    speaker_of_said_this,
    statement_made,
)
from narrascope.nlp.speakers import (
    MAX_SOURCE_WORDS,
    WORD,
    is_name,
    name_after,
    quoted_before,
    reported_head,
    words_after,
    words_before,
)
from narrascope.nlp.text import CLAUSE_END, WORD_CHARS, first_clause
from narrascope.nlp.time_words import after_time_words, without_time_after
from narrascope.nlp.title_case import title_case_report

STATED, ATTRIBUTED = "stated", "attributed"

_B = f"(?<![{WORD_CHARS}])"  # word boundaries that also hold for Devanagari (see nlp.text)
_E = f"(?![{WORD_CHARS}])"
_THAT_CUE = re.compile(_B + "(?:" + THAT_VERBS + ")" + _E, re.IGNORECASE)  # reports before its "that" (`that_follows`)
_NAME_IN_APPOSITION = re.compile(r",\s*([^,;:\"“”«»]{2,60}?)\s*,")  # "…, António Guterres, "
_CUE_LOWER = re.compile(CUE.pattern)  # for text already in lower case
_IS_VERB = re.compile("(?:" + "|".join([*VERBS.values(), THAT_VERBS]) + ")", re.IGNORECASE).fullmatch
_ACCORDING_RE = re.compile(_B + ACCORDING + _E, re.IGNORECASE)
_ACCORDING_LOWER = re.compile(_ACCORDING_RE.pattern)
_ACCORDING_AFTER_RE = re.compile(ACCORDING_AFTER)
_DISTANCING_RE = re.compile(_B + DISTANCING + _E, re.IGNORECASE)
_PRONOUN_IN_PHRASE = re.compile(r"\s(?:му|ѝ|й|им|его|её|ее|их)(?!\w)", re.IGNORECASE)  # "по думите му", "по его словам"
# After "according to X,": the clause it interrupts goes on ("segundo X, estão ..."; not "cited by", "ouvidos por")
_CLAUSE_GOES_ON = re.compile(r"[\s\"”»]*,\s*(?!цитира|цит|cit|quot|ouvid|ouví)[a-zà-úа-яё]")
_HEADLINE = re.compile(r"\s*([^:\n]{2,40}):\s+(?=\S)")  # a headline's "Source: claim"
_EDITORS_NOTE = re.compile(r"\s*(?:\[[^\]\n\"“”«»„]*\]|\((?:emphasis|italics|bold)[^()\n]{0,30}\))\s*$", re.IGNORECASE)
# "…, о чём рассказал министр Иван Петров.", "…, както каза министърът.": what came before is what X said,
# where the speaker ends the sentence (not "не было ясно, о чем спорили депутаты, однако ...": what about)
_AS_SAID = re.compile(r",\s*(?:о ч[её]м|както|as|como|това|это)$", re.IGNORECASE)  # "CLAIM, това заяви X"
_OPENS_QUOTE = re.compile(r"\s*[:\"“„«]")  # 'заявил: "Трагедия, ...': what follows is said, not who says it
MIN_QUOTED_SHARE = 0.5  # a sentence at least half inside quotation marks is a quote
_CLITIC_AFTER = re.compile(CLITIC + r"|-se\b", re.IGNORECASE)  # a Portuguese pronoun after the verb
_INTENSIFIERS = frozenset({"himself", "herself", "itself", "themselves"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """How a sentence presents its claim. Offsets are absolute positions in the analysed text."""

    kind: str  # STATED or ATTRIBUTED
    source: str | None = None  # who the claim is attributed to, as written ("The Kremlin", "Песков")
    cue: str | None = None  # the marker found: a reporting verb, "according to", a quotation mark
    claim: tuple[int, int] | None = None  # the reported content (the clause after "that", the quote)
    # The sentence only names who said the one before it ("Това заяви X"): no claim of its own to quote.
    refers_back: bool = False
    antecedent: str | None = None  # whom a pronoun source stands for (`nlp.pronoun_speakers`)

    @property
    def attributed(self) -> bool:
        return self.kind == ATTRIBUTED

    @property
    def named_source(self) -> str | None:
        """The source when it names someone: not a pronoun such as "he" or "они", and not the tail of a quoted
        headline ('"... a Declaration of War": UK plans ...' names nobody); "Bill Gates himself" is Bill Gates;
        "he" is the speaker the article named just before, where that is clear (`antecedent`)."""
        if self.antecedent:
            return self.antecedent
        if not is_name(self.source):
            return None
        words = (self.source or "").split()
        return " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in _INTENSIFIERS else self.source


STATED_SENTENCE = Attribution(STATED)


def attribute(text: str, start: int = 0, end: int | None = None,
              quotes: list[tuple[int, int]] | None = None) -> Attribution:
    """The attribution of the sentence `text[start:end]` (`quotes`: `quoted_ranges(text)`, when known)."""
    end = len(text) if end is None else end
    sentence = text[start:end]
    if _EDITORS_NOTE.match(sentence):  # "[emphasis, links added]": the editor's, not someone's words
        return STATED_SENTENCE
    quotes = quoted_ranges(text) if quotes is None else quotes
    found = _reporting_clause(text, start, end, sentence, quotes=quotes)
    if found is not None and (inner := _speaker_behind(text, start, end, sentence, found)) is not None:
        return inner
    if (found is not None and found.cue in hindi_claims.NOUN_CUES and found.claim
            and hindi_claims.light_verb_only(text[found.claim[0] : found.claim[1]])):
        # "X ने [...] का दावा किया": the claim is before the noun, not the light verb after it
        before = hindi_claims.claim_before_noun(sentence, sentence.find(found.cue))
        claim = claim_range(text, start + before[0], start + before[1]) if before else None
        return Attribution(found.kind, found.source, found.cue, claim, found.refers_back)
    if found is not None and found.claim and (said := _AS_SAYING.match(text, found.claim[0], found.claim[1])):
        # "X was quoted by the agency as saying that CLAIM", "the Wire quoted Ivo Marev as saying that CLAIM"
        named = said.group(1) if said.group(1) and said.group(1)[:1].isupper() and "by" not in said.group(1) else None
        words = len(text[said.end() : found.claim[1]].split())  # "..., the Wire quoted an official as saying on Tuesday"
        return Attribution(found.kind, named or found.source, found.cue,
                           claim_range(text, said.end(), found.claim[1]) if words >= 4 else None)
    if found is not None:
        return found
    inside = [(max(a, start), min(b, end)) for a, b in quotes if a < end and b > start]
    quoted = sum(b - a for a, b in inside)
    if inside and quoted >= MIN_QUOTED_SHARE * max(1, len(sentence.strip())):
        longest = max(inside, key=lambda ab: ab[1] - ab[0])
        return Attribution(ATTRIBUTED, None, "quote", longest)
    m = _DISTANCING_RE.search(sentence)
    if m:
        return Attribution(ATTRIBUTED, None, m.group().lower(), None)
    return STATED_SENTENCE


def _speaker_behind(text: str, start: int, end: int, sentence: str, found: Attribution) -> Attribution | None:
    """Who said the words that "according to X" at a sentence's end attributes to X, where the sentence names
    them ("“…,” Ana Lima said in a statement, according to the Valdor Wire.", "X заяви, че ..., според агенцията"): the
    speaker's own words are what X reports, as where an opening "According to X," is followed by the speaker's name
    and verb; else None. Not "as X said" ("както каза X"), not an outlet's "writes"."""
    m = _ACCORDING_LOWER.fullmatch(found.cue or "")
    at = sentence.lower().find(found.cue or "\0")
    if not m or not found.source or found.cue.startswith(("както", "как ", "como", "as ")):
        return None
    inner = _reporting_clause(text, start, end, sentence, according=False)
    if (inner is None or not is_name(inner.source) or inner.refers_back or inner.claim is None
            or inner.cue in PUBLISHES or inner.cue == ":" or set((inner.source or "").split()) & set(found.source.split())):
        return None
    verb = sentence.lower().find(inner.cue or "\0")
    if at <= 2 and not opens_on_speaker(sentence, at + len(found.cue) + 1, found.source, inner.source or ""):
        return None
    # the quote before the verb ('“…,” X said'), or the clause after "that" ("X заяви, че …")
    before = inner.claim[1] <= start + verb and at > 2
    that = THAT_SOON.match(sentence, verb + len(inner.cue)) if verb >= 0 else None
    after = at <= 2 and inner.claim[0] > start + verb  # "According to X, NAME said on Monday that ...": NAME's
    return inner if verb >= 0 and (before or after or (that and inner.claim[0] >= start + that.end() - 1)) else None


def _reporting_clause(text: str, start: int, end: int, sentence: str, according: bool = True,
                      quotes: list[tuple[int, int]] = ()) -> Attribution | None:
    """Reporting verbs and attribution phrases (`according`: "according to X" too), with the source and the
    reported clause."""
    low = sentence.lower()  # the cue patterns run case-sensitively on it: three times as fast as IGNORECASE
    same = len(low) == len(sentence)  # (a few letters change length in lower case: then IGNORECASE)
    m = None if not according else _ACCORDING_LOWER.search(low) if same else _ACCORDING_RE.search(sentence)
    m = None if m and m.start() > 2 and OPENING_ONLY.fullmatch(m.group().lower()) else m  # "..., по версии X, ..."
    if m and not according_reports_nothing(sentence, m):
        words, source_end = words_after(sentence, maker_of_document(sentence, m.end()), stop=",")  # not "a report by"
        # "According to X, ..." marks where X ends; "Според Макгрегър политическата ситуация ..." does not.
        closed = sentence[source_end:].lstrip().startswith(",")
        source = according_source(words, closed=closed, is_cue=_IS_VERB)  # "segundo recordou X": no source here
        bulgarian = bulgarian_sources.applies(m.group(), m.start())  # "Според X CLAUSE, ...": no comma after X
        unclosed = according_source(words, closed=False, is_cue=_IS_VERB) if closed and bulgarian else ""
        if closed and bulgarian and bulgarian_sources.comma_ends_clause(words, source, unclosed):
            closed, source = False, unclosed
        if not closed and m.group().lower().startswith(("como ", "както ")):
            source = ""  # "Както каза известният военен и ядрен стратег Бернар Броуди": longer than a source
        if m.start() <= 2 and _PRONOUN_IN_PHRASE.search(m.group()):  # "По думите му САЩ ...": his words are the rest
            return Attribution(ATTRIBUTED, None, m.group().lower(), claim_range(text, start + m.end(), end))
        if words or sentence[m.end():].lstrip().startswith(","):  # "По его словам, …": the source is in the phrase
            comma = sentence.find(",", source_end)
            named = _NAME_IN_APPOSITION.match(sentence, comma) if comma >= 0 else None
            if named and is_name_phrase(named.group(1)) and len(named.group(1).split()) >= 2:
                source, comma = named.group(1), named.end() - 1  # "Como advertiu o secretário-geral, António Guterres, …"
            opens = bulgarian_sources.NOT_HERE
            if bulgarian and not closed:
                opens = bulgarian_sources.claim_start(sentence, m.end(), words, source)
            if opens != bulgarian_sources.NOT_HERE:
                claim = None if opens is None else claim_range(text, start + opens, end)
            elif m.start() <= 2 and 0 <= comma < len(sentence) - 10:  # "According to X, CLAUSE."
                claim = claim_range(text, start + after_role(sentence, comma + 1, source), end)  # not "X, a professor, ..."
            else:  # "CLAUSE, according to X." ("A, according to X, B" has no reported words in one piece)
                after = WORD.findall(sentence[source_end:])
                aside = _CLAUSE_GOES_ON.match(sentence, source_end)  # "onde os X, segundo Y, estão em vantagem"
                claim = claim_range(text, start, start + m.start()) if len(after) <= 3 and not aside else None
            return Attribution(ATTRIBUTED, source or None, m.group().lower(), claim)
    m = _ACCORDING_AFTER_RE.search(sentence)
    if m:  # Hindi: "X के अनुसार, …"; "X के मुताबिक Y ने कहा कि Z": Y's words, which X reports
        inner = _reporting_clause(text, start + m.end(), end, sentence[m.end():], according=False)
        if hindi_claims.speaker_follows(m, inner, text, start):
            return inner
        source = words_before(sentence, m.start(), agent=False)
        return Attribution(ATTRIBUTED, source or None, m.group(), claim_range(text, start + m.end(), end))
    # A capitalised cue inside the sentence is a name, not a verb ("the United States", "Notes from Kyiv"),
    # and one after an article or possessive is an adjective or a noun ("the alleged attack", "their claims").
    cues = _CUE_LOWER.finditer(low) if same else CUE.finditer(sentence)
    found = [c for c in cues if (c.start() == 0 or not sentence[c.start()].isupper())
             and not determiner_before(sentence, c) and not quoted_verb(text, quotes, start, c)
             and not reports_nothing(sentence, c)]
    if not found:  # "Critics argue that ..."; not "the estimate that", "their estimate that", "One could argue that"
        found = [c for c in _THAT_CUE.finditer(sentence)
                 if (c.start() == 0 or not sentence[c.start()].isupper() or c.group().isupper())  # a shout
                 and that_follows(sentence, c) and not determiner_before(sentence, c) and not no_speaker_before(sentence, c)]
    m = closing_report(sentence, found) or next(iter(found), None) or verb_last(sentence)  # "CLAIM, disse X": the last
    if not m:
        if made := statement_made(sentence):  # "Това мнение изрази X": who said the sentence before
            return Attribution(ATTRIBUTED, made[1] or None, made[0], None, refers_back=True)
        if dash := dash_source(sentence):  # "CLAIM — Владимир Путин" (a headline), "«QUOTE», — заключила она."
            return Attribution(ATTRIBUTED, dash[1], dash[0], claim_range(text, start, start + dash[2]))
        if titled := title_case_report(sentence):  # "Putin Says West ...", "..., Lockheed Says"
            return Attribution(ATTRIBUTED, titled[1], titled[0], claim_range(text, start + titled[2], start + titled[3]))
        said = PARTICIPLE.search(sentence)
        if said:  # "X did Y, saying that Z": Z is X's, X the sentence's subject where it opens on a name
            head = sentence[: said.start()]
            return Attribution(ATTRIBUTED, reporter(head) or lead_name(head) or None, said.group(1).lower(),
                               claim_range(text, start + said.end(), end))
        m = _HEADLINE.match(sentence)
        source = headline_source(m.group(1), sentence, text) if m else ""
        if source:  # "Kremlin: arms prolong the war", "Зеленски за Путин: ..." (Zelensky on Putin)
            return Attribution(ATTRIBUTED, source, ":", claim_range(text, start + m.end(), end))
        return None
    if ASKS_ABOUT_SPEECH.match(sentence[: m.start()]) or (QUESTION_WORD.match(sentence) or hindi_claims.asks_what(
            sentence, m.start())) and sentence.rstrip().endswith("?"):
        return None  # "О чем говорили Путин и Моди", "What does the proposal say?", "X ने क्या कहा?": the article asks
    cue = m.group().lower()
    if (passive := passive_report(sentence, m) or hindi_claims.said_after_comma(sentence, m)) is not None:
        # "कहा गया है कि", "X is said to be Y", "X were told that", "X ने Y किया, कहा- ..."
        opens = None if passive[1] is None else start + passive[1]
        return Attribution(ATTRIBUTED, passive[0], cue, claim_range(text, opens, end) if opens is not None else None)
    impersonal = _IMPERSONAL_SE.match(sentence, m.end())
    if impersonal and not words_before(sentence, m.start()):  # "Estima-se que ...": said, by nobody named
        return Attribution(ATTRIBUTED, None, cue, claim_range(text, start + impersonal.end(), end))
    dash = sentence.lstrip()[:1] in "-–—"
    if ((dash or text[:start].rstrip()[-1:] in "\"”»“'’") and sentence[m.start()].islower()
            and not sentence[: m.start()].strip(" \t-–—")):
        # "“QUOTE?” — сказал X." or '"QUOTE" said X.' split after the quote: names who said the sentence before
        speaker = speaker_of_said_this(clause := first_clause(sentence[m.end():]))  # (without the dash: the name
        return Attribution(ATTRIBUTED, speaker if speaker and (dash or clause.lstrip().startswith(speaker)) else None,
                           cue, None, refers_back=True)  # that opens the words, not "Democrat" of "the former Democrat MP")
    that = THAT_RE.match(sentence, m.end())
    if that and (that.group("gap") or that.group("long")) and QUOTE_BEFORE.search(sentence, 0, m.start()):
        that = None  # the "that" after the words between is a relative pronoun ("um painel que contou com ...")
    if that and that.group("long") and (SAID_THIS.fullmatch(sentence, 0, m.start()) or CUE.search(that.group("long"))):
        that = None  # "Това заяви на форума X ..., че": who said the sentence before; another verb's "that"
    that = that or (cue not in COMMITMENTS and TO_WHOM_THAT.match(sentence, m.end())) or told_whom_that(sentence, m)
    verb_end = clitic.end() if (clitic := _CLITIC_AFTER.match(sentence, m.end())) else m.end()  # "defendeu-se X"
    if not that and SAID_THIS.fullmatch(sentence, 0, m.start()):
        # "Това заяви X ...", "Об этом сообщил X": what X said is the sentence before (see SentenceAttributions)
        demonstrative = DEMONSTRATIVE.match(sentence)
        speaker = speaker_of_said_this(first_clause(sentence[verb_end:]),
                                       sentence[demonstrative.end() if demonstrative else 0 : m.start()])
        return Attribution(ATTRIBUTED, speaker or None, cue, None, refers_back=True)
    before = sentence[: m.start()].rstrip()
    source = words_before(sentence, m.start())
    head_break = max(before.rfind(c) for c in ",—–")
    # ('“Q1,” he said, adding: “Q2.”': what he said is the quote before; the participle adds the rest)
    # ("CLAIM, officials said, and two bridges were shut": the article goes on after a conjunction)
    tail_words = (0 if PARTICIPLE.match(sentence, verb_end) or _GOES_ON.match(sentence, verb_end)
                  else len(WORD.findall(sentence[verb_end:])))
    # what follows "told" is whom it was said to (not "..., Yellen told Sky News, “Absolutely!”")
    told = cue in _ADDRESSEE_VERBS and not OPENING.search(sentence, verb_end)
    addressed = told or bool(TO_WHOM.match(sentence, verb_end))  # "…,” he replied to reporters."
    relative, closes = None, (quote_closes(before, head_break, sentence[verb_end:], addressed or cue in _QUOTING_VERBS)
                              and not (cue in OBJECT_VERBS and _CALLS_ON.match(sentence, verb_end)))  # "calls for"
    if that:  # "X said that CLAUSE"
        claim = claim_range(text, start + that.end(), before_next_report(text, start + that.end(), end))
        if not source:  # "A Ucrânia, liderada por Zelensky, afirma que ...", "O ministro, Sergei Lavrov, disse que"
            source = apposition_subject(before) or ""
    elif (reported_head(before, head_break, 0 if addressed or closes else tail_words, sentence[verb_end:])
          and len(WORD.findall(before[head_break:])) <= MAX_SOURCE_WORDS
          and (tail_words <= 4 or closes)  # "“…,” X told Y in ..."
          and (tail_words == 0 or addressed or closes or GAP_RE.match(sentence, verb_end))):
        # "CLAUSE, German Chancellor Olaf Scholz said on Tuesday.", "“QUOTE,” Lavrov told reporters."
        claim = claim_range(text, start, start + head_break)
        if not source and not told and not _OPENS_QUOTE.match(sentence, verb_end):
            # "CLAUSE, заявил эксперт Петров.": a role before the name after the verb
            source = speaker_after_verb(first_clause(sentence[verb_end:]), cue)
    elif (subject := apposition_subject(before)) is not None:
        # "O ministro da Defesa, Robert Kalinak, rejeita a ideia de ...", "Kathleen Alexander, the firm's chief,
        # said": a subject and its apposition before the verb, not a reported clause; what follows is what is said
        told = _TOLD_THAT.match(sentence, verb_end)  # "... told reporters that CLAUSE"
        after = start + (told.end() if told else verb_end)
        claim = claim_range(text, after, before_next_report(text, after, end))
        source = subject
    elif (before.endswith((",", "—", "–", ":", ", -")) and not (cue in OBJECT_VERBS and _CALLS_ON.match(sentence, verb_end))
          or ((relative := _AS_SAID.search(before)) and not CLAUSE_END.search(sentence, verb_end))
          or quoted_before(sentence, m.start())):
        # "CLAUSE, X said." / "“QUOTE,” said X." / "CLAUSE, о чём рассказал X." (as X said)
        claim = claim_range(text, start, start + (relative.start() if relative else len(before) - 1))
        # the verb after the claim: what follows is its subject ("disse o ministro"), unless a preposition; past when
        verb_end = after_interposed(sentence, verb_end)  # or where it was said ("disse, no cais, o ministro")
        after = (without_time_after(after_time_words(words_after(sentence, verb_end, stop=",.;")[0]))
                 if cue not in _ADDRESSEE_VERBS else "")
        short = without_addressee(after)  # "disse o político à Sputnik" -> "o político"
        source = (closing_name(sentence, verb_end)
                  or (short if short and len(short.split()) <= 4 and not GAP_RE.match(short) else "")
                  or (speaker_after_verb(first_clause(sentence[verb_end:]), cue)
                      if not _OPENS_QUOTE.match(sentence, verb_end) else "")
                  or words_before(sentence, m.start()))
        goes_on = (_SPEAKER_THEN_COMMA.match(sentence, verb_end)
                   if before.endswith(",") and before[-2:-1] not in "\"”»“'" and not relative else None)
        if goes_on and len(WORD.findall(before)) <= SHORT_OPENING and len(WORD.findall(sentence[goes_on.end():])) > 3:
            claim = claim_range(text, start, end)  # "Ето защо, каза той, CLAIM": the words go on after the speaker
    else:  # "X said: …" / "X warned against …": the rest of the sentence, after whom it was said to
        to_whom = _TO_WHOM_COLON.match(sentence, verb_end)  # "told reporters: “…”", "disse aos jornalistas: «…»"
        # the Hindi auxiliary that closes the verb ("कहते हैं, "…"", "कहा था, …") is no part of the words
        aux = _HINDI_AUXILIARY.match(sentence, verb_end)
        after = start + (to_whom.end() if to_whom else aux.end() if aux else verb_end)
        claim = claim_range(text, after, before_next_report(text, after, end))
    named = name_then_role(before, sentence[verb_end:]) if claim else None  # "CLAIM, Ana Lima, an aide, said"
    if named and claim[0] <= start + max(named[0], 0) < claim[1]:
        claim, source = claim_range(text, *((start, start + named[0]) if named[0] >= 0 else (start + verb_end, end))), named[1]
    if not source and cue not in _ADDRESSEE_VERBS:  # "…,” said Pistorius." / "Как заявил Песков, …"
        source = name_after(sentence, verb_end) or shared_subject(sentence, m.start(), text)  # "X did Y and said"
    return Attribution(ATTRIBUTED, source or None, cue, claim)


# "X, doing Y, called on Z to ...": the verb's object follows it, so what came before is its subject, not words said
_CALLS_ON = re.compile(r"\s+(?:on|upon|for|against)\s", re.IGNORECASE)
_GOES_ON = re.compile(r",\s+(?:and|but|as|while|although|though)\s", re.IGNORECASE)
# A few words and a colon after the verb: whom it was said to, before the words ("told reporters: …").
_TO_WHOM_COLON = re.compile(r"(?:\s+[^\s,.;:\"“”«»„]+){1,3}:\s")
_TOLD_THAT = re.compile(r"\s+(?:[^\s,.;:]+\s+){1,3}?" + THAT + r"\s")
# Verbs whose next words name who was told, not who spoke ("…, an organiser, told The Hill.").
_ADDRESSEE_VERBS = frozenset(("told", "tells"))
_QUOTING_VERBS = _ADDRESSEE_VERBS | {"quoted", "quotes"}  # whom: '...,” TASS quoted the Kremlin saying'
# Portuguese impersonal "-se", no subject ("Estima-se que"): nobody named says it (not "mostrou-se", reflexive)
_IMPERSONAL_SE = re.compile(r"-se\s+que[\s,]\s*", re.IGNORECASE)
_HINDI_AUXILIARY = re.compile(r"\s+(?:है|हैं|था|थे|थी|थीं)(?![\u0900-\u097f])")
# "A, добави д-р Петров, B": the speaker and a comma, then the rest of what was said (not a participle or an aside)
_SPEAKER_THEN_COMMA = re.compile(r"(?i)[^,.;:!?\"“”«»„]{1,60},\s+(?!(?:a|an|the|o|os|um|uma|who|which|que|който|която|"
                                 r"които|adding|saying|citing|acrescentando|добавяйки|като|подчеркнув|добавив|отметив)\b)")
SHORT_OPENING = 4  # words before "VERB X," that open a claim the speaker interrupts ("Тези мерки, добави X, ...")
# "by the agency as saying that", "Ivo Marev earlier as saying": who was quoted, then what was said
_AS_SAYING = re.compile(r"(?:by\s[^,.;]{1,60}?\s|([^,.;]{1,40}?)\s(?:\w+\s)?)?as saying,?\s+(?:that\s+)?")

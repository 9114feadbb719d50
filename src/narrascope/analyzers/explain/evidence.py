"""Which of an article's sentences can carry an explanation, and how to quote them.

An explanation quotes what the article claims: who is said to do what to whom. So the candidates leave
out what carries no claim (datelines, bylines, photo credits, links, "read also" teasers, time stamps,
fragments of a few words, a sentence that ends with a colon to introduce what follows) and what is not
the article's voice (a reader-comment thread, bylines and site furniture such as "Sign up to get ...
news" or "WATCH: ...", as `nlp.furniture` finds them), a dateline is cut off the sentence it opens
("Paris, Mar. 31 (Agency) - ..."), a quote is shortened only at a clause boundary (a sentence with none
inside the budget is not quoted), and a sentence that reports someone else's words ("X said", "according
to X", a quote) is marked as attributed, with its source where the article names one, so that the
wording says the article cites it rather than claims it. Reported speech is recognised by `narrascope.nlp.attribution`, the cue lists the
narratives analyzer's evidence uses too, so both analyzers agree on what the article states.

The word lists are narrascope's own, per language of the shared task; a language without them gets the
script-neutral rules only (links, time stamps, fragments, punctuation-marked datelines).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from narrascope.nlp.article_attributions import SentenceAttributions, sentence_attributions
from narrascope.nlp.attribution import Attribution, attribute
from narrascope.nlp.clause_cuts import may_cut
from narrascope.nlp.cue_context import reports_an_object
from narrascope.nlp.datelines import is_dateline, strip_dateline
from narrascope.nlp.furniture import LINK, TRAILING_TIME, BodyFilter
from narrascope.nlp.questions import is_question
from narrascope.nlp.speaker_words import RELATIVE_PRONOUNS
from narrascope.nlp.text import opens_what_follows, sentences, words

MAX_SOURCE_WORDS = 4  # a longer "source" is a clause, not a speaker
# Words that never stand in a speaker's name: pronouns, auxiliaries, conjunctions (BG EN PT RU).
_NOT_A_SOURCE = frozenset((
    "it", "its", "this", "that", "which", "who", "what", "why", "how", "there", "was", "were", "is", "are",
    "be", "been", "will", "would", "can", "could", "may", "and", "or", "but", "not", "also", "only", "then",
    "so", "if", "when", "as", "it's", "has", "have", "had", "did", "does", "previously", "already", "earlier",
    "recently", "repeatedly", "again", "never", "often", "isso", "isto", "que", "quem", "foi", "é", "são", "e", "ou", "mas", "não",
    "também", "это", "что", "кто", "как", "был", "была", "было", "были", "и", "или", "но", "не", "также",
    "това", "че", "кой", "как", "беше", "са", "и", "или", "но", "не", "също",
))
NEAR_REPEAT_SHARE = 0.6  # of the two quotes' distinct words, shared: the same sentence retold
NEAR_REPEAT_MIN_WORDS = 5
MIN_WORDS = 4  # a shorter "sentence" is a fragment: a dateline piece, a caption, a heading of a list
MIN_TITLE_WORDS = 3  # headlines are terse ("Analysts blame Washington")
_CREDIT = re.compile(r"\([^()]{1,20}\)\W*$")  # "The Daily Report (UK).": whose article it is, not a claim
SHORT_TITLE_WORDS = 7  # a headline's first sentence this short ("Into dust and ashes.") goes on to the next

_BOILERPLATE = re.compile(
    r"https?://|www\.|\S+@\S+\.\w+|©|^\s*\d{1,2}[:.]\d{2}\s*$"
    r"|^\s*[(\[]?\s*(?:related|relacionad[oa]s?|по теме|по темата|свързани|संबंधित)\s*:"
    r"|^\s*(?:photo|image|picture|source|credit|read (?:also|more)|see also|subscribe|follow us|by [A-Z]\w+ [A-Z]\w+(?:,(?:\s+\S+){1,3})?\s*$"
    r"|foto|imagem|fonte|leia (?:também|mais)|veja também|por [A-Z]\w+ [A-Z]\w+\s*$"
    r"|фото|снимка|източник|прочетете (?:още|също)|вижте (?:още|също)|автор\b|последвайте"
    r"|источник|читайте (?:также|тоже)|подписывайтесь|смотрите также"
    r"|फोटो|तस्वीर|स्रोत|यह भी पढ़ें|ये भी पढ़ें|और पढ़ें)",
    re.IGNORECASE,
)
# Where a long sentence may be cut: after a comma, semicolon or colon, or before a dash (a clause end).
_CLAUSE_END = re.compile(r"[,;:](?=\s)|\s[—–-](?=\s)")
LIST_ITEM_WORDS = 3
_WORD_SPAN = re.compile(r"\S+")
_LEADING_JUNK = set(".,;:…-–—·•*\"'“”„«»\ufeff")
_LEADING_TIME = re.compile(r"\d{1,2}:\d{2}(?!\d)\s*")
_TRAILING_JUNK = ",;:—–- "


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may be quoted: its span (dateline removed), whether it reports someone's words and,
    when the article names them, whose (`source`, as written: "the Kremlin", "Песков")."""

    start: int
    end: int
    attributed: bool = False
    source: str | None = None
    claim: tuple[int, int] | None = None  # with a named source: the reported words alone ("X said that CLAIM")


def is_boilerplate(sentence: str) -> bool:
    """A sentence that carries no claim: a caption, credit, byline, link, teaser or time stamp."""
    return bool(_BOILERPLATE.search(sentence))


def is_attributed(sentence: str) -> bool:
    """The sentence reports someone's words ("X said", "according to X"): a claim the article cites."""
    return attribute(sentence).attributed


def _candidate(text: str, start: int, end: int, att: Attribution) -> Candidate:
    """The sentence as a candidate; its source and reported words only where both read as such: an explanation
    that names the wrong speaker is worse than one that names none."""
    source, claim = att.named_source if att.attributed else None, att.claim
    if not (source and claim and start <= claim[0] < claim[1] <= end):
        return Candidate(start, end, att.attributed)
    reported = text[claim[0] : claim[1]].split()
    if ((att.cue or "").startswith("по ") and not (att.cue or "").startswith("по думите")
            or len(source.split()) > MAX_SOURCE_WORDS or _NOT_A_SOURCE.intersection(source.lower().split())
            or _common_noun(text, source)  # "Estudo: ..." opening a headline, where the article writes "estudo"
            or len(reported) < MIN_WORDS or reports_an_object(text, start, att)
            or _after_relative_pronoun(text, start, claim[0], source)
            or source.split()[0].lower() in _CASE_PREPOSITIONS):  # "Об этом рассказали в министерстве ..."
        # Russian "по словам Пескова" (a genitive, where the framing wants a subject); "it was categorically
        # rejected by ..." (no speaker); "calls for raising ...", "mentioned the idea" (objects, not reported
        # words); "..., which Russia said was due to ..." (the reported words lack their subject)
        return Candidate(start, end, att.attributed)
    return Candidate(start, end, att.attributed, source, claim)


def _common_noun(text: str, source: str) -> bool:
    """A one-word source the article also writes in lower case: a common noun capitalised to open a headline
    ("Estudo: ...", "Study warns"), no one to name ("The article quotes Study:")."""
    word = source.lower()
    return " " not in source and word != source and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _after_relative_pronoun(text: str, start: int, claim_start: int, source: str) -> bool:
    """The source follows a relative pronoun ("which Russia said was ..."): what it said is a clause
    whose subject is the pronoun, unreadable on its own; or a Russian or Bulgarian preposition ("В министерстве
    обороны заявили": said in the ministry), which leaves it in a case no frame takes."""
    at = text.rfind(source, start, claim_start)
    before = text[start:at].split() if at >= 0 else []
    return bool(before) and before[-1].lower().strip(",") in RELATIVE_PRONOUNS | _CASE_PREPOSITIONS


_CASE_PREPOSITIONS = frozenset(("в", "во", "във", "из", "от", "у"))


def candidates(text: str, limit: int) -> list[Candidate]:
    """The first `limit` claim-bearing sentences of `text`, datelines cut off."""
    out: list[Candidate] = []
    body = BodyFilter(text)
    spans = sentences(text)
    # Each sentence's attribution as the narratives' evidence reads it: a claim that the next sentence says
    # someone made ("... Това заяви X") is X's.
    attributions = sentence_attributions(text, spans)
    merged_to = 0
    for k, (s, e) in enumerate(spans):
        if s < merged_to or not body.voices(s, e):
            continue
        s = _skip_leading_junk(text, s, e)
        s = strip_dateline(text, s, e)
        s = _skip_leading_junk(text, s, e)
        e = end_before_time_stamp(text, s, e)
        sentence = text[s:e]
        if (len(sentence.split()) < (MIN_TITLE_WORDS if k == 0 else MIN_WORDS) or is_boilerplate(sentence)
                or is_dateline(sentence) or opens_what_follows(sentence)
                or not any(c.isalpha() for c in sentence)):
            continue
        found = attributions[k]
        if found.refers_back:
            continue  # "Това заяви X": it names who said the sentence before, and claims nothing
        if not out:
            e = _whole_title(text, spans, k, s, e, attributions)
            merged_to = e
        out.append(_candidate(text, s, e, found))
        if len(out) >= limit:
            break
    return out


def _whole_title(text: str, spans: list[tuple[int, int]], k: int, start: int, end: int,
                 attributions: SentenceAttributions) -> int:
    """Where the first candidate, sentence `k` (text[start:end] as cut), ends. A headline that opens on a few
    words ending in a stop ("Into dust and ashes. The air force answered ...", "Cimeira do G20. Os desafios
    ...") goes on to its next sentence, whose words carry the claim; the next sentences of the first line are
    taken while the quote is that short, each stated by the article, no question (the explanation does not
    open on one), no site furniture, and none that ends on an ellipsis (a teaser cut mid-word: "... че тов...")."""
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    if spans[k][1] > line_end or attributions[k].attributed or is_question(text[start:end]):
        return end
    count = len(text[start:end].split())
    for j in range(k + 1, len(spans)):
        if count >= SHORT_TITLE_WORDS:
            break
        s, e = spans[j]
        piece = text[s:end_before_time_stamp(text, s, e)]
        count += len(piece.split())
        if (e > line_end or len(piece.split()) < MIN_TITLE_WORDS or attributions[j].attributed
                or is_question(piece) or is_boilerplate(piece) or piece.rstrip().endswith(("...", "…"))
                or _CREDIT.search(piece)):
            break
        end = s + len(piece)
    return end


def candidate_from_span(text: str, start: int, end: int, attribution: str | None = None) -> Candidate | None:
    """Another analyzer's evidence span as a candidate, or None when it carries no claim. A span that the narratives
    analyzer narrowed to someone's words (marked "attributed", no cue of its own left in it) names the speaker its
    sentence names, where that sentence reads as `candidates` would read it, so that the explanation says who
    said it."""
    start = strip_dateline(text, _skip_leading_junk(text, start, end), end)
    sentence = text[start:end]
    if end <= start or len(sentence.split()) < MIN_WORDS or is_boilerplate(sentence):
        return None
    found = attribute(text, start, end)
    if found.refers_back:
        return None
    if attribution in ("attributed", "stated") and (attribution == "attributed") != found.attributed:
        whole = _sentence_candidate(text, start) if attribution == "attributed" else None
        if whole is not None and whole.source and whole.claim and whole.start <= start and end <= whole.end:
            return Candidate(start, end, True, whole.source, (start, end))  # the reported words, as narrowed
        return Candidate(start, end, attribution == "attributed")  # the narratives analyzer's mark wins
    return _candidate(text, start, end, found)


def _sentence_candidate(text: str, pos: int) -> Candidate | None:
    """The sentence of `text` around `pos` as a candidate, read with the article's attributions."""
    spans = sentences(text)
    i = next((k for k, (s, e) in enumerate(spans) if s <= pos < e), None)
    if i is None:
        return None
    s, e = spans[i]
    return _candidate(text, s, e, sentence_attributions(text, spans)[i])


def _skip_leading_junk(text: str, start: int, end: int) -> int:
    """Past stray marks and a leading time stamp ("18:07Headline")."""
    while start < end and (text[start].isspace() or text[start] in _LEADING_JUNK):
        start += 1  # a quote does not open on the tail of the previous sentence ("..., and so") or a stray mark
    m = _LEADING_TIME.match(text, start, end)
    return _skip_leading_junk(text, m.end(), end) if m and m.end() > start else start


def end_before_time_stamp(text: str, start: int, end: int) -> int:
    """Where the sentence ends once a trailing time stamp ("... one question 21:02") is cut off."""
    m = TRAILING_TIME.search(text, start, end)
    return m.start() if m and m.start() > start else end


def trim(text: str, start: int, end: int, max_words: int, min_words: int = MIN_WORDS) -> tuple[int, int, bool] | None:
    """Shorten text[start:end] to at most `max_words` words by cutting at the last clause boundary that fits.

    Returns (start, end, cut), `cut` telling whether words were dropped, or None when the sentence is longer
    than the budget and no clause boundary leaves at least `min_words` words: a quote never stops mid-phrase."""
    words = list(_WORD_SPAN.finditer(text, start, end))
    if len(words) <= max_words:
        return start, _rstrip(text, start, end), False
    if max_words < min_words:
        return None
    limit = words[max_words - 1].end()
    floor = words[min_words - 1].end()
    clause_ends = [m.start() for m in _CLAUSE_END.finditer(text, floor - 1, limit + 1)
                   if not _only_a_list(text[start : m.start()])
                   and may_cut(text[start : m.start()], m.group(), text[m.end() : end])]
    if not clause_ends:
        return None
    return start, _rstrip(text, start, clause_ends[-1]), True


def _only_a_list(kept: str) -> bool:
    """Whether the words before a cut are a list and nothing more ("Poland, Romania, the Baltic States,
    Sweden, Norway, etc."): three or more items of at most LIST_ITEM_WORDS words. The comma after such a
    list ends no clause; the sentence's verb is still to come."""
    items = [part.split() for part in kept.split(",")]
    return len(items) >= 3 and all(0 < len(item) <= LIST_ITEM_WORDS for item in items)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING_JUNK:
        end -= 1
    return end


# Links and pictographs inside a sentence ("... risk for Ukraine pic.twitter.com/…", "📺 There is a film"):
# what a reader of the page sees, not words the article claims.
_LINK = re.compile(r"\s*" + LINK)
_PICTOGRAPHS = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe00-\ufe0f\u200d\u20e3]+")
# The closing mark of each opening quotation mark, and the opening mark a lone closing one gets.
_CLOSER_OF = {"«": "»", "„": "“", "“": "”", '"': '"'}
_OPENER_OF = {"»": "«", "”": "“", "“": "„", '"': '"'}


def repeats(text: str, span: tuple[int, int], quoted: list[tuple[int, int]]) -> bool:
    """text[span] says what one of the `quoted` spans says: one holds the other word for word (a headline
    repeated in the body, with another dash or quotation mark), or the two share most of their words (a
    headline the lead retells: "Земята я чака библейски потоп, цели държави ще изчезнат" and "... потоп и
    цели държави ще изчезнат от картата"; not a lead that adds the reason or the circumstances)."""
    said = _word_key(text[span[0] : span[1]])
    for other in (_word_key(text[s:e]) for s, e in quoted):
        if said in other or other in said:
            return True
        a, b = set(said.split()), set(other.split())
        if min(len(a), len(b)) >= NEAR_REPEAT_MIN_WORDS and len(a & b) >= NEAR_REPEAT_SHARE * len(a | b):
            return True
    return False


def _word_key(text: str) -> str:
    return " ".join(words(text.lower()))


_DOUBLED_MARK = re.compile('"{2,}')


def quote_text(raw: str) -> str:
    """Article words as an explanation quotes them: on one line, without links or pictographs, and with
    every quotation mark the quote opens closed and every one it closes opened (a quote starts or stops
    inside the article's own quotation: "Ще претърпим неуспех»: В САЩ ..." gets its «)."""
    # A scraper's CSV quoting doubles each mark (`""мир""`): one mark reads as the article printed it.
    text = _DOUBLED_MARK.sub('"', " ".join(_PICTOGRAPHS.sub(" ", _LINK.sub("", raw)).split()))
    open_marks: list[str] = []
    missing_openers: list[str] = []
    for k, ch in enumerate(text):
        if ch not in _CLOSER_OF and ch not in _OPENER_OF:
            continue
        # “ and " open after a space (or at the start) and close after a word: „Да“ in Bulgarian, “Yes” in English.
        opens = ch in "«„" or (ch in '“"' and (k == 0 or text[k - 1].isspace() or text[k - 1] in "([—–-"))
        if opens:
            open_marks.append(ch)
        elif open_marks:
            open_marks.pop()
        else:
            missing_openers.append(_OPENER_OF[ch])
    closers = "".join(_CLOSER_OF[m] for m in reversed(open_marks))
    # An added closing mark follows the last word, not a trailing comma or dash.
    return "".join(reversed(missing_openers)) + (text.rstrip(_TRAILING_JUNK) + closers if closers else text)

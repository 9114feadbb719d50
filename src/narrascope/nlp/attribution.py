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

`attribute(text, start, end)` gives one sentence's `Attribution`: `kind` "attributed" or "stated",
`source` (who, as written, when it can be found), `cue` (the marker found) and `claim`, the character
range of the reported content (the clause after "that", the quote, the clause before "…, X said"):
the part that carries the claim, so evidence can be tighter than the sentence. Regular expressions,
no model: fast enough to run on every sentence of every article, and transparent about what it saw.
Precision over recall: a sentence is "attributed" only on an explicit cue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from narrascope.nlp.names import CONNECTORS, EN_NOT_NAMES, FUNCTION_WORDS
from narrascope.nlp.text import WORD_CHARS, paragraphs

STATED = "stated"
ATTRIBUTED = "attributed"

_B = f"(?<![{WORD_CHARS}])"  # word boundaries that also hold for Devanagari (see nlp.text)
_E = f"(?![{WORD_CHARS}])"

# Reporting verbs, by language (lower case; stems end with `\w*` where the language inflects).
_VERBS = {
    "en": r"(?:said|says|say|told|tells|stated|states|claimed|claims|warned|warns|argued|argues|alleged|alleges"
          r"|insisted|insists|noted|notes|added|adds|suggested|suggests|asserted|asserts|declared|declares"
          r"|announced|announces|accused|accuses|denied|denies|wrote|writes|tweeted|explained|explains|stressed"
          r"|stresses|emphasi[sz]ed|emphasi[sz]es|maintained|maintains|contended|contends|acknowledged"
          r"|admitted|admits|reported|reports|commented|remarked|urged|urges|predicted|predicts|believes"
          r"|quoted|cited|recalled|pointed out|went on to say|is said|are said|was quoted|mentioned|made it clear"
          r"|dismissed|rejected|vowed|pledged|promised|threatened|proposed|responded|replied|disagreed|disagrees"
          r"|calls|called)",
    "ru": r"(?:сказал\w*|заявил\w*|заявля\w*|заявил\w*|отметил\w*|подчеркнул\w*|подчеркива\w*|сообщил\w*|сообща\w*"
          r"|утвержда\w*|утверждал\w*|предупредил\w*|предупрежда\w*|счита\w*|полага\w*|пишет|пишут|написал\w*"
          r"|добавил\w*|переда[её]т|цитиру\w*|признал\w*|заверил\w*|обвинил\w*|обвиня\w*|отрица\w*|объяснил\w*"
          r"|напомнил\w*|высказал\w*|уверен\w*|говорит|говорят|говорил\w*|рассказал\w*|пояснил\w*|назвал\w*"
          r"|отмеча\w*|ответил\w*|считают|отверг\w*|не соглас\w*)",
    "bg": r"(?:каза\w*|заяви\w*|заявява\w*|посочи\w*|отбеляза\w*|подчерта\w*|съобщи\w*|съобщава\w*|твърди\w*"
          r"|предупреди\w*|смята\w*|счита\w*|написа\w*|пише|пишат|добави\w*|цитира\w*|обвини\w*|отрече\w*"
          r"|обясни\w*|припомни\w*|коментира\w*|уверява\w*|увери\w*|говори|отговори\w*|отбелязва\w*|нарече\w*"
          r"|посочва\w*|отхвърли\w*|отхвърля\w*|не се съгласи\w*)",
    "pt": r"(?:disse|disseram|dizem|diz|dizia|segundo ele|" + "|".join(
        [f"{stem}(?:ou|aram|a|am|ava|avam)" for stem in (
            "afirm", "declar", "alert", "avis", "sustent", "acrescent", "consider", "critic", "acus", "neg", "sublinh",
            "salient", "fris", "explic", "observ", "aleg", "reiter", "lembr", "not", "rejeit", "cham", "adiant")]
        + [f"{stem}(?:eu|eram|e|em|ia|iam)" for stem in ("escrev", "defend", "respond", "reconhec", "advert")]
        + [f"{stem}(?:iu|iram|e|em)" for stem in ("garant", "insist", "admit", "refer", "discord", "advert")]) + ")",
    "hi": r"(?:कहा|कहते|कहती|कहना|कहता|बताया|बताते|बताती|दावा|चेतावनी|लिखा|आरोप|स्वीकार|घोषणा|माना|जोर देकर"
          r"|ज़ोर देकर|खारिज|असहमति)",
}
# "that" after a reporting verb: what follows is the reported content.
_THAT = r"(?:that|что|чтобы|че|que|कि)"
# "according to X", "по словам X": the source follows the phrase.
_ACCORDING = (r"(?:according to|in the words of|по (?:его |её |ее |их )?словам|по (?:его |её |ее |их )?мнению"
              r"|по данным|по информации|как сообщает|как сообщил\w*|как заявил\w*|как пишет|според"
              r"|по думите (?:на|му|ѝ|им)|по данни на|segundo|de acordo com|conforme|citado por|na opinião de)")
_ACCORDING_AFTER = r"(?:के अनुसार|के मुताबिक|का कहना है|के हवाले से)"  # Hindi: the source precedes the phrase
_DISTANCING = (r"(?:allegedly|reportedly|purportedly|supposedly|якобы|будто бы|мол|дескать|уж|твърди се|се твърди"
               r"|alegadamente|supostamente|pretensamente|कथित तौर पर|कथित रूप से|कथित)")

_CUE = re.compile(_B + "(?:" + "|".join(_VERBS.values()) + ")" + _E, re.IGNORECASE)
_ACCORDING_RE = re.compile(_B + _ACCORDING + _E, re.IGNORECASE)
_ACCORDING_AFTER_RE = re.compile(_ACCORDING_AFTER)
_DISTANCING_RE = re.compile(_B + _DISTANCING + _E, re.IGNORECASE)
# "said (on Monday) that": a short adverbial of time or manner may stand between the verb and "that"
# (not any words: "warned against a war that nobody wants" reports no clause).
_GAP_START = (r"(?:(?:on|in|at|during|last|this|earlier|later|yesterday|today|again|also|repeatedly|publicly|recently"
              r"|na|no|nesta|neste|em|ontem|hoje|também)" + _E + r"|[\u0400-\u04ff\u0900-\u097f])")
_GAP_RE = re.compile(r"\s*" + _GAP_START, re.IGNORECASE)
_THAT_RE = re.compile(r"[,\s]*(?:" + _GAP_START + r"[^.;:!?\"“”«»]{0,40}?\s)?" + _B + _THAT + _E + r"\s*",
                      re.IGNORECASE)
_SEGUNDO_ORDINAL = re.compile(r"(?:\b(?:o|a|os|as|do|da|no|na|um|uma|pelo|pela)\s+)segundo\s*$", re.IGNORECASE)
_WORD = re.compile(f"[{WORD_CHARS}][{WORD_CHARS}'’.-]*")
_HEADLINE = re.compile(r"\s*([^:\n]{2,40}):\s+(?=\S)")  # a headline's "Source: claim"
_NOT_SOURCES = frozenset(("note", "update", "breaking", "photo", "video", "watch", "read more", "source", "live",
                          "related", "read also", "also read", "see also", "exclusive", "the good news", "good news",
                          "bad news", "the bad news", "the bottom line", "bottom line", "the answer", "answer",
                          "editor's note", "opinion", "analysis", "claim", "fact check", "verdict", "editorial",
                          "видео", "фото", "внимание", "мнение", "анализ", "срочно", "эксклюзив", "снимка", "снимки",
                          "извънредно", "ексклузивно", "foto", "vídeo", "atualização", "opinião", "análise",
                          "exclusivo", "última hora", "urgente", "वीडियो", "फोटो"))

_NOT_IN_NAMES = re.compile("[\"“”„«»?!]")
# Quotation marks: opening -> closing (straight double quotes pair with themselves).
_QUOTES = {"“": "”", "„": "“", "«": "»", '"': '"', "”": "”"}
_OPEN = re.compile("|".join(re.escape(q) for q in _QUOTES))
MIN_QUOTED_SHARE = 0.5  # a sentence at least half inside quotation marks is a quote
MAX_SOURCE_WORDS = 6
# Pronouns as sources: shown as reported speech without a name (nobody resolves "he" here).
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "someone", "somebody", "nobody", "everyone", "him", "her", "them", "он", "она", "они", "оно", "мы", "я", "той", "тя", "те", "то", "ние", "аз", "ele", "ela", "eles", "elas", "nós", "eu", "वह", "वे", "उन्होंने", "उसने", "उन्हें", "उसे", "यह", "ये"])


@dataclass(frozen=True, slots=True)
class Attribution:
    """How a sentence presents its claim. Offsets are absolute positions in the analysed text."""

    kind: str  # STATED or ATTRIBUTED
    source: str | None = None  # who the claim is attributed to, as written ("The Kremlin", "Песков")
    cue: str | None = None  # the marker found: a reporting verb, "according to", a quotation mark
    claim: tuple[int, int] | None = None  # the reported content (the clause after "that", the quote)

    @property
    def attributed(self) -> bool:
        return self.kind == ATTRIBUTED

    @property
    def named_source(self) -> str | None:
        """The source when it names someone: not a pronoun such as "he" or "они", and not the tail of a quoted
        headline ('"... a Declaration of War": UK plans ...' names nobody)."""
        if self.source and self.source.lower() not in PRONOUNS and not _NOT_IN_NAMES.search(self.source):
            return self.source
        return None


STATED_SENTENCE = Attribution(STATED)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside quotation marks (marks excluded), paragraph by paragraph: a quote
    left open at the end of a paragraph closes there (news continues quotes across sentences, not across
    paragraphs without reopening them)."""
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text):
        pos = ps
        while pos < pe:
            m = _OPEN.search(text, pos, pe)
            if m is None:
                break
            close = _QUOTES[m.group()]
            end = text.find(close, m.end(), pe)
            if end < 0:
                end = pe
            if end > m.end():
                out.append((m.end(), end))
            pos = end + 1
    return out


def attribute_sentences(text: str, spans: list[tuple[int, int]]) -> list[Attribution]:
    """The `Attribution` of each sentence `spans[i]` of `text` (quotes are found once per text)."""
    lazy = SentenceAttributions(text, spans)
    return [lazy[i] for i in range(len(spans))]


class SentenceAttributions:
    """`attributions[i]`: the attribution of sentence `spans[i]`, worked out on first use (evidence needs a
    few sentences of an article, and the patterns cost about 0.2 ms a sentence)."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self.text, self.spans = text, spans
        self._quotes: list[tuple[int, int]] | None = None
        self._done: dict[int, Attribution] = {}

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i: int) -> Attribution:
        if i not in self._done:
            if self._quotes is None:
                self._quotes = quoted_ranges(self.text) if any(q in self.text for q in _QUOTES) else []
            self._done[i] = attribute(self.text, *self.spans[i], self._quotes)
        return self._done[i]


def attribute(text: str, start: int = 0, end: int | None = None,
              quotes: list[tuple[int, int]] | None = None) -> Attribution:
    """The attribution of the sentence `text[start:end]` (`quotes`: `quoted_ranges(text)`, when known)."""
    end = len(text) if end is None else end
    sentence = text[start:end]
    found = _reporting_clause(text, start, end, sentence)
    if found is not None:
        return found
    if quotes is None:
        quotes = quoted_ranges(text)
    inside = [(max(a, start), min(b, end)) for a, b in quotes if a < end and b > start]
    quoted = sum(b - a for a, b in inside)
    if inside and quoted >= MIN_QUOTED_SHARE * max(1, len(sentence.strip())):
        longest = max(inside, key=lambda ab: ab[1] - ab[0])
        return Attribution(ATTRIBUTED, None, "quote", longest)
    m = _DISTANCING_RE.search(sentence)
    if m:
        return Attribution(ATTRIBUTED, None, m.group().lower(), None)
    return STATED_SENTENCE


def _reporting_clause(text: str, start: int, end: int, sentence: str) -> Attribution | None:
    """Reporting verbs and attribution phrases, with the source and the reported clause."""
    m = _ACCORDING_RE.search(sentence)
    if m and not (m.group().lower() == "segundo" and _SEGUNDO_ORDINAL.search(sentence[: m.end()])):
        source, source_end = _words_after(sentence, m.end(), stop=",")
        if source or sentence[m.end():].lstrip().startswith(","):  # "По его словам, …": the source is in the phrase
            comma = sentence.find(",", source_end)
            if m.start() <= 2 and 0 <= comma < len(sentence) - 10:  # "According to X, CLAUSE."
                claim = _trim(text, start + comma + 1, end)
            else:  # "CLAUSE, according to X." ("A, according to X, B" has no reported words in one piece)
                after = _WORD.findall(sentence[source_end:])
                claim = _trim(text, start, start + m.start()) if len(after) <= 3 else None
            return Attribution(ATTRIBUTED, source or None, m.group().lower(), claim)
    m = _ACCORDING_AFTER_RE.search(sentence)
    if m:  # Hindi: "X के अनुसार, …"
        source = _words_before(sentence, m.start())
        return Attribution(ATTRIBUTED, source or None, m.group(), _trim(text, start + m.end(), end))
    # A capitalised cue inside the sentence is a name, not a verb ("the United States", "Notes from Kyiv").
    m = next((c for c in _CUE.finditer(sentence) if c.start() == 0 or not c.group()[:1].isupper()), None)
    if not m:
        m = _HEADLINE.match(sentence)
        if (m and len(_WORD.findall(m.group(1))) <= 4 and m.group(1)[:1].isupper()
                and m.group(1).strip().lower() not in _NOT_SOURCES):  # "Kremlin: arms prolong the war"
            return Attribution(ATTRIBUTED, m.group(1).strip(), ":", _trim(text, start + m.end(), end))
        return None
    cue = m.group().lower()
    that = _THAT_RE.match(sentence, m.end())
    before = sentence[: m.start()].rstrip()
    source = _words_before(sentence, m.start())
    head_break = max(before.rfind(c) for c in ",—–")
    tail_words = len(_WORD.findall(sentence[m.end():]))
    if that:  # "X said that CLAUSE"
        claim = _trim(text, start + that.end(), end)
    elif (head_break > 20 and len(_WORD.findall(before[head_break:])) <= MAX_SOURCE_WORDS and tail_words <= 4
          and (tail_words == 0 or _GAP_RE.match(sentence, m.end()))):
        # "CLAUSE, German Chancellor Olaf Scholz said on Tuesday."
        claim = _trim(text, start, start + head_break)
    elif before.endswith((",", "—", "–", ":")) or (before.endswith(("”", '"', "»", "“")) and len(before) > 20):
        # "CLAUSE, X said." / "“QUOTE,” said X."
        claim = _trim(text, start, start + len(before) - 1)
        # the verb after the claim: what follows is its subject ("disse o ministro"), unless a preposition
        after = _words_after(sentence, m.end(), stop=",.;")[0] if cue not in _ADDRESSEE_VERBS else ""
        source = (after if after and len(after.split()) <= 4 and not _GAP_RE.match(after) else ""
                  ) or _words_before(sentence, m.start())
    else:  # "X said: …" / "X warned against …": the rest of the sentence
        claim = _trim(text, start + m.end(), end)
    if not source and cue not in _ADDRESSEE_VERBS:  # "…,” said Pistorius." / "Как заявил Песков, …"
        source = _name_after(sentence, m.end())
    return Attribution(ATTRIBUTED, source or None, cue, claim)


# Words that open a subject phrase before a reporting verb ("The Kremlin", "a protest group", "o ministro").
_DETERMINERS = frozenset(("the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "one", "o",
                          "os", "as", "um", "uma"))
# Words that cannot stand inside the subject of a reporting verb: prepositions, conjunctions, auxiliaries and
# modals, relative and other pronouns (a pronoun alone is a subject: see `_subject`).
_NOT_IN_SUBJECT = frozenset((
    *(w for words in FUNCTION_WORDS.values() for w in words if w not in _DETERMINERS),
    "which", "whom", "whose", "during", "despite", "like", "about", "after", "before", "against", "than", "into",
    "over", "under", "between", "without", "within", "through", "because", "while", "although", "though",
    "be", "been", "being", "are", "am", "is", "was", "were", "has", "have", "had", "do", "does", "did", "must",
    "should", "would", "could", "can", "will", "shall", "may", "might", "other", "such", "much", "many", "more",
    "most", "very", "only", "even", "still", "we’re", "we're", "they’re", "they're", "you’re", "you're", "it’s",
    "it's", "i’m", "i'm", "what", "whatever", "where", "whether",
    "enquanto", "ще", "би", "е", "са", "се", "бил", "била", "будет", "был", "была", "было", "были", "бы", "же",
    "ли",
    # Hindi postpositions, particles, participles ("उन्होंने शनिवार को कहा": the subject is before them)
    "को", "पर", "में", "से", "नहीं", "यह", "ये", "वह", "तो", "और", "कि", "लगातार", "फिर", "हुए", "हुई", "हुआ",
    "वाला", "वाले", "वाली", "लिए", "बाद", "वहीं", "साथ", "बीच", "दौरान",
))
# Words that join the parts of one name or noun phrase ("Ministério da Defesa", "Президентът на Русия",
# "यूक्रेन के राष्ट्रपति").
_CONNECTORS = frozenset((*CONNECTORS, "pelo", "pela", "pelos", "pelas", "का", "की", "के"))
# Verbs whose next words name who was told, not who spoke ("…, an organiser, told The Hill.").
_ADDRESSEE_VERBS = frozenset(("told", "tells"))
_BEFORE_VERB = frozenset(("has", "have", "had", "was", "were", "is", "also", "then", "again", "further", "ने", "भी",
                          "always", "never", "once", "often", "already", "still", "previously", "recently", "later",
                          "earlier", "также", "уже", "ещё", "еще", "също", "така", "още", "вече", "também", "já",
                          "ainda"))
# "Peskov on Tuesday said": a time adverbial between the speaker and the verb.
_TIME_PREPOSITIONS = frozenset(("on", "in", "at", "during", "last", "this", "em", "no", "na", "на", "в", "във", "през"))


def _words_before(sentence: str, pos: int) -> str:
    """The source before a cue: the words since the last clause break, at most MAX_SOURCE_WORDS, from
    the first capitalised one when there is one ("the leader Jens Stoltenberg" -> "Jens Stoltenberg")."""
    head = sentence[:pos]
    cut = max(head.rfind(c) + 1 for c in ",;:—–()«»“”\"")
    dash = head.rfind(" - ")  # a dateline's "WASHINGTON, Sept 3 - "
    head = head[max(cut, dash + 3 if dash >= 0 else 0):]
    words = _WORD.findall(head)
    if "ने" in words:  # Hindi marks the speaker with "ने": "X ने (… में / Y से) कहा"
        words = words[: len(words) - 1 - words[::-1].index("ने")]
    # Auxiliaries and adverbs between the name and its verb ("Macron has", "Macron strongly suggested",
    # "o ministro categoricamente afirmou") are not part of who spoke.
    while words and (words[-1].lower() in _BEFORE_VERB or _is_adverb(words[-1])):
        words.pop()
    source = " ".join(_subject(words[-MAX_SOURCE_WORDS:])).strip(" .")
    return source[next((k for k, c in enumerate(source) if c.isalnum()), 0):]  # no "▪️" before the name


def _subject(words: list[str]) -> list[str]:
    """The phrase right before the verb that can be its subject, or [] when none reads as one.

    Read backwards from the verb up to a word that cannot be inside a name or a noun phrase (a preposition,
    an auxiliary, a relative pronoun: "... who has much to say", "it must also be noted", "despite what we
    are told"). A determiner opens the phrase ("the climate cult claims") unless a connector joins it to
    the words before ("Patricia Sanchez of the Red Cross"); connectors stay inside ("Ministério da Defesa",
    "Президентът на Русия"); a time adverbial is passed over ("Peskov on Tuesday said"). A number is no
    source ("45% say"), nor, in a cased script, a phrase with neither a capital letter nor a determiner
    ("who already announced", "Об этом сообщил") unless it is all of its clause and short ("..., officials
    said"): precision over recall."""
    out: list[str] = []
    i = len(words) - 1
    while i >= 0:
        w = words[i]
        lw = "" if len(w) > 1 and w.isupper() else w.lower()  # an acronym ("US", "WHO") is a name
        joined = i > 0 and words[i - 1].lower() in _CONNECTORS
        if lw in PRONOUNS and not out:  # "He said": the pronoun alone
            return [w]
        if lw in _DETERMINERS:
            out.append(w)
            if not joined:
                break
        elif lw in _CONNECTORS:
            if not out or i == 0 or words[i - 1].lower() in _NOT_IN_SUBJECT:
                break  # "... के कहा": a connector right before the verb joins nothing
            out.append(w)
        elif lw in _TIME_PREPOSITIONS and out and all(_is_time(x) for x in out):
            out = []  # "on Tuesday", "в понеделник": between the speaker and the verb
        elif lw in _NOT_IN_SUBJECT or lw in PRONOUNS:
            break
        else:
            out.append(w)
        i -= 1
    whole = i < 0  # the phrase is everything between the clause break and the verb
    out.reverse()
    while out and out[0].lower() in _CONNECTORS and out[0].lower() not in _DETERMINERS:
        out.pop(0)
    if not out or all(_is_time(w) or w.lower() in _DETERMINERS for w in out):
        return []
    caps = [k for k, w in enumerate(out) if next((c for c in w if c.isalpha()), "").isupper()]
    if caps and (len(out) > 2 or out[0].lower() not in _DETERMINERS):
        out = out[caps[0]:]  # "the leader Jens Stoltenberg", "В тази връзка Кушч" -> the name
    elif (not caps and out[0].lower() not in _DETERMINERS and any(c.lower() != c.upper() for c in "".join(out))
          and not (whole and len(out) <= 2)):  # "..., officials said", "..., глава региона отметил"
        return []
    return out


def _is_time(word: str) -> bool:
    return word.lower() in EN_NOT_NAMES or word.replace(".", "").replace(",", "").isdigit()



def _is_adverb(word: str) -> bool:
    """A lower-case English "-ly" or Portuguese "-mente" adverb ("strongly", "publicamente")."""
    return word.islower() and (word.endswith("ly") and len(word) > 4 or word.endswith("mente") and len(word) > 7)


def _name_after(sentence: str, pos: int) -> str:
    """The source right after a cue when it is a name ("said Pistorius", "заявил Песков"): capitalised and
    short; anything else after a verb is its object, not its subject."""
    after = _words_after(sentence, pos, stop=",.;:")[0]
    return after if after[:1].isupper() and len(after.split()) <= 4 else ""


def _words_after(sentence: str, pos: int, stop: str) -> tuple[str, int]:
    """The source after a cue: words up to the next `stop` character, at most MAX_SOURCE_WORDS; and
    where it ends in `sentence`."""
    tail_end = len(sentence)
    for c in stop:
        k = sentence.find(c, pos)
        if 0 <= k < tail_end:
            tail_end = k
    found = list(_WORD.finditer(sentence, pos, tail_end))[:MAX_SOURCE_WORDS]
    if not found:
        return "", pos
    return sentence[found[0].start() : found[-1].end()].strip(" ."), found[-1].end()


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A claim range with surrounding spaces, quotes and punctuation trimmed; None when nothing is left."""
    strip = " \t\r\n,:;—–-\"“”«»„'"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip + ".।!?":
        end -= 1
    return (start, end) if end - start >= 3 else None

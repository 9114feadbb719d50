"""The words around a reporting verb that decide whether it reports anything (for `nlp.attribution`).

A word of the cue lists is not always a report: after an article or a possessive it is a noun or an adjective
("the alleged attack", "their estimate that"), after "to" or a modal it is the article's own hypothesis ("One
could argue that"), a verb of answering or covering before its object reports no words ("responded to a
proposal by X to ..."), "called" after a form of "be" names ("what is called the grid"), and a Portuguese
reflexive says nothing ("negou-se a comentar"). Between the verb and "that" may stand when and where it was said
(`THAT_RE`: "said on Monday that", "afirmou, esta quarta-feira, que") or whom the words were said to ("disse à
Sputnik que ..."); and what follows a verb of accusing, urging or naming is its object, not the words said
("accused the UK of helping ...": `reports_an_object`, which the narratives' and the explanations' evidence read
to quote the whole sentence). Reported words end where another speaker's report begins in the same sentence
(`before_next_report`: "A said that X, and B has made it clear that Y"). A reporting word inside quoted words
that a verb after them attributes is no cue of its own (`inside_closed_quote`: '"..., critics say, ...," X
said'), and what follows that verb, however long, says where and when it was said (`quote_closes`).
"""
from __future__ import annotations

import re

from narrascope.nlp import hindi_claims, passives
from narrascope.nlp.cue_words import THAT, THAT_VERBS, VERBS
from narrascope.nlp.participles import PARTICIPLE
from narrascope.nlp.quotation import QUOTES
from narrascope.nlp.speaker_words import PRONOUNS
from narrascope.nlp.speakers import WORD
from narrascope.nlp.text import WORD_CHARS
from narrascope.nlp.time_words import is_time_word

_B = f"(?<![{WORD_CHARS}])"
_E = f"(?![{WORD_CHARS}])"
CUE = re.compile(_B + "(?:" + "|".join(VERBS.values()) + ")" + _E, re.IGNORECASE)  # a reporting verb
CLITIC = r"-(?:me|te|nos|vos|lhe|lhes)\b"  # a Portuguese pronoun after the verb: "disse-me que", "garantiu-nos que"
# "said (on Monday) that": a short adverbial of time or manner may stand between the verb and "that"
# (not any words: "warned against a war that nobody wants" reports no clause); a "that" right after the verb is
# the one ("का मानना है कि यही कारण है कि ...": the claim starts after the first).
_GAP_START = (r"(?:(?:on|in|at|during|last|this|earlier|later|yesterday|today|again|also|repeatedly|publicly|recently"
              r"|na|no|nesta|neste|em|ontem|hoje|também|ainda|já|[a-zà-ú]+mente|[a-z]+ly)" + _E
              + r"|[\u0400-\u04ff\u0900-\u097f])")  # ... and manner adverbs ("disse anteriormente que")
GAP_RE = re.compile(r"\s*" + _GAP_START, re.IGNORECASE)
# In Portuguese also when and where it was said ("afirmou, esta quarta-feira, que", "disse numa entrevista à AFP
# que", "já disse, por várias vezes, que"); "acrescentou este entusiasta ..., que" names the speaker instead.
_PT_GAP_START = (r"(?:esta|este)\s+(?:[a-zç]+-feira|sábado|domingo|semana|manhã|tarde|noite|mês|ano)" + _E
                 + r"|(?:nas|nos|por|numa|num|durante|após|depois)" + _E)
# ... also after a Portuguese clitic ("disse-me que") or a quotation mark that opens on "that" ('заяви, "че ...').
# ... or, right after the verb, a longer phrase of where, when or to whom, closed by a comma ("заяви на 14 юни на
# среща с кметовете на областта, че", "disse no sábado, num encontro com os autarcas do norte, que")
_LONG_GAP = (r"\s+(?P<long>(?:(?:на|в|във|пред|след|през|перед|после|во|on|in|at|during|na|no|nas|nos|em|numa|num"
             r"|durante|após)\s|(?:esta|este)\s+(?:[a-zç]+-feira|sábado|domingo|semana|manhã|tarde|noite)" + _E + r")"
             r"[^.;:!?\"“”«»]{30,100}?,\s*)")
THAT_RE = re.compile(r"(?:(?:" + CLITIC + r")?[,\s]*(?:[\"“„«]\s*(?=" + THAT + _E + r"))?"
                     r"(?P<gap>(?:" + _GAP_START + "|" + _PT_GAP_START + r")[^.;:!?\"“”«»]{0,40}?\s)??|" + _LONG_GAP + ")"
                     + _B + THAT + _E + r"\s*", re.IGNORECASE)
# "that" right after a verb that reports only before it ("revelou que", "disse-me que"), or after when it was said
# ("informou no sábado, 3, que")
_THAT_NEXT = re.compile(r"(?:-se|" + CLITIC + r")?,?\s+" + THAT + r"\s", re.IGNORECASE)
_WHEN_THEN_THAT = re.compile(r"(?:-se)?(?=\s+(?:na|no|nesta|neste|em|ontem|hoje|esta|este)\s)" + THAT_RE.pattern,
                             re.IGNORECASE)


def that_follows(sentence: str, cue: re.Match) -> bool:
    """Whether "that" follows the verb `cue`, right after it or after the day or place of the words; not where the verb
    follows its claim and a comma and a comma closes what follows it ("..., revelou no sábado um estudo da câmara, que
    ...": the subject after the verb, and "que" opens a relative clause)."""
    if _THAT_NEXT.match(sentence, cue.end()):
        return True
    m = _WHEN_THEN_THAT.match(sentence, cue.end())
    return bool(m) and not (sentence[: cue.start()].rstrip().endswith(",") and re.search(r",\s*\S+\s*$", m.group()))


QUOTE_BEFORE = re.compile(r"[”\"»]\s*,\s*$")  # '"QUOTE", afirmou durante um painel que ...': the quote was said
LOOK_BACK = 16  # characters before a cue that can hold its determiner or modal

# The word before a cue that makes it an adjective or a noun: an article or a possessive ("the alleged attack",
# "the stated purpose", "her claims", "a nota"). Not "that" or "this", which open a clause ("a report that says").
_DETERMINER = re.compile(_B + r"(?:the|a|an|its|his|her|their|our|my|your|these|those|any|some|no|every|each"
                         r"|so-called)\s+$", re.IGNORECASE)
# What "added" adds when it is a thing, not words: an object after the verb ("added $23 billion", "adds a sinister
# dimension", "added further uncertainty"), or "added" as an adjective after a preposition ("in added value").
_ADDED_WHAT = re.compile(r"\s+(?:a|an|the|further|more|value|fuel|weight|another|new|some|extra|significant|\$|\d)",
                         re.IGNORECASE)
_IN_ADDED = re.compile(r"\b(?:in|of|with|for|no|an?)\s+$", re.IGNORECASE)
_INFINITIVE = re.compile(r"(?<!с)ть$|ться$")  # a Russian infinitive (not the noun of "выразил уверенность")
_ATTENTION = re.compile(r"\s+(?:a\s+)?atenção", re.IGNORECASE)  # "chama a atenção": draws attention
_PLURAL_NOUNS = frozenset(("reports", "calls", "claims"))
# A lower-case adjective, participle or quantifier right before one of them ("unverified reports", "backing calls")
_ADJECTIVE_BEFORE = re.compile(r"(?<![\w.-])(?:[a-z-]+(?:ed|ing|ous|ble|ic|ive|ful|less)|news|such|several|numerous|false"
                               r"|unverified|unconfirmed|recent|similar|multiple|private|public|legal|fresh|official)\s+$")
_PARTICIPLE_AFTER = re.compile(r"\s+(?:brought|made|filed|lodged|published|issued|submitted|received|circulating)\b")
_CONCERNS = re.compile(r"\s+respeito\b", re.IGNORECASE)
_CLAIMED_WHAT = re.compile(r"\s+(?:the\s+|full\s+)?(?:responsibility|credit|victory|ownership|authorship)\b",
                           re.IGNORECASE)
_PREPOSITION = re.compile(_B + r"(?:about|of|over|against|for|on|with|into|amid|despite|from|after|before)\s+$",
                          re.IGNORECASE)
_PT_PREPOSITION = re.compile(_B + r"(?:de|em|do|da|dos|das|no|na|nas|sob|sem)\s+$")  # (not "nos": also "us")
# A verb of answering or covering before its object, with no "that", colon or quotation after it, reports no words
# ("The minister responded to a proposal by the council to ...", "The paper reported on this at the time", "отговори на
# въпроса за ...", "ответили ударом по ...", what they answered with); "responded that", "replied to reporters: ...",
# "“No,” he replied to reporters." still report, and so do "was reported by X" and "is reported to" (hearsay),
# "reported on Tuesday" and "сообщил о гибели ..." (the news is the speaker's).
_ANSWERED = re.compile(r"(?:(?:responded|replied|commented|respondeu|responderam|отговори\w*|ответил\w*)"
                       r"\s+(?:to|on|by|with|a|à|às|ao|aos|com|на|с|със)|reported\s+on"
                       # a Russian noun or adjective in the instrumental after "answered": what they answered with
                       r"|ответил\w*\s+(?=[а-яё]{2,}(?:ом|ем|ой|ей|ами|ями|ым|им)\b))\s*(\S+)", re.IGNORECASE)
# "called" that names rather than says: after a form of "be" ("what's called a smart grid", "has been called into
# question"; not "X, the party's leader, called the plan a folly", which reports X's words).
_NAMED_AS = re.compile(r"(?:\b(?:is|are|was|were|be|been|being|so)|['’]s)\s+$", re.IGNORECASE)
_WORDS_FOLLOW = re.compile(r"[:\"“„«]|" + _B + THAT + _E, re.IGNORECASE)
ANSWER_TAIL_WORDS = 4  # "..., he replied to reporters on Monday.": a tail this short names whom, not what


# A Portuguese reflexive before a preposition or an article ("refere-se à ofensiva", "negou-se a comentar",
# "acusaram-se uma à outra") or a question mark ("lembram-se?"): no words reported. "Estima-se que", "explica-se,"
# are said by nobody named, and "diz-se confiante" by its subject: they still report.
_REFLEXIVE = re.compile(r"-se\s+(?:a|à|às|ao|aos|um|uma)\b|-se\s*\?", re.IGNORECASE)


# "Frankly speaking", "put simply": a manner of speaking, no report ("А това, честно казано, е неудобно").
_SO_TO_SPEAK = re.compile(r"\b(?:честно|просто|иначе|накратко|образно|мягко|грубо|откровено|откровенно)\s+"
                          r"(?:казано|сказано|говоря|казвайки)$|\bas\s+(?:the|its)\s+name\s+(?:suggests|implies)$",
                          re.IGNORECASE)  # "as the name implies": what the name says, nobody's words


_THAT_SAID = re.compile(r"(?i)\b(?:(?:that|this)(?: being)?|having) said(?: that| this)?,")

# A sentence that opens on the cue, where it is no verb: an English participle before its noun ("Proposed rules
# would ...", "Said neighbours were ..."; English writes no verb before its subject), a Portuguese alert ("Alerta
# vermelho em Valdória", "Alerta de cheias no norte").
_OPENING_NOT_VERB = re.compile(r"\s*(?:(?:Said|[A-Z][a-z]+ed)\s+(?!that\b|to\b)[a-z]"
                               r"|Alerta\s+(?:de|vermelho|laranja|amarelo|máximo)\b)")


# A modal or "to" with "be" before the verb: the article's own remark ("It must be noted that ...", "more than can
# be said of ...") or what is yet to be done ("the measures to be announced on Friday"), nobody's reported words.
_MODAL_BE = re.compile(_B + r"(?:must|should|can|could|may|might|will|would|shall|to)\s+(?:(?:also|again|still|now"
                       r"|first|only|further)\s+)?be\s+$", re.IGNORECASE)


def reports_nothing(sentence: str, cue: re.Match) -> bool:
    """Whether the cue `cue` of `sentence` is a verb that, here, reports no words (see `_ANSWERED`, `_NAMED_AS`,
    `_REFLEXIVE`, `_OPENING_NOT_VERB`, `_MODAL_BE`, `passives`)."""
    if sentence[cue.start() - 1 : cue.start()] == "-" or _COMPOUND.match(sentence, cue.end()):
        return True  # a word of a compound: "so-called", "self-declared"
    if (_MODAL_BE.search(sentence, max(0, cue.start() - 24), cue.start()) or passives.reports_nothing(sentence, cue)
            or hindi_claims.considered_only(sentence, cue) or hindi_claims.asked_to(sentence, cue)):
        return True  # "It should be stressed that", "residents were told to leave", "X को Y माना" (held X to be Y)
    if not sentence[: cue.start()].strip() and _OPENING_NOT_VERB.match(sentence):
        return True
    if _REFLEXIVE.match(sentence, cue.end()):  # (not '"QUOTE", defendeu-se Kiev': the quote is what it said)
        return not QUOTE_BEFORE.search(sentence, 0, cue.start())
    if cue.group().lower() == "called":
        return bool(_NAMED_AS.search(sentence, max(0, cue.start() - 12), cue.start()))
    if _CLAIMED_WHAT.match(sentence, cue.end()) and cue.group().lower().startswith("claim"):
        return True  # "claimed responsibility for the attack": an object, not words
    if _INFINITIVE.search(cue.group().lower()):
        return True  # a Russian infinitive: "можно добавить, что" (one may add), "начали обвинять" (began to accuse)
    if cue.group().lower() in ("chama", "chamam") and _ATTENTION.match(sentence, cue.end()):
        return True  # "chama a atenção para": draws attention, says nothing
    if cue.group() in _PLURAL_NOUNS and (_ADJECTIVE_BEFORE.search(sentence, max(0, cue.start() - 30), cue.start())
                                         or _PARTICIPLE_AFTER.match(sentence, cue.end())):  # "claims filed against"
        return True  # "unverified reports", "repeated misleading claims", "backing calls for": nouns, no verb
    if cue.group().lower().startswith("di") and _CONCERNS.match(sentence, cue.end()):
        return True  # "diz respeito a": concerns, says nothing
    if cue.group().lower() in ("added", "adds") and (_ADDED_WHAT.match(sentence, cue.end())
                                                    or _IN_ADDED.search(sentence, 0, cue.start())):
        return True  # "have added further uncertainty", "adds value", "in added value": what was added is a thing
    if (_SO_TO_SPEAK.search(sentence, max(0, cue.start() - 14), cue.end())  # "честно казано": frankly
            or ((idiom := _THAT_SAID.search(sentence, max(0, cue.start() - 18), cue.end() + 7))
                and idiom.start() < cue.start() < idiom.end())):  # "That said, ...": nevertheless
        return True
    if inside_closed_quote(sentence, cue.end()):
        return True  # '"... they call for peace," Marev said': the quote's words are what Marev said
    answered = _ANSWERED.match(sentence, cue.start())
    if not answered or is_time_word(answered.group(1).strip(".,;")):
        return False
    tail = sentence[cue.end():]
    return len(WORD.findall(tail)) > ANSWER_TAIL_WORDS and not _WORDS_FOLLOW.search(tail)


_SEGUNDO_ORDINAL = re.compile(r"(?:\b(?:o|a|os|as|do|da|no|na|um|uma|pelo|pela)\s+)segundo\s*$", re.IGNORECASE)
# What a rule, a plan or a proposal lays down: "de acordo com as recomendações do conselho" (in line with them),
# "segundo o plano", no source of words (7 training sentences).
_RULE_FOLLOWS = re.compile(r"\s*(?:(?:o|a|os|as|um|uma)\s+)?(?:recomendaç\w+|leis?|regras?|normas?|decretos?|propostas?"
                           r"|iniciativas?|planos?|tratados?|princípios?|constituição)\b", re.IGNORECASE)


_RELATIVE_AFTER = re.compile(r"\s+(?:който|която|което|които|которому|которой|которым|которых|which|whom|o qual|a qual|os quais"
                             r"|as quais)\b", re.IGNORECASE)


def according_reports_nothing(sentence: str, phrase: re.Match) -> bool:
    """Whether the "according to" phrase `phrase` of `sentence` cites no source: "segundo" as an ordinal ("o
    segundo ..."), a rule or plan followed ("de acordo com as recomendações", `_RULE_FOLLOWS`), or a relative
    clause after a verb of saying that reports the sentence ("..., според който ...")."""
    cue = phrase.group().lower()
    if cue == "segundo" and _SEGUNDO_ORDINAL.search(sentence, 0, phrase.end()):
        return True
    if _RELATIVE_AFTER.match(sentence, phrase.end()) and any(
            THAT_RE.match(sentence, c.end()) for c in CUE.finditer(sentence, 0, phrase.start())):
        return True  # "Той добави, че ... сценарий, според който ...": the verb before reports, not the relative clause
    return cue in ("segundo", "de acordo com", "conforme") and bool(_RULE_FOLLOWS.match(sentence, phrase.end()))


# A quotation mark that closes a quote, a comma or a dash, then at most six words and a reporting verb: '...
# they call for peace," Marev said', '... до пролетта", каза Марев'.
_QUOTE_THEN_REPORT = re.compile(r"[\"”»“]\s*[,—–]\s*(?:[—–-]\s*)?(?:[^\s\"”»“«„]+\s+){0,6}?(?=\S)")
_OPENING_MARKS = "“«„"


def inside_closed_quote(sentence: str, at: int) -> bool:
    """The word ending at `at` is inside quoted words that a reporting verb after them attributes ('... they call
    for peace," Marev said'): the quote opened before it, or before the sentence (a quote of several sentences)."""
    for m in _QUOTE_THEN_REPORT.finditer(sentence, at):
        said = CUE.match(sentence, m.end())
        if said and said.group()[:1].islower() and _opened_before(sentence, m.start(), at):
            return True
    return False


def _opened_before(sentence: str, close: int, at: int) -> bool:
    """The quotation closed by the mark at `close` opened before `at` (or before the sentence)."""
    mark = sentence[close]
    if mark == '"':
        straight = [i for i in range(close) if sentence[i] == '"']
        return not straight or (len(straight) % 2 == 1 and straight[-1] < at)
    opening = max(sentence.rfind(c, 0, close) for c in ("„" if mark == "“" else _OPENING_MARKS))
    return opening < at if opening >= 0 else (mark != "“")  # "“" opens in English, closes „...“


_CLOSING_MARKS = frozenset(QUOTES.values())
# A cue that opens a compound ("so-called", "say-so"), not a Portuguese clitic after a verb ("disse-me", "diz-se",
# "disse-o").
_COMPOUND = re.compile(r"-(?!(?:me|te|se|nos|vos|lhe|lhes|lo|la|los|las|o|a|os|as|no|na)\b)[a-z]", re.IGNORECASE)


def quote_closes(before: str, comma: int, after: str, addressed: bool = False) -> bool:
    """A quotation mark closes quoted words at the comma at `comma` of `before` ('...,” X said', '...", каза X'), a
    speaker stands between it and the verb, and the verb brings no quote of its own (`after`, what follows it: not
    "по заводу «Норвал», X написал: «...»"): what follows the verb then is where and when it was said, however
    long, not what was said (whom it was said to, where `addressed`: '...," X told The Daily Norvale')."""
    mark = comma + 1 if before[comma + 1 : comma + 2] in _CLOSING_MARKS else comma - 1
    return (comma >= 0 and mark >= 0 and before[mark] in _CLOSING_MARKS and bool(WORD.search(before, comma + 1))
            and not _QUOTE_AFTER.search(after) and (addressed or not _clause_after(after)))


def _clause_after(after: str) -> bool:
    """What follows the verb opens a clause of its own, the reported one ('on “Norvale Today,” Marev said the
    bridge would ...'): a determiner, a pronoun or a name, not a preposition, participle or time word."""
    first = WORD.match(after.lstrip(" ,"))
    if not first:
        return False
    word = first.group()
    return word.lower() in _CLAUSE_OPENERS or (word[:1].isupper() and not is_time_word(word))


_CLAUSE_OPENERS = frozenset(("the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
                             "my", "he", "she", "it", "they", "we", "i", "you", "there", "ele", "ela", "eles", "он", "она",
                             "они", "той", "тя", "те"))


# A quote the verb brings: right after it, or after a colon ("написал: «...»", "объяснил это так: «...»").
_QUOTE_AFTER = re.compile(r"^\s*[:,]?\s*[«“„\"]|:\s*[«“„\"]")


# "responded to the council that ...", "disse à Sputnik que ...", "заяви на журналистите, че ...": whom it was
# said to, then the words (not the Portuguese article "a": "critica a ativista que defende ..." is a relative
# clause; not after a promise: "vowed to ensure that ..." is what was vowed)
_TO_WHOM = r"\s+(?:to|на|à|ao|aos|às)\s"
TO_WHOM_THAT = re.compile(_TO_WHOM + r"(?:[^\s,.;:\"“”«»]+\s+){0,3}?,?\s*" + THAT + r"\s", re.IGNORECASE)
TO_WHOM = re.compile(_TO_WHOM, re.IGNORECASE)
COMMITMENTS = frozenset(("vowed", "vows", "pledged", "promised", "threatened", "urged", "urges"))
# English verbs whose object is whom they told, before the "that" of what was said ("told Niinisto that ...",
# "warned the president of Valdor on Saturday that ...").
_TELL_VERBS = frozenset(("told", "tells", "warned", "warns", "assured", "assures", "reminded", "reminds", "informed",
                         "informs"))
_WHOM_THAT = re.compile(r"\s+(?!(?:against|of|about|for|on|over|in)\s)(?:(?!(?:as|while|when|and|but|because|after|before|how|what|why|where|who|which|whether|if)\s)[^\s,.;:\"“”«»]+\s+){1,9}?that\s",
                        re.IGNORECASE)


def told_whom_that(sentence: str, cue: re.Match) -> re.Match | None:
    """The words up to the "that" after whom an English verb of telling names (see `_TELL_VERBS`), or None; not
    after a quote the verb reports ('“...,” an official told the paper as he argued that ...': the quote)."""
    if cue.group().lower() not in _TELL_VERBS or QUOTE_BEFORE.search(sentence, 0, cue.start()):
        return None
    return _WHOM_THAT.match(sentence, cue.end())
# Before a verb that reports only with "that": a possessive makes it a noun ("the authors' estimate that"), and "to"
# or a modal the article's own hypothesis ("One could argue that", "it was to argue that").
_NO_SPEAKER = re.compile(r"(?:['’]s?|\b(?:to|could|would|might|may|can|should|must))\s+$", re.IGNORECASE)


def determiner_before(sentence: str, cue: re.Match) -> bool:
    """An article or possessive right before the cue: a noun or an adjective ("the alleged attack"); or a
    preposition before an English participle ("about alleged Russian meddling", "over claimed losses") or before a
    Portuguese word, which makes it a noun ("sistemas de alerta", "em alerta máximo")."""
    lo = max(0, cue.start() - LOOK_BACK)
    return bool(_DETERMINER.search(sentence, lo, cue.start())
                or cue.group().lower().endswith("ed") and _PREPOSITION.search(sentence, lo, cue.start())
                or _PT_PREPOSITION.search(sentence, lo, cue.start()))


def no_speaker_before(sentence: str, cue: re.Match) -> bool:
    """A possessive, "to" or a modal right before a verb that reports only with "that" (see `_NO_SPEAKER`)."""
    return bool(_NO_SPEAKER.search(sentence, max(0, cue.start() - LOOK_BACK), cue.start()))


# A verb followed by one of these took an object, not reported words ("calls for", "warned against", "said to").
NOT_A_CLAIM_START = frozenset((
    "for", "to", "against", "of", "about", "on", "with", "by", "at", "in", "into", "from", "over", "para",
    "contra", "sobre", "com", "de", "por", "em", "à", "às", "ao", "aos", "за", "на", "от", "для", "против", "о",
    "об", "с", "по", "в", "из", "срещу",
))
# Reporting verbs that mostly take an object ("mentioned the idea", "rejected the plan"): what follows them
# directly, without "that" or a colon, is that object rather than the reported words.
OBJECT_VERBS = frozenset((
    "mentioned", "proposed", "rejected", "dismissed", "denied", "denies", "announced", "announces", "accused",
    "accuses", "urged", "urges", "promised", "threatened", "pledged", "vowed", "cited", "quoted", "recalled",
    "called", "calls", "acknowledged", "admitted", "reported", "reports", "explained", "explains",
    # "Putin alerta EUA para crise ...", "acusa Kiev de ...", "назвал Запад ...", "отрече обвиненията"
    *(stem + end for stem in ("alert", "avis", "critic", "acus", "neg", "rejeit", "cham", "consider")
      for end in ("ou", "aram", "a", "am", "ava", "avam")),
    "adverte", "advertem", "advertiu", "advertiram", "обвинил", "обвинила", "обвинили", "обвиняет", "обвиняют",
    "отверг", "отвергла", "отвергли", "назвал", "назвала", "назвали", "обвини", "обвиниха", "отрече", "отрекоха",
    "нарече", "нарекоха", "отхвърли", "отхвърлиха",
    # "считает X Y", "смята X за Y": whom or what is considered what, not words said ("считает, что ..." reports)
    "считает", "считают", "считал", "считала", "считали", "считаю", "смята", "смятат", "смятаме", "счита", "считат",
))


def reports_an_object(text: str, start: int, attribution) -> bool:
    """Whether the "reported words" of the attributed sentence opening at `start` are its verb's object
    ("accused the UK of helping ...", "calls for raising ...", "mentioned the idea"): then the whole sentence,
    not that piece, says what the source claims."""
    claim, cue = attribution.claim, attribution.cue or ""
    before = text[start : claim[0]].rstrip(" ," if cue in OBJECT_VERBS else " ") if claim else ""
    if not claim or not cue[:1].isalpha() or not before.lower().endswith(cue):
        return False  # the claim follows "that", a colon or a quotation mark, or comes before the verb (a comma
    # may stand after such a verb: "alertou, numa entrevista, para ...", "acusou, no sábado, X de")
    reported = text[claim[0] : claim[1]].split()
    return bool(reported) and (reported[0].lower() in NOT_A_CLAIM_START or cue in OBJECT_VERBS)


# A verb that reports only before "that" also reports at the end of the sentence, after a comma and before its
# speaker ("..., argumentou Dudchak.", "..., concluiu o investigador.", "..., the minister concluded").
_THAT_VERB_LAST = re.compile(r"(?<=,\s)(?:" + THAT_VERBS + r")(?![\w-])(?=(?:\s+[^\s,.;:\"“”«»]+){1,5}\s*[.!…]?\s*$)",
                             re.IGNORECASE)
_LAST_AFTER_COMMA = re.compile(r",[\"”»“]?\s+(?:[^\s,.;:\"“”«»]+\s+){1,4}(?:" + THAT_VERBS + r")\s*[.!…]?\s*$", re.IGNORECASE)
_VERB_AT_END = re.compile(r"(?:" + THAT_VERBS + r")(?=\s*[.!…]?\s*$)", re.IGNORECASE)


def verb_last(sentence: str) -> re.Match | None:
    """The cue of "CLAIM, VERB X." or "CLAIM, X VERB." with a verb of `THAT_VERBS` (see `_THAT_VERB_LAST`); not
    a noun or an adjective ("Persian Gulf states", "is less assured"), an infinitive or a participle ("уточнить
    не удалось"), a negated or impersonal verb ("Ройтерс не уточнява", "както се казва"), nor the last item
    of a list ("..., and several Persian Gulf states"). A participle of saying may follow the verb ("CLAIM, the
    council confirmed, adding that ...")."""
    said = PARTICIPLE.search(sentence)
    sentence = sentence[: said.start()] if said else sentence
    m = _THAT_VERB_LAST.search(sentence)
    tail = _LAST_AFTER_COMMA.search(sentence) if m is None else None
    if tail is not None:
        m = _VERB_AT_END.search(sentence, tail.start())
    if m is None or _NOT_A_VERB_AT_END.search(m.group()) or _NEGATED_OR_IMPERSONAL.search(sentence, 0, m.start()) or (
            _NOUN_AFTER.search(sentence, 0, m.start())):
        return None
    return None if tail is not None and _LIST_TAIL.match(sentence, tail.start()) else m


_NOT_A_VERB_AT_END = re.compile(r"^(?:states|assured|assures|found|finds)$|(?:ть|щ(?:ий|ей|ая|ее|их|им)|вш(?:ий|ей|их))$",
                                re.IGNORECASE)
_NEGATED_OR_IMPERSONAL = re.compile(r"(?<![\w-])(?:не|not|não|se|се)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"(?<![\w-])(?:for|of|to|as|by|with|an?|the)\s+$", re.IGNORECASE)  # '"G," for estimate'
_LIST_TAIL = re.compile(r",\s+(?:and|or|и|или|e|ou)\s", re.IGNORECASE)


# "A said that X, and B has made it clear that Y": a conjunction that opens the next speaker's report.
_NEXT_REPORT = re.compile(_B + r"(?:and|while|but|whereas|и|а|но|докато|e|mas|enquanto|और|जबकि)" + _E, re.IGNORECASE)
NEXT_REPORT_WORDS = 5  # at most this many words in the next speaker's name, before their reporting verb


def before_next_report(text: str, start: int, end: int) -> int:
    """Where the reported words starting at `start` end: before a conjunction that opens another speaker's
    report in the same sentence (", and U.S. President Ivo Marr has made it clear that ...", "..., while
    Reznikov affirmed ..."): a subject of at most `NEXT_REPORT_WORDS` words, capitalised or a pronoun, then a
    reporting verb, or that verb alone, the same speaker's next report. A verb after a comma reports the same words
    ("... and may yet change, it said")."""
    for conj in _NEXT_REPORT.finditer(text, start, end):
        window = text[conj.end() : end]
        cue = next((c for c in CUE.finditer(window) if not c.group()[:1].isupper()), None)
        if cue is None:
            return end
        subject = window[: cue.start()]
        words = WORD.findall(subject)
        if not subject.strip() and cue.group() not in hindi_claims.NOUN_CUES:  # (not "और चेतावनी": another warning)
            return conj.start()  # "X said that A and added that B", "... e acusou Kiev de ...": the same one's next report
        if (words and len(words) <= NEXT_REPORT_WORDS and not re.search("[,;:\"“”«»„]", subject)
                and (words[0][:1].isupper() or words[0].lower() in PRONOUNS)):
            return conj.start()
    return end

"""Whether the words before a comma, semicolon, colon or dash can be quoted alone as a clause.

An explanation quotes a long sentence only up to a clause boundary (`analyzers.explain.evidence.trim`), and a
narrative's evidence may be one clause of a long sentence (`analyzers.narratives.evidence.narrow`). Taking any
boundary that fitted, 13 of 30 shortened quotes read at random stopped before the sentence said anything: on
its condition ("If the talks fail…", "хотя „порт не закрыт ...“…"), on an opening phrase ("Durante uma visita a
Valdor…"), on its subject and a relative clause ("Ivo Marev, who has led the talks since May…"), on a verb of saying
without what was said ("Ранее министр Иван Петров заявил…"), or on a conjunction ("… बंदरगाह बंद है लेकिन…"). Such a cut is
no clause: `ends_a_clause` refuses it, and `may_cut` also asks a comma to stand before a word that opens a new
clause, and no relative clause to stand before the predicate of the words kept ("A visit by Ivo Marev, who ...,
would ..."). Word lists per language of the shared task (BG EN HI PT RU), narrascope's own.
"""
from __future__ import annotations

import re
from itertools import pairwise

from narrascope.nlp.cue_context import CUE
from narrascope.nlp.text import words
from narrascope.nlp.time_words import without_time_after

# Words that open a clause that needs another one ("if ..., then ..."): the cut may not end on such a clause.
_SUBORDINATORS = frozenset((
    "if", "when", "whenever", "although", "though", "while", "because", "since", "unless", "once", "until",
    "whether", "before", "after", "despite", "besides", "without",
    "ако", "когато", "макар", "докато", "защото", "въпреки", "след", "преди", "щом", "освен",
    "если", "когда", "хотя", "пока", "поскольку", "несмотря", "после", "прежде", "кроме", "помимо", "чтобы",
    "se", "quando", "embora", "enquanto", "porque", "caso", "apesar", "após", "antes", "além", "depois", "para",
    "अगर", "यदि", "जब", "हालांकि", "हालाँकि", "क्योंकि", "जबकि",
    # ... and the words that open what a clause is about ("Sobre Valdor, em território ...")
    "about", "regarding", "concerning", "относно", "относительно", "sobre", "quanto",
))
# Question words that open a short clause still waiting for its verb ("знают, как важно").
_QUESTION_OPENERS = frozenset(("how", "what", "why", "как", "какво", "что", "почему", "como", "porquê", "कैसे", "क्या"))
# "that" and its kin: a clause that opens "that if ..." is as open as one that opens "if ...".
_THAT = frozenset(("that", "что", "че", "que", "कि"))
# Words a clause does not end on: conjunctions, prepositions, articles.
_OPEN_ENDS = frozenset((
    "and", "or", "but", "nor", "of", "the", "an", "than", "that",
    "и", "или", "но", "а", "на", "в", "във", "за", "с", "със", "от", "по", "към", "че", "да",
    "во", "со", "к", "из", "для", "что", "чем",
    "e", "ou", "mas", "de", "do", "da", "dos", "das", "em", "no", "na", "o", "os", "as", "um", "uma", "com", "por",
    "que",
    "और", "या", "लेकिन", "परंतु", "मगर", "के", "की", "का", "में", "से", "को", "पर", "ने", "कि",
))
# Words that open a relative clause or an aside about the word before it ("Ivo Marev, who ...", "Valdor, which ...").
_RELATIVES = frozenset((
    "who", "which", "whose", "whom", "including", "according", "който", "която", "което", "които", "чийто",
    "который", "которая", "которое", "которые", "которого", "которой", "чей", "que", "cujo", "cuja",
    "जो", "जिसने", "जिन्होंने", "जिसे", "where", "onde", "където", "где",
))
# Words that open a phrase of time, place or source before a clause ("Durante uma visita a Valdor", "De acordo com
# as informações", "In the morning"): kept words that are such phrases and nothing else are no clause.
_INTRO = frozenset((
    "in", "on", "at", "during", "after", "before", "according", "since", "from", "for", "with", "amid", "among",
    "under", "over", "by", "of", "to",
    "в", "във", "на", "по", "след", "преди", "според", "при", "с", "със", "от", "за", "през", "сред", "до",
    "во", "после", "для", "согласно", "из", "к", "о", "об", "среди", "у",
    "em", "na", "nas", "nos", "de", "do", "da", "dos", "das", "durante", "desde", "após", "antes", "para",
    "com", "sobre", "entre", "segundo", "ao", "à", "aos", "às", "pela", "pelo", "perante", "numa", "num", "por",
))
_OPENINGS = _INTRO | _SUBORDINATORS | _RELATIVES
SHORT_THAT_WORDS = 4  # a clause after "that" this short, cut at a comma, has not said its verb yet
SHORT_SUBJECT_WORDS = 6  # a first part this short before a relative clause is a subject whose verb is still to come
SHORT_CLAIM_WORDS = 3  # words before a verb of saying inside a clause: the claim's subject, not a claim
_BOUNDARY = re.compile(r"[,;:]\s|\s[—–-]\s")
_CUE_AT_END = re.compile("(?:" + CUE.pattern + r")\W*$", CUE.flags)


def ends_a_clause(kept: str) -> bool:
    """Whether `kept`, the words of a sentence before a clause boundary, reads as a clause on its own."""
    parts = _parts(kept)
    if not parts:
        return False
    found = [w.lower() for w in words(kept)]
    if not found or found[-1] in _OPEN_ENDS or found[-1] in _SUBORDINATORS:
        return False  # "The port is a good thing and", "ships cannot dock there because"
    last = [w.lower() for w in words(parts[-1])]
    before = [w.lower() for w in words(parts[-2])][-1:] if len(parts) >= 2 else []
    if last and (any(a in _THAT and b in _SUBORDINATORS for a, b in pairwise(last))
                 or (before and before[0] in _THAT and last[0] in _SUBORDINATORS)):
        return False  # "I believe that if X were to overrun Y", "He said that, if the talks fail"
    if len(parts) >= 2 and last and (last[0] in _THAT or last[0] in _QUESTION_OPENERS) and len(last) <= SHORT_THAT_WORDS:
        return False  # "Дело в том, что „порт“": a clause after "that" this short has no verb yet
    if any(a in _SUBORDINATORS and b in _THAT for a, b in pairwise(found[-SHORT_THAT_WORDS - 1 :])):
        return False  # "... vai atuar para que o porto": a clause after "so that" this short has no verb yet
    if len(parts) >= 2 and _only_openings(parts):
        return False  # "Em maio, dias antes de a cimeira começar"
    if len(parts) >= 2 and last and last[0] in _RELATIVES and len(words(parts[0])) <= SHORT_SUBJECT_WORDS:
        return False  # "Ivo Marev, who has led the talks since May": the subject's verb comes after
    if len(parts) >= 2 and all(w[:1].isupper() for w in words(parts[-1])):
        return False  # "On Saturday, the council's envoy, Ivo Marev": a name in apposition, its verb to come
    opened = _parts(kept.rsplit(": ", 1)[-1])  # the clause that opens the kept words or follows their last colon
    if len(opened) >= 2 and _is_name(opened[0]) and _only_openings(opened[1:]):
        return False  # "Ana Lima, in her book on the port": a name and a phrase about it, its verb to come
    if (len(parts) >= 2 and CUE.match(parts[-1].lstrip())
            and len(words(" ".join(parts[:-1]))) <= SHORT_CLAIM_WORDS):
        return False  # "Esta subida, refere ainda a investigadora": the verb of saying inside the claim
    # "Ранее министр Иван Петров заявил", "que argumentava esta sexta-feira": what was said comes after
    return not _CUE_AT_END.search(without_time_after(kept))


# Words that open a new clause or an aside after a comma: there the words before it can stand alone ("…, but
# Moscow refused", "…, which ...", "…, saying that ..."). A comma before any other word more often parts an
# opening phrase from its clause ("Na manhã de 3 de maio, …", "Ever since the port was closed, the city …").
_AFTER_CLAUSE = frozenset((
    "and", "but", "or", "yet", "so", "while", "whereas", "which", "who", "whose", "saying", "adding", "noting",
    "according", "although", "though", "because", "as", "since", "including", "where", "when", "even",
    "и", "но", "а", "или", "като", "който", "която", "което", "които", "докато", "защото", "тъй", "макар",
    "въпреки", "според", "заяви", "добави", "след", "когато", "където",
    "который", "которая", "которое", "которые", "которого", "которой", "которых", "пока", "поскольку", "хотя",
    "потому", "так", "заявив", "отметив", "сообщив", "добавив", "подчеркнув", "когда", "где", "однако", "причем",
    "причём",
    "e", "mas", "ou", "enquanto", "embora", "porque", "segundo", "acrescentando", "afirmando", "referindo",
    "sublinhando", "disse", "onde", "quando", "pois", "apesar",
    "और", "लेकिन", "जबकि", "क्योंकि", "जो", "जिससे", "ताकि", "हालांकि", "परंतु", "किंतु", "तो",
))


def may_cut(kept: str, boundary: str, rest: str) -> bool:
    """Whether a quote may stop at `boundary` (",", ";", ":" or a dash), `kept` the words before it and `rest`
    the words after it: the kept words read as a clause (`ends_a_clause`) and, after a comma, the next word
    opens a new clause or an aside (`_AFTER_CLAUSE`)."""
    if not ends_a_clause(kept):
        return False
    if boundary.strip() != ",":
        return True
    following = words(rest[:40])
    if (following and following[0].lower() in _SOURCE_ASIDES and len(words(kept)) <= SHORT_SUBJECT_WORDS + 2
            and _goes_on_after_aside(rest)):
        return False  # "The new cranes, according to Ivo Marev, pose a risk": a short subject, not a clause
    if following and following[0].lower() in _RELATIVES and _verb_after_aside(rest):
        return False  # "A visit by Ivo Marev, who is due on Friday, would ...": the kept words are the subject
    # "Durante uma visita a Valdor para as negociações, ...": before a comma, an opening phrase alone is no clause
    return bool(following) and following[0].lower() in _AFTER_CLAUSE and not _only_openings(_parts(kept))


_ASIDE_END = re.compile(r"[,—–]\s+(\w+)")


# Auxiliaries and forms of "be" that open a predicate: after a relative clause, they show that the words before
# it were the subject of that predicate. Only these: a word after a comma there is as often the relative clause's
# own next phrase, a participle or a list's next item.
_AUXILIARIES = frozenset((
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must",
    "е", "са", "беше", "бяха", "бе", "ще", "би", "може", "могат", "трябва",
    "был", "была", "было", "были", "будет", "будут", "является", "являются", "стал", "стала", "стали",
    "é", "são", "foi", "foram", "era", "eram", "será", "serão", "tem", "têm", "teve", "tinha", "vai", "vão", "pode",
    "podem", "está", "estão",
))


# Words that open a source set between commas ("X, according to Y, ..."): what follows the aside goes on with X.
_SOURCE_ASIDES = frozenset(("according", "segundo", "според", "по"))


def _goes_on_after_aside(rest: str) -> bool:
    """Whether the sentence goes on after an aside with a word that opens no clause of its own (its predicate)."""
    end = _ASIDE_END.search(rest)
    word = end.group(1) if end else ""
    return word[:1].islower() and word.lower() not in _AFTER_CLAUSE | _OPENINGS | _OPEN_ENDS | _THAT


def _is_name(part: str) -> bool:
    found = words(part)
    return 2 <= len(found) <= 4 and all(w[:1].isupper() for w in found)  # one word may be any first word


def _verb_after_aside(rest: str) -> bool:
    """Whether the sentence goes on after a relative clause with an auxiliary, the predicate whose subject the
    words before the relative clause were ("the port, which is old, has closed")."""
    end = _ASIDE_END.search(rest)
    return end is not None and end.group(1) in _AUXILIARIES


def _only_openings(parts: list[str]) -> bool:
    """Whether every part opens on a preposition, a subordinator or a relative pronoun: phrases of time, place or
    condition only, and what they say of their nouns ("Хотя у них есть порты, где они могут ...")."""
    firsts = [words(p)[:1] for p in parts]
    return all(f and f[0].lower() in _OPENINGS for f in firsts)


def _parts(kept: str) -> list[str]:
    """The kept words' parts between clause boundaries (commas, semicolons, colons, dashes)."""
    return [p for p in _BOUNDARY.split(kept) if p.strip()]


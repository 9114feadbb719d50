"""Who "he" or "she" is when a pronoun reports words: the speaker the article named just before.

News copy names a speaker once and then goes on with a pronoun ("Ivo Marev said the port would stay shut. He
added that ..."); evidence shown as "attributed: reported speech" then hides a name the reader has just read.
`antecedent` gives that name, conservatively, since a wrong name is worse than none:

- only a singular personal pronoun (he, she, он, она, той, тя, ele, ela; Hindi उन्होंने, उसने) outside
  quotation marks is resolved;
- the antecedent is the named source of one of the `MAX_BACK` sentences before, the nearest that has one;
  sentences in between may quote on (a quote goes on without naming its speaker), but none of the article's
  own may name someone else (two capitalised words side by side, or a first word the article capitalises
  inside sentences too; in Hindi, which has no capitals to tell a name, any such sentence), and no nearer
  source may be someone else (a ministry, a paper, "officials", a pronoun nobody resolved);
- the source must read as one person: a name or a singular office ("the foreign minister", "министърът"),
  not an institution, an outlet, an acronym or a document, written in the article's script, and where the name
  shows its gender (Russian and Bulgarian surnames, Portuguese articles) of the pronoun's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from narrascope.nlp.speaker_words import DETERMINERS, OFFICE_NOUNS, SPEAKER_NOUNS

MAX_BACK = 3  # sentences read back for the antecedent

_MASCULINE = frozenset(("he", "он", "той", "ele"))
_FEMININE = frozenset(("she", "она", "тя", "ela"))
_EITHER = frozenset(("उन्होंने", "उसने"))  # Hindi marks no gender on the pronoun
SINGULAR_PRONOUNS = _MASCULINE | _FEMININE | _EITHER

# Words of a source that make it an institution, an outlet, a document or a group, not one person.
_NOT_A_PERSON = re.compile(
    r"(?i)(?<!\w)(?:kremlin|pentagon|white house|ministry|ministries|department|government|council|office|agency|"
    r"service|committee|commission|parliament|congress|court|army|police|party|union|alliance|press|statement|"
    r"release|report|study|survey|paper|newspaper|media|news|times|post|journal|website|channel|network|"
    r"reuters|bloomberg|tass|ria|afp|sputnik|interfax|bbc|cnn|"
    r"ministério|governo|conselho|agência|comissão|exército|polícia|partido|jornal|estudo|relatório|"
    r"кремъл|кремл\w*|министерств\w*|правителств\w*|съвет\w*|агенци\w*|служб\w*|комиси\w*|парламент\w*|"
    r"партия|партията|партии|медии|издани\w*|вестник\w*|газет\w*|доклад\w*|проучване\w*|исследовани\w*|"
    r"мвд|мид|мо|ссср|"
    r"मंत्रालय|सरकार|विभाग|एजेंसी|रिपोर्ट\w*|अध्ययन|आयोग|समिति|कार्यालय|पार्टी|संगठन|मीडिया|अखबार|खबर\w*|सूत्र\w*)(?!\w)")
# Singular offices in Russian, Bulgarian and Hindi (the English and Portuguese ones are `OFFICE_NOUNS`).
_OFFICES = frozenset((
    "министр", "министърът", "министъра", "президент", "президентът", "президента", "премьер", "премиерът",
    "премиера", "посол", "посланикът", "посланика", "глава", "губернатор", "кмет", "кметът", "мэр", "говорителят",
    "пресс-секретарь", "генсек", "генералният", "командующий", "командирът", "депутатът", "депутат",
    "मंत्री", "प्रधानमंत्री", "राष्ट्रपति", "प्रवक्ता", "राजदूत", "मुख्यमंत्री",
))
# The endings of Russian and Bulgarian surnames that show their gender.
_FEMININE_NAME = re.compile(r"(?:ова|ева|ёва|ина|ына|ая|ска)$")
_MASCULINE_NAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ий|ой|ски|ский)$")
_DEVANAGARI = re.compile("[\u0900-\u097F]")
_WORD = re.compile(r"[\w'’.-]+")


def antecedent(pronoun: str, earlier: Sequence[tuple[bool, str | None, str | None, str]], article: str = "",
               quoted: bool = False) -> str | None:
    """The named speaker a pronoun source stands for, or None. `earlier`: the sentences before the pronoun's,
    nearest first, each as (attributed, source as written, named source, sentence text); `article`: the whole
    text, where a capitalised first word is looked up (a name is capitalised inside sentences too); `quoted`:
    the pronoun stands inside quotation marks ('“He has said so before,” an aide said': someone's words)."""
    if quoted or pronoun.lower() not in SINGULAR_PRONOUNS:
        return None
    pronoun = pronoun.lower()
    for attributed, written, named, text in earlier[:MAX_BACK]:
        if named:
            return named if one_person(named) and _agrees(pronoun, named) and _same_script(pronoun, named) else None
        if written:
            return None  # another pronoun nobody resolved ("they", "it"): whose words these are is unclear
        if not attributed and _names_someone(text, article):
            return None  # "Ivo Marev said ... . Ana Lima disagreed. He added ...": who "he" is, the text does not say
    return None


def one_person(source: str) -> bool:
    """Whether a source reads as one person: a name (its last word capitalised) or a singular office, and
    nothing that names an institution, an outlet or a document."""
    words = _WORD.findall(source)
    if not words or len(words) > 6 or _NOT_A_PERSON.search(source) or (len(words) == 1 and source.isupper()):
        return False  # one word in capitals is an acronym: a body ("VWS"), not a person
    last = words[-1].lower()
    if last in OFFICE_NOUNS or last in _OFFICES:
        return True
    if not words[-1][:1].isupper():
        return bool(_DEVANAGARI.search(source))  # Devanagari writes names in no capitals
    if len(words) == 1 and source.lower().endswith("s") and source.lower().startswith(SPEAKER_NOUNS):
        return False  # "Officials", "Experts": a group
    # "the Valdor Herald": a determiner and capitalised words are a title, a body or an outlet, unless an office
    # is among them ("the French President Ivo Marev"; "o ministro Rui Matos" is a person)
    rest = words[1:]
    if words[0].lower() in DETERMINERS and all(w[:1].isupper() for w in rest):
        return any(w.lower() in OFFICE_NOUNS for w in rest)
    return True


def _same_script(pronoun: str, source: str) -> bool:
    """A source in Latin letters in a Cyrillic or Devanagari text is an outlet or a body ("пише Valdor
    Review"), or a run of words that is no name ("срещата на ООН COP28 Петров"): those languages write a
    person's name in their own script."""
    return pronoun.isascii() or not re.search(r"[A-Za-z]", source)


def _agrees(pronoun: str, source: str) -> bool:
    words = source.split()
    last = words[-1].lower()
    feminine = bool(_FEMININE_NAME.search(last)) or (words[0].lower() in ("a", "as") and len(words) > 1)
    masculine = bool(_MASCULINE_NAME.search(last)) or (words[0].lower() in ("o", "os") and len(words) > 1)
    if pronoun in _MASCULINE:
        return not (feminine and not masculine)
    if pronoun in _FEMININE:
        return not (masculine and not feminine)
    return True


def _names_someone(sentence: str, article: str) -> bool:
    """Whether a sentence names someone who could be "he": two capitalised words side by side ("Ana Lima", "the
    President Ivo Marev"), beyond a capitalised first word that opens any sentence ("In Valdor"), or a first word
    that the article also capitalises inside a sentence ("Marev has decided ...")."""
    if _DEVANAGARI.search(sentence):
        return True  # no capitals tell a name there: any sentence of the article's own may name someone
    words = _WORD.findall(sentence)
    caps = [w[:1].isupper() and not (k == 0 and w.lower() in _SENTENCE_OPENERS) for k, w in enumerate(words)]
    if any(a and b for a, b in pairwise(caps)):
        return True
    return bool(caps and caps[0] and article and re.search(r"[\w,]\s+" + re.escape(words[0]) + r"(?!\w)", article))


# Words that open a sentence in capitals without naming anyone.
_SENTENCE_OPENERS = DETERMINERS | frozenset((
    "but", "and", "yet", "so", "however", "still", "meanwhile", "later", "earlier", "then", "also", "in", "on",
    "at", "after", "before", "when", "while", "as", "if", "since", "for", "with", "without", "according", "there",
    "here", "we", "they", "he", "she", "i", "you", "what", "why", "how", "who", "no", "not", "all", "some", "many",
    "most", "such", "other", "another", "instead", "now", "today", "yesterday", "last", "next",
    "но", "и", "а", "в", "във", "на", "по", "след", "преди", "още", "също", "така", "сега", "днес", "вчера",
    "после", "потом", "затем", "также", "однако", "сегодня", "при", "с", "со", "от", "для",
    "mas", "e", "em", "no", "na", "ao", "após", "antes", "depois", "também", "ainda", "hoje", "ontem", "segundo",
))

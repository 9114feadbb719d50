"""Who "he" or "she" is when a pronoun reports words, or the subject a verb of saying leaves out ("Acrescentou que
...", '"...", disse.'): the speaker the article named just before.

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
- where a sentence of the article's own names someone before any source, the antecedent is the person that
  sentence opens on as its subject ("Ivo Marev toured the docks. He said ..."), if it names no one else, only
  quoted words stand between, and no speaker named earlier could be "he" too (`opening_subject`);
- the source must read as one person: a name or a singular office ("the foreign minister", "министърът"),
  not an institution, an outlet, an acronym or a document, written in the article's script, and where the name
  shows its gender (Russian and Bulgarian surnames, Portuguese articles) of the pronoun's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from narrascope.nlp.appositions import MAX_DESCRIPTION_WORDS
from narrascope.nlp.names import capitalised_inside
from narrascope.nlp.speaker_words import DETERMINERS, OFFICE_NOUNS, SPEAKER_NOUNS

MAX_BACK = 3  # sentences read back for the antecedent

_MASCULINE = frozenset(("he", "он", "той", "ele"))
_FEMININE = frozenset(("she", "она", "тя", "ela"))
_EITHER = frozenset(("उन्होंने", "उसने"))  # Hindi marks no gender on the pronoun
SINGULAR_PRONOUNS = _MASCULINE | _FEMININE | _EITHER
# Who "according to him", "по его словам", "по думите ѝ" name, as the subject pronoun of their gender.
_OBLIQUE = {"him": "he", "her": "she", "него": "той", "нея": "тя", "по его словам": "он",
            "по ее словам": "она", "по её словам": "она", "по думите му": "той", "по думите ѝ": "тя", "по думите й": "тя",
            "o mesmo": "ele", "a mesma": "ela"}  # "Segundo a mesma, ...": according to her
# ... of which those that may stand for a thing too ("Иван Петров представи доклада. Според него ...": the report's
# words, or his): only a speaker named before resolves them, not a sentence's subject
_THINGS_TOO = frozenset(("него", "нея", "o mesmo", "a mesma"))


def speaker_pronoun(source: str | None, cue: str | None, sentence: str = "") -> str | None:
    """The singular pronoun that stands for a sentence's speaker, as a subject ("he" for "according to him",
    "он" for "по его словам", whose source is the cue itself; `DROPPED` for a subject that the verb opening or
    closing `sentence` leaves out, "Acrescentou que ..."), or None."""
    word = (source or "").lower()
    if word in SINGULAR_PRONOUNS:
        return word
    if source:
        return word if word in _OBLIQUE else None
    if cue and (form := _dropped_subject(sentence, cue)):
        return form
    return (cue or "").lower() if (cue or "").lower() in _OBLIQUE else None


def _dropped_subject(sentence: str, cue: str) -> str | None:
    """The subject a verb of saying in the third person singular leaves out, as Portuguese, Bulgarian and Russian
    may write after naming the speaker: `DROPPED`, or "он"/"она" where the Russian past tense shows the gender;
    where the verb opens the sentence ("Acrescentou que ...", "Добави, че ...", after a short opening phrase: "No
    entanto, acrescentou que ...") or closes it after the quote ('"...", acrescentou.'). None for a reflexive or
    impersonal form ("Acredita-se que", "Отмечается"), a first person ("Считам, че") or a plural ("Казват, че")."""
    lead = sentence.lstrip(_OPENING_MARKS)
    opener = _OPENER.match(lead)
    after = lead[opener.end() + len(cue) :].split()[:1] if opener else []  # "As pontes fecharam, disse o chefe"
    subject_after = bool(after) and (after[0] in DETERMINERS or _LATIN_CAPITAL.match(after[0]) is not None)
    at = [0] + ([opener.end()] if opener and len(opener.group().split()) <= _OPENER_WORDS and not subject_after else [])
    closing = _CLOSING_VERB.search(sentence) or _closing_verb_then_phrase(sentence)
    for word, after in [(lead[k : k + len(cue)], lead[k + len(cue) : k + len(cue) + 1]) for k in at] + (
            [(closing.group(1), "")] if closing else []):
        if word.lower() != cue.lower() or after == "-":
            continue
        if (russian := _RUSSIAN_PAST.fullmatch(word.lower())) is not None:
            return "он" if not russian.group(1) else "она"
        if _THIRD_PERSON.fullmatch(word.lower()) or (word[:1].isupper() and _BULGARIAN_AORIST.fullmatch(word)):
            return DROPPED
    return None


# A verb in the third person singular: Portuguese ("acrescentou", "disse", "afirma"; not "disseram", "afirmam"), a
# Bulgarian aorist opening its sentence ("Добави", "Каза", "Подчерта"), a Russian past tense ("добавил", "добавила")
_THIRD_PERSON = re.compile(r"[a-zà-ú]+(?:ou|eu|iu|a|e)|diz|fez|quis|pôs")
_BULGARIAN_AORIST = re.compile(r"[А-Я][а-я]+(?:ви|чи|ши|за|та|ня|ди|ри)")
_RUSSIAN_PAST = re.compile(r"[а-яё]+[аиеуя]л(а)?")
_OPENER = re.compile(r"[^\W\d_][^,.;:!?\"“”«»]{0,40}?,\s+")  # "No entanto, ", "Ao mesmo tempo, "
_OPENER_WORDS = 4
_LATIN_CAPITAL = re.compile("[A-ZÀ-Ú]")  # a name after the verb, as a determiner, opens its subject: none dropped
_CLOSING_VERB = re.compile(r"[,”\"»]\s*[-–—]?\s*([^\W\d_]+)(?:\s+(?:ainda|também|já|depois|então|ещё|еще|още))?"
                           r"\s*[.!?]?\s*$")  # '"...", acrescentou.', '"...", disse ainda.'
_OPENING_MARKS = " \t\"“”«»„-–—"
# ... or after the quote with a phrase of manner, place or source after it ('"...", acrescentou, citado pela agência.',
# '"...", disse, lembrando que ...'), where no subject follows the phrase ('"...", disse, no cais, a ministra')
_CLOSING_VERB_THEN = re.compile(r"[”\"»]\s*,\s*([^\W\d_]+),\s+(?:[a-zà-ú]+ndo|citad[oa]s?|numa?|nas?|nos?|em|durante|após"
                                r"|depois)\b[^,;.]*(?:,\s+(\S+))?")


def _closing_verb_then_phrase(sentence: str) -> re.Match | None:
    """The verb that closes a quote before such a phrase, where no subject follows the phrase."""
    found = _CLOSING_VERB_THEN.search(sentence)
    return found if found is not None and (found.group(2) or "").lower() not in DETERMINERS else None


DROPPED = "(dropped subject)"  # stands for the speaker named before, of either gender and any script
UNNAMED = "(someone not named)"  # a report whose speaker was not found but whose sentence names someone

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
_CYRILLIC = re.compile("[\u0400-\u04FF]")
_WORD = re.compile(r"[\w'’.-]+")
_TOKEN = re.compile(r"[\w'’-]+\.?|[,;:()\"“”«»„–—]")
_JOINERS = frozenset(("and", "or", "with", "e", "ou", "com", "и", "или", "с", "със"))


def antecedent(pronoun: str, earlier: Sequence[tuple[bool, str | None, str | None, str]], article: str = "",
               quoted: bool = False) -> str | None:
    """The named speaker a pronoun source stands for, or None. `earlier`: the sentences before the pronoun's,
    nearest first, each as (attributed, source as written, named source, sentence text); `article`: the whole
    text, where a capitalised first word is looked up (a name is capitalised inside sentences too); `quoted`:
    the pronoun stands inside quotation marks ('“He has said so before,” an aide said': someone's words)."""
    as_written, pronoun = pronoun.lower(), _OBLIQUE.get(pronoun.lower(), pronoun.lower())
    if quoted or (pronoun not in SINGULAR_PRONOUNS and pronoun != DROPPED):
        return None
    for k, (attributed, written, named, text) in enumerate(earlier[:MAX_BACK]):
        if named:
            return named if _fits(pronoun, named) else None
        if written == UNNAMED and _same_speaker_further(earlier[k + 1 : MAX_BACK], text):
            continue  # "Ivo Marev said ... . “...”, said the port's director Ivo Marev Sr. He added ...": the same one
        if written:  # another pronoun nobody resolved ("they", "it"), or someone not named: whose words are unclear
            return None
        if not attributed and _names_someone(text, article):
            # "Ivo Marev left the talks early. He said ...": the one person the sentence names, as its subject, when
            # only quoted words stand between, and no speaker named before could be "he" too ("Ana Lima said ... .
            # Ivo Marev left. He added ...")
            quotes_only = all(a and not _capitalised_after_first(t) for a, _, _, t in earlier[:k])
            who = opening_subject(text, article) if quotes_only and as_written not in _THINGS_TOO else None
            if who and _fits(pronoun, who) and not any(
                    n and n.split()[-1] != who.split()[-1] for _, _, n, _ in earlier[k + 1 : MAX_BACK]):
                return who
            return None  # "Ivo Marev said ... . Ana Lima and Rui Matos disagreed. He added ...": the text does not say
    return None


_OF_BEFORE = re.compile(r"(?<!\w)(?:of|de|da|do|das|dos|на|от|в)\s+$", re.IGNORECASE)


def _same_speaker_further(further: Sequence[tuple[bool, str | None, str | None, str]], sentence: str) -> bool:
    """Whether the nearest named speaker further back is named (by the last word of the name) in `sentence`."""
    named = next((n for _, _, n, _ in further if n), None)
    found = re.search(r"(?<!\w)" + re.escape(named.split()[-1]) + r"(?!\w)", sentence) if named else None
    return found is not None and not _OF_BEFORE.search(sentence, 0, found.start())  # not "the army of Valdor"


def _fits(pronoun: str, source: str) -> bool:
    return one_person(source) and _agrees(pronoun, source) and _same_script(pronoun, source)


def opening_subject(sentence: str, article: str = "") -> str | None:
    """The person a sentence of the article's own opens on as its subject, when it names no one else: "Ivo Marev
    left the talks early", "Earlier, Ana Lima, the port's director, met the crews", "Премиерът Иван Петров замина";
    the name without its office ("Secretary General Ivo Marev" is Ivo Marev). A name of one word must be one the
    article capitalises inside sentences too (a first word in capitals alone may be any word)."""
    toks = [(m.group(), m.start()) for m in _TOKEN.finditer(sentence)]
    i = 0
    while i < min(2, len(toks)) and toks[i][0].lower() in _SENTENCE_OPENERS - DETERMINERS:
        i += 1
    i += int(i > 0 and i < len(toks) and toks[i][0] == ",")
    start = i
    while i < len(toks) and (_capitalised(toks[i][0]) or (
            i > start and _office(toks[i][0]) and i + 1 < len(toks) and _capitalised(toks[i + 1][0]))):
        i += 1
    run = [w for w, _ in toks[start:i]]
    offices = [k for k, w in enumerate(run) if _office(w)]
    name = run[offices[-1] + 1 :] if offices else run
    opens = not offices and start == 0  # the name is the sentence's first word: capitals may only mark the opening
    if not name or (opens and (len(name) == 1 or _CYRILLIC.match(name[0])) and not capitalised_inside(name[0], article)):
        return None  # in Russian and Bulgarian the subject may follow its object: "Австралийцев Такер ..." is no name
    if any(re.search(r"(?<![\w-])" + re.escape(w.lower()) + r"(?![\w-])", article) for w in name):
        return None  # a word the article also writes in lower case is no name ("Electric vehicles", "Специалната")
    if i < len(toks) and toks[i][0] == ",":  # "Ana Lima, the port's director, met ...": a description
        close = next((j for j in range(i + 1, min(len(toks), i + 2 + MAX_DESCRIPTION_WORDS)) if toks[j][0] == ","), None)
        if close is None:
            return None
        i = close + 1
    if i >= len(toks) or not toks[i][0][:1].islower() or toks[i][0].lower() in _JOINERS:
        return None  # no verb after the name: a heading, or two subjects ("Ivo Marev and Ana Lima met")
    rest = [w for w, _ in toks[i:] if w[:1].isalpha()]
    if any(_capitalised(a) and _capitalised(b) for a, b in pairwise(rest)):
        return None  # someone else named: "he" may be that one
    return " ".join(name)


def _capitalised_after_first(sentence: str) -> bool:
    """Whether a sentence has a capitalised word after its first ("... , Zemfira said"): it may name someone."""
    words = [m.group() for m in _TOKEN.finditer(sentence) if m.group()[:1].isalpha()]
    return any(_capitalised(w) for w in words[1:])


def _capitalised(word: str) -> bool:
    """A word in capitals alone ("NATO", "ВВС") is an acronym, a body's, not a name's; an initial ("J.") is."""
    return word[:1].isupper() and (len(word.rstrip(".")) == 1 or not word.isupper())


def _office(word: str) -> bool:
    w = word.lower()
    return w in OFFICE_NOUNS or w in _OFFICES or w.startswith(SPEAKER_NOUNS)


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
    return bool(caps and caps[0] and capitalised_inside(words[0], article))


# Words that open a sentence in capitals without naming anyone.
_SENTENCE_OPENERS = DETERMINERS | frozenset((
    "but", "and", "yet", "even", "so", "however", "still", "meanwhile", "later", "earlier", "then", "also", "in", "on",
    "at", "after", "before", "when", "while", "as", "if", "since", "for", "with", "without", "according", "there",
    "here", "we", "they", "he", "she", "i", "you", "what", "why", "how", "who", "no", "not", "all", "some", "many",
    "most", "such", "other", "another", "instead", "now", "today", "yesterday", "last", "next",
    "но", "и", "а", "в", "във", "на", "по", "след", "преди", "още", "също", "така", "сега", "днес", "вчера",
    "после", "потом", "затем", "также", "однако", "сегодня", "при", "с", "со", "от", "для",
    "mas", "e", "em", "no", "na", "ao", "após", "antes", "depois", "também", "ainda", "hoje", "ontem", "segundo",
))

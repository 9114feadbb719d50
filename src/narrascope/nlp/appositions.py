"""Who speaks, where the speaker stands after a reporting verb or in apposition to a description: "O ministro,
Sergei Lavrov, disse ..." (a subject and its description before the verb), "..., disse o porta-voz do Kremlin,
Dmitry Peskov." (the description after the verb, then the name), "..., заяви пред АФП Александър Тудор" (whom
it was said to, then the speaker). `nlp.attribution` asks these where its verb's speaker is; `nlp.speakers`
reads the subject before a verb."""
from __future__ import annotations

import re
from itertools import pairwise

from narrascope.nlp.names import closing_name_run
from narrascope.nlp.speaker_words import (
    OFFICE_NOUNS,
    PRONOUNS,
    SPEAKER_NOUNS,
    SUBJECT_RELATIVES,
    is_role_form,
)
from narrascope.nlp.speakers import WORD
from narrascope.nlp.text import TITLE_ABBREVIATIONS

_CLAUSE_OPENERS = PRONOUNS | {"that", "что", "чтобы", "че", "que", "कि"}
# Quotation marks; an apostrophe between letters is a possessive or an elision ("California’s governor"), not one.
_QUOTE_MARKS = re.compile("[\"“”„«»]|(?<!\\w)['‘’]|['‘’](?!\\w)")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
MAX_APPOSITION_WORDS = 12  # "Subject, apposition, verb": at most so many words before the verb
# ... of which the description may have this many when the other part is a name ("Ivo Marev, an old friend of the
# mayor and the head of the Valdor port authority, said"; the name is at most four words)
MAX_DESCRIPTION_WORDS = 14


def apposition_subject(before: str) -> str | None:
    """The name in "A, B," before a verb when one of A and B is a name (each word capitalised, at most four)
    and the other its description ("California's governor, Gavin Newsom,"), else None; never with a quotation
    mark in it (""Quote," said X"). A longer description, with commas of its own: `described_subject`."""
    parts = [p.strip() for p in before.split(",")]
    adverbs = all(w.lower() in _ADVERBS_BEFORE_VERB for w in WORD.findall(parts[-1]))  # "X, Y, também afirmou"
    if len(parts) != 3 or not adverbs or _QUOTE_MARKS.search(before) or not all(parts[:2]):
        return described_subject(before)
    names = [p for p in parts[:2] if is_name_phrase(p)]
    if len(names) != 1:
        return None
    other = WORD.findall(parts[1] if names[0] == parts[0] else parts[0])
    if len(other) > MAX_DESCRIPTION_WORDS:
        return None
    # "Жалко, че ...", "Значит, им дана команда, ...": a clause, not a description of the name; a relative clause
    # describes it ("Петров, който ръководи пристанището, смята ...")
    opener = other[0].lower() if other else ""
    # Portuguese "que" after a full name is its relative pronoun ("Rui Matos, que visitou o porto, disse ...")
    relative = opener in SUBJECT_RELATIVES or opener == "que" and names[0] == parts[0] and len(parts[0].split()) >= 2
    return None if opener in _CLAUSE_OPENERS and not relative else names[0]


def described_subject(before: str) -> str | None:
    """The full name an English or Portuguese sentence opens on (after a short opening word: "However,",
    "Anteriormente,"), or the name after its role ("the head of the port, Ivo Marev,"), where a description with
    commas of its own follows and closes with a comma before the verb, at most a few adverbs between ("Ivo Marev, who
    heads the port, which ..., recently said", "Ana Lima, speaking to reporters in Valdor, said"); None otherwise: no
    dash (a dateline's "VALDOR, May 2 — ..."), no quotation mark (a claim before "said X"), no name in capitals
    alone or of one word (a claim's first word), no form of "be" before the verb ("X, ..., is accused of") or
    opening a part (`_FINITE`: the sentence opens on a claim, "X, ..., was hit, said a source")."""
    text = _OPENING_ADVERB.sub("", before, count=1)
    parts = [p.strip() for p in text.split(",")]
    if (len(parts) < 4 or any(_FINITE.match(p) for p in parts[1:-1]) or "—" in text or "–" in text
            or _QUOTE_MARKS.search(text) or _CYRILLIC.search(text) or len(WORD.findall(text)) > MAX_DESCRIBED_WORDS
            or not all(w.lower() in _ADVERBS_BEFORE_VERB for w in WORD.findall(parts[-1]))):
        return None
    first, second = parts[0], parts[1]
    if _full_name(first):
        return first
    role = [w.lower() for w in WORD.findall(first)]
    if role and role[0] in _ARTICLES and any(_is_role_word(w) for w in role[1:3]) and _full_name(second):
        return second  # "the head of the port, Ivo Marev, ...", "o porta-voz da câmara, Rui Matos, ..."
    return None


def _full_name(part: str) -> bool:
    """Two to four capitalised words, not in capitals alone, not opening on a function word ("In Valdor")."""
    words = WORD.findall(part)
    return (2 <= len(words) and is_name_phrase(part) and not part.isupper()
            and words[0].lower() not in _NOT_OPENING_A_NAME)


def _is_role_word(word: str) -> bool:
    bare = word.split("-", 1)[1] if word.startswith(("vice-", "ex-")) else word  # "vice-ministro", "ex-presidente"
    return bare.startswith(SPEAKER_NOUNS) or bare in OFFICE_NOUNS or word in OFFICE_NOUNS


# Words that open a sentence before its subject and a comma ("However, Ivo Marev, ..., said")
_OPENING_ADVERB = re.compile(r"^\s*(?:However|Meanwhile|Instead|Indeed|Notably|Earlier|Later|Separately|Previously|Moreover"
                             r"|Anteriormente|Entretanto|Contudo|Porém|Todavia|Ainda assim|Por outro lado|No entanto"
                             r"|Além disso|Por sua vez),\s+")
# What may stand between the description's closing comma and the verb ("..., recently said", "..., has also warned")
_ADVERBS_BEFORE_VERB = frozenset(("has", "have", "had", "also", "recently", "repeatedly", "already", "previously",
                                  "earlier", "later", "then", "now", "once", "again", "publicly", "however", "further",
                                  "também", "já", "ainda", "ontem", "hoje"))
_NOT_OPENING_A_NAME = frozenset(("in", "on", "at", "for", "with", "after", "before", "during", "from", "by", "as", "but",
                                 "and", "when", "while", "if", "since", "em", "no", "na", "nos", "nas", "com", "para",
                                 "após", "durante", "segundo", "mas", "e", "quando", "the", "a", "an", "o", "os", "as",
                                 "this", "that", "these", "those", "it", "he", "she", "they", "we"))
MAX_DESCRIBED_WORDS = 45
# A part that opens on a form of "be", "have" or a modal is a predicate, not a description: the sentence opens on a
# claim ("Ivo Marev, o ministro, é quem mais visita o porto, disse uma fonte.")
_FINITE = re.compile(r"(?i)(?:is|was|are|were|has|have|had|will|would|can|could|é|foi|são|era|eram|está|estão|tem|têm"
                     r"|vai|vão|será|serão)\b")


_POST_NOMINALS = frozenset(("PhD", "Ph.D", "Jr", "Sr", "MD", "MBE", "OBE"))  # "says Dr. Ron Ross, PhD."


def closing_name(sentence: str, pos: int) -> str:
    """The name that closes "…, disse o porta-voz do Kremlin, Dmitry Peskov.": the description after the verb
    and the name in apposition to it, the sentence's last words or before where it was said (else "")."""
    head, comma, last = sentence[pos:].rstrip().rstrip(".").rpartition(",")
    last = last.strip()
    parts = sentence[pos:].rstrip().rstrip(".").split(",")
    if len(parts) >= 3 and (WORD.findall(parts[2])[:1] or [""])[0].lower() in _WHERE_OR_WHEN | _ADDRESSEE_PREPOSITIONS:
        head, last = parts[0], parts[1].strip()  # "..., disse a presidente do conselho, Ana Lima, no seu blogue."
    first = WORD.findall(head)[:1]
    if (not comma or not first or first[0].lower() in PRONOUNS or _QUOTE_MARKS.search(head)
            or not is_name_phrase(last) or last.rstrip(".") in _POST_NOMINALS):
        return ""  # "said they had been given approval to create a battalion, Espanola": the verb's object
    return last if len(WORD.findall(head)) <= MAX_APPOSITION_WORDS else ""


def is_name_phrase(phrase: str) -> bool:
    """Capitalised words that read as a name: at most four, or six with an office among them ("Port
    Authority Secretary General Ivo Marev")."""
    words = WORD.findall(phrase)
    if not words or not all(w[:1].isupper() for w in words):
        return False
    return len(words) <= 4 or (len(words) <= 6 and any(w.lower() in OFFICE_NOUNS for w in words[:-1]))


# Prepositions that open whom the words were said to or where ("disse o político à Sputnik", "disse aos
# jornalistas o ministro", "afirmou Lukashenko em entrevista"), not part of who said them.
_ADDRESSEE_PREPOSITIONS = frozenset(("à", "às", "ao", "aos", "perante", "em", "numa", "num", "durante", "пред",
                                     "during", "at"))
# ... and those that open where, when the next word is no name ("Путин в реч", "Biden in a statement"; not "посол
# РФ в США Анатолий Антонов")
_PLACE_PREPOSITIONS = frozenset(("in", "в", "във"))
# A connector before the first word of a name run that ends a role: that word is the role's complement ("говорителят
# на Кремъл Дмитрий Песков", "o presidente do Conselho Europeu").
_COMPLEMENT_CONNECTORS = frozenset(("на", "of", "da", "do", "das", "dos", "de", "от", "из", "в"))
# Whom Russian speakers speak to, in the dative ("заявил журналистам Дмитрий Песков"): one word, then the speaker.
_ADDRESSEES = frozenset(("журналистам", "репортерам", "корреспондентам", "корреспонденту", "изданию", "агентству",
                         "телеканалу", "газете", "журналисти", "журналистите"))
_ARTICLES = frozenset(("o", "a", "os", "as", "the"))
# Agencies a Russian speaker talks to right after the verb, in the dative, without a preposition (lower case, by word).
_AGENCIES = [a.split() for a in ("риа новости", "тасс", "интерфаксу", "известиям", "«известиям»", "rt", "sputnik", "рбк",
                                 "газете.ru", "«газете.ru»", "news.ru", "lenta.ru", "ura.ru")]


def without_addressee(words: str) -> str:
    """The speaker after a verb without whom it spoke to: "o político à Sputnik" -> "o político", "à Sputnik
    Maria Zakharova" -> "Maria Zakharova" (an outlet's one word, then the name), "aos jornalistas" -> "";
    "" where what is left reads as the verb's object ("explicou a situação aos senadores")."""
    found = words.split()
    agency = next((len(a) for a in _AGENCIES if [w.lower() for w in found[: len(a)]] == a and len(found) > len(a)), 0)
    found = found[agency:]  # "сказал ТАСС сенатор Иван Петров": the agency it spoke to, then the speaker
    while found and found[0].lower() in _ADDRESSEES:
        found = found[1:]
    if len(found) > 2 and found[0].lower() in _ADDRESSEE_PREPOSITIONS and found[1].lower() in _ADDRESSEES:
        found = found[2:]  # "пред журналисти министърът на отбраната"
    k = next((k for k in range(len(found)) if _opens_addressee(found, k)), None)
    if k is None:
        return " ".join(found)
    if k == 0:  # "à (agência) Sputnik Maria Zakharova": the outlet's lower-case words and name, then the speaker
        j = next((j for j in range(1, len(found)) if found[j][:1].isupper()), len(found))
        kept = found[j + 1 :]
        return " ".join(kept) if len(kept) >= 2 and all(r[:1].isupper() for r in kept) else ""
    kept = found[:k]
    return " ".join(kept) if _names_a_speaker(kept) else ""


def _opens_addressee(found: list[str], k: int) -> bool:
    """Whether found[k] opens whom or where the words were said to: a preposition of `_ADDRESSEE_PREPOSITIONS`, one
    of `_PLACE_PREPOSITIONS` before a word in lower case ("в реч"; not "в США Анатолий Антонов"), or Bulgarian "по"
    before a name (on air: "посочи д-р Петров по БНТ")."""
    w = found[k].lower()
    if w in _ADDRESSEE_PREPOSITIONS:
        return True
    after = found[k + 1][:1] if 0 < k < len(found) - 1 else ""
    return bool(after) and ((w in _PLACE_PREPOSITIONS and not after.isupper()) or (w == "по" and after.isupper()))


_GLUED_SENTENCE = re.compile(r"(?<=[.!?])(?=[^\W\d_])")
_MARKS = ".,;:!?\"“”«»„'"
# Words that may follow a speaking pronoun after its verb: where, to whom, when ("написал он в блоге").
_AFTER_PRONOUN = frozenset(("в", "във", "на", "за", "пред", "по-късно", "позже", "потом", "снова", "отново", "em",
                            "no", "na", "depois", "ainda"))
# Adverbs between a verb and its speaker ("добави още министърът", "acrescentou ainda o governador").
_ADVERBS_AFTER_VERB = frozenset(("още", "също", "отново", "рязко", "ainda", "também", "já", "depois", "также", "тоже",
                                 "ещё", "еще", "снова", "вновь", "also", "again", "later", "too"))
MAX_SPEAKER_WORDS = 4  # a longer speaker after a verb is a role and a name: the name alone is kept
_AFFILIATIONS = frozenset(("от", "из", "from", "of", "at"))  # after a name: where the speaker works
# Where or when it was said, after the speaker's name ("disse Ivo Marev na inauguração da feira", "заяви Иван Петров по
# време на заседанието", "said Ana Lima at a briefing"): no part of the speaker
_WHERE_OR_WHEN = frozenset(("na", "no", "nas", "nos", "num", "numa", "em", "durante", "através", "após", "на", "в", "във",
                            "по", "при", "пред", "след", "во", "после", "перед", "in", "on", "during", "via", "after",
                            "before", "while", "when", "today", "yesterday", "hoje", "ontem", "днес", "вчера", "сегодня",
                            "со"))  # "Иван Петров со ссылкой на источники": whom he cites
_NAME_AFTER = 3  # "глава комитета по транспорту Иван Петров": the name a role's complement runs on to
MAX_BODY_WORDS = 7  # "..., заявиха от обсерваторията в северната част на Норвале": a body after "от"
_BG_PLURAL = ("ха", "ат", "ят")  # "съобщиха", "казват", "добавят"; not the participle of "цитиран от X" (cited by)
_BG_DEFINITE = ("та", "ът", "ят", "то", "те")  # a Bulgarian noun with its article: "организацията", "ведомството"


def speaker_after_verb(words: str, verb: str = "") -> str:
    """Who speaks in "CLAUSE, said X" from the words after the verb (up to the next comma): a name, a role or a
    pronoun without whom it spoke to ("заяви пред АФП Александър Тудор" -> "Александър Тудор", "сказал он");
    of a role and a name longer than `MAX_SPEAKER_WORDS`, the name ("ръководителят на СМО Петери Таалас" ->
    "Петери Таалас"); the body after a Bulgarian plural `verb` and "от" ("съобщиха от министерството"); "" for an
    adverb or an object ("said earlier", "explicou a situação")."""
    words = _GLUED_SENTENCE.split(words, 1)[0]  # "дипломат.Он подчеркнул": a sentence glued on
    raw = without_addressee(words).split()
    quoted = {_without_marks(w) for w in raw if w.rstrip(",.;")[-1:] in "\"»”"}  # a party's or a paper's name
    found = [w for w in (_without_marks(w) for w in raw) if w]
    if (verb.endswith(_BG_PLURAL) and len(found) >= 2 and found[0].lower() == "от" and len(found) <= MAX_BODY_WORDS + 1
            and (found[1][:1].isupper() or found[1].lower().endswith(_BG_DEFINITE))):
        return " ".join(found[1:])  # "..., съобщиха от министерството" (they said from it): the body speaks
    cut = next((k for k in range(2, len(found)) if found[k].lower() in _AFFILIATIONS and found[k - 1][:1].isupper()), 0)
    found = found[:cut] if cut else found  # "професор Иван Петров от университета в Норвале": where he works
    cut = next((k for k in range(1, len(found) - 1) if found[k] in _WHERE_OR_WHEN and found[k - 1][:1].isupper()
                and not _name_in_script(found[k + 1 : k + 1 + _NAME_AFTER], found[k - 1])
                and not _posted_to(found[k + 1], found[k - 1])), 0)
    found = found[:cut] if cut else found  # "disse Ivo Marev na inauguração da feira", "заяви Петров по време на ..."
    while found and found[0].lower() in _ADVERBS_AFTER_VERB:
        found = found[1:]  # "добави още министърът", "disse ainda o governador": the minister, the governor
    if not found:
        return ""
    if found[0].lower() in PRONOUNS and found[0].lower() != "я" and not found[0].isascii() and (
            len(found) == 1 or found[1].lower() in _AFTER_PRONOUN):
        # "написал он в блоге", "каза тя пред екипа": he, she (not "смятат я за грешка", where "я" is "it")
        return found[0]
    if len(found) <= MAX_SPEAKER_WORDS:
        return " ".join(found) if _names_a_speaker(found) or found[0].lower() in PRONOUNS else ""
    run = closing_name_run(found)
    if 2 <= len(run) <= 3 and len(run) < len(found) and _role_in_nominative(found[-len(run) - 1]):
        return " ".join(run)  # "said University of Valdor animal researcher Ana Lima": the name after its role
    lead = next((w.lower() for w in found[:3] if w.lower().startswith(SPEAKER_NOUNS)), "")
    if (not _names_a_speaker(found[:3]) or found[0][:1].isupper()  # "известный американский экономист ... Иван Петров"
            or lead.endswith(_PLURAL_OBJECT)):  # "назвал нападение на рыбаков ... журналистов": whom, not who
        return ""
    # the name that ends the role: capitalised words, not an acronym ("СМО"), in the script of its last word
    # ("анализаторът на The National Interest Брандън Уайчерт")
    run = closing_name_run(found)
    if len(run) < len(found) and found[-len(run) - 1].lower() in _COMPLEMENT_CONNECTORS:
        run = run[1:]
    while run and run[0] in quoted:  # "депутат от блока «Заря» Иван Петров": not the bloc's name
        run = run[1:]
    if 2 <= len(run) <= 3:
        return " ".join(run)
    # no name after the role: the role itself, short and opening on its article ("o ministro do Mar de Valdor"),
    # without where it was said ("informou a câmara na sua página")
    where = next((k for k in range(2, len(found)) if found[k] in _WHERE_OR_WHEN), len(found))
    role = found[:where]
    return " ".join(role) if len(role) <= MAX_ROLE_ALONE and role[0] in _ARTICLES and _is_role_word(role[1]) else ""


def _name_in_script(words: list[str], like: str) -> bool:
    """Whether two capitalised words side by side, in the script of `like`, stand among `words` (a name goes on
    after the preposition: "посол Валдории в Норвалии Иван Петров"; not "в YouTube канала Valdor Talk" after a Cyrillic name)."""
    cyrillic = bool(_CYRILLIC.match(like))
    return any(a[:1].isupper() and b[:1].isupper() and bool(_CYRILLIC.match(a)) == cyrillic == bool(_CYRILLIC.match(b))
               for a, b in pairwise(words))


def _posted_to(word: str, name: str) -> bool:
    """Whether the capitalised `word` after a preposition names where the one before serves ("посол Валдории в
    Норвалии"), in the script of `name` (a Latin word after a Cyrillic name is a platform: "в YouTube")."""
    return word[:1].isupper() and bool(_CYRILLIC.match(word)) == bool(_CYRILLIC.match(name))


def after_interposed(sentence: str, pos: int) -> int:
    """Where the speaker starts after a verb at `pos` that a phrase of when or where follows between commas ("disse,
    no sábado, o presidente da câmara", "said, on the quay, Ana Lima"): after the phrase; else `pos`."""
    m = _INTERPOSED.match(sentence, pos)
    return m.end() if m else pos


_INTERPOSED = re.compile(r",\s+(?:na|no|nas|nos|numa|num|em|durante|após|esta|este|ontem|hoje|on|in|at|during|earlier"
                         r"|later|на|в|във|по|вчера|днес|сегодня)\s[^,;.:\"“”«»]{1,50},\s+(?=(?:o|a|os|as|the)\s|[A-ZÀ-ÚА-ЯЁ])")


def _role_in_nominative(word: str) -> bool:
    """A role in lower case as the subject names it ("researcher", "говорителят", "представитель"), not in another
    case ("режима президента Валдории Ивана Петрова": the president's regime, the verb's object)."""
    return word[:1].islower() and is_role_form(word, nominative=True)


def _without_marks(word: str) -> str:
    """A word without the punctuation around it, but a title with its stop ("полк.", "Dr.")."""
    bare = word.strip(_MARKS)
    return bare + "." if bare in TITLE_ABBREVIATIONS and word.rstrip(_MARKS[1:]).endswith(".") else bare


def _names_a_speaker(words: list[str]) -> bool:
    """A name ("Borrell") or a role ("fontes russas", "o porta-voz do Pentágono")."""
    if (words[0].lower() in _ARTICLES or words[0].rstrip(".") in TITLE_ABBREVIATIONS) and len(words) > 1:
        words = words[1:]  # "o porta-voz", "д-р Симеонов", "полк. Петров"
    if words[0][:1].isupper():
        return True
    # a role after a word or two that qualify it ("бывший глава МВД", "the former minister", "российский политолог")
    role = next((k for k, w in enumerate(words[:3]) if w.lower().startswith(SPEAKER_NOUNS)), None)
    return role is not None and all(w.isalpha() and w.islower() for w in words[:role])


_PLURAL_OBJECT = ("ок", "ам", "ами", "ах", "ям", "ями", "ях")  # Russian plural endings of an object, not a subject
MAX_ROLE_ALONE = 7  # words of a role named after the verb without a name ("disse o ministro do Mar de Valdor")
MAX_ROLE_WORDS = 8  # "presidente executivo da agência estatal de águas": a role after a name, before its comma


def after_role(sentence: str, pos: int, name: str) -> int:
    """Where the words after `pos` go on once the role that describes `name` before them is skipped: in
    "Segundo Rui Costa, porta-voz da agência, as obras ..." (`pos` after the name's comma), the start of "as
    obras"; else `pos`. Only after a name (not "По думите му, учените са ..."), and the role opens on a
    speaker's noun ("porta-voz", "a professor") and ends at a comma within `MAX_ROLE_WORDS` words; a relative
    clause about the name ("who was speaking to ...") is passed over too."""
    comma = sentence.find(",", pos)
    words = sentence[pos:comma].split() if comma > 0 else []
    if (not 0 < len(words) <= MAX_APPOSITION_WORDS or len(sentence[comma + 1 :].split()) < 4
            or not is_name_phrase(name)):
        return pos
    if words[0].lower() in _WHO:  # "According to Gates, who was speaking to ..., wind ... might be"
        return comma + 1
    head = words[1] if words[0].lower() in _ARTICLES and len(words) > 1 else words[0]
    role = head.islower() and (head.startswith(SPEAKER_NOUNS) or head in OFFICE_NOUNS) and len(words) <= MAX_ROLE_WORDS
    return comma + 1 if role else pos


_WHO = frozenset(("who", "que", "quem", "който", "която", "които", "который", "которая", "которые"))


def name_then_role(before: str, after: str = "") -> tuple[int, str] | None:
    """(where the claim ends in `before`, the name) in "CLAIM, Ana Lima, a spokesperson for the council, said"
    or "CLAIM, Valdoria's envoy to the UN, Ivo Marev, said", `before` being the sentence up to the verb and `after`
    the words after it: a name and its description between the last three commas (a quote's closing mark before
    them), the description opening on an article, a possessive or a speaker's noun ("the head of ...", "chief
    executive of ..."); else None. The claim ends at -1 where the words are after the verb: after an adverbial
    opening ("In a letter to the Valdor Post, Ivo Marev, an adviser, said the ..."), or where the description
    comes first and more than a few words follow the verb ("Na quarta-feira, o Presidente, Ivo Marev, acusou a
    Norvália de ...")."""
    head = before.rstrip(" ,")
    last = head.rfind(",")
    prev = head.rfind(",", 0, last) if last > 0 else -1
    first_part, second_part = head[prev + 1 : last].strip().lstrip("”\"»’' "), head[last + 1 :].strip()
    if prev < 0:
        return None
    if is_name_phrase(first_part) and _describes(second_part):
        name, goes_on = first_part, False
    elif (is_name_phrase(second_part) and not _QUOTE_MARKS.search(second_part) and _describes(first_part)
          and (first_part.split()[0].lower() in _ARTICLES | {"an"} or first_part.split()[0].endswith(("'s", "’s")))):
        # the description (opening on an article or a possessive), then the name; what follows the verb is what
        # was said where it is more than where and when, and no quote closes before the description
        quoted = head[:prev].rstrip().endswith(("”", '"', "»")) or head[prev + 1 :].lstrip().startswith(("”", '"', "»"))
        name, goes_on = second_part, len(WORD.findall(after)) > MAX_TAIL_WORDS and not quoted
    else:
        return None
    first = head[:prev].split()[:1]
    opening_only = bool(_OPENING_ADVERB.fullmatch(head[: prev + 1] + " "))  # "However, Ana Lima, an aide, said ..."
    return (-1 if goes_on or opening_only or first and first[0] in _ADVERBIAL_OPENERS else prev), name


MAX_TAIL_WORDS = 4  # "..., claimed on Tuesday.": where and when; more words after the verb are what was said


def _describes(role: str) -> bool:
    """`role` reads as a person's description: at most `MAX_APPOSITION_WORDS` words, no quotation mark, in lower
    case or opening on a possessive ("Valdoria's envoy to the UN"), and opening on an article or a possessive or
    with a speaker's noun among its first three words; not a name itself."""
    words = role.split()
    if not words or len(words) > MAX_APPOSITION_WORDS or _QUOTE_MARKS.search(role) or is_name_phrase(role):
        return False
    possessive = len(words) > 1 and words[0].endswith(("'s", "’s"))
    return (role[:1].islower() or possessive) and (
        words[0] in ("a", "an", "the") or possessive
        or any(w.lower().startswith(SPEAKER_NOUNS) or w.lower() in OFFICE_NOUNS for w in words[:3]))


_ADVERBIAL_OPENERS = frozenset(("In", "At", "On", "During"))

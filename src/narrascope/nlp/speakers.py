"""Who is speaking: the source of a reported claim, read from the words around its reporting cue.

`nlp.attribution` finds the cue ("said", "according to", "Kremlin:"); this module reads the speaker
around it, with precision over recall, since an analyst quotes the name it shows: the phrase right
before the verb that can be its subject (`words_before`) and a name right after it (`name_after`); the speaker
of a headline "X: claim" is read in `nlp.headline_speakers`, the source after "according to" in `nlp.according`.
A pronoun is a source, but no name (`is_name`). The word lists it reads with (pronouns, role nouns, time words,
...) are in `nlp.speaker_words`.
"""
from __future__ import annotations

import re

from narrascope.nlp.names import RUN_CONNECTORS, SECOND_PARTICLES
from narrascope.nlp.outlets import without_outlet
from narrascope.nlp.quotation import QUOTES
from narrascope.nlp.speaker_words import (
    BEFORE_NO_REPORT,
    BEFORE_VERB,
    DETERMINERS,
    HINDI_AGENT_PRONOUNS,
    HINDI_POSSESSIVE_SPEECH,
    HINDI_POSSESSIVES,
    IN_TURN,
    NO_ANTECEDENTS,
    NOT_IN_SUBJECT,
    NOT_SPEAKERS,
    OFFICE_NOUNS,
    PAST_VERB,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    SPEAKER_NOUNS,
    SUBJECT_CONNECTORS,
    SUBJECT_RELATIVES,
    TIME_PREPOSITIONS,
)
from narrascope.nlp.text import WORD_CHARS, closes_title
from narrascope.nlp.time_words import after_time_words, is_time, time_only

WORD = re.compile(f"[{WORD_CHARS}][{WORD_CHARS}'’.-]*")

_NOT_IN_NAMES = re.compile("[\"“”„«»?!]")
MAX_SOURCE_WORDS = 6
# Words between a relative pronoun that is its clause's subject and its verb ("who had no military experience said")
MAX_RELATIVE_GAP = 4


_HINDI_CUE_NOUNS = ("चेतावनी", "दावा", "आरोप")  # a warning, a claim, an accusation: "X की (ADJ) चेतावनी"
PASSIVE_AGENTS = frozenset(("by", "pelo", "pela", "pelos", "pelas"))  # who did what the subject underwent
_BRACKETED = re.compile(r"\([^()\n]{1,60}\)")
_NAME_OR_DASH = re.compile(r"\s*(?:[-–—]|[^,;:\n]*?(?<![\w-])[A-ZА-ЯЁ])")
_PARTICIPLE = re.compile(r"(?:ed|en|ad[oa]s?|id[oa]s?)$", re.IGNORECASE)  # "published", "apresentado"


def words_before(sentence: str, pos: int, agent: bool = True) -> str:
    """The source before a cue: the words since the last clause break, at most MAX_SOURCE_WORDS, from
    the first capitalised one when there is one ("the leader Jens Stoltenberg" -> "Jens Stoltenberg"). After
    a relative pronoun the speaker is the name it follows ("Зеленски, който заяви" -> "Зеленски"), if any. With
    `agent`, a Hindi pronoun that carries the agent marker speaks ("उन्होंने इसे ... बताया"), not what follows it."""
    if _ACCUSED_OF.match(sentence, pos):
        return ""  # "a clerk accused of fraud", "Valdor was accused of ...": the accused, not the accuser
    pos = _before_where_said(sentence, pos)
    head = sentence[:pos]
    # a closed bracket that no name follows is no clause break, and what it holds no part of the speaker ("X (वीआईए)
    # ने एक लिखित बयान में कहा", "Ana Lima (R-Norvale) said"); before a name it ends what came before ("the institute (VI)
    # Ana Lima said") and before a dash it closes a dateline ("VALDOR (Wire) -- ...")
    head = _BRACKETED.sub(lambda m: m.group() if _NAME_OR_DASH.match(head, m.end()) else " " * len(m.group()), head)
    cut = max(head.rfind(c) + 1 for c in ",;:—–()«»“”\"")
    dash = head.rfind(" - ")  # a dateline's "WASHINGTON, Sept 3 - "
    head = head[max(cut, dash + 3 if dash >= 0 else 0):]
    words = without_outlet(WORD.findall(head))
    if words and words[0] in SUBJECT_RELATIVES and _relative_is_subject(words[1:]):
        if cut > 1 and sentence[cut - 1] == ",":  # "Зеленски, който заяви": the name before the comma
            antecedent = words_before(sentence, cut - 1)
            ends_in_name = bool(antecedent) and antecedent.split()[-1][:1].isupper()
            return antecedent if ends_in_name and antecedent.lower() not in NO_ANTECEDENTS else ""
        return ""
    fused = max((k for k, w in enumerate(words) if w in HINDI_AGENT_PRONOUNS), default=None) if agent else None
    if fused is not None and "ने" not in words[fused:] and "कि" not in words[fused:]:
        return words[fused]  # "उन्होंने इसे ... बताया": the pronoun that carries "ने" speaks, not the object after it
    if "को" in words and "ने" not in words and not is_time(words[max(words.index("को") - 1, 0)]):
        return ""  # "वे X को Y कहते हैं" (they call X Y): with no "ने", what precedes the verb is its object's complement
    if "ने" in words:  # Hindi marks the speaker with "ने": "X ने (… में / Y से) कहा"
        words = words[: len(words) - 1 - words[::-1].index("ने")]
    elif words and words[-1] in HINDI_POSSESSIVES and sentence.startswith(HINDI_POSSESSIVE_SPEECH, pos):
        words = words[:-1]  # "विशेषज्ञों का मानना है कि": the experts
    elif (len(words) >= 3 and words[-2] in HINDI_POSSESSIVES and words[-1] not in NOT_IN_SUBJECT
          and sentence.startswith(_HINDI_CUE_NOUNS, pos)):
        words = words[:-2]  # "पुतिन की परमाणु चेतावनी:", "यूक्रेन का बड़ा दावा": Putin's nuclear warning
    # Auxiliaries and adverbs between the name and its verb ("Macron has", "Macron strongly suggested",
    # "o ministro categoricamente afirmou") are not part of who spoke.
    kept = len(words)
    while words and (words[-1].lower() in BEFORE_VERB or _is_adverb(words[-1])):
        words.pop()
    agent = max((k for k, w in enumerate(words[:-1]) if w.lower() in PASSIVE_AGENTS
                 and any(_PARTICIPLE.search(p) for p in words[max(0, k - 3) : k])), default=None)
    if agent is not None:  # "a report published by the World Bank says": the agent speaks (not "responsible for")
        words = words[agent + 1 :]
        kept = len(words)
    for phrase in IN_TURN:  # "Путин на свой ред заяви", "Lavrov, for his part, said": not part of who spoke
        if len(words) > len(phrase) and tuple(w.lower() for w in words[-len(phrase):]) == phrase:
            del words[-len(phrase):]
            kept = len(words)
            break
    # After an adverb ("очень верно сегодня высказал"), a short lower-case clause is no speaker.
    # a role that names whom it serves may run longer ("a top aide to Valdorian President Ivo Marev")
    recent = range(max(0, len(words) - MAX_SOURCE_WORDS), len(words))
    longest = MAX_SOURCE_WORDS + 3 * any(_serves(words, k) for k in recent)
    subject = _subject(words[-longest:], short_common=len(words) == kept)
    source = " ".join(_joined_subject(words, subject)).strip(" .")
    first, _, rest = source.partition(" ")
    if first == "जो" and not rest.startswith(_JOE_BIDEN):
        source = rest  # the Hindi relative pronoun ("..., जो आईएस के अनुसार ...": which, per IS), not Joe Biden
    elif first == "As" and (rest[:1].isupper() or rest.split()[:1] == ["per"]) and _AS_CLAUSE.match(sentence, pos):
        # the English "as" of "As Ivo Marev noted, ..." (not the Portuguese article of "As autoridades disseram
        # que"); "As per reports, ..." names nobody
        source = rest if rest[:1].isupper() else ""
    return source[next((k for k, c in enumerate(source) if c.isalnum()), 0):]  # no "▪️" before the name


_NAME_PARTICLES = RUN_CONNECTORS | SECOND_PARTICLES  # "Anna van der Berg", "Ilha do Norte"


def _joined_subject(words: list[str], subject: list[str]) -> list[str]:
    """The subject with a name joined to it by "and" ("Valdor and Norvale say", "a Valdória e a Norvália afirmam", "the
    Law and Order Party explained"): the capitalised words right before the conjunction, a determiner before them."""
    k = len(words) - len(subject)
    if (subject and k >= 3 and words[k:] == subject and words[k - 1].lower() in DETERMINERS
            and words[k - 2].lower() in ("and", "e")):
        k, subject = k - 1, words[k - 1 :]  # "A Valdória e o Conselho de Norvale": the determiner the subject lost
    if not subject or k < 2 or words[k:] != subject or words[k - 1].lower() not in ("and", "e"):
        return subject
    j = k - 1
    while j > 0 and k - 1 - j < 6 and (words[j - 1][:1].isupper() or (
            words[j - 1].lower() in _NAME_PARTICLES and j > 1 and (words[j - 2][:1].isupper() or words[j - 2] in _NAME_PARTICLES))):
        j -= 1  # "Anna van der Berg e Ivo Marr", "Ilha do Norte e Valdória"
    if j == k - 1:
        return subject
    j -= j > 0 and words[j - 1].lower() in DETERMINERS  # "the United States and Ukraine"
    return words[j:]


def _relative_is_subject(between: list[str]) -> bool:
    """Whether a relative pronoun is the subject of the verb `between` words later: no name or pronoun
    stands between them ("които Русия смята": Russia thinks; "who rose to fame after she began ... what she
    said": she said), and only a few words do."""
    return len(between) <= MAX_RELATIVE_GAP and not set(between[-1:]) & BEFORE_NO_REPORT and not any(
        w.lower() in PRONOUNS or (w[:1].isupper() and not is_time(w)) for w in between)


def _subject(words: list[str], short_common: bool = True) -> list[str]:
    """The phrase right before the verb that can be its subject, or [] when none reads as one.

    Read backwards from the verb up to a word that cannot be inside a name or a noun phrase (a preposition,
    an auxiliary, a relative pronoun: "... who has much to say", "it must be stressed", "despite what we
    are told"). A determiner opens the phrase ("the climate cult claims") unless a connector joins it to
    the words before ("Patricia Sanchez of the Red Cross"); connectors stay inside ("Ministério da Defesa",
    "Президентът на Русия"); a time adverbial is passed over ("Peskov on Tuesday said"). A number is no
    source ("45% say"), nor, in a cased script, a phrase with neither a capital letter nor a determiner
    ("who already announced", "Об этом сообщил") unless it is all of its clause and short ("..., officials
    said"): precision over recall."""
    out: list[str] = []
    to_role = False
    i = len(words) - 1
    while i >= 0:
        w = words[i]
        lw = "" if len(w) > 1 and w.isupper() else w.lower()  # an acronym ("US", "WHO") is a name
        joined = i > 0 and (words[i - 1].lower() in SUBJECT_CONNECTORS or _serves(words, i - 1))
        if lw in PRONOUNS and not out:  # "He said": the pronoun alone
            return [w]
        if lw in DETERMINERS:
            out.append(w)
            if i > 1 and words[i - 1].lower() in _WHERE_FROM:  # "Marr in a prepared statement said"
                return _subject_with_complement(words[: i - 1], words[i - 1], out[::-1])
            if not joined:
                break
        elif lw in SUBJECT_CONNECTORS:
            if not out or i == 0 or words[i - 1].lower() in NOT_IN_SUBJECT:
                break  # "... के कहा": a connector right before the verb joins nothing
            out.append(w)
        elif lw == "to" and out and _serves(words, i):
            out.append(w)  # "an adviser to the president", "the ambassador to Valdoria": the adviser speaks
            to_role = True
        elif lw in TIME_PREPOSITIONS and out and all(is_time(x) for x in out):
            out = []  # "on Tuesday", "в понеделник": between the speaker and the verb
        elif lw in _WHERE_FROM and out and i > 0:
            return _subject_with_complement(words[:i], w, out[::-1])
        elif lw in NOT_IN_SUBJECT or lw in PRONOUNS:
            break
        else:
            out.append(w)
        i -= 1
    whole = i < 0  # the phrase is everything between the clause break and the verb
    out.reverse()
    if not whole and words[i].lower() in OBJECT_PREPOSITIONS and out:
        # what a preposition governs is not the verb's subject: "Петров после встречи с Орловым написал" (not
        # Orlov), "към Народното събрание президентът Иван Петров предупреди" (the president alone)
        if len(out) == 1 or (words[i].lower() in ("с", "со") and _INSTRUMENTAL.search(out[-1])):
            return []  # "на встрече с президентом Валдории Петром Ивановым заявил": all of it is "with whom"
        out = out[1:] if out[0][:1].isupper() else out
    while out and out[0].lower() in SUBJECT_CONNECTORS and out[0].lower() not in DETERMINERS:
        out.pop(0)
    if not out or all(is_time(w) or w.lower() in DETERMINERS for w in out):
        return []
    if to_role:
        return out  # the role and whom it serves: not the name after "to"
    caps = [k for k, w in enumerate(out) if next((c for c in w if c.isalpha()), "").isupper()]
    if caps and (len(out) > 2 or out[0].lower() not in DETERMINERS):
        first = caps[0]
        if first >= 2 and out[first - 1].lower() in SUBJECT_CONNECTORS and out[first - 2].lower() in OFFICE_NOUNS:
            first -= 2  # "o ministro dos Negócios Estrangeiros russo", "the head of MI6": the office holder
        elif (first and out[first - 1].lower() in _RU_OFFICES and _GENITIVE.search(out[first])
              and not (first < len(out) - 1 and out[first].endswith("ия"))):  # "министерство Мария Петрова": a name
            first -= 1  # "президент России сообщил", "премьер-министр Венгрии Иван Петров заявил": from the office
        before = out[first - 1] if first else "" if whole else words[i]
        out = _without_complement(out[first:], before)  # "the leader Jens Stoltenberg", "В тази връзка Кушч" -> the name
    elif (not caps and out[0].lower() not in DETERMINERS and any(c.lower() != c.upper() for c in "".join(out))
          and not (whole and short_common and len(out) <= 2)):  # "..., officials said", "..., глава региона отметил"
        return []
    return out


def _serves(words: list[str], i: int) -> bool:
    """words[i] is the "to" after a role that names whom it serves ("an adviser to the president")."""
    return i > 0 and words[i].lower() == "to" and words[i - 1].lower().startswith(_ROLES_TO)


def _without_complement(run: list[str], before: str) -> list[str]:
    """The name that ends a Russian or Bulgarian office's complement ("говорителят на Кремъл Иван Петров", "от САЩ
    Иван Петров", "президента Валдории Иван Петров": Иван Петров), where three capitalised words or more follow a
    connector, or an office whose complement is in the genitive, or an acronym opens three; else `run`."""
    low = before.lower()
    if len(run) < 3 or not all(w[:1].isupper() and _CYRILLIC_WORD.fullmatch(w) for w in run[-2:]):
        return run
    after_office = (low in _RU_OFFICES or low.startswith(SPEAKER_NOUNS)) and bool(_GENITIVE.search(run[0]))
    acronym = len(run) == 3 and len(run[0]) > 1 and run[0].isupper()  # "бригады ВВС Иван Петров"
    return run[-2:] if low in _COMPLEMENT_OPENERS or after_office or acronym else run


_COMPLEMENT_OPENERS = frozenset(("на", "от", "из"))
# Roles that name whom they serve after "to" ("a top aide to President X", "the ambassador to Valdoria").
_ROLES_TO = ("aide", "advis", "ambassador", "envoy", "representative", "spokes", "assistant", "counsel", "emissary",
             "delegate", "consultant", "secretary", "attaché", "attache")
_CYRILLIC_WORD = re.compile(r"[А-ЯЁа-яёЪъ-]+")
# Where or to whom the words were said, between the speaker and the verb ("Мария Петрова в эфире радио «Север»
# заявила", "Иван Петров в беседе с «Вестником» объяснил", "Ана Лима, em entrevista à rádio Norte, explicou").
_WHERE_SAID = re.compile(r"(?:,\s*|\s)(?:(?:в|във)\s+(?:эфире|интервью|беседе|разговоре|передаче|программе|обращении"
                         r"|выступлении|ефира|ефир|интервю|разговор|предаването|програмата)|(?:em|numa)\s+(?:entrevista"
                         r"|declarações)|in\s+(?:an?\s+)?(?:interview|statement))(?![\w-])", re.IGNORECASE)


def _before_where_said(sentence: str, pos: int) -> int:
    """Where the speaker's words end before the verb at `pos`: before a phrase that says where or to whom the
    words were said (`_WHERE_SAID`), when only that phrase (with a name in quotes, or between commas) stands
    between them and the verb and a capitalised word comes before it in the clause; else `pos`."""
    found = None
    for m in _WHERE_SAID.finditer(sentence, 0, pos):
        found = m
    between = sentence[found.end() : pos] if found else ""
    if found is None or re.search(r"[.;:!?]", between) or "," in between.rstrip(" ,"):
        return pos
    clause = sentence[: found.start()]
    clause = clause[max(clause.rfind(c) + 1 for c in ",;:—–()«»“”\""):]
    opening = clause.split()[:1]
    if not re.search(r"[A-ZА-ЯЁÀ-Ý]", clause) or (opening and opening[0].lower() in _SAID_THIS_OPENERS):
        return pos  # "Такое мнение в беседе с газетой высказал X": the speaker follows the verb
    return found.start()


_SAID_THIS_OPENERS = frozenset(("такое", "такую", "таким", "об", "это", "этом", "эту", "то", "това", "такова",
                                "такъв", "тази", "този", "thus", "this"))


def quoted_before(sentence: str, pos: int) -> bool:
    """The words before the verb at `pos` end on the quotation mark that closes quoted words ('“...,” Marev said'),
    not a name in quotes where the words were said ('Мария Петрова в эфире радио «Север» заявила')."""
    before = sentence[:pos].rstrip().rstrip("-–—").rstrip()  # ('"...," - сказал X': a dash after the quote too)
    return (before.endswith(("”", '"', "»", "“")) and (len(before) > 20 or before[:1] in "“\"«„")
            and _before_where_said(sentence, pos) == pos)


_ACCUSED_OF = re.compile(r"accused\s+of\b")
_AS_CLAUSE = re.compile(r"\S+(?:\s+(?!(?:that|que)\b)[^\s,.;:\"“”«»]+){0,4}\s*[,:]")  # "noted,", "reported at the time:"
_JOE_BIDEN = ("बाइड", "बायड", "बिड")  # "जो बाइडेन": Joe Biden
# Russian offices whose country or body follows them in the genitive, with no preposition ("президент России",
# "глава Пентагона", "генсек НАТО"): the office holder speaks. A name after the office ("президент Путин") is
# nominative and speaks alone.
_RU_OFFICES = frozenset(("президент", "премьер", "премьер-министр", "министр", "глава", "лидер", "председатель",
                         "посол", "представитель", "пресс-секретарь", "спикер", "директор", "губернатор", "мэр",
                         "канцлер", "генсек", "руководитель", "командующий", "правительство", "министерство"))
_INSTRUMENTAL = re.compile(r"(?:ом|ем|ём|ым|им|ой|ей|ами|ями)$")  # Russian, after "с": with whom
_GENITIVE = re.compile(r"(?:ии|ы|и|а|я)$|^[А-ЯЁA-Z]{2,}$")  # "России", "Франции", "Пентагона"; "США", "НАТО"

# Prepositions whose object stands right before a subject or a verb (Russian and Bulgarian; English ones are read as
# places or manners of speaking, `_WHERE_FROM`, or end the phrase); not "в", "от", "из", "при": "В Кремле заявили".
OBJECT_PREPOSITIONS = frozenset(("с", "со", "к", "ко", "о", "об", "после", "до", "для", "без", "против", "перед",
                                 "через", "про", "след", "със", "към", "срещу", "over", "about", "with", "against",
                                 "toward", "towards", "into", "than"))

# English prepositions between a subject and its verb: where the subject is ("Regional authorities in Valdor
# said", "Economists at Brenbank said") or how it spoke ("Marr in a prepared statement said").
_WHERE_FROM = frozenset(("in", "at", "from"))


def _subject_with_complement(head: list[str], preposition: str, complement: list[str]) -> list[str]:
    """The subject of "HEAD in/at/from COMPLEMENT said": before a place or a body the head and its complement
    ("Regional authorities in Valdor", "Economists at Brenbank", "A report from Norvale"); before a lower-case
    complement, how it spoke, the head alone ("Marr in his report alleged" -> Marr); [] when the head reads as
    no subject (a clause, more than three words)."""
    while head and head[0].lower() in NOT_IN_SUBJECT and head[0].lower() not in DETERMINERS:
        head = head[1:]  # "But Marr in his remarks stressed"
    if not head or len(head) > 3 or any(w.lower() in NOT_IN_SUBJECT and w.lower() not in DETERMINERS for w in head):
        return []
    named = [w for w in complement if w.lower() not in DETERMINERS]
    return [*head, preposition, *complement] if named and named[0][:1].isupper() else head


def _is_adverb(word: str) -> bool:
    """A lower-case English "-ly" or Portuguese "-mente" adverb ("strongly", "publicamente")."""
    return word.islower() and (word.endswith("ly") and len(word) > 4 or word.endswith("mente") and len(word) > 7)


def name_after(sentence: str, pos: int) -> str:
    """The source right after a cue when it is a name ("said Pistorius", "заявил Песков"): capitalised and
    short; anything else after a verb is its object, not its subject."""
    after = after_time_words(words_after(sentence, pos, stop=",.;:")[0])  # "said on Tuesday Peskov"
    return after if after[:1].isupper() and len(after.split()) <= 4 else ""


def words_after(sentence: str, pos: int, stop: str) -> tuple[str, int]:
    """The source after a cue: words up to the next `stop` character, at most MAX_SOURCE_WORDS after a verb
    that opens them ("segundo recordou X"); and where it ends in `sentence`."""
    tail_end = len(sentence)
    for c in stop:
        k = sentence.find(c, pos)
        while c == "." and k > 0 and closes_title(sentence, k, pos):
            k = sentence.find(c, k + 1)  # "said Dr. Baker", "каза полк. Петров": the title's stop, not the name's end
        if 0 <= k < tail_end:
            tail_end = k
    found = list(WORD.finditer(sentence, pos, tail_end))
    found = found[: MAX_SOURCE_WORDS + bool(found and PAST_VERB.fullmatch(found[0].group()))]
    if not found:
        return "", pos
    start, end = found[0].start(), found[-1].end()
    opened = next((k for k in range(start, end) if sentence[k] in _OPENER_CLOSES and _OPENER_CLOSES[sentence[k]]
                   not in sentence[k + 1 : end]), None)
    if opened is not None and sentence[end : end + 1] == _OPENER_CLOSES[sentence[opened]]:
        end += 1  # a name in quotation marks or brackets the source opens: "телеграм-канала «Легитимный»", "ISW (...)"
    return sentence[start:end].strip(" ."), end


# The quotation marks that open a name in quotes and the ones that close them (straight quotes pair with themselves).
_OPENER_CLOSES = {opening: closing for opening, closing in QUOTES.items() if opening != closing} | {"(": ")"}


def is_name(source: str | None) -> bool:
    """The source names someone: not a pronoun ("he", "они"), not a quoted headline's tail ('"... of War": UK ...')."""
    return bool(source) and source.lower() not in NOT_SPEAKERS and not _NOT_IN_NAMES.search(source)


# "Russia is weak, the minister said": the reported clause before the speaker has at least so many words
# ("However, Lavrov said on Monday" reports none of them).
MIN_HEAD_WORDS = 3


# Conjunctions that open a subordinate clause of the sentence after a comma or a dash (not "as", "както", "como":
# "CLAIM, as X said" names the speaker)
_SUBORDINATORS = frozenset(("поскольку", "потому", "если", "когда", "because", "since", "although", "though", "if",
                            "when", "porque", "pois", "embora", "quando", "защото", "понеже", "тъй", "ако", "когато",
                            "क्योंकि", "अगर", "जब"))


def reported_head(before: str, head_break: int, tail_words: int, tail: str) -> bool:
    """Whether the words before the last comma of `before` read as the reported clause of "CLAUSE, X said":
    more than a few characters, or a short clause that the sentence ends on its speaker and a time ("“It's a
    grift,” Kudlow added", "Russia is weak, the minister said on Monday"; not "Днес, за съжаление, почти никой
    не говори за мир", today, alas, nobody speaks of peace), and not a relative
    clause's subject ("Бях един от тези, които считаха")."""
    segment = WORD.findall(before[head_break:])
    if segment and segment[0].lower() in _SUBORDINATORS:
        return False  # "..., — поскольку Валдор считает ...": the article's clause, then a reason it gives
    if head_break > 20:
        return True
    head = before[:max(head_break, 0)]
    if len(WORD.findall(head)) < MIN_HEAD_WORDS or re.search("[,;\u0900-\u097f]", head):
        return False  # "Este ano, no entanto, a Forbes levanta": adverbials; Hindi puts its verb last
    return not (segment and segment[0].lower() in RELATIVE_PRONOUNS) and (tail_words == 0 or time_only(tail))

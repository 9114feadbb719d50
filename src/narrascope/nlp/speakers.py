"""Who is speaking: the source of a reported claim, read from the words around its reporting cue.

`nlp.attribution` finds the cue ("said", "according to", "Kremlin:"); this module reads the speaker
around it, with precision over recall, since an analyst quotes the name it shows: the phrase right
before the verb that can be its subject (`words_before`), a name right after it (`name_after`), the
source after "according to" as far as it reads as one (`according_source`), and the speaker of a
headline "X: claim" (`headline_source`). A pronoun is a source, but no name (`is_name`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from narrascope.nlp.names import CONNECTORS, EN_NOT_NAMES, FUNCTION_WORDS
from narrascope.nlp.text import WORD_CHARS

WORD = re.compile(f"[{WORD_CHARS}][{WORD_CHARS}'’.-]*")
NOT_SOURCES = frozenset(("note", "update", "breaking", "photo", "video", "watch", "read more", "source", "live",
                          "related", "read also", "also read", "see also", "exclusive", "the good news", "good news",
                          "bad news", "the bad news", "the bottom line", "bottom line", "the answer", "answer",
                          "editor's note", "opinion", "analysis", "claim", "fact check", "verdict", "editorial",
                          "видео", "фото", "внимание", "мнение", "анализ", "срочно", "эксклюзив", "снимка", "снимки",
                          "извънредно", "ексклузивно", "foto", "vídeo", "atualização", "opinião", "análise",
                          "exclusivo", "última hora", "urgente", "वीडियो", "फोटो", "источник", "източник", "fonte",
                          "स्रोत",
                          # labels of a page's sections and teasers, before a colon ("Context: ...", "Въпрос: ...")
                          "context", "courtesy", "feature", "image", "image source", "interview", "letters", "read",
                          "report", "review", "study", "trending", "new", "namely", "see related", "comment policy",
                          "въпрос", "отговор", "доклад", "най-важното", "ето", "exemplo", "pausa", "mais", "итог"))

_NOT_IN_NAMES = re.compile("[\"“”„«»?!]")
MAX_SOURCE_WORDS = 6
# Pronouns as sources: shown as reported speech without a name (nobody resolves "he" here).
PRONOUNS = frozenset((
    "he", "she", "they", "it", "we", "i", "you", "someone", "somebody", "nobody", "everyone", "him", "her", "them",
    "он", "она", "они", "оно", "мы", "я", "той", "тя", "те", "то", "ние", "аз", "ele", "ela", "eles", "elas", "nós",
    "eu", "वह", "वे", "उन्होंने", "उसने", "उन्हें", "उसे", "यह", "ये", "वो", "इसने", "उनके", "उसके", "दोनों",
    # after "according to": "според него" (him), "по мнению них", "според мен" (me)
    "него", "нея", "тях", "мен", "нас", "вас", "теб", "неё", "нее", "них", "нему", "ней", "им", "меня",
    # "Segundo o mesmo, ..." (according to the same one): who, the sentence does not say
    "o mesmo", "a mesma", "os mesmos", "as mesmas", "the same",
))
_NOT_SPEAKERS = PRONOUNS | {"उन", "उस"}  # "उनका कहना है" (his saying), "उनके अनुसार": a pronoun's stem

# Words that open a subject phrase before a reporting verb ("The Kremlin", "a protest group", "o ministro").
_DETERMINERS = frozenset(("the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "one", "o",
                          "os", "as", "um", "uma", "एक"))
# Time and manner adverbs around a speaker's name ("Ранее Зеленский заявил", "Путин многократно подчертава").
_ADVERBS = frozenset(("ранее", "вчера", "сегодня", "официально", "прямо", "публично", "неоднократно", "позже",
                      "впоследствии", "по-рано", "днес", "официално", "многократно", "впоследствие", "anteriormente",
                      "ontem", "hoje", "тогда", "сейчас", "теперь", "тогава", "сега", "आगे", "अब", "нееднократно",
                      "неведнъж", "вероятно", "често", "винаги", "никога", "отново", "часто", "всегда", "никогда", "снова"))
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
    "ли", "били", "било", "сме", "сте", "съм", "беше", "бяха", "бъде", "бъдат", "дали", "защото", "понеже", "много",
    *_ADVERBS, "както", "докато", "като",  # "Остин заобиколи въпроса, като каза": by saying, no subject
    # Hindi, beside its function words above: adverbs and participles ("उन्होंने शनिवार को कहा", "हालांकि ...
    # ने कहा": the subject is before or after them, never them)
    "हालांकि", "वही", "लेकर", "बार", "लगातार", "हुए", "हुई", "हुआ", "वहीं", "दौरान",
    # verb forms before a name ("पैनल का नेतृत्व कर रहीं वैलेरी ... ने कहा": the panel's head said)
    "रहीं", "चुके", "चुकी", "चुका", "होने", "बावजूद", "स्थित",  # "मॉस्को स्थित मंत्रालय": the Moscow-based ministry
))
# Words that join the parts of one name or noun phrase ("Ministério da Defesa", "Президентът на Русия",
# "यूक्रेन के राष्ट्रपति").
_CONNECTORS = frozenset((*CONNECTORS, "pelo", "pela", "pelos", "pelas", "sobre", "का", "की", "के"))
_BEFORE_VERB = frozenset(("has", "have", "had", "was", "were", "is", "also", "then", "again", "further", "ने", "भी",
                          "always", "never", "once", "often", "already", "still", "previously", "recently", "later",
                          "earlier", "также", "уже", "ещё", "еще", "също", "така", "още", "вече", "também", "já",
                          "ainda", *_ADVERBS,
                          # Bulgarian and Russian forms of "be" ("Шойгу беше заявил", "Били сме предупреждавани")
                          "е", "са", "съм", "сме", "сте", "беше", "бе", "бяха", "бил", "била", "било", "били", "был",
                          "была", "было", "были"))
# "Peskov on Tuesday said": a time adverbial between the speaker and the verb.
_TIME_PREPOSITIONS = frozenset(("on", "in", "at", "during", "last", "this", "em", "no", "na", "на", "в", "във", "през"))
# Words that open a time adverbial right after a reporting verb ("disse esta sexta-feira Putin").
_TIME_OPENERS = frozenset(("on", "this", "last", "yesterday", "today", "esta", "este", "nesta", "neste", "na", "no",
                           "ontem", "hoje"))
_TIME_NOUNS = frozenset(("sábado", "domingo", "semana", "mês", "ano", "manhã", "tarde", "noite", "week", "month", "year",
                         "morning", "evening", "night", "weekend"))
# Prepositions that end a headline's speaker ("Зеленски за Путин:", "Biden on Putin:", "Медведев о ...").
_HEADLINE_PREPOSITIONS = frozenset(("on", "about", "with", "over", "after", "to", "за", "със", "с", "о", "об", "про",
                                    "sobre", "com", "para", "após", "em", "à", "ao"))
_QUANTIFIERS = frozenset(("some", "many", "most", "several", "all", "other", "alguns", "algumas", "muitos", "muitas",
                          "vários", "várias", "някои", "много", "некоторые", "многие", "ряд"))
# Relative pronouns: "според който" (according to which) introduces a clause, not a source; "which Russia
# said was ..." reports words whose subject is the pronoun.
RELATIVE_PRONOUNS = frozenset((
    "which", "who", "whom", "whose", "quem", "qual", "quais", "който", "която", "което", "които",
    "который", "которая", "которое", "которые", "которых", "которому", "которой", "которым", "जो", "जिसे",
    "जिन्होंने", "जिसके", "जिनके",
))
# Relative pronouns that are the subject of their clause ("Зеленски, който заяви", "Zelensky, who said"):
# the speaker is the name before them.
SUBJECT_RELATIVES = frozenset(("който", "която", "което", "които", "который", "которая", "которое", "которые",
                               "who"))
MAX_RELATIVE_GAP = 4  # words between such a pronoun and its verb ("who had no military experience said")
# Words before such a pronoun that name nobody ("Всичко, което казах": all that I said; "The first who ...").
_NO_ANTECEDENTS = frozenset(("всичко", "всички", "всеки", "тези", "онези", "това", "първият", "първата",
                             "последният", "всё", "все", "каждый", "тот", "те", "первый", "everything", "all",
                             "those", "anyone", "everyone", "the first", "the last"))
# The word before the verb when the pronoun is no speaker: "has much to say", "who is accused".
_BEFORE_NO_REPORT = frozenset(("to", "is", "was", "are", "were", "be", "been", "being"))
_DEVANAGARI = re.compile("[\u0900-\u097f]")
# A capitalised adjective goes on in lower case in Bulgarian and Russian names ("Световната метеорологична
# организация", "Всемирной организации здравоохранения").
_ADJECTIVE_END = re.compile("(?:ата|ия|ият|ото|ите|чна|ска|ски|ско|ая|ой|ый|ий|ое|ые|ого|ых|ому)$")


# Who may speak in a headline "X: claim" besides a name: people by their role, and offices ("British
# colonel", "Американски политолог", "Senadora russa", "Руското министерство на отбраната"). Stems, matched
# at the start of a lower-case word, so that the inflected forms count ("министърът", "политолога").
SPEAKER_NOUNS = (
    "colonel", "expert", "journalist", "analyst", "scientist", "researcher", "professor", "minister", "ministr",
    "official", "spokes", "president", "senator", "general", "ambassador", "diplomat", "economist", "blogger",
    "host", "advis", "ally", "chief", "director", "leader", "commander", "officer", "politician", "lawmaker",
    "doctor", "activist", "mayor", "governor", "chancellor", "premier", "envoy", "secretary", "deputy",
    "historian", "veteran", "author", "editor", "reporter", "correspondent", "columnist", "candidate",
    "congress", "lawyer", "judge", "founder", "insider",
    "журналист", "политолог", "полковник", "професор", "министър", "министерств", "директор", "политик",
    "генерал", "депутат", "дипломат", "аналитик", "анализатор", "икономист", "посланик", "съветник", "съюзник",
    "експерт", "учен", "говорител", "президент", "премиер", "председател", "лидер", "командир", "командващ",
    "блогър", "водещ", "историк", "геополитик", "климатолог", "адвокат", "офицер", "кандидат", "лекар", "автор",
    "репортер", "кореспондент", "сенатор", "конгресмен", "ръководител", "руководител", "шеф", "изследовател",
    "профессор", "министр", "экономист", "посол", "советник", "союзник", "эксперт", "учён", "представител",
    "премьер", "командующ", "блогер", "ведущ", "военкор", "корреспондент", "глава",
    "analista", "senador", "deputad", "embaixador", "conselheir", "aliad", "especialista", "perit", "cientist",
    "investigador", "porta-voz", "líder", "comandante", "chefe", "jornalist", "historiador", "secretári",
    "governador", "coronel", "oficial", "candidat", "advogad", "polític", "fonte", "grupo", "coletivo", "organizaç",
    "associaç", "ministério",  # "presidente", "general", ... as in English
)

_EX_PREFIX = re.compile(r"^(?:ex|екс|экс|зам\.?)-")


def _speaker_phrase(words: list[str]) -> bool:
    """Every word of a headline's head reads as part of a speaker: capitalised (a name, or the head's first
    word), a connector or determiner ("МВнР на Русия"), a role noun (`SPEAKER_NOUNS`), or one adjective after
    a role noun or its connector ("Senadora russa", "министерство на отбраната"). "Putin's proposal", "Climate
    insanity", "Kiev atacou Moscovo" are topics."""
    after_role = False
    for w in words:
        lower = _EX_PREFIX.sub("", w.lower())  # "екс-полковник", "ex-minister", "зам.-министър"
        if lower.startswith(SPEAKER_NOUNS):
            after_role = True
        elif lower in _CONNECTORS or lower in _DETERMINERS:
            continue  # "Руското министерство на отбраната": the office's complement follows
        elif w[:1].isupper():
            after_role = False
        elif after_role:
            after_role = False  # one lower-case adjective after the role
        else:
            return False
    return True


def headline_source(head: str, sentence: str) -> str:
    """The speaker of a headline "X: claim", or "": a short capitalised name or role (`_speaker_phrase`), cut
    before a preposition ("Зеленски за Путин", "Biden on Putin": the first is who speaks); no pronoun ("Он
    также уточнил"), no label ("CLAIM", "Related"), no shouted phrase ("УЧЕНИ АЛАРМИРАТ"), no quoted words,
    and in Hindi no Latin-script topic tag ("Russia Ukraine War:")."""
    words = head.split()
    if _NOT_IN_NAMES.search(head):
        return ""
    for k, w in enumerate(words):
        if k and w.lower() in _HEADLINE_PREPOSITIONS:
            words = words[:k]
            break
    source = " ".join(words).strip()
    if (not source[:1].isupper() or len(WORD.findall(source)) > 4 or source.lower() in NOT_SOURCES
            or any(_no_name_word(w) for w in words)
            or not _speaker_phrase(words)
            or (len(words) > 1 and all(len(w) > 3 and w.isupper() for w in words))
            or (_DEVANAGARI.search(sentence) and not _DEVANAGARI.search(source))):
        return ""
    return source


def _no_name_word(word: str) -> bool:
    """A pronoun, auxiliary, adverb or preposition: no part of a speaker's name ("Он также уточнил")."""
    w = word.lower()
    return w in PRONOUNS or (w in _NOT_IN_SUBJECT and w not in _CONNECTORS and w not in _DETERMINERS)


def according_source(words: str, closed: bool, is_cue: Callable[[str], object]) -> str:
    """The source after "according to" as far as it reads as one: a pronoun alone ("според него врагът ...":
    him), nothing after a relative pronoun or a verb ("според който ...", "segundo anunciou Putin"), and
    cut before a word that cannot be inside a name ("segundo se ainda"); without a comma after it, cut where
    the name ends (`_name_run`)."""
    found = words.split()
    if not found:
        return ""
    if found[0].lower() in PRONOUNS:
        return found[0]
    if found[0].lower() in RELATIVE_PRONOUNS or is_cue(found[0]):
        return ""
    kept: list[str] = []
    for w in found:
        if _no_name_word(w) and w.lower() not in _QUANTIFIERS:  # "according to some residents" stays
            break
        kept.append(w)
    if not closed:
        kept = _name_run(kept)
    while kept and kept[-1].lower() in _CONNECTORS:
        kept.pop()  # "uma sondagem realizada pelo"
    source = " ".join(kept)
    return source if sum(c.isalpha() for c in source) >= 2 else ""  # not "в." (a newspaper's abbreviation)


def _name_run(words: list[str]) -> list[str]:
    """The words up to the end of the first capitalised run ("Макгрегър политическата ситуация" ->
    "Макгрегър", "uma sondagem de Dezembro realizada" -> "uma sondagem de Dezembro"), connectors inside
    it; three words at most when none is capitalised; never past a number ("... на здравеопазването 45-годишен")."""
    out: list[str] = []
    in_run = False
    for w in words:
        upper = w[:1].isupper()
        if ((in_run and w[:1].islower() and w.lower() not in _CONNECTORS and not _ADJECTIVE_END.search(out[-1]))
                or (out and w[:1].isdigit() and out[-1].islower() and out[-1] not in _DETERMINERS)):
            break
        in_run = in_run or upper
        out.append(w)
    return out if in_run else out[:3]


# Offices whose "of" names what they head ("o ministro dos Negócios Estrangeiros", "the head of MI6"): the
# speaker is the office holder, not the ministry. English and Portuguese only: in Bulgarian and Russian the
# same shape more often runs a place into a name ("говорителят на Кремъл Дмитрий Песков").
_OFFICE_NOUNS = frozenset({
    "minister", "secretary", "head", "chief", "spokesman", "spokeswoman", "spokesperson", "director", "governor",
    "ambassador", "commander", "chairman", "president", "leader", "mayor", "ministro", "ministra", "secretário",
    "secretária", "chefe", "porta-voz", "presidente", "líder", "comandante", "diretor", "diretora",
    "embaixador", "governador", "presidenta",
})


# "In turn", "for his part" between a speaker and the verb.
_IN_TURN = tuple(tuple(p.split()) for p in (
    "на свой ред", "от своя страна", "в свою очередь", "со своей стороны", "por sua vez", "por seu lado",
    "por seu turno", "in turn", "for his part", "for her part", "for its part", "for their part"))


def words_before(sentence: str, pos: int) -> str:
    """The source before a cue: the words since the last clause break, at most MAX_SOURCE_WORDS, from
    the first capitalised one when there is one ("the leader Jens Stoltenberg" -> "Jens Stoltenberg"). After
    a relative pronoun the speaker is the name it follows ("Зеленски, който заяви" -> "Зеленски"), if any."""
    head = sentence[:pos]
    cut = max(head.rfind(c) + 1 for c in ",;:—–()«»“”\"")
    dash = head.rfind(" - ")  # a dateline's "WASHINGTON, Sept 3 - "
    head = head[max(cut, dash + 3 if dash >= 0 else 0):]
    words = WORD.findall(head)
    if words and words[0] in SUBJECT_RELATIVES and _relative_is_subject(words[1:]):
        if cut > 1 and sentence[cut - 1] == ",":  # "Зеленски, който заяви": the name before the comma
            antecedent = words_before(sentence, cut - 1)
            ends_in_name = bool(antecedent) and antecedent.split()[-1][:1].isupper()
            return antecedent if ends_in_name and antecedent.lower() not in _NO_ANTECEDENTS else ""
        return ""
    if "ने" in words:  # Hindi marks the speaker with "ने": "X ने (… में / Y से) कहा"
        words = words[: len(words) - 1 - words[::-1].index("ने")]
    # Auxiliaries and adverbs between the name and its verb ("Macron has", "Macron strongly suggested",
    # "o ministro categoricamente afirmou") are not part of who spoke.
    kept = len(words)
    while words and (words[-1].lower() in _BEFORE_VERB or _is_adverb(words[-1])):
        words.pop()
    for phrase in _IN_TURN:  # "Путин на свой ред заяви", "Lavrov, for his part, said": not part of who spoke
        if len(words) > len(phrase) and tuple(w.lower() for w in words[-len(phrase):]) == phrase:
            del words[-len(phrase):]
            kept = len(words)
            break
    # After an adverb ("очень верно сегодня высказал"), a short lower-case clause is no speaker.
    source = " ".join(_subject(words[-MAX_SOURCE_WORDS:], short_common=len(words) == kept)).strip(" .")
    return source[next((k for k, c in enumerate(source) if c.isalnum()), 0):]  # no "▪️" before the name


def _relative_is_subject(between: list[str]) -> bool:
    """Whether a relative pronoun is the subject of the verb `between` words later: no name or pronoun
    stands between them ("които Русия смята": Russia thinks; "who rose to fame after she began ... what she
    said": she said), and only a few words do."""
    return len(between) <= MAX_RELATIVE_GAP and not set(between[-1:]) & _BEFORE_NO_REPORT and not any(
        w.lower() in PRONOUNS or (w[:1].isupper() and not _is_time(w)) for w in between)


def _subject(words: list[str], short_common: bool = True) -> list[str]:
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
        first = caps[0]
        if first >= 2 and out[first - 1].lower() in _CONNECTORS and out[first - 2].lower() in _OFFICE_NOUNS:
            first -= 2  # "o ministro dos Negócios Estrangeiros russo", "the head of MI6": the office holder
        out = out[first:]  # "the leader Jens Stoltenberg", "В тази връзка Кушч" -> the name
    elif (not caps and out[0].lower() not in _DETERMINERS and any(c.lower() != c.upper() for c in "".join(out))
          and not (whole and short_common and len(out) <= 2)):  # "..., officials said", "..., глава региона отметил"
        return []
    return out


def _is_time(word: str) -> bool:
    return word.lower() in EN_NOT_NAMES or word.replace(".", "").replace(",", "").isdigit()


def _is_adverb(word: str) -> bool:
    """A lower-case English "-ly" or Portuguese "-mente" adverb ("strongly", "publicamente")."""
    return word.islower() and (word.endswith("ly") and len(word) > 4 or word.endswith("mente") and len(word) > 7)


def name_after(sentence: str, pos: int) -> str:
    """The source right after a cue when it is a name ("said Pistorius", "заявил Песков"): capitalised and
    short; anything else after a verb is its object, not its subject."""
    after = after_time_words(words_after(sentence, pos, stop=",.;:")[0])  # "said on Tuesday Peskov"
    return after if after[:1].isupper() and len(after.split()) <= 4 else ""


def words_after(sentence: str, pos: int, stop: str) -> tuple[str, int]:
    """The source after a cue: words up to the next `stop` character, at most MAX_SOURCE_WORDS; and
    where it ends in `sentence`."""
    tail_end = len(sentence)
    for c in stop:
        k = sentence.find(c, pos)
        if 0 <= k < tail_end:
            tail_end = k
    found = list(WORD.finditer(sentence, pos, tail_end))[:MAX_SOURCE_WORDS]
    if not found:
        return "", pos
    return sentence[found[0].start() : found[-1].end()].strip(" ."), found[-1].end()


def is_name(source: str | None) -> bool:
    """The source names someone: not a pronoun ("he", "они"), not a quoted headline's tail ('"... of War": UK ...')."""
    return bool(source) and source.lower() not in _NOT_SPEAKERS and not _NOT_IN_NAMES.search(source)


def after_time_words(words: str) -> str:
    """The words after a verb without the time adverbial that opens them, when a name follows it ("disse
    esta sexta-feira Vladimir Putin" -> "Vladimir Putin", "said on Tuesday Peskov" -> "Peskov"); "" when
    no name does ("afirmou este sábado que o envio ..."); the words as given when no time adverbial opens them."""
    found = words.split()
    if len(found) < 2 or found[0].lower() not in _TIME_OPENERS or not _is_time_word(found[1]):
        return words
    k = 1
    while k < len(found) and _is_time_word(found[k]):
        k += 1
    rest = found[k:]
    return " ".join(rest) if rest and rest[0][:1].isupper() else ""


def time_only(words: str) -> bool:
    """Whether `words` are a time adverbial and nothing else ("on Monday.", "esta sexta-feira")."""
    found = [w.strip(".") for w in WORD.findall(words)]
    return bool(found) and found[0].lower() in _TIME_OPENERS and all(_is_time_word(w) for w in found[1:])


def _is_time_word(word: str) -> bool:
    w = word.strip("()").lower()
    return _is_time(w) or w.isdigit() or w.endswith("-feira") or w in _TIME_NOUNS

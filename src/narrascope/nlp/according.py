"""The source after "according to" ("segundo X", "според X", "по словам X"): as far as it reads as one.

`nlp.attribution` finds the phrase; `according_source` reads who it cites from the words after it, up to a comma
where the article writes one, else to where the name ends (`_name_run`): "Според Макгрегър политическата
ситуация ..." cites Макгрегър, and the rest is the claim (`nlp.bulgarian_sources`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from narrascope.nlp.speaker_words import (
    DETERMINERS,
    PAST_VERB,
    PRONOUNS,
    QUANTIFIERS,
    RELATIVE_PRONOUNS,
    SUBJECT_CONNECTORS,
    no_name_word,
)
from narrascope.nlp.time_words import is_time_word, time_only, without_time_after

# A document or a count, then who made or published it: the one to name ("according to figures from the Harbour
# Board", "figures compiled by Ivo Marev", "a report in The Ledger", "segundo números do Instituto do Mar")
# Each opening word is listed once and their run is possessive: a word that two alternatives can read makes the
# search exponential in a run of such words ("a a a ...").
_DOCUMENT_BY = re.compile(r"(?:(?:the|a|an|new|latest|recent|official|preliminary|annual|um|uma|os|as|o|novos?"
                          r"|novas?|últimos?|últimas?)\s+)*+(?:reports?|stud(?:y|ies)|data|figures|statistics|estimates"
                          r"|survey|poll|analysis|research|documents|relatórios?|estudos?|dados|números|estatísticas"
                          r"|estimativas|sondagem|inquérito)(?:\s+(?:conducted|published|provided|released|compiled"
                          r"|issued|publicad[oa]s?|divulgad[oa]s?))?\s+(?:by|from|in|of|do|da|dos|das|de|pelo|pela)"
                          r"\s+(?=(?:the\s+)?(?P<name>[^\s,.;:]+))", re.IGNORECASE)
_MADE = frozenset(("conducted", "published", "provided", "released", "compiled", "issued"))

# A capitalised adjective goes on in lower case in Bulgarian and Russian names ("Световната метеорологична
# организация", "Всемирной организации здравоохранения").
_ADJECTIVE_END = re.compile("(?:ата|ия|ият|ото|ите|[чтлвжрдзс]на|ска|ски|ско|ая|ой|ый|ий|ое|ые|ого|ых|ому)$")


def maker_of_document(sentence: str, at: int) -> int:
    """Where the source's words start after the "according to" phrase that ends at `at`: past a document or a
    count and the preposition before its maker's name ("according to figures from the Harbour Board", "segundo
    os números do Instituto do Mar"; not "uma sondagem de março", a date), else at `at`."""
    m = _DOCUMENT_BY.match(sentence, at + len(sentence[at:]) - len(sentence[at:].lstrip()))
    if m is None or not m.group("name")[:1].isupper() or is_time_word(m.group("name").strip(",.;")):
        return at
    after = sentence[m.end("name") :].split(maxsplit=1)
    # "the figures compiled by the Valdorian port office": one capitalised word before lower case is no name
    return at if after and after[0][:1].islower() and after[0] not in SUBJECT_CONNECTORS else m.end()


def according_source(words: str, closed: bool, is_cue: Callable[[str], object]) -> str:
    """The source after "according to" as far as it reads as one: a pronoun alone ("според него врагът ...":
    him), nothing after a relative pronoun ("според който ..."), who follows a verb of saying ("segundo anunciou
    Putin", "segundo avançou ontem a agência": Putin, the agency), and cut before a word that cannot be inside
    a name ("segundo se ainda"); without a comma after it, cut where the name ends (`_name_run`)."""
    found = words.split()
    if not found:
        return ""
    if found[0].lower() in PRONOUNS:
        return found[0]
    if found[0].lower() in RELATIVE_PRONOUNS:
        return ""
    if is_cue(found[0]) or PAST_VERB.fullmatch(found[0]):  # "segundo anunciou Putin", "segundo avançou a agência"
        rest = found[1:]  # with no time adverbial before or after the speaker ("segundo avançou ontem a ...")
        k = next((k for k in range(len(rest), 0, -1) if time_only(" ".join(rest[:k]))), 0)
        found = without_time_after(" ".join(rest[k:])).split()
        if not found or found[0][:1].islower() and found[0].lower() not in DETERMINERS:
            return ""
    kept: list[str] = []
    for w in found:
        if no_name_word(w) and w.lower() not in QUANTIFIERS:  # "according to some residents" stays
            break
        kept.append(w)
    if not closed:
        kept = _name_run(kept)
    while kept and (kept[-1].lower() in SUBJECT_CONNECTORS or kept[-1].lower() in _MADE):
        kept.pop()  # "uma sondagem realizada pelo", "the data published"
    source = _unpaired_marks_off(" ".join(kept))  # 'Според "Норвалски вестник" ...': the outlet's name
    return source if sum(c.isalpha() for c in source) >= 2 else ""  # not "в." (a newspaper's abbreviation)


# A Bulgarian or Russian lower-case plural noun ("източници", "власти", "документи"): a source of its own, not the
# office of the one capitalised word after it (a person's office comes before a full name: "анализатора Иван
# Петров", or is an agency's: "агенция АФП").
_PLURAL_NOUN = re.compile(r"[а-я]+[иы]")


# Bulgarian nouns and pronouns that name a source on their own ("Според учените ...", "Според доклада ..."):
# without a comma after them, the words that follow are the claim's ("Според учените сушите зачестяват"),
# unless a connector goes on with the source ("Според доклада на агенцията ...").
_SOURCE_NOUNS = frozenset(("учените", "експертите", "климатолозите", "специалистите", "анализаторите",
                           "изследователите", "авторите", "оценките", "данните", "изчисленията", "прогнозите",
                           "доклада", "докладът", "проучването", "проучванията", "изследването", "изданието",
                           "публикацията", "вестника", "медиите", "агенцията", "анализатора", "експерта", "госта",
                           "автора", "отчета", "властите", "него", "нея", "тях"))


def _name_run(words: list[str]) -> list[str]:
    """The words up to the end of the first capitalised run ("Макгрегър политическата ситуация" ->
    "Макгрегър", "uma sondagem de Dezembro realizada" -> "uma sondagem de Dezembro"), connectors inside
    it; three words at most when none is capitalised; never past a number ("... на здравеопазването 45-годишен")."""
    if words and words[0].lower() in _SOURCE_NOUNS and (len(words) == 1 or (
            words[1][:1].islower() and words[1].lower() not in SUBJECT_CONNECTORS)):  # "анализатора Иван Петров"
        return words[:1]
    out: list[str] = []
    in_run = False
    for k, w in enumerate(words):
        upper = w[:1].isupper()
        if upper and not in_run and _PLURAL_NOUN.fullmatch(out[-1] if out else "") and not (
                k + 1 < len(words) and words[k + 1][:1].isupper()):
            break  # "Според различни източници Валдор е загубил ...": the sources, then the clause's subject
        if ((in_run and w[:1].islower() and w.lower() not in SUBJECT_CONNECTORS and not _ADJECTIVE_END.search(out[-1]))
                or (out and w[:1].isdigit() and out[-1].islower() and out[-1] not in DETERMINERS)):
            break
        in_run = in_run or upper
        out.append(w)
    return out if in_run else out[:3]

_QUOTE_MARKS = "\"“”«»„"


def _unpaired_marks_off(source: str) -> str:
    """The source without a quotation mark at its end whose pair was left out of it ('Норвалски вестник"'), but
    with both marks of a name quoted inside it ('телеграм-канала «Легитимный»')."""
    while source and source[-1] in _QUOTE_MARKS and sum(source.count(q) for q in _QUOTE_MARKS) % 2:
        source = source[:-1].rstrip()
    return source

# Verbs with which an outlet publishes what a source said ("..., according to the report, writes the Herald"): the
# source behind the outlet is the one to name.
PUBLISHES = frozenset(("пише", "съобщава", "съобщи", "пишет", "сообщает", "сообщило", "writes", "wrote", "reports",
                       "reported", "escreve", "noticia", "informa", "informou"))


def opens_on_speaker(sentence: str, after_cue: int, source: str, speaker: str) -> bool:
    """Whether "According to X, NAME said that ..." names its speaker right after the source's comma: the
    words are NAME's, X only reports them. Anything else between (a clause, an adverb) leaves them X's."""
    rest = sentence[after_cue:].lstrip()
    if not rest.startswith(source):
        return False
    rest = rest[len(source) :].lstrip()
    return rest.startswith(",") and rest[1:].lstrip().startswith(speaker) and bool(speaker)

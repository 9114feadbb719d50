"""Reported words after a participle: "X did Y, saying that Z" (EN), "..., acrescentando que Z" (PT),
"..., добавив, что Z" (RU), "..., заявявайки, че Z" (BG).

News prose reports speech this way as often as with a finite verb: "Valdor has warned its neighbours
against the new border posts, saying that they only raise the tension". What follows "that" is the speaker's; the
speaker is the subject of the main clause, named here only where the sentence opens on a name
(`lead_name`). Only a participle of saying followed by "that" (or its equivalent) or a quotation mark
counts: "adding to the tension" reports nothing.
"""
from __future__ import annotations

import re

from narrascope.nlp.appositions import speaker_after_verb
from narrascope.nlp.cue_words import THAT_VERBS, VERBS
from narrascope.nlp.names import capitalised_inside
from narrascope.nlp.speaker_words import DETERMINERS, NOT_IN_SUBJECT, SUBJECT_CONNECTORS, TIME_PREPOSITIONS
from narrascope.nlp.speakers import WORD
from narrascope.nlp.time_words import without_time_after

PARTICIPLE = re.compile(
    r",\s+(saying|claiming|adding|warning|insisting|arguing|noting|stressing|stating|alleging|explaining|asserting"
    r"|declaring|отметив|заявив|подчеркнув|добавив|сообщив|напомнив|указав|пояснив|уточнив|afirmando|dizendo"
    r"|acrescentando|alertando|sublinhando|referindo|garantindo|defendendo|salientando|заявявайки|казвайки"
    r"|добавяйки|подчертавайки|посочвайки|твърдейки)[,:]?\s+(?:(?:that|que|что|че)\s+|(?=[\"“«„]))",
    re.IGNORECASE)
# Words that open an adverbial before the subject ("On Wednesday, at a news conference, she ...", "Na
# entrevista, Petrova ..."): the subject follows its comma.
_OPENERS = frozenset((*TIME_PREPOSITIONS, "however", "meanwhile", "also", "after", "before", "during", "na", "no",
                      "em", "durante", "após", "além", "в", "во", "на", "след", "по", "при"))
MAX_NAME_WORDS = 3
# A description, then the name in apposition: "O Presidente valdoriano, Ivo Marr, ameaçou ..."
_IN_APPOSITION = re.compile(r"\s*[^,]{2,40},\s*([^,]{2,60}?)\s*,")
# Capitalised words that open a sentence without being its subject ("Cinco dias após", "Quanto ao governo").
_NO_SUBJECT = frozenset(("with", "without", "desde", "quanto", "cinco", "dois", "duas", "três", "quatro", "since",
                         "despite", "amid", "according", "segundo", "после", "хотя", "это", "това"))


def lead_name(sentence: str) -> str:
    """The name a sentence opens on, as the subject of its main clause ("Marr went on to assert ...",
    "A Valdória tem alertado ...", "Norvale even refused ..."; "O Presidente valdoriano, Ivo Marr, ameaçou"
    -> the name in apposition): after a leading adverbial and a determiner, up to three capitalised words
    followed by a lower-case one; "" when the sentence opens otherwise ("The minister visited ...": no name;
    "Marr's disappointment": not the speaker; "With hot summers", "Desde o início": no subject)."""
    named = _IN_APPOSITION.match(sentence)
    if named and 2 <= len(named.group(1).split()) <= MAX_NAME_WORDS and all(
            w[:1].isupper() for w in WORD.findall(named.group(1))):
        return named.group(1)
    words = WORD.findall(sentence)
    if words and words[0].lower() in _OPENERS and "," in sentence:
        words = WORD.findall(sentence[sentence.index(",") + 1 :])
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    run: list[str] = []
    for w in words:
        if not w[:1].isupper() or len(run) == MAX_NAME_WORDS:
            break
        run.append(w)
    rest = words[len(run) :]
    if (not run or not rest or not rest[0][:1].islower() or run[-1].endswith(("'s", "’s"))
            or run[0].lower() in NOT_IN_SUBJECT or run[0].lower() in _NO_SUBJECT):
        return ""
    return " ".join(run)


_AFTER_COMMA = re.compile(r",\s+(\w+)\s+")
_IS_VERB = re.compile("(?:" + "|".join([*VERBS.values(), THAT_VERBS]) + ")", re.IGNORECASE).fullmatch


def reporter(head: str) -> str:
    """Who speaks in "CLAIM, announced X on Sunday, adding that ...": the speaker after a verb of saying that
    follows a comma before the participle (else "": the participle's subject is the sentence's)."""
    verb = next((v for v in reversed(list(_AFTER_COMMA.finditer(head))) if _IS_VERB(v.group(1))), None)
    return speaker_after_verb(without_time_after(head[verb.end() :].strip())) if verb else ""


# "and" (with "also") right before a verb of saying: "Ivo Marev toured the port and said that ...".
_AND_BEFORE = re.compile(r"(?:^|[\s,])(?:and|и|e|а)\s+(?:(?:also|също|още|также|тоже|também)\s+)?$", re.IGNORECASE)


def shared_subject(sentence: str, pos: int, article: str) -> str:
    """The speaker of "X did Y and said that Z" (the verb of saying at `pos` right after "and"): the name the
    sentence opens on, its subject for both verbs (`lead_name`), where `article` also writes its first word with
    a capital inside a sentence (a name: not "Several", "Months", nor a Bulgarian or Russian adjective that opens
    the sentence, "Френският президент ..."); else ""."""
    m = _AND_BEFORE.search(sentence, max(0, pos - 24), pos)
    name = lead_name(sentence[: m.start()]) if m else ""
    if not name or not capitalised_inside(name.split()[0], article):
        return ""
    at = sentence.find(name)
    after, before = WORD.findall(sentence[at + len(name) :])[:1], sentence[:at].split()[-1:]
    determiner = bool(before) and before[0].lower() in DETERMINERS
    if (name.endswith(_ADJECTIVE_ENDS) or not after or after[0].lower() in SUBJECT_CONNECTORS | _AND
            or (determiner and after[0].isascii() and not _VERB_LIKE.search(after[0]))
            or (determiner and before[0].lower() in ("a", "an") and name.replace(".", "").isupper())):
        return ""  # "O Chefe de Estado", "A Pentagon spokesman", "a U.S. court", "Европейският съюз": no subject
    return name


_AND = frozenset(("and", "e", "и"))  # "Ivo Marev and Ana Lima met ... and said": two speakers
_ADJECTIVE_ENDS = ("ият", "ският", "ската", "ското", "ските")  # Bulgarian definite adjectives
# A verb after "The X", "O X" ("The Kremlin repeated ...", "A Valdória anunciou ..."; not "A Pentagon spokesman")
_VERB_LIKE = re.compile(r"(?:ed|es|s|has|had|was|is|will|would|can|could|did|ou|eu|iu|ram|foi|tem|vai)$", re.IGNORECASE)

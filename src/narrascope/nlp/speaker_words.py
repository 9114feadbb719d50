"""The words around a speaker, in the five languages (BG EN HI PT RU): pronouns, determiners, role nouns,
time words and the words that cannot stand in a speaker's name. `nlp.speakers` reads the speaker with them;
`nlp.attribution` and `nlp.appositions` share some."""
from __future__ import annotations

import re

from narrascope.nlp.names import CONNECTORS, FUNCTION_WORDS

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
                          "въпрос", "отговор", "доклад", "най-важното", "ето", "exemplo", "pausa", "mais", "итог",
                          "например", "for example", "for instance", "por exemplo", "उदाहरण के लिए",
                          # a list of the page's sources, its languages, its phone number, a screenshot's caption
                          "sources", "източници", "источники", "fontes", "स्रोतों", "languages", "тел.", "скриншот",
                          "screenshot"))
# Pronouns as sources: no names of their own (`nlp.pronoun_speakers` finds whom a singular one stands for).
PRONOUNS = frozenset((
    "he", "she", "they", "it", "we", "i", "you", "someone", "somebody", "nobody", "everyone", "him", "her", "them",
    "он", "она", "они", "оно", "мы", "я", "той", "тя", "те", "то", "ние", "аз", "ele", "ela", "eles", "elas", "nós",
    "eu", "वह", "वे", "उन्होंने", "उसने", "उन्हें", "उसे", "यह", "ये", "वो", "इसने", "उनके", "उसके", "दोनों",
    # after "according to": "според него" (him), "по мнению них", "според мен" (me)
    "него", "нея", "тях", "мен", "нас", "вас", "теб", "неё", "нее", "них", "нему", "ней", "им", "меня",
    # "Segundo o mesmo, ..." (according to the same one): who, the sentence does not say
    "o mesmo", "a mesma", "os mesmos", "as mesmas", "the same",
))
FIRST_PERSON = frozenset(("i", "we", "я", "мы", "аз", "ние", "мен", "нас", "eu", "nós", "मैं", "हम"))  # inside a turn: its speaker
NOT_SPEAKERS = PRONOUNS | {"उन", "उस"}  # "उनका कहना है" (his saying), "उनके अनुसार": a pronoun's stem
# Words that open a subject phrase before a reporting verb ("The Kremlin", "a protest group", "o ministro").
DETERMINERS = frozenset(("the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "one", "o",
                          "os", "as", "um", "uma", "एक"))
# Time and manner adverbs around a speaker's name ("Ранее Зеленский заявил", "Путин многократно подчертава").
ADVERBS = frozenset(("ранее", "вчера", "сегодня", "официально", "прямо", "публично", "неоднократно", "позже",
                      "впоследствии", "по-рано", "днес", "официално", "многократно", "впоследствие", "anteriormente",
                      "ontem", "hoje", "тогда", "сейчас", "теперь", "тогава", "сега", "आगे", "अब", "нееднократно",
                      "неведнъж", "вероятно", "често", "винаги", "никога", "отново", "часто", "всегда", "никогда", "снова",
                      "сначала", "затем", "потом", "вновь", "впервые", "първо", "после", "след това", "открыто", "лишь",
                      "только", "впрочем", "по-късно", "открито", "обаче", "porém", "contudo", "todavia",
                      "пък", "же",  # "Професор X пък добави": on the other hand
                      # "Първоначално Джейк Съливан каза": initially
                      "първоначално", "первоначально", "изначально", "inicialmente", "initially", "originally"))
# Words that cannot stand inside the subject of a reporting verb: prepositions, conjunctions, auxiliaries and
# modals, relative and other pronouns (a pronoun alone is a subject: see `_subject`).
NOT_IN_SUBJECT = frozenset((
    *(w for words in FUNCTION_WORDS.values() for w in words if w not in DETERMINERS),
    "which", "whom", "whose", "during", "despite", "like", "about", "after", "before", "against", "than", "into",
    "over", "under", "between", "without", "within", "through", "because", "while", "although", "though",
    "be", "been", "being", "are", "am", "is", "was", "were", "has", "have", "had", "do", "does", "did", "must",
    "should", "would", "could", "can", "will", "shall", "may", "might", "other", "such", "much", "many", "more",
    "most", "very", "only", "even", "still", "we’re", "we're", "they’re", "they're", "you’re", "you're", "it’s",
    "it's", "i’m", "i'm", "what", "whatever", "where", "whether", "onde", "където", "где",
    "enquanto", "ще", "би", "бих", "бихме", "бихте", "биха", "е", "са", "се", "бил", "била", "будет", "был",
    "была", "было", "были", "бы", "же",
    "ли", "били", "било", "сме", "сте", "съм", "беше", "бяха", "бъде", "бъдат", "дали", "защото", "понеже", "много",
    *ADVERBS, "както", "докато", "като",  # "Остин заобиколи въпроса, като каза": by saying, no subject
    # Hindi, beside its function words above: adverbs and participles ("उन्होंने शनिवार को कहा", "हालांकि ...
    # ने कहा": the subject is before or after them, never them)
    "हालांकि", "हालाँकि", "वही", "लेकर", "बार", "लगातार", "हुए", "हुई", "हुआ", "वहीं", "दौरान", "जबकि",
    # and time adverbials ("इससे पहले सेना ने दावा किया", "गुरुवार सुबह ... मंत्री ने कहा": earlier,
    # on Thursday morning)
    "इससे", "इसके", "इसी", "पहले", "बाद", "सप्ताह", "हफ्ते", "सुबह", "शाम", "रात", "सोमवार", "मंगलवार", "बुधवार",
    "गुरुवार", "शुक्रवार", "शनिवार", "रविवार",
    # verb forms before a name ("पैनल का नेतृत्व कर रहीं वैलेरी ... ने कहा": the panel's head said)
    "रहीं", "चुके", "चुकी", "चुका", "होने", "बावजूद", "स्थित",  # "मॉस्को स्थित मंत्रालय": the Moscow-based ministry
    # Russian question words and relative pronouns that cannot be a verb's subject ("объяснить, почему считает",
    # "офицеров, которых начали обвинять")
    "почему", "зачем", "которых", "которому", "которой", "которым", "которыми", "котором",
))
# Words that join the parts of one name or noun phrase ("Ministério da Defesa", "Президентът на Русия",
# "यूक्रेन के राष्ट्रपति").
SUBJECT_CONNECTORS = frozenset((*CONNECTORS, "pelo", "pela", "pelos", "pelas", "sobre", "का", "की", "के"))
BEFORE_VERB = frozenset(("has", "have", "had", "was", "were", "is", "also", "then", "again", "further", "ने", "भी",
                          "quite", "very", "rather", "even", "just",  # "Ivo Marev also rather firmly said", "has even said"
                          "always", "never", "once", "often", "already", "still", "previously", "recently", "later",
                          "earlier", "now", "today", "yesterday", "также", "уже", "ещё", "еще", "също", "така", "още",
                          "вече", "também", "já", "ainda", *ADVERBS,
                          # Bulgarian and Russian forms of "be" ("Шойгу беше заявил", "Били сме предупреждавани")
                          "е", "са", "съм", "сме", "сте", "беше", "бе", "бяха", "бил", "била", "било", "били", "был",
                          "была", "было", "были",
                          # Hindi: the object "this" and "already" ("उन्होंने ये भी कहा", "पहले ही यह भी कह चुके हैं")
                          "ही", "यह", "ये", "पहले",
                          # Hindi "often", "always", "repeatedly", "himself" ("X अक्सर कहते हैं कि": X often says)
                          "अक्सर", "हमेशा", "लगातार", "बार-बार", "खुद", "स्वयं",
                          # Portuguese auxiliaries ("o ministro tinha considerado", "foi anunciado que")
                          "tinha", "tinham", "tem", "têm", "ter", "havia", "haviam", "foi", "foram", "seria"))
# Hindi: "X का मानना है कि", "X का कहना है कि" (X believes, X says that): the possessive before these nouns marks the
# speaker (before "आरोप", "चेतावनी" it marks what the charge or the warning is about: "जासूसी के आरोप में").
HINDI_POSSESSIVE_SPEECH = ("मानना", "कहना", "दावा है")  # "X का दावा है कि": X claims that
HINDI_POSSESSIVES = frozenset(("का", "की", "के"))
# "Peskov on Tuesday said": a time adverbial between the speaker and the verb.
TIME_PREPOSITIONS = frozenset(("on", "in", "at", "during", "last", "this", "em", "no", "na", "на", "в", "във", "през"))
# Words that open a time adverbial right after a reporting verb ("disse esta sexta-feira Putin").
TIME_OPENERS = frozenset(("on", "this", "last", "yesterday", "today", "esta", "este", "nesta", "neste", "na", "no",
                           "ontem", "hoje"))
TIME_NOUNS = frozenset(("sábado", "domingo", "semana", "mês", "ano", "manhã", "tarde", "noite", "week", "month", "year",
                         "morning", "evening", "night", "weekend"))
# Prepositions that end a headline's speaker ("Зеленски за Путин:", "Biden on Putin:", "Медведев о ...").
HEADLINE_PREPOSITIONS = frozenset(("on", "about", "with", "over", "after", "to", "за", "със", "с", "о", "об", "про",
                                    "sobre", "com", "para", "após", "em", "à", "ao"))
QUANTIFIERS = frozenset(("some", "many", "most", "several", "all", "other", "alguns", "algumas", "muitos", "muitas",
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
# Words before such a pronoun that name nobody ("Всичко, което казах": all that I said; "The first who ...").
NO_ANTECEDENTS = frozenset(("всичко", "всички", "всеки", "тези", "онези", "това", "първият", "първата",
                             "последният", "всё", "все", "каждый", "тот", "те", "первый", "everything", "all",
                             "those", "anyone", "everyone", "the first", "the last"))
# The word before the verb when the pronoun is no speaker: "has much to say", "who is accused".
BEFORE_NO_REPORT = frozenset(("to", "is", "was", "are", "were", "be", "been", "being"))
# What a headline cites before its colon when no one speaks: a study, a report, a poll ("Estudo:", "Доклад:").
REPORT_NOUNS = ("study", "studies", "report", "survey", "poll", "research", "estudo", "relatório", "sondagem",
                "pesquisa", "inquérito", "изследван", "проучван", "доклад", "анкет", "исследовани", "опрос",
                "अध्ययन", "रिपोर्ट", "सर्वे")
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
    "евродепутат", "eurodeputad", "собеседни", "профессор", "министр", "экономист", "посол", "советник", "союзник", "эксперт", "учён", "представител",
    "премьер", "командующ", "блогер", "ведущ", "военкор", "корреспондент", "глава", "начальник", "заместител",
    "analista", "senador", "deputad", "embaixador", "conselheir", "aliad", "especialista", "perit", "cientist",
    "investigador", "porta-voz", "líder", "comandante", "chefe", "jornalist", "historiador", "secretári",
    "governador", "coronel", "oficial", "candidat", "advogad", "polític", "fonte", "grupo", "coletivo", "organizaç",
    "associaç", "ministério",  # "presidente", "general", ... as in English
    "писател", "читател", "служител", "чиновни", "колумнист", "синдикалист", "губернатор", "собеседник",
    "escritor", "colunista", "госсекретар", "помощник", "координатор", "специалист",
    "responsáve",  # "o responsável" (the official in charge), "os responsáveis"
)
# Offices whose "of" names what they head ("o ministro dos Negócios Estrangeiros", "the head of MI6"): the
# speaker is the office holder, not the ministry. English and Portuguese only: in Bulgarian and Russian the
# same shape more often runs a place into a name ("говорителят на Кремъл Дмитрий Песков").
OFFICE_NOUNS = frozenset({
    "minister", "secretary", "head", "chief", "spokesman", "spokeswoman", "spokesperson", "director", "governor",
    "ambassador", "commander", "chairman", "president", "leader", "mayor", "ministro", "ministra", "secretário",
    "secretária", "chefe", "porta-voz", "presidente", "líder", "comandante", "diretor", "diretora",
    "embaixador", "governador", "presidenta", "candidate", "candidato", "candidata", "founder", "fundador",
    "fundadora", "member", "membro", "senator", "senador", "senadora", "deputado", "deputada",
})
# "In turn", "for his part" between a speaker and the verb.
IN_TURN = tuple(tuple(p.split()) for p in (
    "на свой ред", "от своя страна", "в свою очередь", "со своей стороны", "por sua vez", "por seu lado",
    "por seu turno", "in turn", "for his part", "for her part", "for its part", "for their part"))
# Hindi pronouns with the agent marker "ने" written into them (he, she, they, I, we, you: "उन्होंने कहा"): the speaker.
HINDI_AGENT_PRONOUNS = frozenset(("उन्होंने", "उसने", "इन्होंने", "इसने", "मैंने", "हमने", "आपने", "तुमने"))
# A Portuguese verb in the past right after "segundo" ("segundo avançou a agência"): the source follows it.
PAST_VERB = re.compile(r"[a-zà-ú]{2,}(?:ou|aram|eu|eram|iu|iram)")


def no_name_word(word: str) -> bool:
    """A pronoun, auxiliary, adverb or preposition: no part of a speaker's name ("Он также уточнил")."""
    w = word.lower()
    return w in PRONOUNS or (w in NOT_IN_SUBJECT and w not in SUBJECT_CONNECTORS and w not in DETERMINERS)


# Articles that open a source at the start of its sentence ("The minister said"): lower case inside a frame.
_OPENING_ARTICLES = frozenset({"The", "A", "An", "O", "Os", "As", "Um", "Uma"})
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def inside_sentence(source: str | None) -> str | None:
    """`source` as it reads inside a sentence: "The minister" -> "the minister", and in Cyrillic a role or the
    adjective before one, which the sentence's start had capitalised ("Журналист Иван Петров" -> "журналист Иван
    Петров", "Американски политолог" -> "американски политолог"); names stay as they are."""
    if not source:
        return source
    first, _, rest = source.partition(" ")
    if rest and first in _OPENING_ARTICLES:
        return f"{first.lower()} {rest}"
    second = rest.split(" ", 1)[0].lower()
    if _CYRILLIC.match(first) and not first.isupper() and (
            is_role_form(first.lower()) or (second and is_role_form(second))):
        return first[:1].lower() + first[1:] + (f" {rest}" if rest else "")
    return source


# What may follow the stem of a role in Bulgarian and Russian: an ending ("президентът", "учените", "министра") or
# a compound's hyphen; "о" only after "министерств" ("министерство"), not "Политико" (an outlet)
_ROLE_ENDING = re.compile(r"(?:|[аяиеуюыь]|ът|ят|ите|та|ата|ката|ия|ият|ния|ният|ото|ове|овете|ом|ем|ой|ей|ами|ями|ах"
                          r"|ях|ов|ев|ого|ому|ым|ые|ых|ая|ое|ски|ска|ско|ского|ской|-\w+)")


def is_role_form(word: str, nominative: bool = False) -> bool:
    """Whether `word` (lower case) is a role's stem and one of its endings (`_ROLE_ENDING`), or with `nominative`
    one of the endings of a subject ("говорителят", "представитель"; not "президента")."""
    for stem in SPEAKER_NOUNS:
        if word.startswith(stem):
            rest = word[len(stem) :]
            if (rest in _NOMINATIVE_ENDINGS) if nominative else (_ROLE_ENDING.fullmatch(rest) or (
                    stem == "министерств" and rest == "о")):
                return True
    return False


_NOMINATIVE_ENDINGS = frozenset(("", "ът", "ят", "ь"))

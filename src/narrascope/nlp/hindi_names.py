"""Hindi words for the name finder: Devanagari has no capital letters, so a name the gazetteer never
saw is found from the words around it instead.

Hindi news introduces a person by office or trade and then the name, followed by a postposition or a
verb of saying: "ब्रिटेन के प्रधानमंत्री कीर स्टार्मर ने ...", "राष्ट्रीय सुरक्षा विश्लेषक बेथ सैनर का
कहना है". `names_after_titles` reads as a name the one to three words between such a title and the next
function word, frequent word of the language (learned from training text: a name the article's readers
are told about is rare, "पुरस्कार" or "देश" are not), verb form or punctuation.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from itertools import pairwise

from narrascope.nlp.text import words as _words

# Postpositions, pronouns, conjunctions, auxiliaries and particles: never a name, never part of one.
# Not the relative pronoun "जो" nor the pronoun "उन": they are also Joe ("जो बाइडेन") and Un ("किम जोंग उन").
HI_FUNCTION_WORDS = frozenset(["का", "की", "के", "को", "में", "से", "पर", "ने", "तक", "लिए", "द्वारा", "साथ", "बाद", "बीच", "ओर", "तरफ़", "तरफ", "बारे", "जैसे", "जैसा", "जैसी", "वाला", "वाले", "वाली", "और", "या", "कि", "लेकिन", "परंतु", "किंतु", "तथा", "एवं", "व", "अगर", "यदि", "तो", "क्योंकि", "जब", "तब", "जहां", "जहाँ", "यह", "वह", "ये", "वे", "इस", "उस", "इन", "इसे", "उसे", "इन्हें", "उन्हें", "उन्होंने", "इन्होंने", "मैं", "मैंने", "हम", "हमने", "हमें", "हमारे", "हमारी", "हमारा", "आप", "आपने", "तुम", "मुझे", "उनके", "उनकी", "उनका", "इसके", "इसकी", "इसका", "उसके", "उसकी", "उसका", "अपने", "अपनी", "अपना", "कोई", "कुछ", "सभी", "सब", "जिस", "जिसे", "जिन", "किस", "कौन", "क्या", "कैसे", "क्यों", "है", "हैं", "था", "थी", "थे", "थीं", "हो", "होगा", "होगी", "होंगे", "रहा", "रही", "रहे", "रहीं", "गया", "गई", "गए", "कर", "करने", "किया", "करते", "करती", "जा", "जाता", "जाती", "जाते", "सकता", "सकती", "सकते", "कहा", "कहते", "कहती", "कहना", "बताया", "भी", "ही", "नहीं", "न", "ना", "एक", "अब", "समय", "वक्त", "यहां", "यहाँ", "वहां", "वहाँ", "बहुत", "अधिक", "सबसे", "फिर", "केवल", "सिर्फ़", "सिर्फ"])

# Offices, ranks, trades and honorifics written just before a person's name.
HI_TITLES = frozenset(["राष्ट्रपति", "उपराष्ट्रपति", "प्रधानमंत्री", "पीएम", "मुख्यमंत्री", "मंत्री", "विदेशमंत्री", "रक्षामंत्री", "सांसद", "विधायक", "नेता", "उपनेता", "प्रवक्ता", "प्रमुख", "चीफ़", "चीफ", "अध्यक्ष", "उपाध्यक्ष", "महासचिव", "सचिव", "राजदूत", "जनरल", "कमांडर", "कर्नल", "मेजर", "एडमिरल", "कैप्टन", "प्रोफेसर", "प्रोफ़ेसर", "डॉ", "डॉक्टर", "विश्लेषक", "विशेषज्ञ", "अरबपति", "पत्रकार", "संवाददाता", "सदस्य", "गवर्नर", "राज्यपाल", "मेयर", "चांसलर", "निदेशक", "संस्थापक", "सीईओ", "लेखक", "वैज्ञानिक", "श्री", "श्रीमती", "सुश्री", "न्यायाधीश", "जज", "पादरी", "पोप", "राजा", "रानी", "सम्राट", "अभिनेता", "अभिनेत्री", "गायक", "खिलाड़ी", "कप्तान", "कोच", "सलाहकार", "अधिकारी", "आयुक्त", "सेनाध्यक्ष", "चेयरमैन", "कार्यकर्ता", "दूत", "सीनेटर", "एंबेसडर", "अर्थशास्त्री", "महापौर", "सीएम", "जानकार",
                       "समकक्ष", "संपादक", "मैनेजर"])
# Titles that are also common adjectives or nouns ("एक प्रमुख पुल", "सदस्य देश"): a single word after
# them is no name, a first and last name is.
_AMBIGUOUS_TITLES = frozenset({"प्रमुख", "सदस्य", "नेता", "अधिकारी", "विशेषज्ञ", "कार्यकर्ता"})
# Future and infinitive verb endings ("राष्ट्रपति बनेंगे": will become president).
_VERB_ENDINGS = ("ेंगे", "ेगा", "ेगी", "ूंगा", "ूँगा", "ना")
# Names that end like an infinitive: no verb stem ends in the vowel "ि"/"ी" or in "न्" before "ना" ("पीना",
# to drink, is too short to be taken for one), while Marina, Irina, Sabrina, Ekaterina and Anna do
# ("प्रवक्ता सबरीना वाल्डो ने": the spokeswoman had been no name at all).
_NAME_ENDINGS = ("ीना", "िना", "न्ना")
MIN_NAME_ENDING_CHARS = 5
MAX_NAME_WORDS = 3


def _verb_form(word: str) -> bool:
    """A future or infinitive form, which ends the words of a name ("राष्ट्रपति बनेंगे")."""
    if word.endswith(_NAME_ENDINGS) and len(word) >= MIN_NAME_ENDING_CHARS:
        return False
    return word.endswith(_VERB_ENDINGS)


def _devanagari(word: str) -> bool:
    """A word in Devanagari, its parts joined by hyphens allowed ("अल-नागगर")."""
    return all("\u0900" <= ch <= "\u097f" or ch in "-‐" for ch in word) and word[:1] not in "-‐"


def names_after_titles(text: str, toks: Sequence[tuple[int, int, str]], frequent: Collection[str],
                       titles: Collection[str] = HI_TITLES) -> list[tuple[int, int]]:
    """(start, end) of the names that follow a title word in `toks` (tokens of `text`), as above.
    `frequent`: words too common in the language to be part of an unknown name."""
    out: list[tuple[int, int]] = []
    for i, (_, end, word) in enumerate(toks):
        if word not in titles or i + 1 >= len(toks) or text[end : toks[i + 1][0]].strip():
            continue
        j = i + 1
        while j < len(toks) and j - i <= MAX_NAME_WORDS + 1:
            w = toks[j][2]
            if (w in HI_FUNCTION_WORDS or w in titles or w in frequent or _verb_form(w)
                    or not _devanagari(w) or (j > i + 1 and text[toks[j - 1][1] : toks[j][0]].strip())):
                break  # the name ends before a function word, a frequent word, a verb or punctuation
            j += 1
        n = j - i - 1
        if n == 0 or n > MAX_NAME_WORDS or (word in _AMBIGUOUS_TITLES and n < 2):
            continue
        out.append((toks[i + 1][0], toks[j - 1][1]))
    return out


# The agent marker: "वाल्डोरेव ने संवाददाताओं से कहा" (Valdorev told reporters), "मीरा कोस्तिन ने बताया".
AGENT_MARKER = "ने"
# Oblique plurals ("वक्ताओं ने", the speakers; "लड़ाकों ने", the fighters) are groups named by a common noun.
_OBLIQUE_PLURAL = ("ों", "यों", "ओं")
# Words that open a noun phrase: what follows one somewhere in the language's training text is a common noun
# ("उनकी पत्नी", his wife; "एक युवक", a young man; "इस अदालत", this court), learned by `determined_words`.
DETERMINERS = frozenset(["एक", "इस", "उस", "यह", "वह", "ये", "वे", "इन", "उन", "उनके", "उनकी", "उनका", "अपने",
                         "अपनी", "अपना", "इसके", "इसकी", "इसका", "उसके", "उसकी", "उसका", "किसी", "कई", "हर",
                         "हमारे", "हमारी", "हमारा", "मेरे", "मेरी", "मेरा", "दो", "तीन", "कुछ", "सभी"])


def determined_words(texts: Iterable[str]) -> set[str]:
    """The Devanagari words that follow a determiner or a possessive somewhere in `texts` (common nouns)."""
    out: set[str] = set()
    for text in texts:
        found = _words(text)
        out.update(b for a, b in pairwise(found) if a in DETERMINERS and _devanagari(b))
    return out


def names_before_agent(text: str, toks: Sequence[tuple[int, int, str]], frequent: Collection[str],
                       nouns: Collection[str], titles: Collection[str] = HI_TITLES) -> list[tuple[int, int]]:
    """(start, end) of the one to three words before the agent marker "ने", on its line, that are rare in the
    language (`frequent`), none a function word, title, verb form, plural or common noun (`nouns`, from
    `determined_words`): who did something is named there, and Hindi has no capitals to say so."""
    out: list[tuple[int, int]] = []
    for i, (start, _, word) in enumerate(toks):
        if word != AGENT_MARKER or i == 0 or not _space(text[toks[i - 1][1] : start]):
            continue
        j = i
        while j > 0 and i - j < MAX_NAME_WORDS + 1:
            w = toks[j - 1][2]
            if (w in HI_FUNCTION_WORDS or w in titles or w in frequent or w in nouns or _verb_form(w)
                    or not _devanagari(w) or w.endswith(_OBLIQUE_PLURAL)
                    or (j < i and not _space(text[toks[j - 1][1] : toks[j][0]]))):
                break
            j -= 1
        n = i - j
        if 0 < n <= MAX_NAME_WORDS:
            out.append((toks[j][0], toks[i - 1][1]))
    return out


def _space(gap: str) -> bool:
    """Words of one name: only spaces between them, no punctuation and no line break."""
    return bool(gap) and not gap.strip(" ")

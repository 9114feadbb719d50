"""A rough Latin spelling of Cyrillic and Devanagari names, for matching names across languages
(`Путин` ~ `Putin`, `पुतिन` ~ `putin`), never for display. Sounds that English spells in several ways
are folded together (`zh`/`j`/`z`, `ks`/`x`, double letters, vowels after the first letter), so that
`Зеленски`, `Zelensky` and `जेलेंस्की` meet."""
from __future__ import annotations

import functools
import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "i", "є": "e", "ґ": "g",
}
_DEVANAGARI_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "f", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh",
    "ष": "sh", "स": "s", "ह": "h", "क़": "k", "ख़": "kh", "ग़": "g", "ज़": "z", "ड़": "r", "ढ़": "rh", "फ़": "f",
}
_DEVANAGARI_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au",
    "ऋ": "ri", "ऑ": "o",
}
_VOWEL_SIGNS = {
    "ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "े": "e", "ै": "ai", "ो": "o", "ौ": "au", "ृ": "ri",
    "ॉ": "o", "ॅ": "e",
}
_VIRAMA, _ANUSVARA, _NUKTA = "्", ("ं", "ँ"), "़"


def _devanagari(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    chars = list(text)
    for i, ch in enumerate(chars):
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if ch in _DEVANAGARI_CONSONANTS:
            out.append(_DEVANAGARI_CONSONANTS[ch])
            # An inherent "a" unless a vowel sign or virama follows, or the word ends.
            if nxt and nxt not in _VOWEL_SIGNS and nxt != _VIRAMA and nxt not in _ANUSVARA and nxt != _NUKTA \
                    and not nxt.isspace():
                out.append("a")
        elif ch in _DEVANAGARI_VOWELS:
            out.append(_DEVANAGARI_VOWELS[ch])
        elif ch in _VOWEL_SIGNS:
            out.append(_VOWEL_SIGNS[ch])
        elif ch in _ANUSVARA:
            out.append("n")
        elif ch in (_VIRAMA, _NUKTA):
            continue
        else:
            out.append(ch)
    return "".join(out)


def latin(text: str) -> str:
    """Lower-case Latin letters for a name in any of the supported scripts."""
    text = text.lower()
    if re.search("[\u0900-\u097f]", text):
        text = _devanagari(text)
    text = "".join(_CYRILLIC.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.lru_cache(maxsize=100_000)  # names recur across the articles of a corpus
def skeleton(text: str) -> str:
    """The matching form of a name: Latin letters, similar sounds folded, vowels after the first letter
    of each word dropped, doubled letters single ("Зеленски", "Zelensky", "जेलेंस्की" -> "zlnsk")."""
    words = []
    for w in re.findall(r"[a-z0-9]+", latin(text)):
        w = w.replace("zh", "z").replace("j", "z").replace("ks", "x").replace("ck", "k").replace("ph", "f")
        w = w.replace("sch", "sh").replace("tch", "ch").replace("w", "v").replace("c", "k").replace("q", "k")
        w = w.replace("y", "i").replace("sh", "s").replace("ch", "s").replace("kh", "h").replace("th", "t")
        w = w.replace("np", "mp").replace("nb", "mb")
        w = w[:1] + re.sub("[aeiou]", "", w[1:])
        words.append(re.sub(r"(.)\1+", r"\1", w))
    return " ".join(words)


def without_nukta(text: str) -> str:
    """Devanagari without the nukta dot (ज़ -> ज, फ़ -> फ), as many Hindi texts write borrowed names."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).replace(_NUKTA, ""))

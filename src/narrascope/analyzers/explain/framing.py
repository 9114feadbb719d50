"""Short framing phrases that wrap quoted evidence into an explanation, per language.

The phrases are narrascope's own wording, written to match the register of the shared task's
reference explanations ("the article claims ...", "it also says ..."). Several candidates per
language are listed; training picks, by cross-validation on the annotated explanations, the one
that scores best for each language and stores its index in the model. Quoting the article's own
sentences keeps the explanation in the article's language; only the framing words need a
translation, so a language missing here falls back to quoting without a frame.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from narrascope.nlp.questions import is_question
from narrascope.nlp.speaker_words import inside_sentence
from narrascope.nlp.text import nest_quotes
from narrascope.taxonomy import OTHER

CLAIMS_FILE = Path(__file__).with_name("claims.yaml")
# "The article <does what the narrative does>." -- subject and full stop per language.
CLAIM_SUBJECT = {"en": "The article", "bg": "Статията", "hi": "यह लेख", "pt": "O texto", "ru": "Статья"}
CLAIM_END = {"hi": "।"}
# The subject of the claim sentence when every quote of the explanation is someone's reported words: the
# article then voices the narrative through those it quotes, and need not state it itself (a news report).
REPORTED_SUBJECT = {"en": "In the words it quotes, the article", "bg": "С думите, които цитира, статията",
                    "hi": "उद्धृत बयानों के ज़रिए यह लेख", "pt": "Pelas palavras que cita, o texto",
                    "ru": "Словами тех, кого цитирует, статья"}


SENTENCE_END = (".", "!", "?", "।", "…")


def closed(text: str) -> str:
    """`text` ending as a sentence: a full stop is added unless it already ends with one (a quote's
    closing mark is looked through: “... war.” stays as it is)."""
    core = text.rstrip("\"'”’»“")
    return text if core.endswith(SENTENCE_END) else text + ("।" if _devanagari(core) else ".")


def _devanagari(text: str) -> bool:
    return any("\u0900" <= c <= "\u097f" for c in text[-20:])


@dataclass(frozen=True, slots=True)
class Frame:
    lead: str  # before the first quote
    more: str  # before a second quote
    open_quote: str = "“"
    close_quote: str = "”"
    cites: str = ""  # before a first quote that reports someone's words (default: `lead`)
    cites_more: str = ""  # before a later one (default: `more`)
    cites_source: str = ""  # before a first cited quote whose source the article names ("{source}" in it)
    cites_source_more: str = ""  # before a later one
    asks: str = ""  # before a first quote that is the article's own question ("The article asks:")
    asks_more: str = ""  # before a later one

    def wrap(self, quotes: list[str], attributed: list[bool] | None = None,
             sources: list[str | None] | None = None) -> str:
        """The quotes in their framing phrases; an attributed quote is introduced as cited, not claimed, and
        names who said it when the article does (`sources`)."""
        parts: list[list[str]] = []  # [framing phrase, quote]
        previous = None
        for i, q in enumerate(quotes):
            cited = bool(attributed and attributed[i])
            source = sources[i] if cited and sources and i < len(sources) else None
            named = (self.cites_source if i == 0 else self.cites_source_more) if source else ""
            if named:
                prefix = named.format(source=inside_sentence(source))
            elif not cited and is_question(q) and (self.asks if i == 0 else self.asks_more):
                # "The article claims that “Why did ...?”" misreads a (rhetorical) question as a statement.
                prefix = self.asks if i == 0 else self.asks_more
            elif i == 0:
                prefix = (self.cites or self.lead) if cited else self.lead
            else:
                prefix = (self.cites_more or self.more) if cited else self.more
            if _opens_with_connective(q):  # "It also says that “But …”" does not read: "It also says: “But …”"
                prefix = _colon_form(prefix)
            quoted = f"{self.open_quote}{nest_quotes(q, self.open_quote)}{self.close_quote}"
            # A third quote framed like the second follows it without the phrase again ("It adds: “…” “…”"); the
            # second then ends its phrase with a colon ("It also says: “…” “…”", not "It also says that “…” “…”").
            repeated = i >= 2 and prefix == previous
            previous = prefix
            if repeated:
                parts[-1][0] = _colon_form(parts[-1][0])
            parts.append(["" if repeated else prefix, quoted])
        return " ".join(closed(f"{prefix} {quoted}" if prefix else quoted) for prefix, quoted in parts)

    def words(self) -> int:
        """Words the phrases add around two quotes (the larger of the claimed and the cited wording; a named
        source counts as SOURCE_WORDS words)."""
        def longest(*phrases: str) -> int:
            return max(len(p.replace("{source}", " ".join(["w"] * SOURCE_WORDS)).split()) for p in phrases)
        return longest(self.lead, self.cites, self.cites_source, self.asks) + longest(
            self.more, self.cites_more, self.cites_source_more, self.asks_more)


# Words that tie a sentence to the one before it ("But", "And", "Однако"): after "that" a quote opening with
# one no longer reads as the clause of the framing phrase.
_CONNECTIVES = frozenset((
    "but", "and", "so", "yet", "however", "or", "still", "also", "then", "но", "и", "а", "обаче", "затова", "така",
    "однако", "поэтому", "тем", "mas", "e", "porém", "contudo", "entretanto", "ou", "लेकिन", "और", "हालांकि",
    "मगर", "पर", "तो",
))
_FIRST_WORD = re.compile(r"[^\W\d_][\w\u0900-\u097f]*")


def _opens_with_connective(quote: str) -> bool:
    first = _FIRST_WORD.search(quote[:40])
    return bool(first and first.start() <= 2 and first.group().lower() in _CONNECTIVES)


def _colon_form(prefix: str) -> str:
    """A framing phrase that ends with the word introducing a clause ("that", "че", "कि", "que", "что") ending
    with a colon instead ("It also says that" -> "It also says:"); any other phrase as it is."""
    head, _, last = prefix.rpartition(" ")
    if head and last in COMPLEMENTIZERS.values():
        return head.rstrip(",") + ":"
    return prefix


# How a quote of someone else's words is introduced, per language (the article cites it, it does not claim it):
# first quote, later quote, and the same when the article names who said it (the source as the article writes
# it). Russian puts the name in the nominative after a passive verb: a source found after "по словам" is in the
# genitive, so evidence.py does not name it.
CITES: dict[str, tuple[str, str, str, str]] = {
    "en": ("The article quotes:", "It also quotes:", "The article quotes {source}:", "It also quotes {source}:"),
    "bg": ("Статията цитира:", "Цитира се и:", "Статията цитира {source}:", "Цитира се и {source}:"),
    "hi": ("लेख में उद्धृत है:", "लेख यह भी उद्धृत करता है:",
           "लेख में {source} के हवाले से कहा गया है:", "{source} के हवाले से यह भी कहा गया है:"),
    "pt": ("O texto cita:", "Cita ainda:", "O texto cita {source}:", "Cita ainda {source}:"),
    "ru": ("В статье приводятся слова:", "Также приводятся слова:",
           "В статье цитируется {source}:", "Цитируется также {source}:"),
}
# How the article's own question is introduced (first quote, later quote): a rhetorical question carries a
# claim, but "The article claims that" cannot introduce it.
ASKS: dict[str, tuple[str, str]] = {
    "en": ("The article asks:", "It also asks:"),
    "bg": ("Статията пита:", "Пита се още:"),
    "hi": ("लेख सवाल करता है:", "लेख यह भी पूछता है:"),
    "pt": ("O texto pergunta:", "Pergunta ainda:"),
    "ru": ("Статья задаётся вопросом:", "Также спрашивается:"),
}
SOURCE_WORDS = 4  # words a named source is counted as when a frame's length is budgeted (evidence keeps <= 4)
# The word that introduces a reported clause ("that"), per language: a framing phrase learned from the
# reference explanations must end with it (fitting.mine_leads), so that a quoted sentence can follow.
COMPLEMENTIZERS: dict[str, str] = {"en": "that", "bg": "че", "hi": "कि", "pt": "que", "ru": "что"}
# ... and must speak of the article itself (not of a person it quotes).
TEXT_NOUNS: dict[str, frozenset[str]] = {
    "en": frozenset({"text", "article", "author", "report", "piece"}),
    "bg": frozenset({"статията", "текста", "текстът", "авторът", "материала", "статия"}),
    "hi": frozenset({"लेख", "रिपोर्ट", "पाठ", "खबर", "समाचार", "इसमें"}),
    "pt": frozenset({"texto", "artigo", "autor", "notícia", "reportagem"}),
    "ru": frozenset({"статье", "статья", "автор", "тексте", "материале", "публикации"}),
}

FRAMES: dict[str, list[Frame]] = {
    "en": [
        Frame("The article claims that", "It also says that"),
        Frame("The text argues:", "It adds:"),
        Frame("The text presents this as fact:", "Elsewhere it states:"),
    ],
    "bg": [
        Frame("Статията твърди, че", "Също така се казва, че", "„", "“"),
        Frame("В текста се изтъква:", "Добавя се още:", "„", "“"),
        Frame("Авторът представя като факт:", "Освен това пише:", "„", "“"),
    ],
    "hi": [
        Frame("इस लेख में दावा किया गया है कि", "लेख में यह भी कहा गया है कि", '"', '"'),
        Frame("यह रिपोर्ट बताती है:", "रिपोर्ट आगे कहती है:", '"', '"'),
        Frame("लेख के अनुसार", "साथ ही लेख कहता है कि", '"', '"'),
    ],
    "pt": [
        Frame("O texto afirma que", "Acrescenta ainda que", "«", "»"),
        Frame("O artigo defende:", "Mais adiante, lê-se:", "«", "»"),
        Frame("Segundo o texto,", "O autor diz também que", "«", "»"),
    ],
    "ru": [
        Frame("В статье утверждается, что", "Также говорится, что", "«", "»"),
        Frame("Автор заявляет:", "Далее сказано:", "«", "»"),
        Frame("Статья подаёт как факт:", "Кроме того, отмечается:", "«", "»"),
    ],
}
FRAMES = {lang: [Frame(f.lead, f.more, f.open_quote, f.close_quote, *CITES[lang], *ASKS[lang])
              for f in frames] for lang, frames in FRAMES.items()}
BARE = Frame("", "")


def learned_frame(language: str, lead: str) -> Frame:
    """A framing phrase learned from the reference explanations, with the language's other phrases."""
    base = frames_for(language)[0]
    return Frame(lead, base.more, base.open_quote, base.close_quote, base.cites, base.cites_more,
                 base.cites_source, base.cites_source_more, base.asks, base.asks_more)


@lru_cache(maxsize=1)
def _claims() -> dict[str, dict[str, str]]:
    return yaml.safe_load(CLAIMS_FILE.read_text(encoding="utf-8")) or {}


def claim_sentence(narrative: str, language: str | None) -> str:
    """"The article <what the narrative does>." in the language, or "" when there is no phrase for it."""
    lang = (language or "").lower()[:2]
    phrase = _claims().get(narrative, {}).get(lang)
    if not phrase or lang not in CLAIM_SUBJECT:
        return ""
    return f"{CLAIM_SUBJECT[lang]} {phrase}{CLAIM_END.get(lang, '.')}"


def reported_claim(claim: str, language: str | None) -> str:
    """`claim` ("The article discredits ...") said of the words the article quotes ("In the words it quotes,
    the article discredits ..."); unchanged when it is no claim sentence of the language."""
    lang = (language or "").lower()[:2]
    subject = CLAIM_SUBJECT.get(lang)
    if not subject or lang not in REPORTED_SUBJECT or not claim.startswith(subject + " "):
        return claim
    return REPORTED_SUBJECT[lang] + claim[len(subject):]


# Which claim sentence opens an explanation (chosen per language in training, stored in the model's meta):
# the narrative's phrase, the dominant sub-narrative's own phrase (the narrative's where the sub-narrative is
# unknown, "Other" or has no phrase), or none (the framing phrase and the quotes alone).
CLAIM_NARRATIVE, CLAIM_SUBNARRATIVE, CLAIM_NONE = "narrative", "subnarrative", "none"
CLAIM_LEVELS = (CLAIM_NARRATIVE, CLAIM_SUBNARRATIVE, CLAIM_NONE)


def claim_for(level: str, narrative: str | None, subnarrative: str | None, language: str | None) -> str:
    """The claim sentence at `level` (CLAIM_LEVELS) for the dominant narrative and sub-narrative, or ""."""
    if level == CLAIM_NONE or not narrative:
        return ""
    if level == CLAIM_SUBNARRATIVE and subnarrative and not subnarrative.endswith(": " + OTHER):
        specific = claim_sentence(subnarrative, language)
        if specific:
            return specific
    return claim_sentence(narrative, language)


def frames_for(language: str | None) -> list[Frame]:
    """Candidate frames for an ISO 639-1 language code (a bare quote when the language is unknown)."""
    return FRAMES.get((language or "").lower()[:2], [BARE])


def frame_for(language: str | None, index: int = 0) -> Frame:
    frames = frames_for(language)
    return frames[index] if 0 <= index < len(frames) else frames[0]

"""Short framing phrases that wrap quoted evidence into an explanation, per language.

The phrases are narrascope's own wording, written to match the register of the shared task's
reference explanations ("the article claims ...", "it also says ..."). Several candidates per
language are listed; training picks, by cross-validation on the annotated explanations, the one
that scores best for each language and stores its index in the model. Quoting the article's own
sentences keeps the explanation in the article's language; only the framing words need a
translation, so a language missing here falls back to quoting without a frame.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

CLAIMS_FILE = Path(__file__).with_name("claims.yaml")
# "The article <does what the narrative does>." -- subject and full stop per language.
CLAIM_SUBJECT = {"en": "The article", "bg": "Статията", "hi": "यह लेख", "pt": "O texto", "ru": "Статья"}
CLAIM_END = {"hi": "।"}


@dataclass(frozen=True, slots=True)
class Frame:
    lead: str  # before the first quote
    more: str  # before a second quote
    open_quote: str = "“"
    close_quote: str = "”"

    def wrap(self, quotes: list[str]) -> str:
        parts: list[str] = []
        for i, q in enumerate(quotes):
            prefix = self.lead if i == 0 else self.more
            quoted = f"{self.open_quote}{q}{self.close_quote}"
            parts.append(f"{prefix} {quoted}" if prefix else quoted)
        text = " ".join(parts)
        return text if text.endswith((".", "!", "?", "।")) else text + "."


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
BARE = Frame("", "")


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


def frames_for(language: str | None) -> list[Frame]:
    """Candidate frames for an ISO 639-1 language code (a bare quote when the language is unknown)."""
    return FRAMES.get((language or "").lower()[:2], [BARE])


def frame_for(language: str | None, index: int = 0) -> Frame:
    frames = frames_for(language)
    return frames[index] if 0 <= index < len(frames) else frames[0]

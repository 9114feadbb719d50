"""Where it was said, before the verb of saying: the outlet ("X в интервью Reuters заявил", "В интервю за The Sun
X е заявил", "В своем Telegram-канале X отметил") is no speaker; `words_before` (`nlp.speakers`) reads the
speaker without it."""
from __future__ import annotations

from narrascope.nlp.names import closing_name_run
from narrascope.nlp.speaker_words import BEFORE_VERB, PRONOUNS

# The words that name an interview, a broadcast or a channel (lower case).
_OUTLET_MARKERS = frozenset(("интервью", "интервю", "эфире", "ефир", "ефира", "беседе", "разговоре", "telegram-канале",
                             "телеграм-канале", "telegram-канала"))
_IN = frozenset(("в", "во", "във"))


def without_outlet(words: list[str]) -> list[str]:
    """The words before a verb without the outlet where it was said: the speaker before "в интервью ..." ("Никол
    Пашинян в интервью Общественному телевидению заявил"), or after the outlet, the name that closes the words,
    in the script of the last word and no acronym ("В интервю за Le Monde Зеленски каза")."""
    at = next((k for k, w in enumerate(words) if w.lower() in _OUTLET_MARKERS), None)
    if at is None:
        return words
    if at >= 2 and words[at - 1].lower() in _IN:
        return words[: at - 1]
    after = words[at + 1 :]
    while after and after[-1].lower() in BEFORE_VERB:  # "В интервю за The Sun Петреъс е заявил"
        after = after[:-1]
    if after and after[-1].lower() in PRONOUNS:  # "В интервю за канала XTV той отбеляза": he
        return after[-1:]
    return closing_name_run(after) if after else []

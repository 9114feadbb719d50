"""The article's own questions: a sentence that asks ("О чем говорили Путин и Моди", "O que diz a Rússia",
"What does the proposal say?") is neither a claim it states nor someone's words it reports."""
from __future__ import annotations

import re

# A question word opening the sentence (after a quotation mark), in the five languages.
QUESTION_WORD = re.compile(r"\s*[«\"“]?(?:о ч[её]м|что|почему|зачем|what|why|защо|какво|за какво|o que|por ?que|"
                           r"क्यों|क्या)(?![\w\u0900-\u097F])", re.IGNORECASE)
# ... with the reporting verb at most one word after it: the article asks about what someone said.
ASKS_ABOUT_SPEECH = re.compile(QUESTION_WORD.pattern + r"(?:\s+[^\W\d_][\w-]*)?\s*$", re.IGNORECASE)


def is_question(sentence: str) -> bool:
    """A question: it ends with a question mark, or it is a headline (no closing stop) that opens with a
    question word ("О чем говорили Путин и Моди во время переговоров в Москве", "O que diz a Rússia")."""
    bare = sentence.rstrip(" \"'”’»)“…\n")
    if bare.endswith(("?", "؟")):
        return True
    return bool(QUESTION_WORD.match(sentence)) and not bare.endswith((".", "!", ":", ";", ",", "।"))

import pytest

from narrascope.nlp.text import WORD_PATTERN, paragraphs, sentences, word_spans, words


def test_sentences_are_offsets_into_the_original_text():
    text = "Title line\r\n\r\nFirst claim. Second claim!  Third?\r\nРусский текст. Ещё.\nहिंदी वाक्य। दूसरा।"
    spans = sentences(text)
    pieces = [text[s:e] for s, e in spans]
    assert pieces == [
        "Title line", "First claim.", "Second claim!", "Third?", "Русский текст.", "Ещё.", "हिंदी वाक्य।", "दूसरा।",
    ]


def test_overlong_unpunctuated_text_is_cut_on_spaces():
    text = " ".join(["word"] * 500)
    spans = sentences(text, max_chars=100)
    assert all(e - s <= 100 for s, e in spans)
    assert all(text[s:e].startswith("word") and text[s:e].endswith("word") for s, e in spans)


def test_paragraphs_skip_blank_lines():
    text = "One.\n\n\nTwo, still two.\r\nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two, still two.", "Three."]


@pytest.mark.parametrize("text, expected", [
    ("भारत सरकार ने कहा कि युद्ध जारी रहेगा", ["भारत", "सरकार", "ने", "कहा", "कि", "युद्ध", "जारी", "रहेगा"]),
    ("Русия и България подкрепят", ["Русия", "и", "България", "подкрепят"]),
    ("Россию, Москве и Киеву.", ["Россию", "Москве", "и", "Киеву"]),
    ("O governo não aceitou a proposta ação", ["O", "governo", "não", "aceitou", "a", "proposta", "ação"]),
    ("NATO's 2024 plan, Kyiv-based", ["NATO", "s", "2024", "plan", "Kyiv", "based"]),
    ("क्‍ष and क्षेत्र", ["क्‍ष", "and", "क्षेत्र"]),  # a zero-width joiner inside a word stays in it
])
def test_words_keep_every_script_whole(text, expected):
    assert words(text) == expected
    assert [text[s:e] for s, e in word_spans(text)] == expected


def test_word_pattern_is_a_scikit_learn_token_pattern():
    from sklearn.feature_extraction.text import CountVectorizer

    vocab = CountVectorizer(token_pattern=WORD_PATTERN).fit(["भारत सरकार ने कहा"]).get_feature_names_out()
    assert list(vocab) == sorted(["भारत", "सरकार", "ने", "कहा"])


@pytest.mark.parametrize("text", [
    "Plain English, with numbers 2024 and under_scores.",
    "Русия и България; O governo não aceitou.",
    "Decomposed accent: cafe\u0301 and nai\u0308ve",  # combining marks: the full pattern is used
    "भारत सरकार ने कहा",
    "क्\u200dष joined and a lone \u200c joiner",
    "a lone surrogate \udc80 does not break the check",
])
def test_word_regex_finds_what_word_pattern_finds(text):
    import re

    from narrascope.nlp.text import word_regex

    pattern = word_regex(text)
    assert pattern.findall(text) == re.findall(WORD_PATTERN, text)
    for lo, hi in ((0, 7), (3, 20), (5, len(text))):  # any part of the text, words cut at the edges
        assert pattern.findall(text, lo, hi) == re.findall(WORD_PATTERN, text[lo:hi])


def test_sentences_are_fresh_lists_each_call():
    text = "One claim. Another claim."
    first = sentences(text)
    first.append((0, 1))
    assert sentences(text) == [(0, 10), (11, 25)]

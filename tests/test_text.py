from narrascope.nlp.text import paragraphs, sentences


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

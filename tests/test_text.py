import pytest

from narrascope.nlp.text import WORD_PATTERN, paragraphs, remembered_per_text, sentences, word_spans, words


def test_sentences_are_offsets_into_the_original_text():
    text = "Title line\r\n\r\nFirst claim. Second claim!  Third?\r\nРусский текст. Ещё.\nहिंदी वाक्य। दूसरा।"
    spans = sentences(text)
    pieces = [text[s:e] for s, e in spans]
    assert pieces == [
        "Title line", "First claim.", "Second claim!", "Third?", "Русский текст.", "Ещё.", "हिंदी वाक्य।", "दूसरा।",
    ]


@pytest.mark.parametrize("text, expected", [
    # initials, titles and letters-and-dots abbreviations before a name
    ("U.S. President Hale said no. The talks failed.", ["U.S. President Hale said no.", "The talks failed."]),
    ("He met Robert W. Lane. Then he left.", ["He met Robert W. Lane.", "Then he left."]),
    ("Dr. Mara Lind spoke first. Sen. Dale Orr did not.", ["Dr. Mara Lind spoke first.", "Sen. Dale Orr did not."]),
    ("Заяви проф. Петров. Президентът В. Иванов отказа.", ["Заяви проф. Петров.", "Президентът В. Иванов отказа."]),
    ("Проф. Петров: Ледът се топи. Доц. Иванова не е съгласна.", ["Проф. Петров: Ледът се топи.",
                                                                  "Доц. Иванова не е съгласна."]),
    ("„Мостът падна“, каза полк. Петров. Инж. Иванов мълчи.", ["„Мостът падна“, каза полк. Петров.",
                                                              "Инж. Иванов мълчи."]),
    ("मंत्री एस. वर्मा ने कहा कि युद्ध जारी रहेगा। यह यू.एस. की नीति है.", ["मंत्री एस. वर्मा ने कहा कि युद्ध जारी रहेगा।",
                                                                  "यह यू.एस. की नीति है."]),
    ("डॉ. रमेश ने कहा. युद्ध जारी रहेगा.", ["डॉ. रमेश ने कहा.", "युद्ध जारी रहेगा."]),
    # a lower-case word after the full stop continues the sentence; a number after a month or "No."
    ("Потрачено 5 млн. рублей. Всё.", ["Потрачено 5 млн. рублей.", "Всё."]),
    ("The U.S. economy grew. Shell vs. Greenpeace ended.", ["The U.S. economy grew.", "Shell vs. Greenpeace ended."]),
    ("The law passed on Jan. 26 in Ohio. No. 5 was next.", ["The law passed on Jan. 26 in Ohio.", "No. 5 was next."]),
    # ... and so does a dash before a lower-case word ("от 2023 г. - д-р Петров ... каза")
    ("През 2023 г. - д-р Петров, ученият - каза това. Всичко.", ["През 2023 г. - д-р Петров, ученият - каза това.",
                                                                 "Всичко."]),
    ("Добре. - Не, каза той.", ["Добре.", "- Не, каза той."]),
    # what still ends a sentence: a unit, the platform X, a Roman numeral, a quote closed after the stop,
    # a line break, "No." before a word
    ("It reached 1,5 °C. This is new.", ["It reached 1,5 °C.", "This is new."]),
    ("He posted on X. Nobody replied.", ["He posted on X.", "Nobody replied."]),
    ("Before World War I. After it, peace.", ["Before World War I.", "After it, peace."]),
    ("She said “no.” He left.", ["She said “no.”", "He left."]),
    ("Той каза: „Мостът е затворен.“ После си тръгна.", ["Той каза: „Мостът е затворен.“", "После си тръгна."]),
    ("Made in the U.S.\nNext line.", ["Made in the U.S.", "Next line."]),
    ("No. I disagree.", ["No.", "I disagree."]),
])
def test_a_full_stop_after_an_abbreviation_does_not_end_the_sentence(text, expected):
    assert [text[s:e] for s, e in sentences(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # two sentences the source ran together, with no space after the stop, in each script
    ("The port closed, said Ivo Marev.The talks resume on Monday.", ["The port closed, said Ivo Marev.",
                                                                     "The talks resume on Monday."]),
    ("Мостът е затворен, посочи Петров.Кметът мълчи.", ["Мостът е затворен, посочи Петров.", "Кметът мълчи."]),
    ("Порт закрыт, - сказал Петров.По его словам, ремонт идёт.", ["Порт закрыт, - сказал Петров.",
                                                                "По его словам, ремонт идёт."]),
    ("O porto fechou sem aviso.Segundo a câmara, reabre amanhã.", ["O porto fechou sem aviso.",
                                                                   "Segundo a câmara, reabre amanhã."]),
    ("Was it closed?Nobody knows.", ["Was it closed?", "Nobody knows."]),
    ("Порт закрыт надолго.«Это ошибка», - считает Петров.", ["Порт закрыт надолго.", "«Это ошибка», - считает Петров."]),
    ('Порт закрыт надолго."Это ошибка", - считает Петров.', ['Порт закрыт надолго.', '"Это ошибка", - считает Петров.']),
    ('Петров сказал: "Порт закрыт надолго."Мэр молчит.', ['Петров сказал: "Порт закрыт надолго."', 'Мэр молчит.']),
    ("मंत्री ने कहा कि बंदरगाह बंद है.बैठक कल होगी।अब चुनाव होंगे।", ["मंत्री ने कहा कि बंदरगाह बंद है.", "बैठक कल होगी।",
                                                                 "अब चुनाव होंगे।"]),
    # not a link, a handle or a site's name, not a pause inside the sentence, not a Hindi abbreviation
    ("Follow facebook.com/Ivo.Marev for more. Then vote.", ["Follow facebook.com/Ivo.Marev for more.", "Then vote."]),
    ("Read it on Norvale.Ru today.", ["Read it on Norvale.Ru today."]),
    ("They all agree…Unless it rains.", ["They all agree…Unless it rains."]),
    ("नई दिल्ली,का.सं.। बैठक हुई।", ["नई दिल्ली,का.सं.।", "बैठक हुई।"]),
    ("उन्होंने एम.एससी की डिग्री ली।", ["उन्होंने एम.एससी की डिग्री ली।"]),
])
def test_sentences_run_together_without_a_space_are_split(text, expected):
    assert [text[s:e] for s, e in sentences(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Really?!?! Yes.", ["Really?!?!", "Yes."]),
    ("Wait.... Then rain.", ["Wait....", "Then rain."]),
    ("Stop!!!Now we vote.", ["Stop!!!", "Now we vote."]),
    ("They all agree...Unless it rains.", ["They all agree...Unless it rains."]),
    ("बंदरगाह बंद है।। बैठक कल होगी।", ["बंदरगाह बंद है।।", "बैठक कल होगी।"]),
])
def test_a_run_of_stops_ends_its_sentence_once(text, expected):
    assert [text[s:e] for s, e in sentences(text)] == expected


def test_long_runs_without_spaces_are_read_as_short_ones():
    # A line of dots or a pasted blob of stops and letters is read once (the speed is a benchmark's:
    # benchmarks/bench_worst_case.py); the sentences around it are those of the short run.
    for run in ("." * 4000, "!" * 4000):
        text = f"The port closed {run} Ivo Marr said no."
        first, *middle, last = (text[s:e] for s, e in sentences(text, max_chars=10_000))
        assert (first, middle, last) == (f"The port closed {run}", [], "Ivo Marr said no.")
    text = "The port closed." + "a.Bc" * 1000 + " Ivo Marr said no."  # a stop between a small and a capital letter
    found = [text[s:e] for s, e in sentences(text)]
    assert found[0] == "The port closed.a.Bca." and set(found[1:-1]) == {"Bca."} and found[-1] == "Bc Ivo Marr said no."


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


def test_an_untitled_text_is_headed_by_its_opening_words():
    from narrascope.nlp.text import opening_words

    assert opening_words("Valdor closed its border.\nTalks follow on Monday.") == "Valdor closed its border."
    long = ("The defence minister of Valdor, speaking to reporters on Monday evening, said that the units would "
            "stay at the border for as long as needed. Talks follow.")
    heading = opening_words(long)
    assert heading.endswith(" …") and len(heading) <= 92 and long.startswith(heading[:-2])
    assert not heading[:-2].endswith(",")  # cut after a word, never on a mark
    assert opening_words("   \n ") == ""



def test_answers_are_remembered_for_the_last_text_of_each_thread_only():
    import threading

    asked = []

    @remembered_per_text
    def count(text: str, word: str) -> int:
        asked.append((text, word))
        return text.count(word)

    first, second = "Marr met Lind. Marr left.", "Lind stayed."
    assert [count(first, "Marr"), count(first, "Marr"), count(first, "Lind")] == [2, 2, 1]
    assert count(second, "Lind") == 1 and count(first, "Marr") == 2  # a new text: the first one's answers go
    assert asked == [(first, "Marr"), (first, "Lind"), (second, "Lind"), (first, "Marr")]
    other = threading.Thread(target=lambda: count(first, "Marr"))
    other.start()
    other.join()
    assert len(asked) == 5  # another thread holds its own text

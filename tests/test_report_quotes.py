"""The text report quotes evidence on one line; a long quote is shortened in the middle, between whole
words, so that both ends can be quoted as they stand in the article."""
from __future__ import annotations

from narrascope.document import Span
from narrascope.report.common import quote


def test_a_long_quote_is_shortened_between_whole_words():
    text = ("Ahead of an election in the spring, the ministers are already questioning the commitment of the "
            "alliance to its eastern members and disagree with the plan to send troops to fight to the last soldier.")
    shown = quote(text, Span(0, len(text)), limit=120)
    head, tail = shown.split(" … ")
    assert len(shown) <= 120 and text.startswith(head) and text.endswith(tail)
    assert text[len(head)] == " " and text[-len(tail) - 1] == " "  # no word cut at either end
    assert tail == "last soldier."


def test_short_quotes_and_one_long_word_stay_bounded():
    assert quote("The talks failed.", Span(0, 17)) == "The talks failed."
    word = "x" * 300
    assert len(quote(word, Span(0, 300))) <= 240


def test_technique_excerpts_and_short_quotes_open_and_close_on_whole_words():
    from narrascope.report.techniques import _excerpt, _short

    before = "The other states most involved in the long confrontation looked at the French president " * 3
    text = before + "and then came the pacifists, some kind of pacifists! " + "They all twisted their temples. " * 12
    at = text.index("some kind")
    shown = _excerpt(text, 0, len(text), [Span(at, at + len("some kind of pacifists"), "Name_Calling-Labeling")]).plain
    assert shown.startswith("…") and shown.endswith("…") and len(shown) < len(text)
    body = shown.strip("…")
    assert text.index(body) > 0 and text[text.index(body) - 1] == " "  # opens on a whole word
    end = text.index(body) + len(body)
    assert text[end] == " "  # and closes on one
    assert "some kind of pacifists" in body
    long_quote = "And if Western politicians even for a second tried to put themselves in our place, they would see"
    cut = _short(long_quote, 60)
    assert cut.endswith("…") and len(cut) <= 60 and long_quote.startswith(cut[:-1])
    assert long_quote[len(cut) - 1] == " "  # after a whole word

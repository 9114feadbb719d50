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

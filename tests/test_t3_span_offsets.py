"""Gold technique spans land on the words they mark (`semeval.t3.aligned_spans`).

Many non-English articles of the 2023 data reach us with LF line ends while their span offsets were
counted over CRLF ones, and spans that end a sentence lost their last letter. The reader puts them back;
spans that already fit are left alone.
"""
from __future__ import annotations

from pathlib import Path

from narrascope.semeval import t3

ARTICLE = ("Peace talks stall\n\nThe minister called the plan a disgrace.\n"
           "Critics say the so-called reform is a betrayal of voters.\n")
MARKED = ("disgrace", "so-called reform", "betrayal of voters")


def _crlf_offsets(text: str, phrase: str) -> tuple[int, int]:
    """Where `phrase` is when every line end of `text` is CRLF (what the annotation tool counted)."""
    at = text.replace("\n", "\r\n").index(phrase)
    return at, at + len(phrase)


def _words(text: str, spans: list[tuple[str, int, int]]) -> list[str]:
    return [text[s:e] for _, s, e in spans]


def test_offsets_counted_over_crlf_line_ends_are_moved_onto_the_lf_text():
    spans = [("Loaded_Language", *_crlf_offsets(ARTICLE, p)) for p in MARKED]
    assert _words(ARTICLE, spans) != list(MARKED)  # as given, each lands 2-3 characters late
    assert _words(ARTICLE, t3.aligned_spans(ARTICLE, spans)) == list(MARKED)


def test_spans_that_fit_the_text_are_kept():
    spans = [("Name_Calling-Labeling", ARTICLE.index(p), ARTICLE.index(p) + len(p)) for p in MARKED]
    assert t3.aligned_spans(ARTICLE, spans) == spans
    crlf = ARTICLE.replace("\n", "\r\n")  # an article that kept its CR characters is read as given
    own = [("Doubt", crlf.index(p), crlf.index(p) + len(p)) for p in MARKED]
    assert t3.aligned_spans(crlf, own) == own


def test_a_span_that_ends_a_sentence_gets_its_last_letter_back():
    start = ARTICLE.index("disgrace")
    short = [("Loaded_Language", start, start + len("disgrac"))]  # "[disgrac]e."
    assert _words(ARTICLE, t3.aligned_spans(ARTICLE, short)) == ["disgrace"]
    inner = ARTICLE.index("so-called")  # a span that ends mid-word elsewhere is not guessed at
    assert _words(ARTICLE, t3.aligned_spans(ARTICLE, [("Doubt", inner, inner + 4)])) == ["so-c"]


def test_the_reader_realigns_what_it_reads(tmp_path: Path):
    root = tmp_path / "data" / "it"
    (root / "train-articles-subtask-3").mkdir(parents=True)
    (root / "train-labels-subtask-3-spans").mkdir()
    (root / "train-articles-subtask-3" / "article7.txt").write_text(ARTICLE, encoding="utf-8", newline="")
    rows = [f"7\tLoaded_Language\t{s}\t{e - 1 if p.endswith('disgrace') else e}"
            for p in MARKED for s, e in [_crlf_offsets(ARTICLE, p)]]
    (root / "train-labels-subtask-3-spans" / "article7-labels-subtask-3.txt").write_text("\n".join(rows) + "\n")
    (doc,) = t3.read_language(tmp_path, "it")
    assert _words(doc.text, doc.spans) == list(MARKED)
    assert t3.edge_breaks(doc.text, doc.spans) == 0
